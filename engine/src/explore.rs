//! The explorer: every interleaving of two parties running a generated
//! protocol, checked against the spec's properties with `stateright`.
//!
//! A [`World`] is both parties' states, the messages in flight each way (in
//! order, as over one TCP connection), the chain events that may still fire
//! and the commands the users may still issue. From a world, any of these may
//! happen next: deliver the next message to a party, fire a watched chain
//! event, or issue a command. Breadth-first search finds the shortest path to
//! any violation, printed as a numbered trace.
//!
//! Faults, each bounded per path by [`Faults`]: the connection drops (every
//! message in flight is lost), or a party crashes and restarts from its
//! store (its connection drops and its state is reloaded from its stored
//! bytes, so a state the store cannot carry shows up as a divergence). The
//! chain is always slow and unordered: a watched event may fire at any
//! moment after it was asked for, or never within the bound.
//!
//! What it checks: every `invariant` in every state of both parties;
//! `sometimes` goals reached by some party; `eventually` goals reached by both
//! parties on every path within the bound; and deadlocks (a world where
//! nothing can happen while a party is not in a terminal state).

use crate::machine::Machine;
use crate::rt::{ChainEvent, Confirmed, Context, PropertyKind, Spent, Tx};
use stateright::{Checker, Model, Property};
use std::fmt::Debug;
use std::hash::Hash;
use std::sync::Mutex;

/// What a protocol must expose to be explored.
pub trait Explorable: Machine + Send + Sync + 'static
where
    Self::State: Hash + Eq + Send + Sync,
    Self::Input: Send + Sync + PartialEq,
{
    type Message: Clone + Debug + PartialEq + Eq + Hash + Send + Sync;

    /// A step without the debug-build invariant assertion: the explorer
    /// reports violations instead of stopping at them.
    fn explore_step<C: Context>(
        state: Self::State,
        input: Self::Input,
        env: &Self::Env,
        ctx: &mut C,
    ) -> Result<(Self::State, Vec<Self::Effect>), crate::rt::Reject>;
    fn recv(m: Self::Message) -> Self::Input;
    fn chain(e: ChainEvent) -> Self::Input;
    /// The message an effect sends, if it is a `Send`.
    fn sent(e: &Self::Effect) -> Option<Self::Message>;
    /// The chain event an effect asks to be told of, if it is a watch.
    fn watched(e: &Self::Effect) -> Option<ChainEvent>;
    /// The input a timer of this name gives when it fires.
    fn timer(name: &str) -> Option<Self::Input>;
    /// The timer an effect starts or stops, if any.
    fn timer_change(e: &Self::Effect) -> Option<TimerChange>;
    fn properties() -> &'static [(&'static str, PropertyKind)];
    fn holds<C: Context>(name: &str, state: &Self::State, env: &Self::Env, ctx: &mut C) -> bool;
    fn is_terminal(state: &Self::State) -> bool;
    fn state_name(state: &Self::State) -> &'static str;
    fn describe(input: &Self::Input) -> String;
}

/// A possible move: the action and the world it leads to.
type Move<S, M> = (Action, World<S, M>);

/// One step of a path: the world and the action taken from it (none at the end).
type PathStep<S, M> = (World<S, M>, Option<Action>);

/// Everything in flight at one moment.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct World<S, M> {
    pub parties: [S; 2],
    /// Messages on their way to party 0 and to party 1, oldest first.
    pub inbound: [Vec<M>; 2],
    /// Chain events each party watches for that have not fired.
    pub watches: Vec<(u8, ChainEvent)>,
    /// Timers each party has running, in the order started.
    pub timers: Vec<(u8, &'static str)>,
    /// How many times each configured command may still be issued.
    pub commands_left: Vec<u8>,
    /// How many more commands each party's user may issue.
    pub party_commands_left: [u8; 2],
    /// Disconnects and crashes still allowed on this path.
    pub faults_left: Faults,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    Deliver { to: u8 },
    Fire { watch: usize },
    Command { index: usize },
    /// A running timer fires (time is free: any running timer may fire next).
    Timer { timer: usize },
    /// The connection drops; messages in flight are lost.
    Disconnect,
    /// A party crashes and restarts from its store.
    Crash { party: u8 },
}

/// A timer started or stopped by a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimerChange {
    Start(&'static str),
    Stop(&'static str),
}

/// The timer an engine effect starts or stops, if any.
pub fn timer_change<M, E>(e: &crate::rt::Effect<M, E>) -> Option<TimerChange> {
    match e {
        crate::rt::Effect::StartTimer { name, .. } => Some(TimerChange::Start(name)),
        crate::rt::Effect::StopTimer { name } => Some(TimerChange::Stop(name)),
        _ => None,
    }
}

/// The faults a path may contain, at most this many of each.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Faults {
    pub disconnects: u8,
    pub crashes: u8,
}

/// The bounds and the moves users may make.
pub struct Setup<P: Explorable>
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
{
    pub names: [&'static str; 2],
    pub initial: [P::State; 2],
    pub envs: [P::Env; 2],
    /// `(party, command input, how many times)`.
    pub commands: Vec<(u8, P::Input, u8)>,
    /// At most this many commands per party on a path (on top of each
    /// command's own count).
    pub commands_per_party: u8,
    pub faults: Faults,
    /// What each party's host tells its machine when the connection drops
    /// and comes back, in order (e.g. `peer_disconnected`, then
    /// `peer_connected`); empty for a protocol that knows nothing of
    /// connections. An input a state refuses is skipped.
    pub on_reconnect: Vec<P::Input>,
}

/// The composition as a stateright model.
pub struct Composition<P: Explorable, C: Context + Send>
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
{
    pub setup: Setup<P>,
    pub ctx: [Mutex<C>; 2],
    /// The spec's properties, each checked through a slot of [`SLOTS`].
    pub props: Vec<(&'static str, PropertyKind)>,
    /// Each party's step results by (state, input): a machine is a function
    /// of its state and input, and the same pair recurs in many worlds, so
    /// its signing and verifying run once per pair instead of once per world.
    memo: [Mutex<StepMemo<P>>; 2],
    /// Each state as it comes back from the store, by state (a restart
    /// decodes points, which is costly, and recurs as often as a step).
    /// Keyed by fingerprint, like `memo`.
    restarts: Mutex<std::collections::HashMap<u64, Option<P::State>>>,
    /// Slots already discovered. stateright records the *last* state that
    /// violates an `always` (or meets a `sometimes`); answering "nothing new"
    /// after the first keeps breadth-first search's first, shortest path.
    found: Mutex<Vec<usize>>,
}

/// Locks a mutex whose holder may have panicked (the data is a cache or a
/// context; a panic mid-update leaves it usable).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    match m.lock() {
        Ok(g) => g,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// What a step led to, as far as the world is concerned: the next state,
/// the messages sent and the chain events asked for; `None` if refused.
/// Shared (`Arc`): a memo hit hands out the outcome without copying it.
type StepOutcome<P> =
    Option<std::sync::Arc<(<P as Machine>::State, Vec<<P as Explorable>::Message>, Vec<ChainEvent>, Vec<TimerChange>)>>;
/// Keyed by the 64-bit fingerprint of (state, input), as stateright keys
/// worlds: storing and cloning the pair itself cost more than the step.
type StepMemo<P> = std::collections::HashMap<u64, StepOutcome<P>>;

/// A 64-bit fingerprint (SipHash with fixed keys, so runs are repeatable).
fn fingerprint<T: Hash + ?Sized>(value: &T) -> u64 {
    use std::hash::Hasher;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The slot of the built-in deadlock check.
const DEADLOCK: usize = SLOTS;

/// How many spec properties one composition can check.
pub const SLOTS: usize = 16;

impl<P: Explorable, C: Context + Send + 'static> Composition<P, C>
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
    P::Env: Send + Sync,
{
    pub fn new(setup: Setup<P>, ctx: [C; 2]) -> Self {
        let [a, b] = ctx;
        Composition {
            setup,
            ctx: [Mutex::new(a), Mutex::new(b)],
            props: P::properties().iter().take(SLOTS).copied().collect(),
            memo: [Mutex::new(StepMemo::<P>::new()), Mutex::new(StepMemo::<P>::new())],
            restarts: Mutex::new(std::collections::HashMap::new()),
            found: Mutex::new(Vec::new()),
        }
    }

    /// Whether slot `k` was discovered already; marks it when `now` is true.
    fn seen(&self, k: usize, now: bool) -> bool {
        let mut found = lock(&self.found);
        if found.contains(&k) {
            return true;
        }
        if now {
            found.push(k);
        }
        false
    }

    fn with_ctx<T>(&self, party: usize, f: impl FnOnce(&mut C) -> T) -> T {
        f(&mut lock(&self.ctx[party]))
    }

    /// Whether spec property `k` holds for party `p` in `world`.
    fn holds_for(&self, k: usize, p: usize, world: &World<P::State, P::Message>) -> bool {
        let Some((name, _)) = self.props.get(k) else { return true };
        self.with_ctx(p, |ctx| P::holds(name, &world.parties[p], &self.setup.envs[p], ctx))
    }

    fn slot(&self, k: usize, world: &World<P::State, P::Message>) -> bool {
        match self.props.get(k).map(|(_, kind)| *kind) {
            Some(PropertyKind::Sometimes) => {
                if self.seen(k, false) {
                    return false;
                }
                let hit = (0..2).any(|p| self.holds_for(k, p, world));
                self.seen(k, hit);
                hit
            }
            Some(PropertyKind::Invariant) => {
                if self.seen(k, false) {
                    return true;
                }
                let ok = (0..2).all(|p| self.holds_for(k, p, world));
                self.seen(k, !ok);
                ok
            }
            Some(PropertyKind::Eventually) => (0..2).all(|p| self.holds_for(k, p, world)),
            None => true,
        }
    }

    /// Which party `action` moves and a fingerprint of what it is given,
    /// without building the input (a memo hit never needs it).
    fn party_and_key(&self, world: &World<P::State, P::Message>, action: &Action) -> Option<(usize, u64)> {
        match action {
            Action::Deliver { to } => {
                let p = usize::from(*to);
                Some((p, fingerprint(&(&world.parties[p], 0u8, world.inbound[p].first()?))))
            }
            Action::Fire { watch } => {
                let (party, ev) = world.watches.get(*watch)?;
                let p = usize::from(*party);
                Some((p, fingerprint(&(&world.parties[p], 1u8, ev))))
            }
            Action::Command { index } => {
                let p = usize::from(self.setup.commands.get(*index)?.0);
                Some((p, fingerprint(&(&world.parties[p], 2u8, index))))
            }
            Action::Timer { timer } => {
                let (party, name) = world.timers.get(*timer)?;
                let p = usize::from(*party);
                Some((p, fingerprint(&(&world.parties[p], 3u8, name))))
            }
            Action::Disconnect | Action::Crash { .. } => None,
        }
    }

    fn input_for(&self, world: &World<P::State, P::Message>, action: &Action) -> Option<(usize, P::Input)> {
        match action {
            Action::Deliver { to } => {
                let m = world.inbound[usize::from(*to)].first()?.clone();
                Some((usize::from(*to), P::recv(m)))
            }
            Action::Fire { watch } => {
                let (party, ev) = world.watches.get(*watch)?.clone();
                Some((usize::from(party), P::chain(ev)))
            }
            Action::Command { index } => {
                let (party, input, _) = self.setup.commands.get(*index)?;
                Some((usize::from(*party), input.clone()))
            }
            Action::Timer { timer } => {
                let (party, name) = world.timers.get(*timer)?;
                Some((usize::from(*party), P::timer(name)?))
            }
            Action::Disconnect | Action::Crash { .. } => None,
        }
    }

    /// The world after a fault, `None` when the fault changes nothing.
    fn after_fault(&self, w: &World<P::State, P::Message>, action: &Action) -> Option<World<P::State, P::Message>> {
        let lost = w.inbound[0].len() + w.inbound[1].len();
        let mut next = w.clone();
        next.inbound = [Vec::new(), Vec::new()];
        match action {
            Action::Disconnect => {
                if w.faults_left.disconnects == 0 || lost == 0 {
                    return None;
                }
                next.faults_left.disconnects -= 1;
                self.reconnect(&mut next);
            }
            Action::Crash { party } => {
                let p = usize::from(*party);
                if w.faults_left.crashes == 0 || p > 1 {
                    return None;
                }
                next.faults_left.crashes -= 1;
                // Restart from the stored form; a state the store cannot
                // encode or decode cannot restart, and that is reported as
                // the crash being impossible in the trace.
                next.parties[p] = self.restart(&w.parties[p])?;
                if lost == 0 && next.parties[p] == w.parties[p] {
                    return None;
                }
                // The crash took the connection with it.
                self.reconnect(&mut next);
            }
            _ => return None,
        }
        Some(next)
    }

    /// Both hosts tell their machines the connection dropped and came back
    /// (`Setup::on_reconnect`); an input a state refuses is skipped.
    fn reconnect(&self, next: &mut World<P::State, P::Message>) {
        for p in 0..2 {
            for input in &self.setup.on_reconnect {
                let env = &self.setup.envs[p];
                let result = self.with_ctx(p, |ctx| P::explore_step(next.parties[p].clone(), input.clone(), env, ctx));
                if let Ok((state, effects)) = result {
                    apply(next, p, &world_part::<P>(state, &effects));
                }
            }
        }
    }

    /// A readable line for one step of a trace.
    pub fn describe_step(&self, world: &World<P::State, P::Message>, action: &Action) -> String {
        let lost = world.inbound[0].len() + world.inbound[1].len();
        match action {
            Action::Disconnect => return format!("the connection drops ({lost} message(s) lost)"),
            Action::Crash { party } => {
                let p = usize::from(*party).min(1);
                return format!(
                    "{}: crashes and restarts from its store in {} ({lost} message(s) lost)",
                    self.setup.names[p],
                    P::state_name(&world.parties[p])
                );
            }
            _ => {}
        }
        let Some((party, input)) = self.input_for(world, action) else { return format!("{action:?}") };
        let after = self.next_state(world, action.clone());
        let outcome = match &after {
            Some(w) if w.parties[party] != world.parties[party] => {
                format!("→ {}", P::state_name(&w.parties[party]))
            }
            Some(_) => format!("(stays in {})", P::state_name(&world.parties[party])),
            None => "(not possible)".into(),
        };
        format!("{}: {} {outcome}", self.setup.names[party], P::describe(&input))
    }

    /// `state` after a trip through its stored form, through the memo.
    fn restart(&self, state: &P::State) -> Option<P::State> {
        let key = fingerprint(state);
        if let Some(hit) = lock(&self.restarts).get(&key) {
            return hit.clone();
        }
        let back = P::encode_state(state).ok().and_then(|bytes| P::decode_state(&bytes).ok());
        lock(&self.restarts).insert(key, back.clone());
        back
    }

    /// The step `action` makes in `w`, through the memo; `None` when the
    /// action is not possible or the machine refuses the input.
    fn step(&self, w: &World<P::State, P::Message>, action: &Action) -> Option<(usize, StepOutcome<P>)> {
        let (party, key) = self.party_and_key(w, action)?;
        if let Some(hit) = lock(&self.memo[party]).get(&key) {
            return Some((party, hit.clone()));
        }
        let (_, input) = self.input_for(w, action)?;
        let env = &self.setup.envs[party];
        let result = self.with_ctx(party, |ctx| P::explore_step(w.parties[party].clone(), input, env, ctx));
        let outcome = result.ok().map(|(next, effects)| std::sync::Arc::new(world_part::<P>(next, &effects)));
        lock(&self.memo[party]).insert(key, outcome.clone());
        Some((party, outcome))
    }

    /// One path through the composition: at each step `choices` picks among
    /// the moves that are possible (modulo their number) until the choices
    /// or the moves run out. After every step, every `invariant` must hold
    /// for both parties and each party's state must survive its stored form
    /// unchanged. Returns the number of steps, or what failed with its trace.
    pub fn random_walk(&self, choices: &[u32]) -> Result<usize, Finding> {
        let Some(mut world) = self.init_states().into_iter().next() else { return Ok(0) };
        let mut trace = Vec::new();
        for (step, choice) in choices.iter().enumerate() {
            let mut actions = Vec::new();
            self.actions(&world, &mut actions);
            let moves: Vec<Move<P::State, P::Message>> =
                actions.into_iter().filter_map(|a| self.next_state(&world, a.clone()).map(|w| (a, w))).collect();
            if moves.is_empty() {
                return Ok(step);
            }
            let (action, next) = moves[*choice as usize % moves.len()].clone();
            trace.push(self.describe_step(&world, &action));
            world = next;
            let fail = |property: String, trace: &Vec<String>| Finding { property, violation: true, trace: trace.clone() };
            for (k, (name, kind)) in self.props.iter().enumerate() {
                if *kind == PropertyKind::Invariant && !(0..2).all(|p| self.holds_for(k, p, &world)) {
                    return Err(fail(name.to_string(), &trace));
                }
            }
            for (p, state) in world.parties.iter().enumerate() {
                let back = P::encode_state(state).ok().and_then(|b| P::decode_state(&b).ok());
                if back.as_ref() != Some(state) {
                    return Err(fail(format!("the stored form of {}'s state", self.setup.names[p]), &trace));
                }
            }
        }
        Ok(choices.len())
    }

    /// Runs breadth-first search to `max_depth`; returns the report.
    pub fn check(self, max_depth: usize, max_states: usize) -> Report {
        self.check_with_progress(max_depth, max_states, 1, |_| {})
    }

    /// [`Composition::check`] on `threads` threads, calling `progress` with
    /// the number of distinct states found so far about ten times a second.
    pub fn check_with_progress(self, max_depth: usize, max_states: usize, threads: usize, mut progress: impl FnMut(usize)) -> Report {
        let started = std::time::Instant::now();
        let checker = self
            .checker()
            .threads(threads.max(1))
            .target_max_depth(max_depth)
            .target_state_count(max_states)
            .spawn_bfs();
        let mut last_report = started;
        while !checker.is_done() {
            if last_report.elapsed() >= std::time::Duration::from_millis(100) {
                progress(checker.unique_state_count());
                last_report = std::time::Instant::now();
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let checker = checker.join();
        progress(checker.unique_state_count());
        let elapsed = started.elapsed();
        let model = checker.model();
        let mut findings = Vec::new();
        for (name, path) in checker.discoveries() {
            let kind = model.props.iter().find(|(n, _)| *n == name).map(|(_, k)| *k);
            let is_violation = !matches!(kind, Some(PropertyKind::Sometimes));
            let steps: Vec<PathStep<P::State, P::Message>> = path.into();
            let mut trace = Vec::new();
            for (world, action) in &steps {
                if let Some(a) = action {
                    trace.push(model.describe_step(world, a));
                }
            }
            findings.push(Finding { property: name.to_string(), violation: is_violation, trace });
        }
        findings.sort_by(|a, b| (!a.violation, &a.property).cmp(&(!b.violation, &b.property)));
        let unreached_goals = model
            .props
            .iter()
            .filter(|(n, k)| *k == PropertyKind::Sometimes && !findings.iter().any(|f| f.property == *n))
            .map(|(n, _)| n.to_string())
            .collect();
        let held = std::iter::once("no deadlock")
            .chain(model.props.iter().filter(|(_, k)| *k != PropertyKind::Sometimes).map(|(n, _)| *n))
            .filter(|n| !findings.iter().any(|f| f.violation && f.property == *n))
            .map(str::to_string)
            .collect();
        let unchecked = P::properties().iter().skip(SLOTS).map(|(n, _)| n.to_string()).collect();
        let states = checker.unique_state_count();
        let depth = checker.max_depth();
        // States at the depth limit are not expanded; the state limit stops
        // the search wherever it is.
        let cut = if states >= max_states {
            Some(Cut::States(max_states))
        } else if depth >= max_depth {
            Some(Cut::Depth(max_depth))
        } else {
            None
        };
        Report {
            states,
            transitions: checker.state_count(),
            depth,
            seconds: elapsed.as_secs_f64(),
            findings,
            unreached_goals,
            held,
            unchecked,
            cut,
        }
    }
}

/// One discovery: a violated property with its shortest trace, or a goal reached.
#[derive(Debug, Clone)]
pub struct Finding {
    pub property: String,
    pub violation: bool,
    pub trace: Vec<String>,
}

/// Why a search stopped before it had seen every state within the
/// scenario's bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cut {
    /// Paths reached the depth limit, so longer ones went unexplored.
    Depth(usize),
    /// The limit on distinct states was reached.
    States(usize),
}

#[derive(Debug, Clone)]
pub struct Report {
    pub states: usize,
    pub transitions: usize,
    pub depth: usize,
    pub seconds: f64,
    pub findings: Vec<Finding>,
    /// `sometimes` goals no explored state reached: the model may be vacuous.
    pub unreached_goals: Vec<String>,
    /// The invariants and `eventually` properties checked and never
    /// violated, "no deadlock" first.
    pub held: Vec<String>,
    /// Properties of the spec beyond the explorer's slots: not checked.
    pub unchecked: Vec<String>,
    /// `None` when every state reachable within the scenario's bounds (its
    /// payments, commands and faults) was checked.
    pub cut: Option<Cut>,
}

impl Report {
    pub fn violations(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.violation)
    }

    /// The summary and every violation's numbered trace.
    pub fn render(&self) -> String {
        let mut out = format!(
            "explored {} states ({} transitions) to depth {} in {:.2}s ({:.0} states/s)\n",
            self.states,
            self.transitions,
            self.depth,
            self.seconds,
            self.states as f64 / self.seconds.max(1e-9)
        );
        out.push_str(&match self.cut {
            None => "complete: every state reachable within the scenario's bounds was checked\n".to_string(),
            Some(Cut::Depth(d)) => format!("incomplete: paths reached the depth limit ({d}); raise --depth to see further\n"),
            Some(Cut::States(n)) => format!("incomplete: stopped at the state limit ({n}); raise --max-states to see further\n"),
        });
        if !self.held.is_empty() {
            out.push_str(&format!("never violated: {}\n", self.held.join(", ")));
        }
        if !self.unchecked.is_empty() {
            out.push_str(&format!("not checked (the explorer has {SLOTS} property slots): {}\n", self.unchecked.join(", ")));
        }
        for f in &self.findings {
            if f.violation {
                out.push_str(&format!("\nVIOLATED: {} — shortest counterexample:\n", f.property));
                for (i, step) in f.trace.iter().enumerate() {
                    out.push_str(&format!("  {}. {step}\n", i + 1));
                }
            } else {
                out.push_str(&format!("reached: {} (in {} steps)\n", f.property, f.trace.len()));
            }
        }
        for g in &self.unreached_goals {
            out.push_str(&format!("never reached: {g} (is the model vacuous?)\n"));
        }
        out
    }
}

fn slot_fn<P: Explorable, C: Context + Send + 'static, const K: usize>(m: &Composition<P, C>, w: &World<P::State, P::Message>) -> bool
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
    P::Env: Send + Sync,
{
    m.slot(K, w)
}

fn no_deadlock<P: Explorable, C: Context + Send + 'static>(m: &Composition<P, C>, w: &World<P::State, P::Message>) -> bool
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
    P::Env: Send + Sync,
{
    if w.parties.iter().all(P::is_terminal) || m.seen(DEADLOCK, false) {
        return true;
    }
    let mut actions = Vec::new();
    m.actions(w, &mut actions);
    let ok = actions.into_iter().any(|a| m.next_state(w, a).is_some());
    m.seen(DEADLOCK, !ok);
    ok
}

impl<P: Explorable, C: Context + Send + 'static> Model for Composition<P, C>
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
    P::Env: Send + Sync,
{
    type State = World<P::State, P::Message>;
    type Action = Action;

    fn init_states(&self) -> Vec<Self::State> {
        vec![World {
            parties: self.setup.initial.clone(),
            inbound: [Vec::new(), Vec::new()],
            watches: Vec::new(),
            timers: Vec::new(),
            commands_left: self.setup.commands.iter().map(|(_, _, n)| *n).collect(),
            party_commands_left: [self.setup.commands_per_party; 2],
            faults_left: self.setup.faults,
        }]
    }

    fn actions(&self, w: &Self::State, actions: &mut Vec<Action>) {
        for to in 0..2u8 {
            if !w.inbound[usize::from(to)].is_empty() {
                actions.push(Action::Deliver { to });
            }
        }
        for watch in 0..w.watches.len() {
            actions.push(Action::Fire { watch });
        }
        for timer in 0..w.timers.len() {
            actions.push(Action::Timer { timer });
        }
        for (index, left) in w.commands_left.iter().enumerate() {
            let party = self.setup.commands.get(index).map_or(0, |(p, _, _)| usize::from(*p).min(1));
            if *left > 0 && w.party_commands_left[party] > 0 {
                actions.push(Action::Command { index });
            }
        }
        if w.faults_left.disconnects > 0 && (!w.inbound[0].is_empty() || !w.inbound[1].is_empty()) {
            actions.push(Action::Disconnect);
        }
        if w.faults_left.crashes > 0 {
            actions.push(Action::Crash { party: 0 });
            actions.push(Action::Crash { party: 1 });
        }
    }

    fn next_state(&self, w: &Self::State, action: Action) -> Option<Self::State> {
        if matches!(action, Action::Disconnect | Action::Crash { .. }) {
            return self.after_fault(w, &action);
        }
        let (party, outcome) = self.step(w, &action)?;
        let mut next = w.clone();
        match action {
            Action::Deliver { to } => {
                next.inbound[usize::from(to)].remove(0);
            }
            Action::Fire { watch } => {
                next.watches.remove(watch);
            }
            Action::Timer { timer } => {
                next.timers.remove(timer);
            }
            Action::Command { index } => {
                next.commands_left[index] -= 1;
                next.party_commands_left[party] = next.party_commands_left[party].saturating_sub(1);
            }
            Action::Disconnect | Action::Crash { .. } => return None,
        }
        match outcome {
            Some(outcome) => {
                apply(&mut next, party, &outcome);
                Some(next)
            }
            // A refused message is consumed (the peer sees a warning or an
            // error); a refused command or chain event is simply not a move.
            None if matches!(action, Action::Deliver { .. }) => Some(next),
            None => None,
        }
    }

    fn properties(&self) -> Vec<Property<Self>> {
        macro_rules! slots {
            ($($k:literal),*) => {{
                let fns: [fn(&Self, &Self::State) -> bool; SLOTS] = [$(slot_fn::<P, C, $k>),*];
                fns
            }};
        }
        let fns = slots!(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
        let mut out = vec![Property::always("no deadlock", no_deadlock::<P, C>)];
        for (k, (name, kind)) in self.props.iter().enumerate() {
            out.push(match kind {
                PropertyKind::Invariant => Property::always(name, fns[k]),
                PropertyKind::Sometimes => Property::sometimes(name, fns[k]),
                PropertyKind::Eventually => Property::eventually(name, fns[k]),
            });
        }
        out
    }
}

/// What of a step's effects concerns the world: the messages sent, the
/// chain events asked for and the timer changes, with the new state.
#[allow(clippy::type_complexity)]
fn world_part<P: Explorable>(state: P::State, effects: &[P::Effect]) -> (P::State, Vec<P::Message>, Vec<ChainEvent>, Vec<TimerChange>)
where
    P::State: Hash + Eq + Send + Sync,
    P::Input: Send + Sync + PartialEq,
{
    let sent = effects.iter().filter_map(P::sent).collect();
    let watched = effects.iter().filter_map(P::watched).collect();
    let timers = effects.iter().filter_map(P::timer_change).collect();
    (state, sent, watched, timers)
}

/// What a step of `party` changes in `next`: its state, the messages on their
/// way to the other party, the watches and the timers.
#[allow(clippy::type_complexity)]
fn apply<S: Clone, M: Clone>(next: &mut World<S, M>, party: usize, outcome: &(S, Vec<M>, Vec<ChainEvent>, Vec<TimerChange>)) {
    let (state, sent, watched, timers) = outcome;
    next.parties[party] = state.clone();
    next.inbound[1 - party].extend(sent.iter().cloned());
    next.watches.extend(watched.iter().map(|ev| (party as u8, ev.clone())));
    for change in timers {
        let p = party as u8;
        match change {
            TimerChange::Start(name) => {
                // Restarting a running timer leaves one.
                next.timers.retain(|t| *t != (p, *name));
                next.timers.push((p, name));
            }
            TimerChange::Stop(name) => next.timers.retain(|t| *t != (p, *name)),
        }
    }
}

/// A chain event for a watch request, as the explorer's chain reports it:
/// confirmations at the requested depth, spends by an empty transaction.
pub fn fired(e: &crate::rt::Effect<impl Clone, impl Clone>) -> Option<ChainEvent> {
    match e {
        crate::rt::Effect::WatchConfirm { name, txid, depth } => {
            Some(ChainEvent::Confirmed(name, Confirmed { txid: *txid, height: *depth }))
        }
        crate::rt::Effect::WatchSpend { name, outpoint } => Some(ChainEvent::Spent(
            name,
            Spent {
                tx: Tx {
                    tx: bitcoin::Transaction {
                        version: bitcoin::transaction::Version::TWO,
                        lock_time: bitcoin::absolute::LockTime::ZERO,
                        input: Vec::new(),
                        output: Vec::new(),
                    },
                    spends: Vec::new(),
                },
                height: 0,
                outpoint: *outpoint,
            },
        )),
        _ => None,
    }
}

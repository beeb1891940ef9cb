//! Time, for the host: the [`Clock`] it reads and the [`Timers`] a machine
//! started (`StartTimer`/`StopTimer` effects), polled for the ones that are
//! due so the host can feed them back as timer inputs.
//!
//! Machines never read a clock: a timer firing is an input like any other,
//! so a step stays a pure function and the explorer can fire timers at any
//! moment. What this is not: a scheduler (no threads, no sleeping) — the
//! host asks [`Timers::due`] when it likes.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Where the host gets the time.
pub trait Clock {
    /// Time since the Unix epoch.
    fn now(&self) -> Duration;
}

/// The operating system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Duration {
        // A clock before 1970 reads as the epoch rather than failing.
        SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default()
    }
}

/// A clock that moves only when told: for tests and simulations.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ManualClock(pub Duration);

impl ManualClock {
    pub fn advance(&mut self, by: Duration) {
        self.0 = self.0.saturating_add(by);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Duration {
        self.0
    }
}

/// The timers one machine has running, by name: starting a running timer
/// restarts it (as a spec's `start` means "from now").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timers {
    running: Vec<(&'static str, Duration)>,
}

impl Timers {
    pub fn new() -> Self {
        Timers::default()
    }

    /// Starts (or restarts) `name` to fire `after_secs` after `now`.
    pub fn start(&mut self, name: &'static str, after_secs: u32, now: Duration) {
        self.stop(name);
        self.running.push((name, now.saturating_add(Duration::from_secs(u64::from(after_secs)))));
    }

    /// Stops `name`; stopping a timer that is not running does nothing.
    pub fn stop(&mut self, name: &str) {
        self.running.retain(|(n, _)| *n != name);
    }

    /// The timers due at `now`, earliest first; they stop running.
    pub fn due(&mut self, now: Duration) -> Vec<&'static str> {
        let mut due: Vec<(&'static str, Duration)> = self.running.iter().copied().filter(|(_, at)| *at <= now).collect();
        self.running.retain(|(_, at)| *at > now);
        due.sort_by_key(|(_, at)| *at);
        due.into_iter().map(|(n, _)| n).collect()
    }

    /// When the next timer is due, if any is running.
    pub fn next_due(&self) -> Option<Duration> {
        self.running.iter().map(|(_, at)| *at).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timers_fire_in_order_once_and_restart_from_now() {
        let mut clock = ManualClock(Duration::from_secs(1_000));
        let mut timers = Timers::new();
        timers.start("ping", 30, clock.now());
        timers.start("stale", 10, clock.now());
        timers.start("gone", 5, clock.now());
        timers.stop("gone");
        assert_eq!(timers.next_due(), Some(Duration::from_secs(1_010)));
        clock.advance(Duration::from_secs(9));
        assert!(timers.due(clock.now()).is_empty());
        // Restarting `ping` at t+9 moves it to t+39.
        timers.start("ping", 30, clock.now());
        clock.advance(Duration::from_secs(40));
        assert_eq!(timers.due(clock.now()), ["stale", "ping"]);
        assert!(timers.due(clock.now()).is_empty(), "a timer fires once");
        assert_eq!(timers.next_due(), None);
    }
}

//! One peer connection, after the BOLT 8 handshake: the BOLT 1 peer machine
//! generated from `specs/bolt/peer.lnp` is stepped on every message, host
//! command and timer, and its effects are performed — messages encrypted to
//! the peer, timers on tokio's clock, events to the host.
//!
//! The protocol decisions (what `init` must say, when to ping, what a pong
//! must look like) are the spec's; this module only moves bytes and time.
//! What it is not: channel dispatch — a message the peer machine does not
//! know is handed to the host as [`PeerEvent::Message`], and the host
//! applies BOLT 1's parity rule and routes it to a channel — nor
//! reconnection or persistence (nothing of a peer connection outlives it).

use lnp_engine::rt::{ChannelId, Effect, Reject, RejectKind};
use lnp_engine::soft::SoftContext;
use lnp_engine::timers::Timers;
use lnp_protocols::generated::peer::{self, Command, Event, Input, Message, State, Timer};
use thiserror::Error;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::mpsc;
use tokio::time::Instant;

use crate::transport::{Connection, ConnectionError, ConnectionWriter};

/// What the host hears from a peer connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerEvent {
    /// Both `init`s are exchanged; the peer's feature bits.
    Ready { features: Vec<u8> },
    /// A message the peer machine does not handle (a channel's), whole,
    /// with its two type bytes.
    Message(Vec<u8>),
    /// The peer sent a BOLT 1 `warning`.
    Warning { channel_id: ChannelId, data: Vec<u8> },
    /// The peer sent a BOLT 1 `error`.
    Error { channel_id: ChannelId, data: Vec<u8> },
    /// The peer did not answer a ping in time (the connection then ends).
    Unresponsive,
    /// The connection ended; why.
    Closed { reason: String },
}

/// What the host asks of a peer connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PeerCommand {
    /// Send a whole message (type bytes included), e.g. a channel's.
    Send(Vec<u8>),
    /// Send several whole messages, in order, with one write.
    SendAll(Vec<Vec<u8>>),
    /// Hang up.
    Disconnect,
}

/// Why a peer connection ended other than by a hang-up.
#[derive(Debug, Error)]
pub enum PeerError {
    #[error(transparent)]
    Connection(#[from] ConnectionError),
    #[error("a message could not be encoded: {0}")]
    Encode(lnp_engine::wire::WireError),
}

/// A running connection: the writing half, the machine and its timers.
struct Session<W> {
    writer: ConnectionWriter<W>,
    state: State,
    env: peer::Env,
    ctx: SoftContext,
    timers: Timers,
    started: Instant,
    events: mpsc::Sender<PeerEvent>,
}

/// Runs one peer connection until it ends; every event goes to `events`
/// (the last is [`PeerEvent::Closed`]), every command comes from `commands`.
pub async fn run<S>(
    conn: Connection<S>,
    env: peer::Env,
    events: mpsc::Sender<PeerEvent>,
    mut commands: mpsc::Receiver<PeerCommand>,
) -> Result<(), PeerError>
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let (mut reader, writer) = conn.into_split();
    // Reading is not cancel-safe, so it gets its own task and a queue
    // (bounded: a peer that floods us waits on its socket).
    let (incoming_tx, mut incoming) = mpsc::channel(32);
    let read_task = tokio::spawn(async move {
        loop {
            let got = reader.recv().await;
            let end = !matches!(got, Ok(Some(_)));
            if incoming_tx.send(got).await.is_err() || end {
                return;
            }
        }
    });
    // The peer protocol signs nothing; the context's keys are unused.
    let ctx = SoftContext::new([0; 32], [0; 32]);
    let mut session =
        Session { writer, state: State::initial(), env, ctx, timers: Timers::new(), started: Instant::now(), events };
    let outcome = session.drive(&mut incoming, &mut commands).await;
    read_task.abort();
    let reason = match &outcome {
        Ok(reason) => reason.clone(),
        Err(e) => e.to_string(),
    };
    let _ = session.writer.shutdown().await;
    let _ = session.events.send(PeerEvent::Closed { reason }).await;
    outcome.map(|_| ())
}

impl<W: AsyncWrite + Unpin> Session<W> {
    /// The loop; returns why the connection ended.
    async fn drive(
        &mut self,
        incoming: &mut mpsc::Receiver<Result<Option<Vec<u8>>, ConnectionError>>,
        commands: &mut mpsc::Receiver<PeerCommand>,
    ) -> Result<String, PeerError> {
        self.feed(Input::Command(Command::Connected(peer::Connected {}))).await?;
        loop {
            if self.state.is_terminal() {
                return Ok(format!("the peer machine ended in {}", self.state.name()));
            }
            let next_timer = self.timers.next_due().map(|at| self.started + at);
            tokio::select! {
                got = incoming.recv() => match got {
                    Some(Ok(Some(bytes))) => self.received(bytes).await?,
                    Some(Ok(None)) | None => return Ok("the peer closed the connection".into()),
                    Some(Err(e)) => return Err(e.into()),
                },
                command = commands.recv() => match command {
                    Some(PeerCommand::Send(bytes)) => self.writer.send(&bytes).await?,
                    Some(PeerCommand::SendAll(msgs)) => self.writer.send_all(&msgs).await?,
                    Some(PeerCommand::Disconnect) | None => {
                        self.feed(Input::Command(Command::Disconnect(peer::Disconnect {}))).await?;
                        return Ok("the host hung up".into());
                    }
                },
                _ = sleep_until(next_timer) => {
                    let now = self.started.elapsed();
                    for name in self.timers.due(now) {
                        if let Some(timer) = Timer::from_name(name) {
                            self.feed(Input::Timer(timer)).await?;
                        }
                    }
                }
            }
        }
    }

    /// One message from the peer: to the machine if it is a BOLT 1 peer
    /// message, else to the host.
    async fn received(&mut self, bytes: Vec<u8>) -> Result<(), PeerError> {
        match Message::decode(&bytes) {
            Ok(Some(m)) => self.feed(Input::Recv(m)).await,
            Ok(None) => {
                let _ = self.events.send(PeerEvent::Message(bytes)).await;
                Ok(())
            }
            // A malformed peer message: BOLT 1 lets us warn and go on.
            Err(e) => self.answer(Reject::new(RejectKind::Warning, format!("malformed message: {e}"), "<wire>")).await,
        }
    }

    /// Steps the machine; performs the effects, or answers the reject.
    async fn feed(&mut self, input: Input) -> Result<(), PeerError> {
        match peer::step(self.state.clone(), input, &self.env, &mut self.ctx) {
            Ok((next, effects)) => {
                self.state = next;
                for effect in effects {
                    self.perform(effect).await?;
                }
                Ok(())
            }
            Err(reject) => self.answer(reject).await,
        }
    }

    /// BOLT 1: an `error` for a reject that fails the connection (then the
    /// machine is told to hang up), a `warning` for one that does not.
    async fn answer(&mut self, reject: Reject) -> Result<(), PeerError> {
        let all_channels = ChannelId([0; 32]);
        let data = reject.message.clone().into_bytes();
        match reject.kind {
            RejectKind::Ignore => Ok(()),
            RejectKind::Warning => self.send(Message::Warning(peer::Warning { channel_id: all_channels, data })).await,
            RejectKind::Error => {
                self.send(Message::Error(peer::Error { channel_id: all_channels, data })).await?;
                let disconnect = Input::Command(Command::Disconnect(peer::Disconnect {}));
                if let Ok((next, _)) = peer::step(self.state.clone(), disconnect, &self.env, &mut self.ctx) {
                    self.state = next;
                }
                Ok(())
            }
        }
    }

    async fn send(&mut self, m: Message) -> Result<(), PeerError> {
        let bytes = m.encode().map_err(PeerError::Encode)?;
        Ok(self.writer.send(&bytes).await?)
    }

    async fn perform(&mut self, effect: peer::Effect) -> Result<(), PeerError> {
        match effect {
            Effect::Send(m) => self.send(m).await?,
            Effect::StartTimer { name, after_secs } => self.timers.start(name, after_secs, self.started.elapsed()),
            Effect::StopTimer { name } => self.timers.stop(name),
            Effect::Emit(event) => {
                let event = match event {
                    Event::Ready(r) => PeerEvent::Ready { features: r.features },
                    Event::PeerWarning(w) => PeerEvent::Warning { channel_id: w.channel_id, data: w.data },
                    Event::PeerError(e) => PeerEvent::Error { channel_id: e.channel_id, data: e.data },
                    Event::Unresponsive(_) => PeerEvent::Unresponsive,
                };
                let _ = self.events.send(event).await;
            }
            // The peer protocol neither broadcasts nor watches the chain.
            Effect::Broadcast(_) | Effect::WatchConfirm { .. } | Effect::WatchSpend { .. } => {}
        }
        Ok(())
    }
}

/// Sleeps until `at`, or forever when there is no timer.
async fn sleep_until(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

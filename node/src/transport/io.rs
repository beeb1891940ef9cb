//! A thin adapter running the BOLT 8 transport over a tokio byte stream
//! (`AsyncRead + AsyncWrite`, e.g. a `TcpStream`): the handshake, then framed
//! messages.
//!
//! It only moves bytes between the stream and the sans-IO core
//! ([`super::handshake`], [`super::cipher`]): every protocol decision is the
//! core's. It does not connect or listen, time out, or keep a peer: the caller
//! owns the socket, the deadlines and what the messages mean.
use bitcoin::secp256k1::PublicKey;
use thiserror::Error;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};

use super::cipher::{Decryptor, Encryptor, Transport, LENGTH_HEADER_LEN, TAG_LEN};
use super::error::{HandshakeError, TransportError};
use super::handshake::{Initiator, Responder, ACT_ONE_LEN, ACT_THREE_LEN, ACT_TWO_LEN};

/// Why a connection failed.
#[derive(Debug, Error)]
pub enum ConnectionError {
    /// The stream failed while doing `during`.
    #[error("i/o error while {during}: {source}")]
    Io {
        during: &'static str,
        #[source]
        source: std::io::Error,
    },
    /// The handshake was refused (a stream that ends inside an act is
    /// [`HandshakeError::ReadFailed`]).
    #[error("handshake refused: {0}")]
    Handshake(#[from] HandshakeError),
    /// A message was refused (a stream that ends inside a frame is
    /// [`TransportError::HeaderLength`] or [`TransportError::BodyLength`]).
    #[error("message refused: {0}")]
    Transport(#[from] TransportError),
}

fn io_error(during: &'static str) -> impl FnOnce(std::io::Error) -> ConnectionError {
    move |source| ConnectionError::Io { during, source }
}

/// Reads until `buf` is full or the stream ends; returns how many bytes were
/// read, so that a short read reaches the core as a wrong length.
async fn read_up_to<S: AsyncRead + Unpin>(
    stream: &mut S,
    buf: &mut [u8],
    during: &'static str,
) -> Result<usize, ConnectionError> {
    let mut filled = 0;
    while filled < buf.len() {
        let n = stream
            .read(&mut buf[filled..])
            .await
            .map_err(io_error(during))?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    Ok(filled)
}

async fn write_flushed<S: AsyncWrite + Unpin>(
    stream: &mut S,
    bytes: &[u8],
    during: &'static str,
) -> Result<(), ConnectionError> {
    stream.write_all(bytes).await.map_err(io_error(during))?;
    stream.flush().await.map_err(io_error(during))
}

/// An established BOLT 8 connection over `S`.
#[derive(Debug)]
pub struct Connection<S> {
    stream: S,
    transport: Transport,
    remote_static: PublicKey,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Connection<S> {
    /// Runs the initiator's side of the handshake over `stream`.
    pub async fn connect(mut stream: S, initiator: Initiator) -> Result<Self, ConnectionError> {
        let remote_static = initiator.remote_static();
        write_flushed(&mut stream, &initiator.act_one(), "sending act one").await?;
        let mut act_two = [0u8; ACT_TWO_LEN];
        let got = read_up_to(&mut stream, &mut act_two, "reading act two").await?;
        let (act_three, transport) = initiator.process_act_two(&act_two[..got])?;
        write_flushed(&mut stream, &act_three, "sending act three").await?;
        Ok(Connection {
            stream,
            transport,
            remote_static,
        })
    }

    /// Runs the responder's side of the handshake over `stream`.
    pub async fn accept(mut stream: S, responder: Responder) -> Result<Self, ConnectionError> {
        let mut act_one = [0u8; ACT_ONE_LEN];
        let got = read_up_to(&mut stream, &mut act_one, "reading act one").await?;
        let responder = responder.process_act_one(&act_one[..got])?;
        write_flushed(&mut stream, &responder.act_two(), "sending act two").await?;
        let mut act_three = [0u8; ACT_THREE_LEN];
        let got = read_up_to(&mut stream, &mut act_three, "reading act three").await?;
        let (transport, remote_static) = responder.process_act_three(&act_three[..got])?;
        Ok(Connection {
            stream,
            transport,
            remote_static,
        })
    }

    /// The peer's static key (its node id).
    pub fn remote_static(&self) -> PublicKey {
        self.remote_static
    }

    /// Encrypts and sends one message.
    pub async fn send(&mut self, msg: &[u8]) -> Result<(), ConnectionError> {
        let frame = self.transport.encrypt(msg)?;
        write_flushed(&mut self.stream, &frame, "sending a message").await
    }

    /// Receives and decrypts one message; `None` when the peer closed the
    /// stream between two messages. Not cancel-safe: dropping the future
    /// midway loses the frame's position, and the connection with it.
    pub async fn recv(&mut self) -> Result<Option<Vec<u8>>, ConnectionError> {
        let mut header = [0u8; LENGTH_HEADER_LEN];
        let got = read_up_to(&mut self.stream, &mut header, "reading a length header").await?;
        if got == 0 {
            return Ok(None);
        }
        let len = self.transport.decrypt_length(&header[..got])?;
        let mut body = vec![0u8; usize::from(len) + TAG_LEN];
        let got = read_up_to(&mut self.stream, &mut body, "reading a message body").await?;
        Ok(Some(self.transport.decrypt_body(&body[..got])?))
    }

    /// Splits into a reading half and a writing half that can live in
    /// different tasks (reading is not cancel-safe: give it its own task).
    /// The reading half is buffered: a burst of messages costs a read of
    /// the stream per buffer, not two per message.
    pub fn into_split(self) -> (ConnectionReader<BufReader<tokio::io::ReadHalf<S>>>, ConnectionWriter<tokio::io::WriteHalf<S>>) {
        let (read, write) = tokio::io::split(self.stream);
        let (encryptor, decryptor) = self.transport.split();
        (ConnectionReader { stream: BufReader::new(read), decryptor }, ConnectionWriter { stream: write, encryptor })
    }

    /// Closes the writing half of the stream.
    pub async fn shutdown(&mut self) -> Result<(), ConnectionError> {
        self.stream
            .shutdown()
            .await
            .map_err(io_error("shutting down"))
    }
}

/// The reading half of a [`Connection`].
#[derive(Debug)]
pub struct ConnectionReader<R> {
    stream: R,
    decryptor: Decryptor,
}

impl<R: AsyncRead + Unpin> ConnectionReader<R> {
    /// As [`Connection::recv`] (and, like it, not cancel-safe).
    pub async fn recv(&mut self) -> Result<Option<Vec<u8>>, ConnectionError> {
        let mut header = [0u8; LENGTH_HEADER_LEN];
        let got = read_up_to(&mut self.stream, &mut header, "reading a length header").await?;
        if got == 0 {
            return Ok(None);
        }
        let len = self.decryptor.decrypt_length(&header[..got])?;
        let mut body = vec![0u8; usize::from(len) + TAG_LEN];
        let got = read_up_to(&mut self.stream, &mut body, "reading a message body").await?;
        Ok(Some(self.decryptor.decrypt_body(&body[..got])?))
    }
}

/// The writing half of a [`Connection`].
#[derive(Debug)]
pub struct ConnectionWriter<W> {
    stream: W,
    encryptor: Encryptor,
}

impl<W: AsyncWrite + Unpin> ConnectionWriter<W> {
    /// As [`Connection::send`].
    pub async fn send(&mut self, msg: &[u8]) -> Result<(), ConnectionError> {
        let frame = self.encryptor.encrypt(msg)?;
        write_flushed(&mut self.stream, &frame, "sending a message").await
    }

    /// Encrypts and sends several messages, in order, with one write.
    pub async fn send_all(&mut self, msgs: &[Vec<u8>]) -> Result<(), ConnectionError> {
        let mut frames = Vec::with_capacity(msgs.iter().map(|m| m.len() + LENGTH_HEADER_LEN + TAG_LEN).sum());
        for msg in msgs {
            frames.extend_from_slice(&self.encryptor.encrypt(msg)?);
        }
        write_flushed(&mut self.stream, &frames, "sending messages").await
    }

    /// Closes the writing half of the stream.
    pub async fn shutdown(&mut self) -> Result<(), ConnectionError> {
        self.stream.shutdown().await.map_err(io_error("shutting down"))
    }
}

//! The RPC's unix socket, both ends: the daemon binds it ([`bind`]) and
//! `lnp-cli` posts one call over it ([`post`]; `minreq` speaks TCP only).
//!
//! Binding: a socket file left by a crash (nothing answers on it) is
//! replaced; one a live process answers on is refused, and so is a path
//! that is not a socket (it is never deleted). The socket is made mode 0600
//! as soon as it is bound, before the first accept; until then the
//! process umask applies (with the usual 022, nobody else may write to it,
//! hence connect). Whoever connects still needs the cookie: the mode is a
//! second fence, not a replacement.
//!
//! What this is not: an HTTP client in general — one request per
//! connection (`Connection: close`), a reply body framed by
//! `Content-Length`, chunked, or the end of the stream.
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::time::Duration;

use thiserror::Error;
use tracing::info;

/// The socket file's mode: the daemon's user only.
pub const SOCKET_MODE: u32 = 0o600;

/// Why the RPC socket could not be bound.
#[derive(Debug, Error)]
pub enum SocketError {
    #[error("the RPC socket {} is in use: another process answers on it", path.display())]
    InUse { path: PathBuf },
    #[error("{} exists and is not a socket: not replacing it", path.display())]
    NotASocket { path: PathBuf },
    #[error("cannot {action} the RPC socket {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// Binds the RPC socket at `path`, mode [`SOCKET_MODE`], replacing a stale
/// socket file. Needs a tokio runtime.
pub fn bind(path: &Path) -> Result<tokio::net::UnixListener, SocketError> {
    let err = |action| move |source| SocketError::Io { action, path: path.to_path_buf(), source };
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_socket() => match UnixStream::connect(path) {
            Ok(_) => return Err(SocketError::InUse { path: path.to_path_buf() }),
            Err(e) if e.kind() == io::ErrorKind::ConnectionRefused => {
                info!("replacing the stale RPC socket {} (nothing answers on it)", path.display());
                match std::fs::remove_file(path) {
                    Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(err("remove the stale")(e)),
                    _ => {}
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(err("probe")(e)),
        },
        Ok(_) => return Err(SocketError::NotASocket { path: path.to_path_buf() }),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) => return Err(err("inspect")(e)),
    }
    let listener = tokio::net::UnixListener::bind(path).map_err(err("bind"))?;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(SOCKET_MODE)).map_err(err("set the mode of"))?;
    Ok(listener)
}

/// An HTTP reply: its status and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: u16,
    pub body: Vec<u8>,
}

/// POSTs `body` (JSON) to `/` over the socket at `path` with the
/// `Authorization` header `authorization`; every read and write waits at
/// most `timeout`.
pub fn post(path: &Path, authorization: &str, body: &str, timeout: Duration) -> io::Result<Reply> {
    let mut stream = UnixStream::connect(path)?;
    stream.set_read_timeout(Some(timeout))?;
    stream.set_write_timeout(Some(timeout))?;
    let head = format!(
        "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nAuthorization: {authorization}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    // A server that refuses the request (a wrong cookie) answers and hangs
    // up without reading the body: the answer is still there to read.
    let sent = stream.write_all(head.as_bytes()).and_then(|()| stream.write_all(body.as_bytes()));
    let mut raw = Vec::new();
    let read = stream.read_to_end(&mut raw);
    match (parse_reply(&raw), sent, read) {
        (Ok(reply), _, _) => Ok(reply),
        (Err(_), Err(e), _) | (Err(_), Ok(()), Err(e)) => Err(e),
        (Err(e), Ok(()), Ok(_)) => Err(e),
    }
}

fn malformed(what: impl Into<String>) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("a malformed HTTP reply: {}", what.into()))
}

/// Reads a whole HTTP/1.1 reply.
fn parse_reply(raw: &[u8]) -> io::Result<Reply> {
    let end = raw.windows(4).position(|w| w == b"\r\n\r\n").ok_or_else(|| malformed("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..end]).map_err(|_| malformed("headers not UTF-8"))?;
    let rest = &raw[end + 4..];
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = match status_line.split(' ').collect::<Vec<_>>()[..] {
        [version, code, ..] if version.starts_with("HTTP/1.") => code.parse().map_err(|_| malformed(format!("status line {status_line:?}")))?,
        _ => return Err(malformed(format!("status line {status_line:?}"))),
    };
    let header = |name: &str| {
        lines.clone().find_map(|l| l.split_once(':').filter(|(k, _)| k.trim().eq_ignore_ascii_case(name)).map(|(_, v)| v.trim().to_string()))
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        dechunk(rest)?
    } else if let Some(len) = header("content-length") {
        let len: usize = len.parse().map_err(|_| malformed(format!("Content-Length {len:?}")))?;
        rest.get(..len).ok_or_else(|| malformed(format!("{} body bytes of {len}", rest.len())))?.to_vec()
    } else {
        rest.to_vec()
    };
    Ok(Reply { status, body })
}

/// A chunked body, joined.
fn dechunk(mut rest: &[u8]) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = rest.windows(2).position(|w| w == b"\r\n").ok_or_else(|| malformed("a chunk without its size line"))?;
        let size_text = std::str::from_utf8(&rest[..line_end]).map_err(|_| malformed("a chunk size"))?;
        let size_text = size_text.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16).map_err(|_| malformed(format!("chunk size {size_text:?}")))?;
        rest = &rest[line_end + 2..];
        if size == 0 {
            return Ok(body);
        }
        let chunk = rest.get(..size).ok_or_else(|| malformed("a short chunk"))?;
        body.extend_from_slice(chunk);
        rest = rest.get(size + 2..).ok_or_else(|| malformed("a chunk without its end"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_by_length_chunks_or_to_the_end() {
        let r = parse_reply(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\ncontent-length: 2\r\n\r\n{}garbage").expect("reply");
        assert_eq!(r, Reply { status: 200, body: b"{}".to_vec() });
        let r = parse_reply(b"HTTP/1.1 401 Unauthorized\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").expect("reply");
        assert_eq!(r, Reply { status: 401, body: b"abcde".to_vec() });
        let r = parse_reply(b"HTTP/1.1 204 No Content\r\n\r\n").expect("reply");
        assert_eq!(r, Reply { status: 204, body: Vec::new() });
        for bad in [&b"HTTP/1.1 200 OK\r\n"[..], b"SSH-2.0\r\n\r\n", b"HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"] {
            assert_eq!(parse_reply(bad).map_err(|e| e.kind()), Err(io::ErrorKind::InvalidData), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[tokio::test]
    async fn a_stale_socket_is_replaced_a_live_one_and_other_files_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("rpc.sock");
        let live = bind(&path).expect("bind");
        let mode = std::fs::metadata(&path).expect("metadata").permissions().mode() & 0o777;
        assert_eq!(mode, SOCKET_MODE);
        assert!(matches!(bind(&path), Err(SocketError::InUse { .. })), "a live socket is kept");
        drop(live); // as a crash would: the file stays, nothing answers
        assert!(path.exists());
        let _again = bind(&path).expect("the stale socket is replaced");
        let file = dir.path().join("notes.txt");
        std::fs::write(&file, "mine").expect("write");
        assert!(matches!(bind(&file), Err(SocketError::NotASocket { .. })));
        assert_eq!(std::fs::read_to_string(&file).expect("read"), "mine", "never deleted");
    }
}

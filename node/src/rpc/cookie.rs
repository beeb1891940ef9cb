//! The RPC's authentication, as bitcoind's `.cookie`: at every start the
//! daemon writes `DATADIR/.cookie` (mode 0600, given at creation) holding
//! `__cookie__:<64 hex digits>`; a client proves it may read the data
//! directory by sending that as HTTP Basic credentials.
//!
//! What this is not: users, permissions per method or TLS — whoever can
//! read the cookie can do everything. The token never appears in `Debug`
//! output, and comparisons take the same time whatever the mismatch.
use std::fmt;
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use base64::Engine;
use thiserror::Error;

/// The cookie file's name in the data directory.
pub const COOKIE_FILE_NAME: &str = ".cookie";
/// The user name in the cookie (as bitcoind).
pub const COOKIE_USER: &str = "__cookie__";

/// Why the cookie could not be made, written or read.
#[derive(Debug, Error)]
pub enum CookieError {
    #[error("cannot {action} the cookie file {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the cookie file {} does not hold `{COOKIE_USER}:<token>`", path.display())]
    Malformed { path: PathBuf },
    #[error("no randomness from the operating system: {0}")]
    Random(getrandom::Error),
}

/// Why a request's credentials were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AuthFailure {
    #[error("no credentials: send HTTP Basic auth with the data directory's .cookie")]
    Missing,
    #[error("malformed Authorization header: expected HTTP Basic")]
    Malformed,
    #[error("wrong credentials: the cookie does not match (a restarted lnpd writes a new one)")]
    Wrong,
}

/// `__cookie__:<token>`.
#[derive(Clone, PartialEq, Eq)]
pub struct Cookie {
    credentials: String,
}

impl fmt::Debug for Cookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cookie(<hidden>)")
    }
}

impl Cookie {
    /// A fresh random cookie.
    pub fn generate() -> Result<Cookie, CookieError> {
        let mut token = [0u8; 32];
        getrandom::getrandom(&mut token).map_err(CookieError::Random)?;
        let hex: String = token.iter().map(|b| format!("{b:02x}")).collect();
        Ok(Cookie { credentials: format!("{COOKIE_USER}:{hex}") })
    }

    /// Writes the cookie to `datadir/.cookie` with mode 0600: to a new
    /// temporary file created with that mode, then renamed over the old one.
    pub fn write(&self, datadir: &Path) -> Result<PathBuf, CookieError> {
        let path = datadir.join(COOKIE_FILE_NAME);
        let tmp = datadir.join(format!("{COOKIE_FILE_NAME}.tmp"));
        let io = |action, path: &Path| {
            let path = path.to_path_buf();
            move |source| CookieError::Io { action, path, source }
        };
        match std::fs::remove_file(&tmp) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(CookieError::Io { action: "remove", path: tmp, source }),
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .open(&tmp)
            .map_err(io("create", &tmp))?;
        file.write_all(self.credentials.as_bytes()).map_err(io("write", &tmp))?;
        file.sync_all().map_err(io("sync", &tmp))?;
        std::fs::rename(&tmp, &path).map_err(io("rename", &path))?;
        Ok(path)
    }

    /// Reads a cookie file.
    pub fn read(path: &Path) -> Result<Cookie, CookieError> {
        let text = std::fs::read_to_string(path)
            .map_err(|source| CookieError::Io { action: "read", path: path.to_path_buf(), source })?;
        let credentials = text.trim_end().to_string();
        match credentials.split_once(':') {
            Some((user, token)) if user == COOKIE_USER && !token.is_empty() => Ok(Cookie { credentials }),
            _ => Err(CookieError::Malformed { path: path.to_path_buf() }),
        }
    }

    /// The `Authorization` header's value.
    pub fn authorization(&self) -> String {
        format!("Basic {}", base64::engine::general_purpose::STANDARD.encode(&self.credentials))
    }

    /// Checks an `Authorization` header's value.
    pub fn check(&self, header: Option<&[u8]>) -> Result<(), AuthFailure> {
        let header = header.ok_or(AuthFailure::Missing)?;
        let encoded = header.strip_prefix(b"Basic ").ok_or(AuthFailure::Malformed)?;
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(encoded.trim_ascii())
            .map_err(|_| AuthFailure::Malformed)?;
        if constant_time_eq(&decoded, self.credentials.as_bytes()) {
            Ok(())
        } else {
            Err(AuthFailure::Wrong)
        }
    }
}

/// Equality whose time depends only on the lengths.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_written_cookie_is_private_and_reads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cookie = Cookie::generate().expect("cookie");
        let path = cookie.write(dir.path()).expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.starts_with("__cookie__:") && text.len() == 11 + 64, "{text}");
        assert_eq!(Cookie::read(&path).expect("read back"), cookie);
        // A new start replaces it.
        let next = Cookie::generate().expect("cookie");
        next.write(dir.path()).expect("rewrite");
        assert_ne!(Cookie::read(&path).expect("read"), cookie);
        assert_eq!(format!("{cookie:?}"), "Cookie(<hidden>)");
    }

    #[test]
    fn credentials_are_checked() {
        let cookie = Cookie::generate().expect("cookie");
        assert_eq!(cookie.check(Some(cookie.authorization().as_bytes())), Ok(()));
        assert_eq!(cookie.check(None), Err(AuthFailure::Missing));
        assert_eq!(cookie.check(Some(b"Bearer x")), Err(AuthFailure::Malformed));
        assert_eq!(cookie.check(Some(b"Basic !!!")), Err(AuthFailure::Malformed));
        let other = Cookie::generate().expect("cookie");
        assert_eq!(cookie.check(Some(other.authorization().as_bytes())), Err(AuthFailure::Wrong));
    }

    #[test]
    fn a_malformed_cookie_file_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(COOKIE_FILE_NAME);
        std::fs::write(&path, "user:pass").expect("write");
        assert!(matches!(Cookie::read(&path), Err(CookieError::Malformed { .. })));
        assert!(matches!(Cookie::read(&dir.path().join("none")), Err(CookieError::Io { .. })));
    }
}

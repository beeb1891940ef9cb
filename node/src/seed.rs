//! The node's seed file, `DATADIR/seed`: 32 random bytes, created on first
//! start with mode 0600 (the mode is given at creation, so the file is
//! never readable by others, not even for an instant), reused on every
//! later start.
//!
//! A seed file of the wrong length, not a regular file, or readable or
//! writable by group or others is refused — nothing is repaired silently.
//! What this is not: key derivation (see [`crate::keys`]) or a backup
//! scheme. The seed's bytes never appear in `Debug` output or errors.
use std::fmt;
use std::io::{Read, Write};
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use thiserror::Error;

/// The seed file's name in the data directory.
pub const SEED_FILE_NAME: &str = "seed";
/// The seed's length in bytes.
pub const SEED_LEN: usize = 32;

/// The node's secret seed.
#[derive(Clone, PartialEq, Eq)]
pub struct Seed([u8; SEED_LEN]);

impl fmt::Debug for Seed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Seed(<hidden>)")
    }
}

impl Drop for Seed {
    /// Best effort: overwrite the bytes when the seed goes (copies the
    /// compiler made along the way are out of reach).
    fn drop(&mut self) {
        self.0 = [0; SEED_LEN];
        // Keeps the store from being optimised away as dead.
        std::hint::black_box(&self.0);
    }
}

impl Seed {
    /// A seed from bytes (tests and recovery).
    pub fn from_bytes(bytes: [u8; SEED_LEN]) -> Seed {
        Seed(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; SEED_LEN] {
        &self.0
    }
}

/// Why the seed could not be loaded or created.
#[derive(Debug, Error)]
pub enum SeedError {
    #[error("cannot {action} the seed file {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the seed file {} is {len} bytes long; a seed is {SEED_LEN} bytes (refusing to guess: restore it or move it away)", path.display())]
    WrongLength { path: PathBuf, len: u64 },
    #[error("the seed file {} has mode {mode:04o}: group and others must have no access (chmod 600 it after checking nobody read it)", path.display())]
    TooOpen { path: PathBuf, mode: u32 },
    #[error("the seed file {} is not a regular file", path.display())]
    NotAFile { path: PathBuf },
    #[error("no randomness from the operating system: {0}")]
    Random(getrandom::Error),
}

/// Whether the seed was made now or found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeedOrigin {
    Created,
    Loaded,
}

/// Loads `datadir/seed`, or creates it (32 bytes from the OS, mode 0600)
/// when absent. The data directory must exist.
pub fn load_or_create(datadir: &Path) -> Result<(Seed, SeedOrigin), SeedError> {
    let path = datadir.join(SEED_FILE_NAME);
    match std::fs::symlink_metadata(&path) {
        Ok(_) => load(&path).map(|seed| (seed, SeedOrigin::Loaded)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => create(&path).map(|seed| (seed, SeedOrigin::Created)),
        Err(source) => Err(SeedError::Io { action: "inspect", path, source }),
    }
}

fn load(path: &Path) -> Result<Seed, SeedError> {
    let io = |action| move |source| SeedError::Io { action, path: path.to_path_buf(), source };
    let meta = std::fs::symlink_metadata(path).map_err(io("inspect"))?;
    if !meta.file_type().is_file() {
        return Err(SeedError::NotAFile { path: path.to_path_buf() });
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 != 0 {
        return Err(SeedError::TooOpen { path: path.to_path_buf(), mode });
    }
    if meta.len() != SEED_LEN as u64 {
        return Err(SeedError::WrongLength { path: path.to_path_buf(), len: meta.len() });
    }
    let mut bytes = [0u8; SEED_LEN];
    let mut file = std::fs::File::open(path).map_err(io("open"))?;
    file.read_exact(&mut bytes).map_err(io("read"))?;
    // The file may have grown between the check and the read.
    let mut extra = [0u8; 1];
    if file.read(&mut extra).map_err(io("read"))? != 0 {
        let len = std::fs::metadata(path).map(|m| m.len()).unwrap_or(SEED_LEN as u64 + 1);
        return Err(SeedError::WrongLength { path: path.to_path_buf(), len });
    }
    Ok(Seed(bytes))
}

fn create(path: &Path) -> Result<Seed, SeedError> {
    let io = |action| move |source| SeedError::Io { action, path: path.to_path_buf(), source };
    let mut bytes = [0u8; SEED_LEN];
    getrandom::getrandom(&mut bytes).map_err(SeedError::Random)?;
    // create_new: never overwrite a seed that appeared in the meantime.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(io("create"))?;
    file.write_all(&bytes).map_err(io("write"))?;
    file.sync_all().map_err(io("sync"))?;
    Ok(Seed(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_start_creates_a_private_seed_and_later_starts_reuse_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (first, origin) = load_or_create(dir.path()).expect("created");
        assert_eq!(origin, SeedOrigin::Created);
        let meta = std::fs::metadata(dir.path().join(SEED_FILE_NAME)).expect("the seed file");
        assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        assert_eq!(meta.len(), 32);
        let (second, origin) = load_or_create(dir.path()).expect("loaded");
        assert_eq!(origin, SeedOrigin::Loaded);
        assert_eq!(first, second);
        assert_ne!(first.as_bytes(), &[0; 32]);
        assert_eq!(format!("{first:?}"), "Seed(<hidden>)");
    }

    #[test]
    fn two_data_directories_get_different_seeds() {
        let a = tempfile::tempdir().expect("tempdir");
        let b = tempfile::tempdir().expect("tempdir");
        assert_ne!(load_or_create(a.path()).expect("a").0, load_or_create(b.path()).expect("b").0);
    }

    fn write_seed(dir: &Path, bytes: &[u8], mode: u32) {
        let path = dir.join(SEED_FILE_NAME);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(mode)
            .open(&path)
            .and_then(|mut f| f.write_all(bytes))
            .expect("write a seed file");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    }

    #[test]
    fn a_seed_of_the_wrong_length_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        write_seed(dir.path(), &[1; 31], 0o600);
        let err = load_or_create(dir.path()).expect_err("short");
        assert!(matches!(err, SeedError::WrongLength { len: 31, .. }), "{err}");
        assert!(err.to_string().contains("31 bytes"), "{err}");
    }

    #[test]
    fn a_seed_readable_by_group_or_others_is_refused() {
        for mode in [0o640, 0o604, 0o660, 0o602] {
            let dir = tempfile::tempdir().expect("tempdir");
            write_seed(dir.path(), &[1; 32], mode);
            let err = load_or_create(dir.path()).expect_err("too open");
            assert!(matches!(err, SeedError::TooOpen { mode: m, .. } if m == mode), "{mode:o}: {err}");
            assert!(err.to_string().contains(&format!("{mode:04o}")), "{err}");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        write_seed(dir.path(), &[1; 32], 0o400);
        assert_eq!(load_or_create(dir.path()).expect("read-only for the owner is fine").0, Seed([1; 32]));
    }

    #[test]
    fn a_directory_named_seed_is_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join(SEED_FILE_NAME)).expect("mkdir");
        assert!(matches!(load_or_create(dir.path()), Err(SeedError::NotAFile { .. })));
    }
}

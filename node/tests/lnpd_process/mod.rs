//! A real `lnpd` process for the end-to-end tests, and the real `lnp-cli`
//! to drive it: started on a data directory, waited for until its RPC
//! serves, killed when dropped (also when a test fails), with its log kept
//! beside the data directory for failure messages.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use lnp_node::rpc::client::Client;
use serde_json::Value;

pub const LNPD: &str = env!("CARGO_BIN_EXE_lnpd");
pub const LNP_CLI: &str = env!("CARGO_BIN_EXE_lnp-cli");

/// A running `lnpd`, killed when dropped.
pub struct Lnpd {
    pub child: Child,
    pub datadir: PathBuf,
    pub log: PathBuf,
}

impl Drop for Lnpd {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Lnpd {
    /// Starts `lnpd --datadir DATADIR ARGS…` (its stderr appended to
    /// `NAME.log` beside the data directory) and waits until it serves RPC
    /// (on TCP or its unix socket).
    pub fn spawn(datadir: &Path, name: &str, args: &[&str]) -> Lnpd {
        let log = datadir.with_file_name(format!("{name}.log"));
        // A killed daemon leaves its address files behind; a clean one not.
        let _ = std::fs::remove_file(datadir.join("rpc-address"));
        let _ = std::fs::remove_file(datadir.join("rpc-socket"));
        let child = Command::new(LNPD)
            .args(["--datadir", &datadir.to_string_lossy()])
            .args(args)
            .env("RUST_LOG", "info")
            .env_remove("LNPD_CONFIG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::OpenOptions::new().create(true).append(true).open(&log).expect("log file"))
            .spawn()
            .expect("lnpd starts");
        let mut lnpd = Lnpd { child, datadir: datadir.to_path_buf(), log };
        let deadline = Instant::now() + Duration::from_secs(15);
        while !((datadir.join("rpc-address").exists() || datadir.join("rpc-socket").exists()) && datadir.join(".cookie").exists()) {
            if let Ok(Some(status)) = lnpd.child.try_wait() {
                panic!("lnpd exited with {status} before serving:\n{}", lnpd.log());
            }
            assert!(Instant::now() < deadline, "lnpd did not start in time:\n{}", lnpd.log());
            std::thread::sleep(Duration::from_millis(20));
        }
        lnpd
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    pub fn cli(&self, args: &[&str]) -> Output {
        Command::new(LNP_CLI).args(["--datadir", &self.datadir.to_string_lossy()]).args(args).output().expect("lnp-cli runs")
    }

    /// `lnp-cli --json …`, which must succeed.
    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.cli(&[&["--json"], args].concat());
        assert!(out.status.success(), "lnp-cli {args:?} failed: {}\nlnpd log:\n{}", String::from_utf8_lossy(&out.stderr), self.log());
        serde_json::from_slice(&out.stdout).expect("lnp-cli --json prints JSON")
    }

    /// `lnp-cli …` in human form, which must succeed.
    pub fn text(&self, args: &[&str]) -> String {
        let out = self.cli(args);
        assert!(out.status.success(), "lnp-cli {args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The call's error message (it must fail).
    pub fn error(&self, args: &[&str]) -> String {
        let out = self.cli(args);
        assert!(!out.status.success(), "lnp-cli {args:?} should fail");
        String::from_utf8_lossy(&out.stderr).into_owned()
    }

    pub fn client(&self) -> Client {
        Client::from_datadir(&self.datadir, None).expect("a client from the data directory")
    }

    /// Waits for the process to exit on its own.
    pub fn wait_exit(&mut self) -> std::process::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status;
            }
            assert!(Instant::now() < deadline, "lnpd did not exit:\n{}", self.log());
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

//! `lnpd`, the lnp node daemon: reads its configuration (flags, the TOML
//! file, `LNPD_*` variables; see `lnp_node::config`), starts logging
//! (`RUST_LOG`, default `info`, to stderr), runs the daemon until SIGINT,
//! SIGTERM or the `stop` call, and exits 0 after a clean shutdown, 1 when
//! the daemon fails and 2 on a configuration error.
//!
//! All the work is in the library (`lnp_node::daemon`); this is the shell.
use std::process::ExitCode;

use clap::Parser;
use lnp_node::config::{Config, Flags, ProcessEnv};
use lnp_node::daemon::Daemon;
use tracing_subscriber::EnvFilter;

/// The lnp Lightning node daemon.
#[derive(Parser)]
#[command(name = "lnpd", version)]
struct Cli {
    #[command(flatten)]
    flags: Flags,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(colour).with_writer(std::io::stderr).init();
    let config = match Config::load(&cli.flags, &ProcessEnv) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("lnpd: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("lnpd: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let outcome = runtime.block_on(async {
        let daemon = Daemon::start(config).await?;
        daemon.run().await
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lnpd: {e}");
            ExitCode::FAILURE
        }
    }
}

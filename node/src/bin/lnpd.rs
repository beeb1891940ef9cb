//! `lnpd`, the lnp node daemon: reads its configuration (flags, the TOML
//! file, `LNPD_*` variables; see `lnp_node::config`), starts logging
//! (`RUST_LOG`, default `info`, to stderr), runs the daemon until SIGINT,
//! SIGTERM or the `stop` call, and exits 0 after a clean shutdown, 1 when
//! the daemon fails and 2 on a configuration error.
//!
//! `lnpd demo` instead runs `lnp_node::demo`: three nodes on one embedded
//! chain open, pay and close channels; progress lines and the summary go
//! to stdout (logs stay on stderr, default level `warn` there); exit 0
//! when the books balance.
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
    #[command(subcommand)]
    command: Option<Sub>,
}

#[derive(clap::Subcommand)]
enum Sub {
    /// Three nodes on one embedded chain: fund, connect, open, pay, close.
    Demo {
        /// Print the summary as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn demo(json: bool) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("lnpd demo: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(lnp_node::demo::run(|line| println!("• {line}"))) {
        Ok(summary) => {
            if json {
                match serde_json::to_string_pretty(&summary) {
                    Ok(text) => println!("{text}"),
                    Err(e) => eprintln!("lnpd demo: {e}"),
                }
            } else {
                println!("\n{summary}");
            }
            let balanced = summary.nodes.iter().all(|n| n.expected_sat() == n.final_onchain_sat as i128);
            if balanced {
                println!("every node's final on-chain balance = funded − paid + received − fees");
                ExitCode::SUCCESS
            } else {
                eprintln!("lnpd demo: the books do not balance");
                ExitCode::FAILURE
            }
        }
        Err(e) => {
            eprintln!("lnpd demo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn main() -> ExitCode {
    lnp_node::memory::limit_arenas();
    lnp_node::memory::map_large_blocks();
    let cli = Cli::parse();
    let default_level = if cli.command.is_some() { "warn" } else { "info" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr());
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(colour).with_writer(std::io::stderr).init();
    if let Some(Sub::Demo { json }) = cli.command {
        return demo(json);
    }
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

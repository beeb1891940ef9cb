//! `lnpc`: the lnp protocol compiler's command line.
//!
//! `lnpc check PATH…` parses and checks specs; `lnpc fmt [--check] PATH…`
//! rewrites them in canonical layout; `lnpc graph FILE --format dot|mermaid`
//! prints a protocol's state machine; `lnpc compile PATH… --out DIR` writes
//! the Rust modules of the protocols found. Exit codes: 0 clean, 1 diagnostics
//! (or files that `fmt --check` would change), 2 usage or I/O errors.
//! All the language work happens in `lnp-dsl`; this is only the shell.

// The front end allocates and frees many small AST nodes; mimalloc does
// that markedly faster than glibc's malloc (see `cargo bench -p lnp-dsl`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use lnp_dsl::{check, render_all, Program};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "lnpc", version, about = "The lnp protocol compiler: check, format and graph .lnp specs")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and check specs (files or folders of *.lnp); imports are followed.
    Check {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Rewrite specs in canonical layout, or with --check only report files that would change.
    Fmt {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long)]
        check: bool,
    },
    /// Compile the protocols among PATHs to Rust modules in DIR (one NAME.rs each, plus mod.rs).
    Compile {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Do not write; exit 1 if DIR is not exactly what would be written.
        #[arg(long)]
        check: bool,
    },
    /// Explore every interleaving of two parties of a compiled protocol and check its properties.
    Explore {
        /// A protocol compiled into this build (see `lnpc explore --list`).
        #[arg(required_unless_present = "list")]
        protocol: Option<String>,
        /// Maximum number of steps on a path.
        #[arg(long, default_value_t = 40)]
        depth: usize,
        /// Stop after this many states.
        #[arg(long, default_value_t = 1_000_000)]
        max_states: usize,
        /// Commands each party's user may issue on one path.
        #[arg(long, default_value_t = 8)]
        commands: u8,
        /// Payments the payer may send on one path (toy channel scenarios).
        #[arg(long, default_value_t = 2)]
        payments: u8,
        /// The amount of each payment, in msat (the toy channel holds 100,000,000).
        #[arg(long, default_value_t = 40_000_000)]
        payment_msat: u64,
        /// Fee updates the funder may propose on one path (BOLT channel).
        #[arg(long, default_value_t = 0)]
        fee_updates: u8,
        /// Connection drops (all messages in flight lost) allowed on one path.
        #[arg(long, default_value_t = 0)]
        disconnects: u8,
        /// Crash-restarts from the store allowed on one path.
        #[arg(long, default_value_t = 0)]
        crashes: u8,
        /// Search threads.
        #[arg(long, default_value_t = 1)]
        threads: usize,
        /// List the protocols that can be explored.
        #[arg(long)]
        list: bool,
    },
    /// Print the state machine of the protocol in FILE.
    Graph {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Dot)]
        format: Format,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Dot,
    Mermaid,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    match cli.command {
        Command::Check { paths, deny_warnings } => run_check(&paths, deny_warnings),
        Command::Compile { paths, out, check } => lnpc::compile_cmd::run(&paths, &out, check),
        Command::Fmt { paths, check } => lnpc::format_cmd::run(&paths, check),
        #[cfg(feature = "explore")]
        Command::Explore { protocol, depth, max_states, commands, payments, payment_msat, fee_updates, disconnects, crashes, threads, list } => {
            let bounds = lnp_protocols::scenarios::Bounds {
                depth,
                max_states,
                commands_per_party: commands,
                payments,
                payment_msat,
                fee_updates,
                faults: lnp_engine::explore::Faults { disconnects, crashes },
                threads,
            };
            lnpc::explore_cmd::run(protocol.as_deref(), &bounds, list)
        }
        #[cfg(not(feature = "explore"))]
        Command::Explore { .. } => {
            eprintln!("lnpc: built without the `explore` feature (it needs the compiled protocols)");
            ExitCode::from(2)
        }
        Command::Graph { file, format } => lnpc::diagram_cmd::run(
            &file,
            match format {
                Format::Dot => lnp_dsl::diagram::Format::Dot,
                Format::Mermaid => lnp_dsl::diagram::Format::Mermaid,
            },
        ),
    }
}

fn run_check(paths: &[PathBuf], deny_warnings: bool) -> ExitCode {
    let program = match Program::load(paths) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("lnpc: {e}");
            return ExitCode::from(2);
        }
    };
    let checked = check(&program);
    let failing = checked.diagnostics.iter().any(|d| d.is_error() || deny_warnings);
    if !checked.diagnostics.is_empty() {
        eprint!("{}", render_all(&checked.diagnostics, &program.sources));
    }
    if failing {
        return ExitCode::from(1);
    }
    let files = program.units.len();
    eprintln!("checked {files} file{}: no errors", if files == 1 { "" } else { "s" });
    ExitCode::SUCCESS
}

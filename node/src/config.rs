//! `lnpd`'s configuration: command-line flags, the TOML config file, the
//! `LNPD_*` environment variables and the defaults, merged in that order of
//! precedence (a flag beats the file, the file beats the environment, the
//! environment beats the default).
//!
//! Every value is checked here, whatever its source, and an error names the
//! source (`--network`, `lnpd.toml: network`, `LNPD_NETWORK`). What this is
//! not: it opens no socket and creates no directory — the daemon does.
//!
//! | flag | file key | environment | default |
//! | --- | --- | --- | --- |
//! | `--datadir DIR` | — | `LNPD_DATADIR` | `$HOME/.lnp` |
//! | `--config FILE` | — | `LNPD_CONFIG` | `DATADIR/lnpd.toml` (may be absent) |
//! | `--network NET` | `network` | `LNPD_NETWORK` | `regtest` |
//! | `--listen HOST:PORT` | `listen` | `LNPD_LISTEN` | `0.0.0.0:9735` |
//! | `--rpc-listen HOST:PORT` | `rpc-listen` | `LNPD_RPC_LISTEN` | `127.0.0.1:` 9736 (regtest), 9737 (signet), 9738 (testnet), 9739 (bitcoin); none when only `rpc-socket` is set |
//! | `--rpc-socket PATH` | `rpc-socket` | `LNPD_RPC_SOCKET` | — (a relative path is in the data directory) |
//! | `--ping-interval SECS` | `ping-interval` | `LNPD_PING_INTERVAL` | `30` (1 to 3600) |
//! | `--hot-channels N` | `hot-channels` | `LNPD_HOT_CHANNELS` | `32` (1 to 100000) |
//! | `--chain embedded\|bitcoind` | `chain` | `LNPD_CHAIN` | `embedded` |
//! | `--bitcoind-url URL` | `bitcoind-url` | `LNPD_BITCOIND_URL` | `http://127.0.0.1:` Core's RPC port for the network |
//! | `--bitcoind-cookie FILE` | `bitcoind-cookie` | `LNPD_BITCOIND_COOKIE` | `$HOME/.bitcoin/<network dir>/.cookie` unless a user is given |
//! | `--bitcoind-user USER` | `bitcoind-user` | `LNPD_BITCOIND_USER` | — |
//! | `--bitcoind-pass PASS` | `bitcoind-pass` | `LNPD_BITCOIND_PASS` | — |
//!
//! The data directory and the config file's own path cannot be set in the
//! file (it is found through them).
//!
//! The RPC is served on loopback TCP, on a unix socket, or on both: giving
//! `rpc-socket` alone (from any source) serves the socket only; giving
//! `rpc-listen` too serves both. A peer that has not answered a ping within
//! the ping interval, and at most [`MAX_PONG_WAIT_SECS`], is dropped.
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use bitcoin::Network;
use clap::Args;
use serde::Deserialize;
use thiserror::Error;

/// The name of the config file in the data directory.
pub const CONFIG_FILE_NAME: &str = "lnpd.toml";
/// The Lightning port (BOLT 1).
pub const DEFAULT_LISTEN_PORT: u16 = 9735;
/// Seconds between two pings to a quiet peer, by default (`peer.lnp`'s).
pub const DEFAULT_PING_INTERVAL_SECS: u32 = 30;
/// The shortest and longest ping intervals accepted, in seconds.
pub const PING_INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 1..=3600;
/// How many channels keep their whole machine and signer in memory
/// (those that stepped last) unless told otherwise.
pub const DEFAULT_HOT_CHANNELS: usize = 32;
/// The hot channels one may ask for.
pub const HOT_CHANNELS_RANGE: std::ops::RangeInclusive<usize> = 1..=100_000;
/// The longest a peer is given to answer a ping (`peer.lnp`'s default);
/// a shorter ping interval gives it only that interval.
pub const MAX_PONG_WAIT_SECS: u32 = 20;
/// The longest unix socket path Linux accepts (`sun_path` holds 108 bytes,
/// the last a NUL).
pub const MAX_SOCKET_PATH_LEN: usize = 107;

/// The daemon's flags (every one optional: what is absent comes from the
/// file, the environment or the defaults).
#[derive(Debug, Clone, Default, Args)]
pub struct Flags {
    /// The data directory (seed, store, cookie, RPC address).
    #[arg(long, value_name = "DIR")]
    pub datadir: Option<PathBuf>,
    /// The config file [default: DATADIR/lnpd.toml].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// regtest, signet, testnet or bitcoin.
    #[arg(long, value_name = "NETWORK")]
    pub network: Option<String>,
    /// Where to accept peers (BOLT 8).
    #[arg(long, value_name = "HOST:PORT")]
    pub listen: Option<String>,
    /// Where to serve JSON-RPC (loopback only).
    #[arg(long, value_name = "HOST:PORT")]
    pub rpc_listen: Option<String>,
    /// Serve JSON-RPC on this unix socket too (mode 0600; relative to the
    /// data directory); alone, instead of TCP.
    #[arg(long, value_name = "PATH")]
    pub rpc_socket: Option<PathBuf>,
    /// Seconds between pings to a quiet peer (1 to 3600).
    #[arg(long, value_name = "SECS")]
    pub ping_interval: Option<String>,
    /// Channels kept whole in memory, the busiest last (1 to 100000): more
    /// costs about 2 KiB each, fewer reads idle channels back from disk.
    #[arg(long, value_name = "N")]
    pub hot_channels: Option<String>,
    /// embedded (an in-process regtest chain) or bitcoind.
    #[arg(long, value_name = "BACKEND")]
    pub chain: Option<String>,
    /// Bitcoin Core's RPC URL.
    #[arg(long, value_name = "URL")]
    pub bitcoind_url: Option<String>,
    /// Bitcoin Core's `.cookie` file.
    #[arg(long, value_name = "FILE")]
    pub bitcoind_cookie: Option<PathBuf>,
    /// Bitcoin Core's rpcuser.
    #[arg(long, value_name = "USER")]
    pub bitcoind_user: Option<String>,
    /// Bitcoin Core's rpcpassword.
    #[arg(long, value_name = "PASS")]
    pub bitcoind_pass: Option<Password>,
}

/// A password: its `Debug` does not show it.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Password(pub String);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<hidden>")
    }
}

impl FromStr for Password {
    type Err = std::convert::Infallible;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Password(s.to_string()))
    }
}

/// What the config file may say.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct FileConfig {
    pub network: Option<String>,
    pub listen: Option<String>,
    pub rpc_listen: Option<String>,
    pub rpc_socket: Option<PathBuf>,
    pub ping_interval: Option<u32>,
    pub hot_channels: Option<usize>,
    pub chain: Option<String>,
    pub bitcoind_url: Option<String>,
    pub bitcoind_cookie: Option<PathBuf>,
    pub bitcoind_user: Option<String>,
    pub bitcoind_pass: Option<Password>,
}

/// Which chain backend the daemon runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChainKind {
    /// `lnp-chain`, in process; regtest only.
    Embedded,
    /// Bitcoin Core over JSON-RPC.
    Bitcoind,
}

/// How to reach bitcoind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BitcoindConfig {
    pub url: String,
    pub auth: BitcoindAuth,
}

/// bitcoind's credentials.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BitcoindAuth {
    Cookie(PathBuf),
    UserPass { user: String, pass: Password },
}

/// The resolved configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub datadir: PathBuf,
    /// The config file that was read, if there was one.
    pub config_file: Option<PathBuf>,
    pub network: Network,
    pub listen: SocketAddr,
    /// The RPC's TCP address; `None` when it is served on the socket only.
    pub rpc_listen: Option<SocketAddr>,
    /// The RPC's unix socket (absolute, or relative to the working
    /// directory when the data directory is).
    pub rpc_socket: Option<PathBuf>,
    /// Seconds between pings to a quiet peer.
    pub ping_interval_secs: u32,
    /// Channels whose whole machine and signer stay in memory.
    pub hot_channels: usize,
    pub chain: ChainKind,
    /// Set when `chain` is [`ChainKind::Bitcoind`].
    pub bitcoind: Option<BitcoindConfig>,
}

/// Where a value came from (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    Flag(&'static str),
    File { path: PathBuf, key: &'static str },
    Env(&'static str),
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Flag(flag) => write!(f, "--{flag}"),
            Origin::File { path, key } => write!(f, "{}: {key}", path.display()),
            Origin::Env(var) => write!(f, "{var}"),
            Origin::Default => write!(f, "the default"),
        }
    }
}

/// Why the configuration cannot be used.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{origin}: {value:?} is not a valid {what}: {reason}")]
    Invalid { origin: Origin, what: &'static str, value: String, reason: String },
    #[error("cannot read the config file {}: {source}", path.display())]
    ReadFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the config file {} is not valid: {message}", path.display())]
    ParseFile { path: PathBuf, message: String },
    #[error("no data directory: give --datadir or LNPD_DATADIR (HOME is not set either)")]
    NoDatadir,
    #[error("the embedded chain is a regtest chain; --network {network} needs --chain bitcoind")]
    EmbeddedNeedsRegtest { network: String },
    #[error("{origin}: the RPC serves no TLS and binds only to loopback, not {addr}")]
    RpcNotLoopback { origin: Origin, addr: SocketAddr },
    #[error("{origin}: the unix socket path {} is {len} bytes long; the most is {MAX_SOCKET_PATH_LEN}", path.display())]
    SocketPathTooLong { origin: Origin, path: PathBuf, len: usize },
    #[error("bitcoind authentication: give either a user and a password, or a cookie file, not {found}")]
    BitcoindAuth { found: &'static str },
}

/// Reads the environment: a lookup from variable name to value.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
}

/// The process's environment.
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|v| !v.is_empty())
    }
}

impl<S: std::hash::BuildHasher> Env for std::collections::HashMap<&str, &str, S> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).map(|v| v.to_string())
    }
}

/// One setting from the first source that has it.
fn pick<T: Clone>(
    flag: (Option<&T>, &'static str),
    file: Option<(&Path, Option<&T>, &'static str)>,
    env_value: (Option<T>, &'static str),
) -> Option<(T, Origin)> {
    if let Some(v) = flag.0 {
        return Some((v.clone(), Origin::Flag(flag.1)));
    }
    if let Some((path, Some(v), key)) = file {
        return Some((v.clone(), Origin::File { path: path.to_path_buf(), key }));
    }
    env_value.0.map(|v| (v, Origin::Env(env_value.1)))
}

/// Parses a network name.
pub fn parse_network(text: &str) -> Result<Network, String> {
    match text {
        "regtest" => Ok(Network::Regtest),
        "signet" => Ok(Network::Signet),
        "testnet" => Ok(Network::Testnet),
        "bitcoin" | "mainnet" => Ok(Network::Bitcoin),
        _ => Err("expected regtest, signet, testnet or bitcoin".into()),
    }
}

/// Parses `IP:PORT`, `[IPv6]:PORT` or `localhost:PORT`.
pub fn parse_socket_addr(text: &str) -> Result<SocketAddr, String> {
    if let Ok(addr) = SocketAddr::from_str(text) {
        return Ok(addr);
    }
    match text.rsplit_once(':') {
        Some(("localhost", port)) => port
            .parse::<u16>()
            .map(|port| SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), port))
            .map_err(|e| format!("bad port: {e}")),
        _ => Err("expected IP:PORT (or localhost:PORT)".into()),
    }
}

/// Parses a ping interval: whole seconds in [`PING_INTERVAL_RANGE`].
pub fn parse_ping_interval(text: &str) -> Result<u32, String> {
    let secs: u32 = text.trim().parse().map_err(|e| format!("expected whole seconds: {e}"))?;
    if !PING_INTERVAL_RANGE.contains(&secs) {
        return Err(format!("expected {} to {} seconds", PING_INTERVAL_RANGE.start(), PING_INTERVAL_RANGE.end()));
    }
    Ok(secs)
}

/// Parses a number of hot channels, in [`HOT_CHANNELS_RANGE`].
pub fn parse_hot_channels(text: &str) -> Result<usize, String> {
    let n: usize = text.trim().parse().map_err(|e| format!("expected a whole number: {e}"))?;
    if !HOT_CHANNELS_RANGE.contains(&n) {
        return Err(format!("expected {} to {}", HOT_CHANNELS_RANGE.start(), HOT_CHANNELS_RANGE.end()));
    }
    Ok(n)
}

impl Config {
    /// The peer machine's `pong_wait`: the ping interval, at most
    /// [`MAX_PONG_WAIT_SECS`].
    pub fn pong_wait_secs(&self) -> u32 {
        self.ping_interval_secs.min(MAX_PONG_WAIT_SECS)
    }

    /// A regtest node on the embedded chain in `datadir`, listening for
    /// peers and RPC on loopback ports the system picks, every other
    /// setting at its default: for tests, benches and the demo.
    pub fn local(datadir: PathBuf) -> Config {
        Config {
            datadir,
            config_file: None,
            network: Network::Regtest,
            listen: SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0),
            rpc_listen: Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0)),
            rpc_socket: None,
            ping_interval_secs: DEFAULT_PING_INTERVAL_SECS,
            hot_channels: DEFAULT_HOT_CHANNELS,
            chain: ChainKind::Embedded,
            bitcoind: None,
        }
    }
}

fn invalid(origin: Origin, what: &'static str, value: &str, reason: String) -> ConfigError {
    ConfigError::Invalid { origin, what, value: value.to_string(), reason }
}

/// The RPC port on each network.
pub fn default_rpc_port(network: Network) -> u16 {
    match network {
        Network::Signet => 9737,
        Network::Testnet => 9738,
        Network::Bitcoin => 9739,
        _ => 9736,
    }
}

/// Bitcoin Core's RPC port and data subdirectory on each network.
fn bitcoind_defaults(network: Network) -> (u16, &'static str) {
    match network {
        Network::Bitcoin => (8332, ""),
        Network::Testnet => (18332, "testnet3"),
        Network::Signet => (38332, "signet"),
        _ => (18443, "regtest"),
    }
}

impl Config {
    /// Resolves the configuration: reads the config file (an explicit one
    /// must exist; the default one may be absent) and merges.
    pub fn load(flags: &Flags, env: &dyn Env) -> Result<Config, ConfigError> {
        let datadir = datadir(flags, env)?;
        let (path, explicit) = match (&flags.config, env.var("LNPD_CONFIG")) {
            (Some(path), _) => (path.clone(), true),
            (None, Some(path)) => (PathBuf::from(path), true),
            (None, None) => (datadir.join(CONFIG_FILE_NAME), false),
        };
        let file = match std::fs::read_to_string(&path) {
            Ok(text) => Some((path.clone(), parse_file(&path, &text)?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !explicit => None,
            Err(source) => return Err(ConfigError::ReadFile { path, source }),
        };
        Config::resolve(flags, file.as_ref().map(|(p, f)| (p.as_path(), f)), env)
    }

    /// Merges flags, a parsed config file and the environment over the
    /// defaults (no I/O).
    pub fn resolve(flags: &Flags, file: Option<(&Path, &FileConfig)>, env: &dyn Env) -> Result<Config, ConfigError> {
        let datadir = datadir(flags, env)?;
        let from_file = |get: fn(&FileConfig) -> Option<&String>, key: &'static str| {
            file.map(|(path, f)| (path, get(f), key))
        };
        let network = match pick(
            (flags.network.as_ref(), "network"),
            from_file(|f| f.network.as_ref(), "network"),
            (env.var("LNPD_NETWORK"), "LNPD_NETWORK"),
        ) {
            Some((text, origin)) => {
                parse_network(&text).map_err(|reason| invalid(origin, "network", &text, reason))?
            }
            None => Network::Regtest,
        };
        let listen = match pick(
            (flags.listen.as_ref(), "listen"),
            from_file(|f| f.listen.as_ref(), "listen"),
            (env.var("LNPD_LISTEN"), "LNPD_LISTEN"),
        ) {
            Some((text, origin)) => {
                parse_socket_addr(&text).map_err(|reason| invalid(origin, "listen address", &text, reason))?
            }
            None => SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), DEFAULT_LISTEN_PORT),
        };
        let rpc_socket = match pick(
            (flags.rpc_socket.as_ref(), "rpc-socket"),
            file.map(|(path, f)| (path, f.rpc_socket.as_ref(), "rpc-socket")),
            (env.var("LNPD_RPC_SOCKET").map(PathBuf::from), "LNPD_RPC_SOCKET"),
        ) {
            Some((path, origin)) => {
                let path = datadir.join(path);
                let len = path.as_os_str().len();
                if len > MAX_SOCKET_PATH_LEN {
                    return Err(ConfigError::SocketPathTooLong { origin, path, len });
                }
                Some(path)
            }
            None => None,
        };
        let rpc_listen = match pick(
            (flags.rpc_listen.as_ref(), "rpc-listen"),
            from_file(|f| f.rpc_listen.as_ref(), "rpc-listen"),
            (env.var("LNPD_RPC_LISTEN"), "LNPD_RPC_LISTEN"),
        ) {
            Some((text, origin)) => {
                let addr =
                    parse_socket_addr(&text).map_err(|reason| invalid(origin.clone(), "RPC address", &text, reason))?;
                if !addr.ip().is_loopback() {
                    return Err(ConfigError::RpcNotLoopback { origin, addr });
                }
                Some(addr)
            }
            None if rpc_socket.is_some() => None,
            None => Some(SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), default_rpc_port(network))),
        };
        let file_ping = file.map(|(path, f)| (path, f.ping_interval.map(|secs| secs.to_string())));
        let ping_interval_secs = match pick(
            (flags.ping_interval.as_ref(), "ping-interval"),
            file_ping.as_ref().map(|(path, secs)| (*path, secs.as_ref(), "ping-interval")),
            (env.var("LNPD_PING_INTERVAL"), "LNPD_PING_INTERVAL"),
        ) {
            Some((text, origin)) => parse_ping_interval(&text).map_err(|reason| invalid(origin, "ping interval", &text, reason))?,
            None => DEFAULT_PING_INTERVAL_SECS,
        };
        let file_hot = file.map(|(path, f)| (path, f.hot_channels.map(|n| n.to_string())));
        let hot_channels = match pick(
            (flags.hot_channels.as_ref(), "hot-channels"),
            file_hot.as_ref().map(|(path, n)| (*path, n.as_ref(), "hot-channels")),
            (env.var("LNPD_HOT_CHANNELS"), "LNPD_HOT_CHANNELS"),
        ) {
            Some((text, origin)) => parse_hot_channels(&text).map_err(|reason| invalid(origin, "number of hot channels", &text, reason))?,
            None => DEFAULT_HOT_CHANNELS,
        };
        let chain = match pick(
            (flags.chain.as_ref(), "chain"),
            from_file(|f| f.chain.as_ref(), "chain"),
            (env.var("LNPD_CHAIN"), "LNPD_CHAIN"),
        ) {
            Some((text, origin)) => match text.as_str() {
                "embedded" => ChainKind::Embedded,
                "bitcoind" => ChainKind::Bitcoind,
                _ => return Err(invalid(origin, "chain backend", &text, "expected embedded or bitcoind".into())),
            },
            None => ChainKind::Embedded,
        };
        let bitcoind = match chain {
            ChainKind::Embedded if network != Network::Regtest => {
                return Err(ConfigError::EmbeddedNeedsRegtest { network: network.to_string() })
            }
            ChainKind::Embedded => None,
            ChainKind::Bitcoind => Some(bitcoind_config(flags, file, env, network)?),
        };
        let config_file = file.map(|(path, _)| path.to_path_buf());
        Ok(Config { datadir, config_file, network, listen, rpc_listen, rpc_socket, ping_interval_secs, hot_channels, chain, bitcoind })
    }
}

fn datadir(flags: &Flags, env: &dyn Env) -> Result<PathBuf, ConfigError> {
    if let Some(dir) = &flags.datadir {
        return Ok(dir.clone());
    }
    if let Some(dir) = env.var("LNPD_DATADIR") {
        return Ok(PathBuf::from(dir));
    }
    env.var("HOME").map(|home| Path::new(&home).join(".lnp")).ok_or(ConfigError::NoDatadir)
}

fn bitcoind_config(
    flags: &Flags,
    file: Option<(&Path, &FileConfig)>,
    env: &dyn Env,
    network: Network,
) -> Result<BitcoindConfig, ConfigError> {
    let (port, subdir) = bitcoind_defaults(network);
    let string_setting = |flag: Option<&String>, name: &'static str, get: fn(&FileConfig) -> Option<&String>, var| {
        pick((flag, name), file.map(|(path, f)| (path, get(f), name)), (env.var(var), var)).map(|(v, _)| v)
    };
    let url = string_setting(flags.bitcoind_url.as_ref(), "bitcoind-url", |f| f.bitcoind_url.as_ref(), "LNPD_BITCOIND_URL")
        .unwrap_or_else(|| format!("http://127.0.0.1:{port}"));
    let user =
        string_setting(flags.bitcoind_user.as_ref(), "bitcoind-user", |f| f.bitcoind_user.as_ref(), "LNPD_BITCOIND_USER");
    let pass = pick(
        (flags.bitcoind_pass.as_ref(), "bitcoind-pass"),
        file.map(|(path, f)| (path, f.bitcoind_pass.as_ref(), "bitcoind-pass")),
        (env.var("LNPD_BITCOIND_PASS").map(Password), "LNPD_BITCOIND_PASS"),
    )
    .map(|(v, _)| v);
    let cookie = pick(
        (flags.bitcoind_cookie.as_ref(), "bitcoind-cookie"),
        file.map(|(path, f)| (path, f.bitcoind_cookie.as_ref(), "bitcoind-cookie")),
        (env.var("LNPD_BITCOIND_COOKIE").map(PathBuf::from), "LNPD_BITCOIND_COOKIE"),
    )
    .map(|(v, _)| v);
    let auth = match (user, pass, cookie) {
        (Some(user), Some(pass), None) => BitcoindAuth::UserPass { user, pass },
        (None, None, Some(cookie)) => BitcoindAuth::Cookie(cookie),
        (None, None, None) => match env.var("HOME") {
            Some(home) => BitcoindAuth::Cookie(Path::new(&home).join(".bitcoin").join(subdir).join(".cookie")),
            None => return Err(ConfigError::BitcoindAuth { found: "nothing (and HOME is not set)" }),
        },
        (Some(_), None, _) => return Err(ConfigError::BitcoindAuth { found: "a user without a password" }),
        (None, Some(_), _) => return Err(ConfigError::BitcoindAuth { found: "a password without a user" }),
        (Some(_), Some(_), Some(_)) => return Err(ConfigError::BitcoindAuth { found: "both" }),
    };
    Ok(BitcoindConfig { url, auth })
}

fn parse_file(path: &Path, text: &str) -> Result<FileConfig, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::ParseFile { path: path.to_path_buf(), message: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn flags(datadir: &str) -> Flags {
        Flags { datadir: Some(PathBuf::from(datadir)), ..Flags::default() }
    }

    fn file(text: &str) -> FileConfig {
        parse_file(Path::new("lnpd.toml"), text).expect("a valid file")
    }

    #[test]
    fn defaults_are_regtest_embedded_on_the_standard_ports() {
        let env: HashMap<&str, &str> = HashMap::new();
        let config = Config::resolve(&flags("/d"), None, &env).expect("valid");
        assert_eq!(config.network, Network::Regtest);
        assert_eq!(config.chain, ChainKind::Embedded);
        assert_eq!(config.listen, "0.0.0.0:9735".parse().expect("addr"));
        assert_eq!(config.rpc_listen, Some("127.0.0.1:9736".parse().expect("addr")));
        assert_eq!(config.rpc_socket, None);
        assert_eq!((config.ping_interval_secs, config.pong_wait_secs()), (30, 20));
        assert_eq!(config.bitcoind, None);
        let env = HashMap::from([("HOME", "/home/u")]);
        let config = Config::resolve(&Flags::default(), None, &env).expect("valid");
        assert_eq!(config.datadir, PathBuf::from("/home/u/.lnp"));
    }

    #[test]
    fn a_flag_beats_the_file_which_beats_the_environment_which_beats_the_default() {
        let env = HashMap::from([
            ("LNPD_LISTEN", "127.0.0.1:1001"),
            ("LNPD_RPC_LISTEN", "127.0.0.1:2001"),
            ("LNPD_CHAIN", "bitcoind"),
            ("LNPD_BITCOIND_URL", "http://env:1"),
            ("LNPD_BITCOIND_USER", "env-user"),
            ("LNPD_BITCOIND_PASS", "env-pass"),
        ]);
        let f = file("listen = \"127.0.0.1:1002\"\nrpc-listen = \"127.0.0.1:2002\"\nbitcoind-url = \"http://file:2\"\n");
        let mut fl = flags("/d");
        fl.listen = Some("127.0.0.1:1003".into());
        let config = Config::resolve(&fl, Some((Path::new("lnpd.toml"), &f)), &env).expect("valid");
        assert_eq!(config.listen.port(), 1003, "flag over file and environment");
        assert_eq!(config.rpc_listen.map(|a| a.port()), Some(2002), "file over environment");
        assert_eq!(config.chain, ChainKind::Bitcoind, "environment over default");
        let bitcoind = config.bitcoind.expect("bitcoind settings");
        assert_eq!(bitcoind.url, "http://file:2");
        assert_eq!(bitcoind.auth, BitcoindAuth::UserPass { user: "env-user".into(), pass: Password("env-pass".into()) });
        // Without the file, the environment wins over the default.
        let config = Config::resolve(&fl, None, &env).expect("valid");
        assert_eq!(config.rpc_listen.map(|a| a.port()), Some(2001));
        // The datadir: flag over environment.
        let env = HashMap::from([("LNPD_DATADIR", "/env"), ("HOME", "/home/u")]);
        assert_eq!(Config::resolve(&flags("/flag"), None, &env).expect("valid").datadir, PathBuf::from("/flag"));
        assert_eq!(Config::resolve(&Flags::default(), None, &env).expect("valid").datadir, PathBuf::from("/env"));
    }

    #[test]
    fn the_network_sets_the_rpc_port_and_bitcoind_defaults() {
        let env = HashMap::from([("HOME", "/h")]);
        let mut fl = flags("/d");
        fl.network = Some("signet".into());
        fl.chain = Some("bitcoind".into());
        let config = Config::resolve(&fl, None, &env).expect("valid");
        assert_eq!(config.network, Network::Signet);
        assert_eq!(config.rpc_listen.map(|a| a.port()), Some(9737));
        let bitcoind = config.bitcoind.expect("bitcoind settings");
        assert_eq!(bitcoind.url, "http://127.0.0.1:38332");
        assert_eq!(bitcoind.auth, BitcoindAuth::Cookie(PathBuf::from("/h/.bitcoin/signet/.cookie")));
    }

    #[test]
    fn bad_values_are_refused_naming_their_source() {
        let env = HashMap::from([("LNPD_NETWORK", "moonnet")]);
        let err = Config::resolve(&flags("/d"), None, &env).expect_err("bad network");
        assert_eq!(err.to_string(), "LNPD_NETWORK: \"moonnet\" is not a valid network: expected regtest, signet, testnet or bitcoin");
        let f = file("chain = \"electrum\"");
        let err = Config::resolve(&flags("/d"), Some((Path::new("/d/lnpd.toml"), &f)), &HashMap::new()).expect_err("bad chain");
        assert!(err.to_string().starts_with("/d/lnpd.toml: chain: \"electrum\""), "{err}");
        let mut fl = flags("/d");
        fl.rpc_listen = Some("0.0.0.0:9736".into());
        let err = Config::resolve(&fl, None, &HashMap::new()).expect_err("not loopback");
        assert!(matches!(err, ConfigError::RpcNotLoopback { .. }), "{err}");
        let mut fl = flags("/d");
        fl.network = Some("bitcoin".into());
        let err = Config::resolve(&fl, None, &HashMap::new()).expect_err("embedded on mainnet");
        assert!(matches!(err, ConfigError::EmbeddedNeedsRegtest { .. }), "{err}");
        let mut fl = flags("/d");
        fl.listen = Some("nowhere".into());
        let err = Config::resolve(&fl, None, &HashMap::new()).expect_err("bad address");
        assert!(err.to_string().starts_with("--listen: \"nowhere\""), "{err}");
    }

    #[test]
    fn the_rpc_socket_is_in_the_data_directory_unless_absolute_and_alone_replaces_tcp() {
        let env = HashMap::from([("LNPD_RPC_SOCKET", "env.sock")]);
        let config = Config::resolve(&flags("/d"), None, &env).expect("valid");
        assert_eq!(config.rpc_socket, Some(PathBuf::from("/d/env.sock")), "relative: in the data directory");
        assert_eq!(config.rpc_listen, None, "the socket alone: no TCP");
        let f = file("rpc-socket = \"/run/lnp/file.sock\"\n");
        let config = Config::resolve(&flags("/d"), Some((Path::new("lnpd.toml"), &f)), &env).expect("valid");
        assert_eq!(config.rpc_socket, Some(PathBuf::from("/run/lnp/file.sock")), "file over environment; absolute kept");
        let mut fl = flags("/d");
        fl.rpc_socket = Some(PathBuf::from("flag.sock"));
        fl.rpc_listen = Some("127.0.0.1:4444".into());
        let config = Config::resolve(&fl, Some((Path::new("lnpd.toml"), &f)), &env).expect("valid");
        assert_eq!(config.rpc_socket, Some(PathBuf::from("/d/flag.sock")), "flag over file");
        assert_eq!(config.rpc_listen, Some("127.0.0.1:4444".parse().expect("addr")), "both when both are given");
        // The environment's TCP address counts as given too.
        let env = HashMap::from([("LNPD_RPC_SOCKET", "env.sock"), ("LNPD_RPC_LISTEN", "127.0.0.1:5555")]);
        assert_eq!(Config::resolve(&flags("/d"), None, &env).expect("valid").rpc_listen.map(|a| a.port()), Some(5555));
        let mut fl = flags("/d");
        fl.rpc_socket = Some(PathBuf::from(format!("/{}", "s".repeat(MAX_SOCKET_PATH_LEN))));
        let err = Config::resolve(&fl, None, &HashMap::new()).expect_err("too long");
        assert!(matches!(err, ConfigError::SocketPathTooLong { len: 108, .. }), "{err}");
        assert!(err.to_string().starts_with("--rpc-socket: "), "{err}");
    }

    #[test]
    fn the_hot_channels_follow_the_precedence_and_are_checked() {
        assert_eq!(Config::resolve(&flags("/d"), None, &HashMap::new()).expect("valid").hot_channels, DEFAULT_HOT_CHANNELS);
        let env = HashMap::from([("LNPD_HOT_CHANNELS", "3")]);
        assert_eq!(Config::resolve(&flags("/d"), None, &env).expect("valid").hot_channels, 3);
        let f = file("hot-channels = 500\n");
        assert_eq!(Config::resolve(&flags("/d"), Some((Path::new("lnpd.toml"), &f)), &env).expect("valid").hot_channels, 500, "file over environment");
        let mut fl = flags("/d");
        fl.hot_channels = Some("1".into());
        assert_eq!(Config::resolve(&fl, Some((Path::new("lnpd.toml"), &f)), &env).expect("valid").hot_channels, 1, "flag over file");
        for bad in ["0", "100001", "-1", "many"] {
            let mut fl = flags("/d");
            fl.hot_channels = Some(bad.into());
            let err = Config::resolve(&fl, None, &HashMap::new()).expect_err(bad);
            assert!(err.to_string().starts_with(&format!("--hot-channels: {bad:?} is not a valid number of hot channels")), "{err}");
        }
    }

    #[test]
    fn the_ping_interval_follows_the_precedence_and_is_checked() {
        let env = HashMap::from([("LNPD_PING_INTERVAL", "7")]);
        let config = Config::resolve(&flags("/d"), None, &env).expect("valid");
        assert_eq!((config.ping_interval_secs, config.pong_wait_secs()), (7, 7), "a short interval shortens the pong wait");
        let f = file("ping-interval = 600\n");
        let config = Config::resolve(&flags("/d"), Some((Path::new("lnpd.toml"), &f)), &env).expect("valid");
        assert_eq!((config.ping_interval_secs, config.pong_wait_secs()), (600, MAX_PONG_WAIT_SECS), "file over environment");
        let mut fl = flags("/d");
        fl.ping_interval = Some("3600".into());
        assert_eq!(Config::resolve(&fl, Some((Path::new("lnpd.toml"), &f)), &env).expect("valid").ping_interval_secs, 3600, "flag over file");
        for bad in ["0", "3601", "-1", "ten", "1.5"] {
            let mut fl = flags("/d");
            fl.ping_interval = Some(bad.into());
            let err = Config::resolve(&fl, None, &HashMap::new()).expect_err(bad);
            assert!(err.to_string().starts_with(&format!("--ping-interval: {bad:?} is not a valid ping interval")), "{err}");
        }
        let f = file("ping-interval = 0\n");
        let err = Config::resolve(&flags("/d"), Some((Path::new("/d/lnpd.toml"), &f)), &HashMap::new()).expect_err("zero");
        assert_eq!(err.to_string(), "/d/lnpd.toml: ping-interval: \"0\" is not a valid ping interval: expected 1 to 3600 seconds");
        let err = Config::resolve(&flags("/d"), None, &HashMap::from([("LNPD_PING_INTERVAL", "9999")])).expect_err("too long");
        assert!(err.to_string().starts_with("LNPD_PING_INTERVAL: "), "{err}");
        assert!(parse_file(Path::new("x.toml"), "ping-interval = \"30\"").is_err(), "a number, not a string");
    }

    #[test]
    fn the_file_refuses_unknown_keys_and_a_datadir() {
        let err = parse_file(Path::new("x.toml"), "datadir = \"/x\"").expect_err("unknown key");
        assert!(err.to_string().contains("datadir"), "{err}");
        assert!(parse_file(Path::new("x.toml"), "network = ").is_err());
    }

    #[test]
    fn load_reads_the_default_file_when_present_and_requires_an_explicit_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let datadir = dir.path().to_string_lossy().into_owned();
        let env: HashMap<&str, &str> = HashMap::new();
        let config = Config::load(&flags(&datadir), &env).expect("no file is fine");
        assert_eq!(config.config_file, None);
        std::fs::write(dir.path().join(CONFIG_FILE_NAME), "listen = \"127.0.0.1:5555\"\n").expect("write");
        let config = Config::load(&flags(&datadir), &env).expect("valid file");
        assert_eq!(config.listen.port(), 5555);
        assert_eq!(config.config_file, Some(dir.path().join(CONFIG_FILE_NAME)));
        let mut fl = flags(&datadir);
        fl.config = Some(dir.path().join("missing.toml"));
        assert!(matches!(Config::load(&fl, &env), Err(ConfigError::ReadFile { .. })));
    }

    #[test]
    fn the_bitcoind_password_is_not_in_debug_output() {
        let config = BitcoindConfig {
            url: "http://x".into(),
            auth: BitcoindAuth::UserPass { user: "u".into(), pass: Password("hunter2".into()) },
        };
        assert!(!format!("{config:?}").contains("hunter2"));
    }
}

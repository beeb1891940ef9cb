//! Times each phase of the front end on a generated spec (a profiling aid:
//! `cargo run --release -p lnp-dsl --example profile_front_end`).
use std::time::Instant;

// As in `lnpc` and the bench.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
include!("../benches/support/gen_spec.rs");

fn main() {
    let blocks: usize = std::env::var("BLOCKS").ok().and_then(|b| b.parse().ok()).unwrap_or(2048);
    let text = large_spec(blocks);
    if std::env::var("PEST").is_ok() {
        let t = Instant::now();
        assert!(lnp_dsl::parse::grammar_only(&text));
        println!("pest grammar only: {:?}", t.elapsed());
    }
    let t = Instant::now();
    let unit = lnp_dsl::parse::parse_unit(0, &text).expect("parses");
    let parse = t.elapsed();
    drop(unit);
    let t = Instant::now();
    let program = lnp_dsl::Program::from_sources(vec![("big.lnp".into(), text.clone())], &mut |_| None);
    let load = t.elapsed();
    let t = Instant::now();
    let checked = lnp_dsl::check(&program);
    let check = t.elapsed();
    assert!(!checked.has_errors());
    let mb = text.len() as f64 / 1e6;
    println!("{:.2} MB: parse {:?} ({:.1} MB/s), load {:?}, check {:?} ({:.1} MB/s)", mb, parse, mb / parse.as_secs_f64(), load, check, mb / check.as_secs_f64());
}

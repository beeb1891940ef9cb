//! Benchmarks of the spec front end:
//! - parse+check throughput on a generated spec of more than 1 MB;
//! - the time to load and check everything in `specs/`.
//!
//! Run: `cargo bench -p lnp-dsl --bench check`. Targets (issue 2):
//! ≥ 20 MB/s parse+check, all of `specs/` in under 50 ms.

// The allocator `lnpc` runs with: the front end allocates and frees many
// small AST nodes, where mimalloc is markedly faster than glibc's malloc.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use lnp_dsl::{check, render_all, Program};
use std::path::PathBuf;

include!("support/gen_spec.rs");

fn check_text(text: &str) -> usize {
    let program = Program::from_sources(vec![(PathBuf::from("big.lnp"), text.to_string())], &mut |_| None);
    let checked = check(&program);
    if checked.has_errors() {
        panic!("the generated spec has errors:\n{}", render_all(&checked.diagnostics, &program.sources));
    }
    checked.diagnostics.len()
}

fn benches(c: &mut Criterion) {
    // The terminal state's `items` differ in type from the previous stage's,
    // so the last transition must set it: it does (`items = []`).
    let mut blocks = 1;
    let mut text = large_spec(blocks);
    while text.len() < 1_100_000 {
        blocks *= 2;
        text = large_spec(blocks);
    }
    check_text(&text);
    let mut g = c.benchmark_group("front_end");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(format!("parse_check_{}_kb", text.len() / 1024), |b| b.iter(|| check_text(&text)));
    g.finish();

    let specs = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../specs");
    let mut g = c.benchmark_group("specs");
    g.sample_size(20);
    g.bench_function("load_and_check_all_specs", |b| {
        b.iter(|| {
            let program = Program::load(std::slice::from_ref(&specs)).expect("specs/ loads");
            let checked = check(&program);
            assert!(!checked.has_errors());
        })
    });
    g.finish();
}

criterion_group!(front_end, benches);
criterion_main!(front_end);

// The body of the `parse_check` fuzz target, shared with the seed-corpus test
// in `dsl/tests/fuzz_seeds.rs` (both `include!` this file).
//
// Any input, read as UTF-8 (lossily), goes through the whole front end: load,
// check, render every diagnostic, format. None of it may panic.

/// Runs the spec front end over one input.
pub fn parse_check(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let program = lnp_dsl::Program::from_sources(vec![("fuzz.lnp".into(), text.clone())], &mut |_| None);
    let checked = lnp_dsl::check(&program);
    let _ = lnp_dsl::render_all(&checked.diagnostics, &program.sources);
    if let Ok(formatted) = lnp_dsl::printer::format_source(0, &text) {
        // What fmt prints must parse again.
        assert!(lnp_dsl::parse::parse_unit(0, &formatted).is_ok(), "fmt output does not parse:\n{formatted}");
    }
}

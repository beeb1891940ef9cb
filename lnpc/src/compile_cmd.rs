//! `lnpc compile PATH… --out DIR [--check]`: specs → Rust modules.
//!
//! Loads and checks the specs (diagnostics and exit 1 on any error), then
//! writes every protocol's module and the folder's `mod.rs`, replacing files
//! atomically (temp file + rename). With `--check` nothing is written and the
//! exit code says whether DIR is current. Stale `.rs` files that no protocol
//! produces any more are removed (reported with `--check`).

use lnp_codegen::{generate_all, write::render_folder};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(paths: &[PathBuf], out: &Path, check_only: bool) -> ExitCode {
    let (program, checked) = match crate::load_clean(paths) {
        Ok(pc) => pc,
        Err(code) => return code,
    };
    let modules = match generate_all(&program, &checked) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("lnpc: {e}");
            return ExitCode::from(1);
        }
    };
    let files = render_folder(&modules);
    let existing: Vec<PathBuf> = std::fs::read_dir(out)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "rs")).collect()
        })
        .unwrap_or_default();
    let stale: Vec<&PathBuf> = existing
        .iter()
        .filter(|p| !files.iter().any(|(name, _)| p.file_name().is_some_and(|f| f == name.as_str())))
        .collect();
    let changed: Vec<&(String, String)> = files
        .iter()
        .filter(|(name, text)| std::fs::read_to_string(out.join(name)).ok().as_deref() != Some(text.as_str()))
        .collect();
    if check_only {
        for (name, _) in &changed {
            eprintln!("out of date: {}", out.join(name).display());
        }
        for p in &stale {
            eprintln!("no longer generated: {}", p.display());
        }
        return if changed.is_empty() && stale.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    }
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("lnpc: cannot create {}: {e}", out.display());
        return ExitCode::from(2);
    }
    for (name, text) in &changed {
        let target = out.join(name);
        let tmp = out.join(format!(".{name}.tmp"));
        if let Err(e) = std::fs::write(&tmp, text).and_then(|()| std::fs::rename(&tmp, &target)) {
            eprintln!("lnpc: cannot write {}: {e}", target.display());
            return ExitCode::from(2);
        }
    }
    for p in &stale {
        if let Err(e) = std::fs::remove_file(p) {
            eprintln!("lnpc: cannot remove {}: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    eprintln!(
        "compiled {} protocol(s) into {}: {} file(s) written, {} removed",
        modules.len(),
        out.display(),
        changed.len(),
        stale.len()
    );
    ExitCode::SUCCESS
}

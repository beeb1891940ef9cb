//! `lnpc fmt [--check] PATH…`: rewrite specs in canonical layout.
//!
//! Without `--check`, files that change are replaced atomically (written
//! beside the original, then renamed over it), so a crash never leaves half a
//! spec. With `--check`, nothing is written: each file that would change is
//! named with its first differing line, and the exit code is 1. A file that
//! does not parse is reported with its diagnostic and left untouched.

use lnp_dsl::printer::format_source;
use lnp_dsl::{render_all, SourceMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(paths: &[PathBuf], check: bool) -> ExitCode {
    let mut files = Vec::new();
    for p in paths {
        if let Err(e) = collect(p, &mut files) {
            eprintln!("lnpc: cannot read {}: {e}", p.display());
            return ExitCode::from(2);
        }
    }
    let mut failed = false;
    let mut changed = 0usize;
    for f in &files {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("lnpc: cannot read {}: {e}", f.display());
                return ExitCode::from(2);
            }
        };
        let formatted = match format_source(0, &text) {
            Ok(t) => t,
            Err(d) => {
                let mut sources = SourceMap::new();
                sources.add(f.display().to_string(), text);
                eprint!("{}", render_all(&[d], &sources));
                failed = true;
                continue;
            }
        };
        if formatted == text {
            continue;
        }
        changed += 1;
        if check {
            eprintln!("would reformat: {}", f.display());
            if let Some((line, old, new)) = first_difference(&text, &formatted) {
                eprintln!("  line {line}:\n  - {old}\n  + {new}");
            }
            continue;
        }
        let tmp = f.with_extension("lnp.fmt-tmp");
        if let Err(e) = std::fs::write(&tmp, &formatted).and_then(|()| std::fs::rename(&tmp, f)) {
            eprintln!("lnpc: cannot write {}: {e}", f.display());
            let _ = std::fs::remove_file(&tmp);
            return ExitCode::from(2);
        }
    }
    if check {
        if changed == 0 && !failed {
            eprintln!("{} file(s) already formatted", files.len());
        }
    } else {
        eprintln!("formatted {changed} of {} file(s)", files.len());
    }
    if failed || (check && changed > 0) { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn first_difference<'a>(a: &'a str, b: &'a str) -> Option<(usize, &'a str, &'a str)> {
    let mut al = a.lines();
    let mut bl = b.lines();
    let mut n = 0;
    loop {
        n += 1;
        match (al.next(), bl.next()) {
            (None, None) => return None,
            (x, y) if x != y => return Some((n, x.unwrap_or("<end of file>"), y.unwrap_or("<end of file>"))),
            _ => {}
        }
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if std::fs::metadata(path)?.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "lnp") {
                collect(&e, out)?;
            }
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

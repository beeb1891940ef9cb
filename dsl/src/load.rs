//! Files and `import`s → a [`Program`]: every unit a check session needs.
//!
//! `import channel;` in `specs/bolt/htlc.lnp` names the unit `channel`; when no
//! unit of that name has been loaded yet, the loader reads `channel.lnp`
//! beside the importing file. Reading goes through a caller-supplied
//! function, so tests and fuzzers load from memory. Syntax errors and missing
//! imports become diagnostics; only an unreadable *given* path is an I/O error.

use crate::ast::{Item, Span, Unit};
use crate::diag::Diagnostic;
use crate::parse::parse_unit;
use crate::source::SourceMap;
use std::path::{Path, PathBuf};

/// A loaded, parsed unit.
#[derive(Debug, Clone)]
pub struct LoadedUnit {
    pub file: u32,
    pub path: PathBuf,
    pub unit: Unit,
    /// Whether the user named this file (or a folder holding it), as opposed
    /// to it being pulled in by an `import`.
    pub requested: bool,
}

#[derive(Debug, Default)]
pub struct Program {
    pub sources: SourceMap,
    pub units: Vec<LoadedUnit>,
    /// Syntax errors and import failures found while loading.
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: no .lnp files found")]
    NoSpecs { path: PathBuf },
}

impl Program {
    /// Loads the given files and folders (recursively, `*.lnp` only) from disk.
    pub fn load(paths: &[PathBuf]) -> Result<Program, LoadError> {
        let mut files = Vec::new();
        for path in paths {
            let before = files.len();
            collect(path, &mut files)?;
            if files.len() == before {
                return Err(LoadError::NoSpecs { path: path.clone() });
            }
        }
        let mut program = Program::default();
        for f in &files {
            let text = std::fs::read_to_string(f).map_err(|source| LoadError::Io { path: f.clone(), source })?;
            program.add_source(f.clone(), text, true);
        }
        program.resolve_imports(&mut |p: &Path| std::fs::read_to_string(p).ok());
        Ok(program)
    }

    /// Loads from memory: `(path, text)` pairs; imports resolve among them and,
    /// failing that, through `read`.
    pub fn from_sources(
        sources: Vec<(PathBuf, String)>,
        read: &mut dyn FnMut(&Path) -> Option<String>,
    ) -> Program {
        let mut program = Program::default();
        for (path, text) in sources {
            program.add_source(path, text, true);
        }
        program.resolve_imports(read);
        program
    }

    /// Parses one text and adds it; a syntax error becomes a diagnostic.
    pub fn add_source(&mut self, path: PathBuf, text: String, requested: bool) -> Option<usize> {
        let file = self.sources.add(path.display().to_string(), text);
        let text = self.sources.text(file).unwrap_or("");
        match parse_unit(file, text) {
            Ok(unit) => {
                self.units.push(LoadedUnit { file, path, unit, requested });
                Some(self.units.len() - 1)
            }
            Err(d) => {
                self.diagnostics.push(d);
                None
            }
        }
    }

    pub fn unit_named(&self, name: &str) -> Option<usize> {
        self.units.iter().position(|u| u.unit.name.name == name)
    }

    /// Follows `import`s until every one is loaded or reported missing.
    fn resolve_imports(&mut self, read: &mut dyn FnMut(&Path) -> Option<String>) {
        let mut i = 0;
        let mut missing: Vec<(String, Span)> = Vec::new();
        while i < self.units.len() {
            let dir = self.units[i].path.parent().map(Path::to_path_buf).unwrap_or_default();
            let imports: Vec<(String, Span)> = self.units[i]
                .unit
                .items
                .iter()
                .filter_map(|it| match it {
                    Item::Import(id) => Some((id.name.to_string(), id.span)),
                    _ => None,
                })
                .collect();
            for (name, span) in imports {
                if self.unit_named(&name).is_some() || missing.iter().any(|(n, _)| *n == name) {
                    continue;
                }
                let candidate = dir.join(format!("{name}.lnp"));
                match read(&candidate) {
                    Some(text) => {
                        let before = self.diagnostics.len();
                        let added = self.add_source(candidate.clone(), text, false);
                        let found = added.is_some_and(|ix| self.units[ix].unit.name.name == name);
                        if added.is_some() && !found {
                            let got = added.map(|ix| self.units[ix].unit.name.name.to_string()).unwrap_or_default();
                            self.diagnostics.push(
                                Diagnostic::error("E0100", span, format!("cannot find module `{name}`"))
                                    .with_label("imported here")
                                    .with_note(format!("{} declares `{got}`, not `{name}`", candidate.display())),
                            );
                            missing.push((name, span));
                        } else if added.is_none() && self.diagnostics.len() > before {
                            // The syntax error in the imported file says it all.
                            missing.push((name, span));
                        }
                    }
                    None => {
                        self.diagnostics.push(
                            Diagnostic::error("E0100", span, format!("cannot find module `{name}`"))
                                .with_label("imported here")
                                .with_note(format!("looked for {}", candidate.display())),
                        );
                        missing.push((name, span));
                    }
                }
            }
            i += 1;
        }
    }
}

fn collect(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let meta = std::fs::metadata(path).map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|source| LoadError::Io { path: path.to_path_buf(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for e in entries {
            if e.is_dir() || e.extension().is_some_and(|x| x == "lnp") {
                collect(&e, out)?;
            }
        }
    } else if !out.contains(&path.to_path_buf()) {
        out.push(path.to_path_buf());
    }
    Ok(())
}

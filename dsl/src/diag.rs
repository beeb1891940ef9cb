//! Diagnostics as data, and their rendering at the edge.
//!
//! The parser and the checker produce [`Diagnostic`] values: a severity, a
//! stable code, a message, a primary span with a label, secondary labels and
//! notes. Nothing here decides what is wrong; this module only says how a
//! finding looks to a person, in the style of a C compiler:
//!
//! ```text
//! specs/toy.lnp:12:17: error[E0201]: undefined state `Nomal`
//!    12 |   on recv pay in Nomal {
//!       |                  ^^^^^ no state with this name
//!       = help: expected one of: Idle, Open, Closed
//! ```

use crate::ast::Span;
use crate::source::SourceMap;
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary location that explains the primary one ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// A stable code, `E0xxx` for errors and `W0xxx` for warnings.
    pub code: &'static str,
    pub message: String,
    pub span: Span,
    /// Printed under the caret line of the primary span.
    pub label: String,
    pub secondary: Vec<Label>,
    /// `help:`/`note:` lines, e.g. what was expected.
    pub notes: Vec<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            message: message.into(),
            span,
            label: String::new(),
            secondary: Vec::new(),
            notes: Vec::new(),
        }
    }
    pub fn warning(code: &'static str, span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, span, message) }
    }
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }
    pub fn with_secondary(mut self, span: Span, text: impl Into<String>) -> Self {
        self.secondary.push(Label { span, text: text.into() });
        self
    }
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders this diagnostic against the sources, without colour.
    pub fn render(&self, sources: &SourceMap) -> String {
        let mut out = String::new();
        let (path, line, col) = sources.location(self.span);
        let _ = writeln!(out, "{path}:{line}:{col}: {}[{}]: {}", self.severity.word(), self.code, self.message);
        render_snippet(&mut out, sources, self.span, &self.label, '^');
        for label in &self.secondary {
            let (path, line, col) = sources.location(label.span);
            let _ = writeln!(out, "{path}:{line}:{col}: note: {}", label.text);
            render_snippet(&mut out, sources, label.span, "", '-');
        }
        for note in &self.notes {
            let _ = writeln!(out, "      = {note}");
        }
        out
    }
}

/// Writes the source line(s) of `span` with the span underlined by `mark`.
fn render_snippet(out: &mut String, sources: &SourceMap, span: Span, label: &str, mark: char) {
    let Some(text) = sources.text(span.file) else { return };
    let start = (span.start as usize).min(text.len());
    let end = (span.end as usize).clamp(start, text.len());
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let line_no = text[..start].matches('\n').count() + 1;
    let line = &text[line_start..line_end];
    let gutter = line_no.to_string().len().max(4);
    let _ = writeln!(out, "{:>gutter$} | {}", line_no, line.replace('\t', " "));
    let pad = text[line_start..start].chars().count();
    // A span that runs past the end of its first line is underlined to the line's end.
    let width = text[start..end.min(line_end)].chars().count().max(1);
    let underline: String = std::iter::repeat_n(mark, width).collect();
    let sep = if label.is_empty() { "" } else { " " };
    let _ = writeln!(out, "{:>gutter$} | {}{}{}{}", "", " ".repeat(pad), underline, sep, label);
}

/// Renders every diagnostic, then a summary line such as `2 errors, 1 warning`.
pub fn render_all(diags: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = String::new();
    for d in diags {
        out.push_str(&d.render(sources));
        out.push('\n');
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if !diags.is_empty() {
        let _ = writeln!(out, "{}, {}", plural(errors, "error"), plural(warnings, "warning"));
    }
    out
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { format!("1 {word}") } else { format!("{n} {word}s") }
}

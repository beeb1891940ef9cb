//! The source texts a check session reads, and span → `file:line:col`.
//!
//! A [`SourceMap`] owns file names and contents; spans refer to a file by
//! index. It does not read the disk: callers (the loader, `lnpc`, tests) add
//! text they obtained however they like.

use crate::ast::Span;

#[derive(Debug, Clone)]
struct SourceFile {
    path: String,
    text: String,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
}

#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its index for [`Span::file`].
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> u32 {
        let text = text.into();
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        self.files.push(SourceFile { path: path.into(), text, line_starts });
        (self.files.len() - 1) as u32
    }

    pub fn text(&self, file: u32) -> Option<&str> {
        self.files.get(file as usize).map(|f| f.text.as_str())
    }

    pub fn path(&self, file: u32) -> &str {
        self.files.get(file as usize).map_or("<unknown>", |f| f.path.as_str())
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// `(path, line, column)`, both 1-based; the column counts characters.
    pub fn location(&self, span: Span) -> (&str, usize, usize) {
        let Some(file) = self.files.get(span.file as usize) else { return ("<unknown>", 0, 0) };
        let offset = (span.start as usize).min(file.text.len());
        let line = file.line_starts.partition_point(|&s| s <= offset);
        let line_start = file.line_starts[line - 1];
        let col = file.text.get(line_start..offset).map_or(1, |s| s.chars().count() + 1);
        (file.path.as_str(), line, col)
    }

    /// The text a span covers.
    pub fn snippet(&self, span: Span) -> &str {
        self.text(span.file)
            .and_then(|t| t.get(span.start as usize..span.end as usize))
            .unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_is_one_based_and_counts_characters() {
        let mut map = SourceMap::new();
        let f = map.add("a.lnp", "ab\ncé d\n");
        assert_eq!(map.location(Span::new(f, 0, 1)), ("a.lnp", 1, 1));
        let d = "ab\ncé ".len();
        assert_eq!(map.location(Span::new(f, d, d + 1)), ("a.lnp", 2, 4));
    }
}

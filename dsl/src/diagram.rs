//! A protocol's state machine as a diagram: Graphviz `dot` or Mermaid.
//!
//! One node per state of the composition (qualified `module.State` when the
//! composition has several modules), the initial state marked by an entry
//! arrow, terminal states drawn double; one edge per (from, to) pair labelled
//! with every trigger that takes it. Output is sorted, so it is stable.
//! It draws what the checker's state graph says; it checks nothing itself.

use crate::check::protocol::{composition, edges};
use crate::check::Checked;
use crate::load::Program;
use crate::ast::StateKind;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Dot,
    Mermaid,
}

/// The diagram of the unit `unit` (a protocol, or a module's own states).
pub fn render(program: &Program, checked: &Checked, unit: usize, format: Format) -> String {
    let syms = &checked.symbols;
    let comp = composition(syms, unit);
    let qualify = comp.len() > 1;
    let states: Vec<usize> = (0..syms.states.len()).filter(|s| comp.contains(&syms.states[*s].st.unit)).collect();
    let name = |s: usize| {
        let st = &syms.states[s].st;
        if qualify { format!("{}.{}", syms.units[st.unit].name, st.name) } else { st.name.clone() }
    };
    // (from, to) → sorted, de-duplicated trigger labels.
    let mut grouped: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for e in edges(program, syms, &comp).0 {
        let labels = grouped.entry((name(e.from), name(e.to))).or_default();
        if !labels.contains(&e.label) {
            labels.push(e.label);
        }
    }
    for labels in grouped.values_mut() {
        labels.sort();
    }
    let title = &program.units[unit].unit.name.name;
    let mut names: Vec<(String, StateKind)> = states.iter().map(|&s| (name(s), syms.states[s].kind)).collect();
    names.sort_by(|a, b| a.0.cmp(&b.0));
    match format {
        Format::Dot => dot(title, &names, &grouped),
        Format::Mermaid => mermaid(&names, &grouped),
    }
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"))
}

fn dot(title: &str, states: &[(String, StateKind)], edges: &BTreeMap<(String, String), Vec<String>>) -> String {
    let mut out = format!("digraph {} {{\n  rankdir=LR;\n  node [shape=circle, fontname=\"Helvetica\"];\n  edge [fontname=\"Helvetica\", fontsize=10];\n", quote(title));
    for (s, kind) in states {
        let shape = match kind {
            StateKind::Terminal => "doublecircle",
            _ => "circle",
        };
        out.push_str(&format!("  {} [shape={shape}];\n", quote(s)));
        if *kind == StateKind::Initial {
            out.push_str(&format!("  \"__start\" [shape=point, label=\"\"];\n  \"__start\" -> {};\n", quote(s)));
        }
    }
    for ((from, to), labels) in edges {
        out.push_str(&format!("  {} -> {} [label={}];\n", quote(from), quote(to), quote(&labels.join("\n"))));
    }
    out.push_str("}\n");
    out
}

fn mermaid_id(s: &str) -> String {
    s.replace('.', "__")
}

fn mermaid(states: &[(String, StateKind)], edges: &BTreeMap<(String, String), Vec<String>>) -> String {
    let mut out = String::from("stateDiagram-v2\n");
    for (s, kind) in states {
        let id = mermaid_id(s);
        if id != *s {
            out.push_str(&format!("  state \"{s}\" as {id}\n"));
        }
        match kind {
            StateKind::Initial => out.push_str(&format!("  [*] --> {id}\n")),
            StateKind::Terminal => out.push_str(&format!("  {id} --> [*]\n")),
            StateKind::Normal => {}
        }
    }
    for ((from, to), labels) in edges {
        out.push_str(&format!("  {} --> {}: {}\n", mermaid_id(from), mermaid_id(to), labels.join("<br/>")));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use std::path::PathBuf;

    fn toy(format: Format) -> String {
        let text = include_str!("../../specs/toy/paychan.lnp").to_string();
        let program = Program::from_sources(vec![(PathBuf::from("paychan.lnp"), text)], &mut |_| None);
        let checked = check(&program);
        assert!(!checked.has_errors());
        render(&program, &checked, 0, format)
    }

    #[test]
    fn dot_marks_initial_and_terminal_states_and_merges_parallel_edges() {
        let d = toy(Format::Dot);
        assert!(d.starts_with("digraph \"paychan\" {"));
        assert!(d.contains("\"__start\" -> \"Idle\";"));
        assert!(d.contains("\"Closed\" [shape=doublecircle];"));
        assert!(d.contains("\"Open\" -> \"Closing\" [label=\"command refund\\ncommand settle\"];"), "{d}");
        assert!(d.contains("\"Open\" -> \"Closed\" [label=\"chain funding_spent\"];"), "{d}");
        assert!(d.contains("\"Open\" -> \"Open\" [label=\"command send\\nrecv ack\\nrecv pay\"];"), "{d}");
    }

    #[test]
    fn mermaid_is_a_state_diagram() {
        let m = toy(Format::Mermaid);
        assert!(m.starts_with("stateDiagram-v2\n"));
        assert!(m.contains("  [*] --> Idle\n") && m.contains("  Closed --> [*]\n"));
        assert!(m.contains("  Funding --> Open: chain funding_deep\n"), "{m}");
    }
}

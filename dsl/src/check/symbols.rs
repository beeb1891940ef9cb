//! The symbol tables: every declared thing of every unit, and name lookup.
//!
//! Each unit has one namespace per kind of thing (types, messages, commands,
//! events, timers, states, values), so a command and a message may share a
//! name. An unqualified name is looked up in the unit itself, then in the
//! units it imports; `module.name` looks only in `module`, which must be the
//! unit itself or one it imports. This module collects and looks up; it does
//! not check types.

use super::types::Type;
use crate::ast::*;
use crate::diag::Diagnostic;
use crate::fxhash::FxHashMap as HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ns {
    Type,
    Message,
    Command,
    Event,
    Timer,
    State,
    Value,
}

impl Ns {
    pub fn noun(self) -> &'static str {
        match self {
            Ns::Type => "type",
            Ns::Message => "message",
            Ns::Command => "command",
            Ns::Event => "event",
            Ns::Timer => "timer",
            Ns::State => "state",
            Ns::Value => "name",
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Ns::Type => "E0120",
            Ns::State => "E0121",
            Ns::Message => "E0122",
            Ns::Command => "E0123",
            Ns::Event => "E0124",
            Ns::Timer => "E0125",
            Ns::Value => "E0127",
        }
    }
}

/// What a name in a namespace refers to: an index into the matching table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sym {
    Record(usize),
    Enum(usize),
    Interface(usize),
    Message(usize),
    Command(usize),
    Event(usize),
    Timer(usize),
    State(usize),
    Param(usize),
    Const(usize),
    Function(usize),
    Template(usize),
    Slot(usize),
}

#[derive(Debug, Clone)]
pub struct Entry {
    pub sym: Sym,
    pub span: Span,
}

#[derive(Debug, Default)]
pub struct UnitSyms {
    pub name: String,
    pub imports: Vec<usize>,
    pub spaces: HashMap<Ns, HashMap<String, Entry>>,
    /// Enum variants of this unit's enums: name → (enum index, variant index).
    pub variants: HashMap<String, Vec<(usize, usize)>>,
    pub roles_enum: Option<usize>,
}

#[derive(Debug, Clone)]
pub struct FieldInfo {
    pub name: String,
    pub ty: Type,
    pub span: Span,
    /// For message TLV records: the record is optional on the wire.
    pub tlv: bool,
}

#[derive(Debug, Clone)]
pub struct StructInfo {
    pub unit: usize,
    pub name: String,
    pub span: Span,
    pub fields: Vec<FieldInfo>,
}

impl StructInfo {
    pub fn field(&self, name: &str) -> Option<&FieldInfo> {
        self.fields.iter().find(|f| f.name == name)
    }
}

#[derive(Debug, Clone)]
pub struct EnumInfo {
    pub unit: usize,
    pub name: String,
    pub span: Span,
    pub variants: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct MessageInfo {
    pub st: StructInfo,
    pub wire_type: Option<u128>,
    pub wire_span: Span,
}

#[derive(Debug, Clone)]
pub struct StateInfo {
    pub st: StructInfo,
    pub kind: StateKind,
}

#[derive(Debug, Clone)]
pub struct FnInfo {
    pub unit: usize,
    pub name: String,
    pub params: Vec<FieldInfo>,
    pub ret: Type,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct ValueInfo {
    pub unit: usize,
    pub name: String,
    pub ty: Type,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct InterfaceInfo {
    pub unit: usize,
    pub name: String,
    pub fns: Vec<FnInfo>,
}

#[derive(Debug, Clone)]
pub struct SlotInfo {
    pub unit: usize,
    pub name: String,
    pub interface: Option<usize>,
    pub span: Span,
}

/// Every declaration of every unit.
#[derive(Debug, Default)]
pub struct Symbols {
    pub units: Vec<UnitSyms>,
    pub records: Vec<StructInfo>,
    pub enums: Vec<EnumInfo>,
    pub interfaces: Vec<InterfaceInfo>,
    pub messages: Vec<MessageInfo>,
    pub commands: Vec<StructInfo>,
    pub events: Vec<StructInfo>,
    pub timers: Vec<ValueInfo>,
    pub states: Vec<StateInfo>,
    pub params: Vec<ValueInfo>,
    pub consts: Vec<ValueInfo>,
    pub functions: Vec<FnInfo>,
    pub templates: Vec<FnInfo>,
    pub slots: Vec<SlotInfo>,
}

impl Symbols {
    /// Adds `name` to a namespace of `unit`, reporting a duplicate.
    pub fn declare(&mut self, unit: usize, ns: Ns, id: &Ident, sym: Sym, diags: &mut Vec<Diagnostic>) {
        let space = self.units[unit].spaces.entry(ns).or_default();
        if let Some(prev) = space.get(id.name.as_str()) {
            diags.push(
                Diagnostic::error("E0110", id.span, format!("the {} `{}` is defined twice", ns.noun(), id.name))
                    .with_label("second definition")
                    .with_secondary(prev.span, "first defined here"),
            );
            return;
        }
        space.insert(id.name.to_string(), Entry { sym, span: id.span });
    }

    /// Finds the unit a qualifier names, as seen from `unit`.
    pub fn module(&self, unit: usize, qualifier: &Ident) -> Result<usize, Diagnostic> {
        let u = &self.units[unit];
        if u.name == qualifier.name {
            return Ok(unit);
        }
        for &i in &u.imports {
            if self.units[i].name == qualifier.name {
                return Ok(i);
            }
        }
        Err(Diagnostic::error("E0133", qualifier.span, format!("no module `{}` is imported here", qualifier.name))
            .with_label("not imported")
            .with_note(format!("add `import {};` to use its items", qualifier.name)))
    }

    /// Looks up a name in one namespace: own unit first, then imports.
    pub fn find(&self, unit: usize, ns: Ns, name: &str) -> Result<Option<Entry>, Vec<usize>> {
        if let Some(e) = self.units[unit].spaces.get(&ns).and_then(|s| s.get(name)) {
            return Ok(Some(e.clone()));
        }
        let hits: Vec<usize> = self.units[unit]
            .imports
            .iter()
            .copied()
            .filter(|&i| self.units[i].spaces.get(&ns).is_some_and(|s| s.contains_key(name)))
            .collect();
        match hits.as_slice() {
            [] => Ok(None),
            [one] => Ok(self.units[*one].spaces.get(&ns).and_then(|s| s.get(name)).cloned()),
            _ => Err(hits),
        }
    }

    /// Resolves a path in a namespace, or explains why not.
    pub fn resolve(&self, unit: usize, ns: Ns, path: &Path) -> Result<Sym, Diagnostic> {
        let name = path.last();
        let (home, entry) = match path.qualifier() {
            Some(q) if path.segments.len() == 2 => {
                let m = self.module(unit, q)?;
                (m, self.units[m].spaces.get(&ns).and_then(|s| s.get(name.name.as_str())).cloned())
            }
            Some(_) => {
                return Err(Diagnostic::error("E0134", path.span, format!("`{path}` is not a valid {} path", ns.noun()))
                    .with_note("a name can be qualified by one module only: `module.name`"))
            }
            None => match self.find(unit, ns, &name.name) {
                Ok(e) => (unit, e),
                Err(units) => {
                    let names: Vec<String> =
                        units.iter().map(|&u| format!("`{}.{}`", self.units[u].name, name.name)).collect();
                    return Err(Diagnostic::error(
                        "E0132",
                        path.span,
                        format!("the {} `{}` is ambiguous", ns.noun(), name.name),
                    )
                    .with_label("defined in more than one imported module")
                    .with_note(format!("write one of {}", names.join(", "))));
                }
            },
        };
        match entry {
            Some(e) => Ok(e.sym),
            None => {
                let mut d = Diagnostic::error(ns.code(), path.span, format!("undefined {} `{}`", ns.noun(), path))
                    .with_label(format!("no {} with this name", ns.noun()));
                let mut known = self.names_in(home, ns);
                if path.qualifier().is_none() {
                    for &i in &self.units[unit].imports {
                        known.extend(self.names_in(i, ns));
                    }
                }
                if ns == Ns::Type && path.qualifier().is_none() {
                    known.extend(super::types::BUILTIN_TYPE_NAMES.iter().map(|s| s.to_string()));
                }
                known.sort();
                known.dedup();
                if let Some(s) = closest(&name.name, &known) {
                    d = d.with_note(format!("help: a {} with a similar name exists: `{s}`", ns.noun()));
                } else if !known.is_empty() && known.len() <= 12 {
                    d = d.with_note(format!("expected one of: {}", known.join(", ")));
                }
                Err(d)
            }
        }
    }

    pub fn names_in(&self, unit: usize, ns: Ns) -> Vec<String> {
        self.units[unit].spaces.get(&ns).map(|s| s.keys().cloned().collect()).unwrap_or_default()
    }

    /// The fields of a struct-like type.
    pub fn struct_info(&self, s: super::types::StructRef) -> Option<&StructInfo> {
        use super::types::StructRef::*;
        match s {
            Record(i) => self.records.get(i),
            Message(i) => self.messages.get(i).map(|m| &m.st),
            Command(i) => self.commands.get(i),
            Event(i) => self.events.get(i),
            Confirmed | Spent => None,
        }
    }

    /// A type's printed name when it is declared (record, message, enum…).
    pub fn type_name(&self, ty: &Type) -> Option<String> {
        use super::types::StructRef::*;
        Some(match ty {
            Type::Struct(Confirmed) => "confirmation".into(),
            Type::Struct(Spent) => "spend".into(),
            Type::Struct(Message(i)) => format!("message {}", self.messages.get(*i)?.st.name),
            Type::Struct(Command(i)) => format!("command {}", self.commands.get(*i)?.name),
            Type::Struct(s) => self.struct_info(*s)?.name.clone(),
            Type::Enum(i) => self.enums.get(*i)?.name.clone(),
            _ => return None,
        })
    }
}

/// The known name closest to `name` by edit distance, if close enough to be a typo.
pub fn closest(name: &str, known: &[String]) -> Option<String> {
    known
        .iter()
        .map(|k| (edit_distance(name, k), k))
        .filter(|(d, k)| *d > 0 && *d <= (name.len().max(k.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k.clone())
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Optimal string alignment: insertions, deletions, substitutions and
    // transpositions of neighbours (`msta` → `msat`) each cost one.
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

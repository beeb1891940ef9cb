// The generated spec shared by the benchmark and the profiling example.

/// A protocol of `blocks` stages: each has a message, a state, a record, a
/// function, a template and a transition to the next stage. Type-correct,
/// every message received, every state reachable.
fn large_spec(blocks: usize) -> String {
    let mut s = String::from("protocol big {\n  param dust: sat = 546 sat;\n  param depth: u32 = 3;\n  command go { amount: msat }\n\n");
    for i in 0..blocks {
        let kind = if i == 0 { "initial " } else { "" };
        s.push_str(&format!(
            "  record R{i} {{ id: u64, amount: msat, key: Point }}\n\
             \x20 message m{i} = {wire} {{ id: u64, amount: msat, key: Point, tlv {{ note: Utf8 = 1 }} }}\n\
             \x20 {kind}state S{i} {{ total: msat, count: u64, items: list<R{i}> }}\n\
             \x20 fn f{i}(r: R{i}, k: Point) -> Script = raw {{ OP_IF <r.key> OP_ELSE <k> OP_ENDIF OP_CHECKSIG }};\n\
             \x20 template t{i}(o: OutPoint, r: R{i}) {{\n\
             \x20   version 2;\n\
             \x20   input f = o amount sat(r.amount) + dust sequence 0xfffffffd;\n\
             \x20   output a amount sat(r.amount) script p2wsh(f{i}(r, r.key)) when sat(r.amount) >= dust;\n\
             \x20   order bip69;\n\
             \x20 }}\n\
             \x20 on recv m{i} as m in S{i} -> S{next} when m.amount > 0 msat {{\n\
             \x20   require m.id < 1_000_000 else error \"id out of range\";\n\
             \x20   require items.count(r => r.id == m.id) == 0 else warning \"duplicate\";\n\
             \x20   let r = R{i} {{ id: m.id, amount: m.amount, key: m.key }};\n\
             \x20   total = total + m.amount;\n\
             \x20   count = count + 1;\n\
             \x20   items = [];\n\
             \x20 }}\n\n",
            wire = 1000 + i,
            next = i + 1,
        ));
    }
    s.push_str(&format!(
        "  terminal state S{blocks} {{ total: msat, count: u64, items: list<R0> }}\n  on command go as c in S0 {{ total += c.amount; }}\n}}\n"
    ));
    s
}


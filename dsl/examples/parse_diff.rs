//! Prints where the fast parser and pest disagree on a file (a debugging aid:
//! `cargo run -p lnp-dsl --example parse_diff -- FILE`).
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse_diff FILE");
        std::process::exit(2);
    };
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let a = format!("{:#?}", lnp_dsl::parse::parse_unit(0, &text));
    let b = format!("{:#?}", lnp_dsl::parse::parse_with_pest(0, &text));
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            println!("line {i}:\n fast: {x}\n pest: {y}");
            let lines: Vec<&str> = a.lines().collect();
            println!("{}", lines[i.saturating_sub(12)..(i + 3).min(lines.len())].join("\n"));
            return;
        }
    }
    println!("same");
}

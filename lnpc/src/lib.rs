//! lnpc as a library: the subcommands other than `check`, kept testable.
pub mod compile_cmd;
pub mod format_cmd;
pub mod diagram_cmd;
pub mod explore_cmd;

//! lnpc as a library: the subcommands other than `check`, kept testable.

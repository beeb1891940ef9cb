//! lnp-tests: end-to-end tests live in `tests/`; this library holds only the
//! test host they share ([`bolt_channel`]).

pub mod bolt_channel;

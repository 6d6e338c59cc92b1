//! Subcommands: each file wires library modules to one part of the CLI.
pub(crate) mod check;
pub(crate) mod claims;
pub(crate) mod collect;
pub(crate) mod data;
pub(crate) mod report;
pub(crate) mod validate;

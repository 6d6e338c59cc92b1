//! One file per subcommand. Each wires library modules to the command line, sharing only
//! [`super::args`] and [`super::load`]; no command file imports another.
pub(crate) mod aggregate;
pub(crate) mod analyze;
pub(crate) mod benchmarks;
pub(crate) mod check;
pub(crate) mod claims;
pub(crate) mod demo;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod import;
pub(crate) mod lexicon;
pub(crate) mod merge;
pub(crate) mod models;
pub(crate) mod report;
pub(crate) mod scan;
pub(crate) mod serve;
pub(crate) mod sources;
pub(crate) mod validate;

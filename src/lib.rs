//! hypecheck measures hype against reality in news about AI video generators.
//!
//! The library holds all logic; `src/main.rs` only calls [`cli::main`]. Library code returns
//! data and never prints; rendering happens in [`output`] and the CLI layer.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod benchmarks;
pub mod check;
pub mod claims;
pub mod cli;
pub mod collect;

pub mod config;
pub mod corpus;
pub mod dates;
pub mod lexicon;
pub mod models;
pub mod output;
pub mod report;
pub mod store;
pub mod text;

//! hypecheck measures hype against reality in news about AI video generators.
//!
//! The library holds all logic; `src/main.rs` only calls [`cli::main`]. Library code returns
//! data and never prints; rendering happens in `cli` and `output`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod cli;
mod commands;
pub mod collect;
pub mod lexicon;
pub mod text;

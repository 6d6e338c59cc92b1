//! hypecheck measures hype against reality in news about AI video generators.
//!
//! The library holds all logic; `src/main.rs` only calls [`cli::main`]. Library code returns
//! data and never prints; rendering happens in `cli` and `output`.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod analyze;
pub mod cli;
pub mod collect;
mod commands;
pub mod lexicon;
pub mod text;

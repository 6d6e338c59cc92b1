//! hypecheck measures hype against reality in news about AI video generators.
//!
//! The library holds all logic; `src/main.rs` only calls `cli::main` (feature `cli`).
//! Library code returns data and never prints; rendering happens in [`output`] and the CLI
//! layer.
//!
//! The document half ([`text`], [`lexicon`], [`analyze`], [`models`], [`benchmarks`],
//! [`claims`], [`check`], [`output`]) is always built. The corpus half sits behind default
//! features: `collect` (the collector and the corpus pipeline), `store` (the SQLite corpus),
//! `report` (the weekly report), `serve` (the editors' web page and JSON API) and `cli` (the
//! binary). `default-features = false` builds the
//! analyzer alone: no network client, no database, no chart renderer, no clap.
//!
//! Analyze a sentence with the shipped lexicons:
//!
//! ```
//! use std::sync::Arc;
//! use hypecheck::analyze::{Analyzer, Options, Stance};
//! use hypecheck::text::Lang;
//!
//! let lexicons = Arc::new(hypecheck::lexicon::embedded()?);
//! let mut analyzer = Analyzer::new(lexicons);
//! let opts = Options { lang: Some(Lang::En), ..Options::default() };
//!
//! let hyped = analyzer.analyze("Sora 2 is a true game changer.", &opts);
//! assert!(hyped.hits.iter().any(|h| h.stance == Stance::Endorsed));
//! assert!(hyped.hype_index() > 0.0);
//!
//! // Quoting hype in order to reject it is not hype.
//! let sober = analyzer.analyze("Sora 2 is not a game changer.", &opts);
//! assert!(sober.hits.iter().all(|h| h.stance != Stance::Endorsed));
//! assert_eq!(sober.hype_index(), 0.0);
//! # Ok::<(), hypecheck::lexicon::LexiconError>(())
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]
#![warn(missing_docs)]

pub mod analyze;
pub mod benchmarks;
pub mod check;
pub mod claims;
#[cfg(feature = "cli")]
pub mod cli;
#[cfg(feature = "collect")]
pub mod collect;
pub mod config;
#[cfg(feature = "collect")]
pub mod corpus;
pub mod dates;
pub mod lexicon;
pub mod models;
pub mod output;
pub mod problem;
#[cfg(feature = "report")]
pub mod report;
#[cfg(feature = "serve")]
pub mod serve;
#[cfg(feature = "store")]
pub mod store;
mod table;
pub mod text;
pub mod validate;

//! Collector: sources, feeds and sitemaps, polite fetching, main-text extraction, dedup.
//!
//! Takes `data/sources.toml`, hands `Article`s to the store (`crate::store`).
pub mod canon;
pub mod dedup;
pub mod export;
pub mod extract;
pub mod feeds;
pub mod fetch;
pub mod import;
pub mod scan;
pub mod sources;
pub mod topic;

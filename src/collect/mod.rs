//! Collector: sources, feeds and sitemaps, polite fetching, main-text extraction, dedup.
//!
//! Takes `data/sources.toml`, hands `Article`s to the store (`crate::store`).
pub mod extract;

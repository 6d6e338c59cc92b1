//! Integration tests: one binary, topic modules inside.
mod claims;
mod cli;
mod collect;
mod data;
mod drafts;
mod props;
mod stance;
mod util;

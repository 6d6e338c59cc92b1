//! Integration tests: one binary, topic modules inside.
mod cases;
mod claims;
mod cli;
mod collect;
mod data;
mod drafts;
mod extract;
mod pipe;
mod props;
mod report;
mod sentences;
mod stance;
mod util;
mod validate;

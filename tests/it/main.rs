//! Integration tests: one binary, topic modules inside.
mod claims;
mod cli;
mod collect;
mod data;
mod drafts;
mod extract;
mod props;
mod report;
mod sense;
mod sentences;
mod stance;
mod util;
mod validate;

//! Integration tests: one binary, topic modules inside.
mod cli;
mod drafts;
mod props;
mod stance;
mod util;

//! Integration tests: one binary, topic modules inside.
mod claims;
mod cli;
mod collect;
mod data;
mod drafts;
mod extract;
mod hostile;
mod props;
mod props_domain;
mod report;
mod stance;
mod util;

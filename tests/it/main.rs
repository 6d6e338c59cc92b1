//! Integration tests: one binary, topic modules inside.
mod cases;
mod claims;
mod cli;
mod collect;
mod data;
mod drafts;
mod extract;
mod hostile;
mod pipe;
mod props;
mod props_domain;
mod report;
mod sense;
mod sentences;
mod stance;
mod util;
mod validate;

//! Integration tests: one binary, topic modules inside.
mod extract;

//! Text pipeline: markup → plain text with a map back to the source, tokens, sentences,
//! language detection and stemming.
//!
//! Everything downstream works on the plain text and byte spans into it; [`SourceMap`] turns a
//! plain-text byte offset back into a 1-based line and character column of the original file,
//! so a finding in a Markdown or HTML draft points at the right place in that file.
pub mod lang;
pub mod markup;
pub mod position;
pub mod stem;
pub mod tokens;

pub use lang::Lang;
pub use markup::{Format, Prepared};
pub use position::{LineIndex, SourceMap};

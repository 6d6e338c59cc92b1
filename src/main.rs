//! The `hypecheck` binary: parse arguments, run, map the outcome to an exit code.
use std::process::ExitCode;

/// mimalloc instead of the system allocator: the analyzer and the claims allocate many small,
/// short-lived vectors per document, and glibc's malloc spent 5 % of the analyzer's and 16 % of
/// the claims' instructions on them (callgrind); with mimalloc a long scan runs about 9 %
/// faster. The library leaves the choice to the program that links it; the analyzer bench
/// (`benches/analyze.rs`) uses the same allocator, so it measures what this binary runs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    hypecheck::cli::main()
}

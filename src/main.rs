//! The `charterc` binary: parses the command line and hands it to `cli::run`, or what clap has to say instead to
//! `cli::clap_failure`.

mod cli;

use clap::Parser;

/// The process's allocator: mimalloc, which is much faster than glibc's at the pipeline's many small allocations
/// (see `Cargo.toml`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    match cli::Cli::try_parse() {
        Ok(cli) => cli::run(cli),
        Err(error) => cli::clap_failure(&error),
    }
}

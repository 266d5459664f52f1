//! The `framescope` command: parses arguments, runs one command, prints any error once and maps
//! the outcome to an exit code.

mod cli;
mod cmd;

use clap::Parser;

fn main() {
    let cli = cli::Cli::parse();
    let code = match cmd::run(cli.command) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("framescope: error: {e:#}");
            2
        }
    };
    std::process::exit(code);
}

//! The `framescope` command: parses arguments, runs one command, prints any error once and maps
//! the outcome to an exit code.

mod cli;
mod cmd;
#[cfg(unix)]
mod oom;

#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: oom::Guarded = oom::Guarded;

use clap::Parser;

fn main() {
    restore_default_sigpipe();
    let cli = cli::Cli::parse();
    let code = match cmd::run(cli.command) {
        Ok(code) => code,
        Err(e) if cmd::is_interrupted(&e) => {
            eprintln!("framescope: interrupted; nothing was replaced");
            cmd::interrupted_exit_code()
        }
        Err(e) => {
            eprintln!("framescope: error: {}", cmd::visible(&format!("{e:#}")));
            2
        }
    };
    std::process::exit(code);
}

/// Lets `framescope ... | head` end quietly when the reader closes the pipe, as other command-line
/// tools do, instead of failing on the next write to stdout. Rust ignores SIGPIPE by default.
#[cfg(unix)]
fn restore_default_sigpipe() {
    // SAFETY: called once at start-up, before any other thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}

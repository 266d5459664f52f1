//! The `framescope` command: runs the command line (see `cmd::run_command_line`) and exits with
//! its code.

mod cli;
mod cmd;
#[cfg(unix)]
mod oom;

#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: oom::Guarded = oom::Guarded;

fn main() {
    std::process::exit(cmd::run_command_line(std::env::args_os()));
}

//! One module per subcommand; each takes a validated configuration and returns an exit code.

mod analyze;
mod compare;
mod explain;
mod hints;
mod interrupt;
mod learn;
mod lexicon;
mod lexicon_convert;
mod lexicon_show;
mod outputs;
mod progress;
mod screen;
mod validate;

use anyhow::{bail, Result};
use framescope::engine::compile::CompileError;

use crate::cli::{Command, LexiconCommand};

/// Everything was read and scored.
pub const EXIT_OK: i32 = 0;
/// Finished, but some inputs were skipped or had warnings.
pub const EXIT_PARTIAL: i32 = 1;
/// Nothing usable.
pub const EXIT_FAILED: i32 = 2;
/// Stopped by Ctrl-C (128 + SIGINT, as shells report it); the previous outputs are unchanged.
/// Other signals that ask a process to end give 128 + theirs (143 for SIGTERM).
pub const EXIT_INTERRUPTED: i32 = 130;

pub use screen::visible;

/// Runs the command line `args` (the program's name first) to its end: parses it, runs one
/// command and prints any error once; returns the exit code. The `framescope` binary and the
/// `framescope` command of the Python package both run this.
pub fn run_command_line<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    restore_default_sigpipe();
    let cli = <crate::cli::Cli as clap::Parser>::parse_from(args);
    match run(cli.command) {
        Ok(code) => code,
        Err(e) if is_interrupted(&e) => {
            eprintln!("framescope: interrupted; nothing was replaced");
            interrupted_exit_code()
        }
        Err(e) => {
            eprintln!("framescope: error: {}", visible(&format!("{e:#}")));
            EXIT_FAILED
        }
    }
}

/// Lets `framescope ... | head` end quietly when the reader closes the pipe, as other command-line
/// tools do, instead of failing on the next write to stdout. Rust (and Python) ignore SIGPIPE by
/// default.
#[cfg(unix)]
fn restore_default_sigpipe() {
    // SAFETY: called at start-up of the command, before it starts any thread; SIG_DFL is a valid
    // handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(not(unix))]
fn restore_default_sigpipe() {}

/// Whether a command's error is a signal's request to stop.
pub fn is_interrupted(e: &anyhow::Error) -> bool {
    interrupt::is_interrupted(e)
}

/// The exit status of a command stopped by a signal.
pub fn interrupted_exit_code() -> i32 {
    interrupt::exit_code()
}

pub fn run(command: Command) -> Result<i32> {
    match command {
        Command::Analyze(args) => analyze::run(args.into_config()?),
        Command::Explain(args) => explain::run(args.into_config()?),
        Command::Compare(args) => compare::run(args.into_config()?),
        Command::Lexicon(LexiconCommand::List(selection)) => {
            lexicon::list(&selection.lexicons, &selection.dir()?)
        }
        Command::Lexicon(LexiconCommand::Check {
            paths,
            lexicon_dir,
            foreign,
        }) => lexicon::check(
            &paths,
            &crate::cli::lexicon_dir(lexicon_dir.as_ref())?.reading(foreign.options()),
        ),
        Command::Lexicon(LexiconCommand::Import {
            path,
            id,
            out,
            license,
            force,
            foreign,
        }) => {
            let mut options = foreign.options();
            options.id = id;
            options.license = license;
            lexicon_convert::import(&path, out, force, options)
        }
        Command::Lexicon(LexiconCommand::Export {
            lexicon,
            format,
            out,
            lexicon_dir,
            foreign,
        }) => lexicon_convert::export(
            &lexicon,
            format,
            out.as_deref(),
            &crate::cli::lexicon_dir(lexicon_dir.as_ref())?.reading(foreign.options()),
        ),
        Command::Lexicon(LexiconCommand::Show {
            lexicon,
            category,
            matches,
            lexicon_dir,
            foreign,
        }) => lexicon_show::show(
            &lexicon,
            category.as_deref(),
            &matches,
            &crate::cli::lexicon_dir(lexicon_dir.as_ref())?.reading(foreign.options()),
        ),
        Command::Validate(args) => validate::run(args.into_config()?),
        Command::Learn(args) => learn::run(args.into_config()?),
    }
}

/// Loads and compiles lexicons, or fails with every problem listed.
pub fn load_scorer(
    lexicons: &[String],
    dir: &framescope::LexiconDir,
) -> Result<(framescope::Scorer, usize)> {
    let loaded = framescope::lexicon::load(lexicons, dir)?;
    let scorer = match framescope::Scorer::new(&loaded) {
        Ok(scorer) => scorer,
        Err(e @ CompileError::TwoToneLexicons { .. }) => {
            bail!("{e}; select only one of them with --lexicon")
        }
        Err(e) => return Err(e.into()),
    };
    Ok((scorer, loaded.warnings.len()))
}

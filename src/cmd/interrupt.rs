//! Ctrl-C, and the signals that ask a process to end (SIGTERM, which `timeout`, systemd and
//! container runtimes send; SIGHUP, when the terminal closes): the first asks the run to stop
//! cleanly (it stops at the next point where it can, removes its temporary files and leaves the
//! previous outputs as they were, and exits with 128 + the signal); a second quits at once,
//! still removing the temporary files, after any renames under way.

use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};
use std::sync::Once;

use super::EXIT_INTERRUPTED;

static STOP: AtomicBool = AtomicBool::new(false);
/// The first signal received (0: none yet).
static SIGNAL: AtomicI32 = AtomicI32::new(0);
static INSTALL: Once = Once::new();

/// A command stopped by a signal before it replaced anything.
#[derive(Debug, thiserror::Error)]
#[error("interrupted")]
pub struct Interrupted;

/// Installs the handlers (once) and returns the flag they set.
pub fn stop_flag() -> &'static AtomicBool {
    INSTALL.call_once(install);
    &STOP
}

/// Installs the handlers, so that a signal from now on stops the command cleanly.
pub fn watch() {
    INSTALL.call_once(install);
}

/// `Err` once a signal asked the command to stop.
pub fn check() -> Result<(), Interrupted> {
    match STOP.load(Ordering::SeqCst) {
        true => Err(Interrupted),
        false => Ok(()),
    }
}

/// Whether a signal asked the command to stop.
pub fn requested() -> bool {
    STOP.load(Ordering::SeqCst)
}

/// Whether `e` is (or wraps) [`Interrupted`].
pub fn is_interrupted(e: &anyhow::Error) -> bool {
    e.downcast_ref::<Interrupted>().is_some()
}

/// The exit status of a command stopped by a signal: 128 + its number, as shells report it
/// (130 for Ctrl-C, 143 for SIGTERM).
pub fn exit_code() -> i32 {
    match SIGNAL.load(Ordering::SeqCst) {
        0 => EXIT_INTERRUPTED,
        signal => 128 + signal,
    }
}

/// What the first signal does: say so, and ask the run to stop.
fn first(signal: i32) {
    SIGNAL.store(signal, Ordering::SeqCst);
    STOP.store(true, Ordering::SeqCst);
    let (what, again) = match name(signal) {
        None => ("interrupted".to_string(), "Ctrl-C again"),
        Some(name) => (format!("interrupted ({name})"), "a second signal"),
    };
    eprintln!(
        "\nframescope: {what}; stopping at the next point where nothing is left half done \
         ({again} quits at once)"
    );
}

/// What a second signal does: quit at once, removing the temporary files.
fn again(signal: i32) -> ! {
    framescope::output::pending::remove_all();
    eprintln!("framescope: quit at once; the previous outputs are unchanged");
    std::process::exit(128 + signal);
}

/// The name of a signal other than Ctrl-C's, for messages.
fn name(signal: i32) -> Option<&'static str> {
    #[cfg(unix)]
    {
        match signal {
            libc::SIGTERM => Some("SIGTERM"),
            libc::SIGHUP => Some("SIGHUP"),
            _ => None,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = signal;
        None
    }
}

#[cfg(unix)]
mod unix {
    use std::sync::atomic::{AtomicI32, Ordering};

    /// The end of the pipe the handler writes each signal to: a handler may do little more
    /// than write, so a thread reads the pipe and does the rest.
    static WRITE_END: AtomicI32 = AtomicI32::new(-1);

    extern "C" fn handler(signal: libc::c_int) {
        let byte = signal as u8;
        let fd = WRITE_END.load(Ordering::Relaxed);
        // SAFETY: write(2) is async-signal-safe; the buffer is one byte on this stack. errno is
        // kept for the code the signal interrupted.
        unsafe {
            let errno = errno_location();
            let saved = errno.map(|e| *e);
            libc::write(fd, (&byte as *const u8).cast(), 1);
            if let (Some(e), Some(saved)) = (errno, saved) {
                *e = saved;
            }
        }
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    unsafe fn errno_location() -> Option<*mut libc::c_int> {
        Some(libc::__errno_location())
    }

    #[cfg(any(target_os = "macos", target_os = "ios", target_os = "freebsd"))]
    unsafe fn errno_location() -> Option<*mut libc::c_int> {
        Some(libc::__error())
    }

    #[cfg(not(any(
        target_os = "linux",
        target_os = "android",
        target_os = "macos",
        target_os = "ios",
        target_os = "freebsd"
    )))]
    unsafe fn errno_location() -> Option<*mut libc::c_int> {
        None
    }

    pub(super) fn install() -> std::io::Result<()> {
        let mut fds = [0 as libc::c_int; 2];
        // SAFETY: `fds` has room for the two descriptors pipe(2) returns.
        if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
        let [read_end, write_end] = fds;
        for fd in fds {
            // SAFETY: both descriptors were just opened; FD_CLOEXEC keeps them from children.
            unsafe { libc::fcntl(fd, libc::F_SETFD, libc::FD_CLOEXEC) };
        }
        WRITE_END.store(write_end, Ordering::Relaxed);
        std::thread::Builder::new()
            .name("signals".into())
            .spawn(move || {
                let mut received = 0usize;
                loop {
                    let mut byte = 0u8;
                    // SAFETY: reads one byte into `byte` from the pipe this thread owns.
                    let n = unsafe { libc::read(read_end, (&mut byte as *mut u8).cast(), 1) };
                    if n != 1 {
                        if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted
                        {
                            continue;
                        }
                        return;
                    }
                    received += 1;
                    match received {
                        1 => super::first(i32::from(byte)),
                        _ => super::again(i32::from(byte)),
                    }
                }
            })?;
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            // SAFETY: the handler only writes to a pipe; the sigaction is zeroed, then filled.
            unsafe {
                let mut action: libc::sigaction = std::mem::zeroed();
                action.sa_sigaction = handler as extern "C" fn(libc::c_int) as usize;
                action.sa_flags = libc::SA_RESTART;
                libc::sigemptyset(&mut action.sa_mask);
                if libc::sigaction(signal, &action, std::ptr::null_mut()) != 0 {
                    return Err(std::io::Error::last_os_error());
                }
            }
        }
        Ok(())
    }
}

#[cfg(unix)]
fn install() {
    if let Err(e) = unix::install() {
        eprintln!("framescope: warning: Ctrl-C will not stop the run cleanly: {e}");
    }
}

#[cfg(not(unix))]
fn install() {
    let installed = ctrlc::set_handler(|| {
        if STOP.load(Ordering::SeqCst) {
            again(2);
        }
        first(2);
    });
    if let Err(e) = installed {
        eprintln!("framescope: warning: Ctrl-C will not stop the run cleanly: {e}");
    }
}

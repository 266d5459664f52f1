//! Ctrl-C during a run: the first asks the run to stop cleanly (it stops between chunks of
//! articles, removes its temporary files and leaves the previous outputs as they were); a second
//! quits at once, leaving temporary files that the next run removes.

use std::sync::atomic::{AtomicBool, Ordering};

use super::EXIT_INTERRUPTED;

static STOP: AtomicBool = AtomicBool::new(false);

/// Installs the handler and returns the flag it sets. If no handler can be installed, Ctrl-C
/// keeps its default effect, which still leaves the previous outputs intact.
pub fn stop_flag() -> &'static AtomicBool {
    let installed = ctrlc::set_handler(|| {
        if STOP.swap(true, Ordering::SeqCst) {
            std::process::exit(EXIT_INTERRUPTED);
        }
        eprintln!("\nframescope: interrupted; stopping after the articles being scored (Ctrl-C again to quit at once)");
    });
    if let Err(e) = installed {
        eprintln!("framescope: warning: Ctrl-C will not stop the run cleanly: {e}");
    }
    &STOP
}

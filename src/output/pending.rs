//! What this process has on disk that is not finished: temporary output files and the locks of
//! output folders, listed so that a process told to quit at once (a second Ctrl-C) can still
//! remove them before it exits, rather than leave them to the next run.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Paths of unfinished files and held locks.
struct Pending(Mutex<Vec<PathBuf>>);

impl Pending {
    const fn new() -> Pending {
        Pending(Mutex::new(Vec::new()))
    }

    fn list(&self) -> std::sync::MutexGuard<'_, Vec<PathBuf>> {
        // A poisoned lock only means a thread panicked while it held it; the list is still whole.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn add(&self, path: &Path) {
        self.list().push(path.to_path_buf());
    }

    fn remove(&self, path: &Path) {
        let mut list = self.list();
        if let Some(i) = list.iter().rposition(|p| p == path) {
            list.swap_remove(i);
        }
    }

    fn remove_all(&self) {
        let list = std::mem::take(&mut *self.list());
        for path in list {
            let _ = std::fs::remove_file(path);
        }
    }
}

static PENDING: Pending = Pending::new();

/// Held while outputs are renamed into place, which takes an instant: a process told to quit at
/// once waits for it, so that it never leaves a folder with half of one run's outputs and half
/// of another's.
static COMMITTING: Mutex<()> = Mutex::new(());

/// Marks the renames of a commit, until dropped.
pub fn committing() -> std::sync::MutexGuard<'static, ()> {
    COMMITTING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Lists `path` as unfinished.
pub fn add(path: &Path) {
    PENDING.add(path);
}

/// `path` is finished (renamed into place or removed): no longer to be removed on exit.
pub fn remove(path: &Path) {
    PENDING.remove(path);
}

/// Removes every unfinished file and lock of this process without waiting for anything, for a
/// process that cannot go on (out of memory): skipped if the list is in use at that moment.
pub fn remove_all_now() {
    if let Ok(list) = PENDING.0.try_lock() {
        for path in list.iter() {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// Removes every unfinished file and lock of this process, for a process that exits at once:
/// waits for a commit under way to end, and lets no other begin. Files already renamed into
/// place are no longer listed, so nothing finished is touched.
pub fn remove_all() {
    // Never released: the process ends after this.
    std::mem::forget(committing());
    PENDING.remove_all();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_listed_paths_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "x").unwrap();
        std::fs::write(&b, "x").unwrap();
        // A list of its own: the process-wide one belongs to the other tests' files too.
        let pending = Pending::new();
        pending.add(&a);
        pending.add(&b);
        pending.remove(&b);
        pending.remove_all();
        assert!(!a.exists());
        assert!(b.exists());
        assert!(pending.list().is_empty());
    }
}

//! The lock of an output folder: one run at a time writes into it. The lock is a file in the
//! folder, locked with the system's advisory file lock (which the kernel releases when its
//! process ends, however it ends, so a killed run leaves no lock that holds) and naming the
//! process that holds it, so that a second run can say which one it waits for.

use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use super::layout::LOCK;
use super::pending;

/// Why an output folder could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{folder} is being written by another framescope run ({holder}); wait for it to end, or write the outputs into another folder")]
    Held { folder: PathBuf, holder: String },
    #[error("{path}: cannot lock the output folder: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// An output folder locked by this process, until dropped.
#[derive(Debug)]
pub struct FolderLock {
    path: PathBuf,
    /// Holds the lock while open.
    _file: File,
}

/// Tries this many times when the lock file is replaced under us by a run that just ended.
const ATTEMPTS: usize = 16;

impl FolderLock {
    /// Locks `dir` (which exists) for this process, or says which process holds it.
    pub fn acquire(dir: &Path) -> Result<FolderLock, LockError> {
        let path = dir.join(LOCK);
        let io = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        for _ in 0..ATTEMPTS {
            let mut file = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            match try_lock(&file) {
                Ok(true) => {}
                Ok(false) => {
                    let mut holder = String::new();
                    let _ = file.read_to_string(&mut holder);
                    return Err(LockError::Held {
                        folder: dir.to_path_buf(),
                        holder: describe_holder(&holder),
                    });
                }
                Err(e) => return Err(io(e)),
            }
            // A run that ended removes its lock file after we opened it: then the lock we hold
            // is on a file no longer in the folder, and another run may lock a new one.
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(io)?;
            let record = format!(
                "pid {}\nsince {}\n",
                std::process::id(),
                super::manifest::rfc3339(unix_seconds())
            );
            file.write_all(record.as_bytes()).map_err(io)?;
            pending::add(&path);
            return Ok(FolderLock { path, _file: file });
        }
        Err(io(std::io::Error::other(
            "the lock file keeps being replaced",
        )))
    }
}

impl Drop for FolderLock {
    fn drop(&mut self) {
        // Removed while still locked: a run waiting on this file finds it gone and starts over.
        let _ = std::fs::remove_file(&self.path);
        pending::remove(&self.path);
    }
}

/// The holder as its lock file names it: `process 1234, running since ...`.
fn describe_holder(record: &str) -> String {
    let field = |name: &str| {
        record
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    match (field("pid "), field("since ")) {
        (Some(pid), Some(since)) => format!("process {pid}, running since {since}"),
        (Some(pid), None) => format!("process {pid}"),
        _ => "a process that is starting".into(),
    }
}

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Takes the advisory lock of `file` without waiting: false when another process holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> std::io::Result<bool> {
    use std::os::fd::AsRawFd;
    // SAFETY: the descriptor is open for as long as `file` lives.
    if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
        return Ok(true);
    }
    let e = std::io::Error::last_os_error();
    match e.raw_os_error() {
        Some(libc::EWOULDBLOCK) => Ok(false),
        // A filesystem without locks: no run can lock it, so none is kept out.
        Some(libc::ENOLCK | libc::EOPNOTSUPP) => Ok(true),
        _ => Err(e),
    }
}

#[cfg(not(unix))]
fn try_lock(_file: &File) -> std::io::Result<bool> {
    Ok(true)
}

/// Whether `file` is still the file at `path`.
#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_first_and_a_released_one_is_taken_again() {
        let dir = tempfile::tempdir().unwrap();
        let first = FolderLock::acquire(dir.path()).unwrap();
        // Locks of one process on two descriptors exclude each other too.
        let e = FolderLock::acquire(dir.path()).unwrap_err();
        let message = e.to_string();
        assert!(
            message.contains(&format!("process {}, running since ", std::process::id())),
            "{message}"
        );
        drop(first);
        assert!(!dir.path().join(LOCK).exists());
        let again = FolderLock::acquire(dir.path()).unwrap();
        drop(again);
    }

    #[test]
    fn a_lock_file_left_by_a_dead_process_does_not_hold() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(LOCK),
            "pid 4000000\nsince 2020-01-01T00:00:00Z\n",
        )
        .unwrap();
        let lock = FolderLock::acquire(dir.path()).unwrap();
        let record = std::fs::read_to_string(dir.path().join(LOCK)).unwrap();
        assert!(record.starts_with(&format!("pid {}\n", std::process::id())));
        drop(lock);
    }

    #[test]
    fn holders_are_described() {
        assert_eq!(
            describe_holder("pid 12\nsince 2026-01-01T00:00:00Z\n"),
            "process 12, running since 2026-01-01T00:00:00Z"
        );
        assert_eq!(describe_holder(""), "a process that is starting");
    }
}

//! Atomic output files: written under a temporary name beside the destination and renamed into
//! place only when the whole run succeeded, so a failed run never leaves a half-written file, and
//! the outputs of one run replace those of the previous run as a set.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use sha2::{Digest, Sha256};

use super::pending;

/// Why outputs were not put in place.
#[derive(Debug, thiserror::Error)]
pub enum CommitError {
    /// Asked to stop before anything was replaced: the previous outputs are as they were.
    #[error("interrupted before the outputs were put in place")]
    Interrupted,
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// A file being written; invisible under its final name until [`commit_all`] or [`commit_set`].
/// Its size and SHA-256 are kept up to date as it is written, so the run manifest need not read
/// it back.
pub struct AtomicFile {
    temp: PathBuf,
    dest: PathBuf,
    writer: Option<BufWriter<File>>,
    bytes: u64,
    /// `bytes` when writing back to disk was last started (see [`AtomicFile::start_writeback`]).
    written_back: u64,
    /// `None` while the bytes are hashed on another thread (see [`AtomicFile::hash_elsewhere`]).
    hasher: Option<Sha256>,
}

/// Writing back to disk starts every this many bytes of a file.
const WRITEBACK_EVERY: u64 = 16 << 20;

impl AtomicFile {
    pub fn create(dest: &Path) -> std::io::Result<AtomicFile> {
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = dest.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&temp)?;
        pending::add(&temp);
        Ok(AtomicFile {
            temp,
            dest: dest.to_path_buf(),
            writer: Some(BufWriter::with_capacity(1 << 17, file)),
            bytes: 0,
            written_back: 0,
            hasher: Some(Sha256::new()),
        })
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Bytes written so far, and their SHA-256 in lower-case hex.
    pub fn digest(&self) -> (u64, String) {
        let hex = self
            .hasher
            .clone()
            .expect("a file's digest asked for while its bytes are hashed elsewhere")
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        (self.bytes, hex)
    }

    /// Where the data is until the file is committed.
    pub fn temp(&self) -> &Path {
        &self.temp
    }

    /// Flushes and syncs the data; the file is complete under its temporary name. Errors (a full
    /// disk) name the file.
    pub fn finish(&mut self) -> std::io::Result<()> {
        if let Some(writer) = self.writer.take() {
            let file = writer
                .into_inner()
                .map_err(|e| with_path(e.into_error(), &self.temp))?;
            file.sync_all().map_err(|e| with_path(e, &self.temp))?;
        }
        Ok(())
    }
}

impl AtomicFile {
    /// From now on writes are not hashed here: the caller hashes the same bytes, in the same
    /// order, with the hasher returned (which holds what was written so far), and gives it back
    /// with [`AtomicFile::hashed`] before the digest is read. Lets hashing and the copy into the
    /// kernel run on two threads.
    pub fn hash_elsewhere(&mut self) -> Sha256 {
        self.hasher
            .take()
            .expect("a file's hashing handed over twice")
    }

    /// Takes back the hasher given by [`AtomicFile::hash_elsewhere`], updated with every byte
    /// written since.
    pub fn hashed(&mut self, hasher: Sha256) {
        self.hasher = Some(hasher);
    }

    /// Asks the kernel to start writing what it holds of the file to disk, without waiting, so
    /// that the sync in [`AtomicFile::finish`] has only the tail left to wait for. A hint: where
    /// it is not available, or fails, the final sync does it all.
    #[cfg(target_os = "linux")]
    fn start_writeback(&self) {
        use std::os::fd::AsRawFd;
        if let Some(writer) = &self.writer {
            // SAFETY: the descriptor is open for as long as `writer` lives; offset 0 and length
            // 0 mean the whole file, and SYNC_FILE_RANGE_WRITE only starts writeback.
            unsafe {
                libc::sync_file_range(
                    writer.get_ref().as_raw_fd(),
                    0,
                    0,
                    libc::SYNC_FILE_RANGE_WRITE,
                );
            }
        }
    }

    #[cfg(not(target_os = "linux"))]
    fn start_writeback(&self) {}
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self
            .writer
            .as_mut()
            .expect("written after finish")
            .write(buf)?;
        if let Some(hasher) = &mut self.hasher {
            hasher.update(&buf[..n]);
        }
        self.bytes += n as u64;
        if self.bytes - self.written_back >= WRITEBACK_EVERY {
            self.written_back = self.bytes;
            self.start_writeback();
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.as_mut().map_or(Ok(()), |w| w.flush())
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        // Not committed: remove the temporary file, leaving any previous output intact.
        if self.temp.exists() {
            let _ = std::fs::remove_file(&self.temp);
        }
        pending::remove(&self.temp);
    }
}

impl AtomicFile {
    /// Renames the finished file into place.
    fn rename(&self) -> std::io::Result<()> {
        std::fs::rename(&self.temp, &self.dest).map_err(|e| with_path(e, &self.dest))?;
        pending::remove(&self.temp);
        Ok(())
    }
}

/// Checks `stop` once every file is finished and before anything is replaced; from then on the
/// renames go through (a process told to quit at once waits for them).
fn last_chance(stop: &AtomicBool) -> Result<std::sync::MutexGuard<'static, ()>, CommitError> {
    let guard = pending::committing();
    if stop.load(Ordering::SeqCst) {
        return Err(CommitError::Interrupted);
    }
    Ok(guard)
}

/// Finishes every file, then renames them all into place. If finishing any file fails (a full
/// disk), nothing is renamed and the previous outputs stay as they were.
pub fn commit_all(mut files: Vec<AtomicFile>) -> std::io::Result<()> {
    finish_all(&mut files)?;
    let _renaming = pending::committing();
    for f in &mut files {
        f.rename()?;
    }
    Ok(())
}

/// Replaces the outputs of a previous run with `files` as one set, `manifest` (which lists the
/// set) last: the old manifest is moved aside first, then the files are renamed into place, then
/// `remove_obsolete` removes the files of the previous set that this one does not replace, and
/// the new manifest is renamed last. Nothing is touched unless every file was finished and
/// `stop` was not set. A run killed during the renames leaves no manifest rather than one that
/// describes other files, and both manifests under temporary names: the next run reads them to
/// know every file of either set (see [`super::manifest::leftover_outputs`]).
pub fn commit_set(
    mut files: Vec<AtomicFile>,
    mut manifest: AtomicFile,
    stop: &AtomicBool,
    remove_obsolete: impl FnOnce(),
) -> Result<(), CommitError> {
    finish_all(&mut files)?;
    manifest.finish()?;
    let _renaming = last_chance(stop)?;
    let previous = manifest.temp.with_file_name(format!(
        "{}.previous",
        manifest
            .temp
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    ));
    match std::fs::rename(&manifest.dest, &previous) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(with_path(e, &manifest.dest).into())
        }
        _ => {}
    }
    for f in &files {
        f.rename()?;
    }
    remove_obsolete();
    manifest.rename()?;
    let _ = std::fs::remove_file(&previous);
    sync_folder(&manifest.dest);
    Ok(())
}

/// Puts `files` in place beside outputs that stay (the scores, when comparisons are made
/// again), then `remove_obsolete`, then replaces `manifest` in one rename: a run killed before
/// that leaves the previous manifest, whose entries for the files that stay are still true.
pub fn commit_beside(
    mut files: Vec<AtomicFile>,
    mut manifest: AtomicFile,
    stop: &AtomicBool,
    remove_obsolete: impl FnOnce(),
) -> Result<(), CommitError> {
    finish_all(&mut files)?;
    manifest.finish()?;
    let _renaming = last_chance(stop)?;
    for f in &files {
        f.rename()?;
    }
    remove_obsolete();
    manifest.rename()?;
    sync_folder(&manifest.dest);
    Ok(())
}

/// Makes the renames into the folder of `file` durable too; not every filesystem can sync a
/// folder, so no error.
fn sync_folder(file: &Path) {
    if let Some(dir) = file.parent().and_then(|d| File::open(d).ok()) {
        let _ = dir.sync_all();
    }
}

/// Finishes every file (see [`AtomicFile::finish`]), each on a thread of its own: syncing waits
/// for the disk, and the waits overlap.
pub fn finish_all(files: &mut [AtomicFile]) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let finishing: Vec<_> = files
            .iter_mut()
            .map(|f| std::thread::Builder::new().spawn_scoped(scope, move || f.finish()))
            .collect();
        // Every thread started is joined before the first error is given.
        let results: Vec<std::io::Result<()>> = finishing
            .into_iter()
            .map(|t| match t {
                Ok(t) => t
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                Err(e) => Err(crate::memory::thread_error(e)),
            })
            .collect();
        results.into_iter().collect()
    })
}

fn with_path(e: std::io::Error, path: &Path) -> std::io::Error {
    std::io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// Removes temporary files that an interrupted earlier run left in `dir`.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') && name.contains(".tmp-") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_appears_until_commit_and_drop_cleans_up() {
        let dir = tempfile::tempdir().unwrap();
        let dest = dir.path().join("a.csv");
        std::fs::write(&dest, "old").unwrap();
        {
            let mut f = AtomicFile::create(&dest).unwrap();
            f.write_all(b"new").unwrap();
            assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        }
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let mut f = AtomicFile::create(&dest).unwrap();
        f.write_all(b"new").unwrap();
        let (bytes, sha256) = f.digest();
        assert_eq!(bytes, 3);
        // sha256("new"), as `sha256sum` gives it.
        assert_eq!(
            sha256,
            "11507a0e2f5e69d5dfa40a62a1bd7b6ee57e6bcd85c67c9b8431b36fff21c437"
        );
        commit_all(vec![f]).unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }

    #[test]
    fn a_set_replaces_the_previous_set_and_its_manifest_comes_last() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["a.csv", "gone.csv", "run.json"] {
            std::fs::write(dir.path().join(name), "old").unwrap();
        }
        let mut a = AtomicFile::create(&dir.path().join("a.csv")).unwrap();
        a.write_all(b"new a").unwrap();
        let mut manifest = AtomicFile::create(&dir.path().join("run.json")).unwrap();
        manifest.write_all(b"new run").unwrap();
        let gone = dir.path().join("gone.csv");
        let stop = AtomicBool::new(false);
        commit_set(vec![a], manifest, &stop, || {
            std::fs::remove_file(gone).unwrap();
        })
        .unwrap();
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).ok();
        assert_eq!(read("a.csv").as_deref(), Some("new a"));
        assert_eq!(read("run.json").as_deref(), Some("new run"));
        assert_eq!(read("gone.csv"), None);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn a_stop_before_the_renames_replaces_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "old").unwrap();
        std::fs::write(dir.path().join("run.json"), "old").unwrap();
        let mut a = AtomicFile::create(&dir.path().join("a.csv")).unwrap();
        a.write_all(b"new").unwrap();
        let manifest = AtomicFile::create(&dir.path().join("run.json")).unwrap();
        let stop = AtomicBool::new(true);
        let result = commit_set(vec![a], manifest, &stop, || panic!("nothing is removed"));
        assert!(matches!(result, Err(CommitError::Interrupted)));
        for name in ["a.csv", "run.json"] {
            assert_eq!(
                std::fs::read_to_string(dir.path().join(name)).unwrap(),
                "old"
            );
        }
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}

//! Atomic output files: written under a temporary name beside the destination and renamed into
//! place only when the whole run succeeded, so a failed run never leaves a half-written file, and
//! the outputs of one run replace those of the previous run as a set.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

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
    hasher: Sha256,
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
        Ok(AtomicFile {
            temp,
            dest: dest.to_path_buf(),
            writer: Some(BufWriter::with_capacity(1 << 17, file)),
            bytes: 0,
            written_back: 0,
            hasher: Sha256::new(),
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
        self.hasher.update(&buf[..n]);
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
    }
}

/// Finishes every file, then renames them all into place. If finishing any file fails (a full
/// disk), nothing is renamed and the previous outputs stay as they were.
pub fn commit_all(mut files: Vec<AtomicFile>) -> std::io::Result<()> {
    finish_all(&mut files)?;
    for f in &mut files {
        std::fs::rename(&f.temp, &f.dest).map_err(|e| with_path(e, &f.dest))?;
    }
    Ok(())
}

/// Replaces the outputs of a previous run with `files` as one set, `manifest` (which lists the
/// set) last: the old manifest is removed first, then the files are renamed into place, then the
/// `obsolete` files of the previous set that this one does not replace are removed, and the new
/// manifest is renamed last. Nothing is touched unless every file was finished; a run stopped
/// during the renames leaves no manifest rather than one that describes other files.
pub fn commit_set(
    mut files: Vec<AtomicFile>,
    mut manifest: AtomicFile,
    obsolete: &[PathBuf],
) -> std::io::Result<()> {
    finish_all(&mut files)?;
    manifest.finish()?;
    match std::fs::remove_file(&manifest.dest) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(with_path(e, &manifest.dest))
        }
        _ => {}
    }
    for f in &files {
        std::fs::rename(&f.temp, &f.dest).map_err(|e| with_path(e, &f.dest))?;
    }
    for path in obsolete {
        if files.iter().all(|f| f.dest != *path) {
            let _ = std::fs::remove_file(path);
        }
    }
    std::fs::rename(&manifest.temp, &manifest.dest).map_err(|e| with_path(e, &manifest.dest))?;
    if let Some(dir) = manifest.dest.parent().and_then(|d| File::open(d).ok()) {
        // Make the renames durable too; not every filesystem can sync a folder, so no error.
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Finishes every file (see [`AtomicFile::finish`]), each on a thread of its own: syncing waits
/// for the disk, and the waits overlap.
pub fn finish_all(files: &mut [AtomicFile]) -> std::io::Result<()> {
    std::thread::scope(|scope| {
        let finishing: Vec<_> = files
            .iter_mut()
            .map(|f| scope.spawn(move || f.finish()))
            .collect();
        finishing.into_iter().try_for_each(|t| {
            t.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
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
        let obsolete = [dir.path().join("gone.csv"), dir.path().join("a.csv")];
        commit_set(vec![a], manifest, &obsolete).unwrap();
        let read = |n: &str| std::fs::read_to_string(dir.path().join(n)).ok();
        assert_eq!(read("a.csv").as_deref(), Some("new a"));
        assert_eq!(read("run.json").as_deref(), Some("new run"));
        assert_eq!(read("gone.csv"), None);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}

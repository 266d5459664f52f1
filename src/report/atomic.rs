//! Atomic output files: written under a temporary name beside the destination and renamed into
//! place only when the whole run succeeded, so a failed run never leaves a half-written file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// A file being written; invisible under its final name until [`OutputSet::commit`].
pub struct AtomicFile {
    temp: PathBuf,
    dest: PathBuf,
    writer: Option<BufWriter<File>>,
}

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
        })
    }

    pub fn dest(&self) -> &Path {
        &self.dest
    }

    /// Flushes and syncs the data; the file is complete under its temporary name.
    fn finish(&mut self) -> std::io::Result<()> {
        if let Some(writer) = self.writer.take() {
            let file = writer.into_inner().map_err(|e| e.into_error())?;
            file.sync_all()?;
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer
            .as_mut()
            .expect("written after finish")
            .write(buf)
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
    for f in &mut files {
        f.finish().map_err(|e| with_path(e, &f.temp))?;
    }
    for f in &mut files {
        std::fs::rename(&f.temp, &f.dest).map_err(|e| with_path(e, &f.dest))?;
    }
    Ok(())
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
        commit_all(vec![f]).unwrap();
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
    }
}

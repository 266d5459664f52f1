//! One command's writing into an output folder: the folder is opened (locked for this run, and
//! what an interrupted run left there cleaned up), the files written are gathered, and then put
//! in place together: as a new set listed by a manifest (`analyze`), or as comparisons beside
//! the scores they were made from (`compare`). Only outputs a manifest lists as this tool's are
//! ever removed.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use super::atomic::{commit_beside, commit_set, finish_all, AtomicFile, CommitError};
use super::layout::{self, RUN_JSON};
use super::lock::{FolderLock, LockError};
use super::manifest::{
    leftover_outputs, pending_output_entry, previous_outputs, Manifest, OutputEntry,
};

/// Why an output folder cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot create the output folder {folder}: {source}")]
    Create {
        folder: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
}

/// The files one command writes into an output folder, not yet in place.
pub struct OutputRun {
    dir: PathBuf,
    files: Vec<AtomicFile>,
    /// Chart files written, as [`layout::chart_path`] names them.
    charts: Vec<String>,
    /// Held from the start of the run to its end (none for a run [`beside`](OutputRun::beside)
    /// another, which shares its lock).
    lock: Option<FolderLock>,
    /// Outputs listed by the manifest of an earlier run stopped while it put them in place.
    leftover: Vec<String>,
}

impl OutputRun {
    /// Creates the folder if needed, locks it for this run, and removes what an interrupted run
    /// left there.
    pub fn open(dir: &Path) -> Result<OutputRun, OpenError> {
        std::fs::create_dir_all(dir).map_err(|source| OpenError::Create {
            folder: dir.to_path_buf(),
            source,
        })?;
        // Before anything is removed: the temporary files may be those of a run still going.
        let lock = FolderLock::acquire(dir)?;
        let leftover = leftover_outputs(dir);
        layout::remove_stale_temporaries(dir);
        Ok(OutputRun {
            dir: dir.to_path_buf(),
            files: Vec::new(),
            charts: Vec::new(),
            lock: Some(lock),
            leftover,
        })
    }

    /// An empty run into the same folder, whose files can be written while this run's are
    /// finished, and then [`absorb`](OutputRun::absorb)ed.
    pub fn beside(&self) -> OutputRun {
        OutputRun {
            dir: self.dir.clone(),
            files: Vec::new(),
            charts: Vec::new(),
            lock: None,
            leftover: Vec::new(),
        }
    }

    /// Takes the files and charts of a run [`beside`](OutputRun::beside) this one, after its own.
    pub fn absorb(&mut self, other: OutputRun) {
        self.files.extend(other.files);
        self.charts.extend(other.charts);
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds written files to the set.
    pub fn add(&mut self, files: impl IntoIterator<Item = AtomicFile>) {
        self.files.extend(files);
    }

    /// Records which charts this run drew (paths relative to the folder).
    pub fn add_charts(&mut self, charts: impl IntoIterator<Item = String>) {
        self.charts.extend(charts);
    }

    /// The chart files written so far, as [`layout::chart_path`] names them.
    pub fn charts(&self) -> &[String] {
        &self.charts
    }

    /// Whether the folder's manifest lists scores: the folder holds the outputs of an `analyze`
    /// run.
    pub fn holds_scores(&self) -> bool {
        previous_outputs(&self.dir)
            .iter()
            .any(|f| !layout::is_comparison_output(f))
    }

    /// Flushes and syncs every file written so far: a full disk shows here, before anything is
    /// put in place.
    pub fn finish(&mut self) -> std::io::Result<()> {
        finish_all(&mut self.files)
    }

    /// Size and SHA-256 of every file, under its name relative to the folder, for the manifest.
    pub fn output_entries(&self) -> std::io::Result<Vec<OutputEntry>> {
        self.files
            .iter()
            .map(|f| pending_output_entry(&self.dir, f))
            .collect()
    }

    /// The names of the files written, relative to the folder.
    fn written(&self) -> std::io::Result<Vec<String>> {
        Ok(self.output_entries()?.into_iter().map(|e| e.file).collect())
    }

    /// Replaces the previous run's outputs with these files and `manifest` as one set: outputs
    /// of the previous set that this one does not replace are removed, and `run.json` comes
    /// last. Nothing is replaced when `stop` is set before the renames begin.
    pub fn commit_with_manifest(
        self,
        manifest: &Manifest,
        stop: &AtomicBool,
    ) -> Result<(), CommitError> {
        let mut run_json = AtomicFile::create(&self.dir.join(RUN_JSON))?;
        run_json.write_all(&manifest.to_json())?;
        let written = self.written()?;
        let mut previous = previous_outputs(&self.dir);
        previous.extend(self.leftover.iter().cloned());
        let dir = self.dir.clone();
        let result = commit_set(self.files, run_json, stop, || {
            layout::remove_obsolete(&dir, &previous, &written)
        });
        drop(self.lock);
        result
    }

    /// Puts comparison files in place beside the scores they were made from, whose manifest
    /// (`scores`, of the folder `scores_dir`) is written again listing them: in that folder, its
    /// own manifest with the comparison outputs replaced; elsewhere, a manifest of the
    /// comparisons alone that names the folder they come from. Comparison outputs of an earlier
    /// run that these do not replace are removed. Nothing is replaced when `stop` is set before
    /// the renames begin.
    pub fn commit_comparisons(
        self,
        scores: &Manifest,
        scores_dir: &Path,
        stop: &AtomicBool,
    ) -> Result<(), CommitError> {
        let entries = self.output_entries()?;
        let written: Vec<String> = entries.iter().map(|e| e.file.clone()).collect();
        let mut manifest = scores.clone();
        if same_folder(&self.dir, scores_dir) {
            manifest
                .outputs
                .retain(|o| !layout::is_comparison_output(&o.file));
        } else {
            manifest.outputs.clear();
            manifest.compared_from = Some(scores_dir.display().to_string());
        }
        manifest.outputs.extend(entries);
        let mut run_json = AtomicFile::create(&self.dir.join(RUN_JSON))?;
        run_json.write_all(&manifest.to_json())?;
        let mut previous = previous_outputs(&self.dir);
        previous.extend(self.leftover.iter().cloned());
        previous.retain(|f| layout::is_comparison_output(f));
        let dir = self.dir.clone();
        let result = commit_beside(self.files, run_json, stop, || {
            layout::remove_obsolete(&dir, &previous, &written)
        });
        drop(self.lock);
        result
    }
}

/// Whether two paths name one folder (`o` and `./o/`, or a link to it).
pub fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

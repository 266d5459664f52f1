//! One command's writing into an output folder: the folder is opened (stale temporaries of an
//! interrupted run removed), the files written are gathered, and then put in place together:
//! as a new set listed by a manifest (`analyze`), or added beside the set already there
//! (`compare`). Charts of an earlier run that this one did not draw again are removed.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::atomic::{commit_all, commit_set, finish_all, AtomicFile};
use super::layout::{self, RUN_JSON};
use super::manifest::{pending_output_entry, previous_outputs, Manifest, OutputEntry};

/// The files one command writes into an output folder, not yet in place.
pub struct OutputRun {
    dir: PathBuf,
    files: Vec<AtomicFile>,
    /// Chart files written, as [`layout::chart_path`] names them.
    charts: Vec<String>,
    /// Whether this run draws charts at all (a run that does not removes the charts folder).
    charts_drawn: bool,
}

impl OutputRun {
    /// Creates the folder if needed and removes what an interrupted run left there.
    pub fn open(dir: &Path) -> std::io::Result<OutputRun> {
        std::fs::create_dir_all(dir)?;
        layout::remove_stale_temporaries(dir);
        Ok(OutputRun {
            dir: dir.to_path_buf(),
            files: Vec::new(),
            charts: Vec::new(),
            charts_drawn: false,
        })
    }

    /// An empty run into the same folder, whose files can be written while this run's are
    /// finished, and then [`absorb`](OutputRun::absorb)ed.
    pub fn beside(&self) -> OutputRun {
        OutputRun {
            dir: self.dir.clone(),
            files: Vec::new(),
            charts: Vec::new(),
            charts_drawn: false,
        }
    }

    /// Takes the files and charts of a run [`beside`](OutputRun::beside) this one, after its own.
    pub fn absorb(&mut self, other: OutputRun) {
        self.files.extend(other.files);
        self.charts.extend(other.charts);
        self.charts_drawn |= other.charts_drawn;
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Adds written files to the set.
    pub fn add(&mut self, files: impl IntoIterator<Item = AtomicFile>) {
        self.files.extend(files);
    }

    /// Records that this run draws charts, and which (paths relative to the folder).
    pub fn add_charts(&mut self, charts: impl IntoIterator<Item = String>) {
        self.charts_drawn = true;
        self.charts.extend(charts);
    }

    /// The chart files written so far, as [`layout::chart_path`] names them.
    pub fn charts(&self) -> &[String] {
        &self.charts
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

    /// Replaces the previous run's outputs with these files and `manifest` as one set: files of
    /// the previous set that this one does not replace are removed, and `run.json` comes last.
    pub fn commit_with_manifest(self, manifest: &Manifest) -> std::io::Result<()> {
        let mut run_json = AtomicFile::create(&self.dir.join(RUN_JSON))?;
        run_json.write_all(&manifest.to_json())?;
        let obsolete = previous_outputs(&self.dir);
        commit_set(self.files, run_json, &obsolete)?;
        layout::remove_stale_charts(&self.dir, &self.charts, self.charts_drawn);
        Ok(())
    }

    /// Puts these files in place beside the outputs already in the folder.
    pub fn commit(self) -> std::io::Result<()> {
        commit_all(self.files)?;
        layout::remove_stale_charts(&self.dir, &self.charts, self.charts_drawn);
        Ok(())
    }
}

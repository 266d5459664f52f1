//! The native module of the `framescope` Python package (`framescope._framescope`): the scorer
//! compiled once, batches scored from Parquet bytes to Parquet bytes with the GIL released,
//! comparisons from per-article counts, and the command line itself. The Python side
//! (python/framescope) checks its inputs, turns bytes into Arrow tables and raises its own
//! exceptions; nothing here knows about Arrow, so no Arrow version is shared with pyarrow.

// The command line's own modules, compiled here as in the binary, so that the package's
// `framescope` command runs the same code.
#[path = "../../src/cli.rs"]
mod cli;
#[path = "../../src/cmd/mod.rs"]
mod cmd;

use std::path::PathBuf;

use framescope::batch::{self, BatchOptions, BatchTables};
use framescope::compare::counts::{self, CountedArticle, CountedFrame};
use framescope::compare::{self, Adjustment, Options, PairsMode};
use framescope::corpus::ReadOptions;
use framescope::output::Evidence;
use framescope::{LexiconDir, Scorer};
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyBytes;

pyo3::create_exception!(
    _framescope,
    LexiconError,
    pyo3::exceptions::PyException,
    "The lexicons asked for cannot be loaded or compiled."
);
pyo3::create_exception!(
    _framescope,
    CountsError,
    pyo3::exceptions::PyValueError,
    "Per-article counts that cannot be compared as given."
);

/// A compiled set of lexicons, shared by every call (and thread) that scores with it.
#[pyclass(frozen, module = "framescope._framescope")]
struct NativeScorer {
    scorer: Scorer,
}

/// What a batch is read with: which fields are which, and what is written.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct Fields {
    text_col: String,
    id_col: Option<String>,
    group_col: Option<String>,
    title_col: Option<String>,
    date_col: Option<String>,
    story_col: Option<String>,
    language_col: Option<String>,
    keep: Vec<String>,
    evidence: String,
    jobs: Option<usize>,
    /// The tables wanted: `articles`, `frames`, `sentences`, `matches`, `sources`.
    tables: Vec<String>,
}

impl Fields {
    fn options(self) -> PyResult<BatchOptions> {
        let evidence: Evidence = self
            .evidence
            .parse()
            .map_err(|e| PyValueError::new_err(format!("evidence: {e}")))?;
        let defaults = BatchOptions::default();
        let tables = self
            .tables
            .iter()
            .map(|name| {
                defaults
                    .tables
                    .iter()
                    .copied()
                    .find(|csv| csv.strip_suffix(".csv") == Some(name.as_str()))
                    .ok_or_else(|| PyValueError::new_err(format!("no table `{name}`")))
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(BatchOptions {
            read: ReadOptions {
                text_col: Some(self.text_col),
                id_col: self.id_col,
                group_col: self.group_col,
                title_col: self.title_col,
                date_col: self.date_col,
                story_col: self.story_col,
                language_col: self.language_col,
                keep_cols: self.keep,
                ..ReadOptions::default()
            },
            jobs: self.jobs.filter(|&j| j > 0).unwrap_or(defaults.jobs),
            evidence,
            tables,
        })
    }
}

/// The tables of a batch as Python values: a dict of Parquet bytes by table name, the skipped
/// records as `(where, why)`, and the number of articles with warnings.
type PyTables = (
    Vec<(&'static str, Py<PyBytes>)>,
    Vec<(String, String)>,
    usize,
);

fn to_python(py: Python<'_>, tables: BatchTables) -> PyTables {
    let named = [
        ("articles", &tables.articles),
        ("frames", &tables.frames),
        ("sentences", &tables.sentences),
        ("matches", &tables.matches),
        ("sources", &tables.sources),
    ]
    .into_iter()
    .filter(|(_, bytes)| !bytes.is_empty())
    .map(|(name, bytes)| (name, PyBytes::new(py, bytes).unbind()))
    .collect();
    let skipped = tables
        .skipped
        .into_iter()
        .map(|s| (s.origin, s.reason.to_string()))
        .collect();
    (named, skipped, tables.warned)
}

/// The comparison settings of `framescope.compare`, as `analyze` names them.
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct CompareSettings {
    baseline: Option<String>,
    max_units: usize,
    bootstrap: u32,
    /// The bootstrap's seed; `analyze`'s when None.
    seed: Option<u64>,
    alpha: f64,
    adjust: String,
    focus: Vec<String>,
}

impl CompareSettings {
    fn options(self) -> PyResult<Options> {
        let adjust = match self.adjust.as_str() {
            "bh" => Adjustment::BenjaminiHochberg,
            "holm" => Adjustment::Holm,
            "none" => Adjustment::None,
            other => {
                return Err(PyValueError::new_err(format!(
                    "adjust: `{other}` is not `bh`, `holm` or `none`"
                )))
            }
        };
        if !(self.alpha > 0.0 && self.alpha < 1.0) {
            return Err(PyValueError::new_err(format!(
                "alpha: {} is not between 0 and 1",
                self.alpha
            )));
        }
        Ok(Options {
            pairs: PairsMode::Groups,
            baseline: self.baseline,
            max_units: self.max_units,
            bootstrap: self.bootstrap,
            seed: self.seed.unwrap_or(Options::default().seed),
            alpha: self.alpha,
            adjust,
            focus: self.focus,
            ..Options::default()
        })
    }
}

#[pymethods]
impl NativeScorer {
    /// Loads and compiles `lexicons` (ids or paths; every shipped lexicon when empty) from
    /// `lexicon_dir` (the shipped lexicons when None).
    #[new]
    #[pyo3(signature = (lexicons, lexicon_dir=None))]
    fn new(py: Python<'_>, lexicons: Vec<String>, lexicon_dir: Option<PathBuf>) -> PyResult<Self> {
        let dir = match lexicon_dir {
            Some(dir) if !dir.is_dir() => {
                return Err(LexiconError::new_err(format!(
                    "lexicon_dir {}: no such folder",
                    dir.display()
                )))
            }
            Some(dir) => LexiconDir::at(dir),
            None => LexiconDir::embedded_only(),
        };
        let compiled = py.detach(|| -> Result<Scorer, String> {
            let loaded = framescope::lexicon::load(&lexicons, &dir).map_err(|e| e.to_string())?;
            Scorer::new(&loaded).map_err(|e| match e {
                e @ framescope::engine::compile::CompileError::TwoToneLexicons { .. } => {
                    format!("{e}; select only one of them in `lexicons`")
                }
                e => e.to_string(),
            })
        });
        compiled
            .map(|scorer| NativeScorer { scorer })
            .map_err(LexiconError::new_err)
    }

    /// The lexicons compiled: `(id, name, language, version, tone, [categories])` each.
    fn lexicons(&self) -> Vec<(String, String, String, String, bool, Vec<String>)> {
        let set = self.scorer.lexicons();
        set.lexicons
            .iter()
            .map(|l| {
                (
                    l.id.clone(),
                    l.name.clone(),
                    l.language.clone(),
                    l.version.clone(),
                    l.tone,
                    set.categories[l.categories.clone()]
                        .iter()
                        .map(|c| c.name.clone())
                        .collect(),
                )
            })
            .collect()
    }

    /// Scores the records of the Parquet file `data` (bytes), named `label` in messages.
    fn score_parquet(
        &self,
        py: Python<'_>,
        data: Vec<u8>,
        label: &str,
        fields: Fields,
    ) -> PyResult<PyTables> {
        let options = fields.options()?;
        let tables = py
            .detach(|| batch::score_parquet(&self.scorer, data, label, &options))
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok(to_python(py, tables))
    }

    /// The tables of a batch without a record: every table's columns and types.
    fn empty_tables(&self, py: Python<'_>, fields: Fields) -> PyResult<PyTables> {
        let options = fields.options()?;
        let tables = batch::empty_tables(&self.scorer, &options)
            .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        Ok(to_python(py, tables))
    }

    /// Compares the groups of articles given by their counts: `articles` as `(id, group,
    /// tokens, sentences, tone)`, `frames` as `(article id, lexicon, category, hits, negated,
    /// score)`. Returns `comparison.csv` (bytes), its columns of numbers and of flags, and
    /// `summary.md`.
    #[allow(clippy::type_complexity)]
    fn compare(
        &self,
        py: Python<'_>,
        articles: Vec<(String, String, u64, u32, Option<f64>)>,
        frames: Vec<(String, String, String, u64, u64, f64)>,
        settings: CompareSettings,
    ) -> PyResult<(Py<PyBytes>, Vec<&'static str>, Vec<&'static str>, String)> {
        let options = settings.options()?;
        let set = self.scorer.lexicons();
        let outcome = py.detach(|| -> Result<(Vec<u8>, String), PyErr> {
            let articles = articles
                .into_iter()
                .map(|(id, group, tokens, sentences, tone)| CountedArticle {
                    id,
                    group,
                    tokens,
                    sentences,
                    tone,
                })
                .collect();
            let frames: Vec<CountedFrame> = frames
                .into_iter()
                .map(
                    |(article, lexicon, category, hits, negated, score)| CountedFrame {
                        article,
                        lexicon,
                        category,
                        hits,
                        negated,
                        score,
                    },
                )
                .collect();
            let obs = counts::observations(set, articles, &frames)
                .map_err(|e| CountsError::new_err(e.to_string()))?;
            let report =
                compare::run(&obs, &options).map_err(|e| CountsError::new_err(e.to_string()))?;
            let mut csv = Vec::new();
            compare::output::comparison_csv(&report, &mut csv)
                .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
            let notes: Vec<String> = report.notes.iter().map(|n| n.to_string()).collect();
            Ok((csv, compare::output::markdown(&report, &notes, &[])))
        })?;
        Ok((
            PyBytes::new(py, &outcome.0).unbind(),
            compare::output::NUMBERS.to_vec(),
            compare::output::FLAGS.to_vec(),
            outcome.1,
        ))
    }
}

/// Runs the `framescope` command line `args` (the program's name first); returns its exit code.
#[pyfunction]
fn run_command_line(py: Python<'_>, args: Vec<String>) -> i32 {
    py.detach(|| cmd::run_command_line(args))
}

#[pymodule]
fn _framescope(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeScorer>()?;
    m.add_function(wrap_pyfunction!(run_command_line, m)?)?;
    m.add("LexiconError", m.py().get_type::<LexiconError>())?;
    m.add("CountsError", m.py().get_type::<CountsError>())?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

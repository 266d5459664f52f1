//! `framescope analyze`: articles in, CSV or Parquet tables, comparisons, charts and run.json out.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use anyhow::{anyhow, bail, Context, Result};
use framescope::compare::stories::{StoryWords, WordBagger};
use framescope::compare::{self, Gatherer, PairsMode, DETAIL_LIMIT};
use framescope::corpus::{Article, Corpus, Input};
use framescope::engine::checks::ArticleChecks;
use framescope::output::manifest::{self, Manifest, SkippedEntry, WarningEntry};
use framescope::output::tables::{articles_header, Evidence, RENDER_WHOLE_UP_TO};
use framescope::output::{CommitError, OutputRun, RowTables, Settings};
use framescope::pipeline::{self, PipelineError, PipelineOptions, Prepared};
use framescope::report::views::{self, ArticleView, Candidates};
use framescope::{ArticleScores, Scorer};

use super::outputs::{terminal_summary, write_comparisons};
use super::progress::Progress;
use super::{hints, interrupt, load_scorer, visible, EXIT_OK, EXIT_PARTIAL};
use crate::cli::AnalyzeConfig;

/// What the run saw, gathered as articles are written.
#[derive(Default)]
struct Tally {
    articles: u64,
    tokens: u64,
    bytes: u64,
    skipped: Vec<SkippedEntry>,
    warnings: Vec<WarningEntry>,
    /// The first two groups seen: enough to tell whether groups can be compared.
    groups: std::collections::BTreeSet<String>,
    /// Folders inside the inputs left out because they hold outputs.
    excluded: Vec<String>,
}

/// In `--pairs auto` mode, comparisons and charts are dropped past this many articles.
const AUTO_COMPARE_LIMIT: u64 = 10_000;

pub fn run(config: AnalyzeConfig) -> Result<i32> {
    interrupt::watch();
    let out = config.out.clone();
    match run_until_done(config) {
        Err(e) if interrupt::is_interrupted(&e) => {
            eprintln!(
                "framescope: interrupted; nothing was replaced: the previous outputs in {} are unchanged",
                out.display()
            );
            Ok(interrupt::exit_code())
        }
        other => other,
    }
}

fn run_until_done(config: AnalyzeConfig) -> Result<i32> {
    let clock = Clock::start();
    let (scorer, lexicon_warnings) = load_scorer(&config.lexicons, &config.lexicon_dir)?;
    if lexicon_warnings > 0 && !config.quiet {
        eprintln!("framescope: {lexicon_warnings} lexicon warning(s); `framescope lexicon check` lists them");
    }
    for l in &scorer.lexicons().lexicons {
        if let Some(use_only) = framescope::lexicon::license::restriction(&l.license) {
            eprintln!(
                "framescope: notice: lexicon `{}` is licensed for {use_only} only ({}); run.json records it",
                l.id, l.license
            );
        }
    }
    let mut run = OutputRun::open(&config.out).map_err(hints::open_error)?;
    let kept = &config.read.keep_cols;
    let fixed_columns = articles_header(scorer.lexicons(), &[]);
    if let Some(clash) = kept.iter().find(|k| fixed_columns.contains(k)) {
        let dates = match clash.as_str() {
            "date" => " (the publication date, read from a field of a usual name or --date-col)",
            _ => "",
        };
        bail!("--keep-col `{clash}`: articles.csv has a column of that name already{dates}");
    }
    // Ctrl-C is handled from before the first temporary file exists, so that an interruption
    // never leaves one behind.
    let stop = interrupt::stop_flag();
    let tables = RowTables::create(
        &config.out,
        scorer.lexicons(),
        config.format,
        config.style,
        config.evidence,
        kept,
    )
    .with_context(|| {
        format!(
            "cannot write in the output folder {0}; nothing was replaced: the previous outputs in {0} are unchanged",
            config.out.display()
        )
    })?;
    let unchanged = format!(
        "nothing was replaced: the previous outputs in {} are unchanged",
        config.out.display()
    );
    let cannot_write = |e: &dyn std::fmt::Display| {
        anyhow!(
            "cannot write the outputs in {}: {e}; {unchanged}",
            config.out.display()
        )
    };

    let (mut tally, counts) = match score_and_write(&config, &scorer, tables, &mut run, stop) {
        Ok(streamed) => streamed,
        Err(Stop::Interrupted { articles }) => {
            eprintln!("framescope: interrupted after {articles} article(s); {unchanged}");
            return Ok(interrupt::exit_code());
        }
        Err(Stop::Sink(e)) => return Err(cannot_write(&format_args!("{e:#}"))),
        Err(Stop::Failed(e)) => bail!("{e}; {unchanged}"),
    };
    if tally.articles == 0 {
        bail!(
            "no article could be read from {}; nothing was written (the previous outputs in {} are unchanged)",
            describe_inputs(&config.inputs),
            config.out.display()
        );
    }
    interrupt::check()?;

    // Syncing the tables waits for the disk: it overlaps the comparisons and charts, which
    // write into the run once the tables are finished.
    let mut comparisons = run.beside();
    let (finished, compared) = std::thread::scope(|scope| {
        let syncing = std::thread::Builder::new().spawn_scoped(scope, || run.finish());
        let compared = counts.map(|(gatherer, words, views)| {
            write_comparisons(
                &mut comparisons,
                &mut gatherer.finish(),
                words.as_ref(),
                &config.comparison,
                config.style,
                None,
                views,
            )
        });
        let finished = match syncing {
            Ok(syncing) => syncing
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(e) => Err(framescope::memory::thread_error(e)),
        };
        (finished, compared)
    });
    finished.map_err(|e| cannot_write(&e))?;
    // A comparison file that cannot be written (a full disk) is a failure to write like any
    // other: nothing is replaced, so the previous comparisons stay with their scores.
    let written = match compared.transpose() {
        Ok(written) => written,
        Err(e) if interrupt::is_interrupted(&e) => return Err(e),
        Err(e) => return Err(cannot_write(&format_args!("{e:#}"))),
    };
    run.absorb(comparisons);
    // Comparisons that cannot be made as asked (too many pairs, say: known only once every
    // article is scored) do not throw the scores away: they are written with their charts, and
    // `compare` can compare them with other options without scoring again.
    if let Some(e) = written.as_ref().and_then(|w| w.not_compared.as_ref()) {
        let message = format!(
            "not compared: {e:#}; the scores are written, and `framescope compare {}` with other options compares them without scoring again",
            config.out.display()
        );
        eprintln!("framescope: warning: {}", visible(&message));
        tally.warnings.push(WarningEntry {
            article_id: String::new(),
            origin: "comparisons".into(),
            message,
        });
    }
    let report = written.and_then(|w| w.report);
    if let Some(warning) = one_group_warning(&config, &tally) {
        eprintln!("framescope: warning: {warning}");
        tally.warnings.push(WarningEntry {
            article_id: String::new(),
            origin: "comparisons".into(),
            message: warning,
        });
    }
    run.finish().map_err(|e| cannot_write(&e))?;
    interrupt::check()?;

    let code = if tally.skipped.is_empty() && tally.warnings.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    };
    let seconds = clock.seconds();
    let manifest = build_manifest(&config, &scorer, &run, &mut tally, &clock, seconds, code)?;
    match run.commit_with_manifest(&manifest, interrupt::stop_flag()) {
        Ok(()) => {}
        Err(CommitError::Interrupted) => return Err(interrupt::Interrupted.into()),
        Err(CommitError::Io(e)) => return Err(cannot_write(&e)),
    }
    if interrupt::requested() {
        eprintln!(
            "framescope: the signal to stop came as the outputs were put in place; they are complete (run.json lists them)"
        );
    }
    if let Some(report) = &report {
        print!("{}", visible(&terminal_summary(report)));
    }
    if !config.quiet {
        print_closing(&config, &tally, &manifest, seconds);
    }
    Ok(code)
}

/// The warning of a run that was asked to compare groups (`--group-by`) and found fewer than
/// two.
fn one_group_warning(config: &AnalyzeConfig, tally: &Tally) -> Option<String> {
    let field = config.group_by.as_ref()?;
    if tally.groups.len() >= 2 || config.comparison.options.pairs == PairsMode::None {
        return None;
    }
    let what = match tally.groups.iter().next().map(String::as_str) {
        None | Some("") if field == "folder" => {
            "every article is directly in the folder given, none in a folder of its group".into()
        }
        None | Some("") => format!("no article has a `{field}`"),
        Some(group) => format!("every article is in the one group `{group}`"),
    };
    Some(format!(
        "--group-by {field}: {what}, so no groups were compared (articles were compared one by one, where there are few enough)"
    ))
}

/// Why scoring stopped before the end of the input.
enum Stop {
    Interrupted { articles: u64 },
    Sink(anyhow::Error),
    Failed(PipelineError<anyhow::Error>),
}

/// The counts comparisons are made from, the articles' content words when stories are to be
/// matched, and the articles report.html may show.
type Gathered = (Gatherer, Option<StoryWords>, Option<Vec<ArticleView>>);

/// Reads, scores and writes every article into `tables`, whose files then join `run`; returns
/// what was seen and, when comparisons are to be made, their counts (and the articles' content
/// words, when stories are to be matched).
fn score_and_write(
    config: &AnalyzeConfig,
    scorer: &Scorer,
    mut tables: RowTables,
    run: &mut OutputRun,
    stop: &AtomicBool,
) -> Result<(Tally, Option<Gathered>), Stop> {
    let set = scorer.lexicons();
    let mut read = config.read.clone();
    // The output folder (created by now) is never input, wherever it is.
    read.exclude.extend(config.out.canonicalize().ok());
    let corpus = Corpus::open(&config.inputs, read);
    let mut progress = Progress::new(config.quiet, corpus.total_bytes(), corpus.read_counter());
    let options = PipelineOptions {
        jobs: config.jobs,
        ..PipelineOptions::default()
    };
    let mut tally = Tally {
        excluded: corpus.excluded().to_vec(),
        ..Tally::default()
    };
    if !config.quiet {
        for folder in &tally.excluded {
            progress.println(&format!("framescope: not read as input: {folder}"));
        }
    }
    let mut counts = ComparisonCounts::new(config, set);
    let counting = AtomicBool::new(counts.gatherer.is_some());
    let checks = ArticleChecks::new(set);
    let renderer = tables.renderer();
    let bagger = counts
        .words
        .is_some()
        .then(|| WordBagger::for_languages(set.lexicons.iter().map(|l| l.language.as_str())));
    // On the scoring threads: the article's checks (their warnings go into its row), then its
    // rows and its counts for comparisons, so that the writer only appends bytes.
    let prepare_rows = |article: &mut Article, scores: &ArticleScores| {
        article
            .warnings
            .extend(checks.warnings(&article.text, scores));
        let gathered = counting.load(Ordering::Relaxed).then(|| {
            let gathered = compare::gather::article(set, article, scores, config.comparison.voice);
            match &bagger {
                Some(bagger) => gathered.with_story_words(bagger, article, scores),
                None => gathered,
            }
        });
        // A long article's rows are rendered by the writer as they are written, a megabyte at a
        // time: rendered whole here, they took a hundred times its text.
        let rows = (article.text.len() <= RENDER_WHOLE_UP_TO)
            .then(|| renderer.render(set, article, scores));
        (rows, gathered)
    };
    let result = pipeline::run_prepared(
        corpus,
        scorer,
        options,
        stop,
        prepare_rows,
        |scored| -> Result<()> {
            match scored {
                Prepared::Article(boxed) => {
                    let (article, scores, (rows, gathered)) = *boxed;
                    match &rows {
                        Some(rows) => tables.write_rows(rows),
                        None => tables.write(set, &article, &scores),
                    }
                    .with_context(|| format!("while writing the results of {}", article.origin))?;
                    tally.articles += 1;
                    counts.view(set, &article, &scores, config.evidence);
                    if tally.groups.len() < 2 {
                        tally.groups.insert(article.group.clone());
                    }
                    if counts.add(gathered, set, tally.articles, &mut progress) {
                        counting.store(false, Ordering::Relaxed);
                    }
                    tally.tokens += scores.tokens as u64;
                    tally.bytes += article.text.len() as u64;
                    for w in &article.warnings {
                        let message = hints::warning(w);
                        progress.println(&format!(
                            "framescope: warning: {}: {message}",
                            article.origin
                        ));
                        tally.warnings.push(WarningEntry {
                            article_id: article.id.clone(),
                            origin: article.origin.clone(),
                            message,
                        });
                    }
                    progress.advance(article.text.len() as u64);
                }
                Prepared::Skipped(s) => {
                    let reason = hints::skip_reason(&s.reason);
                    progress.println(&format!("framescope: skipped {}: {reason}", s.origin));
                    tally.skipped.push(SkippedEntry {
                        origin: s.origin,
                        reason,
                    });
                }
            }
            Ok(())
        },
    );
    progress.finish();
    match result {
        Ok(()) => {}
        Err(PipelineError::Sink(e)) => return Err(Stop::Sink(e)),
        Err(PipelineError::Interrupted) => {
            drop(tables); // removes the temporary files
            return Err(Stop::Interrupted {
                articles: tally.articles,
            });
        }
        Err(e) => return Err(Stop::Failed(e)),
    }
    run.add(tables.into_files().map_err(|e| Stop::Sink(e.into()))?);
    let (words, views) = (counts.words, counts.views.map(|(_, v)| v));
    Ok((tally, counts.gatherer.map(|g| (g, words, views))))
}

/// The counts comparisons are made from, gathered while articles are written, and the policy of
/// `--pairs auto`: past [`AUTO_COMPARE_LIMIT`] articles they are dropped, so that memory stays
/// flat by default (they hold about a kilobyte per article).
struct ComparisonCounts {
    gatherer: Option<Gatherer>,
    /// The articles' content words, when stories are to be matched.
    words: Option<StoryWords>,
    /// The articles report.html may show, kept as they stream.
    views: Option<(Candidates, Vec<ArticleView>)>,
    auto: bool,
}

impl ComparisonCounts {
    fn new(config: &AnalyzeConfig, set: &framescope::engine::compile::LexiconSet) -> Self {
        let matching = config.comparison.match_stories.is_some();
        let comparing = config.comparison.options.pairs != PairsMode::None
            || config.comparison.charts
            || matching;
        ComparisonCounts {
            gatherer: comparing.then(|| {
                Gatherer::new(compare::gather::schema(set), DETAIL_LIMIT, true)
                    .with_voice(config.comparison.voice)
            }),
            words: matching.then(StoryWords::default),
            views: (comparing && config.comparison.report)
                .then(|| (Candidates::default(), Vec::new())),
            auto: config.comparison.options.pairs == PairsMode::Auto,
        }
    }

    /// Keeps the article for report.html if it is a candidate.
    fn view(
        &mut self,
        set: &framescope::engine::compile::LexiconSet,
        article: &Article,
        scores: &ArticleScores,
        evidence: Evidence,
    ) {
        if let Some((candidates, views)) = &mut self.views {
            if candidates.offer(&article.group) {
                views.push(views::from_scores(set, article, scores, evidence));
            }
        }
    }

    /// Adds the counts of the `articles`-th article, if counting still goes on; true when
    /// counting stops here.
    fn add(
        &mut self,
        gathered: Option<compare::gather::GatheredArticle>,
        set: &framescope::engine::compile::LexiconSet,
        articles: u64,
        progress: &mut Progress,
    ) -> bool {
        if let (Some(gatherer), Some(gathered)) = (&mut self.gatherer, gathered) {
            let bag = gathered.add_to(gatherer, set);
            if let (Some(words), Some(bag)) = (&mut self.words, bag) {
                words.push(bag);
            }
        }
        if self.auto && self.gatherer.is_some() && articles > AUTO_COMPARE_LIMIT {
            self.gatherer = None;
            self.words = None;
            self.views = None;
            progress.println(&format!(
                "framescope: more than {AUTO_COMPARE_LIMIT} articles: no comparisons or charts \
                 unless asked for with --pairs groups or --group-by (they hold about 1 KB per article)"
            ));
            return true;
        }
        false
    }
}

/// When the run started, for its id, timestamp and duration.
struct Clock {
    started: Instant,
    unix_nanos: u128,
}

impl Clock {
    fn start() -> Clock {
        Clock {
            started: Instant::now(),
            unix_nanos: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0),
        }
    }

    fn seconds(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
}

/// The manifest of the run; the skipped inputs and warnings move from `tally` into it.
fn build_manifest(
    config: &AnalyzeConfig,
    scorer: &Scorer,
    run: &OutputRun,
    tally: &mut Tally,
    clock: &Clock,
    seconds: f64,
    exit_code: i32,
) -> Result<Manifest> {
    let (lexicons, rules) = manifest::lexicon_entries(scorer.lexicons());
    Ok(Manifest {
        tool: "framescope".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        run_id: format!("{:x}-{:x}", clock.unix_nanos, std::process::id()),
        started_at: manifest::rfc3339((clock.unix_nanos / 1_000_000_000) as u64),
        seconds: (seconds * 1000.0).round() / 1000.0,
        arguments: config.arguments.clone(),
        inputs: config.inputs.iter().map(input_name).collect(),
        group_by: config.group_by.clone(),
        settings: Some(Settings {
            kept_columns: config.read.keep_cols.clone(),
            format: config.format,
            ..Settings::new(config.evidence, config.style)
        }),
        lexicons,
        rules,
        articles: tally.articles,
        tokens: tally.tokens,
        skipped: std::mem::take(&mut tally.skipped),
        warnings: std::mem::take(&mut tally.warnings),
        outputs: run.output_entries()?,
        exit_code,
        excluded: std::mem::take(&mut tally.excluded),
        compared_from: None,
    })
}

/// The closing line: what was read, how fast, and where the results are.
fn print_closing(config: &AnalyzeConfig, tally: &Tally, manifest: &Manifest, seconds: f64) {
    let mb = tally.bytes as f64 / 1e6;
    eprintln!(
        "framescope: {} article(s), {} tokens, {:.1} MB in {:.2} s ({:.1} MB/s, {:.0} articles/s); {} skipped, {} warning(s); results in {}",
        tally.articles,
        tally.tokens,
        mb,
        seconds,
        mb / seconds.max(1e-9),
        tally.articles as f64 / seconds.max(1e-9),
        manifest.skipped.len(),
        manifest.warnings.len(),
        config.out.display()
    );
}

fn input_name(input: &Input) -> String {
    match input {
        Input::Stdin => "-".into(),
        Input::Path(p) => p.display().to_string(),
    }
}

fn describe_inputs(inputs: &[Input]) -> String {
    inputs.iter().map(input_name).collect::<Vec<_>>().join(", ")
}

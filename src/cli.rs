//! Command-line arguments (clap), turned into validated configurations for the commands. Nothing
//! beyond this module and `main.rs` knows about clap.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use framescope::chart::ChartFormat;
use framescope::compare::timeseries::Period;
use framescope::compare::{Adjustment, Options as CompareOptions, PairsMode};
use framescope::corpus::{reads_text_files, Format, Html, Input, ReadOptions, TextEncoding};
use framescope::output::{CsvStyle, Evidence};
use framescope::text::voice::Voice;
use framescope::validate::gold::GoldOptions;
use framescope::validate::{Comparison, Level, ScoreSpec};
use framescope::LexiconDir;

const EXIT_CODES: &str = "\
Exit codes:
    0  everything was read and scored
    1  finished, but some inputs were skipped or had warnings (see run.json)
    2  nothing usable: bad arguments, a bad lexicon, no readable input, outputs that could
       not be written, or an output folder in use (the previous outputs are then unchanged)
  130  interrupted with Ctrl-C; 143 with SIGTERM (the previous outputs are unchanged)";

const VALIDATE_HELP: &str = "\
Scores: tone, tone_pos, tone_neg, tone_logratio, or LEXICON.CATEGORY (its column of articles.csv:
the per_1k rate, or the probability of a lexicon written by `framescope learn`), optionally
followed by :per_1k, :score (sum of effective weights) or :hits. A gold column named after a
category of a learned lexicon given with --lexicon is compared with its probability.

Examples:
  framescope validate articles.csv --gold codes.csv --gold-col conflict=generic.conflict \\
      --gold-col moral=generic.morality
  framescope validate items.tsv --no-header --no-quoting --id-col 1 --text-col 3 \\
      --gold items.tsv --gold-no-header --gold-no-quoting --gold-col 2=tone
  framescope validate articles/ --level sentence --gold sentences.csv --gold-sentence n

Exit codes:
  0  every input and gold row was read
  1  finished, but some inputs or gold rows were skipped or had warnings
  2  nothing to compare: bad arguments, a bad lexicon or gold file, or no id matched";

const LEARN_HELP: &str = "\
The workflow: code 100-300 articles, learn on them, validate the learned lexicon on coded articles
that were not used here, then analyze the corpus with it:
  framescope learn coded.csv --gold coded.csv --gold-col conflict=generic.conflict \\
      --gold-col economic=generic.economic --id my_frames
  framescope validate held_out.csv --gold held_out.csv --lexicon lexicons/my_frames.toml
  framescope analyze corpus/ --lexicon lexicons/my_frames.toml

Exit codes:
  0  learned and written, with nothing to warn about
  1  written, with warnings (too few coded articles for a stable fit, skipped inputs)
  2  nothing written: bad arguments, a bad gold file or lexicon, or codes that are not 0/1";

#[derive(Parser, Debug)]
#[command(
    name = "framescope",
    version,
    about = "Measure the tone and framing of news articles, with an evidence trail for every number",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Score articles and write CSV files and run.json into the output folder
    #[command(after_help = EXIT_CODES)]
    Analyze(AnalyzeArgs),
    /// Show an article's sentences with every lexicon match highlighted, and its scores
    #[command(after_help = EXIT_CODES)]
    Explain(ExplainArgs),
    /// Compare the articles or groups of a finished output folder again: statistics and charts
    #[command(
        after_help = "Exit codes: 0 compared, 2 the folder cannot be read or the options do not fit it, 130 interrupted (143 on SIGTERM)"
    )]
    Compare(CompareArgs),
    /// List or check lexicons
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Compare scores with human codes: correlations, ROC AUC and precision/recall, into validation.csv
    #[command(after_help = VALIDATE_HELP)]
    Validate(ValidateArgs),
    /// Fit a lexicon to human codes: per gold column, weights for a category's terms and for
    /// words of the coded texts, cross-validated, written as a lexicon of probabilities
    #[command(after_help = LEARN_HELP)]
    Learn(LearnArgs),
}

#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// List the lexicons in use: categories, term counts, descriptions
    List(LexiconSelection),
    /// Validate lexicon files; print every problem as path:line:col (all available lexicons when no PATH)
    #[command(after_help = "Exit codes: 0 no problem, 1 warnings only, 2 errors")]
    Check {
        /// Lexicon files (or rules files in a `rules/` folder) to check; dictionaries from other
        /// tools list every entry that cannot be carried over
        paths: Vec<PathBuf>,
        /// Folder of lexicon files that override the embedded ones [default:
        /// ./lexicons, when there is one]
        #[arg(long, value_name = "DIR")]
        lexicon_dir: Option<PathBuf>,
        #[command(flatten)]
        foreign: ForeignArgs,
    },
    /// Convert a dictionary from another tool (LIWC .dic, WordStat .cat, Lexicoder .lc3, YAML,
    /// word lists) into a framescope lexicon file, listing what could not be carried over
    #[command(
        after_help = "Exit codes: 0 converted whole, 1 converted with entries left out \
                            (listed), 2 not converted"
    )]
    Import {
        /// The dictionary file
        path: PathBuf,
        /// Id of the new lexicon: lower-case letters, digits and `_` [default: from the file name]
        #[arg(long)]
        id: Option<String>,
        /// Where to write it [default: lexicons/ID.toml, where --lexicon ID finds it]
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The licence of the dictionary, recorded in the lexicon and in run.json
        #[arg(long, value_name = "LICENSE")]
        license: Option<String>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        foreign: ForeignArgs,
    },
    /// Write a lexicon in another tool's format (or as a table of terms)
    #[command(
        after_help = "Exit codes: 0 written whole, 1 written with what the format cannot \
                            hold left out (listed), 2 not written"
    )]
    Export {
        /// The lexicon, by id or path
        #[arg(value_name = "ID|PATH")]
        lexicon: String,
        /// The format to write
        #[arg(long, value_enum)]
        format: ExportFormatArg,
        /// The file to write [default: standard output]
        #[arg(long, short, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Folder of lexicon files that override the embedded ones [default:
        /// ./lexicons, when there is one]
        #[arg(long, value_name = "DIR")]
        lexicon_dir: Option<PathBuf>,
        #[command(flatten)]
        foreign: ForeignArgs,
    },
    /// Show what a lexicon or one of its categories counts: terms, weights, stop phrases and
    /// descriptions; with --matches, the words of texts each term matched
    Show {
        /// A lexicon by id (`tone`) or path, or one category of it (`tone.negative`)
        #[arg(value_name = "ID[.CATEGORY]|PATH")]
        lexicon: String,
        /// The category to show, for a lexicon given by path
        #[arg(long, value_name = "NAME")]
        category: Option<String>,
        /// Texts to match (folders, files, CSV/JSONL): lists the words each term matched there
        #[arg(long = "matches", value_name = "INPUT")]
        matches: Vec<String>,
        /// Folder of lexicon files that override the embedded ones [default:
        /// ./lexicons, when there is one]
        #[arg(long, value_name = "DIR")]
        lexicon_dir: Option<PathBuf>,
        #[command(flatten)]
        foreign: ForeignArgs,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum ExportFormatArg {
    Dic,
    Yaml,
    Tsv,
    Toml,
}

#[derive(Args, Debug, Clone)]
pub struct LexiconSelection {
    /// Lexicon to use, by id (tone, crisis, ...) or path to a file: framescope's .toml, or a
    /// dictionary from another tool (LIWC .dic, WordStat .cat, Lexicoder .lc3, YAML, VADER or
    /// AFINN word lists); repeat for several [default: every available lexicon]
    #[arg(long = "lexicon", short = 'l', value_name = "ID|PATH")]
    pub lexicons: Vec<String>,
    /// Folder of lexicon files that override the embedded ones of the same id [default:
    /// ./lexicons, when there is one]
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    #[command(flatten)]
    pub foreign: ForeignArgs,
}

impl LexiconSelection {
    pub fn dir(&self) -> Result<LexiconDir> {
        Ok(lexicon_dir(self.lexicon_dir.as_ref())?.reading(self.foreign.options()))
    }
}

/// The folder of lexicon files: the one `--lexicon-dir` names, which must exist, or else
/// `./lexicons` when there is one.
pub fn lexicon_dir(given: Option<&PathBuf>) -> Result<LexiconDir> {
    match given {
        Some(dir) if !dir.is_dir() => bail!(
            "--lexicon-dir {}: no such folder (without the flag, ./lexicons is used when there is one)",
            dir.display()
        ),
        Some(dir) => Ok(LexiconDir::at(dir.clone())),
        None => Ok(LexiconDir::working()),
    }
}

/// How dictionaries from other tools are read; see docs/dictionaries.md.
#[derive(Args, Debug, Clone, Default)]
#[command(next_help_heading = "Dictionaries from other tools")]
pub struct ForeignArgs {
    /// Format of the dictionary files given with --lexicon, instead of telling it from their
    /// names and first lines
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub lexicon_format: Option<LexiconFormatArg>,
    /// How dictionaries from other tools count: as the tool does (liwc, quanteda, vader, afinn)
    /// or framescope's way (its tokens, stems, negation) [default: the tool of the file's format]
    #[arg(long, value_enum, value_name = "WAY")]
    pub lexicon_match: Option<LexiconMatchArg>,
    /// Encoding of dictionary files that are not UTF-8 (latin1, windows-1252, iso-8859-2,
    /// shift_jis, euc-jp, ...) [default: UTF-8, or the legacy encoding that reads them best]
    #[arg(long, value_name = "ENCODING", value_parser = parse_encoding)]
    pub lexicon_encoding: Option<&'static framescope::lexicon::formats::Encoding>,
    /// Language of the words of dictionary files from other tools (en, de, fr, es, ...)
    #[arg(long, default_value = "en", value_name = "LANG")]
    pub lexicon_language: String,
    /// Word lists: the category of every word (one name), or of the words with a positive and
    /// a negative score (two) [default: positive,negative for scores, the file name otherwise]
    #[arg(long, value_name = "NAME[,NAME]", value_delimiter = ',')]
    pub list_categories: Vec<String>,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum LexiconFormatArg {
    Toml,
    Dic,
    Cat,
    Lc3,
    Yaml,
    Vader,
    Afinn,
    Words,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum LexiconMatchArg {
    Framescope,
    Liwc,
    Quanteda,
    Vader,
    Afinn,
}

impl ForeignArgs {
    pub fn options(&self) -> framescope::lexicon::formats::ForeignOptions {
        use framescope::lexicon::{formats::Format, Matching};
        framescope::lexicon::formats::ForeignOptions {
            format: self.lexicon_format.map(|f| match f {
                LexiconFormatArg::Toml => Format::Toml,
                LexiconFormatArg::Dic => Format::Dic,
                LexiconFormatArg::Cat => Format::Cat,
                LexiconFormatArg::Lc3 => Format::Lc3,
                LexiconFormatArg::Yaml => Format::Yaml,
                LexiconFormatArg::Vader => Format::Vader,
                LexiconFormatArg::Afinn => Format::Afinn,
                LexiconFormatArg::Words => Format::Words,
            }),
            matching: self.lexicon_match.map(|m| match m {
                LexiconMatchArg::Framescope => Matching::Framescope,
                LexiconMatchArg::Liwc => Matching::Liwc,
                LexiconMatchArg::Quanteda => Matching::Quanteda,
                LexiconMatchArg::Vader => Matching::Vader,
                LexiconMatchArg::Afinn => Matching::Afinn,
            }),
            encoding: self.lexicon_encoding,
            language: Some(self.lexicon_language.trim().to_ascii_lowercase()),
            categories: self
                .list_categories
                .iter()
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect(),
            ..Default::default()
        }
    }
}

fn parse_encoding(label: &str) -> Result<&'static framescope::lexicon::formats::Encoding, String> {
    framescope::lexicon::formats::encoding_for(label).ok_or_else(|| {
        format!("unknown encoding `{label}`; try utf-8, latin1, windows-1252, iso-8859-2, shift_jis or euc-jp")
    })
}

#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Input")]
pub struct InputArgs {
    /// Input format, instead of guessing from the extension (.txt/.md, .csv, .tsv, .jsonl,
    /// .parquet)
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// CSV/JSONL field (name, or number from 1) with the article id [default: id, article_id, doc_id, url, ...]
    #[arg(long, value_name = "NAME")]
    pub id_col: Option<String>,
    /// CSV/JSONL field (name, or number from 1) with the article text [default: text, body, content, ...]
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// CSV/JSONL field with the title [default: title, headline]
    #[arg(long, value_name = "NAME")]
    pub title_col: Option<String>,
    /// CSV/JSONL field with the group (outlet) [default: group, outlet, source, publisher, ...]
    #[arg(long, value_name = "NAME")]
    pub group_col: Option<String>,
    /// CSV/JSONL field with the story, to pair articles of different groups on the same story
    /// [default: story, story_id, event, topic_id]
    #[arg(long, value_name = "NAME")]
    pub story_col: Option<String>,
    /// CSV/JSONL field with the article's language (en, de, fr, ...): an article is scored with
    /// the lexicons of its language [default: language, lang]
    #[arg(long, value_name = "NAME")]
    pub language_col: Option<String>,
    /// CSV/JSONL field with the publication date, for charts and tables over time (text files
    /// take it from front matter) [default: date, published, published_at, pub_date, ...]
    #[arg(long, value_name = "NAME")]
    pub date_col: Option<String>,
    /// CSV/TSV inputs have no header row: name columns by number (--text-col 3)
    #[arg(long)]
    pub no_header: bool,
    /// A `"` in CSV/TSV inputs is an ordinary character, not a quote (plain TSV)
    #[arg(long)]
    pub no_quoting: bool,
    /// Refuse invalid UTF-8 instead of repairing it with replacement characters
    #[arg(long)]
    pub strict: bool,
    /// The encoding of inputs without a byte-order mark, when it is not UTF-8: windows-1252 (what
    /// spreadsheets in Western Europe export as CSV), ISO-8859-2, Shift_JIS, GBK, UTF-16LE,
    /// UTF-32LE, ...
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Skip articles larger than this many megabytes (at most 4095); also bounds one CSV record,
    /// JSON line or JSON array element
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_article_mb: usize,
    /// HTML left in the text: `auto` cleans articles that hold HTML tags, `strip` cleans every
    /// article, `keep` scores the text as it is
    #[arg(long, value_enum, default_value = "auto", value_name = "MODE")]
    pub html: HtmlArg,
    /// Threads that open and decode text files ahead of the thread that hands articles to the
    /// scoring threads, at most 16; 0: that thread reads each file itself. The outputs are the
    /// same [default: one per 8 cores, up to 4]
    #[arg(long, value_name = "N")]
    pub read_threads: Option<usize>,
}

/// Threads that read text files ahead, where `--read-threads` does not say: one per eight cores,
/// up to four. Below eight cores the thread that hands out articles keeps up with the scoring
/// threads (it does 7% of the work of a run on a folder of news articles), and on two cores
/// reading threads made no difference that could be measured. On sixteen, that thread alone
/// would hold the scoring threads back to about fourteen times one core.
fn read_threads_for_this_machine() -> usize {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    (cores / 8).min(4)
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum HtmlArg {
    Auto,
    Strip,
    Keep,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum FormatArg {
    Text,
    Csv,
    Tsv,
    Jsonl,
    Parquet,
}

impl InputArgs {
    fn read_options(&self, group_by: Option<&str>) -> Result<ReadOptions> {
        if !(1..=4095).contains(&self.max_article_mb) {
            bail!(
                "--max-article-mb must be between 1 and 4095 (offsets into an article are 32-bit)"
            );
        }
        let read_threads = match self.read_threads {
            Some(n @ 0..=16) => n,
            Some(_) => bail!("--read-threads must be at most 16"),
            None => read_threads_for_this_machine(),
        };
        Ok(ReadOptions {
            format: self.format.map(|f| match f {
                FormatArg::Text => Format::Text,
                FormatArg::Csv => Format::Csv,
                FormatArg::Tsv => Format::Tsv,
                FormatArg::Jsonl => Format::Jsonl,
                FormatArg::Parquet => Format::Parquet,
            }),
            id_col: self.id_col.clone(),
            text_col: self.text_col.clone(),
            title_col: self.title_col.clone(),
            group_col: self
                .group_col
                .clone()
                .or_else(|| group_by.filter(|g| *g != "folder").map(String::from)),
            story_col: self.story_col.clone(),
            language_col: self.language_col.clone(),
            date_col: self.date_col.clone(),
            keep_cols: Vec::new(),
            header: !self.no_header,
            quoting: !self.no_quoting,
            strict: self.strict,
            encoding: self
                .encoding
                .as_deref()
                .map(TextEncoding::by_name)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--encoding {e}"))?,
            max_article_bytes: self.max_article_mb.saturating_mul(1 << 20),
            html: match self.html {
                HtmlArg::Auto => Html::Auto,
                HtmlArg::Strip => Html::Strip,
                HtmlArg::Keep => Html::Keep,
            },
            exclude: Vec::new(),
            read_ahead_threads: read_threads,
        })
    }
}

#[derive(Args, Debug)]
pub struct AnalyzeArgs {
    /// Folders (.txt/.md files, recursively), files (.txt, .md, .csv, .tsv, .jsonl), or - for stdin
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Output folder (created if missing)
    #[arg(long, short, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// What groups articles for comparisons: a CSV/JSONL column, or `folder` for the parent folder
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    /// Scoring threads [default: all cores]
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// No progress bar and no closing line of counts and speed; the comparisons' summary is
    /// still printed (to stdout, which `> /dev/null` silences)
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub lexicons: LexiconSelection,
    #[command(flatten)]
    pub input: InputArgs,
    /// CSV/JSONL fields to carry into articles.csv as they are, after its other columns (by name,
    /// or number from 1); comma-separated or repeated
    #[arg(long = "keep-col", value_name = "NAME", value_delimiter = ',')]
    pub keep_cols: Vec<String>,
    /// Rows of matches.csv: `all`, `none`, or a number of matches per article
    #[arg(
        long,
        default_value = "all",
        value_name = "all|none|N",
        help_heading = "Outputs"
    )]
    pub evidence: String,
    /// CSV for spreadsheets: UTF-8 with a byte-order mark, and a text cell a spreadsheet would
    /// run as a formula (starting with =, +, -, @) starts with ' instead
    #[arg(long, help_heading = "Outputs")]
    pub excel: bool,
    /// Field delimiter of the CSV outputs (e.g. ';' for spreadsheets in comma-decimal locales)
    /// [default: `,`, or `;` with --decimal-comma]
    #[arg(long, value_name = "CHAR", help_heading = "Outputs")]
    pub delimiter: Option<String>,
    /// Numbers with a decimal comma (0,5), as spreadsheets in comma-decimal locales read them
    #[arg(long, help_heading = "Outputs")]
    pub decimal_comma: bool,
    /// Format of the tables of rows (articles, frames, sentences, matches, sources): `parquet`
    /// writes typed, compressed .parquet files; the comparison files stay CSV
    #[arg(
        long,
        value_enum,
        default_value = "csv",
        value_name = "FORMAT",
        help_heading = "Outputs"
    )]
    pub output_format: OutputFormatArg,
    #[command(flatten)]
    pub comparison: ComparisonArgs,
}

/// What to compare and how; shared by `analyze` and `compare`.
#[derive(Args, Debug, Clone)]
#[command(next_help_heading = "Comparisons and charts")]
pub struct ComparisonArgs {
    /// What to compare: `auto` compares groups (outlets: folders, or a group column or
    /// --group-by) when articles have them, pooled and over the stories both reported (a
    /// paired design), then the same-story article pairs; without groups, every pair of
    /// articles (up to --max-units). `articles` compares articles even when there are groups
    #[arg(long, value_enum, default_value = "auto")]
    pub pairs: PairsArg,
    /// The categories of your hypothesis (`crisis.hope`, `hope` when one lexicon has it, or
    /// `tone`), tested as one primary family before the exploratory rest; repeat or separate
    /// with commas
    #[arg(long, value_name = "CATEGORY", value_delimiter = ',', num_args = 1..)]
    pub focus: Vec<String>,
    /// Significance level; intervals are at 1 − alpha
    #[arg(long, default_value_t = 0.05, value_name = "LEVEL")]
    pub alpha: f64,
    /// How p-values are adjusted within each family (each lexicon, the tone, the focus):
    /// `bh` (Benjamini–Hochberg false discovery rate), `holm` (family-wise error rate) or `none`
    #[arg(long, value_enum, default_value = "bh", value_name = "METHOD")]
    pub adjust: AdjustArg,
    /// Compare each article (or group) with this one instead of every pair
    #[arg(long, value_name = "ID")]
    pub baseline: Option<String>,
    /// Compare every pair only up to this many articles or groups (10 make 45 pairs), and at most
    /// this many same-story article pairs one by one; past it,
    /// `auto` says what it did instead, and `articles` or `groups` warn with the scores written
    /// (`framescope compare DIR` then compares them with other options)
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub max_units: usize,
    /// Bootstrap replicates for confidence intervals (0: no intervals)
    #[arg(long, default_value_t = 2000, value_name = "N")]
    pub bootstrap: u32,
    /// Seed of the bootstrap: the same seed gives the same intervals
    #[arg(long, default_value_t = CompareOptions::default().seed, value_name = "N")]
    pub seed: u64,
    /// Write no chart (and remove charts of an earlier run)
    #[arg(long)]
    pub no_charts: bool,
    /// File format of the charts [default: png; for `compare`, the format of the folder's charts]
    #[arg(long, value_enum)]
    pub chart_format: Option<ChartFormatArg>,
    /// Write no report.html
    #[arg(long)]
    pub no_report: bool,
    /// How dated articles are grouped over time (over_time chart, timeseries.csv): `auto` takes
    /// weeks when the dates span at most 5 weeks, or at most 120 days with two articles a week
    /// per group on average; months otherwise
    #[arg(long, value_enum, default_value = "auto", value_name = "PERIOD")]
    pub period: PeriodArg,
    /// Whose words the comparisons count: `author` (the author's own, outside quotations and
    /// reported speech), `quoted` (inside quotation marks), `attributed` (reported speech) or
    /// `all`; the tables keep every word either way
    #[arg(long, value_enum, default_value = "all", value_name = "VOICE")]
    pub voice: VoiceArg,
    /// Find the articles of different groups that report the same story from their words, for
    /// inputs whose story column or file names do not say it; the pairs go into stories.csv
    #[arg(long)]
    pub match_stories: bool,
    /// Similarity (cosine of tf-idf weighted words, 0 to 1) from which --match-stories pairs two
    /// articles
    #[arg(long, value_name = "X", requires = "match_stories", default_value_t = STORY_THRESHOLD)]
    pub story_threshold: f64,
}

const STORY_THRESHOLD: f64 = framescope::compare::stories::DEFAULT_THRESHOLD;

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairsArg {
    Auto,
    Articles,
    Groups,
    None,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceArg {
    All,
    Author,
    Quoted,
    Attributed,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustArg {
    Bh,
    Holm,
    None,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodArg {
    Auto,
    Week,
    Month,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormatArg {
    Png,
    Svg,
}

/// Comparisons and charts, validated.
#[derive(Debug, Clone)]
pub struct ComparisonConfig {
    pub options: CompareOptions,
    /// Whether charts are drawn.
    pub charts: bool,
    /// The chart format asked for (`None`: PNG, or for `compare` the folder's format).
    pub chart_format: Option<ChartFormat>,
    /// How dates are grouped into periods.
    pub period: Period,
    /// Whether report.html is written.
    pub report: bool,
    /// Match stories from the texts, pairing articles from this similarity on.
    pub match_stories: Option<f64>,
    /// Count only the words of this voice (`None`: all).
    pub voice: Option<Voice>,
}

impl ComparisonArgs {
    fn into_config(self) -> Result<ComparisonConfig> {
        if !(self.alpha > 0.0 && self.alpha < 0.5) {
            bail!("--alpha must lie between 0 and 0.5, not {}", self.alpha);
        }
        if self.max_units < 2 {
            bail!("--max-units must be at least 2");
        }
        if self.bootstrap > 100_000 {
            bail!("--bootstrap takes at most 100000 replicates");
        }
        if !(self.story_threshold > 0.0 && self.story_threshold <= 1.0) {
            bail!("--story-threshold takes a similarity above 0 and at most 1");
        }
        Ok(ComparisonConfig {
            options: CompareOptions {
                pairs: match self.pairs {
                    PairsArg::Auto => PairsMode::Auto,
                    PairsArg::Articles => PairsMode::Articles,
                    PairsArg::Groups => PairsMode::Groups,
                    PairsArg::None => PairsMode::None,
                },
                baseline: self.baseline,
                max_units: self.max_units,
                bootstrap: self.bootstrap,
                seed: self.seed,
                alpha: self.alpha,
                adjust: match self.adjust {
                    AdjustArg::Bh => Adjustment::BenjaminiHochberg,
                    AdjustArg::Holm => Adjustment::Holm,
                    AdjustArg::None => Adjustment::None,
                },
                focus: self.focus.into_iter().filter(|f| !f.is_empty()).collect(),
                ..CompareOptions::default()
            },
            charts: !self.no_charts,
            chart_format: self.chart_format.map(|f| match f {
                ChartFormatArg::Png => ChartFormat::Png,
                ChartFormatArg::Svg => ChartFormat::Svg,
            }),
            period: match self.period {
                PeriodArg::Auto => Period::Auto,
                PeriodArg::Week => Period::Week,
                PeriodArg::Month => Period::Month,
            },
            report: !self.no_report,
            match_stories: self.match_stories.then_some(self.story_threshold),
            voice: match self.voice {
                VoiceArg::All => None,
                VoiceArg::Author => Some(Voice::Author),
                VoiceArg::Quoted => Some(Voice::Quoted),
                VoiceArg::Attributed => Some(Voice::Attributed),
            },
        })
    }
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// An output folder of `framescope analyze`
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Where to write the comparison files and charts [default: DIR]
    #[arg(long, short, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Compare the groups of the folder (as `--pairs groups`)
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    #[command(flatten)]
    pub comparison: ComparisonArgs,
    /// CSV for spreadsheets: UTF-8 with a byte-order mark, and no text cell a spreadsheet would
    /// run as a formula [default: as the folder's CSV files]
    #[arg(long)]
    pub excel: bool,
    /// Field delimiter of the CSV outputs [default: as the folder's CSV files]
    #[arg(long, value_name = "CHAR")]
    pub delimiter: Option<String>,
    /// Numbers with a decimal comma [default: as the folder's CSV files]
    #[arg(long)]
    pub decimal_comma: bool,
    /// No closing line; the comparisons' summary is still printed (to stdout)
    #[arg(long, short)]
    pub quiet: bool,
}

/// Everything `compare` needs, validated.
pub struct CompareConfig {
    pub dir: PathBuf,
    pub out: PathBuf,
    pub comparison: ComparisonConfig,
    /// Whether --group-by was given (groups as the folder records them).
    pub group_by: Option<String>,
    pub bom: bool,
    pub delimiter: Option<u8>,
    pub decimal_comma: bool,
    pub quiet: bool,
}

impl CompareArgs {
    pub fn into_config(mut self) -> Result<CompareConfig> {
        if self.group_by.is_some() && self.comparison.pairs == PairsArg::Auto {
            self.comparison.pairs = PairsArg::Groups;
        }
        Ok(CompareConfig {
            out: self.out.unwrap_or_else(|| self.dir.clone()),
            dir: self.dir,
            comparison: self.comparison.into_config()?,
            group_by: self.group_by,
            bom: self.excel,
            delimiter: self.delimiter.as_deref().map(parse_delimiter).transpose()?,
            decimal_comma: self.decimal_comma,
            quiet: self.quiet,
        })
    }
}

/// The fields `--keep-col` names, each once, for inputs that have fields.
fn kept_columns(wanted: &[String], inputs: &[Input], read: &ReadOptions) -> Result<Vec<String>> {
    let mut kept: Vec<String> = Vec::new();
    for name in wanted.iter().map(|n| n.trim()) {
        if name.is_empty() {
            bail!("--keep-col takes column names separated by commas, not an empty name");
        }
        if kept.iter().any(|k| k.eq_ignore_ascii_case(name)) {
            bail!("--keep-col names `{name}` twice");
        }
        kept.push(name.to_string());
    }
    if kept.is_empty() {
        return Ok(kept);
    }
    if let Some(text) = inputs.iter().find(|i| reads_text_files(i, read)) {
        bail!(
            "--keep-col carries fields of CSV, TSV and JSONL inputs into articles.csv, but {}, which has no fields",
            text_input(text)
        );
    }
    Ok(kept)
}

/// An input read as text files, in words.
fn text_input(input: &Input) -> String {
    match input {
        Input::Stdin => "stdin is read as one text".to_string(),
        Input::Path(p) if p.is_dir() => format!("{} is a folder of text files", p.display()),
        Input::Path(p) => format!("{} is a text file", p.display()),
    }
}

/// A decimal comma needs another delimiter than the comma.
pub fn check_decimal_comma(delimiter: u8, decimal_comma: bool) -> Result<()> {
    if decimal_comma && delimiter == b',' {
        bail!(
            "--decimal-comma writes one half as 0,5, so the cells need a --delimiter other than the comma (';', as spreadsheets in comma-decimal locales expect)"
        );
    }
    Ok(())
}

fn parse_delimiter(d: &str) -> Result<u8> {
    match d.as_bytes() {
        [b] if b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b'"' && *b != b'\n' => Ok(*b),
        _ => {
            bail!("--delimiter takes one punctuation character such as , or ; or a tab, not `{d}`")
        }
    }
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A file, folder, CSV/JSONL file, or - for stdin
    #[arg(value_name = "INPUT")]
    pub input: String,
    /// The id of the article to explain [default: every article of INPUT]
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
    #[command(flatten)]
    pub lexicons: LexiconSelection,
    #[command(flatten)]
    pub input_args: InputArgs,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum OutputFormatArg {
    Csv,
    Parquet,
}

/// Everything `analyze` needs, validated.
#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    pub inputs: Vec<Input>,
    pub out: PathBuf,
    pub lexicons: Vec<String>,
    pub lexicon_dir: LexiconDir,
    pub read: ReadOptions,
    pub jobs: usize,
    pub evidence: Evidence,
    pub style: CsvStyle,
    /// The format of the tables of rows.
    pub format: framescope::output::TableFormat,
    pub quiet: bool,
    pub comparison: ComparisonConfig,
    /// What groups articles (`--group-by`), recorded in run.json.
    pub group_by: Option<String>,
    pub arguments: Vec<String>,
}

impl AnalyzeArgs {
    pub fn into_config(self) -> Result<AnalyzeConfig> {
        let evidence: Evidence =
            self.evidence
                .parse()
                .map_err(|e: framescope::output::tables::BadEvidence| {
                    anyhow::anyhow!(
                "--evidence takes `all`, `none` or a number of matches per article, not `{}`",
                e.0
            )
                })?;
        let delimiter = match (self.delimiter.as_deref(), self.decimal_comma) {
            (Some(d), _) => parse_delimiter(d)?,
            (None, true) => b';',
            (None, false) => b',',
        };
        check_decimal_comma(delimiter, self.decimal_comma)?;
        let jobs = jobs(self.jobs)?;
        let inputs: Vec<Input> = self.inputs.iter().map(|s| Input::parse(s)).collect();
        let mut read = self.input.read_options(self.group_by.as_deref())?;
        read.keep_cols = kept_columns(&self.keep_cols, &inputs, &read)?;
        if let Some(field) = self.group_by.as_deref().filter(|g| *g != "folder") {
            if let Some(text) = inputs.iter().find(|i| reads_text_files(i, &read)) {
                bail!(
                    "--group-by {field} names a field, but {}, which has no fields; --group-by folder groups text files by the folder that holds them",
                    text_input(text)
                );
            }
        }
        Ok(AnalyzeConfig {
            inputs,
            out: self.out,
            lexicon_dir: self.lexicons.dir()?,
            lexicons: self.lexicons.lexicons,
            read,
            jobs,
            evidence,
            style: CsvStyle {
                bom: self.excel,
                delimiter,
                inert_formulas: self.excel,
                decimal_comma: self.decimal_comma,
            },
            format: match self.output_format {
                OutputFormatArg::Csv => framescope::output::TableFormat::Csv,
                OutputFormatArg::Parquet => framescope::output::TableFormat::Parquet,
            },
            quiet: self.quiet,
            comparison: self.comparison.into_config()?,
            group_by: self.group_by,
            arguments: std::env::args().skip(1).collect(),
        })
    }
}

/// Everything `explain` needs, validated.
pub struct ExplainConfig {
    pub input: Input,
    pub article: Option<String>,
    pub lexicons: Vec<String>,
    pub lexicon_dir: LexiconDir,
    pub read: ReadOptions,
    pub color: bool,
}

impl ExplainArgs {
    pub fn into_config(self) -> Result<ExplainConfig> {
        use std::io::IsTerminal;
        let color = match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
            }
        };
        Ok(ExplainConfig {
            input: Input::parse(&self.input),
            article: self.article,
            lexicon_dir: self.lexicons.dir()?,
            lexicons: self.lexicons.lexicons,
            read: self.input_args.read_options(None)?,
            color,
        })
    }
}

#[derive(ValueEnum, Debug, Clone, Copy)]
pub enum LevelArg {
    Article,
    Sentence,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The articles to score: folders, files (.txt, .md, .csv, .tsv, .jsonl), or - for stdin
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// CSV or TSV file of human codes, one row per article (or per sentence with --level sentence)
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Gold column (name or number) with the ids [default: id, article_id, ...; column 1 without header]
    #[arg(long, value_name = "COL")]
    pub gold_id: Option<String>,
    /// Gold column to compare, optionally with its score: COL or COL=SCORE; repeat for several
    /// [default: every numeric gold column, against --score]
    #[arg(long = "gold-col", value_name = "COL[=SCORE]")]
    pub gold_cols: Vec<String>,
    /// Gold column with sentence numbers (from 1); without it, sentence-level ids read ARTICLE_ID:N
    #[arg(long, value_name = "COL")]
    pub gold_sentence: Option<String>,
    /// The gold file has no header row: name its columns by number
    #[arg(long)]
    pub gold_no_header: bool,
    /// A `"` in the gold file is an ordinary character, not a quote (plain TSV)
    #[arg(long)]
    pub gold_no_quoting: bool,
    /// The score compared with gold columns that do not name one [default: the category of the
    /// same name in a fitted lexicon given with --lexicon, else tone]
    #[arg(long, value_name = "SCORE")]
    pub score: Option<String>,
    /// Compare whole articles or single sentences
    #[arg(long, value_enum, default_value = "article")]
    pub level: LevelArg,
    /// For binary (0/1) gold columns: classify `score >= X` as positive [default: the threshold with the best F1]
    #[arg(long, value_name = "X")]
    pub threshold: Option<f64>,
    /// Folder for validation.csv (created if missing)
    #[arg(long, short, default_value = "output", value_name = "DIR")]
    pub out: PathBuf,
    /// Lexicon to use, by id or path; repeat for several [default: the lexicons the scores name]
    #[arg(long = "lexicon", short = 'l', value_name = "ID|PATH")]
    pub lexicons: Vec<String>,
    /// Folder of lexicon files that override the embedded ones of the same id [default:
    /// ./lexicons, when there is one]
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// Scoring threads [default: all cores]
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only the table: no summary of how ids matched
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Everything `validate` needs, validated.
pub struct ValidateConfig {
    pub inputs: Vec<Input>,
    pub gold: PathBuf,
    pub gold_options: GoldOptions,
    /// The gold columns and the scores they are compared with; empty: every numeric gold column
    /// against `default_score`.
    pub comparisons: Vec<Comparison>,
    pub default_score: ScoreSpec,
    /// Whether each comparison got `default_score` because it named no score while `--score` was
    /// not given: a fitted lexicon's category of the gold column's name may take its place.
    pub defaulted: Vec<bool>,
    /// Whether `--score` was given.
    pub score_given: bool,
    pub level: Level,
    pub threshold: Option<f64>,
    pub out: PathBuf,
    pub lexicons: Vec<String>,
    pub lexicon_dir: LexiconDir,
    pub read: ReadOptions,
    pub jobs: usize,
    pub quiet: bool,
}

impl ValidateArgs {
    pub fn into_config(self) -> Result<ValidateConfig> {
        if self.threshold.is_some_and(|t| !t.is_finite()) {
            bail!("--threshold must be a finite number");
        }
        let level = match self.level {
            LevelArg::Article => Level::Article,
            LevelArg::Sentence => Level::Sentence,
        };
        if self.gold_sentence.is_some() && level == Level::Article {
            bail!("--gold-sentence needs --level sentence");
        }
        let default_score = ScoreSpec::parse(self.score.as_deref().unwrap_or("tone"))?;
        let comparisons = self
            .gold_cols
            .iter()
            .map(|c| Comparison::parse(c, &default_score))
            .collect::<Result<Vec<_>, _>>()?;
        let defaulted = self.gold_cols.iter().map(|c| !c.contains('=')).collect();
        Ok(ValidateConfig {
            inputs: self.inputs.iter().map(|s| Input::parse(s)).collect(),
            gold_options: GoldOptions {
                header: !self.gold_no_header,
                quoting: !self.gold_no_quoting,
                id: self.gold_id,
                sentence: self.gold_sentence,
                columns: comparisons.iter().map(|c| c.gold_column.clone()).collect(),
            },
            gold: self.gold,
            comparisons,
            default_score,
            defaulted,
            score_given: self.score.is_some(),
            level,
            threshold: self.threshold,
            out: self.out,
            lexicon_dir: lexicon_dir(self.lexicon_dir.as_ref())?,
            lexicons: self.lexicons,
            read: self.input.read_options(None)?,
            jobs: jobs(self.jobs)?,
            quiet: self.quiet,
        })
    }
}

#[derive(Args, Debug)]
pub struct LearnArgs {
    /// The coded articles: folders, files (.txt, .md, .csv, .tsv, .jsonl), or - for stdin
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// CSV or TSV file of human codes (0 or 1), one row per article
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Gold column to learn, optionally with the category it starts from; repeat for several
    /// [default: every numeric gold column, learned from words alone]
    #[arg(long = "gold-col", value_name = "COL[=LEXICON.CATEGORY]")]
    pub gold_cols: Vec<String>,
    /// Gold column (name or number) with the ids [default: id, article_id, ...; column 1 without header]
    #[arg(long, value_name = "COL")]
    pub gold_id: Option<String>,
    /// The gold file has no header row: name its columns by number
    #[arg(long)]
    pub gold_no_header: bool,
    /// A `"` in the gold file is an ordinary character, not a quote (plain TSV)
    #[arg(long)]
    pub gold_no_quoting: bool,
    /// Id of the learned lexicon: lower-case letters, digits and `_`
    #[arg(long)]
    pub id: String,
    /// Where to write it [default: lexicons/ID.toml, where --lexicon ID finds it]
    #[arg(long, short, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Replace the file if it exists
    #[arg(long)]
    pub force: bool,
    /// The licence of the learned lexicon [default: that of the starting lexicons]
    #[arg(long, value_name = "LICENSE")]
    pub license: Option<String>,
    /// Folds of the cross-validation
    #[arg(long, default_value_t = 5, value_name = "K")]
    pub folds: usize,
    /// Times the cross-validation is done, with new folds each time (its figures vary less)
    #[arg(long, default_value_t = framescope::learn::train::DEFAULT_REPEATS, value_name = "N")]
    pub repeats: usize,
    /// Seed of the folds: the same seed, the same folds and the same lexicon
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub seed: u64,
    /// Ridge penalty on each term's weight per hit, pulling it towards the starting category's:
    /// a number (larger holds the weights closer to the dictionary), or `auto` to choose it by
    /// an inner cross-validation in each fit
    #[arg(long, default_value_t = framescope::learn::train::DEFAULT_L2.to_string(), value_name = "X|auto")]
    pub l2: String,
    /// Candidate words per fit: `all` the words of the coded texts, none (0), or the N with the
    /// largest keyness for each code
    #[arg(long, default_value = "all", value_name = "all|N")]
    pub candidates: String,
    /// Learned words kept per category: the N strongest, after which the fit is made again
    /// without the others, or `all` (a larger lexicon, usually ranking a little better)
    #[arg(long, default_value_t = framescope::learn::train::DEFAULT_KEEP.to_string(), value_name = "N|all")]
    pub keep: String,
    /// Offer phrases of two adjacent words (`~supreme ~court`) as candidates too: each weighs
    /// its words' weights plus what the codes add (slower, and on the development sets no better)
    #[arg(long)]
    pub phrases: bool,
    /// A word must be in at least this many coded articles to be learned
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_df: usize,
    /// A word enters a fit only when coded and uncoded articles hold it in shares this far
    /// apart, as Dunning's G² (3.84: differing at the 5% level; 0: every word)
    #[arg(long, default_value_t = framescope::learn::train::DEFAULT_MIN_KEYNESS, value_name = "G2")]
    pub min_keyness: f64,
    /// Folder of lexicon files that override the embedded ones of the same id [default:
    /// ./lexicons, when there is one]
    #[arg(long, value_name = "DIR")]
    pub lexicon_dir: Option<PathBuf>,
    /// Threads [default: all cores]
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Only the table of figures and the warnings
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

/// One gold column to learn and the category it starts from (`LEXICON.CATEGORY`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LearnColumn {
    pub gold_column: String,
    pub start: Option<(String, String)>,
}

/// Everything `learn` needs, validated.
pub struct LearnConfig {
    pub inputs: Vec<Input>,
    pub gold: PathBuf,
    pub gold_options: GoldOptions,
    /// Empty: every numeric gold column, without a starting category.
    pub columns: Vec<LearnColumn>,
    pub id: String,
    pub out: PathBuf,
    pub force: bool,
    pub license: Option<String>,
    pub options: framescope::learn::Options,
    pub lexicon_dir: LexiconDir,
    pub read: ReadOptions,
    pub jobs: usize,
    pub quiet: bool,
}

impl LearnArgs {
    pub fn into_config(self) -> Result<LearnConfig> {
        use framescope::learn::train::{Settings, L2};
        if !framescope::lexicon::is_identifier(&self.id) {
            bail!(
                "--id `{}` must be lower-case letters, digits and `_` (it names the lexicon's columns)",
                self.id
            );
        }
        let out = self
            .out
            .unwrap_or_else(|| PathBuf::from("lexicons").join(format!("{}.toml", self.id)));
        if out.file_stem().and_then(|s| s.to_str()) != Some(self.id.as_str())
            || out.extension().is_none_or(|e| e != "toml")
        {
            bail!(
                "--out {}: a lexicon file is named after its id, so it must be {}.toml",
                out.display(),
                self.id
            );
        }
        if !(2..=20).contains(&self.folds) {
            bail!("--folds takes 2 to 20 folds, not {}", self.folds);
        }
        if !(1..=20).contains(&self.repeats) {
            bail!("--repeats takes 1 to 20, not {}", self.repeats);
        }
        let l2 = match self.l2.trim() {
            "auto" => L2::Auto,
            x => match x.parse::<f64>() {
                Ok(v) if v.is_finite() && v > 0.0 => L2::Fixed(v),
                _ => bail!("--l2 takes `auto` or a number above 0, not `{x}`"),
            },
        };
        if self.min_df == 0 {
            bail!("--min-df must be at least 1");
        }
        let count = |flag: &str, text: &str| -> Result<usize> {
            match text.trim() {
                "all" => Ok(usize::MAX),
                n => n
                    .parse()
                    .map_err(|_| anyhow::anyhow!("{flag} takes `all` or a number, not `{n}`")),
            }
        };
        let candidates = count("--candidates", &self.candidates)?;
        let keep = count("--keep", &self.keep)?;
        if !(self.min_keyness.is_finite() && self.min_keyness >= 0.0) {
            bail!(
                "--min-keyness takes a G² of 0 or more (3.84: the 5% level), not `{}`",
                self.min_keyness
            );
        }
        let mut columns: Vec<LearnColumn> = Vec::new();
        for arg in &self.gold_cols {
            let (column, start) = match arg.split_once('=') {
                Some((c, s)) => (c.trim(), Some(s.trim())),
                None => (arg.trim(), None),
            };
            if column.is_empty() {
                bail!("--gold-col `{arg}` names no gold column");
            }
            let start = match start {
                None => None,
                Some(s) => match s.split_once('.') {
                    Some((l, c)) if !l.is_empty() && !c.is_empty() => {
                        Some((l.to_string(), c.to_string()))
                    }
                    _ => bail!(
                        "--gold-col `{arg}`: the category to start from is written LEXICON.CATEGORY, such as generic.conflict"
                    ),
                },
            };
            if columns.iter().any(|c| c.gold_column == column) {
                bail!("--gold-col names `{column}` twice");
            }
            columns.push(LearnColumn {
                gold_column: column.to_string(),
                start,
            });
        }
        Ok(LearnConfig {
            inputs: self.inputs.iter().map(|s| Input::parse(s)).collect(),
            gold_options: GoldOptions {
                header: !self.gold_no_header,
                quoting: !self.gold_no_quoting,
                id: self.gold_id,
                sentence: None,
                columns: columns.iter().map(|c| c.gold_column.clone()).collect(),
            },
            gold: self.gold,
            columns,
            id: self.id,
            out,
            force: self.force,
            license: self.license,
            options: framescope::learn::Options {
                settings: Settings {
                    l2,
                    folds: self.folds,
                    seed: self.seed,
                    candidates,
                    min_keyness: self.min_keyness,
                    keep,
                    repeats: self.repeats,
                },
                vocabulary: framescope::learn::candidates::VocabularyRules {
                    min_documents: self.min_df,
                    phrases: self.phrases,
                    ..Default::default()
                },
            },
            lexicon_dir: lexicon_dir(self.lexicon_dir.as_ref())?,
            read: self.input.read_options(None)?,
            jobs: jobs(self.jobs)?,
            quiet: self.quiet,
        })
    }
}

/// Scoring threads: all cores by default, and at most [`JOBS_PER_CORE`] per core, since more
/// only cost memory and the time to start them.
fn jobs(requested: Option<usize>) -> Result<usize> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let most = cores * JOBS_PER_CORE;
    Ok(match requested {
        Some(0) => bail!("--jobs must be at least 1"),
        Some(n) if n > most => {
            eprintln!(
                "framescope: --jobs {n} is more than {JOBS_PER_CORE} per core; using {most} ({cores} cores)"
            );
            most
        }
        Some(n) => n,
        None => cores,
    })
}

/// The most scoring threads per core `--jobs` gives.
const JOBS_PER_CORE: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The flags listed under each heading of a command's help.
    fn sections(command: &str) -> Vec<(String, Vec<String>)> {
        let mut cli = Cli::command();
        let help = cli
            .find_subcommand_mut(command)
            .expect("a subcommand")
            .render_help()
            .to_string();
        let mut sections: Vec<(String, Vec<String>)> = Vec::new();
        for line in help.lines() {
            if let Some(heading) = line.strip_suffix(':').filter(|l| !l.starts_with(' ')) {
                sections.push((heading.to_string(), Vec::new()));
            } else if line.starts_with("  ") && line.trim_start().starts_with('-') {
                let flag = line.split_whitespace().find(|w| w.starts_with("--"));
                if let (Some(flag), Some((_, flags))) = (flag, sections.last_mut()) {
                    flags.push(flag.trim_end_matches(',').to_string());
                }
            }
        }
        sections
    }

    fn heading_of(sections: &[(String, Vec<String>)], flag: &str) -> String {
        sections
            .iter()
            .find(|(_, flags)| flags.iter().any(|f| f == flag))
            .map(|(h, _)| h.clone())
            .unwrap_or_else(|| panic!("{flag} is not in the help"))
    }

    #[test]
    fn each_flag_is_listed_under_its_own_heading() {
        for command in ["analyze", "explain", "validate", "learn"] {
            let sections = sections(command);
            let names: Vec<&str> = sections.iter().map(|(h, _)| h.as_str()).collect();
            assert_eq!(
                names.iter().filter(|h| **h == "Options").count(),
                1,
                "{command}: {names:?}"
            );
            assert_eq!(heading_of(&sections, "--text-col"), "Input", "{command}");
            assert_eq!(
                heading_of(&sections, "--lexicon-dir"),
                "Options",
                "{command}"
            );
            if let Some((_, foreign)) = sections
                .iter()
                .find(|(h, _)| h == "Dictionaries from other tools")
            {
                assert!(
                    foreign
                        .iter()
                        .all(|f| f.starts_with("--lexicon-") || f == "--list-categories"),
                    "{command}: {foreign:?}"
                );
            }
        }
        let analyze = sections("analyze");
        for flag in ["--jobs", "--quiet", "--group-by"] {
            assert_eq!(heading_of(&analyze, flag), "Options", "{flag}");
        }
        for flag in ["--evidence", "--excel", "--output-format"] {
            assert_eq!(heading_of(&analyze, flag), "Outputs", "{flag}");
        }
        assert_eq!(heading_of(&analyze, "--pairs"), "Comparisons and charts");
        assert_eq!(heading_of(&sections("validate"), "--jobs"), "Options");
    }
}

//! Command-line arguments (clap), turned into validated configurations for the commands. Nothing
//! beyond this module and `main.rs` knows about clap.

use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};

use framescope::corpus::{Format, Html, Input, ReadOptions};
use framescope::report::{CsvStyle, Evidence};
use framescope::LexiconDir;

const EXIT_CODES: &str = "\
Exit codes:
    0  everything was read and scored
    1  finished, but some inputs were skipped or had warnings (see run.json)
    2  nothing usable: bad arguments, a bad lexicon, no readable input, or outputs that
       could not be written (the previous outputs are then unchanged)
  130  interrupted with Ctrl-C (the previous outputs are unchanged)";

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
    /// List or check lexicons
    #[command(subcommand)]
    Lexicon(LexiconCommand),
}

#[derive(Subcommand, Debug)]
pub enum LexiconCommand {
    /// List the lexicons in use: categories, term counts, descriptions
    List(LexiconSelection),
    /// Validate lexicon files; print every problem as path:line:col (all available lexicons when no PATH)
    #[command(after_help = "Exit codes: 0 no problem, 1 warnings only, 2 errors")]
    Check {
        /// Lexicon files (or rules files in a `rules/` folder) to check
        paths: Vec<PathBuf>,
        /// Folder of lexicon files that override the embedded ones
        #[arg(long, default_value = "lexicons", value_name = "DIR")]
        lexicon_dir: PathBuf,
    },
}

#[derive(Args, Debug, Clone)]
pub struct LexiconSelection {
    /// Lexicon to use, by id (tone, crisis, ...) or path to a .toml file; repeat for several
    /// [default: every available lexicon]
    #[arg(long = "lexicon", short = 'l', value_name = "ID|PATH")]
    pub lexicons: Vec<String>,
    /// Folder of lexicon files that override the embedded ones of the same id
    #[arg(long, default_value = "lexicons", value_name = "DIR")]
    pub lexicon_dir: PathBuf,
}

impl LexiconSelection {
    pub fn dir(&self) -> LexiconDir {
        LexiconDir::at(self.lexicon_dir.clone())
    }
}

#[derive(Args, Debug, Clone)]
pub struct InputArgs {
    /// Input format, instead of guessing from the extension (.txt/.md, .csv, .tsv, .jsonl)
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    /// CSV/JSONL field with the article id [default: id, article_id, doc_id, url, ...]
    #[arg(long, value_name = "NAME")]
    pub id_col: Option<String>,
    /// CSV/JSONL field with the article text [default: text, body, content, article, ...]
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// CSV/JSONL field with the title [default: title, headline]
    #[arg(long, value_name = "NAME")]
    pub title_col: Option<String>,
    /// CSV/JSONL field with the group (outlet) [default: group, outlet, source, publisher, ...]
    #[arg(long, value_name = "NAME")]
    pub group_col: Option<String>,
    /// Refuse invalid UTF-8 instead of repairing it with replacement characters
    #[arg(long)]
    pub strict: bool,
    /// Skip articles larger than this many megabytes (at most 4095); also bounds one CSV record,
    /// JSON line or JSON array element
    #[arg(long, default_value_t = 64, value_name = "MB")]
    pub max_article_mb: usize,
    /// HTML left in the text: `auto` cleans articles that hold HTML tags, `strip` cleans every
    /// article, `keep` scores the text as it is
    #[arg(long, value_enum, default_value = "auto", value_name = "MODE")]
    pub html: HtmlArg,
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
}

impl InputArgs {
    fn read_options(&self, group_by: Option<&str>) -> Result<ReadOptions> {
        if !(1..=4095).contains(&self.max_article_mb) {
            bail!(
                "--max-article-mb must be between 1 and 4095 (offsets into an article are 32-bit)"
            );
        }
        Ok(ReadOptions {
            format: self.format.map(|f| match f {
                FormatArg::Text => Format::Text,
                FormatArg::Csv => Format::Csv,
                FormatArg::Tsv => Format::Tsv,
                FormatArg::Jsonl => Format::Jsonl,
            }),
            id_col: self.id_col.clone(),
            text_col: self.text_col.clone(),
            title_col: self.title_col.clone(),
            group_col: self
                .group_col
                .clone()
                .or_else(|| group_by.filter(|g| *g != "folder").map(String::from)),
            strict: self.strict,
            max_article_bytes: self.max_article_mb.saturating_mul(1 << 20),
            html: match self.html {
                HtmlArg::Auto => Html::Auto,
                HtmlArg::Strip => Html::Strip,
                HtmlArg::Keep => Html::Keep,
            },
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
    #[command(flatten)]
    pub lexicons: LexiconSelection,
    /// What groups articles for comparisons: a CSV/JSONL column, or `folder` for the parent folder
    #[arg(long, value_name = "FIELD")]
    pub group_by: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
    /// Scoring threads [default: all cores]
    #[arg(long, short, value_name = "N")]
    pub jobs: Option<usize>,
    /// Rows of matches.csv: `all`, `none`, or a number of matches per article
    #[arg(long, default_value = "all", value_name = "all|none|N")]
    pub evidence: String,
    /// CSV for spreadsheets: UTF-8 with a byte-order mark
    #[arg(long)]
    pub excel: bool,
    /// Field delimiter of the CSV outputs (e.g. ';' for spreadsheets in comma-decimal locales)
    #[arg(long, default_value = ",", value_name = "CHAR")]
    pub delimiter: String,
    /// No progress bar and no summary line
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// A file, folder, CSV/JSONL file, or - for stdin
    #[arg(value_name = "INPUT")]
    pub input: String,
    /// The id of the article to explain [default: every article of INPUT]
    #[arg(long, value_name = "ID")]
    pub article: Option<String>,
    #[command(flatten)]
    pub lexicons: LexiconSelection,
    #[command(flatten)]
    pub input_args: InputArgs,
    /// When to colour the output (auto: on a terminal, unless NO_COLOR is set)
    #[arg(long, value_enum, default_value = "auto")]
    pub color: ColorChoice,
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Everything `analyze` needs, validated.
#[derive(Debug, Clone)]
pub struct AnalyzeConfig {
    pub inputs: Vec<Input>,
    pub out: PathBuf,
    pub lexicons: Vec<String>,
    pub lexicon_dir: LexiconDir,
    pub group_by: Option<String>,
    pub read: ReadOptions,
    pub jobs: usize,
    pub evidence: Evidence,
    pub style: CsvStyle,
    pub quiet: bool,
    pub arguments: Vec<String>,
}

impl AnalyzeArgs {
    pub fn into_config(self) -> Result<AnalyzeConfig> {
        let evidence = match self.evidence.as_str() {
            "all" => Evidence::All,
            "none" => Evidence::None,
            n => match n.parse::<usize>() {
                Ok(n) => Evidence::PerArticle(n),
                Err(_) => bail!(
                    "--evidence takes `all`, `none` or a number of matches per article, not `{n}`"
                ),
            },
        };
        let delimiter = match self.delimiter.as_bytes() {
            [b] if b.is_ascii() && !b.is_ascii_alphanumeric() && *b != b'"' && *b != b'\n' => *b,
            _ => bail!(
                "--delimiter takes one punctuation character such as , or ; or a tab, not `{}`",
                self.delimiter
            ),
        };
        let jobs = match self.jobs {
            Some(0) => bail!("--jobs must be at least 1"),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        Ok(AnalyzeConfig {
            inputs: self.inputs.iter().map(|s| Input::parse(s)).collect(),
            out: self.out,
            lexicon_dir: self.lexicons.dir(),
            lexicons: self.lexicons.lexicons,
            read: self.input.read_options(self.group_by.as_deref())?,
            group_by: self.group_by,
            jobs,
            evidence,
            style: CsvStyle {
                bom: self.excel,
                delimiter,
            },
            quiet: self.quiet,
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
            lexicon_dir: self.lexicons.dir(),
            lexicons: self.lexicons.lexicons,
            read: self.input_args.read_options(None)?,
            color,
        })
    }
}

//! Writes a deterministic news-like corpus for benchmarks in three layouts: a folder of text files
//! (one subfolder per outlet), a CSV file and a JSONL file, all holding the same articles.
//!
//! ```sh
//! cargo run --release --example news_corpus -- --mb 18 --out benches/work/corpus-18
//! ```
//!
//! Options: `--mb N` (megabytes of article text, default 18), `--out DIR`, `--seed N` (default 1),
//! `--layouts folder,csv,jsonl` (default all three).

mod generate;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use generate::NewsGenerator;

/// Marks a folder layout as made by this program (a hidden file, so framescope skips it).
const MARKER: &str = ".news_corpus";

struct Options {
    megabytes: f64,
    out: PathBuf,
    seed: u64,
    layouts: Vec<String>,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        megabytes: 18.0,
        out: PathBuf::from("benches/work/corpus"),
        seed: 1,
        layouts: Vec::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--mb" => options.megabytes = value()?.parse().map_err(|e| format!("--mb: {e}"))?,
            "--out" => options.out = PathBuf::from(value()?),
            "--seed" => options.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--layouts" => options.layouts = value()?.split(',').map(str::to_string).collect(),
            other => {
                return Err(format!(
                "unknown option {other}; use --mb N --out DIR --seed N --layouts folder,csv,jsonl"
            ))
            }
        }
    }
    if options.layouts.is_empty() {
        options.layouts = ["folder", "csv", "jsonl"].map(String::from).to_vec();
    }
    if let Some(bad) = options
        .layouts
        .iter()
        .find(|l| !matches!(l.as_str(), "folder" | "csv" | "jsonl"))
    {
        return Err(format!("unknown layout {bad}; use folder, csv or jsonl"));
    }
    Ok(options)
}

#[derive(serde::Serialize)]
struct JsonRecord<'a> {
    id: &'a str,
    outlet: &'a str,
    title: &'a str,
    text: &'a str,
}

fn main() {
    let options = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("news_corpus: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = write_corpus(&options) {
        eprintln!("news_corpus: {}: {e}", options.out.display());
        std::process::exit(1);
    }
}

fn write_corpus(options: &Options) -> std::io::Result<()> {
    let wants = |layout: &str| options.layouts.iter().any(|l| l == layout);
    std::fs::create_dir_all(&options.out)?;
    let folder = options.out.join("folder");
    if wants("folder") {
        // A folder made by an earlier run is replaced, so that no stale article stays in it;
        // any other folder of that name is left alone.
        if folder.exists() {
            if !folder.join(MARKER).exists() {
                let message = format!(
                    "{} exists and was not made by news_corpus; remove it or choose another --out",
                    folder.display()
                );
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    message,
                ));
            }
            std::fs::remove_dir_all(&folder)?;
        }
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(MARKER), "made by examples/news_corpus\n")?;
        for outlet in generate::OUTLETS {
            std::fs::create_dir_all(folder.join(outlet))?;
        }
    }
    let mut csv = wants("csv")
        .then(|| create(&options.out.join("corpus.csv")))
        .transpose()?
        .map(csv::Writer::from_writer);
    if let Some(w) = &mut csv {
        w.write_record(["id", "outlet", "title", "text"])?;
    }
    let mut jsonl = wants("jsonl")
        .then(|| create(&options.out.join("corpus.jsonl")))
        .transpose()?;

    let generator = NewsGenerator::new(options.seed);
    let target = (options.megabytes * 1e6) as u64;
    let (mut bytes, mut articles) = (0u64, 0u64);
    while bytes < target {
        let article = generator.article(articles);
        if wants("folder") {
            std::fs::write(folder.join(format!("{}.txt", article.id)), &article.text)?;
        }
        if let Some(w) = &mut csv {
            w.write_record([
                article.id.as_str(),
                article.outlet,
                &article.title,
                &article.text,
            ])?;
        }
        if let Some(w) = &mut jsonl {
            let record = JsonRecord {
                id: &article.id,
                outlet: article.outlet,
                title: &article.title,
                text: &article.text,
            };
            serde_json::to_writer(&mut *w, &record)?;
            w.write_all(b"\n")?;
        }
        bytes += article.text.len() as u64;
        articles += 1;
    }
    if let Some(w) = csv {
        w.into_inner().map_err(|e| e.into_error())?.flush()?;
    }
    if let Some(mut w) = jsonl {
        w.flush()?;
    }
    println!(
        "{articles} articles, {bytes} bytes ({:.1} MB) of text in {}",
        bytes as f64 / 1e6,
        options.out.display()
    );
    Ok(())
}

fn create(path: &Path) -> std::io::Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(1 << 20, File::create(path)?))
}

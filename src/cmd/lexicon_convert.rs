//! `framescope lexicon import` and `framescope lexicon export`: dictionaries from other tools
//! converted into framescope's TOML, and lexicons written for other tools.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use framescope::lexicon::export::{export as write_lexicon, ExportFormat};
use framescope::lexicon::formats::{id_from_file, ForeignOptions};
use framescope::lexicon::{
    self, parse_lexicon, read_lexicon_path, Diagnostic, Origin, Severity, SourceFile,
};
use framescope::LexiconDir;

use super::{EXIT_OK, EXIT_PARTIAL};
use crate::cli::ExportFormatArg;

pub fn import(
    path: &Path,
    out: Option<PathBuf>,
    force: bool,
    mut options: ForeignOptions,
) -> Result<i32> {
    let id = options.id.clone().unwrap_or_else(|| id_from_file(path));
    options.id = Some(id.clone());
    let out = out.unwrap_or_else(|| PathBuf::from("lexicons").join(format!("{id}.toml")));
    if out.file_stem().and_then(|s| s.to_str()) != Some(id.as_str())
        || out.extension().is_none_or(|e| e != "toml")
    {
        bail!(
            "--out {}: a lexicon file is named after its id, so it must be {id}.toml",
            out.display()
        );
    }
    if out.exists() && !force {
        bail!(
            "{} exists; --force replaces it, or --out writes elsewhere",
            out.display()
        );
    }
    let parsed = read_lexicon_path(path, &options)?;
    print_diagnostics(&parsed.diagnostics);
    let Some(lexicon) = parsed.value else {
        bail!(
            "{} could not be converted (the errors above)",
            path.display()
        );
    };
    if lexicon.imported.is_none() {
        bail!(
            "{} is a framescope lexicon already; copy it to use it as it is",
            path.display()
        );
    }
    let text = write_lexicon(&lexicon, ExportFormat::Toml).text;
    // What is written must read back: a lexicon that `analyze` would refuse is not written.
    let check = parse_lexicon(
        &SourceFile {
            label: out.display().to_string(),
            text: text.clone(),
            origin: Origin::File(out.clone()),
        },
        Some(&id),
    );
    if check.errors().next().is_some() {
        print_diagnostics(&check.diagnostics);
        bail!("the converted lexicon does not read back; nothing was written");
    }
    if let Some(dir) = out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the folder {}", dir.display()))?;
    }
    std::fs::write(&out, text).with_context(|| format!("cannot write {}", out.display()))?;
    let left_out = parsed
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("not carried over"))
        .count();
    eprintln!(
        "framescope: wrote {}: {} categories, {} terms, matched as {} counts{}; use it with \
         --lexicon {id}",
        out.display(),
        lexicon.categories.len(),
        lexicon.term_count(),
        lexicon.matching,
        match left_out {
            0 => String::new(),
            n => format!("; {n} entr{} not carried over (listed above)", plural(n)),
        }
    );
    if lexicon.license.is_empty() {
        eprintln!(
            "framescope: the dictionary's licence is not known: add it with --license, or as \
             `license` in the file"
        );
    }
    Ok(if parsed.diagnostics.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        "y"
    } else {
        "ies"
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        println!("{d}");
    }
}

pub fn export(
    selection: &str,
    format: ExportFormatArg,
    out: Option<&Path>,
    dir: &LexiconDir,
) -> Result<i32> {
    let loaded = lexicon::load(&[selection.to_string()], dir)?;
    let Some(lexicon) = loaded.lexicons.first() else {
        bail!("no lexicon `{selection}`");
    };
    let format = match format {
        ExportFormatArg::Dic => ExportFormat::Dic,
        ExportFormatArg::Yaml => ExportFormat::Yaml,
        ExportFormatArg::Tsv => ExportFormat::Tsv,
        ExportFormatArg::Toml => ExportFormat::Toml,
    };
    let exported = write_lexicon(lexicon, format);
    match out {
        Some(path) => {
            std::fs::write(path, &exported.text)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        None => print!("{}", exported.text),
    }
    for o in &exported.omitted {
        eprintln!("framescope: not exported: {o}");
    }
    if loaded
        .warnings
        .iter()
        .any(|d| d.severity == Severity::Warning && d.message.contains("not carried over"))
    {
        eprintln!(
            "framescope: some entries of the source were not carried over; `framescope lexicon \
             check` lists them"
        );
    }
    Ok(if exported.omitted.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

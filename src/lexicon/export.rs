//! Writes a lexicon out: as framescope's TOML (what `lexicon import` saves, with the source file's
//! name and hash in its header), or for other tools as a LIWC `.dic`, a quanteda-style YAML file
//! or a table of terms (TSV). What a format cannot express is listed, never dropped silently.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::matching::pattern_text;
use super::model::{Element, Lexicon, Modifiers, Scoring, Term};

/// The formats a lexicon can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Toml,
    Dic,
    Yaml,
    Tsv,
}

/// A lexicon written out, and what the format could not hold.
#[derive(Debug)]
pub struct Exported {
    pub text: String,
    /// One message per thing left out or changed.
    pub omitted: Vec<String>,
}

pub fn export(lexicon: &Lexicon, format: ExportFormat) -> Exported {
    match format {
        ExportFormat::Toml => Exported {
            text: toml(lexicon),
            omitted: Vec::new(),
        },
        ExportFormat::Dic => dic(lexicon),
        ExportFormat::Yaml => yaml(lexicon),
        ExportFormat::Tsv => tsv(lexicon),
    }
}

/// A TOML basic string, quoted.
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A weight as TOML writes a float.
fn number(w: f64) -> String {
    if w.fract() == 0.0 && w.abs() < 1e15 {
        format!("{w:.1}")
    } else {
        format!("{w}")
    }
}

/// The lexicon as framescope's TOML file, which reads back to the same lexicon.
fn toml(l: &Lexicon) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}", l.description.replace('\n', " "));
    if let Some(imported) = &l.imported {
        let _ = writeln!(
            out,
            "# Converted by framescope from {} ({}); the source file's name and sha256 are in \
             [lexicon].",
            imported.file, imported.format
        );
    }
    out.push_str("format = 1\n\n[lexicon]\n");
    let _ = writeln!(out, "id = {}", quoted(&l.id));
    let _ = writeln!(out, "name = {}", quoted(&l.name));
    let _ = writeln!(out, "version = {}", quoted(&l.version));
    let _ = writeln!(out, "language = {}", quoted(&l.language));
    if l.license.is_empty() {
        out.push_str(
            "# license = \"\"  # the terms under which the source dictionary may be used\n",
        );
    } else {
        let _ = writeln!(out, "license = {}", quoted(&l.license));
    }
    let _ = writeln!(out, "description = {}", quoted(&l.description));
    let sources: Vec<String> = l.sources.iter().map(|s| quoted(s)).collect();
    let _ = writeln!(out, "sources = [{}]", sources.join(", "));
    let _ = writeln!(out, "tone = {}", l.tone);
    let _ = writeln!(out, "matching = {}", quoted(l.matching.name()));
    if l.scoring != Scoring::Rate {
        let _ = writeln!(out, "score = {}", quoted(l.scoring.name()));
    }
    if let Some(imported) = &l.imported {
        let _ = writeln!(out, "imported_from = {}", quoted(&imported.file));
        let _ = writeln!(out, "imported_sha256 = {}", quoted(&imported.sha256));
        let _ = writeln!(out, "imported_format = {}", quoted(&imported.format));
    }
    write_modifiers(l, &mut out);
    // A term in several categories is the source's design, not a slip: say so on its line, as
    // `lexicon check` asks.
    let mut seen: HashSet<&[Element]> = HashSet::new();
    for c in &l.categories {
        let key = quoted(&c.name);
        let _ = write!(out, "\n[categories.{key}]\n");
        let _ = writeln!(out, "description = {}", quoted(&c.description));
        let _ = writeln!(out, "polarity = {}", c.polarity);
        let _ = writeln!(out, "negatable = {}", c.negatable);
        if let Some(intercept) = c.intercept {
            let _ = writeln!(out, "intercept = {}", number(intercept));
        }
        if !c.stop_phrases.is_empty() {
            let stops: Vec<String> = c.stop_phrases.iter().map(|t| quoted(&t.text)).collect();
            let _ = writeln!(out, "stop_phrases = [{}]", stops.join(", "));
        }
        let _ = writeln!(out, "\n[categories.{key}.terms]");
        for t in &c.terms {
            let note = if seen.insert(&t.elements) {
                ""
            } else {
                "  # note: in several categories of the source dictionary"
            };
            let _ = writeln!(out, "{} = {}{note}", quoted(&t.text), number(t.weight));
        }
    }
    out
}

fn write_modifiers(l: &Lexicon, out: &mut String) {
    if !l.modifiers.is_empty() {
        out.push_str("\n[modifiers]\n");
        modifier_lines(&l.modifiers, out, &number);
    }
}

/// The lines of a `[modifiers]` table (negators, intensifiers, contrast words), with numbers
/// written by `number`.
pub(crate) fn modifier_lines(m: &Modifiers, out: &mut String, number: &dyn Fn(f64) -> String) {
    if !m.negators.is_empty() {
        let words: Vec<String> = m.negators.iter().map(|w| quoted(w)).collect();
        let _ = writeln!(out, "negators = [{}]", words.join(", "));
    }
    if !m.intensifiers.is_empty() {
        let pairs: Vec<String> = m
            .intensifiers
            .iter()
            .map(|(w, f)| format!("{} = {}", quoted(w), number(*f)))
            .collect();
        let _ = writeln!(out, "intensifiers = {{ {} }}", pairs.join(", "));
    }
    if !m.contrast.is_empty() {
        let pairs: Vec<String> = m
            .contrast
            .iter()
            .map(|(w, c)| {
                format!(
                    "{} = {{ before = {}, after = {} }}",
                    quoted(w),
                    number(c.before),
                    number(c.after)
                )
            })
            .collect();
        let _ = writeln!(out, "contrast = {{ {} }}", pairs.join(", "));
    }
}

/// A term as a pattern of other tools (`word`, `word*`, phrases), or why it cannot be one.
fn portable(term: &Term) -> Result<String, String> {
    if term.elements.iter().any(|e| matches!(e, Element::Stem(_))) {
        return Err(format!(
            "`{}` is a stem (`~`), which other tools cannot express",
            term.text
        ));
    }
    Ok(pattern_text(&term.elements))
}

/// Notes on what every exported format other than TOML loses.
fn common_losses(l: &Lexicon, what: &str, omitted: &mut Vec<String>) {
    if l.scoring == Scoring::Logistic {
        omitted.push(format!(
            "the fitted probability (`score = \"logistic\"`, the categories' intercepts and the \
             terms' signed weights): {what} only counts matches"
        ));
    }
    for c in &l.categories {
        for s in &c.stop_phrases {
            omitted.push(format!(
                "stop phrase `{}` of `{}`: {what} has no stop phrases",
                s.text, c.name
            ));
        }
    }
}

/// A LIWC dictionary: categories numbered from 1 in order, each word with its numbers.
fn dic(l: &Lexicon) -> Exported {
    let mut omitted = Vec::new();
    common_losses(l, "LIWC", &mut omitted);
    let mut out = String::from("%\n");
    for (i, c) in l.categories.iter().enumerate() {
        if c.name.contains(char::is_whitespace) {
            omitted.push(format!(
                "category `{}`: LIWC names have no spaces; written with `_`",
                c.name
            ));
        }
        let _ = writeln!(
            out,
            "{}\t{}",
            i + 1,
            c.name.replace(char::is_whitespace, "_")
        );
    }
    out.push_str("%\n");
    let mut order: Vec<String> = Vec::new();
    let mut ids: HashMap<String, Vec<usize>> = HashMap::new();
    let mut weighted = false;
    for (i, c) in l.categories.iter().enumerate() {
        for t in &c.terms {
            weighted |= t.weight != 1.0;
            match portable(t) {
                Ok(p) => {
                    let list = ids.entry(p.clone()).or_insert_with(|| {
                        order.push(p);
                        Vec::new()
                    });
                    if !list.contains(&(i + 1)) {
                        list.push(i + 1);
                    }
                }
                Err(why) => omitted.push(format!("{why} (category `{}`)", c.name)),
            }
        }
    }
    if weighted {
        omitted.push("weights: a LIWC dictionary has none, so every word counts 1".into());
    }
    for p in order {
        let codes: Vec<String> = ids[&p].iter().map(|i| i.to_string()).collect();
        let _ = writeln!(out, "{p}\t{}", codes.join("\t"));
    }
    Exported { text: out, omitted }
}

/// A YAML string, double-quoted.
fn yaml_string(s: &str) -> String {
    quoted(s)
}

/// quanteda-style YAML: each category mapped to its list of patterns.
fn yaml(l: &Lexicon) -> Exported {
    let mut omitted = Vec::new();
    common_losses(l, "YAML", &mut omitted);
    let mut out = String::new();
    let _ = writeln!(out, "# {} ({}), written by framescope", l.name, l.id);
    let mut weighted = false;
    for c in &l.categories {
        let mut values = Vec::new();
        for t in &c.terms {
            weighted |= t.weight != 1.0;
            match portable(t) {
                Ok(p) => values.push(yaml_string(&p)),
                Err(why) => omitted.push(format!("{why} (category `{}`)", c.name)),
            }
        }
        let _ = writeln!(out, "{}: [{}]", yaml_string(&c.name), values.join(", "));
    }
    if weighted {
        omitted.push("weights: a YAML dictionary has none, so every word counts 1".into());
    }
    Exported { text: out, omitted }
}

/// A table of every term: category, term (in framescope's syntax), weight, polarity, and whether
/// it is a stop phrase. Nothing is lost but a fitted lexicon's intercepts.
fn tsv(l: &Lexicon) -> Exported {
    let mut omitted = Vec::new();
    if l.scoring == Scoring::Logistic {
        omitted.push(
            "the categories' intercepts of the fitted probability: the table holds the terms only"
                .to_string(),
        );
    }
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::from("category\tterm\tweight\tpolarity\tstop_phrase\n");
    for c in &l.categories {
        for (t, stop) in c
            .terms
            .iter()
            .map(|t| (t, false))
            .chain(c.stop_phrases.iter().map(|t| (t, true)))
        {
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t{}\t{stop}",
                clean(&c.name),
                clean(&t.text),
                t.weight,
                c.polarity
            );
        }
    }
    Exported { text: out, omitted }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::formats::{read_foreign, ForeignOptions, Format};
    use crate::lexicon::{parse_lexicon, Origin, SourceFile};
    use std::path::Path;

    fn from(text: &str, name: &str, format: Format) -> Lexicon {
        let parsed = read_foreign(
            text.as_bytes(),
            Path::new(name),
            name,
            format,
            &ForeignOptions::default(),
        );
        parsed.value.unwrap()
    }

    #[test]
    fn toml_reads_back_to_the_same_lexicon() {
        let l = from(
            "%\n1\tA CAT\n2\t\"Odd\" \\ name\n%\nkind\t<of>1/2\nhap*\t1 2\n",
            "odd.dic",
            Format::Dic,
        );
        let text = toml(&l);
        let source = SourceFile {
            label: "odd.toml".into(),
            text: text.clone(),
            origin: Origin::Embedded,
        };
        let back = parse_lexicon(&source, Some("odd"));
        let errors: Vec<_> = back.errors().collect();
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let back = back.value.unwrap();
        assert_eq!(back.matching, l.matching);
        assert_eq!(back.imported, l.imported);
        for (a, b) in back.categories.iter().zip(&l.categories) {
            assert_eq!(a.name, b.name);
            let essence = |terms: &[Term]| {
                terms
                    .iter()
                    .map(|t| (t.text.clone(), t.weight, t.elements.clone()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(essence(&a.terms), essence(&b.terms));
            assert_eq!(
                a.stop_phrases
                    .iter()
                    .map(|t| &t.elements)
                    .collect::<Vec<_>>(),
                b.stop_phrases
                    .iter()
                    .map(|t| &t.elements)
                    .collect::<Vec<_>>()
            );
        }
        assert!(text.contains("# note: in several categories"), "{text}");
    }

    #[test]
    fn a_fitted_lexicon_reads_back_with_its_intercepts_and_signed_weights() {
        let text = "format = 1\n[lexicon]\nid = \"fit\"\nname = \"F\"\nversion = \"1\"\n\
                    language = \"en\"\nscore = \"logistic\"\n\
                    [categories.c]\ndescription = \"d\"\npolarity = 0\nintercept = -1.5\n\
                    [categories.c.terms]\n\"war\" = -0.25\n\"peace\" = 2\n";
        let read = |text: &str| {
            let source = SourceFile {
                label: "fit.toml".into(),
                text: text.into(),
                origin: Origin::Embedded,
            };
            parse_lexicon(&source, Some("fit")).value.unwrap()
        };
        let l = read(text);
        let written = toml(&l);
        let back = read(&written);
        assert_eq!(back.scoring, Scoring::Logistic);
        assert_eq!(back.categories[0].intercept, Some(-1.5));
        let weights: Vec<f64> = back.categories[0].terms.iter().map(|t| t.weight).collect();
        assert_eq!(weights, [-0.25, 2.0]);
        assert!(dic(&l)
            .omitted
            .iter()
            .any(|o| o.contains("fitted probability")));
        assert!(tsv(&l).omitted.iter().any(|o| o.contains("intercepts")));
    }

    #[test]
    fn other_formats_say_what_they_cannot_hold() {
        let l = from(
            "%\n1\tA CAT\n%\nkind\t<of>1/1\nhap*\t1\n",
            "a.dic",
            Format::Dic,
        );
        let d = dic(&l);
        assert!(d.text.starts_with("%\n1\tA_CAT\n%\n"), "{}", d.text);
        assert!(d.text.contains("hap*\t1\n"), "{}", d.text);
        assert!(d
            .omitted
            .iter()
            .any(|o| o.contains("stop phrase `kind of`")));
        assert!(d.omitted.iter().any(|o| o.contains("no spaces")));
        let y = yaml(&l);
        assert!(
            y.text
                .contains("\"A CAT\": [\"kind of\", \"kind\", \"hap*\"]"),
            "{}",
            y.text
        );
        let t = tsv(&l);
        assert!(
            t.text.contains("A CAT\tkind of\t1\t0\ttrue\n"),
            "{}",
            t.text
        );
    }
}

//! Which format a lexicon file has: from its extension, checked against what its first lines look
//! like, so that a file whose extension lies (an XML file named `.cat`) is refused with what it
//! looks like rather than read line by line as something it is not.

use std::path::Path;

use super::text::diagnostic;
use super::Format;
use crate::lexicon::{Diagnostic, Severity};

/// Extensions of word lists, whose kind the content tells.
const LIST_EXTENSIONS: &[&str] = &["txt", "tsv", "csv", "lst", "list"];

/// The format an extension names, if it names one.
fn by_extension(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "toml" => Some(Format::Toml),
        "dic" | "dict" => Some(Format::Dic),
        "cat" => Some(Format::Cat),
        "lc3" => Some(Format::Lc3),
        "yml" | "yaml" => Some(Format::Yaml),
        e if LIST_EXTENSIONS.contains(&e) => Some(Format::Words),
        _ => None,
    }
}

/// Is this `--lexicon` value a file of some dictionary format (rather than a lexicon id)?
pub fn looks_like_dictionary_path(selection: &str) -> bool {
    selection.contains(['/', '\\']) || by_extension(Path::new(selection)).is_some()
}

/// What the content looks like.
#[derive(Debug, PartialEq)]
enum Look {
    Format(Format),
    Xml,
    Unknown,
}

/// The format of the file at `path` with these `bytes`: `forced` when given, else the
/// extension's, checked against the content, else the content's.
pub fn detect(path: &Path, bytes: &[u8], forced: Option<Format>) -> Result<Format, Diagnostic> {
    if let Some(format) = forced {
        return Ok(format);
    }
    let label = path.display().to_string();
    let look = sniff(bytes);
    let refuse = |message: String| diagnostic(&label, 1, 1, Severity::Error, message);
    let named = by_extension(path);
    match (named, look) {
        (_, Look::Xml) => Err(refuse(format!(
            "this file is XML (a Yoshikoder or another XML dictionary){}: framescope reads LIWC \
             .dic, WordStat .cat, Lexicoder .lc3, YAML, word lists and its own TOML",
            named.map_or(String::new(), |f| format!(", not {}", f.describe()))
        ))),
        (Some(Format::Words), Look::Format(found)) => Ok(found),
        (Some(Format::Words), Look::Unknown) => Ok(Format::Words),
        (Some(named), Look::Format(found)) if found != named && !compatible(named, found) => {
            Err(refuse(format!(
                "the file is named as {} but looks like {}; if it is what its name says, say \
                 which format to read it as",
                named.describe(),
                found.describe()
            )))
        }
        (Some(named), _) => Ok(named),
        (None, Look::Format(found)) => Ok(found),
        (None, Look::Unknown) => Err(refuse(
            "cannot tell the format of this file from its name or its first lines; say which \
             format to read it as (toml, dic, cat, lc3, yaml, vader, afinn, words)"
                .to_string(),
        )),
    }
}

/// Formats whose first lines can look alike: a short WordStat file and a word list, say.
fn compatible(named: Format, found: Format) -> bool {
    matches!(
        (named, found),
        (Format::Cat, Format::Words) | (Format::Lc3, Format::Words) | (Format::Yaml, Format::Words)
    )
}

/// What the first lines of `bytes` look like.
fn sniff(bytes: &[u8]) -> Look {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
    let lines: Vec<&str> = head
        .split(['\n', '\r'])
        .filter(|l| !l.trim().is_empty())
        .take(30)
        .collect();
    let Some(first) = lines.first().map(|l| l.trim()) else {
        return Look::Unknown;
    };
    if first.starts_with('<') {
        return Look::Xml;
    }
    if first == "%" {
        return Look::Format(Format::Dic);
    }
    if first.starts_with('+') {
        return Look::Format(Format::Lc3);
    }
    let toml_line = |l: &&str| {
        let l = l.trim();
        l.starts_with("format =") || l == "[lexicon]" || l.starts_with("[categories.")
    };
    if lines.iter().any(toml_line) {
        return Look::Format(Format::Toml);
    }
    let has_key = lines.iter().any(|l| !l.trim().starts_with(['#', '-']));
    if first == "---" || (has_key && lines.iter().all(|l| is_yaml_line(l))) {
        return Look::Format(Format::Yaml);
    }
    if let Some(list) = list_kind(&lines) {
        return Look::Format(list);
    }
    let weighted = |l: &&str| {
        l.trim_end()
            .rsplit_once(" (")
            .and_then(|(_, w)| w.strip_suffix(')'))
            .is_some_and(|w| w.trim().parse::<f64>().is_ok())
    };
    if lines.iter().any(|l| l.starts_with('\t')) && lines.iter().any(weighted) {
        return Look::Format(Format::Cat);
    }
    Look::Unknown
}

/// A line of a YAML mapping (`key: [a, b]`, `key:`) or list (`- word`), or a comment.
fn is_yaml_line(line: &str) -> bool {
    let t = line.trim();
    if t.starts_with('#') || t.starts_with("- ") || t == "-" {
        return true;
    }
    !line.contains('\t') && t.split_once(':').is_some_and(|(k, _)| !k.trim().is_empty())
}

/// The kind of word list the lines are, when they are one: VADER's four tab-separated fields,
/// AFINN's word and integer, or words with an optional number.
fn list_kind(lines: &[&str]) -> Option<Format> {
    let fields: Vec<Vec<&str>> = lines.iter().map(|l| l.split('\t').collect()).collect();
    let number = |s: &str| s.trim().parse::<f64>().is_ok();
    let vader = fields.iter().all(|f| {
        f.len() >= 4 && number(f[1]) && number(f[2]) && f[3].trim_start().starts_with('[')
    });
    if vader {
        return Some(Format::Vader);
    }
    let afinn = fields
        .iter()
        .all(|f| f.len() == 2 && f[1].trim().parse::<i64>().is_ok());
    if afinn {
        return Some(Format::Afinn);
    }
    let scored = fields.iter().all(|f| f.len() == 2 && number(f[1]));
    let plain = fields.iter().all(|f| {
        f.len() == 1
            && !f[0].starts_with([' ', '\t'])
            && f[0].chars().any(char::is_alphanumeric)
            && !f[0].chars().any(char::is_control)
    });
    (scored || plain).then_some(Format::Words)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detect_named(name: &str, content: &str) -> Result<Format, String> {
        detect(Path::new(name), content.as_bytes(), None).map_err(|d| d.message)
    }

    #[test]
    fn each_format_is_recognised_by_content() {
        assert_eq!(detect_named("x", "%\n1\tA\n%\na\t1\n"), Ok(Format::Dic));
        assert_eq!(detect_named("x", "+A\n a\n"), Ok(Format::Lc3));
        assert_eq!(detect_named("x", "A: [a, b]\nB: [c]\n"), Ok(Format::Yaml));
        assert_eq!(detect_named("x", "A\n\ta (1)\n"), Ok(Format::Cat));
        assert_eq!(
            detect_named("x", "format = 1\n[lexicon]\n"),
            Ok(Format::Toml)
        );
        assert_eq!(
            detect_named("x.txt", "good\t1.9\t0.9\t[2, 2]\nbad\t-2.5\t0.5\t[-3]\n"),
            Ok(Format::Vader)
        );
        assert_eq!(
            detect_named("x.txt", "good\t3\nnot good\t-2\n"),
            Ok(Format::Afinn)
        );
        assert_eq!(
            detect_named("x.txt", "good\t0.5\nbad\t-1\n"),
            Ok(Format::Words)
        );
        assert_eq!(detect_named("x.txt", "hope\noptimism\n"), Ok(Format::Words));
        // A .txt that is in fact a LIWC dictionary is read as one.
        assert_eq!(detect_named("x.txt", "%\n1\tA\n%\n"), Ok(Format::Dic));
    }

    #[test]
    fn an_extension_that_lies_is_refused_with_what_the_file_looks_like() {
        let xml = "<?xml version=\"1.0\"?>\n<dictionary>\n";
        let e = detect_named("actually.cat", xml).unwrap_err();
        assert!(e.contains("XML") && e.contains("WordStat"), "{e}");
        let e = detect_named("mary.cat", "%\n1\tA\n%\n").unwrap_err();
        assert!(e.contains("LIWC"), "{e}");
        assert!(detect_named("mystery.bin", "\u{1}\u{2}").is_err());
        // Forcing a format skips the check.
        assert_eq!(
            detect(Path::new("a.cat"), xml.as_bytes(), Some(Format::Cat)),
            Ok(Format::Cat)
        );
    }

    #[test]
    fn dictionary_paths_are_told_from_ids() {
        assert!(looks_like_dictionary_path("mary.dic"));
        assert!(looks_like_dictionary_path("dir/mary"));
        assert!(looks_like_dictionary_path("AFINN-111.txt"));
        assert!(!looks_like_dictionary_path("tone"));
    }
}

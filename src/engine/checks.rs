//! Warnings about what an article's scores can mean: an article without a single word, or one
//! written in a script that the lexicons in use cannot match.

use crate::engine::compile::LexiconSet;
use crate::engine::score::ArticleScores;
use crate::text::is_alphabetic;

/// Writing systems, told apart by Unicode block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Latin,
    Greek,
    Cyrillic,
    Hebrew,
    Arabic,
    Devanagari,
    Thai,
    Cjk,
    Other,
}

impl Script {
    fn of(c: char) -> Script {
        match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF => Script::Latin,
            0x370..=0x3FF | 0x1F00..=0x1FFF => Script::Greek,
            0x400..=0x52F => Script::Cyrillic,
            0x590..=0x5FF | 0xFB1D..=0xFB4F => Script::Hebrew,
            0x600..=0x6FF | 0x750..=0x77F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x900..=0x97F => Script::Devanagari,
            0xE00..=0xE7F => Script::Thai,
            0x3040..=0x30FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0x20000..=0x2FFFF => Script::Cjk,
            _ => Script::Other,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Greek => "Greek",
            Script::Cyrillic => "Cyrillic",
            Script::Hebrew => "Hebrew",
            Script::Arabic => "Arabic",
            Script::Devanagari => "Devanagari",
            Script::Thai => "Thai",
            Script::Cjk => "Chinese, Japanese or Korean",
            Script::Other => "another",
        }
    }
}

/// Letters looked at to find the script of a text.
const SAMPLE_LETTERS: usize = 20_000;
/// Fewer letters than this say too little about a script.
const MIN_LETTERS: usize = 20;

/// The script most letters of `text` are written in, and the share of letters in it.
fn dominant_script(text: &str) -> Option<(Script, f64)> {
    let mut counts: Vec<(Script, usize)> = Vec::new();
    let mut count = |script: Script, n: usize| match counts.iter_mut().find(|(s, _)| *s == script) {
        Some((_, total)) => *total += n,
        None => counts.push((script, n)),
    };
    let mut letters = 0;
    let mut rest = text;
    while letters < SAMPLE_LETTERS && !rest.is_empty() {
        // Most news text is ASCII: count a run of it byte by byte, without decoding characters.
        let (ascii, mut latin) = ascii_run(rest.as_bytes());
        if letters + latin > SAMPLE_LETTERS {
            latin = SAMPLE_LETTERS - letters;
        }
        if latin > 0 {
            letters += latin;
            count(Script::Latin, latin);
        }
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        rest = &rest[c.len_utf8()..];
        if letters < SAMPLE_LETTERS && is_alphabetic(c) {
            letters += 1;
            count(Script::of(c), 1);
        }
    }
    let (script, n) = counts.into_iter().max_by_key(|&(_, n)| n)?;
    (letters >= MIN_LETTERS).then_some((script, n as f64 / letters as f64))
}

/// The length of the run of ASCII bytes that `bytes` starts with, and the ASCII letters in it.
///
/// Whole blocks of ASCII are counted without looking for the end of the run byte by byte, which
/// lets the compiler count a block's letters with vector instructions: this runs over the whole
/// text of every article.
fn ascii_run(bytes: &[u8]) -> (usize, usize) {
    const BLOCK: usize = 32;
    let is_letter = |b: &&u8| b.is_ascii_alphabetic();
    let mut len = 0;
    let mut letters = 0;
    for block in bytes.chunks_exact(BLOCK) {
        if !block.is_ascii() {
            break;
        }
        letters += block.iter().filter(is_letter).count();
        len += BLOCK;
    }
    let tail = &bytes[len..];
    let ascii = tail
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(tail.len());
    letters += tail[..ascii].iter().filter(is_letter).count();
    (len + ascii, letters)
}

/// What the checks need to know of the lexicons, computed once per run.
pub struct ArticleChecks {
    lexicon_script: Option<Script>,
}

impl ArticleChecks {
    pub fn new(set: &LexiconSet) -> Self {
        let terms: String = set
            .terms
            .iter()
            .map(|t| t.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        ArticleChecks {
            lexicon_script: dominant_script(&terms).map(|(s, _)| s),
        }
    }

    /// Warnings for one scored article.
    pub fn warnings(&self, text: &str, scores: &ArticleScores) -> Vec<String> {
        let mut warnings = Vec::new();
        if scores.tokens == 0 {
            warnings.push(
                "no words (the text is empty, blank or only punctuation): its rates are left empty"
                    .to_string(),
            );
            return warnings;
        }
        if let (Some(lexicons), Some((script, share))) =
            (self.lexicon_script, dominant_script(text))
        {
            if script != lexicons && share > 0.5 {
                warnings.push(format!(
                    "written mostly in {} script, but the lexicons in use are in {} script: \
                     few terms can match, so low rates here do not mean the frames are absent",
                    script.name(),
                    lexicons.name()
                ));
            }
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_runs_are_counted_as_byte_by_byte() {
        let naive = |bytes: &[u8]| {
            let len = bytes
                .iter()
                .position(|b| !b.is_ascii())
                .unwrap_or(bytes.len());
            let letters = bytes[..len]
                .iter()
                .filter(|b| b.is_ascii_alphabetic())
                .count();
            (len, letters)
        };
        let line = "Talks in Geneva, 3 days: \"no deal\" (yet). ";
        for n in [0, 1, 31, 32, 33, 63, 64, 65, 200] {
            let ascii: String = line.chars().cycle().take(n).collect();
            for text in [
                ascii.clone(),
                format!("{ascii}é and more"),
                format!("{ascii}\u{80}"),
            ] {
                assert_eq!(
                    ascii_run(text.as_bytes()),
                    naive(text.as_bytes()),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn scripts_of_texts() {
        assert_eq!(
            dominant_script("مرحبا بالعالم، السلام عليكم ورحمة الله").map(|s| s.0),
            Some(Script::Arabic)
        );
        assert_eq!(
            dominant_script("和平谈判取得成功。大家很高兴。和平谈判取得成功").map(|s| s.0),
            Some(Script::Cjk)
        );
        assert_eq!(
            dominant_script("Café crème and déjà vu at the talks").map(|s| s.0),
            Some(Script::Latin)
        );
        assert_eq!(dominant_script("short"), None);
        // Only the first SAMPLE_LETTERS letters count.
        let mixed = format!(
            "{}{}",
            "a".repeat(SAMPLE_LETTERS),
            "я".repeat(SAMPLE_LETTERS * 2)
        );
        assert_eq!(dominant_script(&mixed), Some((Script::Latin, 1.0)));
        let mixed = format!(
            "{}{}",
            "я".repeat(SAMPLE_LETTERS - 10),
            "a".repeat(SAMPLE_LETTERS)
        );
        let (script, share) = dominant_script(&mixed).unwrap();
        assert_eq!(script, Script::Cyrillic);
        assert!((share - (SAMPLE_LETTERS - 10) as f64 / SAMPLE_LETTERS as f64).abs() < 1e-12);
    }
}

//! Problems the library reports, told with the flag that changes the outcome: the library says
//! what is wrong, this module adds which flag fixes it.

use anyhow::anyhow;
use framescope::corpus::{
    ColumnError, ColumnRole, DecodeError, SkipReason, KEEP_EVERY_LETTER, MARKUP_REMOVED,
};
use framescope::output::lock::LockError;
use framescope::output::run::OpenError;
use framescope::validate::gold::{GoldColumnRole, GoldError, GoldProblem};

/// Why an input was skipped, with the flag that would let it through.
pub fn skip_reason(reason: &SkipReason) -> String {
    match reason {
        SkipReason::TooLarge(too_large) => format!(
            "{} (--max-article-mb){}",
            too_large.problem(),
            too_large.outcome()
        ),
        SkipReason::StrictUtf8(invalid) => format!("{invalid} (--strict)"),
        SkipReason::Decode(DecodeError::InvalidUtf8(at_byte)) => format!(
            "invalid UTF-8 at byte {at_byte} (--strict refuses it; save the file as UTF-8 or drop \
             --strict)"
        ),
        SkipReason::Decode(DecodeError::Utf16WithoutBom) => {
            format!("{reason} (--encoding UTF-16LE or UTF-16BE names it)")
        }
        SkipReason::Decode(DecodeError::Utf32WithoutBom) => {
            format!("{reason} (--encoding UTF-32LE or UTF-32BE names it)")
        }
        SkipReason::Decode(DecodeError::OtherEncoding { readable_as, .. }) => format!(
            "{reason} (--encoding {})",
            readable_as.first().copied().unwrap_or("NAME")
        ),
        SkipReason::Decode(DecodeError::NotText(_)) => {
            format!("{reason} (--encoding NAME, if it is text)")
        }
        SkipReason::Column(e) => column_error(e),
        SkipReason::NoTextFiles { folder, tables } if *tables > 0 => {
            format!("{reason}: framescope analyze {folder}/*.csv")
        }
        SkipReason::WithDecodeProblems { reason, problems } => format!(
            "{}; the file also had: {}",
            skip_reason(reason),
            problems.join("; ")
        ),
        other => other.to_string(),
    }
}

/// An output folder that cannot be written, with the flag that chooses another.
pub fn open_error(e: OpenError) -> anyhow::Error {
    match e {
        OpenError::Lock(held @ LockError::Held { .. }) => anyhow!("{held} (--out)"),
        other => other.into(),
    }
}

/// A warning about an article, with the flag that would have avoided it.
pub fn warning(w: &str) -> String {
    if w.ends_with(KEEP_EVERY_LETTER) {
        format!("{w} (--encoding windows-1252, say: what spreadsheets in Western Europe export)")
    } else if w.ends_with(MARKUP_REMOVED) {
        format!("{w} (--html keep scores it as it is)")
    } else {
        w.to_string()
    }
}

/// The flag that names the column of `role`.
fn column_flag(role: ColumnRole) -> &'static str {
    match role {
        ColumnRole::Id => "--id-col",
        ColumnRole::Text => "--text-col",
        ColumnRole::Title => "--title-col",
        ColumnRole::Group => "--group-col / --group-by",
        ColumnRole::Story => "--story-col",
        ColumnRole::Language => "--language-col",
        ColumnRole::Date => "--date-col",
        ColumnRole::Kept => "--keep-col",
    }
}

fn column_error(e: &ColumnError) -> String {
    match e {
        ColumnError::NotFound {
            role,
            wanted,
            found,
        } => format!(
            "column `{wanted}` not found ({}); {found}",
            column_flag(*role)
        ),
        ColumnError::NoText { .. } => format!("{e}; name it with --text-col"),
    }
}

/// A gold file that cannot be used, with the flag that names the right column.
pub fn gold_error(e: GoldError) -> anyhow::Error {
    let GoldError::Invalid { path, problem } = &e else {
        return e.into();
    };
    let columns = |found: &[String]| found.join(", ");
    let message = match problem {
        GoldProblem::NoSuchColumn {
            role,
            wanted,
            found,
        } => {
            let flag = match role {
                GoldColumnRole::Id => "--gold-id",
                GoldColumnRole::Sentence => "--gold-sentence",
                GoldColumnRole::Codes => "--gold-col",
            };
            format!(
                "no column `{wanted}` ({flag}); columns found: {}",
                columns(found)
            )
        }
        GoldProblem::NoIdColumn { .. } => format!("{problem}; name it with --gold-id"),
        GoldProblem::NoNumericColumn { .. } => {
            format!("{problem}; name the columns with --gold-col")
        }
        GoldProblem::Other(_) => return e.into(),
    };
    anyhow!("{path}: {message}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use framescope::corpus::{InvalidUtf8, Oversized, TooLarge, Utf8Place};

    fn too_large(what: Oversized) -> SkipReason {
        SkipReason::TooLarge(TooLarge { what, limit: 100 })
    }

    #[test]
    fn size_limits_name_the_flag_that_raises_them() {
        assert_eq!(
            skip_reason(&too_large(Oversized::Input(120))),
            "120 bytes, over the limit of 100 bytes per article (--max-article-mb); skipped"
        );
        assert_eq!(
            skip_reason(&too_large(Oversized::TextField(120))),
            "text of 120 bytes, over the limit of 100 (--max-article-mb)"
        );
        let row = Oversized::Row {
            what: "record 2".into(),
            open_quote_line: Some(3),
        };
        assert_eq!(
            skip_reason(&too_large(row)),
            "record 2 is over the limit of 100 bytes per article (--max-article-mb) (inside a \
             quote opened at line 3: is it closed?); the rest of the file is skipped"
        );
        assert_eq!(
            skip_reason(&too_large(Oversized::Line(2000))),
            "a line of 2000 bytes, over the limit of 100 bytes per article (--max-article-mb); \
             line skipped"
        );
        // Without the command line, the library says what is wrong and names no flag.
        assert_eq!(
            too_large(Oversized::Input(120)).to_string(),
            "120 bytes, over the limit of 100 bytes per article; skipped"
        );
    }

    #[test]
    fn strict_refusals_name_the_strict_flag() {
        let invalid = InvalidUtf8 {
            at_byte: 3,
            place: Utf8Place::Field(2),
        };
        assert_eq!(
            skip_reason(&SkipReason::StrictUtf8(invalid)),
            "invalid UTF-8 at byte 3 of field 2 (--strict)"
        );
        assert_eq!(
            skip_reason(&DecodeError::InvalidUtf8(3).into()),
            "invalid UTF-8 at byte 3 (--strict refuses it; save the file as UTF-8 or drop --strict)"
        );
        let wrapped = SkipReason::WithDecodeProblems {
            reason: Box::new(SkipReason::StrictUtf8(invalid)),
            problems: vec!["a".into(), "b".into()],
        };
        assert_eq!(
            skip_reason(&wrapped),
            "invalid UTF-8 at byte 3 of field 2 (--strict); the file also had: a; b"
        );
    }

    #[test]
    fn column_problems_name_the_column_flags() {
        let options = framescope::corpus::ReadOptions {
            group_col: Some("desk".into()),
            ..Default::default()
        };
        let corpus = framescope::corpus::Corpus::from_bytes(
            b"id,text\n1,Hope.\n".to_vec(),
            "in.csv",
            framescope::corpus::Format::Csv,
            options,
        );
        let reasons: Vec<String> = corpus
            .filter_map(|item| match item {
                framescope::corpus::Item::Skipped(s) => Some(skip_reason(&s.reason)),
                framescope::corpus::Item::Article(_) => None,
            })
            .collect();
        assert_eq!(
            reasons,
            ["column `desk` not found (--group-col / --group-by); columns found: id, text"]
        );
        let folder = SkipReason::NoTextFiles {
            folder: "in".into(),
            tables: 2,
        };
        assert_eq!(
            skip_reason(&folder),
            "folder holds no .txt or .md file; its 2 table file(s) are read when named: \
             framescope analyze in/*.csv"
        );
    }
}

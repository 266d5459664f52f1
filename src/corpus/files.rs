//! Articles stored one per text file, in folders.

use std::path::{Path, PathBuf};

use super::{
    decode, headline, Article, Item, Oversized, ReadOptions, SkipReason, Skipped, TooLarge,
};

/// Collects the `.txt` and `.md` files under `dir`, recursively, skipping hidden entries, sorted
/// by path so runs are repeatable.
pub fn walk(dir: &Path, out: &mut Vec<(PathBuf, u64)>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            // An unreadable subfolder is left out rather than failing the whole folder.
            let _ = walk(&path, out);
        } else if path.extension().is_some_and(|e| e == "txt" || e == "md") {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_file() => out.push((path, m.len())),
                _ => {}
            }
        }
    }
    Ok(())
}

/// Reads one text file as an article. Its id is the path relative to `root` without extension,
/// its group the name of the folder holding it (empty at the root).
pub fn read_text_file(path: &Path, root: &Path, options: &ReadOptions) -> Item {
    let origin = path.display().to_string();
    let skip = |reason: SkipReason| {
        Item::Skipped(Skipped {
            origin: origin.clone(),
            reason,
        })
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() as usize > options.max_article_bytes => {
            return skip(SkipReason::TooLarge(TooLarge {
                what: Oversized::Input(m.len()),
                limit: options.max_article_bytes,
            }))
        }
        Err(e) => return skip(format!("cannot read: {e}").into()),
        _ => {}
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => return skip(format!("cannot read: {e}").into()),
    };
    let decoded = match decode(bytes, options.strict) {
        Ok(d) => d,
        Err(e) => return skip(e.into()),
    };
    let relative = path.strip_prefix(root).unwrap_or(path);
    let id = relative
        .with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    let group = relative
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let title = headline(&decoded.text);
    Item::Article(Article {
        id,
        group,
        title,
        text: decoded.text,
        origin,
        warnings: decoded.warnings,
    })
}

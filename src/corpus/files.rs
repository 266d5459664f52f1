//! Articles stored one per text file, in folders.

use std::collections::{HashMap, HashSet};
use std::ffi::OsString;
use std::path::{Component, Path, PathBuf};

use super::front_matter::read_text;
use super::{decode, Article, Item, Oversized, ReadOptions, SkipReason, Skipped, TooLarge};

/// Reads one text file as an article. Its id is `name` (its path inside the folder given) without
/// extension, its group the name of the folder holding it within `name` (empty at the root), and
/// its story, when it has a group, its file name without extension: the files of one story in the
/// folders of several groups share it.
pub fn read_text_file(path: &Path, name: &Path, options: &ReadOptions) -> Item {
    let origin = path.display().to_string();
    let skip = |reason: SkipReason| {
        Item::Skipped(Skipped {
            origin: origin.clone(),
            reason,
        })
    };
    let bytes = match read_bounded(path, options.max_article_bytes) {
        Ok(Bounded::Bytes(b)) => b,
        Ok(Bounded::TooLarge(what)) => {
            return skip(SkipReason::TooLarge(TooLarge {
                what,
                limit: options.max_article_bytes,
            }))
        }
        Err(e) => return skip(format!("cannot read: {e}").into()),
    };
    let decoded = match decode(bytes, options.strict, options.encoding) {
        Ok(d) => d,
        Err(e) => return skip(e.into()),
    };
    let group = name
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let story = match group.is_empty() {
        true => String::new(),
        false => name
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
    };
    let mut warnings = decoded.warnings;
    let (text, title, date) = read_text(decoded.text, &mut warnings);
    Item::Article(Article {
        id: id_of(name),
        group,
        story,
        date,
        title,
        text,
        origin,
        warnings,
        kept: Vec::new(),
        language: String::new(),
    })
}

/// The bytes of a whole input, or what makes it larger than allowed.
pub enum Bounded {
    Bytes(Vec<u8>),
    TooLarge(Oversized),
}

/// Reads the file at `path` whole, but never more than `limit` bytes: a regular file larger
/// than that is refused from its size, and anything whose size is not known beforehand (a pipe,
/// `/dev/stdin`, a device such as `/dev/zero`) is read up to the limit and refused past it.
pub fn read_bounded(path: &Path, limit: usize) -> std::io::Result<Bounded> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    if metadata.is_file() && metadata.len() > limit as u64 {
        return Ok(Bounded::TooLarge(Oversized::Input(metadata.len())));
    }
    read_up_to(file, limit)
}

/// Reads `reader` to its end, unless it holds more than `limit` bytes.
pub fn read_up_to(reader: impl std::io::Read, limit: usize) -> std::io::Result<Bounded> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader.take(limit as u64 + 1).read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Ok(Bounded::TooLarge(Oversized::MoreThan));
    }
    Ok(Bounded::Bytes(bytes))
}

/// The id of the text file named `name`: its path without extension, folders joined by `/`.
fn id_of(name: &Path) -> String {
    name.with_extension("")
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// The names of text files given by path, from which their ids come. A file's name is its file
/// name, unless another file of the list would then have the same id (`a/state-visit.txt` and
/// `b/state-visit.txt`): those files are named by the shortest end of their paths that tells
/// them all apart (`a/state-visit.txt`, `b/state-visit.txt`), so that, as in a folder, the
/// folder holding each is its group. Files that no end of their paths tells apart (the same file
/// twice, or `x.txt` and `x.md`) keep their file names.
pub fn tell_apart(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = paths
        .iter()
        .map(|p| p.file_name().map(PathBuf::from).unwrap_or_default())
        .collect();
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, name) in names.iter().enumerate() {
        by_id.entry(id_of(name)).or_default().push(i);
    }
    for same_id in by_id.values().filter(|files| files.len() > 1) {
        let parts: Vec<Vec<OsString>> = same_id.iter().map(|&i| path_parts(&paths[i])).collect();
        let distinct: HashSet<&Vec<OsString>> = parts.iter().collect();
        if distinct.len() < 2 {
            continue;
        }
        let longest = parts.iter().map(Vec::len).max().unwrap_or(0);
        let end = |parts: &[OsString], k: usize| -> PathBuf {
            parts[parts.len().saturating_sub(k)..].iter().collect()
        };
        let telling = (2..=longest).find(|&k| {
            let ids: HashSet<String> = distinct.iter().map(|p| id_of(&end(p, k))).collect();
            ids.len() == distinct.len()
        });
        if let Some(k) = telling {
            for (&i, parts) in same_id.iter().zip(&parts) {
                names[i] = end(parts, k);
            }
        }
    }
    names
}

/// The folders and file name of `path` from the root, made absolute against the current folder,
/// with `.` and `..` resolved as written (links are not followed: the path reads as the user
/// wrote it).
fn path_parts(path: &Path) -> Vec<OsString> {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut parts: Vec<OsString> = Vec::new();
    for component in absolute.components() {
        match component {
            Component::Normal(part) => parts.push(part.to_os_string()),
            Component::ParentDir => {
                parts.pop();
            }
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn named(paths: &[&str]) -> Vec<String> {
        let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
        tell_apart(&paths)
            .iter()
            .map(|n| {
                id_of(n)
                    + &n.extension()
                        .map(|e| format!(".{}", e.to_string_lossy()))
                        .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn files_given_by_path_keep_their_names_unless_their_ids_collide() {
        assert_eq!(named(&["a/state-visit.txt"]), ["state-visit.txt"]);
        assert_eq!(
            named(&["a/state-visit.txt", "b/factory.md"]),
            ["state-visit.txt", "factory.md"]
        );
        assert_eq!(
            named(&["a/state-visit.txt", "b/state-visit.txt", "b/factory.txt"]),
            ["a/state-visit.txt", "b/state-visit.txt", "factory.txt"]
        );
        // The shortest end that tells them all apart, for every file of the collision.
        assert_eq!(
            named(&["x/a/s.txt", "y/a/s.txt", "z/b/s.md", "t.txt"]),
            ["x/a/s.txt", "y/a/s.txt", "z/b/s.md", "t.txt"]
        );
        assert_eq!(named(&["x/a/s.txt", "y/b/s.txt"]), ["a/s.txt", "b/s.txt"]);
        // `.` and `..` are resolved as written.
        assert_eq!(
            named(&["./a/s.txt", "b/../c/s.txt"]),
            ["a/s.txt", "c/s.txt"]
        );
    }

    #[test]
    fn files_no_end_of_path_tells_apart_keep_their_names() {
        assert_eq!(named(&["a/s.txt", "a/s.txt"]), ["s.txt", "s.txt"]);
        assert_eq!(named(&["a/s.txt", "a/s.md"]), ["s.txt", "s.md"]);
        // The same file twice beside another: the other is told apart, the twins stay alike.
        assert_eq!(
            named(&["a/s.txt", "b/s.txt", "a/s.txt"]),
            ["a/s.txt", "b/s.txt", "a/s.txt"]
        );
    }

    #[test]
    fn ids_groups_and_stories_come_from_the_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.txt");
        std::fs::write(&path, "Talks resume\n\nThe talks resumed.").unwrap();
        let read =
            |name: &str| match read_text_file(&path, Path::new(name), &ReadOptions::default()) {
                Item::Article(a) => [a.id, a.group, a.story, a.title],
                Item::Skipped(s) => panic!("{s:?}"),
            };
        assert_eq!(read("s.txt"), ["s", "", "", "Talks resume"]);
        assert_eq!(read("wire/s.txt"), ["wire/s", "wire", "s", "Talks resume"]);
        assert_eq!(
            read("wire/2024/s.v2.txt"),
            ["wire/2024/s.v2", "2024", "s.v2", "Talks resume"]
        );
    }
}

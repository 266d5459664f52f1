//! Walking an input folder: its `.txt` and `.md` files in a repeatable order, and everything in
//! it that could not be read (a folder that cannot be listed, a path longer than the system
//! allows, a broken link, a link back to a folder already read, a pipe or device with a text
//! file's name), each said rather than dropped. Folders that hold outputs are never read as
//! input.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The manifest an output folder holds (the output module names it; the readers of inputs
/// depend on nothing of ours, so it is named again here).
const RUN_JSON: &str = "run.json";

/// What a walk finds, in the order of the paths.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    /// A text file and its size.
    File(PathBuf, u64),
    /// Something that could not be read, and why.
    Problem(PathBuf, String),
    /// A folder left out because it holds outputs, and why.
    Excluded(PathBuf, String),
}

/// Walks `dir` for text files, recursively, sorted by path so runs are repeatable; hidden
/// entries (`.git`) are passed over. Links to folders are followed, once each. `exclude` holds
/// folders never to read (the output folder of the run), as canonical paths.
pub fn walk(dir: &Path, exclude: &[PathBuf]) -> std::io::Result<Vec<Found>> {
    let mut walker = Walker {
        exclude,
        seen: HashSet::new(),
        found: Vec::new(),
    };
    if let Some(why) = walker.excluded(dir) {
        return Ok(vec![Found::Excluded(dir.to_path_buf(), why)]);
    }
    if let Some(key) = folder_key(dir) {
        walker.seen.insert(key);
    }
    let entries = list(dir)?;
    walker.entries(entries);
    Ok(walker.found)
}

struct Walker<'a> {
    exclude: &'a [PathBuf],
    /// The folders read so far, by device and inode: a link back to one would read it again,
    /// or for ever.
    seen: HashSet<(u64, u64)>,
    found: Vec<Found>,
}

impl Walker<'_> {
    fn entries(&mut self, entries: Vec<std::fs::DirEntry>) {
        for entry in entries {
            let path = entry.path();
            if entry.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let Ok(kind) = entry.file_type() else {
                self.problem(&path, "cannot tell what it is".into());
                continue;
            };
            let is_text = path.extension().is_some_and(|e| e == "txt" || e == "md");
            // What the entry is, links followed.
            let metadata = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(_) if kind.is_symlink() => {
                    let target = std::fs::read_link(&path)
                        .map(|t| t.display().to_string())
                        .unwrap_or_else(|_| "?".into());
                    self.problem(&path, format!("a link to {target}, which does not exist"));
                    continue;
                }
                Err(e) if is_text || kind.is_dir() => {
                    self.problem(&path, format!("cannot read: {}", describe(&e)));
                    continue;
                }
                Err(_) => continue,
            };
            if metadata.is_dir() {
                self.folder(&path, kind.is_symlink());
            } else if !is_text {
                continue;
            } else if metadata.is_file() {
                self.found.push(Found::File(path, metadata.len()));
            } else {
                self.problem(
                    &path,
                    "not a regular file (a named pipe, device or socket), so it is not read \
                     from a folder; give it by its path to read it"
                        .into(),
                );
            }
        }
    }

    fn folder(&mut self, path: &Path, linked: bool) {
        if let Some(why) = self.excluded(path) {
            self.found.push(Found::Excluded(path.to_path_buf(), why));
            return;
        }
        match folder_key(path) {
            Some(key) if !self.seen.insert(key) => {
                let what = match linked {
                    true => "a link to a folder already read; read once",
                    false => "a folder already read; read once",
                };
                self.problem(path, what.into());
                return;
            }
            _ => {}
        }
        match list(path) {
            Ok(entries) => self.entries(entries),
            Err(e) => self.problem(path, format!("cannot list folder: {}", describe(&e))),
        }
    }

    /// Why the folder at `path` is not read as input, if it is not.
    fn excluded(&self, path: &Path) -> Option<String> {
        let canonical = path.canonicalize().ok();
        if canonical
            .as_ref()
            .is_some_and(|c| self.exclude.iter().any(|e| e == c))
        {
            return Some("the output folder of this run".into());
        }
        is_output_folder(path).then(|| "the output folder of an earlier run".into())
    }

    fn problem(&mut self, path: &Path, why: String) {
        self.found.push(Found::Problem(path.to_path_buf(), why));
    }
}

/// Whether `dir` holds the manifest of a framescope run: it is an output folder, whose
/// summary.md and the like are not articles.
fn is_output_folder(dir: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read =
        std::fs::File::open(dir.join(RUN_JSON)).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    // `"tool": "framescope"` comes first, however the file is spaced.
    let compact: Vec<u8> = head
        .into_iter()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    compact
        .windows(br#""tool":"framescope""#.len())
        .any(|w| w == br#""tool":"framescope""#)
}

/// The entries of a folder, sorted by name; an entry that cannot be read fails the listing.
fn list(dir: &Path) -> std::io::Result<Vec<std::fs::DirEntry>> {
    let mut entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    entries.sort_by_key(|e| e.file_name());
    Ok(entries)
}

/// A folder's device and inode, links followed.
#[cfg(unix)]
fn folder_key(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn folder_key(path: &Path) -> Option<(u64, u64)> {
    use std::hash::{Hash, Hasher};
    let canonical = path.canonicalize().ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    Some((0, h.finish()))
}

/// An I/O error in words, with what it means where the words are the system's.
fn describe(e: &std::io::Error) -> String {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::ENAMETOOLONG) {
        return format!(
            "{e}: the path is longer than the system allows; move the files closer to the root"
        );
    }
    if e.kind() == std::io::ErrorKind::PermissionDenied {
        return format!("{e}; check the folder's permissions");
    }
    e.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &[Found], root: &Path) -> Vec<String> {
        found
            .iter()
            .map(|f| {
                let (tag, path) = match f {
                    Found::File(p, _) => ("file", p),
                    Found::Problem(p, _) => ("problem", p),
                    Found::Excluded(p, _) => ("excluded", p),
                };
                format!("{tag} {}", path.strip_prefix(root).unwrap().display())
            })
            .collect()
    }

    #[test]
    #[cfg(unix)]
    fn links_are_followed_once_and_broken_ones_said() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("a/deep")).unwrap();
        std::fs::write(root.join("a/deep/x.txt"), "x").unwrap();
        std::fs::write(root.join("a/notes.csv"), "x").unwrap();
        std::fs::write(root.join(".hidden.txt"), "x").unwrap();
        std::os::unix::fs::symlink(root.join("a/deep"), root.join("b")).unwrap();
        std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
        std::os::unix::fs::symlink(root.join("gone.txt"), root.join("c.txt")).unwrap();
        let found = walk(root, &[]).unwrap();
        assert_eq!(
            names(&found, root),
            [
                "file a/deep/x.txt",
                "problem a/loop",
                "problem b",
                "problem c.txt"
            ]
        );
        let Found::Problem(_, why) = &found[3] else {
            panic!()
        };
        assert!(why.contains("gone.txt, which does not exist"), "{why}");
    }

    #[test]
    fn output_folders_are_left_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("out")).unwrap();
        std::fs::create_dir_all(root.join("old")).unwrap();
        std::fs::write(root.join("out/summary.md"), "x").unwrap();
        std::fs::write(root.join("old/summary.md"), "x").unwrap();
        std::fs::write(
            root.join("old/run.json"),
            r#"{"tool": "framescope", "outputs": []}"#,
        )
        .unwrap();
        std::fs::write(root.join("a.txt"), "x").unwrap();
        let out = root.join("out").canonicalize().unwrap();
        let found = walk(root, &[out]).unwrap();
        assert_eq!(
            names(&found, root),
            ["file a.txt", "excluded old", "excluded out"]
        );
    }
}

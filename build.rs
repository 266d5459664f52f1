//! Embeds every lexicon and rules file under `lexicons/` into the binary.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut code = String::from("/// Lexicons shipped in `lexicons/`: (id, file name, contents).\npub const LEXICONS: &[(&str, &str, &str)] = &[\n");
    for (id, path) in toml_files(&root) {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            code,
            "    ({id:?}, {:?}, include_str!({:?})),",
            file_name(&path),
            path.display()
        )
        .unwrap();
    }
    code.push_str("];\n\n/// Language rules shipped in `lexicons/rules/`: (language, file name, contents).\npub const RULES: &[(&str, &str, &str)] = &[\n");
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed={}", rules.display());
    for (lang, path) in toml_files(&rules) {
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            code,
            "    ({lang:?}, {:?}, include_str!({:?})),",
            file_name(&path),
            path.display()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_lexicons.rs");
    std::fs::write(out, code).unwrap();
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// `*.toml` files of a folder, sorted by name so the embedded order is stable.
fn toml_files(dir: &Path) -> Vec<(String, std::path::PathBuf)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "toml"))
                .map(|p| (p.file_stem().unwrap().to_string_lossy().into_owned(), p))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

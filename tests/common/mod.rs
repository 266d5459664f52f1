//! Helpers for integration tests: run the real binary in a temp folder and read its CSV outputs.
#![allow(dead_code)]

pub mod coded;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A short article with hits of tone, attribution and hope.
pub const GOOD: &str = "The talks were a great success. Officials said hope remains.";

/// The binary under test: this build's, or the one `FRAMESCOPE_BIN` names (to run the tests
/// against another build, such as the one before a fix, and see them fail).
pub fn bin() -> Command {
    Command::new(bin_path())
}

pub fn bin_path() -> PathBuf {
    std::env::var_os("FRAMESCOPE_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_framescope")))
}

pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs framescope with `args` in `dir` and returns its output.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("framescope runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A CSV file as rows of column -> value.
pub fn read_csv(path: &Path) -> Vec<HashMap<String, String>> {
    let mut reader =
        csv::Reader::from_path(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The row of `rows` whose `article_id` is `id`.
pub fn row<'a>(rows: &'a [HashMap<String, String>], id: &str) -> &'a HashMap<String, String> {
    rows.iter()
        .find(|r| r["article_id"] == id)
        .unwrap_or_else(|| panic!("no row for {id}"))
}

pub fn num(row: &HashMap<String, String>, column: &str) -> f64 {
    row[column]
        .parse()
        .unwrap_or_else(|_| panic!("{column} = {:?} is not a number", row[column]))
}

pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, content).unwrap();
    path
}

/// A PNG decoded to RGB pixels (palette images expanded): width, height and pixels.
pub fn decode_png(path: &Path) -> (usize, usize, Vec<[u8; 3]>) {
    let mut decoder = png::Decoder::new(
        std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    );
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder
        .read_info()
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader
        .next_frame(&mut buf)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(info.color_type, png::ColorType::Rgb, "{}", path.display());
    let (w, h) = (info.width as usize, info.height as usize);
    let pixels = buf[..w * h * 3]
        .chunks(3)
        .map(|c| [c[0], c[1], c[2]])
        .collect();
    (w, h, pixels)
}

/// Bytes as base64 with padding (RFC 4648), to find a file embedded in a data URI.
pub fn base64(bytes: &[u8]) -> String {
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(alphabet[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Every file under `dir` (relative name with `/`, bytes), sorted, hidden ones included; a named
/// pipe is listed with the bytes `<fifo>` (reading it would wait for a writer).
pub fn output_files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap().map(|e| e.unwrap()) {
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            let kind = entry.file_type().unwrap();
            if kind.is_dir() {
                walk(&entry.path(), &format!("{name}/"), out);
            } else if kind.is_file() {
                out.push((name, std::fs::read(entry.path()).unwrap()));
            } else {
                out.push((name, b"<fifo>".to_vec()));
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, "", &mut files);
    files.sort();
    files
}

/// The names of the hidden files under `dir` (temporary files, locks), relative to it.
pub fn hidden_files(dir: &Path) -> Vec<String> {
    output_files(dir)
        .into_iter()
        .map(|(name, _)| name)
        .filter(|name| name.split('/').any(|part| part.starts_with('.')))
        .collect()
}

/// Makes a named pipe at `path`.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
    // SAFETY: `c` is a valid C string for the duration of the call.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Sends `signal` to the process `pid`.
#[cfg(unix)]
pub fn send_signal(pid: u32, signal: i32) {
    // SAFETY: kill(2) with a pid of a child this test started.
    assert_eq!(unsafe { libc::kill(pid as i32, signal) }, 0, "kill");
}

/// Reads lines from `reader` into `seen` until one holds `fragment`; false when the stream ends
/// first.
pub fn read_until(reader: &mut impl std::io::BufRead, seen: &mut String, fragment: &str) -> bool {
    loop {
        let start = seen.len();
        match reader.read_line(seen) {
            Ok(0) | Err(_) => return false,
            Ok(_) if seen[start..].contains(fragment) => return true,
            Ok(_) => {}
        }
    }
}

/// A resource that `setrlimit` limits, as this platform's C library types it.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub type Resource = libc::__rlimit_resource_t;
#[cfg(all(unix, not(all(target_os = "linux", target_env = "gnu"))))]
pub type Resource = libc::c_int;

/// Limits a resource of the process `command` starts (`RLIMIT_AS`, `RLIMIT_FSIZE`, ...), set in
/// the child before it runs; a limit on file size also makes writes past it fail with an error
/// rather than a signal.
#[cfg(unix)]
pub fn limit(command: &mut Command, resource: Resource, value: u64) {
    use std::os::unix::process::CommandExt;
    // SAFETY: setrlimit and signal are async-signal-safe, as code between fork and exec must be.
    unsafe {
        command.pre_exec(move || {
            let limit = libc::rlimit {
                rlim_cur: value as libc::rlim_t,
                rlim_max: value as libc::rlim_t,
            };
            if libc::setrlimit(resource, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if resource == libc::RLIMIT_FSIZE {
                libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            }
            Ok(())
        });
    }
}

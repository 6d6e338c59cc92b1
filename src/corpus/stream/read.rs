//! The JSON Lines reader (lines capped at [`MAX_LINE`]) and the HTML-directory reader (a
//! depth-first walk in name order, files capped at [`MAX_RECORD`]), and [`Counted`], the
//! byte counter of the raw input.
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::article::{html_article, json_article};
use super::{Doc, Item, MAX_LINE, MAX_RECORD};

/// Counts bytes read from the raw input.
pub(super) struct Counted<R> {
    pub(super) inner: R,
    pub(super) n: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n
            .fetch_add(k as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(k)
    }
}

/// Reads one line of at most `max` bytes (newline excluded) into `buf`. `Ok(None)` at the
/// end; `Ok(Some(false))` when the line was longer (the rest is skipped, `buf` is cut).
fn read_capped_line(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    max: usize,
) -> std::io::Result<Option<bool>> {
    buf.clear();
    let mut fits = true;
    let mut any = false;
    loop {
        let chunk = r.fill_buf()?;
        if chunk.is_empty() {
            return Ok(any.then_some(fits));
        }
        any = true;
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if fits {
            if buf.len() + take > max {
                fits = false;
                let room = max - buf.len();
                buf.extend_from_slice(&chunk[..room]);
            } else {
                buf.extend_from_slice(&chunk[..take]);
            }
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(Some(fits));
        }
    }
}

pub(super) fn read_jsonl(input: impl Read, label: &str, emit: &mut dyn FnMut(Item) -> bool) {
    let mut r = std::io::BufReader::with_capacity(1 << 16, input);
    let mut buf = Vec::new();
    let mut n = 0u64;
    loop {
        let fits = match read_capped_line(&mut r, &mut buf, MAX_LINE) {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => {
                emit(Item::Fatal(Doc {
                    seq: 0,
                    n: n + 1,
                    source: format!("{label}:{}", n + 1),
                    article: Err(format!("cannot read: {e}")),
                }));
                return;
            }
        };
        n += 1;
        if buf.last() == Some(&b'\r') {
            buf.pop();
        }
        if fits && buf.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let article = if !fits {
            Err(format!("line longer than {MAX_LINE} bytes"))
        } else {
            match std::str::from_utf8(&buf) {
                Ok(s) => json_article(s, n),
                Err(e) => Err(format!(
                    "not valid UTF-8 (at byte {} of the line)",
                    e.valid_up_to()
                )),
            }
        };
        let doc = Doc {
            seq: 0,
            n,
            source: format!("{label}:{n}"),
            article,
        };
        if !emit(Item::Doc(doc)) {
            return;
        }
    }
}

fn is_html_file(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "html" | "htm" | "xhtml"))
}

pub(super) fn read_html_dir(dir: &Path, emit: &mut dyn FnMut(Item) -> bool) {
    // Depth-first, each directory's entries in name order: only the open directories'
    // listings are held, not the whole tree.
    let mut stack: Vec<std::vec::IntoIter<PathBuf>> = Vec::new();
    let mut n = 0u64;
    let list = |d: &Path| -> Result<std::vec::IntoIter<PathBuf>, String> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map_err(|e| format!("cannot read directory: {e}"))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        v.sort();
        Ok(v.into_iter())
    };
    match list(dir) {
        Ok(it) => stack.push(it),
        Err(e) => {
            emit(Item::Fatal(Doc {
                seq: 0,
                n: 1,
                source: dir.display().to_string(),
                article: Err(e),
            }));
            return;
        }
    }
    while let Some(top) = stack.last_mut() {
        let Some(p) = top.next() else {
            stack.pop();
            continue;
        };
        if p.is_dir() {
            match list(&p) {
                Ok(it) => stack.push(it),
                Err(_) => {
                    if !emit(Item::Skip("unreadable directory")) {
                        return;
                    }
                }
            }
            continue;
        }
        if !is_html_file(&p) {
            if !emit(Item::Skip("not an HTML file")) {
                return;
            }
            continue;
        }
        n += 1;
        let source = p.display().to_string();
        let article = std::fs::File::open(&p)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|f| {
                crate::check::read_document(f, MAX_RECORD).map_err(|e| match e {
                    crate::check::ReadError::Io(e) => format!("cannot read: {e}"),
                    other => other.to_string(),
                })
            })
            .and_then(|bytes| {
                let abs = std::fs::canonicalize(&p).unwrap_or_else(|_| p.clone());
                let url = url::Url::from_file_path(&abs)
                    .map(|u| u.to_string())
                    .unwrap_or_else(|_| format!("file://{}", abs.display()));
                html_article(&bytes, None, source.clone(), &url)
            });
        if !emit(Item::Doc(Doc {
            seq: 0,
            n,
            source,
            article,
        })) {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capped_lines_are_cut_and_the_rest_skipped() {
        let mut r = std::io::BufReader::with_capacity(4, &b"abcdefgh\nxy\n\nz"[..]);
        let mut buf = Vec::new();
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(false));
        assert_eq!(buf, b"abcde");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"xy");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), Some(true));
        assert_eq!(buf, b"z");
        assert_eq!(read_capped_line(&mut r, &mut buf, 5).unwrap(), None);
    }
}

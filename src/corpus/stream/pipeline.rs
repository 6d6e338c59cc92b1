//! The ordered parallel run: one reader thread, `jobs` workers with an analyzer each, and
//! the calling thread writing results in input order through a bounded reorder window.
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Mutex;

use super::analyze_article;
use super::read::{read_html_dir, read_jsonl, Counted};
use super::warc_reader::read_warc;
use super::{
    error_line, Doc, InputFormat, Item, Line, StreamError, StreamSummary, CLAIM_MEMO_PER_WORKER,
    WINDOW_PER_JOB,
};
use crate::corpus::analysis::CorpusAnalyzer;
use crate::corpus::CorpusError;

/// Where the documents come from.
#[derive(Debug)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file (JSONL or WARC) or a directory (HTML).
    Path(PathBuf),
}

/// Options of a run.
#[derive(Debug, Clone, Copy)]
pub struct StreamOptions {
    /// Worker threads (at least 1).
    pub jobs: usize,
    /// Input format.
    pub format: InputFormat,
}

/// Reads `input`, analyzes every document on `opts.jobs` workers (each with an analyzer from
/// `make`), and writes one JSON line per document to `out`, in input order.
pub fn run<'d, F>(
    input: Input,
    opts: StreamOptions,
    make: F,
    out: &mut dyn Write,
) -> Result<StreamSummary, StreamError>
where
    F: Fn() -> Result<CorpusAnalyzer<'d>, CorpusError> + Sync,
{
    let jobs = opts.jobs.max(1);
    let window = jobs * WINDOW_PER_JOB;
    // Build every analyzer before reading: a bad configuration fails before any output.
    let mut analyzers = Vec::with_capacity(jobs);
    for _ in 0..jobs {
        let mut a = make()?;
        a.set_claim_memo_limit(CLAIM_MEMO_PER_WORKER);
        analyzers.push(a);
    }
    let bytes = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let skipped: Mutex<BTreeMap<String, u64>> = Mutex::new(BTreeMap::new());
    let fatal: Mutex<Option<String>> = Mutex::new(None);
    let (job_tx, job_rx) = sync_channel::<Doc>(window);
    let job_rx = Mutex::new(job_rx);
    let (res_tx, res_rx) = sync_channel::<(u64, String, bool, bool)>(window);
    let (tok_tx, tok_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        // The channel has exactly `window` slots.
        let _ = tok_tx.send(());
    }
    let mut summary = StreamSummary::default();
    std::thread::scope(|s| -> Result<(), StreamError> {
        // Reader.
        {
            let skipped = &skipped;
            let fatal = &fatal;
            let bytes = bytes.clone();
            s.spawn(move || {
                let mut seq = 0u64;
                let mut emit = |item: Item| -> bool {
                    let doc = match item {
                        Item::Skip(reason) => {
                            if let Ok(mut m) = skipped.lock() {
                                *m.entry(reason.to_owned()).or_default() += 1;
                            }
                            return true;
                        }
                        Item::Fatal(d) => {
                            if let (Ok(mut f), Err(e)) = (fatal.lock(), &d.article) {
                                *f = Some(format!("{}: {e}", d.source));
                            }
                            d
                        }
                        Item::Doc(d) => d,
                    };
                    if tok_rx.recv().is_err() {
                        return false;
                    }
                    seq += 1;
                    let mut d = doc;
                    // `n` stays the input position; the sequence number orders the output.
                    d.seq = seq;
                    job_tx.send(d).is_ok()
                };
                let label = match &input {
                    Input::Stdin => "-".to_owned(),
                    Input::Path(p) => p.display().to_string(),
                };
                let open = |p: &Path| {
                    std::fs::File::open(p).map(|f| Counted {
                        inner: f,
                        n: bytes.clone(),
                    })
                };
                match (&input, opts.format) {
                    (Input::Path(p), InputFormat::HtmlDir) => read_html_dir(p, &mut emit),
                    (Input::Stdin, InputFormat::HtmlDir) => {
                        emit(Item::Fatal(Doc {
                            seq: 0,
                            n: 1,
                            source: label,
                            article: Err("--input-format html-dir needs a directory".to_owned()),
                        }));
                    }
                    (Input::Stdin, f) => {
                        let stdin = Counted {
                            inner: std::io::stdin().lock(),
                            n: bytes.clone(),
                        };
                        if f == InputFormat::Warc {
                            read_warc(stdin, &label, &mut emit);
                        } else {
                            read_jsonl(stdin, &label, &mut emit);
                        }
                    }
                    (Input::Path(p), f) => match open(p) {
                        Ok(file) if f == InputFormat::Warc => read_warc(file, &label, &mut emit),
                        Ok(file) => read_jsonl(file, &label, &mut emit),
                        Err(e) => {
                            emit(Item::Fatal(Doc {
                                seq: 0,
                                n: 1,
                                source: label,
                                article: Err(format!("cannot open: {e}")),
                            }));
                        }
                    },
                }
                drop(job_tx);
            });
        }
        // Workers.
        for mut analyzer in analyzers.drain(..) {
            let job_rx = &job_rx;
            let res_tx: SyncSender<(u64, String, bool, bool)> = res_tx.clone();
            s.spawn(move || loop {
                let doc = {
                    let Ok(rx) = job_rx.lock() else { return };
                    match rx.recv() {
                        Ok(d) => d,
                        Err(_) => return,
                    }
                };
                let (seq, source) = (doc.seq, doc.source);
                let (line, kept, err) = match &doc.article {
                    Ok(a) => {
                        let r = analyze_article(&mut analyzer, doc.n, a);
                        let kept = r.kept;
                        (Line::Result(Box::new(r)), kept, false)
                    }
                    Err(e) => (error_line(doc.n, source, e.clone()), false, true),
                };
                let text = match serde_json::to_string(&line) {
                    Ok(t) => t,
                    Err(e) => serde_json::to_string(&error_line(
                        doc.n,
                        String::new(),
                        format!("could not encode the result: {e}"),
                    ))
                    .unwrap_or_default(),
                };
                if res_tx.send((seq, text, kept, err)).is_err() {
                    return;
                }
            });
        }
        drop(res_tx);
        // Writer: the calling thread.
        write_in_order(res_rx, tok_tx, out, &mut summary)
    })?;
    summary.bytes = bytes.load(std::sync::atomic::Ordering::Relaxed);
    summary.skipped = skipped.into_inner().unwrap_or_default();
    summary.fatal = fatal.into_inner().unwrap_or_default();
    Ok(summary)
}

fn write_in_order(
    res_rx: Receiver<(u64, String, bool, bool)>,
    tok_tx: SyncSender<()>,
    out: &mut dyn Write,
    summary: &mut StreamSummary,
) -> Result<(), StreamError> {
    let mut pending: BTreeMap<u64, (String, bool, bool)> = BTreeMap::new();
    let mut next = 1u64;
    for (seq, text, kept, err) in res_rx {
        pending.insert(seq, (text, kept, err));
        while let Some((text, kept, err)) = pending.remove(&next) {
            out.write_all(text.as_bytes())?;
            out.write_all(b"\n")?;
            summary.documents += 1;
            summary.kept += u64::from(kept);
            summary.errors += u64::from(err);
            next += 1;
            // The reader may go on: one more slot of the window is free.
            let _ = tok_tx.send(());
        }
    }
    out.flush()?;
    Ok(())
}

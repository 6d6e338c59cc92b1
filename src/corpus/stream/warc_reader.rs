//! The WARC reader: gzip per record or uncompressed, each `response` record's HTTP message
//! split, de-chunked and decoded, and HTML pages handed on as documents; other records are
//! skipped by reason.
use std::io::{BufRead, Read};

use super::article::html_article;
use super::{Doc, Item, MAX_RECORD};

/// The HTTP message of a WARC response record, split.
struct HttpResponse<'a> {
    status: u16,
    content_type: Option<String>,
    content_encoding: Option<String>,
    chunked: bool,
    body: &'a [u8],
}

fn parse_http(block: &[u8]) -> Result<HttpResponse<'_>, &'static str> {
    let end = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("no HTTP header")?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    if !status_line.starts_with("HTTP/") {
        return Err("not an HTTP response");
    }
    let status: u16 = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or("no HTTP status")?;
    let mut r = HttpResponse {
        status,
        content_type: None,
        content_encoding: None,
        chunked: false,
        body: &block[end.1..],
    };
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = v.trim().to_ascii_lowercase();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => r.content_type = Some(v),
            "content-encoding" => r.content_encoding = Some(v),
            "transfer-encoding" => r.chunked = v.contains("chunked"),
            _ => {}
        }
    }
    Ok(r)
}

fn dechunk(body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let nl = memchr::memchr(b'\n', rest)?;
        let size_line = std::str::from_utf8(&rest[..nl]).ok()?;
        let size = usize::from_str_radix(size_line.trim().split(';').next()?.trim(), 16).ok()?;
        rest = &rest[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

fn decode_body(r: &HttpResponse<'_>) -> Result<Vec<u8>, &'static str> {
    let body = if r.chunked {
        dechunk(r.body).ok_or("bad chunked encoding")?
    } else {
        r.body.to_vec()
    };
    match r.content_encoding.as_deref() {
        None | Some("identity") | Some("") => Ok(body),
        Some("gzip") | Some("x-gzip") => {
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(&body[..])
                .take(MAX_RECORD)
                .read_to_end(&mut out)
                .map_err(|_| "bad gzip content encoding")?;
            Ok(out)
        }
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_RECORD)
                .read_to_end(&mut out)
                .map_err(|_| "bad deflate content encoding")?;
            Ok(out)
        }
        Some(_) => Err("unsupported content encoding"),
    }
}

/// A WARC record's document, or the reason it is not one.
fn warc_document(record: &[u8], n: u64, source: &str) -> Result<Doc, &'static str> {
    let parsed = warc::WarcReader::new(record).iter_records().next();
    let rec = match parsed {
        None => return Err("empty record"),
        Some(Err(e)) => {
            return Ok(Doc {
                seq: 0,
                n,
                source: source.to_owned(),
                article: Err(format!("invalid WARC record: {e}")),
            })
        }
        Some(Ok(r)) => r,
    };
    if *rec.warc_type() != warc::RecordType::Response {
        return Err(match rec.warc_type() {
            warc::RecordType::WarcInfo => "warcinfo record",
            warc::RecordType::Request => "request record",
            warc::RecordType::Metadata => "metadata record",
            warc::RecordType::Revisit => "revisit record",
            _ => "other record type",
        });
    }
    let ct = rec
        .header(warc::WarcHeader::ContentType)
        .map(|c| c.to_ascii_lowercase())
        .unwrap_or_default();
    if !ct.starts_with("application/http") {
        return Err("response without an HTTP message");
    }
    let url = rec
        .header(warc::WarcHeader::TargetURI)
        .map(|u| u.into_owned())
        .unwrap_or_default();
    let id = rec
        .header(warc::WarcHeader::RecordID)
        .map(|u| u.trim_matches(|c| c == '<' || c == '>').to_owned())
        .unwrap_or_else(|| n.to_string());
    let http = match parse_http(rec.body()) {
        Ok(h) => h,
        Err(e) => {
            return Ok(Doc {
                seq: 0,
                n,
                source: source.to_owned(),
                article: Err(format!("{url}: {e}")),
            })
        }
    };
    if !(200..300).contains(&http.status) {
        return Err("HTTP status not 2xx");
    }
    let html_type = http
        .content_type
        .as_deref()
        .is_some_and(|c| c.starts_with("text/html") || c.starts_with("application/xhtml"));
    if !html_type {
        return Err("not HTML");
    }
    let charset = http
        .content_type
        .as_deref()
        .and_then(|c| c.split(';').find_map(|p| p.trim().strip_prefix("charset=")))
        .map(|c| c.trim_matches('"').to_owned());
    let article = decode_body(&http)
        .map_err(|e| format!("{url}: {e}"))
        .and_then(|body| {
            html_article(&body, charset.as_deref(), id, &url).map_err(|e| format!("{url}: {e}"))
        });
    Ok(Doc {
        seq: 0,
        n,
        source: source.to_owned(),
        article,
    })
}

pub(super) fn read_warc(input: impl Read, label: &str, emit: &mut dyn FnMut(Item) -> bool) {
    let mut r = std::io::BufReader::with_capacity(1 << 16, input);
    let gzip = match r.fill_buf() {
        Ok(b) => b.starts_with(&[0x1f, 0x8b]),
        Err(e) => {
            emit(Item::Fatal(Doc {
                seq: 0,
                n: 1,
                source: label.to_owned(),
                article: Err(format!("cannot read: {e}")),
            }));
            return;
        }
    };
    let mut n = 0u64;
    let mut record = Vec::new();
    let handle = |n: u64, record: &[u8], emit: &mut dyn FnMut(Item) -> bool| -> bool {
        let source = format!("{label}: record {n}");
        match warc_document(record, n, &source) {
            Ok(doc) => emit(Item::Doc(doc)),
            Err(reason) => emit(Item::Skip(reason)),
        }
    };
    if gzip {
        // One gzip member per record: a bad record is skipped and the next member read.
        loop {
            match r.fill_buf() {
                Ok([]) => return,
                Ok(_) => {}
                Err(e) => {
                    emit(Item::Fatal(Doc {
                        seq: 0,
                        n: n + 1,
                        source: format!("{label}: record {}", n + 1),
                        article: Err(format!("cannot read: {e}")),
                    }));
                    return;
                }
            }
            n += 1;
            record.clear();
            let mut member = flate2::bufread::GzDecoder::new(&mut r).take(MAX_RECORD + 1);
            if let Err(e) = member.read_to_end(&mut record) {
                emit(Item::Fatal(Doc {
                    seq: 0,
                    n,
                    source: format!("{label}: record {n}"),
                    article: Err(format!("gzip stream broken, rest of the file unread: {e}")),
                }));
                return;
            }
            if record.len() as u64 > MAX_RECORD {
                emit(Item::Fatal(Doc {
                    seq: 0,
                    n,
                    source: format!("{label}: record {n}"),
                    article: Err(format!(
                        "record larger than {MAX_RECORD} bytes, rest of the file unread"
                    )),
                }));
                return;
            }
            if !handle(n, &record, emit) {
                return;
            }
        }
    } else {
        // Uncompressed: records follow each other; a record whose header cannot be parsed
        // leaves no way to find the next one.
        for rec in warc::WarcReader::new(r).iter_raw_records() {
            n += 1;
            match rec {
                Ok((header, body)) => {
                    record.clear();
                    let mut w = warc::WarcWriter::new(&mut record);
                    let ok = w.write_raw(header, &body).is_ok();
                    if !ok {
                        continue;
                    }
                    if !handle(n, &record, emit) {
                        return;
                    }
                }
                Err(e) => {
                    emit(Item::Fatal(Doc {
                        seq: 0,
                        n,
                        source: format!("{label}: record {n}"),
                        article: Err(format!("invalid WARC record, rest of the file unread: {e}")),
                    }));
                    return;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined_and_bad_ones_refused() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"zz\r\nabc").is_none());
        assert!(dechunk(b"10\r\nabc").is_none());
    }

    #[test]
    fn http_heads_are_parsed() {
        let h = parse_http(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\n\r\n<p>x</p>",
        )
        .unwrap();
        assert_eq!(h.status, 200);
        assert_eq!(h.content_type.as_deref(), Some("text/html; charset=utf-8"));
        assert_eq!(h.body, b"<p>x</p>");
        assert!(parse_http(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert!(parse_http(b"no header end").is_err());
    }
}

//! Prints what the extractor finds in one page file (for eyeballing fixtures and failures).
//! Usage: `extract_page FILE [URL] [HEADER_CHARSET]`
#![allow(clippy::print_stdout)]

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        println!("usage: extract_page FILE [URL] [HEADER_CHARSET]");
        return;
    };
    let Ok(bytes) = std::fs::read(path) else {
        println!("cannot read {path}");
        return;
    };
    let ex = hypecheck::collect::extract::extract(
        &bytes,
        args.get(2).map(String::as_str),
        args.get(1).map(String::as_str),
    );
    let mut meta = ex.clone();
    meta.text = format!("<{} bytes>", ex.text.len());
    println!("{meta:#?}\n----\n{}", ex.text);
}

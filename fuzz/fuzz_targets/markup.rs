//! Markup → plain text with its offset map: no panic, every plain offset maps back onto a
//! char boundary inside the source, monotonically, and the same input gives the same output.
#![no_main]
use hypecheck::text::markup::{prepare, Format};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::Text, Format::Markdown, Format::Html] {
        let p = prepare(source, format);
        let mut last = 0;
        for (i, _) in p.text.char_indices() {
            let o = p.map.to_orig(i);
            assert!(o <= source.len(), "offset {o} past the source ({})", source.len());
            assert!(source.is_char_boundary(o), "offset {o} inside a character");
            assert!(o >= last, "offsets go backwards: {last} then {o}");
            last = o;
        }
        for r in &p.quoted {
            assert!(r.start <= r.end && r.end <= p.text.len());
        }
        let again = prepare(source, format);
        assert_eq!(p.text, again.text);
    }
});

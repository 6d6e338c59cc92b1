//! Element classification: which tags never hold article text, which are blocks, and what
//! `class`/`id` names say about an element (boilerplate or article body).

use regex::Regex;
use scraper::node::Element;
use std::sync::LazyLock;

/// Class/id words of page furniture matched anywhere in the name (distinctive enough not to
/// appear inside unrelated words).
const NEG_ANYWHERE: &str = "comment|share|sharing|social|related|newsletter|cookie|consent|breadcrumb|sidebar|advert|outbrain|taboola|promo|recommend|subscribe|popup|teaser|footer|disqus|gdpr|sponsor|signup|paywall|most-?popular|trending|read-?more|more-?stories|recirc|widget|toolbar|masthead|skip-?link|jump-?link|caption|credit|bildunterschrift|bildtext|bildnachweis|werbung|anzeige|kommentar|empfehlung|verwandt|teilen";

/// Short class/id words of page furniture, matched only as whole `-`/`_`-separated tokens
/// (`ad` must not match `header`, `nav` must not match `canvas`).
const NEG_WORDS: &str = "nav|navbar|navigation|menu|aside|ads?|adslot|adunit|adbox|ad[0-9]+|banner|tags?|byline|author|authors|meta|dateline|caption|credits?|hidden|hide|sr-only|visually-hidden|screen-reader-text|print|pagination|pager|popular|modal|overlay|login|follow|rating|topics|keywords|timestamp|date|bio|infobox|toc|extra|secondary|header|masthead|autor|abo|datum|schlagworte|themen";

/// Both furniture word lists in one automaton (one search per class word).
static NEG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:{NEG_ANYWHERE})|(?:(?:^|[\s_-])(?:{NEG_WORDS})(?:$|[\s_-]))"
    ))
    .expect("static regex")
});

/// Class/id names that mark the article body itself; they override negative words
/// (`article-body has-share-bar`).
static POS_STRONG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)article[-_]?body|article__body|article[-_]?content|article__content|entry[-_]?content|post[-_]?content|post[-_]?body|story[-_]?body|story[-_]?content|article[-_]?text|article__text|body[-_]?text|main[-_]?content|content[-_]?body|rich[-_]?text|text[-_]?body|articlebody|post[-_]?entry|blog[-_]?post[-_]?body|storytext|page[-_]?content|artikel[-_]?text|artikel[-_]?inhalt|artikel[-_]?body|beitrag[-_]?text|beitrags[-_]?text",
    )
    .expect("static regex")
});

/// Class/id words that make an element a likelier article container when scoring.
static POS_WEAK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)article|content|entry|post|story|body|text|main|blog|prose|artikel|inhalt|beitrag",
    )
    .expect("static regex")
});

/// Tags whose subtree never holds article text.
pub(crate) fn is_skip_tag(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "video"
            | "audio"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "option"
            | "head"
            | "title"
            | "meta"
            | "link"
            | "nav"
            | "aside"
            | "footer"
            | "header"
            | "figure"
            | "figcaption"
            | "picture"
            | "h1"
            | "dialog"
            | "menu"
            | "label"
    )
}

/// Page regions that are furniture as a rule but, left unclosed by a broken template
/// (`<aside>` with no `</aside>`), swallow everything after them, the article included.
/// They are judged by how much of the page's text they hold instead of skipped unseen.
pub(crate) fn is_region_tag(name: &str) -> bool {
    matches!(name, "aside" | "header" | "footer")
}

/// Subheadings: their `id`s are anchors for tables of contents (`nav_rollout`, `toc-2`), not
/// names of what they are.
pub(crate) fn is_subheading(name: &str) -> bool {
    matches!(name, "h2" | "h3" | "h4" | "h5" | "h6")
}

/// Tags that start a new paragraph in the output.
pub(crate) fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "html"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "ul"
            | "ol"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "tbody"
            | "thead"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
            | "center"
            | "address"
            | "details"
            | "summary"
            | "hr"
            | "br"
            | "form"
            | "fieldset"
            | "caption"
            | "hgroup"
    )
}

/// Standard inline (phrasing) elements.
pub(crate) fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "wbr"
            | "big"
            | "tt"
            | "strike"
            | "nobr"
    )
}

/// Blocks whose inline text counts as a paragraph when scoring containers.
pub(crate) fn is_para_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "pre"
            | "div"
            | "section"
            | "td"
            | "blockquote"
            | "dd"
            | "article"
            | "main"
            | "center"
    )
}

/// Hidden by markup (`hidden`, inline `display:none`).
pub(crate) fn is_hidden(el: &Element) -> bool {
    el.attr("hidden").is_some() || el.attr("style").is_some_and(style_hides)
}

/// An inline style that hides the element (`display:none`, `visibility:hidden`).
pub(crate) fn style_hides(s: &str) -> bool {
    // Cheap pre-check before normalising (most styles hide nothing).
    let lower_has = |w: &str| {
        s.as_bytes()
            .windows(w.len())
            .any(|x| x.eq_ignore_ascii_case(w.as_bytes()))
    };
    if !lower_has("none") && !lower_has("hidden") {
        return false;
    }
    let s: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    s.contains("display:none") || s.contains("visibility:hidden")
}

fn class_and_id(el: &Element) -> (Option<&str>, Option<&str>) {
    (el.attr("class"), el.attr("id"))
}

/// Furniture words that never name an article container, however much text it holds.
static HARD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)comment|disqus|cookie|consent|gdpr|newsletter|signup|popup|modal|outbrain|taboola|related|recommend|share|sharing|social|breadcrumb|footer|subscribe|promo|sponsor|werbung|anzeige|kommentar|empfehlung|verwandt|teilen",
    )
    .expect("static regex")
});

/// What a `class` or `id` value says, computed once per distinct value.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct NameInfo {
    /// Furniture word found: `Some(hard)`.
    neg: Option<bool>,
    /// Names the article body (`article-body`, ...).
    pub(crate) strong: bool,
    /// An embedded post (tweet, Instagram) that the article quotes.
    embedded: bool,
}

impl NameInfo {
    fn merge(self, o: NameInfo) -> NameInfo {
        NameInfo {
            neg: match (self.neg, o.neg) {
                (None, x) | (x, None) => x,
                (Some(a), Some(b)) => Some(a || b),
            },
            strong: self.strong || o.strong,
            embedded: self.embedded || o.embedded,
        }
    }
}

/// Judges a `class` value word by word; state and taxonomy classes (`has-sidebar`,
/// `modal-enabled`, `tag-ads`, `field-label-hidden`) describe the page, not the element.
pub(crate) fn class_info(class: &str) -> NameInfo {
    let mut info = NameInfo {
        strong: POS_STRONG.is_match(class),
        ..NameInfo::default()
    };
    for w in class.split_ascii_whitespace().filter(|w| !is_descriptor(w)) {
        info = info.merge(word_info(w));
    }
    info
}

/// Judges an `id` value (one word).
pub(crate) fn id_info(id: &str) -> NameInfo {
    NameInfo {
        strong: POS_STRONG.is_match(id),
        ..word_info(id)
    }
}

/// Page builders (Elementor, Divi, SiteOrigin, WPBakery, Beaver Builder, …) call every
/// block a widget or module, article text included: `elementor-widget-text-editor`. For
/// their class words the builder's own vocabulary is dropped and the rest judged
/// (`elementor-widget-share-buttons` is still a share bar). WordPress's sidebar widgets
/// (`widget_text`) carry no builder prefix and stay furniture.
fn without_builder_words(w: &str) -> std::borrow::Cow<'_, str> {
    const BUILDERS: [&str; 12] = [
        "elementor",
        "et_pb_",
        "siteorigin",
        "so-widget",
        "panel-widget",
        "wpb_",
        "vc_",
        "fl-module",
        "fl-widget",
        "brxe-",
        "jet-",
        "uagb-",
    ];
    let lower = w.to_ascii_lowercase();
    if !BUILDERS.iter().any(|b| lower.contains(b)) {
        return std::borrow::Cow::Borrowed(w);
    }
    let mut rest = lower;
    for generic in ["widget", "module", "element", "container", "wrap"] {
        rest = rest.replace(generic, "");
    }
    std::borrow::Cow::Owned(rest)
}

fn word_info(w: &str) -> NameInfo {
    let w = &*without_builder_words(w);
    NameInfo {
        neg: NEG.is_match(w).then(|| HARD.is_match(w)),
        strong: false,
        embedded: w.contains("tweet") || w.contains("instagram"),
    }
}

/// Whether an element is page furniture, given what its class and id say: `None` when not,
/// `Some(true)` for names that never hold the article (comments, cookie banners, share bars),
/// `Some(false)` for softer names (`sidebar`, `tag-…`, `ad`) that sometimes sit on wrappers.
pub(crate) fn furniture_with(
    name: &str,
    role: Option<&str>,
    class: NameInfo,
    id: NameInfo,
) -> Option<bool> {
    // Inline elements are part of their sentence whatever their class (`js_link`, ...);
    // only blocks and unknown (custom) elements are judged.
    // `<span>` is kept judged: captions, credits and ad labels are often spans.
    if matches!(name, "html" | "body" | "main") || (is_inline(name) && name != "span") {
        return None;
    }
    if let Some(role) = role {
        if matches!(
            role,
            "navigation" | "contentinfo" | "dialog" | "alertdialog" | "menu" | "menubar"
        ) {
            return Some(true);
        }
        if matches!(role, "banner" | "complementary") {
            return Some(false);
        }
    }
    let info = class.merge(id);
    // Embedded posts quoted by the article are content; a body name overrides furniture
    // words on the same element (`article-body has-share-bar`).
    if info.embedded || info.strong {
        return None;
    }
    info.neg
}

/// [`furniture_with`] computing the name information on the spot.
#[cfg(test)]
pub(crate) fn furniture(el: &Element) -> Option<bool> {
    let c = el.attr("class").map(class_info).unwrap_or_default();
    let i = el.attr("id").map(id_info).unwrap_or_default();
    furniture_with(el.name(), el.attr("role"), c, i)
}

/// Classes that describe state or taxonomy rather than what the element is.
fn is_descriptor(w: &str) -> bool {
    const PREFIXES: [&str; 13] = [
        "has-",
        "has_",
        "with-",
        "no-",
        "is-",
        "tag-",
        "category-",
        "cat-",
        "label-",
        "field-label",
        "js-",
        "format-",
        "type-",
    ];
    const SUFFIXES: [&str; 7] = [
        "-enabled",
        "-disabled",
        "-active",
        "-hidden",
        "-loaded",
        "-open",
        "-visible",
    ];
    let b = w.as_bytes();
    // Byte-wise, case-insensitive, without allocating (this runs for every class word).
    PREFIXES
        .iter()
        .any(|p| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
        || SUFFIXES.iter().any(|x| {
            b.len() >= x.len() && b[b.len() - x.len()..].eq_ignore_ascii_case(x.as_bytes())
        })
}

/// Readability-style class weight: positive names +25, furniture names -25.
pub(crate) fn class_weight(el: &Element) -> f32 {
    let (c, i) = class_and_id(el);
    let mut w = 0.0;
    for s in [c, i].into_iter().flatten() {
        if POS_STRONG.is_match(s) {
            w += 50.0;
        } else if POS_WEAK.is_match(s) {
            w += 25.0;
        }
        if s.split_ascii_whitespace()
            .any(|word| NEG.is_match(&without_builder_words(word)))
        {
            w -= 25.0;
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn first_div(html: &str) -> Element {
        let doc = Html::parse_fragment(html);
        let sel = scraper::Selector::parse("div").expect("selector");
        doc.select(&sel).next().expect("div").value().clone()
    }

    #[test]
    fn hints() {
        let f = |h: &str| furniture(&first_div(h));
        assert_eq!(f(r#"<div class="social-share">x</div>"#), Some(true));
        assert_eq!(f(r#"<div class="ad-slot">x</div>"#), Some(false));
        assert_eq!(
            f(r#"<div class="article-body share-enabled">x</div>"#),
            None
        );
        assert_eq!(f(r#"<div class="loading">x</div>"#), None);
        assert_eq!(f(r#"<div class="post has-sidebar tag-ads">x</div>"#), None);
        assert_eq!(f(r#"<div class="header-wrap">x</div>"#), Some(false));
        assert_eq!(f(r#"<div id="cookie-banner">x</div>"#), Some(true));
        let builder = r#"<div class="elementor-element elementor-widget elementor-widget-text-editor">x</div>"#;
        assert_eq!(f(builder), None);
        let share = r#"<div class="elementor-widget elementor-widget-share-buttons">x</div>"#;
        assert_eq!(f(share), Some(true));
        assert_eq!(f(r#"<div class="widget widget_text">x</div>"#), Some(false));
    }
}

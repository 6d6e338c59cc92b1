//! Main-text detection and rendering.
//!
//! One pass over the DOM gathers per-element statistics (text, link text, paragraph text,
//! a readability-style content score); the best container is chosen from those numbers and
//! semantic markup (`itemprop=articleBody`, `<article>`, body class names), and a second pass
//! renders it to paragraphs while dropping furniture (link lists, share bars, ads, ...).

use super::hints;
use ego_tree::{NodeId, NodeRef};
use rustc_hash::{FxHashMap, FxHashSet};
use scraper::{Html, Node};

type NRef<'a> = NodeRef<'a, Node>;

/// Inline text runs shorter than this (bytes) are not paragraphs.
const MIN_PARA: u32 = 25;

/// Paragraph text (bytes) that keeps a softly furniture-named container in play.
const PROTECT_PTEXT: u32 = 1000;

/// Statistics of one element's visible subtree, hard furniture (comments, share bars, ...)
/// left out.
#[derive(Clone, Copy, Default, Debug)]
struct Stats {
    text: u32,
    link: u32,
    /// Text in paragraph runs (≥ `MIN_PARA`).
    ptext: u32,
    paras: u32,
    /// Content score received from child paragraphs.
    score: f32,
    /// Contains an `<h1>` (the page headline, usually).
    has_h1: bool,
}

impl Stats {
    fn link_density(&self) -> f32 {
        if self.text == 0 {
            0.0
        } else {
            self.link as f32 / self.text as f32
        }
    }
}

/// Result of the statistics pass.
struct PageStats {
    stats: FxHashMap<NodeId, Stats>,
    /// Paragraph text in the whole page, boilerplate containers included.
    raw_ptext: u32,
    /// `itemprop=articleBody` elements.
    body_props: Vec<NodeId>,
    /// Elements whose class/id names the article body.
    body_classes: Vec<NodeId>,
    /// `<article>` elements.
    articles: Vec<NodeId>,
    /// Elements judged boilerplate (their subtrees are not article text).
    boiler: FxHashSet<NodeId>,
    /// Softly furniture-named elements, judged once the page totals are known.
    soft: Vec<NodeId>,
    /// `<aside>`/`<header>`/`<footer>` elements, judged once the page totals are known.
    regions: Vec<NodeId>,
    /// `<h1>` elements, in document order.
    h1s: Vec<NodeId>,
}

struct Frame {
    id: NodeId,
    block: bool,
    para_block: bool,
    is_p: bool,
    link: bool,
    /// Class/id/role name page furniture: `Some(hard)`; hard ones are never article text.
    furniture: Option<bool>,
    /// An `<aside>`, `<header>` or `<footer>`.
    region: bool,
    s: Stats,
    inline_len: u32,
    commas: u32,
}

/// Work allowed for one page, in steps (a node visited, an ancestor looked at). Every pass is
/// linear, so a real page spends a few steps per byte; the budget is a backstop so that a
/// page hitting some path nobody foresaw stops with a reason instead of stalling a scan.
#[derive(Debug)]
pub(crate) struct Budget {
    total: u64,
    left: std::cell::Cell<u64>,
}

/// Steps allowed per byte of decoded page, and for every page.
const WORK_PER_BYTE: u64 = 32;
const WORK_BASE: u64 = 1 << 20;

impl Budget {
    pub(crate) fn new(total: u64) -> Budget {
        Budget {
            total,
            left: std::cell::Cell::new(total),
        }
    }

    /// The budget for a page of `len` bytes.
    pub(crate) fn for_len(len: usize) -> Budget {
        Budget::new(
            WORK_PER_BYTE
                .saturating_mul(len as u64)
                .saturating_add(WORK_BASE),
        )
    }

    /// Spends one step; `false` once the budget is used up.
    fn spend(&self) -> bool {
        match self.left.get() {
            0 => false,
            l => {
                self.left.set(l - 1);
                true
            }
        }
    }

    pub(crate) fn exhausted(&self) -> bool {
        self.left.get() == 0
    }

    pub(crate) fn total(&self) -> u64 {
        self.total
    }
}

/// Depth-first walk without recursion (pages can nest hundreds of thousands of levels).
/// `visit(node, true)` is the enter call and returns whether to descend; `visit(node, false)`
/// is the leave call, made for every node that was descended into.
/// Stops early when `budget` is used up.
fn walk<'a>(start: NRef<'a>, budget: &Budget, mut visit: impl FnMut(NRef<'a>, bool) -> bool) {
    let mut node = start;
    'outer: loop {
        if !budget.spend() {
            break;
        }
        if visit(node, true) {
            if let Some(c) = node.first_child() {
                node = c;
                continue;
            }
            visit(node, false);
        }
        loop {
            if node.id() == start.id() {
                break 'outer;
            }
            if let Some(s) = node.next_sibling() {
                node = s;
                continue 'outer;
            }
            match node.parent() {
                Some(p) => {
                    node = p;
                    visit(node, false);
                }
                None => break 'outer,
            }
        }
    }
}

fn text_len(t: &str) -> u32 {
    let t = t.trim();
    u32::try_from(t.len()).unwrap_or(u32::MAX)
}

fn analyze(start: NRef<'_>, use_hints: bool, budget: &Budget) -> PageStats {
    let mut a = PageStats {
        stats: FxHashMap::default(),
        raw_ptext: 0,
        body_props: Vec::new(),
        body_classes: Vec::new(),
        articles: Vec::new(),
        boiler: FxHashSet::default(),
        soft: Vec::new(),
        regions: Vec::new(),
        h1s: Vec::new(),
    };
    let mut stack: Vec<Frame> = Vec::with_capacity(64);
    let mut class_cache: FxHashMap<&str, hints::NameInfo> = FxHashMap::default();
    walk(start, budget, |node, entering| {
        if !entering {
            leave_stats(&mut a, &mut stack, node);
            return false;
        }
        match node.value() {
            Node::Text(t) => {
                let len = text_len(t);
                if len == 0 {
                    return false;
                }
                if let Some(top) = stack.last_mut() {
                    top.inline_len = top.inline_len.saturating_add(len);
                    top.commas += t.bytes().filter(|&b| b == b',').count() as u32;
                    top.s.text = top.s.text.saturating_add(len);
                    if stack.iter().rev().take(8).any(|f| f.link) {
                        if let Some(top) = stack.last_mut() {
                            top.s.link = top.s.link.saturating_add(len);
                        }
                    }
                }
                false
            }
            Node::Element(el) => {
                let name = el.name();
                if name == "h1" {
                    a.h1s.push(node.id());
                    if let Some(top) = stack.last_mut() {
                        top.s.has_h1 = true;
                    }
                }
                let region = hints::is_region_tag(name);
                if hints::is_skip_tag(name) && !region {
                    return false;
                }
                // One walk over the attributes (this runs for every element).
                let (mut class, mut id, mut role) = (None, None, None);
                let (mut hidden, mut body_prop) = (false, false);
                for (k, v) in el.attrs() {
                    match k {
                        "class" => class = Some(v),
                        "id" => id = Some(v),
                        "role" => role = Some(v),
                        "hidden" => hidden = true,
                        "style" => hidden |= hints::style_hides(v),
                        "itemprop" => body_prop = v.eq_ignore_ascii_case("articleBody"),
                        _ => {}
                    }
                }
                if hidden {
                    return false;
                }
                if body_prop {
                    a.body_props.push(node.id());
                }
                if name == "article" {
                    a.articles.push(node.id());
                }
                // Class values repeat across a page; each distinct one is judged once.
                let class = class.map_or_else(hints::NameInfo::default, |c| {
                    *class_cache.entry(c).or_insert_with(|| hints::class_info(c))
                });
                // A subheading's id is an anchor for a table of contents (`nav_rollout`).
                let id = id
                    .filter(|_| !hints::is_subheading(name))
                    .map(hints::id_info)
                    .unwrap_or_default();
                if !matches!(name, "body" | "html")
                    && !hints::is_inline(name)
                    && (class.strong || id.strong)
                {
                    a.body_classes.push(node.id());
                }
                stack.push(Frame {
                    id: node.id(),
                    block: hints::is_block(name),
                    para_block: hints::is_para_block(name),
                    is_p: name == "p",
                    link: name == "a",
                    furniture: if use_hints {
                        // A subheading inside the text is text, whatever soft word its class
                        // carries; hard ones (`related-title`) still are furniture.
                        hints::furniture_with(name, role, class, id)
                            .filter(|hard| *hard || !hints::is_subheading(name))
                    } else {
                        None
                    },
                    region,
                    s: Stats::default(),
                    inline_len: 0,
                    commas: 0,
                });
                true
            }
            Node::Document | Node::Fragment => true,
            _ => false,
        }
    });
    // A softly-named container (`has-sidebar`, `widget Blog`) that holds a good share of the
    // page's paragraph text, or a lot of plain paragraph text, is the article's wrapper.
    let total = a.raw_ptext as f32;
    // A region is furniture unless it is what an unclosed `<aside>`/`<header>` turns into:
    // a wrapper of the headline and most of the page's text.
    for id in std::mem::take(&mut a.regions) {
        let s = a.stats.get(&id).copied().unwrap_or_default();
        if !s.has_h1 || (s.ptext as f32) < 0.5 * total || s.link_density() >= 0.3 {
            a.boiler.insert(id);
        }
    }
    for id in std::mem::take(&mut a.soft) {
        let s = a.stats.get(&id).copied().unwrap_or_default();
        let protected =
            s.ptext as f32 >= 0.3 * total || (s.ptext >= PROTECT_PTEXT && s.link_density() < 0.3);
        if !protected {
            a.boiler.insert(id);
        }
    }
    a
}

fn leave_stats(a: &mut PageStats, stack: &mut Vec<Frame>, node: NRef<'_>) {
    if !node.value().is_element() {
        return;
    }
    let Some(mut f) = stack.pop() else {
        return;
    };
    if f.block {
        if f.para_block && f.inline_len >= MIN_PARA {
            a.raw_ptext = a.raw_ptext.saturating_add(f.inline_len);
            f.s.paras += 1;
            f.s.ptext = f.s.ptext.saturating_add(f.inline_len);
            let score = 1.0 + f.commas as f32 + (f.inline_len as f32 / 100.0).min(3.0);
            // A div/td holding text directly is itself a container candidate (its parent
            // may be a link-heavy layout wrapper).
            if !f.is_p {
                f.s.score += score;
            }
            // Parent gets the full score, grandparent half, further ancestors less.
            for (level, anc) in stack.iter_mut().rev().take(4).enumerate() {
                let div = match level {
                    0 => 1.0,
                    1 => 2.0,
                    l => l as f32 * 3.0,
                };
                anc.s.score += score / div;
            }
        }
        f.inline_len = 0;
        f.commas = 0;
    }
    if f.s.text > 0 || f.s.score > 0.0 {
        a.stats.insert(f.id, f.s);
    }
    match f.furniture {
        // Hard furniture (comments, share bars, cookie banners) is never article text.
        Some(true) => {
            a.boiler.insert(f.id);
            return;
        }
        // Regions and soft names (`sidebar`, `widget`, `ad`) also sit on wrappers of the
        // article; they are judged after the pass, when the page's paragraph total is known.
        _ if f.region => a.regions.push(f.id),
        Some(false) => a.soft.push(f.id),
        None => {}
    }
    if let Some(parent) = stack.last_mut() {
        parent.s.text = parent.s.text.saturating_add(f.s.text);
        parent.s.link = parent.s.link.saturating_add(f.s.link);
        parent.s.ptext = parent.s.ptext.saturating_add(f.s.ptext);
        parent.s.paras += f.s.paras;
        parent.s.has_h1 |= f.s.has_h1;
        parent.inline_len = parent.inline_len.saturating_add(f.inline_len);
        parent.commas += f.commas;
    }
}

/// Paragraph texts that are page furniture whatever container they sit in.
fn is_boiler_line(p: &str) -> bool {
    if p.len() <= 160 {
        let start = p.trim_start();
        if start.starts_with('©') || start.to_lowercase().starts_with("copyright ©") {
            return true;
        }
    }
    if p.len() > 60 {
        return false;
    }
    let l = p.trim_end_matches([':', '.', '!', '…']).to_lowercase();
    // Datelines: "Published November 20th, 2019 - 07:50 GMT", "Stand: 02.10.2026, 09:30 Uhr".
    let dateline_prefix = [
        "published",
        "updated",
        "last updated",
        "posted",
        "veröffentlicht",
        "aktualisiert",
        "zuletzt aktualisiert",
        "stand:",
        "erstellt",
    ];
    if dateline_prefix.iter().any(|d| l.starts_with(d)) && l.bytes().any(|b| b.is_ascii_digit()) {
        return true;
    }
    // A paragraph that is only a date ("2018-08-16", "2. Oktober 2026").
    if l.len() <= 40 && l.split_whitespace().count() <= 5 && super::dates::normalize(&l).is_some() {
        return true;
    }
    matches!(
        l.as_str(),
        "advertisement"
            | "advert"
            | "advertising"
            | "sponsored"
            | "anzeige"
            | "werbung"
            | "share"
            | "share this"
            | "share this article"
            | "share this story"
            | "teilen"
            | "artikel teilen"
            | "read more"
            | "weiterlesen"
            | "mehr lesen"
            | "related"
            | "related articles"
            | "related stories"
            | "mehr zum thema"
            | "lesen sie auch"
            | "auch interessant"
            | "meistgelesen"
            | "you may also like"
            | "you might also like"
            | "don't miss"
            | "don’t miss"
            | "most popular"
            | "most read"
            | "recommended"
            | "trending"
            | "das könnte sie auch interessieren"
            | "story continues below advertisement"
            | "story continues below"
            | "article continues below"
            | "continue reading below"
            | "scroll to continue with content"
            | "click to expand"
            | "tags"
            | "schlagworte"
            | "themen"
            | "comments"
            | "kommentare"
            | "this slideshow requires javascript"
            | "loading"
            | "loading..."
    )
}

/// Renders a subtree to paragraphs.
struct Renderer<'s> {
    stats: &'s FxHashMap<NodeId, Stats>,
    /// Paragraph text of the container being rendered.
    root_ptext: u32,
    boiler: &'s FxHashSet<NodeId>,
    paras: Vec<String>,
    buf: String,
    buf_link: usize,
    /// Bytes of the buffer that came from `<time>` elements.
    buf_time: usize,
    pending_space: bool,
    in_link: u32,
    in_time: u32,
}

impl Renderer<'_> {
    fn flush(&mut self) {
        let text = self.buf.trim();
        if !text.is_empty() {
            let mostly_links = self.buf_link * 2 > text.len();
            // A paragraph that is nothing but a `<time>` is a dateline, not article text.
            let only_time = self.buf_time * 10 >= text.len() * 9;
            if !mostly_links && !only_time && !is_boiler_line(text) {
                self.paras.push(text.to_owned());
            }
        }
        self.buf.clear();
        self.buf_link = 0;
        self.buf_time = 0;
        self.pending_space = false;
    }

    fn push_text(&mut self, t: &str) {
        let before = self.buf.len();
        let mut words = t.split_whitespace().peekable();
        if words.peek().is_none() {
            self.pending_space = true;
            return;
        }
        if t.starts_with(char::is_whitespace) {
            self.pending_space = true;
        }
        for w in words {
            if w.chars().all(super::meta::is_invisible) {
                continue;
            }
            if self.pending_space && !self.buf.is_empty() {
                self.buf.push(' ');
            }
            super::meta::push_visible(&mut self.buf, w);
            self.pending_space = true;
        }
        self.pending_space = t.ends_with(char::is_whitespace);
        if self.in_link > 0 {
            self.buf_link += self.buf.len() - before;
        }
        if self.in_time > 0 {
            self.buf_time += self.buf.len() - before;
        }
    }

    /// Container elements that are mostly links (related lists, tag clouds, menus).
    fn is_link_container(&self, id: NodeId, name: &str) -> bool {
        if !matches!(
            name,
            "div" | "section" | "ul" | "ol" | "table" | "dl" | "form"
        ) {
            return false;
        }
        let Some(s) = self.stats.get(&id) else {
            return false;
        };
        // A wrapper of most of the rendered text is not a link list, whatever its links.
        if s.ptext * 2 >= self.root_ptext && s.paras >= 2 {
            return false;
        }
        let ld = s.link_density();
        ld > 0.5 || (ld > 0.3 && s.paras == 0 && s.text < 300)
    }

    /// Lists of teasers: most items end in a truncation ellipsis ("… more", "...").
    fn is_teaser_list(node: NRef<'_>, name: &str) -> bool {
        if !matches!(name, "ul" | "ol" | "div" | "section") {
            return false;
        }
        let (mut items, mut truncated) = (0u32, 0u32);
        for child in node.children().filter(|c| c.value().is_element()) {
            items += 1;
            if items > 60 {
                break;
            }
            if ends_with_ellipsis(child) {
                truncated += 1;
            }
        }
        items >= 3 && truncated * 5 >= items * 3
    }

    fn render(&mut self, root: NRef<'_>, budget: &Budget) {
        let root_id = root.id();
        self.root_ptext = self.stats.get(&root_id).map_or(0, |s| s.ptext);
        walk(root, budget, |node, entering| {
            if !entering {
                if let Node::Element(el) = node.value() {
                    let name = el.name();
                    if hints::is_block(name) {
                        self.flush();
                    } else if name == "a" {
                        self.in_link = self.in_link.saturating_sub(1);
                    } else if name == "time" {
                        self.in_time = self.in_time.saturating_sub(1);
                    }
                }
                return false;
            }
            match node.value() {
                Node::Text(t) => {
                    self.push_text(t);
                    false
                }
                Node::Element(el) => {
                    let name = el.name();
                    let skip = node.id() != root_id
                        && ((hints::is_skip_tag(name) && !hints::is_region_tag(name))
                            || hints::is_hidden(el)
                            || self.boiler.contains(&node.id())
                            || self.is_link_container(node.id(), name)
                            || Self::is_teaser_list(node, name));
                    if skip {
                        // A skipped block still separates paragraphs.
                        if hints::is_block(name) {
                            self.flush();
                        }
                        return false;
                    }
                    if hints::is_block(name) {
                        self.flush();
                    } else if name == "a" {
                        self.in_link += 1;
                    } else if name == "time" {
                        self.in_time += 1;
                    }
                    true
                }
                _ => false,
            }
        });
        self.flush();
    }
}

/// Whether the last visible text inside `node` ends with "..." or "…".
fn ends_with_ellipsis(node: NRef<'_>) -> bool {
    // Walk backwards through the last descendants; a few steps suffice for teaser markup.
    let mut cur = node.last_child();
    let mut steps = 0;
    while let Some(n) = cur {
        steps += 1;
        if steps > 40 {
            return false;
        }
        match n.value() {
            Node::Text(t) => {
                let t = t.trim_end();
                if !t.is_empty() {
                    return t.ends_with("...") || t.ends_with('…');
                }
                cur = n.prev_sibling().or_else(|| ancestor_prev(n, node));
            }
            Node::Element(el) if hints::is_skip_tag(el.name()) => {
                cur = n.prev_sibling().or_else(|| ancestor_prev(n, node));
            }
            _ => {
                cur = n
                    .last_child()
                    .or_else(|| n.prev_sibling())
                    .or_else(|| ancestor_prev(n, node));
            }
        }
    }
    false
}

/// The previous sibling of the nearest ancestor of `n` (below `stop`) that has one.
fn ancestor_prev<'a>(n: NRef<'a>, stop: NRef<'a>) -> Option<NRef<'a>> {
    let mut p = n.parent()?;
    loop {
        if p.id() == stop.id() {
            return None;
        }
        if let Some(s) = p.prev_sibling() {
            return Some(s);
        }
        p = p.parent()?;
    }
}

fn element_name(doc: &Html, id: NodeId) -> &str {
    doc.tree
        .get(id)
        .and_then(|n| n.value().as_element())
        .map_or("", |e| e.name())
}

/// The parent of three or more of `articles` (not furniture), among them the best-filled
/// one, none of which dominates (the largest holds under half of their paragraph text):
/// entries of a live blog or a feed.
fn entries_parent(
    doc: &Html,
    a: &PageStats,
    boiler: &InsideIndex<'_>,
    articles: &[NodeId],
    best: NodeId,
) -> Option<NodeId> {
    // The best-filled article must be one of the entries (not a sidebar of story cards).
    let best_parent = doc.tree.get(best).and_then(|n| n.parent())?.id();
    // parent -> (count, sum of paragraph text, largest paragraph text)
    let mut groups: FxHashMap<NodeId, (u32, u32, u32)> = FxHashMap::default();
    for id in articles {
        if let Some(p) = doc.tree.get(*id).and_then(|n| n.parent()) {
            let pt = a.stats.get(id).map_or(0, |s| s.ptext);
            let g = groups.entry(p.id()).or_insert((0, 0, 0));
            g.0 += 1;
            g.1 = g.1.saturating_add(pt);
            g.2 = g.2.max(pt);
        }
    }
    groups
        .into_iter()
        .filter(|(p, (n, sum, max))| {
            *p == best_parent && *n >= 3 && *max * 2 < *sum && !boiler.contains(*p)
        })
        .max_by_key(|(_, (_, sum, _))| *sum)
        .map(|(p, _)| p)
}

/// Whether nodes lie inside one of a set of elements (the element itself included),
/// remembered per node: every ancestor chain is walked once, not once per question
/// (candidates nested deep inside a comment section, or `<article>`s nested in each other,
/// made that quadratic).
struct InsideIndex<'d> {
    doc: &'d Html,
    set: &'d FxHashSet<NodeId>,
    budget: &'d Budget,
    memo: std::cell::RefCell<FxHashMap<NodeId, bool>>,
}

impl<'d> InsideIndex<'d> {
    fn new(doc: &'d Html, set: &'d FxHashSet<NodeId>, budget: &'d Budget) -> Self {
        InsideIndex {
            doc,
            set,
            budget,
            memo: std::cell::RefCell::new(FxHashMap::default()),
        }
    }

    /// `id` or one of its ancestors is in the set.
    fn contains(&self, id: NodeId) -> bool {
        let mut memo = self.memo.borrow_mut();
        let mut path = Vec::new();
        let mut cur = self.doc.tree.get(id);
        let mut inside = false;
        while let Some(n) = cur {
            if !self.budget.spend() {
                break;
            }
            if let Some(&known) = memo.get(&n.id()) {
                inside = known;
                break;
            }
            path.push(n.id());
            if self.set.contains(&n.id()) {
                inside = true;
                break;
            }
            cur = n.parent();
        }
        for p in path {
            memo.insert(p, inside);
        }
        inside
    }

    /// An ancestor of `id` (not `id` itself) is in the set.
    fn contains_above(&self, id: NodeId) -> bool {
        self.doc
            .tree
            .get(id)
            .and_then(|n| n.parent())
            .is_some_and(|p| self.contains(p.id()))
    }
}

/// Drops the containers that come after another article's headline: infinite scroll and
/// "next article" blocks append whole articles, headline first, below the one asked for.
/// `anchor` is the container known to be the article (the first of a group, the top
/// candidate); headlines before it or inside it are the article's own.
fn before_next_headline(
    doc: &Html,
    a: &PageStats,
    ids: Vec<NodeId>,
    anchor: NodeId,
    budget: &Budget,
) -> Vec<NodeId> {
    let anchor_set: FxHashSet<NodeId> = std::iter::once(anchor).collect();
    let inside_anchor = InsideIndex::new(doc, &anchor_set, budget);
    // Node ids grow in document order (the parser creates nodes as it reads).
    match a
        .h1s
        .iter()
        .copied()
        .find(|h| *h > anchor && !inside_anchor.contains(*h))
    {
        Some(next) => ids.into_iter().filter(|id| *id < next).collect(),
        None => ids,
    }
}

/// Picks the containers to render, in document order.
fn choose(doc: &Html, a: &PageStats, budget: &Budget) -> Vec<NodeId> {
    let boiler = InsideIndex::new(doc, &a.boiler, budget);
    let get = |id: &NodeId| a.stats.get(id).copied().unwrap_or_default();
    // Readability top candidate.
    let final_score = |id: NodeId, s: &Stats| {
        let weight = doc
            .tree
            .get(id)
            .and_then(|n| n.value().as_element())
            .map_or(0.0, hints::class_weight);
        (s.score + weight) * (1.0 - s.link_density())
    };
    let mut cands: Vec<(NodeId, f32)> = a
        .stats
        .iter()
        .filter(|(_, s)| s.score > 0.0)
        .map(|(id, s)| (*id, final_score(*id, s)))
        .collect();
    cands.sort_by(|x, y| y.1.total_cmp(&x.1));
    let Some(&(top_id, top_score)) = cands.iter().find(|(id, _)| !boiler.contains(*id)) else {
        return Vec::new();
    };
    let top_stats = get(&top_id);

    // Semantic candidates: the best-filled one of the first non-empty group.
    let body_props: Vec<NodeId> = a
        .body_props
        .iter()
        .copied()
        .filter(|id| !boiler.contains(*id))
        .collect();
    let body_classes: Vec<NodeId> = a
        .body_classes
        .iter()
        .copied()
        .filter(|id| !boiler.contains(*id))
        .collect();
    let articles: Vec<NodeId> = a
        .articles
        .iter()
        .copied()
        .filter(|id| !boiler.contains(*id))
        .collect();
    for (group, is_articles) in [
        (&body_props, false),
        (&body_classes, false),
        (&articles, true),
    ] {
        let best = group.iter().max_by_key(|id| get(id).ptext);
        let Some(best) = best else { continue };
        let best_ptext = get(best).ptext;
        if best_ptext == 0 || (best_ptext as f32) < 0.6 * top_stats.ptext as f32 {
            continue;
        }
        // Body split into several sibling containers: take all well-filled outermost ones.
        let mut chosen: Vec<NodeId> = group
            .iter()
            .copied()
            .filter(|id| get(id).ptext as f32 >= 0.3 * best_ptext as f32)
            .collect();
        let all: FxHashSet<NodeId> = chosen.iter().copied().collect();
        let inside = InsideIndex::new(doc, &all, budget);
        chosen.retain(|id| !inside.contains_above(*id));
        if group.len() > 1 && is_articles {
            // Several <article>s: a feed, live-blog entries, comments or related cards.
            // The one holding the headline is the story if it has some text of its own.
            let with_h1 = group.iter().find(|id| {
                let s = get(id);
                s.has_h1 && s.ptext as f32 >= 0.1 * best_ptext as f32
            });
            chosen = match with_h1 {
                Some(id) => vec![*id],
                // No headline inside: three or more sibling articles are entries of one
                // page (a live blog); their common parent is the text.
                None => match entries_parent(doc, a, &boiler, group, *best) {
                    Some(parent) => vec![parent],
                    // Otherwise the first well-filled one (feeds list newest first, cards
                    // follow the article).
                    None => vec![*group
                        .iter()
                        .find(|id| get(id).ptext as f32 >= 0.5 * best_ptext as f32)
                        .unwrap_or(best)],
                },
            };
        }
        if let [only] = chosen[..] {
            if !is_articles {
                chosen = with_continuation(doc, a, only);
            }
        }
        let Some(&first) = chosen.iter().min() else {
            return chosen;
        };
        return before_next_headline(doc, a, chosen, first, budget);
    }

    // Top candidate plus related siblings.
    let mut out = Vec::new();
    let threshold = (top_score * 0.2).max(10.0);
    let Some(top_node) = doc.tree.get(top_id) else {
        return vec![top_id];
    };
    let Some(parent) = top_node.parent() else {
        return vec![top_id];
    };
    for sib in parent.children() {
        if sib.id() == top_id {
            out.push(top_id);
            continue;
        }
        let Some(s) = a.stats.get(&sib.id()) else {
            continue;
        };
        let include = (s.score > 0.0 && final_score(sib.id(), s) >= threshold)
            || (s.ptext >= 80 && s.link_density() < 0.25 && element_name(doc, sib.id()) == "p");
        if include {
            out.push(sib.id());
        }
    }
    // A subheading between two kept blocks (in its own wrapper, as page builders put it)
    // belongs to the text.
    if let (Some(&first), Some(&last)) = (out.iter().min(), out.iter().max()) {
        let mut with_headings = Vec::with_capacity(out.len());
        for sib in parent.children() {
            let id = sib.id();
            if out.contains(&id)
                || (id > first && id < last && !a.boiler.contains(&id) && is_heading_block(sib))
            {
                with_headings.push(id);
            }
        }
        out = with_headings;
    }
    before_next_headline(doc, a, out, top_id, budget)
}

/// `body` and the blocks that continue it: templates close the marked-up body element early
/// (before an inline ad, a paywall split) and put the rest of the text in plain sibling
/// blocks. Climbs to the outermost wrapper that holds just the body's paragraphs, then takes
/// the following siblings while they are text (paragraphs, few links, no headline of their
/// own) or subheadings, skipping furniture (ads) and empty blocks, and stops at anything else.
fn with_continuation(doc: &Html, a: &PageStats, body: NodeId) -> Vec<NodeId> {
    let get = |id: NodeId| a.stats.get(&id).copied().unwrap_or_default();
    let ptext = get(body).ptext;
    let mut wrapper = body;
    while let Some(p) = doc.tree.get(wrapper).and_then(|n| n.parent()) {
        if matches!(element_name(doc, p.id()), "body" | "html" | "")
            || get(p.id()).ptext != ptext
            || a.boiler.contains(&p.id())
        {
            break;
        }
        wrapper = p.id();
    }
    let mut out = vec![body];
    let mut headings = Vec::new();
    let Some(start) = doc.tree.get(wrapper) else {
        return out;
    };
    // Continuation blocks come from the same template as the body's wrapper: same tag, same
    // class. Other text after the body (an author box, a disclaimer) does not.
    let shape = |n: NRef<'_>| {
        n.value()
            .as_element()
            .map(|e| (e.name().to_owned(), e.attr("class").map(str::to_owned)))
    };
    let wrapper_shape = shape(start);
    if wrapper_shape
        .as_ref()
        .is_none_or(|(_, class)| class.is_none())
    {
        return out;
    }
    for sib in start.next_siblings() {
        let id = sib.id();
        if !sib.value().is_element() || a.boiler.contains(&id) {
            continue;
        }
        let s = get(id);
        if shape(sib) != wrapper_shape {
            if s.text < MIN_PARA {
                continue;
            }
            break;
        }
        if is_heading_block(sib) {
            headings.push(id);
        } else if s.ptext >= 80 && s.link_density() < 0.25 && !s.has_h1 {
            out.append(&mut headings);
            out.push(id);
        } else if s.text < MIN_PARA {
            continue;
        } else {
            break;
        }
    }
    out
}

/// An `<h2>`–`<h6>`, or wrappers around nothing but one.
fn is_heading_block(node: NRef<'_>) -> bool {
    let mut cur = node;
    for _ in 0..8 {
        let Some(el) = cur.value().as_element() else {
            return false;
        };
        if hints::is_subheading(el.name()) {
            return true;
        }
        let mut elements = cur.children().filter(|c| match c.value() {
            Node::Element(_) => true,
            Node::Text(t) => !t.trim().is_empty(),
            _ => false,
        });
        match (elements.next(), elements.next()) {
            (Some(only), None) => cur = only,
            _ => return false,
        }
    }
    false
}

fn render_ids(doc: &Html, a: &PageStats, ids: &[NodeId], budget: &Budget) -> Vec<String> {
    let mut r = Renderer {
        stats: &a.stats,
        root_ptext: 0,
        boiler: &a.boiler,
        paras: Vec::new(),
        buf: String::new(),
        buf_link: 0,
        buf_time: 0,
        pending_space: false,
        in_link: 0,
        in_time: 0,
    };
    for id in ids {
        if let Some(n) = doc.tree.get(*id) {
            r.render(n, budget);
        }
    }
    r.paras
}

fn body_of(doc: &Html) -> NRef<'_> {
    let root = doc.root_element();
    root.children()
        .filter_map(scraper::ElementRef::wrap)
        .find(|e| e.value().name() == "body")
        .map_or(*root, |b| *b)
}

/// Extracts the main text of a parsed page as paragraphs. When `budget` runs out, the
/// passes stop early and the result is incomplete (the caller checks the budget).
pub(crate) fn main_paragraphs(doc: &Html, budget: &Budget) -> Vec<String> {
    let body = body_of(doc);
    let a = analyze(body, true, budget);
    let mut ids = choose(doc, &a, budget);
    if ids.is_empty() {
        // No paragraph anywhere: the cleaned body is the best guess.
        ids.push(body.id());
    }
    let paras = render_ids(doc, &a, &ids, budget);
    let len: usize = paras.iter().map(String::len).sum();
    // Class hints can hide the whole article (`<div class="page has-sidebar">`); when the
    // result is far below the page's paragraph text, try again without them.
    if (len as f32) < 0.25 * a.raw_ptext as f32 {
        let b = analyze(body, false, budget);
        let ids = choose(doc, &b, budget);
        let retry = render_ids(doc, &b, &ids, budget);
        let retry_len: usize = retry.iter().map(String::len).sum();
        if retry_len > len * 2 {
            return retry;
        }
    }
    paras
}

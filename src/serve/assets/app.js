// hypecheck serve: the editors' page. Sends the draft to POST /api/check and shows the
// result. The draft and everything derived from it is inserted only as text nodes
// (document.createTextNode / textContent), never as HTML.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const draft = $("draft");
  const view = $("view");
  const popover = $("popover");
  const popBody = $("pop-body");
  const statusLine = $("status");
  const STANCES = ["endorsed", "hedged", "quoted", "negated", "questioned"];
  const DISCOURSE = new Set(["quoted", "negated", "questioned"]);
  const MAX_BYTES = 2 * 1024 * 1024;
  const DEBOUNCE_MS = 600;

  let format = "auto"; // from the extension of an opened file; typing keeps it
  let token = "";
  let timer = 0;
  let inFlight = null;
  let seq = 0;
  let result = null; // {doc, text}
  let lastOpener = null;
  let refocusing = false; // focus returned by closing the popover must not reopen it
  const explained = new Map();

  // Builds an element; string children become text nodes.
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else e.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children) {
      if (c === null || c === undefined) continue;
      e.append(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }

  function setStatus(msg, isError) {
    statusLine.textContent = msg;
    statusLine.classList.toggle("error", !!isError);
  }

  function today() {
    const d = new Date();
    const p = (n) => String(n).padStart(2, "0");
    return d.getFullYear() + "-" + p(d.getMonth() + 1) + "-" + p(d.getDate());
  }

  // ---- checking -------------------------------------------------------------------------

  function schedule() {
    clearTimeout(timer);
    if (!$("live").checked) return;
    timer = setTimeout(runCheck, DEBOUNCE_MS);
  }

  async function runCheck() {
    clearTimeout(timer);
    const text = draft.value;
    if (new Blob([text]).size > MAX_BYTES) {
      setStatus("The draft is larger than 2 MB; check it in parts.", true);
      return;
    }
    if (inFlight) inFlight.abort();
    const ctrl = new AbortController();
    inFlight = ctrl;
    const mine = ++seq;
    const body = {
      text,
      lang: $("lang").value,
      format,
      date: $("date").value || null,
      show_all: true,
    };
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    setStatus("Checking…");
    const started = performance.now();
    let res;
    try {
      res = await fetch("/api/check", {
        method: "POST",
        headers,
        body: JSON.stringify(body),
        signal: ctrl.signal,
        credentials: "same-origin",
      });
    } catch (e) {
      if (e.name !== "AbortError") setStatus("Could not reach the server: " + e.message, true);
      return;
    }
    let doc;
    try {
      doc = await res.json();
    } catch (e) {
      if (mine === seq) setStatus("The server sent no JSON (status " + res.status + ").", true);
      return;
    }
    if (mine !== seq) return; // a newer check is under way
    inFlight = null;
    if (res.status === 401) {
      $("token-row").hidden = false;
      setStatus("This server needs an API token: enter it above, then check again.", true);
      $("token").focus();
      return;
    }
    if (doc.error) {
      setStatus("Error " + doc.status + ": " + doc.error, true);
      return;
    }
    if (doc.errors && doc.errors.length) {
      setStatus("Could not check the draft: " + doc.errors[0].message, true);
      return;
    }
    result = { doc, text };
    render();
    const ms = Math.round(performance.now() - started);
    const f = doc.files[0];
    setStatus(
      "Checked " + f.words + " words (" + f.lang + ") in " + ms + " ms: " +
        count(f.counts.endorsed + f.counts.hedged, "finding") + " counted, " +
        count(f.counts.quoted + f.counts.negated + f.counts.questioned, "discourse hit") + ", " +
        count(doc.claims.length, "claim") + "."
    );
  }

  function count(n, what) {
    return n + " " + what + (n === 1 ? "" : "s");
  }

  // ---- positions: 1-based line and column (in characters) -> index in the JS string -----

  function indexer(text) {
    const lineStartCp = [0];
    const cpToU16 = [];
    let cp = 0;
    for (let i = 0; i < text.length; ) {
      cpToU16.push(i);
      const c = text.codePointAt(i);
      i += c > 0xffff ? 2 : 1;
      cp++;
      if (c === 10) lineStartCp.push(cp);
    }
    cpToU16.push(text.length);
    return (line, column) => {
      const start = lineStartCp[Math.min(line - 1, lineStartCp.length - 1)] || 0;
      const at = Math.min(start + column - 1, cpToU16.length - 1);
      return cpToU16[Math.max(at, 0)];
    };
  }

  // ---- rendering ------------------------------------------------------------------------

  function showDiscourse() {
    return $("discourse").checked;
  }

  function visibleFindings(doc) {
    return doc.findings
      .map((f, i) => ({ f, i }))
      .filter(({ f }) => showDiscourse() || !DISCOURSE.has(f.stance));
  }

  function visibleClaims(doc) {
    return doc.claims
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => showDiscourse() || c.authors);
  }

  function render() {
    closePopover(false);
    if (!result) return;
    const { doc, text } = result;
    renderView(doc, text);
    renderPanel(doc);
  }

  function renderView(doc, text) {
    const at = indexer(text);
    const items = [];
    for (const { f, i } of visibleFindings(doc)) {
      items.push({ kind: "f", i, s: at(f.line, f.column), e: at(f.end_line, f.end_column) });
    }
    for (const { c, i } of visibleClaims(doc)) {
      items.push({ kind: "c", i, s: at(c.line, c.column), e: at(c.end_line, c.end_column) });
    }
    const cuts = new Set([0, text.length]);
    for (const it of items) {
      if (it.e > it.s) {
        cuts.add(it.s);
        cuts.add(it.e);
      }
    }
    const points = [...cuts].sort((a, b) => a - b);
    const first = new Set();
    const frag = document.createDocumentFragment();
    for (let k = 0; k + 1 < points.length; k++) {
      const a = points[k];
      const b = points[k + 1];
      const piece = text.slice(a, b);
      const f = items.find((it) => it.kind === "f" && it.s <= a && it.e >= b);
      const c = items.find((it) => it.kind === "c" && it.s <= a && it.e >= b);
      let node = document.createTextNode(piece);
      if (f) {
        const finding = doc.findings[f.i];
        const lead = !first.has("f" + f.i);
        first.add("f" + f.i);
        node = el(
          "mark",
          {
            class: "hit" + (DISCOURSE.has(finding.stance) ? " discourse" : ""),
            "data-stance": finding.stance,
            "data-finding": f.i,
            "data-claim": c ? c.i : null,
            tabindex: lead ? 0 : -1,
            "data-tail": b >= f.e ? true : null,
            role: "button",
            "aria-label": lead
              ? finding.text + ": " + finding.stance + " hype, " + finding.category
              : null,
          },
          node
        );
      }
      if (c) {
        const claim = doc.claims[c.i];
        const lead = !first.has("c" + c.i);
        first.add("c" + c.i);
        node = el(
          "span",
          {
            class: "claim",
            "data-verdict": claim.verdict,
            "data-claim": c.i,
            tabindex: lead && !f ? 0 : null,
            role: lead && !f ? "button" : null,
            "aria-label": lead && !f ? "claim about " + claim.subject_text + ": " + claim.verdict : null,
          },
          node
        );
      }
      frag.append(node);
    }
    view.replaceChildren(frag);
    if (!text.trim()) view.append(el("p", { class: "empty" }, "The draft is empty."));
  }

  function renderPanel(doc) {
    const f = doc.files[0];
    $("hype-index").textContent = String(doc.hype_index);
    $("discourse-index").textContent = String(doc.discourse_index);
    $("summary").textContent =
      f.words + " words, " + (f.lang === "de" ? "German" : "English") +
      "; " + f.density + " counted hype weight per 1,000 words" +
      (f.date ? "; claims judged as of " + f.date : "") +
      (f.suppressed ? "; " + f.suppressed + " suppressed" : "") +
      (f.warnings.length ? ". Warnings: " + f.warnings.join("; ") : "") + ".";

    const sc = $("stance-counts");
    sc.replaceChildren(
      el("tr", {}, el("th", { scope: "col" }, "Stance"), el("th", { scope: "col" }, "Hits")),
      ...STANCES.map((s) =>
        el(
          "tr",
          {},
          el("td", {}, el("span", { class: "hit" + (DISCOURSE.has(s) ? " discourse" : ""), "data-stance": s }, s)),
          el("td", { class: "num" }, String(f.counts[s]))
        )
      )
    );
    const cats = new Map();
    for (const { f: x } of visibleFindings(doc)) cats.set(x.category, (cats.get(x.category) || 0) + 1);
    $("category-counts").replaceChildren(
      el("tr", {}, el("th", { scope: "col" }, "Category"), el("th", { scope: "col" }, "Shown")),
      ...[...cats.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([c, n]) => el("tr", {}, el("td", {}, c), el("td", { class: "num" }, String(n))))
    );

    const list = $("finding-list");
    const shown = visibleFindings(doc);
    list.replaceChildren(
      ...shown.map(({ f: x, i }) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "jump", "data-finding": i },
            el("span", { class: "pos" }, x.line + ":" + x.column),
            " ",
            el("span", { class: "hit" + (DISCOURSE.has(x.stance) ? " discourse" : ""), "data-stance": x.stance }, x.text),
            " ",
            el("span", { class: "meta" }, x.stance + " · " + x.category)
          )
        )
      )
    );
    if (!shown.length) list.append(el("li", { class: "none" }, "No findings" + (showDiscourse() ? "." : " counted (turn on “show discourse” for the rest).")));

    const claims = $("claim-list");
    const shownClaims = visibleClaims(doc);
    claims.replaceChildren(
      ...shownClaims.map(({ c, i }) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "jump", "data-claim": i },
            el("span", { class: "pos" }, c.line + ":" + c.column),
            " ",
            el("span", { class: "claim", "data-verdict": c.verdict }, c.subject_text + " " + c.cue),
            " ",
            el("span", { class: "meta" }, c.verdict + " · " + c.dimension)
          )
        )
      )
    );
    if (!shownClaims.length) claims.append(el("li", { class: "none" }, "No claims about models."));
    $("copy-md").disabled = false;
    $("download-json").disabled = false;
  }

  // ---- popover --------------------------------------------------------------------------

  function row(label, ...value) {
    return el("div", { class: "pop-row" }, el("dt", {}, label), el("dd", {}, ...value));
  }

  function findingSection(f) {
    const cat = el("span", {}, f.category);
    explain(f.category).then((x) => {
      if (x && x.title) cat.textContent = f.category + " — " + x.title;
    });
    return el(
      "section",
      {},
      el("h3", { id: "pop-title" }, "“" + f.text + "”"),
      el(
        "dl",
        {},
        row("Category", cat),
        row("Stance", el("span", { class: "hit" + (DISCOURSE.has(f.stance) ? " discourse" : ""), "data-stance": f.stance }, f.stance)),
        row("Why", f.reason),
        row("Counts", f.counted > 0 ? "weight " + round(f.counted) + " toward the Hype Index" : "not toward the Hype Index (discourse)"),
        row("Sober alternative", el("strong", { class: "alt" }, f.suggestion)),
        row("Sentence", el("q", {}, f.sentence))
      )
    );
  }

  function round(x) {
    return Math.round(x * 100) / 100;
  }

  function evidenceList(evidence) {
    return el(
      "ul",
      { class: "evidence" },
      ...evidence.map((e) => {
        const parts = [e.model + ": " + e.benchmark + (e.metric ? " (" + e.metric + ")" : "") + " " + e.value + (e.unit ? " " + e.unit : "")];
        if (e.rank) parts.push("rank " + e.rank + "/" + e.n + (e.pool ? " in " + e.pool : ""));
        if (e.snapshot) parts.push("snapshot " + e.snapshot);
        else if (e.date) parts.push("dated " + e.date);
        if (e.strength) parts.push(e.strength);
        if (e.secondary) parts.push("secondary source");
        const li = el("li", {}, parts.join(", ") + " — ");
        // A source is a URL, maybe followed by a note; only the URL becomes a link.
        const m = /^(https?:\/\/\S+)(.*)$/is.exec(e.source);
        if (m) {
          li.append(el("a", { href: m[1], rel: "noopener noreferrer", target: "_blank" }, m[1]), m[2]);
        } else {
          li.append(e.source);
        }
        return li;
      })
    );
  }

  function claimSection(c, headed) {
    const title = c.subject_text + " — " + c.cue;
    return el(
      "section",
      { class: "claim-section" },
      el("h3", headed ? { id: "pop-title" } : {}, "Claim: " + title),
      el(
        "dl",
        {},
        row("Verdict", el("span", { class: "claim", "data-verdict": c.verdict }, c.verdict), " as of " + c.date),
        row("Why", c.reason),
        row("Stance", c.stance + " (" + c.stance_reason + ")"),
        row("About", c.relation + ", " + c.dimension + (c.objects.length ? " vs " + c.objects.join(", ") : "")),
        c.evidence.length ? row("Evidence", evidenceList(c.evidence)) : null,
        c.later ? row("Later data", c.later.verdict + " as of " + c.later.date + ": " + c.later.reason) : null
      )
    );
  }

  function openPopover(target) {
    if (!result) return;
    const { doc } = result;
    const parts = [];
    const fi = target.getAttribute("data-finding");
    const ci = target.getAttribute("data-claim");
    if (fi !== null) parts.push(findingSection(doc.findings[+fi]));
    if (ci !== null) parts.push(claimSection(doc.claims[+ci], fi === null));
    if (!parts.length) return;
    popBody.replaceChildren(...parts);
    popover.hidden = false;
    lastOpener = target;
    const wrap = $("view-wrap").getBoundingClientRect();
    const r = target.getBoundingClientRect();
    const width = Math.min(popover.offsetWidth || 360, wrap.width);
    let left = r.left - wrap.left;
    if (left + width > wrap.width) left = Math.max(0, wrap.width - width);
    popover.style.left = left + "px";
    popover.style.top = r.bottom - wrap.top + 6 + "px";
    document.querySelectorAll("[aria-expanded]").forEach((x) => x.removeAttribute("aria-expanded"));
    target.setAttribute("aria-expanded", "true");
  }

  function closePopover(refocus) {
    if (popover.hidden) return;
    popover.hidden = true;
    if (lastOpener) lastOpener.removeAttribute("aria-expanded");
    if (refocus && lastOpener && document.contains(lastOpener)) {
      refocusing = true;
      lastOpener.focus();
      refocusing = false;
    }
  }

  function markOf(target) {
    return target && target.closest ? target.closest("mark.hit, span.claim[data-claim]") : null;
  }

  async function explain(rule) {
    if (explained.has(rule)) return explained.get(rule);
    const p = fetch("/api/explain/" + encodeURIComponent(rule), {
      headers: token ? { Authorization: "Bearer " + token } : {},
    })
      .then((r) => (r.ok ? r.json() : null))
      .catch(() => null);
    explained.set(rule, p);
    return p;
  }

  function jump(button) {
    const fi = button.getAttribute("data-finding");
    const ci = button.getAttribute("data-claim");
    const sel = fi !== null ? 'mark[data-finding="' + fi + '"]' : 'span.claim[data-claim="' + ci + '"]';
    const target = view.querySelector(sel);
    if (!target) return;
    target.scrollIntoView({ block: "center", behavior: "smooth" });
    target.focus({ preventScroll: true });
    openPopover(target);
  }

  // ---- export ---------------------------------------------------------------------------

  function cell(s) {
    return String(s).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");
  }

  function markdown(doc) {
    const f = doc.files[0];
    const lines = [
      "# hypecheck: draft",
      "",
      "Hype Index **" + doc.hype_index + "** · hype discourse " + doc.discourse_index + " · " +
        f.words + " words (" + f.lang + ")" + (f.date ? " · claims as of " + f.date : ""),
      "",
    ];
    const shown = visibleFindings(doc);
    if (shown.length) {
      lines.push("| Line | Text | Stance | Category | Why | Sober alternative |", "|---|---|---|---|---|---|");
      for (const { f: x } of shown) {
        lines.push("| " + [x.line + ":" + x.column, x.text, x.stance, x.category, x.reason, x.suggestion].map(cell).join(" | ") + " |");
      }
      lines.push("");
    }
    const claims = visibleClaims(doc);
    if (claims.length) {
      lines.push("## Claims", "");
      for (const { c } of claims) {
        lines.push("- " + c.line + ":" + c.column + " " + cell(c.subject_text + " " + c.cue) + ": **" + c.verdict + "** — " + cell(c.reason));
      }
      lines.push("");
    }
    return lines.join("\n");
  }

  async function copyMarkdown() {
    if (!result) return;
    const md = markdown(result.doc);
    try {
      await navigator.clipboard.writeText(md);
      setStatus("Copied the result as Markdown.");
    } catch (e) {
      setStatus("The browser did not allow copying: " + e.message, true);
    }
  }

  function downloadJson() {
    if (!result) return;
    const blob = new Blob([JSON.stringify(result.doc, null, 2) + "\n"], { type: "application/json" });
    const url = URL.createObjectURL(blob);
    const a = el("a", { href: url, download: "hypecheck.json" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  // ---- files ----------------------------------------------------------------------------

  async function openFile(file) {
    if (!file) return;
    if (file.size > MAX_BYTES) {
      setStatus("“" + file.name + "” is larger than 2 MB; check a draft, not an archive.", true);
      return;
    }
    const name = file.name.toLowerCase();
    format = /\.(md|markdown)$/.test(name) ? "markdown" : /\.html?$/.test(name) ? "html" : /\.txt$/.test(name) ? "text" : "auto";
    try {
      draft.value = await file.text();
    } catch (e) {
      setStatus("Could not read “" + file.name + "”: " + e.message, true);
      return;
    }
    runCheck();
  }

  // ---- wiring ---------------------------------------------------------------------------

  $("date").value = today();
  $("controls").addEventListener("submit", (e) => {
    e.preventDefault();
    runCheck();
  });
  draft.addEventListener("input", schedule);
  $("lang").addEventListener("change", schedule);
  $("date").addEventListener("change", schedule);
  $("discourse").addEventListener("change", render);
  $("token").addEventListener("change", (e) => {
    token = e.target.value.trim();
    explained.clear();
    runCheck();
  });
  $("file").addEventListener("change", (e) => openFile(e.target.files[0]));
  $("copy-md").addEventListener("click", copyMarkdown);
  $("download-json").addEventListener("click", downloadJson);
  $("pop-close").addEventListener("click", () => closePopover(true));
  view.addEventListener("click", (e) => {
    const m = markOf(e.target);
    if (m) openPopover(m);
    else closePopover(false);
  });
  view.addEventListener("focusin", (e) => {
    if (refocusing) return;
    const m = markOf(e.target);
    if (m) openPopover(m);
  });
  view.addEventListener("keydown", (e) => {
    const m = markOf(e.target);
    if (m && (e.key === "Enter" || e.key === " ")) {
      e.preventDefault();
      openPopover(m);
    }
  });
  // A popover placed for another width would stick out: close it on resize.
  window.addEventListener("resize", () => closePopover(false));
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape") closePopover(true);
  });
  document.querySelector(".panel").addEventListener("click", (e) => {
    const b = e.target.closest ? e.target.closest("button.jump") : null;
    if (b) jump(b);
  });
})();

"""The measuring half of scripts/bench-peers (run that script, not this file)."""
import collections, gzip, json, os, re, statistics, subprocess, sys, tempfile, time

bench, hypecheck, trafilatura_cli = sys.argv[1:4]
WORD = re.compile(r"\w+")


def shingles(text):
    toks = WORD.findall(text or "")
    return collections.Counter(tuple(toks[i:i + 4]) for i in range(len(toks) - 3))


def page_pr(expected, got):
    se, sg = shingles(expected), shingles(got)
    if not se and not sg:
        return 1.0, 1.0
    tp = sum(min(c, se.get(k, 0)) for k, c in sg.items())
    ng, ne = sum(sg.values()), sum(se.values())
    return (tp / ng if ng else None), (tp / ne if ne else None)


def f1(pairs):
    ps = [p for p, _ in pairs if p is not None]
    rs = [r for _, r in pairs if r is not None]
    p, r = statistics.fmean(ps), statistics.fmean(rs)
    return 2 * p * r / (p + r) if p + r else 0.0, p, r


def median_time(fn, runs=5):
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


truth = json.load(open(os.path.join(bench, "ground-truth.json"), encoding="utf-8"))
ids = sorted(truth)
rows = []

with tempfile.TemporaryDirectory() as tmp:
    pages_dir = os.path.join(tmp, "pages")
    os.mkdir(pages_dir)
    html = {}
    for i in ids:
        with gzip.open(os.path.join(bench, "html", i + ".html.gz"), "rb") as f:
            raw = f.read()
        html[i] = raw
        with open(os.path.join(pages_dir, i + ".html"), "wb") as f:
            f.write(raw)
    total_bytes = sum(len(b) for b in html.values())

    # --- extraction: hypecheck batch (one process, JSON Lines) ---
    out = {}
    def run_hc():
        p = subprocess.run([hypecheck, "extract", pages_dir], capture_output=True)
        out["stdout"] = p.stdout
    t_hc = median_time(run_hc, 3)
    got = {}
    for line in out["stdout"].decode("utf-8").splitlines():
        rec = json.loads(line)
        got[os.path.basename(rec["path"])[:-5]] = rec.get("text") or ""
    hc_f1 = f1([page_pr(truth[i]["articleBody"], got.get(i, "")) for i in ids])

    # --- extraction: trafilatura library (same process, timing covers extraction only) ---
    import trafilatura
    lib = {}
    def run_lib():
        for i in ids:
            lib[i] = trafilatura.extract(html[i].decode("utf-8", "replace")) or ""
    t_lib = median_time(run_lib, 3)
    lib_f1 = f1([page_pr(truth[i]["articleBody"], lib.get(i, "")) for i in ids])

    # --- extraction: trafilatura CLI batch ---
    cli_out = os.path.join(tmp, "traf")
    def run_cli():
        subprocess.run([trafilatura_cli, "--input-dir", pages_dir, "--output-dir", cli_out],
                       capture_output=True)
    t_cli = median_time(run_cli, 3)
    # The CLI names its output files at random, so its pages cannot be matched to the ground
    # truth; it runs the library's extraction, whose F1 is above.
    cli_files = len(os.listdir(cli_out)) if os.path.isdir(cli_out) else 0

    n = len(ids)
    rows.append(("extraction", "hypecheck extract DIR (one process)", f"{n / t_hc:.1f} pages/s",
                 f"F1 {hc_f1[0]:.4f} (P {hc_f1[1]:.3f}, R {hc_f1[2]:.3f})"))
    rows.append(("extraction", "trafilatura library", f"{n / t_lib:.1f} pages/s",
                 f"F1 {lib_f1[0]:.4f} (P {lib_f1[1]:.3f}, R {lib_f1[2]:.3f})"))
    rows.append(("extraction", "trafilatura CLI --input-dir", f"{n / t_cli:.1f} pages/s",
                 f"{cli_files} files written; same extraction as the library"))
    ratio_extract = (n / t_hc) / (n / t_lib)

    # --- analyzer vs VADER on the same English news text (the benchmark's article bodies) ---
    text = "\n\n".join(truth[i]["articleBody"] for i in ids)
    text = (text + "\n\n") * max(1, int(4e6 // max(1, len(text.encode()))))
    nbytes = len(text.encode())
    corpus = os.path.join(tmp, "corpus.txt")
    open(corpus, "w", encoding="utf-8").write(text)
    empty = os.path.join(tmp, "empty.txt")
    open(empty, "w").write("Sora.\n")
    check = lambda path: subprocess.run([hypecheck, "check", "--lang", "en", "--format", "json", path],
                                        capture_output=True)
    t_start = median_time(lambda: check(empty), 5)
    t_an = max(1e-9, median_time(lambda: check(corpus), 3) - t_start)
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    vader = SentimentIntensityAnalyzer()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    t_vader = median_time(lambda: [vader.polarity_scores(p) for p in paragraphs], 3)
    rows.append(("analysis", "hypecheck check --format json (minus start-up)", f"{nbytes / t_an / 1e6:.2f} MB/s", ""))
    rows.append(("analysis", "VADER polarity_scores per paragraph", f"{nbytes / t_vader / 1e6:.2f} MB/s", ""))
    ratio_an = t_vader / t_an

    # --- check latency on a 2,000-word draft ---
    words = WORD.findall(truth[ids[0]]["articleBody"])
    draft_words = []
    k = 0
    hype = "Sora 2 is a game changer and Hollywood is cooked, a truly mind-blowing leap.".split()
    while len(draft_words) < 2000:
        body = WORD.findall(truth[ids[k % n]]["articleBody"])[:150]
        draft_words += body + hype
        k += 1
    draft = " ".join(draft_words[:2000])
    draft_path = os.path.join(tmp, "draft.txt")
    open(draft_path, "w", encoding="utf-8").write(draft)
    t_check = median_time(lambda: subprocess.run([hypecheck, "check", draft_path], capture_output=True), 21)
    t_vd = median_time(lambda: vader.polarity_scores(draft), 21)
    rows.append(("latency", "hypecheck check, 2,000-word draft (whole process)", f"{t_check * 1000:.1f} ms", ""))
    rows.append(("latency", "VADER polarity_scores, same draft (in process)", f"{t_vd * 1000:.1f} ms", ""))

print(f"{'what':<11} {'tool':<52} {'speed':>14}  quality")
for r in rows:
    print(f"{r[0]:<11} {r[1]:<52} {r[2]:>14}  {r[3]}")
print(f"ratios: extraction hypecheck/trafilatura-library {ratio_extract:.2f}x pages/s; "
      f"analysis hypecheck/VADER {ratio_an:.2f}x MB/s; medians of 3-21 runs in this one run")

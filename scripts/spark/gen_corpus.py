#!/usr/bin/env python3
"""Writes an invented news corpus about AI video generators, deterministic for a seed.

Every sentence is made up here from templates (model names from data/models.csv, outlets
that do not exist, hype words endorsed, hedged, quoted, negated and questioned), so the
corpus can be shipped, regenerated and scaled without copying anyone's articles.

    gen_corpus.py --articles 20000 --seed 7 --format jsonl --out corpus.jsonl
    gen_corpus.py --articles 2000 --format warc --out corpus.warc.gz

JSONL follows the `hypecheck export --format jsonl` schema. WARC is gzip per record, with a
warcinfo record, and per article a request, a response (HTTP 200, text/html) and a metadata
record, plus now and then a non-HTML response and an off-topic page, as a crawl has them.
"""
import argparse
import datetime
import gzip
import json
import random
import sys
import uuid

MODELS_EN = ["Sora 2", "Veo 3.1", "Kling 2.5 Turbo", "Runway Gen-4", "Veo 3", "Kling 2.1",
             "Sora 2 Pro", "Runway Gen-3 Alpha", "Kling 3.0", "Veo 3.1 Fast"]
OUTLETS = [("Tech Ledger", "en"), ("Frame Rate Weekly", "en"), ("The Render Desk", "en"),
           ("Pixel Courier", "en"), ("KI-Kompass", "de"), ("Bildwerk Digital", "de"),
           ("Netzschau", "de"), ("Medienlabor", "de")]

EN = {
    "endorsed": ["{m} is a true game changer for video.",
                 "{m} is nothing short of a revolution in filmmaking.",
                 "With {m}, the future of video is already here.",
                 "{m} delivers jaw-dropping realism in every frame."],
    "hedged": ["{m} could become a game changer for small studios.",
               "{m} might arguably be the best video model this year."],
    "quoted": ["The vendor called {m} \"a revolution\" at its launch event.",
               "Marketing material hails {m} as a game changer."],
    "negated": ["{m} is not a revolution, but a solid step forward.",
                "Despite the buzz, {m} is no game changer for editors."],
    "questioned": ["Is {m} really a game changer?"],
    "claim": ["{m} is more realistic than {o}.",
              "{m} is the best video model on the market.",
              "{m} can generate videos with synchronized audio."],
    "plain": ["Editors tested clips of eight to ten seconds at 1080p.",
              "The model renders people, animals and street scenes.",
              "Prices start at a few cents per second of generated video.",
              "Longer shots still show flickering hands and drifting objects.",
              "The company published a technical report with benchmark numbers.",
              "Studios use the tool for storyboards rather than final footage.",
              "Access is limited to paying subscribers in some regions.",
              "Reviewers compared prompt adherence across twenty prompts.",
              "Motion looks smoother than in the previous version.",
              "Audio generation is available for short clips only."],
    "offtopic": ["The city council approved a new budget for public parks.",
                 "Rail workers announced a strike for next Tuesday.",
                 "The football club signed a young goalkeeper.",
                 "Heavy rain is expected over the weekend in the north."],
    "title": ["{m}: what the new video model can do", "First test: {m} in the newsroom",
              "{m} arrives with longer clips", "How good is {m} really?"],
}
DE = {
    "endorsed": ["{m} ist ein echter Gamechanger für Video.",
                 "{m} revolutioniert die Filmproduktion.",
                 "Mit {m} beginnt eine neue Ära des Videos."],
    "hedged": ["{m} könnte ein Gamechanger für kleine Studios werden.",
               "{m} dürfte vielleicht das beste Videomodell des Jahres sein."],
    "quoted": ["Der Hersteller nennt {m} „eine Revolution“.",
               "Laut Hersteller ist {m} ein Meilenstein."],
    "negated": ["{m} ist keine Revolution, aber ein solider Fortschritt.",
                "Ein Gamechanger ist {m} nicht."],
    "questioned": ["Ist {m} wirklich ein Gamechanger?"],
    "claim": ["{m} ist realistischer als {o}.",
              "{m} ist das beste Videomodell auf dem Markt."],
    "plain": ["Die Redaktion hat Clips von acht bis zehn Sekunden in 1080p getestet.",
              "Das Modell erzeugt Menschen, Tiere und Straßenszenen.",
              "Die Preise beginnen bei wenigen Cent pro Sekunde Video.",
              "Längere Einstellungen zeigen noch flackernde Hände.",
              "Das Unternehmen hat einen technischen Bericht veröffentlicht.",
              "Studios nutzen das Werkzeug eher für Storyboards als für fertige Bilder.",
              "Der Zugang ist in einigen Regionen auf zahlende Kunden beschränkt.",
              "Die Bewegungen wirken flüssiger als in der Vorversion.",
              "Die Tonspur gibt es bisher nur für kurze Clips."],
    "offtopic": ["Der Stadtrat hat einen neuen Haushalt für Parks beschlossen.",
                 "Die Bahngewerkschaft kündigt einen Streik für Dienstag an.",
                 "Der Fußballverein verpflichtet einen jungen Torwart.",
                 "Am Wochenende wird im Norden Starkregen erwartet."],
    "title": ["{m}: Was das neue Videomodell kann", "Erster Test: {m} in der Redaktion",
              "{m} erzeugt jetzt längere Clips", "Wie gut ist {m} wirklich?"],
}


def article(rng, i, start):
    outlet, lang = rng.choice(OUTLETS)
    t = EN if lang == "en" else DE
    day = start + datetime.timedelta(days=rng.randrange(730))
    published = f"{day.isoformat()}T{rng.randrange(6, 22):02d}:{rng.randrange(60):02d}:00+00:00"
    url = f"https://news.example/{outlet.lower().replace(' ', '-')}/{day.isoformat()}/a{i}"
    off_topic = rng.random() < 0.08
    if off_topic:
        sents = [rng.choice(t["offtopic"]) for _ in range(rng.randrange(8, 20))]
        title = sents[0].rstrip(".")
    else:
        m = rng.choice(MODELS_EN)
        o = rng.choice([x for x in MODELS_EN if x != m])
        title = rng.choice(t["title"]).format(m=m)
        sents = []
        for _ in range(rng.randrange(10, 40)):
            r = rng.random()
            kind = ("plain" if r < 0.6 else "endorsed" if r < 0.7 else "hedged" if r < 0.76
                    else "quoted" if r < 0.83 else "negated" if r < 0.9
                    else "questioned" if r < 0.93 else "claim")
            sents.append(rng.choice(t[kind]).format(m=m if rng.random() < 0.8 else o, o=o))
    paras = [" ".join(sents[k:k + 4]) for k in range(0, len(sents), 4)]
    return {
        "id": i,
        "url": url,
        "canonical_url": url,
        "source": outlet.lower().replace(" ", "-"),
        "outlet": outlet,
        "lang": lang,
        "title": title,
        "authors": [],
        "published": published,
        "modified": None,
        "fetched_at": published,
        "paywalled": rng.random() < 0.02,
        "kept_reason": "generated",
        "duplicate_of": (i - 1) if (i > 1 and rng.random() < 0.03) else None,
        "content_hash": "",
        "text": "\n\n".join(paras),
    }


def html_page(a):
    body = "".join(f"<p>{p}</p>\n" for p in a["text"].split("\n\n"))
    return (f"<!DOCTYPE html><html lang=\"{a['lang']}\"><head><meta charset=\"utf-8\">"
            f"<title>{a['title']}</title>"
            f"<meta property=\"og:site_name\" content=\"{a['outlet']}\">"
            f"<meta property=\"article:published_time\" content=\"{a['published']}\">"
            f"</head><body><nav><a href=\"/\">Home</a> <a href=\"/video\">Video</a></nav>"
            f"<article><h1>{a['title']}</h1>\n{body}</article>"
            f"<footer>Imprint · Privacy</footer></body></html>").encode()


def warc_record(kind, uri, date, content_type, payload, rng):
    rid = uuid.UUID(int=rng.getrandbits(128))
    head = [f"WARC/1.0", f"WARC-Type: {kind}", f"WARC-Record-ID: <urn:uuid:{rid}>",
            f"WARC-Date: {date}", f"Content-Type: {content_type}",
            f"Content-Length: {len(payload)}"]
    if uri:
        head.insert(2, f"WARC-Target-URI: {uri}")
    raw = ("\r\n".join(head) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"
    return gzip.compress(raw, mtime=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=20000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=["jsonl", "warc"], default="jsonl")
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    start = datetime.date(2025, 1, 6)
    out = sys.stdout.buffer if args.out == "-" else open(args.out, "wb")
    if args.format == "warc":
        info = b"software: gen_corpus.py\r\nformat: WARC File Format 1.0\r\n"
        out.write(warc_record("warcinfo", None, "2026-01-01T00:00:00Z",
                              "application/warc-fields", info, rng))
    for i in range(1, args.articles + 1):
        a = article(rng, i, start)
        if args.format == "jsonl":
            out.write((json.dumps(a, ensure_ascii=False) + "\n").encode())
            continue
        date = a["published"][:19] + "Z"
        req = f"GET /{i} HTTP/1.1\r\nHost: news.example\r\n\r\n".encode()
        out.write(warc_record("request", a["url"], date, "application/http;msgtype=request",
                              req, rng))
        page = html_page(a)
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                + f"Content-Length: {len(page)}\r\n\r\n".encode() + page)
        out.write(warc_record("response", a["url"], date, "application/http;msgtype=response",
                              http, rng))
        out.write(warc_record("metadata", a["url"], date, "application/warc-fields",
                              b"fetchTimeMs: 120\r\n", rng))
        if i % 10 == 0:
            img = (b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n\r\n" + b"\xff\xd8\xff" * 50)
            out.write(warc_record("response", a["url"] + ".jpg", date,
                                  "application/http;msgtype=response", img, rng))
    out.flush()


if __name__ == "__main__":
    main()

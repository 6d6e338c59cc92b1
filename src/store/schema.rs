//! The schema: migrations applied in order, each in one transaction (`PRAGMA user_version`
//! counts the ones applied).

pub(super) const MIGRATIONS: &[&str] = &[
    // v1
    r#"
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    canonical_url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    outlet TEXT NOT NULL,
    lang TEXT NOT NULL,
    title TEXT,
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT,
    modified TEXT,
    fetched_at TEXT NOT NULL,
    text TEXT NOT NULL,
    paywalled INTEGER NOT NULL DEFAULT 0,
    kept_reason TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    simhash INTEGER,
    duplicate_of INTEGER REFERENCES articles(id),
    scan_run_id INTEGER REFERENCES scan_runs(id)
);
CREATE INDEX articles_url ON articles(url);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_published ON articles(published);
CREATE TABLE sources (
    name TEXT PRIMARY KEY,
    lang TEXT NOT NULL,
    homepage TEXT NOT NULL,
    feeds TEXT NOT NULL,
    sitemaps TEXT NOT NULL,
    country TEXT,
    updated_at TEXT NOT NULL
);
CREATE TABLE fetch_log (
    id INTEGER PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER,
    error TEXT,
    etag TEXT,
    last_modified TEXT,
    fetched_at TEXT NOT NULL,
    scan_run_id INTEGER REFERENCES scan_runs(id)
);
CREATE INDEX fetch_log_url ON fetch_log(url);
CREATE TABLE scan_runs (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    status TEXT NOT NULL,
    counts TEXT
);
CREATE TABLE queue (
    url TEXT PRIMARY KEY,
    canonical_url TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT,
    published TEXT,
    discovered_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    outcome TEXT
);
CREATE INDEX queue_state ON queue(state);
CREATE TABLE analyses (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    lexicon_hash TEXT NOT NULL,
    result_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (article_id, lexicon_hash)
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles(id),
    json TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX claims_article ON claims(article_id);
"#,
];

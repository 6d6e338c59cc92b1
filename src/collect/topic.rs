//! Topic filter: is an article about AI video generation?
//!
//! Scoring: each distinct model mentioned scores 2, each further mention of any model 1 (at
//! most 2 in total), each distinct video term 1. An article is kept when the score reaches
//! `min_score` (default 3): e.g. "Sora" twice, or "Sora" once plus "text-to-video", or three
//! distinct video terms. Matching is case-insensitive on word boundaries (a German genitive
//! `s` is accepted). The reason is recorded as
//! `mentions: Sora 2 (3), Veo 3.1 (1); terms: KI-Video`.
//!
//! The model list is passed in ([`ModelAliases`]); [`default_models`] is a built-in list until
//! the model registry (`data/models.csv`) is wired in.
use regex::Regex;
use serde::Deserialize;

/// A model (or vendor product) and the spellings that count as a mention of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelAliases {
    /// Display name.
    pub name: String,
    /// Spellings, including the name itself when it should match.
    pub aliases: Vec<String>,
}

impl ModelAliases {
    /// A model with aliases given as string slices.
    pub fn new(name: &str, aliases: &[&str]) -> Self {
        Self {
            name: name.to_owned(),
            aliases: aliases.iter().map(|s| (*s).to_owned()).collect(),
        }
    }
}

/// The `[topic]` table of the sources file; every key optional.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    /// Video terms (replace the built-in list when given).
    pub terms: Option<Vec<String>>,
    /// Extra model aliases, added to the model list: each `["Name", "alias", ...]`.
    pub extra_models: Option<Vec<Vec<String>>>,
    /// Minimum score to keep an article.
    pub min_score: Option<u32>,
}

/// Default minimum score.
pub const DEFAULT_MIN_SCORE: u32 = 3;

/// Built-in model list (until the model registry is available).
pub fn default_models() -> Vec<ModelAliases> {
    vec![
        ModelAliases::new(
            "Sora",
            &["Sora 2", "Sora 2 Pro", "Sora Turbo", "OpenAI Sora", "Sora"],
        ),
        ModelAliases::new(
            "Veo",
            &[
                "Veo 3.1",
                "Veo 3",
                "Veo 2",
                "Google Veo",
                "Veo",
                "Flow (Google)",
            ],
        ),
        ModelAliases::new("Kling", &["Kling 2.5", "Kling 2.1", "Kling AI", "Kling"]),
        ModelAliases::new(
            "Runway",
            &[
                "Runway Gen-4.5",
                "Runway Gen-4",
                "Runway Gen-3",
                "Gen-4",
                "Gen-3 Alpha",
                "Runway Aleph",
                "Runway ML",
                "RunwayML",
                "Runway AI",
            ],
        ),
        ModelAliases::new(
            "Luma",
            &[
                "Dream Machine",
                "Luma Ray",
                "Ray2",
                "Ray3",
                "Luma AI",
                "Luma Labs",
            ],
        ),
        ModelAliases::new("Pika", &["Pika Labs", "Pika 2", "Pikaformance", "Pika"]),
        ModelAliases::new("Hailuo", &["MiniMax Hailuo", "Hailuo 02", "Hailuo"]),
        ModelAliases::new("Seedance", &["Seedance 1.0", "Seedance"]),
        ModelAliases::new(
            "Wan",
            &["Wan 2.5", "Wan 2.2", "Wan 2.1", "Wan2.1", "Wan2.2"],
        ),
        ModelAliases::new("LTX", &["LTX-Video", "LTX-2", "LTXV", "LTX Studio"]),
        ModelAliases::new("HunyuanVideo", &["HunyuanVideo", "Hunyuan Video"]),
        ModelAliases::new(
            "Midjourney Video",
            &["Midjourney V1 Video", "Midjourney-Video"],
        ),
        ModelAliases::new("Moonvalley", &["Moonvalley", "Marey"]),
        ModelAliases::new("Vidu", &["Vidu"]),
        ModelAliases::new("Mochi", &["Mochi 1"]),
        ModelAliases::new("Movie Gen", &["Movie Gen", "MovieGen"]),
    ]
}

/// Built-in video terms, English and German.
pub fn default_terms() -> Vec<String> {
    [
        "KI-Video",
        "KI-Videos",
        "KI-Videogenerator",
        "Videogenerator",
        "Video-Generator",
        "Videogeneratoren",
        "Videomodell",
        "Videomodelle",
        "Video-KI",
        "KI-generierte Videos",
        "Text-zu-Video",
        "text-to-video",
        "image-to-video",
        "video generator",
        "video generation",
        "video model",
        "video models",
        "AI video",
        "AI-generated video",
        "generative video",
        "Bewegtbild-KI",
        "Deepfake-Video",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// Errors building a filter.
#[derive(Debug, thiserror::Error)]
pub enum TopicError {
    /// A term or alias did not make a valid pattern.
    #[error("topic filter: bad term {term:?}: {source}")]
    Pattern {
        /// The term.
        term: String,
        /// Regex error.
        source: regex::Error,
    },
}

struct Matcher {
    name: String,
    /// Alias spellings and their regexes, longest first.
    aliases: Vec<(String, Regex)>,
}

/// Result of classifying one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicMatch {
    /// Score reached.
    pub score: u32,
    /// Whether the article is kept.
    pub keep: bool,
    /// Human-readable reason, e.g. `mentions: Sora 2 (3); terms: KI-Video`.
    pub reason: String,
}

/// A compiled topic filter.
pub struct TopicFilter {
    models: Vec<Matcher>,
    terms: Vec<(String, Regex)>,
    min_score: u32,
}

impl std::fmt::Debug for TopicFilter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TopicFilter")
            .field("models", &self.models.len())
            .field("terms", &self.terms.len())
            .field("min_score", &self.min_score)
            .finish()
    }
}

fn pattern(term: &str) -> Result<Regex, TopicError> {
    let esc = regex::escape(term.trim())
        .replace("\\ ", "\\s+")
        .replace(' ', "\\s+");
    let starts_word = term
        .trim()
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric);
    let ends_word = term
        .trim()
        .chars()
        .last()
        .is_some_and(char::is_alphanumeric);
    let pat = format!(
        "(?i){}{}{}",
        if starts_word { "\\b" } else { "" },
        esc,
        if ends_word { "s?\\b" } else { "" }
    );
    Regex::new(&pat).map_err(|source| TopicError::Pattern {
        term: term.to_owned(),
        source,
    })
}

impl TopicFilter {
    /// Builds a filter from model aliases, video terms and a minimum score.
    pub fn new(
        models: &[ModelAliases],
        terms: &[String],
        min_score: u32,
    ) -> Result<Self, TopicError> {
        let mut ms = Vec::new();
        for m in models {
            let mut aliases: Vec<&String> = m.aliases.iter().collect();
            aliases.sort_by_key(|a| std::cmp::Reverse(a.len()));
            let mut compiled = Vec::new();
            for a in aliases {
                compiled.push((a.clone(), pattern(a)?));
            }
            ms.push(Matcher {
                name: m.name.clone(),
                aliases: compiled,
            });
        }
        let mut ts = Vec::new();
        let mut sorted: Vec<&String> = terms.iter().collect();
        sorted.sort_by_key(|a| std::cmp::Reverse(a.len()));
        for t in sorted {
            ts.push((t.clone(), pattern(t)?));
        }
        Ok(Self {
            models: ms,
            terms: ts,
            min_score,
        })
    }

    /// The built-in filter, adjusted by a `[topic]` table.
    pub fn from_config(cfg: &TopicConfig) -> Result<Self, TopicError> {
        let mut models = default_models();
        for extra in cfg.extra_models.iter().flatten() {
            if let Some((name, rest)) = extra.split_first() {
                let mut aliases = rest.to_vec();
                if aliases.is_empty() {
                    aliases.push(name.clone());
                }
                models.push(ModelAliases {
                    name: name.clone(),
                    aliases,
                });
            }
        }
        let terms = cfg.terms.clone().unwrap_or_else(default_terms);
        Self::new(&models, &terms, cfg.min_score.unwrap_or(DEFAULT_MIN_SCORE))
    }

    /// Classifies a text (title and body concatenated by the caller).
    pub fn classify(&self, text: &str) -> TopicMatch {
        let mut mentions: Vec<(String, usize)> = Vec::new();
        let mut distinct_models = 0u32;
        let mut total_mentions = 0usize;
        for m in &self.models {
            // Mask matched spans so "Sora 2" is not counted again as "Sora".
            let mut taken: Vec<(usize, usize)> = Vec::new();
            let mut found_model = false;
            for (alias, re) in &m.aliases {
                let mut n = 0;
                for mat in re.find_iter(text) {
                    if taken
                        .iter()
                        .any(|(s, e)| mat.start() < *e && *s < mat.end())
                    {
                        continue;
                    }
                    taken.push((mat.start(), mat.end()));
                    n += 1;
                }
                if n > 0 {
                    found_model = true;
                    total_mentions += n;
                    mentions.push((alias.clone(), n));
                }
            }
            if found_model {
                distinct_models += 1;
            }
            let _ = &m.name;
        }
        let mut terms = Vec::new();
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (term, re) in &self.terms {
            let mut hit = false;
            for mat in re.find_iter(text) {
                if taken
                    .iter()
                    .any(|(s, e)| mat.start() < *e && *s < mat.end())
                {
                    continue;
                }
                taken.push((mat.start(), mat.end()));
                hit = true;
            }
            if hit {
                terms.push(term.clone());
            }
        }
        let extra = (total_mentions.saturating_sub(distinct_models as usize)).min(2) as u32;
        let score = 2 * distinct_models + extra + terms.len() as u32;
        let mut parts = Vec::new();
        if !mentions.is_empty() {
            let list: Vec<String> = mentions.iter().map(|(a, n)| format!("{a} ({n})")).collect();
            parts.push(format!("mentions: {}", list.join(", ")));
        }
        if !terms.is_empty() {
            parts.push(format!("terms: {}", terms.join(", ")));
        }
        let reason = if parts.is_empty() {
            "no topic match".to_owned()
        } else {
            parts.join("; ")
        };
        TopicMatch {
            score,
            keep: score >= self.min_score,
            reason,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filter() -> TopicFilter {
        TopicFilter::from_config(&TopicConfig::default()).unwrap()
    }

    #[test]
    fn keeps_model_news_with_reason() {
        let m = filter().classify(
            "OpenAI bringt Sora 2. Sora 2 erzeugt Clips mit Ton; Sora 2 Pro kostet mehr. \
             Google antwortet mit Veo 3.1. Ein weiteres KI-Video-Modell.",
        );
        assert!(m.keep);
        assert!(
            m.reason.starts_with("mentions: Sora 2 Pro (1), Sora 2 (2)"),
            "{}",
            m.reason
        );
        assert!(m.reason.contains("Veo 3.1 (1)"), "{}", m.reason);
    }

    #[test]
    fn drops_off_topic_and_single_passing_mention() {
        let f = filter();
        assert!(
            !f.classify("Apple stellt das neue iPhone vor, mit besserer Kamera.")
                .keep
        );
        assert!(
            !f.classify("The model walked down the runway in Paris.")
                .keep
        );
        assert!(!f.classify("In a side note, Sora was mentioned once.").keep);
    }

    #[test]
    fn terms_alone_can_keep() {
        let m = filter()
            .classify("Ein neuer Videogenerator für text-to-video: das Videomodell überzeugt.");
        assert!(m.keep, "{m:?}");
        assert!(m.reason.starts_with("terms: "));
    }

    #[test]
    fn custom_models_and_min_score() {
        let f = TopicFilter::new(&[ModelAliases::new("Foo", &["FooVid"])], &[], 2).unwrap();
        let m = f.classify("FooVid launched");
        assert!(m.keep);
        assert_eq!(m.reason, "mentions: FooVid (1)");
    }
}

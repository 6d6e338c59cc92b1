//! Whole documents: the founding article and our own hyped, sober and hedged drafts.
use hypecheck::analyze::Stance;
use hypecheck::check::FileReport;
use hypecheck::text::Format;

use crate::util::{check, fixture};

fn report(name: &str) -> FileReport {
    let path = fixture(name);
    let text = std::fs::read_to_string(&path).expect("fixture is readable");
    let format = Format::from_path(&path).unwrap_or(Format::Text);
    check(&text, format)
}

fn stance_of(r: &FileReport, text: &str) -> Stance {
    r.findings
        .iter()
        .find(|f| f.text == text)
        .unwrap_or_else(|| panic!("no finding `{text}` in {}", r.path))
        .stance
}

#[test]
fn founding_article_quotes_and_negates_hype_and_scores_low() {
    let r = report("sora2-hype.de.txt");
    assert_eq!(stance_of(&r, "Gamechanger"), Stance::Quoted);
    assert_eq!(stance_of(&r, "Hollywood kann einpacken"), Stance::Quoted);
    assert_eq!(stance_of(&r, "Hollywood-Niveau"), Stance::Quoted);
    assert!(matches!(
        stance_of(&r, "Hollywood-Ersatz"),
        Stance::Quoted | Stance::Negated
    ));
    let revolutions: Vec<Stance> = r
        .findings
        .iter()
        .filter(|f| f.text == "Revolution")
        .map(|f| f.stance)
        .collect();
    assert_eq!(
        revolutions,
        vec![Stance::Quoted, Stance::Negated],
        "zur Revolution erklärt; Revolution, nein"
    );
    assert_eq!(r.counts.endorsed, 0, "{:#?}", r.findings);
    assert!(r.hype_index < 15.0, "a sober article: {}", r.hype_index);
    assert!(
        r.discourse_index > 40.0,
        "it talks about hype a lot: {}",
        r.discourse_index
    );
    assert!(r.discourse_index > 4.0 * r.hype_index);
}

#[test]
fn hyped_drafts_score_high() {
    for name in ["drafts/hyped.de.md", "drafts/hyped.en.md"] {
        let r = report(name);
        assert!(r.hype_index >= 60.0, "{name}: {}", r.hype_index);
        assert!(r.counts.endorsed >= 10, "{name}: {:?}", r.counts);
    }
}

#[test]
fn sober_drafts_score_near_zero() {
    for name in ["drafts/sober.de.md", "drafts/sober.en.md"] {
        let r = report(name);
        assert!(
            r.hype_index < 10.0,
            "{name}: {} {:#?}",
            r.hype_index,
            r.findings
        );
    }
}

#[test]
fn hedged_drafts_score_in_between() {
    for lang in ["de", "en"] {
        let hedged = report(&format!("drafts/hedged.{lang}.md"));
        let hyped = report(&format!("drafts/hyped.{lang}.md"));
        let sober = report(&format!("drafts/sober.{lang}.md"));
        assert!(hedged.counts.hedged >= 4, "{lang}: {:?}", hedged.counts);
        assert!(
            sober.hype_index + 10.0 < hedged.hype_index
                && hedged.hype_index + 10.0 < hyped.hype_index,
            "{lang}: sober {} < hedged {} < hyped {}",
            sober.hype_index,
            hedged.hype_index,
            hyped.hype_index
        );
        assert!(hedged.hype_index < 60.0, "{lang}: {}", hedged.hype_index);
    }
}

#[test]
fn findings_come_with_sober_alternatives_and_sentences() {
    let r = report("drafts/hyped.en.md");
    for f in &r.findings {
        assert!(!f.suggestion.is_empty(), "{f:?}");
        assert!(f.sentence.contains(&f.text), "{f:?}");
    }
}

//! Text output: `path:line:col: level[category]: message`, one per finding, then a summary
//! line per file.
use std::io::{self, Write};

use super::{claim_level, claim_line, claim_message, claim_rule, level, message, Run};

/// Renders `run` as text: each claim on one line with its decisive figures.
pub fn render(run: &Run<'_>, w: &mut dyn Write) -> io::Result<()> {
    render_with(run, false, w)
}

/// Renders `run` as text; `verbose` gives each claim its full reason and every evidence row
/// with its source URL (as SARIF does).
pub fn render_with(run: &Run<'_>, verbose: bool, w: &mut dyn Write) -> io::Result<()> {
    for r in run.reports {
        for f in run.visible(r) {
            writeln!(
                w,
                "{}:{}:{}: {}[{}]: {}",
                r.path,
                f.line,
                f.column,
                level(f),
                f.category,
                message(f)
            )?;
        }
        for f in run.visible_set_aside(r) {
            writeln!(
                w,
                "{}:{}:{}: info[set-aside]: \"{}\" ({}) is not counted — {}",
                r.path, f.line, f.column, f.text, f.category, f.reason
            )?;
        }
        for c in run.visible_claims(r) {
            writeln!(
                w,
                "{}:{}:{}: {}[{}]: {}",
                r.path,
                c.line,
                c.column,
                claim_level(c),
                claim_rule(c),
                if verbose {
                    claim_message(c)
                } else {
                    claim_line(c)
                }
            )?;
        }
        let c = &r.counts;
        writeln!(
            w,
            "{}: Hype Index {:.1} ({} endorsed, {} hedged; {:.1} weighted hits per 1,000 words; {} words, {}) · hype discourse {:.1} ({} quoted, {} negated, {} questioned){}{}",
            r.path,
            r.hype_index,
            c.endorsed,
            c.hedged,
            r.density,
            r.words,
            r.lang,
            r.discourse_index,
            c.quoted,
            c.negated,
            c.questioned,
            if r.suppressed > 0 { format!(" · {} suppressed", r.suppressed) } else { String::new() },
            match run.fail_above {
                Some(t) if r.hype_index > t => format!(" · above the threshold {t}"),
                _ => String::new(),
            }
        )?;
    }
    if run.reports.len() > 1 {
        writeln!(
            w,
            "total: Hype Index {:.1} over {} files, {} words · hype discourse {:.1}",
            run.total_index(),
            run.reports.len(),
            run.total_words(),
            run.total_discourse()
        )?;
    }
    Ok(())
}

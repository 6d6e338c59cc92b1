//! SVG charts drawn with plotters: hype vs reality per model, the weekly trend per model
//! family, and the most used hype terms by stance.
//!
//! Every chart must read in black and white: series differ by dash pattern and marker shape,
//! stances by a one-hue ramp of fill lightness (dark = endorsed), not by hue alone. Text is SVG
//! `<text>` in the reader's sans-serif font, so the HTML stays one self-contained file.
//! Labels come from the model registry and the lexicons, and plotters escapes them.
use plotters::coord::Shift;
use plotters::prelude::*;

use super::{FamilyTrend, ModelRow, ReportError, TermRow, WeekPoint};

const FONT: &str = "sans-serif";

/// Stance fills, darkest first, with the stance they stand for.
pub(crate) const STANCE_FILLS: [(&str, RGBColor); 5] = [
    ("endorsed", RGBColor(8, 48, 107)),
    ("hedged", RGBColor(33, 113, 181)),
    ("quoted", RGBColor(107, 174, 214)),
    ("negated", RGBColor(198, 219, 239)),
    ("questioned", RGBColor(255, 255, 255)),
];

/// Line styles of the trend: (color, dash length, gap length; 0 = solid).
const LINES: [(RGBColor, u32, u32); 6] = [
    (RGBColor(0, 90, 160), 0, 0),
    (RGBColor(200, 80, 0), 10, 5),
    (RGBColor(0, 130, 60), 3, 4),
    (RGBColor(120, 40, 140), 14, 4),
    (RGBColor(150, 110, 0), 6, 6),
    (RGBColor(90, 90, 90), 2, 8),
];

fn chart_err(name: &'static str) -> impl Fn(String) -> ReportError {
    move |message| ReportError::Chart { name, message }
}

macro_rules! tri {
    ($e:expr, $name:expr) => {
        $e.map_err(|e| chart_err($name)(e.to_string()))?
    };
}

/// Vertices of marker `k` at `p`: circle (octagon), triangle, square, diamond, inverted
/// triangle, hexagon; shapes, not colors, tell the series apart on paper.
fn marker_points(k: usize, p: (i32, i32)) -> Vec<(i32, i32)> {
    let (x, y) = p;
    let s = 5;
    match k % 6 {
        0 => vec![
            (x - 2, y - s),
            (x + 2, y - s),
            (x + s, y - 2),
            (x + s, y + 2),
            (x + 2, y + s),
            (x - 2, y + s),
            (x - s, y + 2),
            (x - s, y - 2),
        ],
        1 => vec![(x, y - s - 1), (x + s + 1, y + s), (x - s - 1, y + s)],
        2 => vec![
            (x - s, y - s),
            (x + s, y - s),
            (x + s, y + s),
            (x - s, y + s),
        ],
        3 => vec![
            (x, y - s - 2),
            (x + s + 1, y),
            (x, y + s + 2),
            (x - s - 1, y),
        ],
        4 => vec![(x - s - 1, y - s), (x + s + 1, y - s), (x, y + s + 1)],
        _ => vec![
            (x - s, y),
            (x - 3, y - s),
            (x + 3, y - s),
            (x + s, y),
            (x + 3, y + s),
            (x - 3, y + s),
        ],
    }
}

fn marker<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    k: usize,
    p: (i32, i32),
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.draw(&Polygon::new(marker_points(k, p), color.filled()))?;
    area.draw(&PathElement::new(
        {
            let mut v = marker_points(k, p);
            if let Some(&f) = v.first() {
                v.push(f);
            }
            v
        },
        BLACK.stroke_width(1),
    ))
}

/// Hype percentile (x) against reality percentile (y), one point per model with both; the
/// overhyped quadrant (hype above the median, reality below) is shaded and labelled.
pub(crate) fn scatter(models: &[ModelRow]) -> Result<String, ReportError> {
    const NAME: &str = "hype vs reality";
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, 520)).into_drawing_area();
        tri!(root.fill(&WHITE), NAME);
        let mut chart = tri!(
            ChartBuilder::on(&root)
                .caption("Hype vs reality per model", (FONT, 20))
                .margin(14)
                .x_label_area_size(48)
                .y_label_area_size(60)
                .build_cartesian_2d(-3f64..103f64, -3f64..103f64),
            NAME
        );
        tri!(
            chart.draw_series(std::iter::once(Rectangle::new(
                [(50.0, 0.0), (100.0, 50.0)],
                RGBColor(235, 235, 235).filled(),
            ))),
            NAME
        );
        tri!(
            chart
                .configure_mesh()
                .x_desc("Hype percentile among these models (Hype Index, %)")
                .y_desc("Reality percentile (benchmarks, %)")
                .axis_desc_style((FONT, 15))
                .label_style((FONT, 13))
                .light_line_style(RGBColor(245, 245, 245))
                .draw(),
            NAME
        );
        tri!(
            chart.draw_series(std::iter::once(Text::new(
                "overhyped: more hype than results",
                (52.0, 6.0),
                (FONT, 14).into_font().color(&BLACK),
            ))),
            NAME
        );
        tri!(
            chart.draw_series(DashedLineSeries::new(
                vec![(0.0, 0.0), (100.0, 100.0)],
                6,
                6,
                RGBColor(120, 120, 120).stroke_width(1),
            )),
            NAME
        );
        tri!(
            chart.draw_series(std::iter::once(Text::new(
                "dashed line: hype = reality",
                (2.0, 4.0),
                (FONT, 12).into_font().color(&RGBColor(90, 90, 90)),
            ))),
            NAME
        );
        let plotted: Vec<&ModelRow> = models
            .iter()
            .filter(|m| m.hype_percentile.is_some() && m.reality_percentile.is_some())
            .collect();
        let area = chart.plotting_area().clone();
        // `map_coordinate` gives backend pixels, so markers go on the root area, whose origin
        // is the backend's.
        for (k, m) in plotted.iter().enumerate() {
            let (Some(x), Some(y)) = (m.hype_percentile, m.reality_percentile) else {
                continue;
            };
            let p = area.map_coordinate(&(x, y));
            let (c, _, _) = LINES[k % LINES.len()];
            tri!(marker(&root, k, p, c), NAME);
            let (dx, dy) = if x > 80.0 { (-8, -16) } else { (8, -6) };
            let style = TextStyle::from((FONT, 13).into_font())
                .color(&BLACK)
                .pos(if x > 80.0 {
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Right,
                        plotters::style::text_anchor::VPos::Top,
                    )
                } else {
                    plotters::style::text_anchor::Pos::new(
                        plotters::style::text_anchor::HPos::Left,
                        plotters::style::text_anchor::VPos::Top,
                    )
                });
            tri!(
                root.draw(&Text::new(m.name.clone(), (p.0 + dx, p.1 + dy), style)),
                NAME
            );
        }
        if plotted.is_empty() {
            tri!(
                chart.draw_series(std::iter::once(Text::new(
                    "no model with both mentions and benchmark data in this period",
                    (5.0, 55.0),
                    (FONT, 14).into_font().color(&BLACK),
                ))),
                NAME
            );
        }
        tri!(root.present(), NAME);
    }
    Ok(svg)
}

/// Width of the trend chart (its legend takes the right 180 pixels).
const WIDTH: u32 = 820;

/// A trend line: name, color, dash, gap, width, weekly values.
type Line<'a> = (String, RGBColor, u32, u32, u32, &'a [Option<f64>]);

/// Weekly Hype Index: all counted articles (thick black) and the `max_lines` most covered
/// model families; weeks without articles are gaps in the lines.
pub(crate) fn trend(
    weeks: &[WeekPoint],
    families: &[FamilyTrend],
    max_lines: usize,
) -> Result<String, ReportError> {
    const NAME: &str = "weekly trend";
    let mut svg = String::new();
    let n = weeks.len().max(1);
    let shown: Vec<&FamilyTrend> = families.iter().take(max_lines).collect();
    let ymax = weeks
        .iter()
        .filter_map(|w| w.hype_index)
        .chain(
            shown
                .iter()
                .flat_map(|f| f.points.iter().flatten().copied()),
        )
        .fold(10.0f64, f64::max);
    let ymax = ((ymax / 10.0).ceil() * 10.0 + 5.0).min(100.0);
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, 460)).into_drawing_area();
        tri!(root.fill(&WHITE), NAME);
        let mut chart = tri!(
            ChartBuilder::on(&root)
                .caption("Weekly Hype Index by model family", (FONT, 20))
                .margin(14)
                .margin_right(180)
                .x_label_area_size(56)
                .y_label_area_size(56)
                .build_cartesian_2d(-0.5f64..(n as f64 - 0.5), 0f64..ymax),
            NAME
        );
        let labels: Vec<String> = weeks.iter().map(|w| w.week.clone()).collect();
        tri!(
            chart
                .configure_mesh()
                .x_desc("ISO week (articles published Monday–Sunday)")
                .y_desc("Hype Index (0–100)")
                .axis_desc_style((FONT, 15))
                .label_style((FONT, 12))
                .x_labels(n.min(13))
                .x_label_formatter(&|x| {
                    let i = x.round();
                    if (x - i).abs() > 0.01 || i < 0.0 {
                        return String::new();
                    }
                    labels
                        .get(i as usize)
                        .map(|l| l.get(5..).unwrap_or(l).to_owned())
                        .unwrap_or_default()
                })
                .light_line_style(RGBColor(245, 245, 245))
                .draw(),
            NAME
        );
        let all: Vec<Option<f64>> = weeks.iter().map(|w| w.hype_index).collect();
        let mut series: Vec<Line<'_>> = vec![("All articles".to_owned(), BLACK, 0, 0, 3, &all)];
        for (k, f) in shown.iter().enumerate() {
            let (c, dash, gap) = LINES[k % LINES.len()];
            series.push((f.name.clone(), c, dash, gap, 2, &f.points));
        }
        for (k, (name, color, dash, gap, width, points)) in series.iter().enumerate() {
            let style = color.stroke_width(*width);
            let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
            for (i, p) in points.iter().enumerate() {
                match p {
                    Some(v) => runs
                        .last_mut()
                        .map(|r| r.push((i as f64, *v)))
                        .unwrap_or(()),
                    None => runs.push(Vec::new()),
                }
            }
            for run in runs.iter().filter(|r| !r.is_empty()) {
                if *dash == 0 {
                    tri!(chart.draw_series(LineSeries::new(run.clone(), style)), NAME);
                } else {
                    tri!(
                        chart.draw_series(DashedLineSeries::new(run.clone(), *dash, *gap, style)),
                        NAME
                    );
                }
            }
            // The legend stands right of the plot, where it cannot hide a data point.
            let (lx, ly) = (WIDTH as i32 - 168, 64 + 26 * k as i32);
            let segs: Vec<(i32, i32)> = if *dash == 0 {
                vec![(0, 30)]
            } else {
                let step = (*dash + *gap) as i32;
                (0..30)
                    .step_by(step.max(1) as usize)
                    .map(|x| (x, (x + *dash as i32).min(30)))
                    .collect()
            };
            for (x0, x1) in segs {
                tri!(
                    root.draw(&PathElement::new(vec![(lx + x0, ly), (lx + x1, ly)], style)),
                    NAME
                );
            }
            tri!(marker(&root, k, (lx + 15, ly), *color), NAME);
            tri!(
                root.draw(&Text::new(
                    name.clone(),
                    (lx + 38, ly - 7),
                    (FONT, 13).into_font().color(&BLACK)
                )),
                NAME
            );
            let area = chart.plotting_area().clone();
            // `map_coordinate` gives backend pixels, so markers go on the root area, whose origin
            // is the backend's.
            for run in &runs {
                for &(x, y) in run {
                    tri!(marker(&root, k, area.map_coordinate(&(x, y)), *color), NAME);
                }
            }
        }
        tri!(root.present(), NAME);
    }
    Ok(svg)
}

/// The most used terms as horizontal bars split by stance.
pub(crate) fn terms(rows: &[TermRow], max: usize) -> Result<String, ReportError> {
    const NAME: &str = "terms by stance";
    let shown: Vec<&TermRow> = rows.iter().take(max).collect();
    let n = shown.len().max(1);
    let xmax = shown.iter().map(|t| t.total).max().unwrap_or(1).max(1) as f64 * 1.08;
    let height = 120 + 28 * n as u32;
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (720, height)).into_drawing_area();
        tri!(root.fill(&WHITE), NAME);
        let mut chart = tri!(
            ChartBuilder::on(&root)
                .caption("Most used hype terms by stance", (FONT, 20))
                .margin(14)
                .x_label_area_size(44)
                .y_label_area_size(190)
                .build_cartesian_2d(0f64..xmax, 0f64..n as f64),
            NAME
        );
        let names: Vec<String> = shown
            .iter()
            .map(|t| format!("{} ({})", t.term, t.lang))
            .collect();
        tri!(
            chart
                .configure_mesh()
                .disable_y_mesh()
                .x_desc("Hits in the period (count)")
                .x_labels(((xmax as usize) + 1).clamp(2, 11))
                .x_label_formatter(&|x| {
                    if (x - x.round()).abs() < 0.05 {
                        format!("{:.0}", x.round())
                    } else {
                        String::new()
                    }
                })
                .axis_desc_style((FONT, 15))
                .label_style((FONT, 13))
                .y_labels(n * 2 + 1)
                .y_label_formatter(&|y| {
                    let f = y - y.floor();
                    if (f - 0.5).abs() > 0.01 {
                        return String::new();
                    }
                    let i = n as isize - 1 - y.floor() as isize;
                    usize::try_from(i)
                        .ok()
                        .and_then(|i| names.get(i))
                        .cloned()
                        .unwrap_or_default()
                })
                .light_line_style(RGBColor(240, 240, 240))
                .draw(),
            NAME
        );
        for (si, (stance, fill)) in STANCE_FILLS.iter().enumerate() {
            let mut bars = Vec::new();
            for (i, t) in shown.iter().enumerate() {
                let parts = [t.endorsed, t.hedged, t.quoted, t.negated, t.questioned];
                let x0: u64 = parts[..si].iter().sum();
                let x1 = x0 + parts[si];
                if parts[si] == 0 {
                    continue;
                }
                let y = (n - 1 - i) as f64;
                bars.push((x0 as f64, x1 as f64, y));
            }
            let fill = *fill;
            let anno = tri!(
                chart.draw_series(bars.iter().flat_map(|&(x0, x1, y)| {
                    [
                        Rectangle::new([(x0, y + 0.15), (x1, y + 0.85)], fill.filled()),
                        Rectangle::new([(x0, y + 0.15), (x1, y + 0.85)], BLACK.stroke_width(1)),
                    ]
                })),
                NAME
            );
            anno.label(*stance)
                .legend(move |(x, y)| Rectangle::new([(x, y - 6), (x + 14, y + 6)], fill.filled()));
        }
        tri!(
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::LowerRight)
                .background_style(WHITE.mix(0.9))
                .border_style(BLACK)
                .label_font((FONT, 13))
                .draw(),
            NAME
        );
        tri!(root.present(), NAME);
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points_of(svg: &str) -> Vec<(f64, f64)> {
        let mut out = Vec::new();
        for part in svg
            .split("<polygon ")
            .skip(1)
            .filter_map(|p| p.split_once("points=\"").map(|x| x.1))
        {
            let pts = part.split('"').next().unwrap_or("");
            for p in pts.split_whitespace() {
                let mut xy = p.split(',').filter_map(|v| v.parse::<f64>().ok());
                if let (Some(x), Some(y)) = (xy.next(), xy.next()) {
                    out.push((x, y));
                }
            }
        }
        out
    }

    fn model(name: &str, hype: f64, reality: f64) -> ModelRow {
        ModelRow {
            model: name.to_owned(),
            name: name.to_owned(),
            family: name.to_owned(),
            vendor: String::new(),
            resolved: true,
            articles: 1,
            mentions: 1,
            words: 100,
            hype_index: 10.0,
            discourse_index: 0.0,
            hype_percentile: Some(hype),
            reality_percentile: Some(reality),
            reality: Vec::new(),
            gap: Some(hype - reality),
            claims: None,
        }
    }

    /// Regression: markers were drawn at plotting-area coordinates on a shifted area, one
    /// week right and several points down.
    #[test]
    fn scatter_markers_sit_on_their_values() {
        let svg = scatter(&[model("a", 100.0, 0.0), model("b", 0.0, 100.0)]).unwrap();
        let pts = points_of(&svg);
        assert!(!pts.is_empty());
        let max_x = pts.iter().map(|p| p.0).fold(0.0, f64::max);
        let min_x = pts.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        // 720 px wide: the "a" marker (x = 100) ends well inside, "b" (x = 0) starts right
        // of the y-axis labels.
        assert!(max_x < 712.0 && min_x > 60.0, "{min_x}..{max_x}");
    }

    #[test]
    fn trend_has_gaps_for_empty_weeks() {
        let w = |i: u32, v: Option<f64>| WeekPoint {
            week: format!("2026-W{i}"),
            since: chrono::NaiveDate::from_isoywd_opt(2026, i, chrono::Weekday::Mon).unwrap(),
            until: chrono::NaiveDate::from_isoywd_opt(2026, i, chrono::Weekday::Sun).unwrap(),
            articles: u64::from(v.is_some()),
            hype_index: v,
            discourse_index: v,
        };
        let weeks = [w(40, Some(20.0)), w(41, None), w(42, Some(30.0))];
        let svg = trend(&weeks, &[], 5).unwrap();
        // Two isolated points: no line of the thick "All articles" series joins them across
        // the empty week.
        for line in svg.split("<polyline").skip(1) {
            let tag = line.split('>').next().unwrap_or("");
            if tag.contains("stroke-width=\"3\"") {
                let pts = tag.split("points=\"").nth(1).unwrap_or("");
                let xs: Vec<f64> = pts
                    .split('"')
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .filter_map(|p| p.split(',').next()?.parse().ok())
                    .collect();
                // The legend's sample line stands right of the plot.
                let in_plot = xs.iter().all(|&x| x < f64::from(WIDTH) - 180.0);
                assert!(xs.len() < 2 || !in_plot, "line across the gap: {tag}");
            }
        }
    }
}

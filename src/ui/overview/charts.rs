//! The Overview's three charts: attendance per convening, members per
//! school year, and grant requests by status, in the app's theme.

use egui::{Color32, Ui};
use egui_plot::{Bar, BarChart, Line, Plot, PlotPoints, Points, uniform_grid_spacer};

use crate::domain::SchoolYear;
use crate::store::overview::Overview;
use crate::ui::style;

pub(super) fn charts_ui(ui: &mut Ui, overview: &Overview) {
    // Strong enough on both themes' backgrounds.
    let accent = ui.visuals().hyperlink_color;
    style::subheading(ui, "Attendance per convening");
    if overview.convening_rates.is_empty() {
        style::muted(
            ui,
            "No convening of this year has its attendance recorded yet.",
        );
    } else {
        attendance_chart_ui(ui, overview, accent);
    }
    style::subheading(ui, "Members per school year");
    if overview.members_per_year.is_empty() {
        style::muted(ui, "No letters on file yet.");
    } else {
        members_chart_ui(ui, overview, accent);
    }
    style::subheading(ui, "Grant requests by status");
    if overview.fund_by_status.is_empty() {
        style::muted(ui, "No applications this year yet.");
    } else {
        fund_chart_ui(ui, overview, accent);
    }
}

/// Each recorded convening's share of members attending, in date order.
fn attendance_chart_ui(ui: &mut Ui, overview: &Overview, accent: Color32) {
    let points: Vec<[f64; 2]> = overview
        .convening_rates
        .iter()
        .enumerate()
        .map(|(i, c)| [i as f64 + 1.0, c.percent])
        .collect();
    let titles: Vec<String> = overview
        .convening_rates
        .iter()
        .map(|c| format!("{} {}", c.held_on.format("%-m/%-d"), c.title))
        .collect();
    Plot::new("attendance_chart")
        .height(180.0)
        .include_y(0.0)
        .include_y(100.0)
        .x_axis_label("Convening, in date order")
        .y_axis_label("% of members attending")
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .label_formatter(move |hover| match hover {
            egui_plot::HoverPosition::NearDataPoint { position, .. } => {
                let i = position.x.round() as usize;
                titles
                    .get(i.wrapping_sub(1))
                    .map(|title| format!("{title}\n{:.0}% attended", position.y))
            }
            egui_plot::HoverPosition::Elsewhere { .. } => None,
        })
        .show(ui, |plot| {
            plot.line(Line::new("Attendance", PlotPoints::from(points.clone())).color(accent));
            plot.points(
                Points::new("Convenings", PlotPoints::from(points))
                    .radius(3.0)
                    .color(accent),
            );
        });
}

/// Active members in each school year with letters, every bar labelled.
fn members_chart_ui(ui: &mut Ui, overview: &Overview, accent: Color32) {
    // Ten years of bars leave room only for "24-25" under each.
    let narrow = overview.members_per_year.len() > 6;
    let years: Vec<(f64, String)> = overview
        .members_per_year
        .iter()
        .map(|(year, _)| (f64::from(year.start_year()), short_year(*year, narrow)))
        .collect();
    let bars: Vec<Bar> = overview
        .members_per_year
        .iter()
        .map(|(year, n)| {
            Bar::new(f64::from(year.start_year()), *n as f64)
                .name(year.to_string())
                .fill(accent)
        })
        .collect();
    Plot::new("members_chart")
        .height(160.0)
        .y_axis_label("Active members")
        .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        // Every bar keeps its label, however close they stand.
        .custom_x_axes(vec![
            egui_plot::AxisHints::new_x()
                .label("School year")
                .formatter(move |mark, _| label_at(&years, mark.value))
                .label_spacing(10.0..=20.0),
        ])
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Members", bars).width(0.7))
        });
}

/// What the year's applications request, by the status they are in.
fn fund_chart_ui(ui: &mut Ui, overview: &Overview, accent: Color32) {
    // The workflow reads from the top: Draft first.
    let last = overview.fund_by_status.len().saturating_sub(1);
    let at = |i: usize| (last - i) as f64;
    let statuses: Vec<(f64, String)> = overview
        .fund_by_status
        .iter()
        .enumerate()
        .map(|(i, (s, _))| (at(i), s.label().to_owned()))
        .collect();
    let bars: Vec<Bar> = overview
        .fund_by_status
        .iter()
        .enumerate()
        .map(|(i, (status, money))| {
            Bar::new(at(i), money.cents() as f64 / 100.0)
                .name(format!("{} {money}", status.label()))
                .fill(accent)
        })
        .collect();
    // Lying down, so that every status has room for its name.
    Plot::new("fund_chart")
        .height(40.0 + 22.0 * statuses.len() as f32)
        .y_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
        .custom_y_axes(vec![
            egui_plot::AxisHints::new_y()
                .formatter(move |mark, _| label_at(&statuses, mark.value))
                .label_spacing(10.0..=16.0),
        ])
        .x_axis_label("Requested")
        .x_axis_formatter(|mark, _| dollars(mark.value))
        .include_x(0.0)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_drag(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new("Requested", bars).width(0.6).horizontal())
        });
}

/// The label of the bar at `x`, if one stands there.
fn label_at(labels: &[(f64, String)], x: f64) -> String {
    labels
        .iter()
        .find(|(at, _)| (at - x).abs() < 1e-6)
        .map(|(_, label)| label.clone())
        .unwrap_or_default()
}

/// "2024-25" (or, `narrow`, "24-25"): a school year short enough to stand
/// under a bar.
fn short_year(year: SchoolYear, narrow: bool) -> String {
    let (start, end) = (year.start_year(), (year.start_year() + 1) % 100);
    if narrow {
        format!("{:02}-{end:02}", start % 100)
    } else {
        format!("{start}-{end:02}")
    }
}

/// An axis amount in whole dollars: "$10,000".
fn dollars(value: f64) -> String {
    let whole = crate::domain::Money::from_cents((value.round() as i64).saturating_mul(100));
    whole.map_or_else(String::new, |money| {
        money.to_string().trim_end_matches(".00").to_owned()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_speak_in_school_years_and_dollars() {
        let year = SchoolYear::starting(2024).unwrap();
        assert_eq!(short_year(year, false), "2024-25");
        assert_eq!(short_year(year, true), "24-25");
        assert_eq!(dollars(10_000.0), "$10,000");
        assert_eq!(dollars(2_500.4), "$2,500");
        let labels = [
            (2024.0, "2024-25".to_owned()),
            (2025.0, "2025-26".to_owned()),
        ];
        assert_eq!(label_at(&labels, 2025.0), "2025-26");
        assert_eq!(label_at(&labels, 2024.5), "", "no bar there: no label");
    }
}

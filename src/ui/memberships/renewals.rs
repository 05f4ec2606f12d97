//! Renewals: who was active last year and has not sent this year's letter,
//! with the people to write to, and their emails ready for Outlook.

use chrono::NaiveDate;
use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::validate::display_date;
use crate::domain::{ContactRole, DistrictId, SchoolYear};
use crate::store::Renewal;
use crate::ui::style;

/// Whole days from `invited_on` to `today`.
pub fn days_since(invited_on: NaiveDate, today: NaiveDate) -> i64 {
    (today - invited_on).num_days()
}

/// "today", "yesterday", "12 days ago".
pub fn ago(day: NaiveDate, today: NaiveDate) -> String {
    match days_since(day, today) {
        0 => "today".to_owned(),
        1 => "yesterday".to_owned(),
        n if n < 0 => display_date(day),
        n => format!("{n} days ago"),
    }
}

/// How long a reminder counts as recent, for "Not reminded this week".
pub const QUIET_DAYS: u64 = 7;

/// The renewals whose district matches every word of the search and, with
/// `quiet_since`, that were not reminded since that day.
pub fn visible_renewals<'a>(
    renewals: &'a [Renewal],
    search: &str,
    quiet_since: Option<NaiveDate>,
) -> impl Iterator<Item = &'a Renewal> {
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    renewals.iter().filter(move |r| {
        let name = r.district_name.to_lowercase();
        let quiet = match (quiet_since, r.last_reminded) {
            (Some(since), Some(reminded)) => reminded < since,
            _ => true,
        };
        quiet && words.iter().all(|w| name.contains(w.as_str()))
    })
}

/// The renewals table; returns a district whose row was clicked.
pub fn renewals_ui(
    ui: &mut Ui,
    year: SchoolYear,
    renewals: &[Renewal],
    search: &str,
    today: NaiveDate,
    quiet_since: Option<NaiveDate>,
) -> Option<DistrictId> {
    let shown: Vec<&Renewal> = visible_renewals(renewals, search, quiet_since).collect();
    if renewals.is_empty() {
        style::empty_state(
            ui,
            "✔",
            "Nobody to chase",
            &format!(
                "Every district active in {} has sent its letter for {year}.",
                year.previous()
            ),
            |_| {},
        );
        return None;
    }
    if shown.is_empty() {
        style::empty_state(
            ui,
            "🔍",
            "Nothing to show",
            &if quiet_since.is_some() {
                "Every district to chase that matches was reminded this week.".to_owned()
            } else {
                format!("No district to chase matches “{}”.", search.trim())
            },
            |_| {},
        );
        return None;
    }
    let mut clicked = None;
    TableBuilder::new(ui)
        .id_salt("renewals_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false])
        .column(Column::initial(170.0).at_least(120.0).clip(true))
        .column(Column::initial(90.0).at_least(80.0))
        .column(Column::initial(90.0).at_least(80.0))
        .column(Column::initial(44.0).at_least(40.0))
        .column(Column::initial(110.0).at_least(90.0))
        .column(Column::initial(140.0).at_least(90.0).clip(true))
        .column(
            Column::remainder()
                .at_least(120.0)
                .resizable(false)
                .clip(true),
        )
        .header(style::HEADER_HEIGHT, |mut header| {
            for title in [
                "District",
                "Standing",
                "Invited",
                "Days",
                "Last reminded",
                "Superintendent",
                "Points of contact",
            ] {
                header.col(|ui| {
                    ui.label(RichText::new(title).strong());
                });
            }
        })
        .body(|body| {
            body.rows(style::ROW_HEIGHT, shown.len(), |mut row| {
                let renewal = shown[row.index()];
                renewal_row_ui(&mut row, renewal, today);
                if row.response().clicked() {
                    clicked = Some(renewal.district_id);
                }
            });
        });
    clicked
}

/// A district to chase: its standing, when it was invited and how long
/// ago, and its people.
fn renewal_row_ui(row: &mut egui_extras::TableRow<'_, '_>, renewal: &Renewal, today: NaiveDate) {
    let names = |role| {
        renewal
            .people
            .iter()
            .filter(|p| p.role == role)
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    row.col(|ui| {
        ui.add(egui::Label::new(&renewal.district_name).selectable(false));
    });
    row.col(|ui| {
        ui.add(egui::Label::new(style::standing_text(ui, renewal.standing)).selectable(false));
    });
    row.col(|ui| {
        ui.add(
            egui::Label::new(renewal.invited_on.map(display_date).unwrap_or_default())
                .selectable(false),
        );
    });
    row.col(|ui| {
        let days = renewal.invited_on.map(|on| days_since(on, today));
        let text = days.map_or_else(String::new, |d| d.to_string());
        ui.add(egui::Label::new(text).selectable(false))
            .on_hover_text("Days since the invitation");
    });
    row.col(|ui| {
        let text = renewal
            .last_reminded
            .map(|on| ago(on, today))
            .unwrap_or_default();
        ui.add(egui::Label::new(text).selectable(false))
            .on_hover_text("The last draft made for the district (Drafts…)");
    });
    row.col(|ui| {
        ui.add(egui::Label::new(names(ContactRole::Superintendent)).selectable(false));
    });
    row.col(|ui| {
        let people = names(ContactRole::PointOfContact);
        let text = if renewal.people.is_empty() {
            RichText::new("No contacts on file").color(style::warning_color(ui))
        } else {
            RichText::new(people)
        };
        ui.add(egui::Label::new(text).selectable(false));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_since_counts_whole_days() {
        let may_1 = NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
        assert_eq!(
            days_since(may_1, NaiveDate::from_ymd_opt(2025, 5, 31).unwrap()),
            30
        );
        assert_eq!(days_since(may_1, may_1), 0);
    }
}

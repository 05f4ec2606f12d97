//! The report preview's summary: when it was recorded before, how many
//! people it has (matched, to review, set aside), and the Record button.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::{Decision, ImportOutcome, ImportPreview, PreviewRow};
use crate::domain::participants::ParticipantMatch;
use crate::domain::validate::display_date;
use crate::ui::style;

impl ImportPreview {
    /// What recording would do, and the button that does it.
    pub(super) fn summary_ui(&mut self, ui: &mut Ui) -> Option<ImportOutcome> {
        if let Some((day, file)) = &self.recorded_before {
            self.already_recorded_ui(ui, *day, file);
        }
        self.counts_ui(ui);
        self.record_ui(ui)
    }

    /// When this report was recorded before, and who in it is new since.
    fn already_recorded_ui(&self, ui: &mut Ui, day: NaiveDate, file: &str) {
        let new: Vec<&str> = self
            .attendee_rows()
            .into_iter()
            .filter(|(_, attendee)| self.is_new(attendee))
            .map(|(row, _)| row.participant.name.as_str())
            .collect();
        let from = if file.is_empty() {
            String::new()
        } else {
            format!(" from {file}")
        };
        let news = if new.is_empty() {
            "nothing new".to_owned()
        } else {
            format!("new: {}", new.join(", "))
        };
        ui.label(
            RichText::new(format!(
                "🔁 Already recorded on {}{from}: {news}.",
                display_date(day)
            ))
            .color(style::warning_color(ui)),
        );
    }

    /// How many people the report has, matched and to review, and the
    /// districts recording marks (or cannot: not members that day).
    fn counts_ui(&self, ui: &mut Ui) {
        let certain = self.rows.iter().filter(|r| r.matched()).count();
        let organisers = self
            .rows
            .iter()
            .filter(|r| r.found == ParticipantMatch::Organiser)
            .count();
        let short = self
            .rows
            .iter()
            .filter(|r| r.too_short && r.found != ParticipantMatch::Organiser)
            .count();
        let to_review = self.rows.iter().filter(|r| r.needs_decision()).count();
        let recorded: BTreeSet<_> = self
            .rows
            .iter()
            .filter_map(|row| self.recorded_district(row))
            .collect();
        let outsiders: BTreeSet<_> = self
            .rows
            .iter()
            .filter_map(PreviewRow::district)
            .filter(|d| !self.members.contains(d))
            .collect();
        ui.add_space(style::GAP / 2.0);
        let mut parts = vec![
            format!("{certain} matched by email"),
            format!("{to_review} to review"),
        ];
        if organisers > 0 {
            parts.push(style::count(organisers, "organiser", "organisers"));
        }
        if short > 0 {
            parts.push(format!("{short} under {} min", self.rules.min_minutes));
        }
        ui.label(format!(
            "{}: {}. {} will be marked attended.",
            style::count(self.rows.len(), "person", "people"),
            parts.join(", "),
            style::count(recorded.len(), "district", "districts")
        ));
        if !outsiders.is_empty() {
            let names: Vec<&str> = outsiders.iter().map(|d| self.name_of(*d)).collect();
            ui.label(
                RichText::new(format!(
                    "⚠ Not recorded, not members on {}: {}",
                    display_date(self.convening.fields.held_on),
                    names.join(", ")
                ))
                .color(style::warning_color(ui)),
            );
        }
    }

    /// "Record attendance" once every person is decided (and the report
    /// confirmed where it must be), and "Ignore the rest".
    fn record_ui(&mut self, ui: &mut Ui) -> Option<ImportOutcome> {
        let mut outcome = None;
        let undecided = self.undecided();
        ui.horizontal(|ui| {
            let ready = undecided == 0 && (!self.needs_confirming() || self.right_report_confirmed);
            let commit = ui
                .add_enabled(
                    ready,
                    egui::Button::new(RichText::new("Record attendance").strong()),
                )
                .on_hover_text("Mark these districts attended and note who came, in one step")
                .on_disabled_hover_text(if undecided > 0 {
                    format!(
                        "{} still need a district, or Ignore",
                        style::count(undecided, "participant", "participants")
                    )
                } else {
                    "The report is from another day: confirm it is the right report".to_owned()
                });
            if commit.clicked() {
                outcome = Some(ImportOutcome::Commit(self.attendees(), self.record()));
            }
            if undecided > 0 {
                if ui
                    .button("Ignore the rest")
                    .on_hover_text("Ignore every participant still without a district")
                    .clicked()
                {
                    for row in &mut self.rows {
                        if row.needs_decision() && row.decision == Decision::Undecided {
                            row.decision = Decision::Ignore;
                        }
                    }
                }
                ui.label(
                    RichText::new(format!("{undecided} still to decide"))
                        .color(style::warning_color(ui)),
                );
            }
        });
        outcome
    }
}

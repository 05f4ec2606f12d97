//! The participant-report preview: who was matched to which district and
//! how, and every unmatched participant, each to assign or ignore. Nothing
//! is written until the user commits, and nobody is dropped silently.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::domain::participants::{
    ContactKey, DistrictKey, Participant, ParticipantMatch, match_participant,
};
use crate::domain::validate::display_date;
use crate::domain::{ContactFields, ContactRole, Convening, DistrictId};
use crate::io::participant_report::{ParticipantReport, ReportSource};
use crate::store::ReportAttendee;
use crate::ui::style;

/// What the user decided for a participant that needs a decision.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Decision {
    Undecided,
    Assign(DistrictId),
    Ignore,
}

struct PreviewRow {
    participant: Participant,
    found: ParticipantMatch,
    decision: Decision,
    /// Add them to the district's contacts (when they are not one).
    add_contact: bool,
}

impl PreviewRow {
    fn district(&self) -> Option<DistrictId> {
        self.found.certain_district().or(match self.decision {
            Decision::Assign(district) => Some(district),
            _ => None,
        })
    }

    fn needs_decision(&self) -> bool {
        self.found.certain_district().is_none()
    }
}

pub struct ImportPreview {
    pub convening: Convening,
    file_name: String,
    source: ReportSource,
    meeting: Option<String>,
    rows: Vec<PreviewRow>,
    districts: Vec<DistrictKey>,
    /// The districts that were members on the convening's day: only their
    /// people are recorded.
    members: BTreeSet<DistrictId>,
}

/// Returned by the preview's buttons.
pub enum ImportOutcome {
    /// Record these people: the preview's commit.
    Commit(Vec<ReportAttendee>),
    Close,
}

impl ImportPreview {
    pub fn new(
        convening: Convening,
        file_name: String,
        report: ParticipantReport,
        contacts: &[ContactKey],
        mut districts: Vec<DistrictKey>,
        members: BTreeSet<DistrictId>,
    ) -> Self {
        districts.sort_by_key(|d| d.name.to_lowercase());
        let rows = report
            .participants
            .into_iter()
            .map(|participant| {
                let found = match_participant(&participant, contacts, &districts);
                PreviewRow {
                    participant,
                    found,
                    decision: Decision::Undecided,
                    add_contact: false,
                }
            })
            .collect();
        Self {
            convening,
            file_name,
            source: report.source,
            meeting: report.meeting,
            rows,
            districts,
            members,
        }
    }

    /// The district a row's participant is recorded for: a member's only.
    fn recorded_district(&self, row: &PreviewRow) -> Option<DistrictId> {
        row.district().filter(|d| self.members.contains(d))
    }

    /// "Adair County was not a member on Sep 10, 2025: not recorded."
    fn not_member_text(&self, district: DistrictId) -> String {
        format!(
            "{} was not a member on {}: not recorded",
            self.name_of(district),
            display_date(self.convening.fields.held_on)
        )
    }

    fn name_of(&self, district: DistrictId) -> &str {
        self.districts
            .iter()
            .find(|d| d.id == district)
            .map_or("?", |d| d.name.as_str())
    }

    fn undecided(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.needs_decision() && r.decision == Decision::Undecided)
            .count()
    }

    /// What committing would record.
    fn attendees(&self) -> Vec<ReportAttendee> {
        self.rows
            .iter()
            .filter_map(|row| {
                let district = self.recorded_district(row)?;
                let contact = match (&row.found, &row.decision) {
                    (ParticipantMatch::Contact { contact, .. }, _) => Some(*contact),
                    (
                        ParticipantMatch::Suggestion {
                            district: suggested,
                            contact: Some(contact),
                            ..
                        },
                        Decision::Assign(chosen),
                    ) if suggested == chosen => Some(*contact),
                    _ => None,
                };
                let new_contact = (contact.is_none() && row.add_contact).then(|| ContactFields {
                    name: row
                        .participant
                        .original_name
                        .clone()
                        .unwrap_or_else(|| row.participant.name.clone()),
                    email: row.participant.email.clone().unwrap_or_default(),
                    role: ContactRole::Other,
                    active: true,
                    ..ContactFields::default()
                });
                Some(ReportAttendee {
                    district,
                    contact,
                    new_contact,
                })
            })
            .collect()
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<ImportOutcome> {
        let mut outcome = None;
        let source = match self.source {
            ReportSource::Zoom => "Zoom report",
            ReportSource::Teams => "Teams report",
            ReportSource::Unknown => "Participant report",
        };
        ui.horizontal(|ui| {
            if ui
                .button("⏴ Convenings")
                .on_hover_text("Close the preview without recording anything")
                .clicked()
            {
                outcome = Some(ImportOutcome::Close);
            }
            style::heading(
                ui,
                &format!("Import into “{}”", self.convening.fields.title),
            );
        });
        let meeting = self
            .meeting
            .as_deref()
            .map(|m| format!(" · meeting “{m}”"))
            .unwrap_or_default();
        style::muted(ui, format!("{source} {}{meeting}", self.file_name));

        let certain = self.rows.iter().filter(|r| !r.needs_decision()).count();
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
        let undecided = self.undecided();
        ui.add_space(style::GAP / 2.0);
        ui.label(format!(
            "{} people: {certain} matched by email, {} to review. {} will be marked attended.",
            self.rows.len(),
            self.rows.len() - certain,
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
        ui.horizontal(|ui| {
            let ready = undecided == 0;
            let commit = ui
                .add_enabled(
                    ready,
                    egui::Button::new(RichText::new("Record attendance").strong()),
                )
                .on_hover_text("Mark these districts attended and note who came, in one step")
                .on_disabled_hover_text(format!(
                    "{undecided} participants still need a district, or Ignore"
                ));
            if commit.clicked() {
                outcome = Some(ImportOutcome::Commit(self.attendees()));
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
        ui.separator();

        egui::ScrollArea::vertical()
            .id_salt("import_preview")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                style::subheading(ui, "To review");
                if self.rows.iter().all(|r| !r.needs_decision()) {
                    style::muted(ui, "Everyone was matched by email.");
                }
                let districts = self.districts.clone();
                for i in 0..self.rows.len() {
                    if self.rows[i].needs_decision() {
                        review_row_ui(ui, &mut self.rows[i], &districts, &self.members);
                        if let Decision::Assign(district) = self.rows[i].decision
                            && !self.members.contains(&district)
                        {
                            let text = format!("⚠ {}", self.not_member_text(district));
                            ui.label(RichText::new(text).color(style::warning_color(ui)));
                        }
                    }
                }
                style::subheading(ui, "Matched by email");
                egui::Grid::new("import_matched")
                    .striped(true)
                    .num_columns(4)
                    .spacing([style::GAP * 2.0, 4.0])
                    .show(ui, |ui| {
                        for title in ["Participant", "Email", "District", "How"] {
                            ui.label(RichText::new(title).strong());
                        }
                        ui.end_row();
                        let members = &self.members;
                        let held_on = display_date(self.convening.fields.held_on);
                        for row in self.rows.iter_mut().filter(|r| !r.needs_decision()) {
                            participant_label(ui, &row.participant);
                            ui.label(row.participant.email.as_deref().unwrap_or(""));
                            let district = row.found.certain_district();
                            let name = district
                                .and_then(|d| districts.iter().find(|k| k.id == d))
                                .map_or("?", |d| d.name.as_str());
                            ui.label(name);
                            match row.found {
                                _ if district.is_some_and(|d| !members.contains(&d)) => {
                                    ui.label(
                                        RichText::new(format!(
                                            "⚠ Not a member on {held_on}: not recorded"
                                        ))
                                        .color(style::warning_color(ui)),
                                    );
                                }
                                ParticipantMatch::Contact { .. } => {
                                    ui.label("Contact's email");
                                }
                                _ => {
                                    ui.horizontal(|ui| {
                                        ui.label("District's email domain");
                                        ui.checkbox(&mut row.add_contact, "add as contact")
                                            .on_hover_text(format!(
                                                "Add {} to the district's contacts",
                                                row.participant.name
                                            ));
                                    });
                                }
                            }
                            ui.end_row();
                        }
                    });
            });
        outcome
    }
}

fn participant_label(ui: &mut Ui, participant: &Participant) {
    let mut text = participant.name.clone();
    if let Some(original) = &participant.original_name {
        text.push_str(&format!(" ({original})"));
    }
    if participant.guest {
        text.push_str(" · guest");
    }
    let minutes = participant
        .minutes
        .map(|m| format!(", {m} min"))
        .unwrap_or_default();
    let rows = if participant.rows > 1 {
        format!("joined {} times", participant.rows)
    } else {
        "joined once".to_owned()
    };
    ui.label(text).on_hover_text(format!("{rows}{minutes}"));
}

fn review_row_ui(
    ui: &mut Ui,
    row: &mut PreviewRow,
    districts: &[DistrictKey],
    members: &BTreeSet<DistrictId>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            participant_label(ui, &row.participant);
            let email = row.participant.email.as_deref().unwrap_or("no email");
            style::muted(ui, email);
            if let ParticipantMatch::Suggestion { district, reason, .. } = &row.found {
                let name = districts.iter().find(|d| d.id == *district).map_or("?", |d| d.name.as_str());
                if ui
                    .button(format!("Use {name}"))
                    .on_hover_text(format!("Suggested: {reason}"))
                    .clicked()
                {
                    row.decision = Decision::Assign(*district);
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let chosen = match row.decision {
                Decision::Assign(id) => districts.iter().find(|d| d.id == id).map_or("?", |d| d.name.as_str()),
                Decision::Ignore => "Ignored",
                Decision::Undecided => "Choose a district…",
            };
            let label = ui.label(format!("Assign {} to", row.participant.name));
            egui::ComboBox::from_id_salt(("assign", row.participant.name.as_str(), row.participant.email.as_deref()))
                .width(220.0)
                .selected_text(chosen)
                .height(320.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut row.decision, Decision::Ignore, "Ignore this participant");
                    for district in districts {
                        let text = if members.contains(&district.id) {
                            district.name.clone()
                        } else {
                            format!("{} (not a member that day)", district.name)
                        };
                        ui.selectable_value(&mut row.decision, Decision::Assign(district.id), text);
                    }
                })
                .response
                .labelled_by(label.id);
            let suggested_contact = matches!(
                (&row.found, &row.decision),
                (ParticipantMatch::Suggestion { contact: Some(_), district: s, .. }, Decision::Assign(d)) if s == d
            );
            // A non-member's people are not recorded, so not added either.
            let assigned_member =
                matches!(row.decision, Decision::Assign(d) if members.contains(&d));
            if assigned_member && !suggested_contact {
                ui.checkbox(&mut row.add_contact, format!("Add {} as a contact", row.participant.name))
                    .on_hover_text("Add them to the district's contacts, so their email matches next time");
            }
            if row.decision != Decision::Ignore
                && ui
                    .button(format!("Ignore {}", row.participant.name))
                    .on_hover_text("Do not record this participant")
                    .clicked()
            {
                row.decision = Decision::Ignore;
            }
        });
    });
}

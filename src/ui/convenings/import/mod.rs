//! The participant-report preview: who was matched to which district and
//! how, the organisers, those in the meeting too briefly to count, and
//! every unmatched participant, each to assign or ignore. It warns when the
//! report's meeting was on another day than the convening, and when the
//! same report was recorded before. Nothing is written until the user
//! commits, and nobody is dropped silently.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use crate::domain::participants::{
    ContactKey, DistrictKey, Matcher, Participant, ParticipantMatch, ReportRules,
};
use crate::domain::validate::display_date;
use crate::domain::{ContactFields, ContactId, ContactRole, Convening, DistrictId};
use crate::io::participant_report::{ParticipantReport, ReportSource};
use crate::store::{ReportAttendee, ReportRecord};
use crate::ui::district_picker::Choice;
use crate::ui::style;

mod people;
mod summary;

use people::{minutes_text, participant_label, review_row_ui, set_aside_ui};

/// What the roster already holds that the preview needs: the matching keys,
/// who was a member, what is recorded, and the settings.
pub struct ReportContext {
    pub contacts: Vec<ContactKey>,
    pub districts: Vec<DistrictKey>,
    /// The districts that were members on the convening's day: only their
    /// people are recorded.
    pub members: BTreeSet<DistrictId>,
    pub rules: ReportRules,
    /// Districts already marked attended, and people already noted.
    pub attended: BTreeSet<DistrictId>,
    pub noted: BTreeSet<ContactId>,
    /// When this same report was recorded before, and from which file.
    pub recorded_before: Option<(NaiveDate, String)>,
    /// Another convening (title, day) this same report was recorded for.
    pub recorded_elsewhere: Option<(String, NaiveDate)>,
    /// The report's `fingerprint`, which the two above were looked up by.
    pub fingerprint: String,
}

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
    /// In the meeting for less than the minimum minutes: not counted.
    too_short: bool,
    decision: Decision,
    /// Add them to the district's contacts (when they are not one).
    add_contact: bool,
}

impl PreviewRow {
    fn district(&self) -> Option<DistrictId> {
        if self.is_set_aside() {
            return None;
        }
        self.found.certain_district().or(match self.decision {
            Decision::Assign(district) => Some(district),
            _ => None,
        })
    }

    /// An organiser, or someone who was not there long enough: listed, not
    /// recorded, nothing to decide.
    fn is_set_aside(&self) -> bool {
        self.too_short || self.found == ParticipantMatch::Organiser
    }

    fn needs_decision(&self) -> bool {
        !self.is_set_aside() && self.found.certain_district().is_none()
    }

    fn matched(&self) -> bool {
        !self.is_set_aside() && self.found.certain_district().is_some()
    }
}

pub struct ImportPreview {
    pub convening: Convening,
    file_name: String,
    source: ReportSource,
    meeting: Option<String>,
    meeting_date: Option<NaiveDate>,
    dates_unreadable: bool,
    /// Rows of the file that could not be read.
    passed_over: usize,
    fingerprint: String,
    rows: Vec<PreviewRow>,
    contacts: Vec<ContactKey>,
    districts: Vec<DistrictKey>,
    /// The districts as the assignment picker offers them, members marked.
    choices: Vec<Choice>,
    members: BTreeSet<DistrictId>,
    attended: BTreeSet<DistrictId>,
    noted: BTreeSet<ContactId>,
    recorded_before: Option<(NaiveDate, String)>,
    recorded_elsewhere: Option<(String, NaiveDate)>,
    /// The settings as the preview applies them (edited here, saved too).
    rules: ReportRules,
    domains_text: String,
    /// Why the domains typed were not taken.
    domains_problem: Option<String>,
    /// The user confirmed a report dated away from its convening.
    right_report_confirmed: bool,
}

/// Returned by the preview's buttons.
pub enum ImportOutcome {
    /// Record these people: the preview's commit.
    Commit(Vec<ReportAttendee>, ReportRecord),
    /// Keep the settings the user changed in the preview.
    SaveRules(ReportRules),
    Close,
}

impl ImportPreview {
    pub fn new(
        convening: Convening,
        file_name: String,
        report: ParticipantReport,
        mut context: ReportContext,
    ) -> Self {
        context.districts.sort_by_key(|d| d.name.to_lowercase());
        let rows = report
            .participants
            .into_iter()
            .map(|participant| PreviewRow {
                participant,
                found: ParticipantMatch::Unmatched,
                too_short: false,
                decision: Decision::Undecided,
                add_contact: false,
            })
            .collect();
        let mut preview = Self {
            convening,
            file_name,
            source: report.source,
            meeting: report.meeting,
            meeting_date: report.meeting_date,
            dates_unreadable: report.dates_unreadable,
            passed_over: report.passed_over,
            fingerprint: context.fingerprint,
            rows,
            contacts: context.contacts,
            choices: context
                .districts
                .iter()
                .map(|d| Choice {
                    id: d.id,
                    name: d.name.clone(),
                    member: context.members.contains(&d.id),
                })
                .collect(),
            districts: context.districts,
            members: context.members,
            attended: context.attended,
            noted: context.noted,
            recorded_before: context.recorded_before,
            recorded_elsewhere: context.recorded_elsewhere,
            domains_text: context.rules.domains_text(),
            domains_problem: None,
            rules: context.rules,
            right_report_confirmed: false,
        };
        preview.apply_rules();
        preview
    }

    /// Matches every row again under the current settings; the user's
    /// decisions stay.
    fn apply_rules(&mut self) {
        let matcher = Matcher::new(&self.contacts, &self.districts, &self.rules);
        for row in &mut self.rows {
            row.found = matcher.find(&row.participant);
            row.too_short = self.rules.too_short(&row.participant);
        }
    }

    /// The report's meeting day, when it is not the convening's.
    fn other_day(&self) -> Option<NaiveDate> {
        self.meeting_date
            .filter(|day| *day != self.convening.fields.held_on)
    }

    /// Whether the user must confirm this is the convening's report: it is
    /// from another day, or its day cannot be read.
    fn needs_confirming(&self) -> bool {
        self.other_day().is_some() || self.dates_unreadable || self.recorded_elsewhere.is_some()
    }

    /// Whether recording `attendee` would add anything the roster lacks.
    fn is_new(&self, attendee: &ReportAttendee) -> bool {
        !self.attended.contains(&attendee.district)
            || attendee.contact.is_some_and(|c| !self.noted.contains(&c))
            || attendee.new_contact.is_some()
    }

    fn record(&self) -> ReportRecord {
        ReportRecord {
            fingerprint: self.fingerprint.clone(),
            file_name: self.file_name.clone(),
            people: self.rows.len(),
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
        self.attendee_rows().into_iter().map(|(_, a)| a).collect()
    }

    /// What committing would record, beside the row each comes from.
    fn attendee_rows(&self) -> Vec<(&PreviewRow, ReportAttendee)> {
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
                Some((
                    row,
                    ReportAttendee {
                        district,
                        contact,
                        new_contact,
                        minutes: row.participant.minutes,
                    },
                ))
            })
            .collect()
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<ImportOutcome> {
        let mut outcome = self.header_ui(ui);
        if let Some(commit) = self.summary_ui(ui) {
            outcome = Some(commit);
        }
        ui.separator();
        self.people_ui(ui);
        outcome
    }

    /// The way back, what the file is, the settings, and what to confirm.
    fn header_ui(&mut self, ui: &mut Ui) -> Option<ImportOutcome> {
        let mut outcome = None;
        let source = self.source.label();
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
        let day = self
            .meeting_date
            .map(|d| format!(" · held {}", display_date(d)))
            .unwrap_or_default();
        style::muted(ui, format!("{source} {}{meeting}{day}", self.file_name));
        if self.passed_over > 0 {
            style::muted(
                ui,
                format!(
                    "{} passed over: no name or email, or an action or time that could not be read.",
                    style::count(self.passed_over, "row", "rows")
                ),
            );
        }
        if let Some(rules) = self.settings_ui(ui) {
            outcome = Some(ImportOutcome::SaveRules(rules));
        }
        if self.needs_confirming() {
            let held_on = display_date(self.convening.fields.held_on);
            let warning = match (self.other_day(), &self.recorded_elsewhere) {
                (_, Some((title, day))) => format!(
                    "⚠ This report was recorded for “{title}” ({}).",
                    display_date(*day)
                ),
                (Some(day), None) => format!(
                    "⚠ This report's meeting was on {}, but the convening was on {held_on}.",
                    display_date(day)
                ),
                (None, None) => format!(
                    "⚠ This report gives no time that can be read: check it is the meeting of {held_on}."
                ),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(warning).color(style::warning_color(ui)));
                ui.checkbox(
                    &mut self.right_report_confirmed,
                    "It is the right report: record it anyway",
                );
            });
        }
        outcome
    }

    /// Everyone in the report: to review, matched, set aside.
    fn people_ui(&mut self, ui: &mut Ui) {
        egui::ScrollArea::vertical()
            .id_salt("import_preview")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                style::subheading(ui, "To review");
                if self.rows.iter().all(|r| !r.needs_decision()) {
                    style::muted(ui, "Nobody: everyone was matched by email or set aside.");
                }
                for i in 0..self.rows.len() {
                    if self.rows[i].needs_decision() {
                        review_row_ui(ui, &mut self.rows[i], &self.choices, &self.members);
                        if let Decision::Assign(district) = self.rows[i].decision
                            && !self.members.contains(&district)
                        {
                            let text = format!("⚠ {}", self.not_member_text(district));
                            ui.label(RichText::new(text).color(style::warning_color(ui)));
                        }
                    }
                }
                style::subheading(ui, "Matched by email");
                if !self.rows.iter().any(PreviewRow::matched) {
                    style::muted(ui, "Nobody: no one's email is a contact's or a district's.");
                } else {
                    egui::Grid::new("import_matched")
                        .striped(true)
                        .num_columns(5)
                        .spacing([style::GAP * 2.0, 4.0])
                        .show(ui, |ui| {
                            for title in ["Participant", "Email", "Minutes", "District", "How"] {
                                ui.label(RichText::new(title).strong());
                            }
                            ui.end_row();
                            let members = &self.members;
                            let held_on = display_date(self.convening.fields.held_on);
                            for row in self.rows.iter_mut().filter(|r| r.matched()) {
                                participant_label(ui, &row.participant);
                                ui.label(row.participant.email.as_deref().unwrap_or(""));
                                ui.label(minutes_text(&row.participant));
                                let district = row.found.certain_district();
                                let name = district
                                    .and_then(|d| Choice::name_in(&self.choices, d))
                                    .unwrap_or("?");
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
                }
                set_aside_ui(ui, &self.rows, &self.rules);
            });
    }

    /// The settings reports are read with, changed here for this report
    /// and kept for the next.
    fn settings_ui(&mut self, ui: &mut Ui) -> Option<ReportRules> {
        let mut changed = false;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Count people in the meeting for at least");
            changed |= ui
                .add(
                    egui::DragValue::new(&mut self.rules.min_minutes)
                        .range(0..=ReportRules::MAX_MINUTES)
                        .suffix(" min"),
                )
                .labelled_by(label.id)
                .on_hover_text("Fewer minutes than this do not count as attending (0: everyone counts)")
                .changed();
            ui.add_space(style::GAP);
            let label = ui.label("Organisers' email domains");
            let domains = ui
                .add(egui::TextEdit::singleline(&mut self.domains_text).desired_width(220.0))
                .labelled_by(label.id)
                .on_hover_text(
                    "People at these domains are the network's own organisers: listed, never a district's",
                );
            if domains.lost_focus() {
                match ReportRules::checked_domains(&self.domains_text) {
                    Ok(parsed) => {
                        self.domains_problem = None;
                        if parsed != self.rules.organiser_domains {
                            self.rules.organiser_domains = parsed;
                            changed = true;
                        }
                        self.domains_text = self.rules.domains_text();
                    }
                    Err(problem) => self.domains_problem = Some(problem),
                }
            }
            if let Some(problem) = &self.domains_problem {
                style::error_text(ui, problem);
            }
        });
        if changed {
            self.apply_rules();
        }
        changed.then(|| self.rules.clone())
    }
}

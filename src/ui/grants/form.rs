//! A Travel Fund Grant application: who applies and where they go, the
//! money, and the status it is moving to with what that status needs.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};

use super::table::status_text;
use crate::domain::validate::display_date;
use crate::domain::{
    Contact, ConveningId, DistrictId, FieldErrors, GrantDraft, GrantField, GrantFields, GrantId,
    GrantStatus, Money, Purpose, SchoolYear, Standing,
};
use crate::store::history::HistoryEntry;
use crate::store::{GrantStatusChange, Store, StoreError};
use crate::ui::app::UiCommand;
use crate::ui::history::record_history_ui;
use crate::ui::style::{self, Form};

/// What the form asks for when Save is pressed with a valid draft.
pub struct SaveRequest {
    pub id: Option<GrantId>,
    pub status: GrantStatus,
    pub fields: GrantFields,
    /// What this application had awarded before (to count a raise only).
    pub previously_awarded: Money,
}

pub struct GrantEditor {
    pub id: Option<GrantId>,
    saved: Option<(GrantStatus, GrantDraft)>,
    pub draft: GrantDraft,
    district_name: String,
    standing: Standing,
    contacts: Vec<Contact>,
    history: Vec<GrantStatusChange>,
    /// Every change to the application, newest first.
    changes: Vec<HistoryEntry>,
    errors: FieldErrors<GrantField>,
    show_errors: bool,
    pub save_error: Option<String>,
}

impl GrantEditor {
    pub fn new_application(year: SchoolYear) -> Self {
        Self {
            id: None,
            saved: None,
            draft: GrantDraft::new(year),
            district_name: String::new(),
            standing: Standing::NotMember,
            contacts: Vec::new(),
            history: Vec::new(),
            changes: Vec::new(),
            errors: FieldErrors::default(),
            show_errors: false,
            save_error: None,
        }
    }

    pub fn open(store: &Store, id: GrantId) -> Result<Self, StoreError> {
        let grant = store.grant(id)?;
        let draft = GrantDraft::from_saved(grant.status, &grant.fields);
        let mut editor = Self {
            id: Some(id),
            saved: Some((grant.status, draft.clone())),
            draft,
            history: store.grant_history(id)?,
            changes: store.record_history("grant_application", id.0)?,
            ..Self::new_application(grant.fields.year)
        };
        editor.district_chosen(store, grant.fields.district)?;
        Ok(editor)
    }

    /// Reads what the form needs to know about the chosen district.
    fn district_chosen(&mut self, store: &Store, district: DistrictId) -> Result<(), StoreError> {
        self.district_name = store.district(district)?.fields.name;
        self.standing = store.standing_of(district, self.draft.year)?;
        self.contacts = store.contacts_of(district)?;
        if self
            .draft
            .applicant
            .is_some_and(|a| !self.contacts.iter().any(|c| c.id == a))
        {
            self.draft.applicant = None;
        }
        Ok(())
    }

    pub fn has_unsaved_changes(&self) -> bool {
        match &self.saved {
            Some((_, saved)) => self.draft != *saved,
            None => self.draft != GrantDraft::new(self.draft.year),
        }
    }

    pub fn title(&self) -> String {
        match self.id {
            Some(_) => format!(
                "the application of {} to {}",
                self.district_name, self.draft.destination
            ),
            None => "the new application".to_owned(),
        }
    }

    pub fn cancel(&mut self) {
        if let Some((_, saved)) = &self.saved {
            self.draft = saved.clone();
        }
        self.show_errors = false;
        self.save_error = None;
    }

    fn saved_status(&self) -> Option<GrantStatus> {
        self.saved.as_ref().map(|(status, _)| *status)
    }

    fn revalidate(&mut self) {
        self.errors = self
            .draft
            .validate(self.saved_status(), &self.district_name, self.standing)
            .err()
            .unwrap_or_default();
    }

    /// A save request, or `None` (showing why) if the form is invalid.
    pub fn save(&mut self) -> Option<SaveRequest> {
        match self
            .draft
            .validate(self.saved_status(), &self.district_name, self.standing)
        {
            Ok(fields) => {
                let previously_awarded = match (self.saved_status(), &self.saved) {
                    (Some(status), Some((_, saved))) if status.commits_funds() => {
                        Money::parse(&saved.awarded).unwrap_or_default()
                    }
                    _ => Money::ZERO,
                };
                Some(SaveRequest {
                    id: self.id,
                    status: self.draft.status,
                    fields,
                    previously_awarded,
                })
            }
            Err(errors) => {
                self.errors = errors;
                self.show_errors = true;
                None
            }
        }
    }

    fn error(&self, field: GrantField) -> Option<String> {
        if self.show_errors {
            self.errors.get(field).map(str::to_owned)
        } else {
            None
        }
    }

    /// `districts` are the roster's districts (id, name) for the picker;
    /// `convenings` the year's, for where the trip was shared.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        store: &Store,
        districts: &[(DistrictId, String)],
        convenings: &[(ConveningId, String)],
        today: NaiveDate,
    ) -> Result<Option<SaveRequest>, StoreError> {
        let mut request = None;
        let heading = match self.id {
            Some(_) => format!("{} · {}", self.district_name, self.draft.destination),
            None => "New application".to_owned(),
        };
        ui.horizontal_wrapped(|ui| style::heading(ui, &heading));
        ui.horizontal(|ui| {
            style::muted(ui, format!("Travel Fund Grant {}", self.draft.year));
            if let Some(status) = self.saved_status() {
                ui.label(status_text(ui, status));
            }
        });
        ui.add_space(style::GAP / 2.0);
        let before = self.draft.clone();
        self.status_ui(ui);
        ui.horizontal(|ui| {
            let dirty = self.has_unsaved_changes();
            if UiCommand::SaveRecord.button(ui, dirty && self.errors.is_empty()) {
                request = self.save();
            }
            if UiCommand::CancelEdit.button(ui, dirty) {
                self.cancel();
            }
        });
        if let Some(message) = &self.save_error {
            style::error_text(ui, message);
        }
        ui.separator();
        let mut chosen_district = None;
        egui::ScrollArea::vertical()
            .id_salt("grant_fields")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                chosen_district = self.fields_ui(ui, districts, convenings, today);
                self.history_ui(ui);
            });
        if let Some(district) = chosen_district {
            self.district_chosen(store, district)?;
        }
        if self.draft != before {
            self.show_errors = true;
            self.save_error = None;
            self.revalidate();
        }
        Ok(request)
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        let saved = self.saved_status();
        let choices: Vec<GrantStatus> = match saved {
            None => vec![GrantStatus::Draft, GrantStatus::Submitted],
            Some(status) => std::iter::once(status)
                .chain(status.next().iter().copied())
                .collect(),
        };
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Status").strong());
            for status in choices {
                let button =
                    egui::Button::selectable(self.draft.status == status, status_text(ui, status));
                if ui.add(button).clicked() {
                    self.draft.status = status;
                }
            }
        });
        if let Some(message) = self.error(GrantField::Status) {
            style::error_text(ui, &message);
        }
    }

    /// Returns a newly chosen district.
    fn fields_ui(
        &mut self,
        ui: &mut Ui,
        districts: &[(DistrictId, String)],
        convenings: &[(ConveningId, String)],
        today: NaiveDate,
    ) -> Option<DistrictId> {
        let mut chosen = None;
        let errors = (self.show_errors, self.errors.clone());
        let error = |field| {
            if errors.0 {
                errors.1.get(field).map(str::to_owned)
            } else {
                None
            }
        };
        let status = self.draft.status;
        let saved = self.saved_status().unwrap_or(GrantStatus::Draft);
        let reached = |s: GrantStatus| {
            status == s || saved == s || (status >= s && status != GrantStatus::Withdrawn)
        };
        let contacts = &self.contacts;
        let standing = self.standing;
        let district_name = self.district_name.clone();
        let draft = &mut self.draft;

        Form::show(ui, "grant_who", |form| {
            let width = form.field_width();
            // Eligibility has its own box below; here only a missing choice.
            let district_error = if draft.district.is_none() {
                error(GrantField::District)
            } else {
                None
            };
            form.row("District", district_error.as_deref(), |ui| {
                let selected = draft
                    .district
                    .and_then(|id| districts.iter().find(|(d, _)| *d == id))
                    .map_or("Choose…", |(_, n)| n.as_str());
                egui::ComboBox::from_id_salt("grant_district")
                    .width(width)
                    .height(360.0)
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for (id, name) in districts {
                            if ui
                                .selectable_label(draft.district == Some(*id), name)
                                .clicked()
                                && draft.district != Some(*id)
                            {
                                draft.district = Some(*id);
                                chosen = Some(*id);
                            }
                        }
                    })
                    .response
            });
        });
        if draft.district.is_some() && standing != Standing::Active {
            eligibility_ui(
                ui,
                &district_name,
                draft,
                standing,
                error(GrantField::OverrideReason),
            );
        }
        Form::show(ui, "grant_trip", |form| {
            let width = form.field_width();
            form.row("Applicant", None, |ui| {
                let current = draft
                    .applicant
                    .and_then(|id| contacts.iter().find(|c| c.id == id));
                egui::ComboBox::from_id_salt("grant_applicant")
                    .width(width)
                    .selected_text(current.map_or("— not named —", |c| c.fields.name.as_str()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.applicant, None, "— not named —");
                        for contact in contacts {
                            ui.selectable_value(
                                &mut draft.applicant,
                                Some(contact.id),
                                &contact.fields.name,
                            );
                        }
                    })
                    .response
            });
            form.row("Purpose", None, |ui| {
                ui.vertical(|ui| {
                    let mut response = ui.radio_value(
                        &mut draft.purpose,
                        Purpose::ModelSiteVisit,
                        Purpose::ModelSiteVisit.label(),
                    );
                    response |= ui.radio_value(
                        &mut draft.purpose,
                        Purpose::Conference,
                        Purpose::Conference.label(),
                    );
                    response
                })
                .inner
            });
            form.text(
                "Destination",
                &mut draft.destination,
                error(GrantField::Destination).as_deref(),
                "School or conference name",
            );
            form.text("City", &mut draft.city, None, "e.g. Cedar Rapids");
            form.text(
                "State",
                &mut draft.state,
                error(GrantField::State).as_deref(),
                "e.g. IA",
            );
            form.date(
                "Travel starts",
                &mut draft.travel_start,
                error(GrantField::TravelStart).as_deref(),
                today,
            );
            form.date(
                "Travel ends",
                &mut draft.travel_end,
                error(GrantField::TravelEnd).as_deref(),
                today,
            );
            form.row("Travelers", error(GrantField::Travelers).as_deref(), |ui| {
                ui.add(egui::DragValue::new(&mut draft.travelers).range(0..=99))
            });
            form.multiline(
                "Traveler names",
                &mut draft.traveler_names,
                2,
                "One per line, or separated by commas",
            );
            money_row(
                form,
                "Requested",
                &mut draft.requested,
                error(GrantField::Requested),
            );
        });

        if reached(GrantStatus::Submitted) {
            style::subheading(ui, "Decision and payment");
            Form::show(ui, "grant_money", |form| {
                form.date(
                    "Received on",
                    &mut draft.received_on,
                    error(GrantField::ReceivedOn).as_deref(),
                    today,
                );
                if reached(GrantStatus::Awarded) || reached(GrantStatus::Declined) {
                    form.date(
                        "Decided on",
                        &mut draft.decided_on,
                        error(GrantField::DecidedOn).as_deref(),
                        today,
                    );
                }
                if reached(GrantStatus::Awarded) && status != GrantStatus::Declined {
                    money_row(
                        form,
                        "Awarded",
                        &mut draft.awarded,
                        error(GrantField::Awarded),
                    );
                }
                if status == GrantStatus::Declined || saved == GrantStatus::Declined {
                    form.text(
                        "Reason declined",
                        &mut draft.decline_reason,
                        error(GrantField::DeclineReason).as_deref(),
                        "As told to the district",
                    );
                }
                if reached(GrantStatus::Paid) {
                    form.date(
                        "Paid on",
                        &mut draft.paid_on,
                        error(GrantField::PaidOn).as_deref(),
                        today,
                    );
                    money_row(form, "Paid", &mut draft.paid, error(GrantField::Paid));
                }
            });
        }
        if reached(GrantStatus::Paid) {
            style::subheading(ui, "Report back to the network");
            Form::show(ui, "grant_report", |form| {
                form.date(
                    "Shared on",
                    &mut draft.report_on,
                    error(GrantField::ReportOn).as_deref(),
                    today,
                );
                let width = form.field_width();
                form.row("At convening", None, |ui| {
                    let current = draft
                        .report_convening
                        .and_then(|id| convenings.iter().find(|(c, _)| *c == id));
                    egui::ComboBox::from_id_salt("grant_report_convening")
                        .width(width)
                        .selected_text(current.map_or("— none —", |(_, t)| t.as_str()))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut draft.report_convening, None, "— none —");
                            for (id, title) in convenings {
                                ui.selectable_value(&mut draft.report_convening, Some(*id), title);
                            }
                        })
                        .response
                });
            });
        }
        ui.add_space(style::GAP);
        Form::show(ui, "grant_notes", |form| {
            form.multiline("Notes", &mut draft.notes, 3, "Anything worth remembering");
        });
        chosen
    }

    fn history_ui(&self, ui: &mut Ui) {
        if self.id.is_some() {
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("All changes ({})", self.changes.len()))
                .id_salt("grant_changes")
                .show(ui, |ui| record_history_ui(ui, &self.changes));
        }
        if self.history.is_empty() {
            return;
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "History");
        for change in &self.history {
            let when = change
                .at
                .get(..10)
                .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
                .map_or_else(|| change.at.clone(), display_date);
            ui.horizontal(|ui| {
                style::muted(ui, when);
                if let Some(from) = change.from {
                    ui.label(status_text(ui, from));
                    ui.label("➡");
                }
                ui.label(status_text(ui, change.to));
            });
        }
    }
}

/// The reason an application may not go ahead, and the override.
fn eligibility_ui(
    ui: &mut Ui,
    district: &str,
    draft: &mut GrantDraft,
    standing: Standing,
    error: Option<String>,
) {
    let reason = crate::domain::grant::eligibility(district, draft.year, standing)
        .err()
        .unwrap_or_default();
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.0, style::warning_color(ui))).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("⚠ {reason}")).color(style::warning_color(ui)));
        style::muted(ui, "Only districts with an active letter may apply. To accept this one anyway, give the reason; it stays on the record.");
        let label = ui.label("Reason to accept anyway");
        ui.add(TextEdit::singleline(&mut draft.override_reason).hint_text("e.g. letter signed, countersignature pending").desired_width(ui.available_width() - style::SCROLL_BAR_ROOM))
            .labelled_by(label.id);
        if let Some(message) = error {
            style::error_text(ui, &message);
        }
    });
}

/// An amount field, shown as currency once the cursor leaves it.
fn money_row(form: &mut Form<'_>, label: &str, value: &mut String, error: Option<String>) {
    let response = form.text(label, value, error.as_deref(), "$0.00");
    if response.lost_focus()
        && let Ok(amount) = Money::parse(value)
    {
        *value = amount.to_string();
    }
}

//! An application's fields: who applies, the trip, the decision and the
//! payment, the report back, and the reason to accept a non-member.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};

use super::GrantEditor;
use crate::domain::{
    Contact, ConveningId, DistrictId, FieldErrors, GrantDraft, GrantField, GrantStatus, Money,
    Purpose, Standing,
};
use crate::ui::district_picker::{Choice, DistrictPicker};
use crate::ui::style::{self, Form, ShownErrors};

impl GrantEditor {
    /// Returns a newly chosen district.
    pub(super) fn fields_ui(
        &mut self,
        ui: &mut Ui,
        districts: &[Choice],
        convenings: &[(ConveningId, NaiveDate, String)],
        today: NaiveDate,
    ) -> Option<DistrictId> {
        let saved = self.saved_status().unwrap_or(GrantStatus::Draft);
        let (standing, district_name) = (self.standing, self.district_name.clone());
        let mut fields = Fields {
            draft: &mut self.form.edits.draft,
            errors: &self.form.errors,
            shown: &mut self.form.shown,
            form_id: self.form.id,
            today,
        };
        let chosen = fields.who_ui(ui, districts);
        if fields.draft.district.is_some() && standing != Standing::Active {
            let error = fields.error(GrantField::OverrideReason);
            eligibility_ui(ui, &district_name, &mut fields, standing, error);
        }
        fields.trip_ui(ui, &self.contacts);
        let status = fields.draft.status;
        // A status reached (now or before) shows the fields it asked for.
        let reached = |s: GrantStatus| {
            status == s || saved == s || (status >= s && status != GrantStatus::Withdrawn)
        };
        if reached(GrantStatus::Submitted) {
            style::subheading(ui, "Decision and payment");
            fields.decision_ui(ui, saved, reached);
        }
        if reached(GrantStatus::Paid) {
            style::subheading(ui, "Report back to the network");
            fields.report_ui(ui, convenings);
        }
        ui.add_space(style::GAP);
        Form::show(ui, fields.form_id.with("notes"), fields.shown, |form| {
            form.multiline(
                "Notes",
                &mut fields.draft.notes,
                3,
                "Anything worth remembering",
            );
        });
        chosen
    }
}

/// What each group of an application's fields is drawn with.
struct Fields<'a> {
    draft: &'a mut GrantDraft,
    errors: &'a FieldErrors<GrantField>,
    shown: &'a mut ShownErrors,
    form_id: egui::Id,
    today: NaiveDate,
}

impl Fields<'_> {
    fn error(&self, field: GrantField) -> Option<String> {
        self.errors.get(field).map(str::to_owned)
    }

    /// The district applying; returns one newly chosen.
    fn who_ui(&mut self, ui: &mut Ui, districts: &[Choice]) -> Option<DistrictId> {
        let mut chosen = None;
        // Eligibility has its own box below; here only a missing choice.
        let district_error = self
            .draft
            .district
            .is_none()
            .then(|| self.error(GrantField::District))
            .flatten();
        let draft = &mut *self.draft;
        Form::show(ui, self.form_id.with("who"), self.shown, |form| {
            let width = form.field_width();
            form.row("District", district_error.as_deref(), |ui| {
                let selected = draft
                    .district
                    .and_then(|id| Choice::name_in(districts, id))
                    .unwrap_or("Choose…");
                let picker = DistrictPicker {
                    id_salt: egui::IdSalt::new("grant_district"),
                    width,
                    selected_text: selected,
                    not_member: "no active letter this year",
                };
                let (response, picked) = picker.ui(ui, draft.district, districts);
                if let Some(id) = picked {
                    draft.district = Some(id);
                    chosen = Some(id);
                }
                response
            });
        });
        chosen
    }

    /// Who travels where, when, and what they ask for.
    fn trip_ui(&mut self, ui: &mut Ui, contacts: &[Contact]) {
        let (draft, errors, today) = (&mut *self.draft, self.errors, self.today);
        let error = |field| errors.get(field);
        Form::show(ui, self.form_id.with("trip"), self.shown, |form| {
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
                error(GrantField::Destination),
                "School or conference name",
            );
            form.text("City", &mut draft.city, None, "e.g. Cedar Rapids");
            form.text(
                "State",
                &mut draft.state,
                error(GrantField::State),
                "e.g. IA",
            );
            form.date(
                "Travel starts",
                &mut draft.travel_start,
                error(GrantField::TravelStart),
                today,
            );
            form.date(
                "Travel ends",
                &mut draft.travel_end,
                error(GrantField::TravelEnd),
                today,
            );
            form.row("Travelers", error(GrantField::Travelers), |ui| {
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
        let names = self
            .draft
            .traveler_names
            .split(['\n', ',', ';'])
            .filter(|name| !name.trim().is_empty())
            .count();
        if u64::try_from(names).unwrap_or(u64::MAX) > u64::from(self.draft.travelers) {
            ui.label(
                RichText::new(format!(
                    "⚠ {} named for {}",
                    crate::domain::count(names, "traveler", "travelers"),
                    crate::domain::count(
                        usize::try_from(self.draft.travelers).unwrap_or(usize::MAX),
                        "traveler",
                        "travelers"
                    )
                ))
                .color(style::warning_color(ui)),
            );
        }
    }

    /// When it came in, what was decided, and what was paid: each once
    /// the status reaches it.
    fn decision_ui(
        &mut self,
        ui: &mut Ui,
        saved: GrantStatus,
        reached: impl Fn(GrantStatus) -> bool,
    ) {
        let (draft, errors, today) = (&mut *self.draft, self.errors, self.today);
        let error = |field| errors.get(field);
        let status = draft.status;
        Form::show(ui, self.form_id.with("money"), self.shown, |form| {
            form.date(
                "Received on",
                &mut draft.received_on,
                error(GrantField::ReceivedOn),
                today,
            );
            if reached(GrantStatus::Awarded) || reached(GrantStatus::Declined) {
                form.date(
                    "Decided on",
                    &mut draft.decided_on,
                    error(GrantField::DecidedOn),
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
                    error(GrantField::DeclineReason),
                    "As told to the district",
                );
            }
            if reached(GrantStatus::Paid) {
                form.date(
                    "Paid on",
                    &mut draft.paid_on,
                    error(GrantField::PaidOn),
                    today,
                );
                money_row(form, "Paid", &mut draft.paid, error(GrantField::Paid));
            }
        });
    }

    /// When and at which convening the trip was shared with the network.
    fn report_ui(&mut self, ui: &mut Ui, convenings: &[(ConveningId, NaiveDate, String)]) {
        let (draft, errors, today) = (&mut *self.draft, self.errors, self.today);
        Form::show(ui, self.form_id.with("report"), self.shown, |form| {
            form.date(
                "Shared on",
                &mut draft.report_on,
                errors.get(GrantField::ReportOn),
                today,
            );
            let width = form.field_width();
            form.row(
                "At convening",
                errors.get(GrantField::ReportConvening),
                |ui| {
                    let current = draft
                        .report_convening
                        .and_then(|id| convenings.iter().find(|(c, ..)| *c == id));
                    egui::ComboBox::from_id_salt("grant_report_convening")
                        .width(width)
                        .selected_text(current.map_or("— none —", |(.., t)| t.as_str()))
                        .show_ui(ui, |ui| {
                            ui.selectable_value(&mut draft.report_convening, None, "— none —");
                            for (id, _, title) in convenings {
                                ui.selectable_value(&mut draft.report_convening, Some(*id), title);
                            }
                        })
                        .response
                },
            );
        });
    }
}

/// The reason an application may not go ahead, and the override.
fn eligibility_ui(
    ui: &mut Ui,
    district: &str,
    fields: &mut Fields<'_>,
    standing: Standing,
    error: Option<String>,
) {
    let Fields {
        draft,
        form_id,
        shown,
        ..
    } = fields;
    let reason = crate::domain::grant::eligibility(district, draft.year, standing)
        .err()
        .unwrap_or_default();
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.0, style::warning_color(ui))).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(RichText::new(format!("⚠ {reason}")).color(style::warning_color(ui)));
        style::muted(ui, "Only districts with an active letter may apply. To accept this one anyway, give the reason; it stays on the record.");
        const LABEL: &str = "Reason to accept anyway";
        let label = ui.label(LABEL);
        let response = ui.add(TextEdit::singleline(&mut draft.override_reason).id(form_id.with("override_reason")).hint_text("e.g. letter signed, countersignature pending").desired_width(ui.available_width() - style::SCROLL_BAR_ROOM))
            .labelled_by(label.id);
        shown.follow(LABEL, &response);
        if let Some(message) = error.filter(|_| shown.shows(LABEL)) {
            style::error_text(ui, &message);
        }
    });
}

/// An amount field, shown as currency once the cursor leaves it.
fn money_row(form: &mut Form<'_>, label: &str, value: &mut String, error: Option<&str>) {
    let response = form.text(label, value, error, "$0.00");
    if response.lost_focus()
        && let Ok(amount) = Money::parse(value)
    {
        *value = amount.to_string();
    }
}

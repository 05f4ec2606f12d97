//! An application's fields: who applies, the trip, the decision and the
//! payment, the report back, and the reason to accept a non-member.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};

use super::GrantEditor;
use crate::domain::{
    ConveningId, DistrictId, GrantDraft, GrantField, GrantStatus, Money, Purpose, Standing,
};
use crate::ui::style::{self, Form, ShownErrors};

impl GrantEditor {
    /// Returns a newly chosen district.
    pub(super) fn fields_ui(
        &mut self,
        ui: &mut Ui,
        districts: &[(DistrictId, String)],
        convenings: &[(ConveningId, NaiveDate, String)],
        today: NaiveDate,
    ) -> Option<DistrictId> {
        let mut chosen = None;
        let errors = &self.form.errors;
        let error = |field| errors.get(field).map(str::to_owned);
        let status = self.form.edits.draft.status;
        let saved = self.saved_status().unwrap_or(GrantStatus::Draft);
        let reached = |s: GrantStatus| {
            status == s || saved == s || (status >= s && status != GrantStatus::Withdrawn)
        };
        let contacts = &self.contacts;
        let standing = self.standing;
        let district_name = self.district_name.clone();
        let form_id = self.form.id;
        let shown = &mut self.form.shown;
        let draft = &mut self.form.edits.draft;

        Form::show(ui, form_id.with("who"), shown, |form| {
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
                form_id,
                shown,
            );
        }
        Form::show(ui, form_id.with("trip"), shown, |form| {
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
            Form::show(ui, form_id.with("money"), shown, |form| {
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
            Form::show(ui, form_id.with("report"), shown, |form| {
                form.date(
                    "Shared on",
                    &mut draft.report_on,
                    error(GrantField::ReportOn).as_deref(),
                    today,
                );
                let width = form.field_width();
                let convening_error = error(GrantField::ReportConvening);
                form.row("At convening", convening_error.as_deref(), |ui| {
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
                });
            });
        }
        ui.add_space(style::GAP);
        Form::show(ui, form_id.with("notes"), shown, |form| {
            form.multiline("Notes", &mut draft.notes, 3, "Anything worth remembering");
        });
        chosen
    }
}

/// The reason an application may not go ahead, and the override.
fn eligibility_ui(
    ui: &mut Ui,
    district: &str,
    draft: &mut GrantDraft,
    standing: Standing,
    error: Option<String>,
    form_id: egui::Id,
    shown: &mut ShownErrors,
) {
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
fn money_row(form: &mut Form<'_>, label: &str, value: &mut String, error: Option<String>) {
    let response = form.text(label, value, error.as_deref(), "$0.00");
    if response.lost_focus()
        && let Ok(amount) = Money::parse(value)
    {
        *value = amount.to_string();
    }
}

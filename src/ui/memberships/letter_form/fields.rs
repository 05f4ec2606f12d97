//! The letter's fields: its dates, the people named on it (and adding one
//! without leaving the letter), the reflections and plans, the big ideas and
//! action areas, the signatures and a termination.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};
use strum::VariantArray as _;

use super::LetterEditor;
use crate::domain::{
    ActionArea, BigIdea, Contact, ContactDraft, ContactField, ContactRole, FieldErrors,
    LetterDraft, LetterField, MembershipStatus, NoticeBy,
};
use crate::ui::command::Command;
use crate::ui::style::{self, Form, ShownErrors};

impl LetterEditor {
    pub(super) fn fields_ui(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        let seen = self.form.edits.seen();
        let form_id = self.form.id;
        let Some(draft) = &mut self.form.edits.draft else {
            return;
        };
        let mut fields = Fields {
            draft,
            errors: &self.form.errors,
            shown: &mut self.form.shown,
            form_id,
            today,
        };
        fields.dates_ui(ui);
        style::subheading(ui, "Named on the letter");
        fields.people_ui(ui, &self.contacts);
        if let Some(contact) = new_contact_ui(
            ui,
            form_id.with("new_contact"),
            &mut self.new_contact,
            &mut self.new_contact_error,
        ) {
            commands.push(Command::SaveContact {
                district: self.district,
                id: None,
                fields: contact,
                seen,
            });
        }
        style::subheading(ui, "District innovation reflections and plans");
        fields.reflections_ui(ui);
        style::subheading(ui, "Big ideas it ties to");
        fields.ideas_ui(ui);
        style::subheading(ui, "Signatures");
        fields.signatures_ui(ui);
        if fields.draft.status == MembershipStatus::Terminated {
            style::subheading(ui, "Termination");
            fields.termination_ui(ui);
        }
    }
}

/// What each part of the letter's fields is drawn with.
struct Fields<'a> {
    draft: &'a mut LetterDraft,
    errors: &'a FieldErrors<LetterField>,
    shown: &'a mut ShownErrors,
    form_id: egui::Id,
    today: NaiveDate,
}

impl Fields<'_> {
    fn dates_ui(&mut self, ui: &mut Ui) {
        let (draft, errors, today) = (&mut *self.draft, self.errors, self.today);
        let error = |field| errors.get(field);
        let (form_id, shown) = (self.form_id, &mut *self.shown);
        Form::show(ui, form_id.with("dates"), shown, |form| {
            form.date(
                "Invited on",
                &mut draft.invited_on,
                error(LetterField::InvitedOn),
                today,
            );
            form.date(
                "Received on",
                &mut draft.received_on,
                error(LetterField::ReceivedOn),
                today,
            );
        });
    }

    /// The superintendent and the points of contact, from the district's
    /// contacts.
    fn people_ui(&mut self, ui: &mut Ui, contacts: &[Contact]) {
        let (form_id, shown, draft) = (self.form_id, &mut *self.shown, &mut *self.draft);
        Form::show(ui, form_id.with("people"), shown, |form| {
            let width = form.field_width();
            form.row("Superintendent", None, |ui| {
                let current = draft
                    .letter
                    .superintendent
                    .and_then(|id| contacts.iter().find(|c| c.id == id));
                egui::ComboBox::from_id_salt("letter_superintendent")
                    .width(width)
                    .selected_text(current.map_or("— not named —", |c| c.fields.name.as_str()))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(
                            &mut draft.letter.superintendent,
                            None,
                            "— not named —",
                        );
                        for contact in contacts {
                            ui.selectable_value(
                                &mut draft.letter.superintendent,
                                Some(contact.id),
                                &contact.fields.name,
                            );
                        }
                    })
                    .response
            });
            form.row("Points of contact", None, |ui| {
                ui.vertical(|ui| {
                    if contacts.is_empty() {
                        style::muted(ui, "The district has no contacts yet.");
                    }
                    for contact in contacts
                        .iter()
                        .filter(|c| Some(c.id) != draft.letter.superintendent)
                    {
                        let mut named = draft.letter.points_of_contact.contains(&contact.id);
                        let mut label = contact.fields.name.clone();
                        if !contact.fields.title.is_empty() {
                            label.push_str(&format!(" · {}", contact.fields.title));
                        }
                        if ui.checkbox(&mut named, label).changed() {
                            if named {
                                draft.letter.points_of_contact.push(contact.id);
                            } else {
                                draft
                                    .letter
                                    .points_of_contact
                                    .retain(|id| *id != contact.id);
                            }
                        }
                    }
                })
                .response
            });
        });
    }

    fn reflections_ui(&mut self, ui: &mut Ui) {
        let (form_id, draft) = (self.form_id, &mut *self.draft);
        long_text(
            ui,
            form_id,
            "Reflections on the previous year",
            &mut draft.letter.reflections,
            "How has the district worked to innovate, implementing new or creative alternatives to improve student learning, experiences and outcomes?",
        );
        long_text(
            ui,
            form_id,
            "Plans of action",
            &mut draft.letter.plans,
            "How will the district support innovative practices and systems in the coming year?",
        );
        long_text(
            ui,
            form_id,
            "Learning goal or inquiry question",
            &mut draft.letter.learning_goal,
            "The goal or question that will guide the district's learning this year",
        );
    }

    /// The big ideas and action areas the letter ties to.
    fn ideas_ui(&mut self, ui: &mut Ui) {
        let draft = &mut *self.draft;
        for idea in BigIdea::VARIANTS.iter().copied() {
            let mut on = draft.letter.big_ideas.contains(&idea);
            if ui.checkbox(&mut on, idea.label()).changed() {
                toggle(&mut draft.letter.big_ideas, idea, on);
            }
        }
        style::subheading(ui, "Action areas");
        for area in ActionArea::VARIANTS.iter().copied() {
            let mut on = draft.letter.action_areas.contains(&area);
            if ui.checkbox(&mut on, area.label()).changed() {
                toggle(&mut draft.letter.action_areas, area, on);
            }
        }
    }

    fn signatures_ui(&mut self, ui: &mut Ui) {
        let (draft, errors, today) = (&mut *self.draft, self.errors, self.today);
        let error = |field| errors.get(field);
        let (form_id, shown) = (self.form_id, &mut *self.shown);
        Form::show(ui, form_id.with("signatures"), shown, |form| {
            form.text(
                "District signatory",
                &mut draft.letter.district_signatory,
                error(LetterField::DistrictSignatory),
                "Superintendent or designee",
            );
            form.date(
                "District signed on",
                &mut draft.district_signed_on,
                error(LetterField::DistrictSignedOn),
                today,
            );
            form.text(
                "KDE signatory",
                &mut draft.letter.kde_signatory,
                error(LetterField::KdeSignatory),
                "KDE designee",
            );
            form.date(
                "KDE signed on",
                &mut draft.kde_signed_on,
                error(LetterField::KdeSignedOn),
                today,
            );
        });
    }

    /// When it ended, on whose notice, and why.
    fn termination_ui(&mut self, ui: &mut Ui) {
        let (draft, errors, today) = (&mut *self.draft, self.errors, self.today);
        let error = |field| errors.get(field);
        let (form_id, shown) = (self.form_id, &mut *self.shown);
        Form::show(ui, form_id.with("termination"), shown, |form| {
            form.date(
                "Terminated on",
                &mut draft.terminated_on,
                error(LetterField::TerminatedOn),
                today,
            );
            form.row("Notice given by", error(LetterField::TerminatedBy), |ui| {
                ui.horizontal(|ui| {
                    let mut response = ui.radio_value(
                        &mut draft.letter.terminated_by,
                        Some(NoticeBy::District),
                        NoticeBy::District.label(),
                    );
                    response |= ui.radio_value(
                        &mut draft.letter.terminated_by,
                        Some(NoticeBy::Kde),
                        NoticeBy::Kde.label(),
                    );
                    response
                })
                .inner
            });
            form.text(
                "Reason",
                &mut draft.letter.termination_reason,
                error(LetterField::TerminationReason),
                "As given in the written notice",
            );
        });
    }
}

fn toggle<T: Ord>(set: &mut std::collections::BTreeSet<T>, value: T, on: bool) {
    if on {
        set.insert(value);
    } else {
        set.remove(&value);
    }
}

/// A long answer: label above, a roomy field the width of the form.
fn long_text(ui: &mut Ui, form_id: egui::Id, label: &str, value: &mut String, hint: &str) {
    let label_id = ui.label(label).id;
    ui.add(
        TextEdit::multiline(value)
            .id(form_id.with(label))
            .hint_text(hint)
            .desired_rows(4)
            .desired_width(ui.available_width() - style::SCROLL_BAR_ROOM),
    )
    .labelled_by(label_id);
    ui.add_space(style::GAP / 2.0);
}

/// Adds someone to the district's contacts without leaving the letter;
/// returns the contact to save.
fn new_contact_ui(
    ui: &mut Ui,
    id: egui::Id,
    new_contact: &mut Option<ContactDraft>,
    error: &mut Option<String>,
) -> Option<crate::domain::ContactFields> {
    let Some(draft) = new_contact else {
        if ui
            .button("➕ Add a contact")
            .on_hover_text("Add a person to the district's contacts, to name them on the letter")
            .clicked()
        {
            *new_contact = Some(ContactDraft::default());
            *error = None;
        }
        return None;
    };
    let mut save = None;
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("New contact").strong());
        let checked = draft.validate();
        let problems = checked.as_ref().err();
        let touched = *draft != ContactDraft::default();
        let shown = |field| {
            problems
                .and_then(|e| e.get(field))
                .filter(|_| touched)
                .map(str::to_owned)
        };
        let mut showing = ShownErrors::showing_all(touched);
        Form::show(ui, id, &mut showing, |form| {
            form.text(
                "Contact name",
                &mut draft.name,
                shown(ContactField::Name).as_deref(),
                "e.g. Pat Doe",
            );
            form.text(
                "Title",
                &mut draft.title,
                None,
                "e.g. Director of Innovation",
            );
            form.text(
                "Email",
                &mut draft.email,
                shown(ContactField::Email).as_deref(),
                "name@district.kyschools.us",
            );
            let width = form.field_width();
            form.row("Role", None, |ui| {
                egui::ComboBox::from_id_salt("letter_new_contact_role")
                    .width(width)
                    .selected_text(draft.role.label())
                    .show_ui(ui, |ui| {
                        for role in ContactRole::VARIANTS.iter().copied() {
                            ui.selectable_value(&mut draft.role, role, role.label());
                        }
                    })
                    .response
            });
        });
        ui.horizontal(|ui| {
            if ui
                .add_enabled(checked.is_ok(), egui::Button::new("Add contact"))
                .clicked()
            {
                save = checked.ok();
            }
            if ui.button("Cancel").clicked() {
                close = true;
            }
        });
        if let Some(message) = error.as_deref() {
            style::error_text(ui, message);
        }
    });
    if close {
        *new_contact = None;
    }
    save
}

//! A district's people, listed under its form: add, edit, remove.

use egui::{RichText, Ui};
use strum::VariantArray as _;

use crate::domain::email::Recipient;
use crate::domain::validate;
use crate::domain::{
    Contact, ContactDraft, ContactField, ContactId, ContactRole, DistrictId, FieldErrors,
};
use crate::store::ChangeId;
use crate::ui::command::Command;
use crate::ui::record_form::{CHOOSE_FIRST, Edits, form_id};
use crate::ui::style::{self, Form, ShownErrors};
use crate::ui::widgets::{confirm_modal, copy_emails, copy_emails_button};

pub struct ContactsEditor {
    district: DistrictId,
    contacts: Vec<Contact>,
    /// The newest change when `contacts` was read.
    seen: ChangeId,
    editing: Option<ContactEditor>,
    confirm_remove: Option<ContactId>,
}

struct ContactEditor {
    id: Option<ContactId>,
    form_id: egui::Id,
    edits: Edits<ContactDraft>,
    errors: FieldErrors<ContactField>,
    shown: ShownErrors,
    save_error: Option<String>,
    focus_name: bool,
}

impl ContactEditor {
    fn new(id: Option<ContactId>, saved: ContactDraft, seen: ChangeId) -> Self {
        let mut editor = Self {
            id,
            form_id: form_id("contact", id.map(|id| id.0)),
            edits: Edits::new(saved, seen),
            errors: FieldErrors::default(),
            shown: ShownErrors::default(),
            save_error: None,
            focus_name: true,
        };
        editor.revalidate();
        editor
    }

    fn revalidate(&mut self) {
        self.errors = self.edits.draft.validate().err().unwrap_or_default();
    }
}

impl ContactsEditor {
    pub fn new(district: DistrictId, contacts: Vec<Contact>, seen: ChangeId) -> Self {
        Self {
            district,
            contacts,
            seen,
            editing: None,
            confirm_remove: None,
        }
    }

    /// Follows the district's contacts as stored after a change. A contact
    /// being edited follows its stored record like any form; `saved` closes
    /// its editor (it was just saved).
    pub fn follow(&mut self, contacts: Vec<Contact>, latest: ChangeId, saved: bool) {
        self.contacts = contacts;
        self.seen = latest;
        let Some(editor) = &mut self.editing else {
            return;
        };
        if saved {
            self.editing = None;
            return;
        }
        let Some(id) = editor.id else { return };
        match self.contacts.iter().find(|c| c.id == id) {
            Some(contact) => {
                editor
                    .edits
                    .follow(ContactDraft::from(&contact.fields), latest, false);
            }
            // Removed (by an undo): unsaved edits stay, as a new contact.
            None if editor.edits.is_dirty() => {
                let draft = editor.edits.draft.clone();
                let mut new = ContactEditor::new(None, ContactDraft::default(), latest);
                new.edits.draft = draft;
                new.save_error = Some(
                    "This contact no longer exists (an undo removed it). Save adds it again."
                        .to_owned(),
                );
                self.editing = Some(new);
            }
            None => self.editing = None,
        }
    }

    /// Whether `command` saved the contact this editor has open.
    pub fn saved_by(&self, command: &Command) -> bool {
        match (command, &self.editing) {
            (Command::SaveContact { district, id, .. }, Some(editor)) => {
                *district == self.district && *id == editor.id
            }
            _ => false,
        }
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.editing.as_ref().is_some_and(|e| e.edits.is_dirty())
    }

    pub fn cancel(&mut self) {
        self.editing = None;
    }

    /// Whether Esc would drop a new contact the user has filled in.
    pub fn editing_new_with_content(&self) -> bool {
        self.editing
            .as_ref()
            .is_some_and(|e| e.id.is_none() && e.edits.is_dirty())
    }

    pub fn show_save_error(&mut self, message: String) {
        if let Some(editor) = &mut self.editing {
            editor.save_error = Some(message);
        }
    }

    /// The command saving the contact being edited, if it is valid.
    pub fn save(&mut self) -> Option<Command> {
        let editor = self.editing.as_mut()?;
        if editor.edits.has_conflict() {
            editor.save_error = Some(CHOOSE_FIRST.to_owned());
            return None;
        }
        match editor.edits.draft.validate() {
            Ok(fields) => Some(Command::SaveContact {
                district: self.district,
                id: editor.id,
                fields,
                seen: editor.edits.seen(),
            }),
            Err(errors) => {
                editor.errors = errors;
                editor.shown.show_all();
                None
            }
        }
    }

    /// `notice` is what the status bar says (what "Copy emails" copied).
    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>, notice: &mut Option<String>) {
        if self.contacts.is_empty() && self.editing.is_none() {
            style::muted(
                ui,
                "No contacts yet. Add the superintendent and the network's points of contact.",
            );
        }
        let addresses: Vec<Recipient> = self
            .contacts
            .iter()
            .filter(|c| c.fields.active)
            .filter_map(Contact::recipient)
            .collect();
        if !addresses.is_empty()
            && copy_emails_button(
                ui,
                true,
                "The district's active contacts, as Outlook's To line takes them",
            )
        {
            *notice = Some(copy_emails(ui.ctx(), &addresses));
        }
        let editing_id = self.editing.as_ref().map(|e| e.id);
        for contact in &self.contacts {
            if editing_id == Some(Some(contact.id)) {
                continue;
            }
            if let Some(action) = contact_card_ui(ui, contact, self.editing.is_none()) {
                match action {
                    CardAction::Edit => {
                        self.editing = Some(ContactEditor::new(
                            Some(contact.id),
                            ContactDraft::from(&contact.fields),
                            self.seen,
                        ));
                    }
                    CardAction::Remove => self.confirm_remove = Some(contact.id),
                }
            }
        }
        if let Some(editor) = &mut self.editing {
            let heading = if editor.id.is_some() {
                "Edit contact"
            } else {
                "New contact"
            };
            if let Some(save) = contact_form_ui(ui, heading, editor) {
                match save {
                    true => commands.extend(self.save()),
                    false => self.editing = None,
                }
            }
        } else if ui
            .button("➕ Add contact")
            .on_hover_text("Add a person at this district")
            .clicked()
        {
            self.editing = Some(ContactEditor::new(None, ContactDraft::default(), self.seen));
        }

        if let Some(id) = self.confirm_remove
            && let Some(contact) = self.contacts.iter().find(|c| c.id == id)
        {
            let text = format!(
                "Remove {} from this district's contacts?",
                contact.fields.name
            );
            match confirm_modal(
                ui.ctx(),
                "remove_contact",
                "Remove contact",
                &text,
                "Remove",
            ) {
                Some(true) => {
                    commands.push(Command::DeleteContact {
                        district: self.district,
                        id,
                    });
                    self.confirm_remove = None;
                }
                Some(false) => self.confirm_remove = None,
                None => {}
            }
        }
    }
}

enum CardAction {
    Edit,
    Remove,
}

fn contact_card_ui(ui: &mut Ui, contact: &Contact, actions_enabled: bool) -> Option<CardAction> {
    let fields = &contact.fields;
    let mut action = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let name = RichText::new(&fields.name).strong();
            ui.label(if fields.active { name } else { name.weak() });
            style::badge(ui, fields.role.label(), ui.visuals().hyperlink_color);
            if !fields.active {
                style::badge(ui, "Inactive", style::muted_color(ui));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.add_enabled_ui(actions_enabled, |ui| {
                    if style::icon_button(ui, "🗑", &format!("Remove {}", fields.name)).clicked()
                    {
                        action = Some(CardAction::Remove);
                    }
                    if style::icon_button(ui, "✏", &format!("Edit {}", fields.name)).clicked() {
                        action = Some(CardAction::Edit);
                    }
                });
            });
        });
        if !fields.title.is_empty() {
            style::muted(ui, &fields.title);
        }
        for line in [&fields.email, &fields.phone] {
            if !line.is_empty() {
                ui.label(line);
            }
        }
    });
    action
}

/// `Some(true)` to save, `Some(false)` to cancel.
fn contact_form_ui(ui: &mut Ui, heading: &str, editor: &mut ContactEditor) -> Option<bool> {
    let mut result = None;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(heading).strong());
        ui.add_space(style::GAP / 2.0);
        if editor.edits.conflict_ui(ui, "This contact") {
            editor.save_error = None;
            editor.revalidate();
        }
        let mut changed = false;
        let errors = editor.errors.clone();
        Form::show(ui, editor.form_id, &mut editor.shown, |form| {
            let rows = [
                (ContactField::Name, "Contact name", "e.g. Pat Doe"),
                (ContactField::Title, "Title", "e.g. Chief Academic Officer"),
                (ContactField::Email, "Email", "name@district.kyschools.us"),
                (ContactField::Phone, "Phone", "(502) 564-4201 ext. 4071"),
            ];
            for (field, label, hint) in rows {
                let draft = &mut editor.edits.draft;
                let value = match field {
                    ContactField::Name => &mut draft.name,
                    ContactField::Title => &mut draft.title,
                    ContactField::Email => &mut draft.email,
                    _ => &mut draft.phone,
                };
                let response = form.text(label, value, errors.get(field), hint);
                if field == ContactField::Name && std::mem::take(&mut editor.focus_name) {
                    response.request_focus();
                }
                if response.changed() {
                    changed = true;
                }
                // Shown as it will be saved once the field is left.
                if response.lost_focus()
                    && field == ContactField::Phone
                    && let Ok(phone) = validate::phone(&editor.edits.draft.phone)
                {
                    editor.edits.draft.phone = phone;
                }
            }
            let width = form.field_width();
            form.row("Role", None, |ui| {
                egui::ComboBox::from_id_salt("contact_role")
                    .selected_text(editor.edits.draft.role.label())
                    .width(width)
                    .show_ui(ui, |ui| {
                        for role in ContactRole::VARIANTS.iter().copied() {
                            ui.selectable_value(&mut editor.edits.draft.role, role, role.label());
                        }
                    })
                    .response
            });
            form.row("Active", None, |ui| {
                ui.checkbox(&mut editor.edits.draft.active, "Still at the district")
            });
        });
        if changed {
            editor.save_error = None;
            editor.revalidate();
        }
        ui.horizontal(|ui| {
            let valid = editor.errors.is_empty() && !editor.edits.has_conflict();
            if ui
                .add_enabled(valid, egui::Button::new("Save contact"))
                .on_hover_text("Save this contact (Enter)")
                .clicked()
            {
                result = Some(true);
            }
            if ui.button("Cancel").clicked() {
                result = Some(false);
            }
        });
        let editing = editor.edits.is_dirty() || editor.shown.any();
        if let Some(text) = editor.errors.to_save().filter(|_| editing) {
            style::error_text(ui, &text);
        }
        if let Some(error) = &editor.save_error {
            style::error_text(ui, error);
        }
    });
    result
}

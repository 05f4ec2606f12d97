//! A district's people, listed under its form: add, edit, remove.

use std::collections::BTreeSet;

use egui::{RichText, Ui};

use crate::domain::validate;
use crate::domain::{
    Contact, ContactDraft, ContactField, ContactId, ContactRole, DistrictId, FieldErrors,
};
use crate::ui::app::Command;
use crate::ui::style::{self, Form};
use crate::ui::widgets::confirm_modal;

pub struct ContactsEditor {
    district: DistrictId,
    contacts: Vec<Contact>,
    editing: Option<ContactEditor>,
    confirm_remove: Option<ContactId>,
}

struct ContactEditor {
    id: Option<ContactId>,
    saved: ContactDraft,
    draft: ContactDraft,
    errors: FieldErrors<ContactField>,
    touched: BTreeSet<ContactField>,
    show_all_errors: bool,
    save_error: Option<String>,
    focus_name: bool,
}

impl ContactEditor {
    fn new(id: Option<ContactId>, saved: ContactDraft) -> Self {
        let mut editor = Self {
            id,
            draft: saved.clone(),
            saved,
            errors: FieldErrors::default(),
            touched: BTreeSet::new(),
            show_all_errors: false,
            save_error: None,
            focus_name: true,
        };
        editor.revalidate();
        editor
    }

    fn revalidate(&mut self) {
        self.errors = self.draft.validate().err().unwrap_or_default();
    }

    fn shown_error(&self, field: ContactField) -> Option<&str> {
        (self.show_all_errors || self.touched.contains(&field))
            .then(|| self.errors.get(field))
            .flatten()
    }
}

impl ContactsEditor {
    pub fn new(district: DistrictId, contacts: Vec<Contact>) -> Self {
        Self {
            district,
            contacts,
            editing: None,
            confirm_remove: None,
        }
    }

    /// Replaces the list after a change was saved, closing the editor.
    pub fn reloaded(&mut self, contacts: Vec<Contact>) {
        self.contacts = contacts;
        self.editing = None;
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.editing.as_ref().is_some_and(|e| e.draft != e.saved)
    }

    pub fn cancel(&mut self) {
        self.editing = None;
    }

    pub fn show_save_error(&mut self, message: String) {
        if let Some(editor) = &mut self.editing {
            editor.save_error = Some(message);
        }
    }

    /// The command saving the contact being edited, if it is valid.
    pub fn save(&mut self) -> Option<Command> {
        let editor = self.editing.as_mut()?;
        match editor.draft.validate() {
            Ok(fields) => Some(Command::SaveContact {
                district: self.district,
                id: editor.id,
                fields,
            }),
            Err(errors) => {
                editor.errors = errors;
                editor.show_all_errors = true;
                None
            }
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        if self.contacts.is_empty() && self.editing.is_none() {
            style::muted(
                ui,
                "No contacts yet. Add the superintendent and the network's points of contact.",
            );
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
            self.editing = Some(ContactEditor::new(None, ContactDraft::default()));
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
        let mut changed = false;
        let mut submitted = false;
        Form::show(ui, "contact_form", |form| {
            let rows = [
                (ContactField::Name, "Contact name", "e.g. Pat Doe"),
                (ContactField::Title, "Title", "e.g. Chief Academic Officer"),
                (ContactField::Email, "Email", "name@district.kyschools.us"),
                (ContactField::Phone, "Phone", "(502) 564-4201 ext. 4071"),
            ];
            for (field, label, hint) in rows {
                let error = editor.shown_error(field).map(str::to_owned);
                let value = match field {
                    ContactField::Name => &mut editor.draft.name,
                    ContactField::Title => &mut editor.draft.title,
                    ContactField::Email => &mut editor.draft.email,
                    _ => &mut editor.draft.phone,
                };
                let response = form.text(label, value, error.as_deref(), hint);
                if field == ContactField::Name && std::mem::take(&mut editor.focus_name) {
                    response.request_focus();
                }
                if response.changed() {
                    changed = true;
                    editor.touched.insert(field);
                }
                if response.lost_focus() {
                    editor.touched.insert(field);
                    // Shown as it will be saved once the field is left.
                    if field == ContactField::Phone
                        && let Ok(phone) = validate::phone(&editor.draft.phone)
                    {
                        editor.draft.phone = phone;
                    }
                    submitted |= form.ui().input(|i| i.key_pressed(egui::Key::Enter));
                }
            }
            let width = form.field_width();
            form.row("Role", None, |ui| {
                egui::ComboBox::from_id_salt("contact_role")
                    .selected_text(editor.draft.role.label())
                    .width(width)
                    .show_ui(ui, |ui| {
                        for role in ContactRole::ALL {
                            ui.selectable_value(&mut editor.draft.role, role, role.label());
                        }
                    })
                    .response
            });
            form.row("Active", None, |ui| {
                ui.checkbox(&mut editor.draft.active, "Still at the district")
            });
        });
        if changed {
            editor.save_error = None;
            editor.revalidate();
        }
        ui.horizontal(|ui| {
            let valid = editor.errors.is_empty();
            if ui
                .add_enabled(valid, egui::Button::new("Save contact"))
                .on_hover_text("Save this contact (Enter)")
                .clicked()
                || (submitted && valid)
            {
                result = Some(true);
            }
            if ui.button("Cancel").clicked() {
                result = Some(false);
            }
        });
        if let Some(error) = &editor.save_error {
            style::error_text(ui, error);
        }
    });
    result
}

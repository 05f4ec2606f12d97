//! "People of the network": KDE staff, cooperative staff and national
//! partners, who are in no district. They organise convenings and are
//! copied on drafts. A window over the Districts screen: the list, and a
//! form to add or change one.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use strum::VariantArray as _;

use crate::domain::email::Recipient;
use crate::domain::validate::FieldLabel as _;
use crate::domain::{
    NetworkPerson, NetworkPersonDraft, NetworkPersonField, NetworkPersonId, NetworkRole,
};
use crate::ui::command::Command;
use crate::ui::record_form::form_id;
use crate::ui::style::{self, Form, ShownErrors};
use crate::ui::widgets::{copy_emails, copy_emails_button};

/// The person being added (`None`) or changed, with the form's text.
struct Editing {
    id: Option<NetworkPersonId>,
    draft: NetworkPersonDraft,
    form_id: egui::Id,
    /// Which fields' messages show (those reached, or all after a Save).
    shown: ShownErrors,
}

impl Editing {
    fn new(id: Option<NetworkPersonId>, draft: NetworkPersonDraft) -> Self {
        Self {
            id,
            draft,
            form_id: form_id("network_person", id.map(|id| id.0)),
            shown: ShownErrors::default(),
        }
    }
}

#[derive(Default)]
pub struct NetworkPeopleWindow {
    editing: Option<Editing>,
    confirm_remove: Option<NetworkPersonId>,
}

impl NetworkPeopleWindow {
    /// The window; `true` when it is closed.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        people: &[NetworkPerson],
        commands: &mut Vec<Command>,
        notice: &mut Option<String>,
    ) -> bool {
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("network_people")).show(ctx, |ui| {
            ui.set_width(880.0);
            ui.label(RichText::new("People of the network").heading());
            style::muted(
                ui,
                "KDE staff, cooperative staff and national partners: in no district, they \
                 organise convenings and can be copied on every draft.",
            );
            ui.add_space(style::GAP);
            match &mut self.editing {
                Some(editing) => {
                    if person_form_ui(ui, editing, commands) {
                        self.editing = None;
                    }
                }
                None => {
                    self.list_ui(ui, people, commands, notice);
                    ui.add_space(style::SECTION_GAP);
                    close = ui.button("Close").clicked();
                }
            }
        });
        close || (self.editing.is_none() && modal.should_close())
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        people: &[NetworkPerson],
        commands: &mut Vec<Command>,
        notice: &mut Option<String>,
    ) {
        ui.horizontal(|ui| {
            if ui.button("➕ Add a person").clicked() {
                self.editing = Some(Editing::new(None, NetworkPersonDraft::default()));
            }
            let addresses: Vec<Recipient> = people
                .iter()
                .filter(|p| p.fields.active)
                .filter_map(NetworkPerson::recipient)
                .collect();
            if copy_emails_button(
                ui,
                !addresses.is_empty(),
                "Everyone active, as Outlook's To line takes them",
            ) {
                *notice = Some(copy_emails(ui.ctx(), &addresses));
            }
        });
        ui.add_space(style::GAP);
        if people.is_empty() {
            style::muted(
                ui,
                "Nobody yet. Add the consultant's colleagues, cooperative contacts and partners.",
            );
            return;
        }
        let mut edit = None;
        TableBuilder::new(ui)
            .id_salt("network_people_table")
            .striped(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(150.0).clip(true))
            .column(Column::initial(180.0).clip(true))
            .column(Column::initial(210.0).clip(true))
            .column(Column::initial(120.0))
            .column(Column::initial(36.0))
            .column(Column::remainder())
            .header(22.0, |mut header| {
                for title in ["Name", "Organisation", "Email", "Role", "Cc", ""] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|mut body| {
                for person in people {
                    body.row(24.0, |mut row| {
                        let f = &person.fields;
                        row.col(|ui| {
                            let name = if f.active {
                                RichText::new(&f.name)
                            } else {
                                RichText::new(format!("{} (inactive)", f.name)).weak()
                            };
                            ui.label(name).on_hover_text(&f.title);
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&f.organisation).truncate());
                        });
                        row.col(|ui| {
                            ui.add(egui::Label::new(&f.email).truncate());
                        });
                        row.col(|ui| {
                            ui.label(f.role.label());
                        });
                        row.col(|ui| {
                            ui.label(if f.cc_on_drafts { "✔" } else { "" })
                                .on_hover_text("Copied on drafts");
                        });
                        row.col(|ui| {
                            if ui.small_button("Edit").clicked() {
                                edit = Some(person.clone());
                            }
                            if self.confirm_remove == Some(person.id) {
                                if ui.small_button("Remove them").clicked() {
                                    commands.push(Command::DeleteNetworkPerson(person.id));
                                    self.confirm_remove = None;
                                }
                            } else if style::icon_button(ui, "🗑", "Remove (asks again)").clicked()
                            {
                                self.confirm_remove = Some(person.id);
                            }
                        });
                    });
                }
            });
        if let Some(person) = edit {
            self.editing = Some(Editing::new(
                Some(person.id),
                NetworkPersonDraft::from(&person.fields),
            ));
        }
    }
}

/// The form; `true` when it is done (saved or cancelled).
fn person_form_ui(ui: &mut Ui, editing: &mut Editing, commands: &mut Vec<Command>) -> bool {
    style::subheading(
        ui,
        if editing.id.is_some() {
            "Change their details"
        } else {
            "A new person of the network"
        },
    );
    let errors = editing.draft.validate().err().unwrap_or_default();
    let draft = &mut editing.draft;
    Form::show(ui, editing.form_id, &mut editing.shown, |form| {
        use NetworkPersonField as F;
        let rows = [
            (F::Name, &mut draft.name, "Full name"),
            (F::Title, &mut draft.title, "Innovation Consultant"),
            (
                F::Organisation,
                &mut draft.organisation,
                "KDE Division of Innovation",
            ),
            (F::Email, &mut draft.email, "name@education.ky.gov"),
            (F::Phone, &mut draft.phone, "(502) 564-4770"),
        ];
        for (field, value, hint) in rows {
            form.text(field.label(), value, errors.get(field), hint);
        }
        let width = form.field_width();
        form.row("Role", None, |ui| {
            egui::ComboBox::from_id_salt("network_role")
                .selected_text(draft.role.label())
                .width(width)
                .show_ui(ui, |ui| {
                    for role in NetworkRole::VARIANTS.iter().copied() {
                        ui.selectable_value(&mut draft.role, role, role.label());
                    }
                })
                .response
        });
        // Ticks named by their own text, under the fields.
        let ui = form.ui();
        ui.label("");
        ui.checkbox(&mut draft.cc_on_drafts, "Cc on drafts")
            .on_hover_text("Ticked for Cc whenever drafts are made (each draft can untick them)");
        ui.end_row();
        ui.label("");
        ui.checkbox(&mut draft.active, "Active");
        ui.end_row();
    });
    ui.add_space(style::SECTION_GAP);
    let mut done = false;
    ui.horizontal(|ui| {
        if ui.button("Cancel").clicked() {
            done = true;
        }
        if ui.button(RichText::new("Save").strong()).clicked() {
            match editing.draft.validate() {
                Ok(fields) => {
                    commands.push(Command::SaveNetworkPerson {
                        id: editing.id,
                        fields,
                    });
                    done = true;
                }
                Err(_) => editing.shown.show_all(),
            }
        }
    });
    done
}

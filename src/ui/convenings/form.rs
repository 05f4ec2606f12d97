//! The selected convening's form.

use egui::Ui;

use crate::domain::{ConveningDraft, ConveningField, ConveningId, ConveningKind, FieldErrors};
use crate::store::ConveningRow;
use crate::store::history::HistoryEntry;
use crate::ui::app::{Command, UiCommand};
use crate::ui::history::record_history_ui;
use crate::ui::style::{self, Form};

/// What the form asks of the screen around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConveningAction {
    OpenSheet(ConveningId),
    Import(ConveningId),
    Delete(ConveningId),
}

pub struct ConveningEditor {
    pub id: Option<ConveningId>,
    saved: ConveningDraft,
    pub draft: ConveningDraft,
    errors: FieldErrors<ConveningField>,
    show_errors: bool,
    pub save_error: Option<String>,
    attended: usize,
    recorded: bool,
    /// The convening's own changes, newest first.
    pub history: Vec<HistoryEntry>,
}

impl ConveningEditor {
    pub fn new_convening(today: chrono::NaiveDate) -> Self {
        let draft = ConveningDraft {
            held_on: crate::domain::validate::edit_date(Some(today)),
            ..ConveningDraft::default()
        };
        Self {
            id: None,
            saved: ConveningDraft::default(),
            draft,
            errors: FieldErrors::default(),
            show_errors: false,
            save_error: None,
            attended: 0,
            recorded: false,
            history: Vec::new(),
        }
    }

    pub fn existing(row: &ConveningRow) -> Self {
        let draft = ConveningDraft::from(&row.convening.fields);
        Self {
            id: Some(row.convening.id),
            saved: draft.clone(),
            draft,
            errors: FieldErrors::default(),
            show_errors: false,
            save_error: None,
            attended: row.attended,
            recorded: row.recorded,
            history: Vec::new(),
        }
    }

    pub fn has_unsaved_changes(&self) -> bool {
        match self.id {
            Some(_) => self.draft != self.saved,
            None => !self.draft.title.trim().is_empty() || !self.draft.location.trim().is_empty(),
        }
    }

    pub fn title(&self) -> String {
        match self.id {
            Some(_) => self.saved.title.clone(),
            None => "the new convening".to_owned(),
        }
    }

    pub fn cancel(&mut self) {
        self.draft = self.saved.clone();
        self.show_errors = false;
        self.save_error = None;
    }

    pub fn save(&mut self) -> Option<Command> {
        match self.draft.validate() {
            Ok(fields) => Some(Command::SaveConvening {
                id: self.id,
                fields,
            }),
            Err(errors) => {
                self.errors = errors;
                self.show_errors = true;
                None
            }
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) -> Option<ConveningAction> {
        let mut action = None;
        let heading = match self.id {
            Some(_) => self.saved.title.clone(),
            None => "New convening".to_owned(),
        };
        style::heading(ui, &heading);
        ui.add_space(style::GAP);
        let before = self.draft.clone();
        let show = self.show_errors;
        let errors = self.errors.clone();
        let error = |field| {
            if show {
                errors.get(field).map(str::to_owned)
            } else {
                None
            }
        };
        Form::show(ui, "convening_form", |form| {
            form.text(
                "Date",
                &mut self.draft.held_on,
                error(ConveningField::Date).as_deref(),
                "2025-09-10",
            );
            form.text(
                "Title",
                &mut self.draft.title,
                error(ConveningField::Title).as_deref(),
                "e.g. Monthly convening",
            );
            let width = form.field_width();
            form.row("Kind", None, |ui| {
                egui::ComboBox::from_id_salt("convening_kind")
                    .width(width)
                    .selected_text(self.draft.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in ConveningKind::ALL {
                            ui.selectable_value(&mut self.draft.kind, kind, kind.label());
                        }
                    })
                    .response
            });
            form.text(
                "Location or link",
                &mut self.draft.location,
                None,
                "A place, or the meeting link",
            );
            form.multiline(
                "Notes",
                &mut self.draft.notes,
                3,
                "Agenda, speakers, follow-ups",
            );
        });
        if self.draft != before {
            self.show_errors = true;
            self.save_error = None;
            self.errors = self.draft.validate().err().unwrap_or_default();
        }
        if let Ok(fields) = self.draft.validate() {
            style::muted(ui, format!("School year {}", fields.year()));
        }

        ui.add_space(style::GAP);
        let dirty = self.has_unsaved_changes();
        ui.horizontal(|ui| {
            if UiCommand::SaveRecord
                .button(ui, self.errors.is_empty() && (dirty || self.id.is_none()))
            {
                commands.extend(self.save());
            }
            if UiCommand::CancelEdit.button(ui, dirty) {
                self.cancel();
            }
            if let Some(id) = self.id {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Delete…")
                        .on_hover_text("Delete this convening and its attendance sheet")
                        .clicked()
                    {
                        action = Some(ConveningAction::Delete(id));
                    }
                });
            }
        });
        if let Some(message) = &self.save_error {
            style::error_text(ui, message);
        }

        if let Some(id) = self.id {
            ui.add_space(style::SECTION_GAP);
            ui.separator();
            style::subheading(ui, "Attendance");
            style::muted(
                ui,
                if self.recorded {
                    format!("{} districts attended.", self.attended)
                } else {
                    "Not recorded yet.".to_owned()
                },
            );
            ui.add_space(style::GAP / 2.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Open attendance sheet")
                    .on_hover_text("Mark who attended, district by district")
                    .clicked()
                {
                    action = Some(ConveningAction::OpenSheet(id));
                }
                if ui
                    .button("Import participant report…")
                    .on_hover_text("Read the participant report from Zoom or Microsoft Teams")
                    .clicked()
                {
                    action = Some(ConveningAction::Import(id));
                }
            });
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("History ({})", self.history.len()))
                .id_salt("convening_history")
                .show(ui, |ui| record_history_ui(ui, &self.history));
        }
        action
    }
}

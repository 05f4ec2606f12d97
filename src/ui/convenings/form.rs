//! The selected convening's form.

use egui::Ui;
use strum::VariantArray as _;

use crate::domain::{
    ConveningDraft, ConveningField, ConveningId, ConveningKind, KentuckyTime, NetworkPerson,
};
use crate::store::{ChangeId, ConveningRow, Store, StoreError};
use crate::ui::command::{Command, UiCommand};
use crate::ui::history::record_history_ui;
use crate::ui::record_form::{RecordEditor, RecordForm, form_id};
use crate::ui::style::{self, Form};
use crate::ui::widgets::copy_emails_button;

/// What the form asks of the screen around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConveningAction {
    OpenSheet(ConveningId),
    Import(ConveningId),
    Delete(ConveningId),
    AddToCalendar(ConveningId),
    Invite(ConveningId),
    /// Copy the member districts' people's emails.
    CopyEmails(ConveningId),
}

pub struct ConveningEditor {
    pub id: Option<ConveningId>,
    pub form: RecordForm<ConveningDraft, ConveningField>,
    attended: usize,
    recorded: bool,
}

impl ConveningEditor {
    pub fn new_convening(today: chrono::NaiveDate) -> Self {
        let mut form = RecordForm::new(
            form_id("convening", None),
            ConveningDraft::default(),
            ChangeId::default(),
        );
        form.edits.draft.held_on = crate::domain::validate::edit_date(Some(today));
        Self {
            id: None,
            form,
            attended: 0,
            recorded: false,
        }
    }

    pub fn open(store: &Store, row: &ConveningRow) -> Result<Self, StoreError> {
        let id = row.convening.id;
        let mut editor = Self {
            id: Some(id),
            form: RecordForm::new(
                form_id("convening", Some(id.0)),
                ConveningDraft::from(&row.convening.fields),
                store.latest_change()?,
            ),
            ..Self::new_convening(row.convening.fields.held_on)
        };
        editor.read_lists(store, row)?;
        Ok(editor)
    }

    fn read_lists(&mut self, store: &Store, row: &ConveningRow) -> Result<(), StoreError> {
        self.attended = row.attended;
        self.recorded = row.recorded;
        self.form.changes = store.convening_history(row.convening.id.0)?;
        Ok(())
    }

    /// Follows the convening as stored after a change (here or elsewhere:
    /// `done`, when it was a command of the app's).
    pub fn follow(
        &mut self,
        store: &Store,
        row: &ConveningRow,
        done: Option<&Command>,
    ) -> Result<(), StoreError> {
        let stored = ConveningDraft::from(&row.convening.fields);
        let saved_here = matches!(done, Some(Command::SaveConvening { id: Some(id), .. }) if Some(*id) == self.id);
        self.form.follow(stored, store.latest_change()?, saved_here);
        self.read_lists(store, row)
    }

    /// The convening no longer exists (an undo removed it): unsaved edits
    /// stay, as a new convening the user can save again.
    pub fn record_gone(&mut self) {
        self.id = None;
        self.form.record_gone(
            form_id("convening", None),
            ConveningDraft::default(),
            "This convening no longer exists (an undo removed it). Save adds it again.",
        );
    }

    pub fn save(&mut self) -> Option<Command> {
        if !self.form.ready_to_save(self.id.is_none()) {
            return None;
        }
        let fields = self.form.checked(self.form.edits.draft.validate())?;
        Some(Command::SaveConvening {
            id: self.id,
            fields,
            seen: self.form.edits.seen(),
        })
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        commands: &mut Vec<Command>,
        organisers: &[NetworkPerson],
    ) -> Option<ConveningAction> {
        let heading = match self.id {
            Some(_) => self.form.edits.base().title.clone(),
            None => "New convening".to_owned(),
        };
        style::form_title(ui, &heading);
        ui.add_space(style::GAP);
        let what = self.title();
        self.form.conflict_ui(ui, &what);
        self.fields_ui(ui, organisers);
        if let Ok(fields) = self.form.edits.draft.validate() {
            // Its number is what the command line's --convening takes.
            let number = self
                .id
                .map(|id| format!(" · No. {}", id.0))
                .unwrap_or_default();
            style::muted(ui, format!("School year {}{number}", fields.year())).on_hover_text(
                "The convening's number, for `iln-roster import attendance --convening`",
            );
        }

        let mut action = self.buttons_ui(ui, commands);
        if let Some(id) = self.id {
            action = action.or(self.invitation_ui(ui, id));
            action = action.or(self.attendance_ui(ui, id));
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("History ({})", self.form.changes.len()))
                .id_salt("convening_history")
                .show(ui, |ui| record_history_ui(ui, &self.form.changes));
        }
        action
    }

    /// The convening's fields, checked as the user types.
    fn fields_ui(&mut self, ui: &mut Ui, organisers: &[NetworkPerson]) {
        let before = self.form.edits.draft.clone();
        let errors = &self.form.errors;
        let draft = &mut self.form.edits.draft;
        Form::show(ui, self.form.id, &mut self.form.shown, |form| {
            form.date(
                "Date",
                &mut draft.held_on,
                errors.get(ConveningField::Date),
                crate::domain::today(),
            );
            form.text(
                "Title",
                &mut draft.title,
                errors.get(ConveningField::Title),
                "e.g. Monthly convening",
            );
            let width = form.field_width();
            form.row("Kind", None, |ui| {
                egui::ComboBox::from_id_salt("convening_kind")
                    .width(width)
                    .selected_text(draft.kind.label())
                    .show_ui(ui, |ui| {
                        for kind in ConveningKind::VARIANTS.iter().copied() {
                            ui.selectable_value(&mut draft.kind, kind, kind.label());
                        }
                    })
                    .response
            });
            form.text(
                "Starts",
                &mut draft.starts_at,
                errors.get(ConveningField::StartsAt),
                "9:00 AM (blank: all day)",
            );
            form.text(
                "Ends",
                &mut draft.ends_at,
                errors.get(ConveningField::EndsAt),
                "3:00 PM",
            );
            form.row("Time zone", None, |ui| {
                egui::ComboBox::from_id_salt("convening_time_zone")
                    .width(width)
                    .truncate()
                    .selected_text(draft.time_zone.label())
                    .show_ui(ui, |ui| {
                        for zone in KentuckyTime::VARIANTS.iter().copied() {
                            ui.selectable_value(&mut draft.time_zone, zone, zone.label());
                        }
                    })
                    .response
            });
            form.text(
                "Location or link",
                &mut draft.location,
                None,
                "A place, or the meeting link",
            );
            form.row("Organiser", None, |ui| {
                let chosen = draft
                    .organiser
                    .and_then(|id| organisers.iter().find(|p| p.id == id))
                    .map_or_else(|| "Nobody chosen".to_owned(), NetworkPerson::label);
                egui::ComboBox::from_id_salt("convening_organiser")
                    .width(width)
                    .truncate()
                    .selected_text(chosen)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut draft.organiser, None, "Nobody chosen");
                        for person in organisers {
                            ui.selectable_value(
                                &mut draft.organiser,
                                Some(person.id),
                                person.label(),
                            );
                        }
                    })
                    .response
                    .on_hover_text(
                        "Who organises it: a person of the network (Districts › People of the \
                         network), named on the calendar invitation",
                    )
            });
            form.multiline(
                "Description",
                &mut draft.description,
                3,
                "What the invitation says: purpose, agenda, what to bring",
            );
            form.multiline("Notes", &mut draft.notes, 3, "Your own notes; never sent");
        });
        if self.form.edits.draft != before {
            self.form.save_error = None;
            self.form.recheck(self.form.edits.draft.validate());
        }
    }

    /// Save, Cancel and Delete…, and what stops a save.
    fn buttons_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) -> Option<ConveningAction> {
        let mut action = None;
        ui.add_space(style::GAP);
        let dirty = self.has_unsaved_changes();
        ui.horizontal(|ui| {
            let can_save = self.form.errors.is_empty()
                && (dirty || self.id.is_none())
                && !self.form.edits.has_conflict();
            if UiCommand::SaveRecord.button(ui, can_save) {
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
        let editing = self.has_unsaved_changes() || self.form.shown.any();
        if let Some(text) = self.form.errors.to_save().filter(|_| editing) {
            style::error_text(ui, &text);
        }
        if let Some(message) = &self.form.save_error {
            style::error_text(ui, message);
        }

        action
    }

    /// The invitation: a calendar entry, and e-mail drafts to the members.
    fn invitation_ui(&self, ui: &mut Ui, id: ConveningId) -> Option<ConveningAction> {
        let mut action = None;
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Invitation");
        ui.horizontal(|ui| {
            if ui
                .button("📅 Add to calendar…")
                .on_hover_text(
                    "Save it as an .ics file that Outlook, Google and Apple calendars add; \
                     a file saved after a change updates the same entry",
                )
                .clicked()
            {
                action = Some(ConveningAction::AddToCalendar(id));
            }
            if ui
                .button("✉ Invitation drafts…")
                .on_hover_text("An e-mail draft to each member district, with the calendar entry")
                .clicked()
            {
                action = Some(ConveningAction::Invite(id));
            }
            if copy_emails_button(
                ui,
                true,
                "The superintendents and points of contact of the districts that were members \
                 on its day, as Outlook's To line takes them",
            ) {
                action = Some(ConveningAction::CopyEmails(id));
            }
        });
        action
    }

    /// Who attended, and the ways to record it.
    fn attendance_ui(&self, ui: &mut Ui, id: ConveningId) -> Option<ConveningAction> {
        let mut action = None;
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Attendance");
        style::muted(
            ui,
            if self.recorded {
                format!(
                    "{} attended.",
                    style::count(self.attended, "district", "districts")
                )
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
        action
    }
}

impl RecordEditor for ConveningEditor {
    fn has_unsaved_changes(&self) -> bool {
        match self.id {
            Some(_) => self.form.is_dirty(),
            None => {
                let draft = &self.form.edits.draft;
                !draft.title.trim().is_empty() || !draft.location.trim().is_empty()
            }
        }
    }

    fn title(&self) -> String {
        match self.id {
            Some(_) => self.form.edits.base().title.clone(),
            None => "the new convening".to_owned(),
        }
    }

    /// Puts the form back as saved, and clears what was said about it.
    fn cancel(&mut self) {
        self.form.cancel();
    }

    fn is_new(&self) -> bool {
        self.id.is_none()
    }
}

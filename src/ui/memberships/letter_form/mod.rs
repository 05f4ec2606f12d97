//! The Letter of Commitment form: every field of the letter, the status it
//! is moving to, and what that status still needs.

mod fields;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use strum::VariantArray as _;

use crate::domain::DocumentOwner;
use crate::domain::validate::{self, display_date, local_day};
use crate::domain::{
    Contact, ContactDraft, ContactRole, DistrictId, FieldErrors, Letter, LetterDraft, LetterField,
    MembershipStatus, SchoolYear, Standing,
};
use crate::store::{StatusChange, Store, StoreError};
use crate::ui::command::{Command, UiCommand};
use crate::ui::documents::DocumentsPanel;
use crate::ui::history::record_history_ui;
use crate::ui::peers::PeersPanel;
use crate::ui::record_form::{Followed, RecordEditor, RecordForm, form_id};
use crate::ui::style::{self, Note};

pub struct LetterEditor {
    pub district: DistrictId,
    pub district_name: String,
    pub year: SchoolYear,
    /// The letter as stored (`None`: the district has none this year) under
    /// the draft (`None` until the user starts a letter).
    pub form: RecordForm<Option<LetterDraft>, LetterField>,
    standing: Standing,
    contacts: Vec<Contact>,
    /// Each move of status, with the day the letter gives for it.
    history: Vec<(StatusChange, Option<NaiveDate>)>,
    new_contact: Option<ContactDraft>,
    new_contact_error: Option<String>,
    /// The files kept on the letter, once it is stored.
    pub documents: Option<DocumentsPanel>,
    /// The messages prepared for the district, newest first.
    messages: Vec<crate::store::ContactEntry>,
    /// The active members most like it in the letter's year.
    peers: Option<PeersPanel>,
}

impl LetterEditor {
    pub fn open(
        store: &Store,
        district: DistrictId,
        district_name: &str,
        year: SchoolYear,
        standing: Standing,
    ) -> Result<Self, StoreError> {
        let seen = store.latest_change()?;
        let stored = store.membership_of(district, year)?;
        let mut editor = Self {
            district,
            district_name: district_name.to_owned(),
            year,
            form: RecordForm::new(
                form_id("letter", Some(district.0)).with(year.start_year()),
                stored.map(|m| LetterDraft::new(m.status, &m.letter)),
                seen,
            ),
            standing,
            contacts: Vec::new(),
            history: Vec::new(),
            new_contact: None,
            new_contact_error: None,
            documents: None,
            messages: Vec::new(),
            peers: None,
        };
        editor.read_lists(store)?;
        Ok(editor)
    }

    /// Reads the district's contacts and the letter's history.
    fn read_lists(&mut self, store: &Store) -> Result<(), StoreError> {
        self.contacts = store.contacts_of(self.district)?;
        self.messages = store.contact_log_of(self.district)?;
        self.peers = Some(PeersPanel::read(store, self.district, self.year)?);
        let stored = store.membership_of(self.district, self.year)?;
        self.documents = match (&stored, self.documents.take()) {
            (Some(m), Some(mut panel)) if panel.owner == DocumentOwner::Letter(m.id) => {
                panel.reload(store)?;
                Some(panel)
            }
            (Some(m), _) => Some(DocumentsPanel::read(store, DocumentOwner::Letter(m.id))?),
            (None, _) => None,
        };
        (self.history, self.form.changes) = match stored {
            Some(m) => (
                store
                    .status_changes(m.id)?
                    .into_iter()
                    .map(|change| {
                        let dated = m.letter.dated(change.to);
                        (change, dated)
                    })
                    .collect(),
                store.record_history("membership", m.id.0)?,
            ),
            None => (Vec::new(), Vec::new()),
        };
        Ok(())
    }

    /// Follows the letter as the store now holds it, after a change made
    /// here or anywhere else (`done`, when it was a command of the app's).
    pub fn follow(
        &mut self,
        store: &Store,
        standing: Standing,
        done: Option<&Command>,
    ) -> Result<(), StoreError> {
        let latest = store.latest_change()?;
        let stored = store
            .membership_of(self.district, self.year)?
            .map(|m| LetterDraft::new(m.status, &m.letter));
        let saved_here = matches!(done, Some(Command::SaveLetter { district, year, .. })
            if *district == self.district && *year == self.year);
        if self.form.follow(stored, latest, saved_here) == Followed::Reloaded {
            self.new_contact_error = None;
        }
        self.standing = standing;
        self.read_lists(store)?;
        // The contact added here was saved: the form can name them now.
        if let Some(Command::SaveContact {
            district, id: None, ..
        }) = done
            && *district == self.district
        {
            self.new_contact = None;
            self.new_contact_error = None;
        }
        Ok(())
    }

    /// The stored termination date, while it is still to come (the
    /// membership is active until then).
    fn terminating_on(&self) -> Option<NaiveDate> {
        let stored = self.form.edits.base().as_ref()?;
        let date = validate::optional_date(&stored.terminated_on)
            .ok()
            .flatten()?;
        (stored.status == MembershipStatus::Terminated && date > crate::domain::today())
            .then_some(date)
    }

    /// Whether Esc would drop something new the user has filled in (a
    /// letter not stored yet, or a contact being added): asked about first.
    pub fn cancel_drops_new_work(&self) -> bool {
        (self.form.edits.base().is_none() && self.form.is_dirty())
            || self
                .new_contact
                .as_ref()
                .is_some_and(|c| *c != ContactDraft::default())
    }

    pub fn show_contact_error(&mut self, message: String) {
        self.new_contact_error = Some(message);
    }

    fn saved_status(&self) -> Option<MembershipStatus> {
        self.form.edits.base().as_ref().map(|draft| draft.status)
    }

    fn revalidate(&mut self) {
        if let Some(draft) = &self.form.edits.draft {
            let checked = draft.validate(self.year, self.saved_status());
            self.form.recheck(checked);
        } else {
            self.form.errors = FieldErrors::default();
        }
    }

    /// The command saving what is being edited: a contact being added
    /// here, else the letter. `None` (showing why) if it is invalid.
    pub fn save(&mut self) -> Option<Command> {
        if let Some(contact) = &self.new_contact
            && *contact != ContactDraft::default()
        {
            return match contact.validate() {
                Ok(fields) => Some(Command::SaveContact {
                    district: self.district,
                    id: None,
                    fields,
                    seen: self.form.edits.seen(),
                }),
                Err(_) => {
                    self.new_contact_error =
                        Some("Fix the new contact's fields marked above to add them.".to_owned());
                    None
                }
            };
        }
        if !self.form.ready_to_save(false) {
            return None;
        }
        let checked = self
            .form
            .edits
            .draft
            .as_ref()?
            .validate(self.year, self.saved_status());
        let (status, letter) = self.form.checked(checked)?;
        Some(Command::SaveLetter {
            district: self.district,
            year: self.year,
            status,
            letter,
            seen: self.form.edits.seen(),
        })
    }

    /// The fields that stop the letter from being saved, once the user has
    /// changed it (or tried to save): named, since some may not be marked.
    fn fields_to_fix(&self) -> Option<String> {
        self.form
            .engaged()
            .then(|| self.form.errors.to_save())
            .flatten()
    }

    /// What stops the letter reaching its status, once the user has
    /// changed it (or tried to save): said under Save.
    fn status_error(&self) -> Option<&str> {
        self.form
            .engaged()
            .then(|| self.form.errors.get(LetterField::Status))
            .flatten()
    }

    /// The form: a fixed header (who, which year, the status and the Save
    /// button, always in view) over the letter's fields, which scroll.
    /// The form; a peer's district when its name was clicked. `notice` is
    /// what the status bar says.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        today: NaiveDate,
        commands: &mut Vec<Command>,
        notice: &mut Option<String>,
    ) -> Option<DistrictId> {
        style::form_title(ui, &self.district_name);
        ui.horizontal(|ui| {
            style::muted(ui, format!("Letter of Commitment {}", self.year));
            ui.label(style::standing_text(ui, self.standing));
            if let Some(date) = self.terminating_on() {
                style::muted(ui, format!("· terminating on {}", display_date(date)));
            }
        });
        ui.add_space(style::GAP);

        if self.form.edits.draft.is_none() {
            self.no_letter_ui(ui, today, commands);
            return None;
        }
        let what = format!("{}'s letter", self.district_name);
        if self.form.conflict_ui(ui, &what) {
            self.new_contact_error = None;
            self.revalidate();
        }
        let before = self.form.edits.draft.clone();
        self.status_ui(ui);
        ui.add_space(style::GAP / 2.0);
        // Save is drawn above the fields but acts after them, so a key
        // typed in the same instant as the click is in what is saved.
        let mut save_clicked = false;
        ui.horizontal(|ui| {
            let dirty = self.has_unsaved_changes();
            let valid = self.form.errors.is_empty() && !self.form.edits.has_conflict();
            save_clicked = UiCommand::SaveRecord.button(ui, dirty && valid);
            if UiCommand::CancelEdit.button(ui, dirty) {
                self.cancel();
            }
        });
        let error = self
            .form
            .save_error
            .clone()
            .or_else(|| self.status_error().map(str::to_owned))
            .or_else(|| self.fields_to_fix());
        let note = match (error, &self.form.edits.draft) {
            (Some(error), _) => Some(Note::Error(error)),
            (None, Some(draft)) if draft.status_on_saving() != draft.status => {
                let status = Standing::from(draft.status_on_saving());
                Some(Note::Info(format!(
                    "Saving makes it {} {}: its dates and signatures say so.",
                    status.symbol(),
                    status.label()
                )))
            }
            _ => None,
        };
        style::message_strip(ui, note.as_ref());
        ui.separator();
        let mut peer = None;
        egui::ScrollArea::vertical()
            .id_salt("letter_fields_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.fields_ui(ui, today, commands);
                if let Some(documents) = &mut self.documents {
                    documents.ui(ui);
                }
                crate::ui::contact_log::contact_log_ui(ui, &self.messages);
                peer = self.peers.as_ref().and_then(|p| p.ui(ui, notice));
                self.history_ui(ui);
            });
        if self.form.edits.draft != before {
            self.form.save_error = None;
            self.revalidate();
        }
        if save_clicked {
            commands.extend(self.save());
        }
        peer
    }

    fn no_letter_ui(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        style::muted(
            ui,
            format!("{} has no letter for {}.", self.district_name, self.year),
        );
        ui.add_space(style::GAP);
        ui.horizontal(|ui| {
            let invite = Letter {
                invited_on: Some(today),
                ..Letter::default()
            };
            let can_invite =
                today <= self.year.last_day() && today >= self.year.previous().first_day();
            if ui
                .add_enabled(can_invite, egui::Button::new("Invite"))
                .on_hover_text(format!(
                    "Record that {} was asked to join for {}, today",
                    self.district_name, self.year
                ))
                .on_disabled_hover_text(format!(
                    "Invitations for {} could only be sent until it ended",
                    self.year
                ))
                .clicked()
            {
                commands.push(Command::SaveLetter {
                    district: self.district,
                    year: self.year,
                    status: MembershipStatus::Invited,
                    letter: invite,
                    seen: self.form.edits.seen(),
                });
            }
            if ui
                .button("Record a letter")
                .on_hover_text("Enter a Letter of Commitment that came in")
                .clicked()
            {
                // The people on file are who the letter usually names.
                let active = || self.contacts.iter().filter(|c| c.fields.active);
                let letter = Letter {
                    received_on: self.year.contains(today).then_some(today),
                    superintendent: active()
                        .find(|c| c.fields.role == ContactRole::Superintendent)
                        .map(|c| c.id),
                    points_of_contact: active()
                        .filter(|c| c.fields.role == ContactRole::PointOfContact)
                        .map(|c| c.id)
                        .collect(),
                    ..Letter::default()
                };
                self.form.edits.draft = Some(LetterDraft::new(MembershipStatus::Received, &letter));
                self.revalidate();
            }
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        let saved = self.saved_status();
        let Some(draft) = &mut self.form.edits.draft else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new("Status").strong());
            for status in MembershipStatus::VARIANTS.iter().copied() {
                let allowed = match saved {
                    Some(saved) => status >= saved,
                    None => status != MembershipStatus::Terminated,
                };
                let standing: crate::domain::Standing = status.into();
                let text = format!("{} {}", standing.symbol(), standing.label());
                let color = style::standing_color(ui, standing);
                let response = ui
                    .add_enabled(
                        allowed,
                        style::status_toggle(ui, draft.status == status, text, color),
                    )
                    .on_disabled_hover_text("A letter only moves forward");
                if response.clicked() {
                    draft.status = status;
                }
            }
        });
    }

    fn history_ui(&self, ui: &mut Ui) {
        if self.form.edits.base().is_some() {
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("All changes ({})", self.form.changes.len()))
                .id_salt("letter_changes")
                .show(ui, |ui| record_history_ui(ui, &self.form.changes));
        }
        if self.history.is_empty() {
            return;
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Status history");
        for (change, dated) in &self.history {
            // The letter's own date; when it was recorded only if it has none.
            let recorded = local_day(&change.at).map_or_else(|| change.at.clone(), display_date);
            let (when, hover) = match dated {
                Some(day) => (display_date(*day), format!("Recorded on {recorded}")),
                None => (
                    format!("recorded {recorded}"),
                    "The letter gives no date for this step".to_owned(),
                ),
            };
            ui.horizontal(|ui| {
                style::muted(ui, when).on_hover_text(hover);
                if let Some(from) = change.from {
                    ui.label(style::standing_text(ui, from.into()));
                    ui.label("➡");
                }
                ui.label(style::standing_text(ui, change.to.into()));
            });
        }
    }
}

impl RecordEditor for LetterEditor {
    fn has_unsaved_changes(&self) -> bool {
        self.form.is_dirty()
            || self
                .new_contact
                .as_ref()
                .is_some_and(|c| *c != ContactDraft::default())
    }

    fn title(&self) -> String {
        format!("{}'s letter for {}", self.district_name, self.year)
    }

    /// Puts the letter back as saved, and clears what was said about it.
    fn cancel(&mut self) {
        self.form.cancel();
        self.new_contact = None;
        self.new_contact_error = None;
    }

    fn is_new(&self) -> bool {
        false
    }
}

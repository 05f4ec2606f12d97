//! A Travel Fund Grant application: who applies and where they go, the
//! money, and the status it is moving to with what that status needs.

mod fields;

use chrono::NaiveDate;
use egui::{RichText, Ui};

use super::table::{status_color, status_text};
use crate::domain::DocumentOwner;
use crate::domain::validate::{display_date, local_day};
use crate::domain::{
    Contact, ConveningId, DistrictId, FieldErrors, GrantDraft, GrantField, GrantFields, GrantId,
    GrantStatus, Money, SchoolYear, Standing,
};
use crate::store::{ChangeId, GrantStatusChange, Store, StoreError};
use crate::ui::command::{Command, UiCommand};
use crate::ui::district_picker::Choice;
use crate::ui::documents::DocumentsPanel;
use crate::ui::history::record_history_ui;
use crate::ui::record_form::{RecordEditor, RecordForm, form_id};
use crate::ui::style::{self, Note};
use crate::ui::widgets::copy_emails_button;

/// What the form asks for when Save is pressed with a valid draft.
pub struct SaveRequest {
    pub id: Option<GrantId>,
    pub status: GrantStatus,
    pub fields: GrantFields,
    /// What this application had awarded before (to count a raise only).
    pub previously_awarded: Money,
    /// The newest change when the form read the application.
    pub seen: ChangeId,
}

pub struct GrantEditor {
    pub id: Option<GrantId>,
    /// The application as stored (a new one: empty, as a draft) under the
    /// draft, whose status is the one it is moving to.
    pub form: RecordForm<GrantDraft, GrantField>,
    district_name: String,
    standing: Standing,
    contacts: Vec<Contact>,
    history: Vec<GrantStatusChange>,
    /// When the convening the trip was shared at took place.
    report_convening_on: Option<NaiveDate>,
    /// The files kept on the application, once it is stored.
    pub documents: Option<DocumentsPanel>,
    /// "✉ Draft…" or "📋 Copy emails" was clicked: the screen, which
    /// reads the addressees, acts on it.
    pub reach: Option<Reach>,
}

/// Reaching the applicant, asked of the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    Draft,
    CopyEmails,
}

impl GrantEditor {
    pub fn new_application(year: SchoolYear) -> Self {
        Self {
            id: None,
            form: RecordForm::new(
                form_id("grant", None),
                GrantDraft::new(year),
                ChangeId::default(),
            ),
            district_name: String::new(),
            standing: Standing::NotMember,
            contacts: Vec::new(),
            history: Vec::new(),
            report_convening_on: None,
            documents: None,
            reach: None,
        }
    }

    pub fn open(store: &Store, id: GrantId) -> Result<Self, StoreError> {
        let grant = store.grant(id)?;
        let draft = GrantDraft::from_saved(grant.status, &grant.fields);
        let mut editor = Self {
            id: Some(id),
            form: RecordForm::new(form_id("grant", Some(id.0)), draft, store.latest_change()?),
            ..Self::new_application(grant.fields.year)
        };
        editor.read_lists(store)?;
        Ok(editor)
    }

    fn read_lists(&mut self, store: &Store) -> Result<(), StoreError> {
        if let Some(id) = self.id {
            self.history = store.grant_history(id)?;
            self.form.changes = store.record_history("grant_application", id.0)?;
            match &mut self.documents {
                Some(panel) => panel.reload(store)?,
                None => {
                    self.documents = Some(DocumentsPanel::read(store, DocumentOwner::Grant(id))?);
                }
            }
        }
        if let Some(district) = self.form.edits.draft.district {
            self.district_chosen(store, district)?;
        }
        self.report_convening_on = match self.form.edits.draft.report_convening {
            Some(id) => Some(store.convening(id)?.fields.held_on),
            None => None,
        };
        Ok(())
    }

    /// Follows the application as stored after a change (here or
    /// elsewhere: `done`, when it was a command of the app's). `false` when
    /// it no longer exists.
    pub fn follow(&mut self, store: &Store, done: Option<&Command>) -> Result<bool, StoreError> {
        let Some(id) = self.id else {
            return Ok(true);
        };
        let grant = match store.grant(id) {
            Ok(grant) => grant,
            Err(StoreError::NotFound(_)) => return Ok(false),
            Err(error) => return Err(error),
        };
        let stored = GrantDraft::from_saved(grant.status, &grant.fields);
        let saved_here =
            matches!(done, Some(Command::SaveGrant { id: Some(saved), .. }) if *saved == id);
        self.form.follow(stored, store.latest_change()?, saved_here);
        self.read_lists(store)?;
        Ok(true)
    }

    /// The application no longer exists (an undo removed it): unsaved
    /// edits stay, as a new application the user can save again.
    pub fn record_gone(&mut self) {
        self.id = None;
        self.history.clear();
        self.report_convening_on = None;
        let year = self.form.edits.draft.year;
        self.form.record_gone(
            form_id("grant", None),
            GrantDraft::new(year),
            "This application no longer exists (an undo removed it). Save adds it again as a draft.",
        );
        self.form.edits.draft.status = GrantStatus::Draft;
    }

    /// Reads what the form needs to know about the chosen district.
    fn district_chosen(&mut self, store: &Store, district: DistrictId) -> Result<(), StoreError> {
        self.district_name = store.district(district)?.fields.name;
        let year = self.form.edits.draft.year;
        self.standing = store.standing_of(district, year, crate::domain::today())?;
        self.contacts = store.contacts_of(district)?;
        let draft = &mut self.form.edits.draft;
        if draft
            .applicant
            .is_some_and(|a| !self.contacts.iter().any(|c| c.id == a))
        {
            draft.applicant = None;
        }
        Ok(())
    }

    pub fn district_name(&self) -> &str {
        &self.district_name
    }

    pub fn saved_status(&self) -> Option<GrantStatus> {
        self.id.map(|_| self.form.edits.base().status)
    }

    fn validate(&self) -> Result<GrantFields, FieldErrors<GrantField>> {
        self.form.edits.draft.validate(
            self.saved_status(),
            &self.district_name,
            self.standing,
            self.report_convening_on,
        )
    }

    fn revalidate(&mut self) {
        self.form.recheck(self.validate());
    }

    /// A save request, or `None` (showing why) if the form is invalid.
    pub fn save(&mut self) -> Option<SaveRequest> {
        // A new application is saved once something was filled in.
        if !self.form.ready_to_save(false) {
            return None;
        }
        let fields = self.form.checked(self.validate())?;
        let previously_awarded = match self.saved_status() {
            Some(status) if status.commits_funds() => {
                Money::parse(&self.form.edits.base().awarded).unwrap_or_default()
            }
            _ => Money::ZERO,
        };
        Some(SaveRequest {
            id: self.id,
            status: self.form.edits.draft.status,
            fields,
            previously_awarded,
            seen: self.form.edits.seen(),
        })
    }

    /// What stops the application reaching its status, once the user has
    /// changed it (or tried to save): said under Save.
    fn status_error(&self) -> Option<String> {
        self.form
            .engaged()
            .then(|| self.form.errors.get(GrantField::Status).map(str::to_owned))
            .flatten()
    }

    /// `districts` are the roster's districts (id, name) for the picker;
    /// `convenings` the year's (id, date, title), for where the trip was
    /// shared.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        store: &Store,
        districts: &[Choice],
        convenings: &[(ConveningId, NaiveDate, String)],
        today: NaiveDate,
    ) -> Result<Option<SaveRequest>, StoreError> {
        let mut request = None;
        let heading = match self.id {
            Some(_) => format!(
                "{} · {}",
                self.district_name,
                self.form.edits.base().destination
            ),
            None => "New application".to_owned(),
        };
        style::form_title(ui, &heading);
        ui.horizontal(|ui| {
            let number = self
                .id
                .map(|id| format!(" · No. {}", id.0))
                .unwrap_or_default();
            style::muted(
                ui,
                format!("Travel Fund Grant {}{number}", self.form.edits.draft.year),
            )
            .on_hover_text("Its number, as `iln-roster attach FILE --grant NUMBER` takes it");
            if let Some(status) = self.saved_status() {
                ui.label(status_text(ui, status));
            }
        });
        ui.add_space(style::GAP / 2.0);
        let what = format!("The application to {}", self.form.edits.base().destination);
        if self.form.conflict_ui(ui, &what) {
            self.revalidate();
        }
        let before = self.form.edits.draft.clone();
        self.status_ui(ui);
        // Save is drawn above the fields but acts after them, so a key
        // typed in the same instant as the click is in what is saved.
        let mut save_clicked = false;
        ui.horizontal(|ui| {
            let dirty = self.has_unsaved_changes();
            let can_save = dirty && self.form.errors.is_empty() && !self.form.edits.has_conflict();
            save_clicked = UiCommand::SaveRecord.button(ui, can_save);
            if UiCommand::CancelEdit.button(ui, dirty) {
                self.cancel();
            }
            if self.id.is_some()
                && ui
                    .add_enabled(!dirty, egui::Button::new("✉ Draft…"))
                    .on_hover_text(
                        "An e-mail to the applicant: the decision, the payment, the trip report",
                    )
                    .on_disabled_hover_text("Save the application first")
                    .clicked()
            {
                self.reach = Some(Reach::Draft);
            }
            if self.id.is_some()
                && copy_emails_button(
                    ui,
                    true,
                    "The applicant (else the superintendent), as Outlook's To line takes them",
                )
            {
                self.reach = Some(Reach::CopyEmails);
            }
        });
        let note = self
            .form
            .save_error
            .clone()
            .or_else(|| self.status_error())
            .or_else(|| {
                // Editing without a change of status: the fields are named.
                self.form
                    .engaged()
                    .then(|| self.form.errors.to_save())
                    .flatten()
            })
            .map(Note::Error);
        style::message_strip(ui, note.as_ref());
        ui.separator();
        let mut chosen_district = None;
        egui::ScrollArea::vertical()
            .id_salt("grant_fields")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                chosen_district = self.fields_ui(ui, districts, convenings, today);
                if let Some(documents) = &mut self.documents {
                    documents.ui(ui);
                }
                self.history_ui(ui);
            });
        if let Some(district) = chosen_district {
            self.district_chosen(store, district)?;
        }
        self.report_convening_on = self.form.edits.draft.report_convening.and_then(|id| {
            convenings
                .iter()
                .find(|(c, ..)| *c == id)
                .map(|(_, held_on, _)| *held_on)
        });
        if self.form.edits.draft != before {
            self.form.save_error = None;
            self.revalidate();
        }
        if save_clicked {
            request = self.save();
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
        let draft = &mut self.form.edits.draft;
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("Status").strong());
            for status in choices {
                let button = style::status_toggle(
                    ui,
                    draft.status == status,
                    format!("{} {}", status.symbol(), status.label()),
                    status_color(ui, status),
                );
                if ui.add(button).clicked() {
                    draft.status = status;
                }
            }
        });
    }

    fn history_ui(&self, ui: &mut Ui) {
        if self.id.is_some() {
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("All changes ({})", self.form.changes.len()))
                .id_salt("grant_changes")
                .show(ui, |ui| record_history_ui(ui, &self.form.changes));
        }
        if self.history.is_empty() {
            return;
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "History");
        for change in &self.history {
            let when = local_day(&change.at).map_or_else(|| change.at.clone(), display_date);
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

impl RecordEditor for GrantEditor {
    fn has_unsaved_changes(&self) -> bool {
        self.form.is_dirty()
    }

    fn title(&self) -> String {
        match self.id {
            Some(_) => format!(
                "the application of {} to {}",
                self.district_name,
                self.form.edits.base().destination
            ),
            None => "the new application".to_owned(),
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

//! The Letter of Commitment form: every field of the letter, the status it
//! is moving to, and what that status still needs.

use chrono::NaiveDate;
use egui::{RichText, TextEdit, Ui};

use crate::domain::validate::{self, display_date, local_day};
use crate::domain::{
    ActionArea, BigIdea, Contact, ContactDraft, ContactField, ContactRole, DistrictId, FieldErrors,
    Letter, LetterDraft, LetterField, MembershipStatus, NoticeBy, SchoolYear, Standing,
};
use crate::store::history::HistoryEntry;
use crate::store::{StatusChange, Store, StoreError};
use crate::ui::app::{Command, UiCommand};
use crate::ui::history::record_history_ui;
use crate::ui::record_form::{CHOOSE_FIRST, Edits, Followed, form_id};
use crate::ui::style::{self, Form, Note, ShownErrors};

pub struct LetterEditor {
    pub district: DistrictId,
    pub district_name: String,
    pub year: SchoolYear,
    form_id: egui::Id,
    /// The letter as stored (`None`: the district has none this year) under
    /// the draft (`None` until the user starts a letter).
    edits: Edits<Option<LetterDraft>>,
    standing: Standing,
    contacts: Vec<Contact>,
    history: Vec<StatusChange>,
    /// Every change to the letter, newest first.
    changes: Vec<HistoryEntry>,
    errors: FieldErrors<LetterField>,
    shown: ShownErrors,
    pub save_error: Option<String>,
    new_contact: Option<ContactDraft>,
    new_contact_error: Option<String>,
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
            form_id: form_id("letter", Some(district.0)).with(year.start_year()),
            edits: Edits::new(stored.map(|m| LetterDraft::new(m.status, &m.letter)), seen),
            standing,
            contacts: Vec::new(),
            history: Vec::new(),
            changes: Vec::new(),
            errors: FieldErrors::default(),
            shown: ShownErrors::default(),
            save_error: None,
            new_contact: None,
            new_contact_error: None,
        };
        editor.read_lists(store)?;
        Ok(editor)
    }

    /// Reads the district's contacts and the letter's history.
    fn read_lists(&mut self, store: &Store) -> Result<(), StoreError> {
        self.contacts = store.contacts_of(self.district)?;
        (self.history, self.changes) = match store.membership_of(self.district, self.year)? {
            Some(m) => (
                store.status_changes(m.id)?,
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
        if self.edits.follow(stored, latest, saved_here) == Followed::Reloaded {
            self.clear_messages();
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
        let stored = self.edits.base().as_ref()?;
        let date = validate::optional_date(&stored.terminated_on)
            .ok()
            .flatten()?;
        (stored.status == MembershipStatus::Terminated && date > crate::domain::today())
            .then_some(date)
    }

    /// Whether Esc would drop something new the user has filled in (a
    /// letter not stored yet, or a contact being added): asked about first.
    pub fn cancel_drops_new_work(&self) -> bool {
        (self.edits.base().is_none() && self.edits.is_dirty())
            || self
                .new_contact
                .as_ref()
                .is_some_and(|c| *c != ContactDraft::default())
    }

    pub fn show_contact_error(&mut self, message: String) {
        self.new_contact_error = Some(message);
    }

    pub fn has_unsaved_changes(&self) -> bool {
        self.edits.is_dirty()
            || self
                .new_contact
                .as_ref()
                .is_some_and(|c| *c != ContactDraft::default())
    }

    /// Puts the letter back as saved, and clears what was said about it.
    pub fn cancel(&mut self) {
        self.edits.cancel();
        self.new_contact = None;
        self.clear_messages();
    }

    fn clear_messages(&mut self) {
        self.shown.clear();
        self.save_error = None;
        self.new_contact_error = None;
        self.errors = FieldErrors::default();
    }

    fn saved_status(&self) -> Option<MembershipStatus> {
        self.edits.base().as_ref().map(|draft| draft.status)
    }

    fn revalidate(&mut self) {
        self.errors = match &self.edits.draft {
            Some(draft) => draft
                .validate(self.year, self.saved_status())
                .err()
                .unwrap_or_default(),
            None => FieldErrors::default(),
        };
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
                    seen: self.edits.seen(),
                }),
                Err(_) => {
                    self.new_contact_error =
                        Some("Fix the new contact's fields marked above to add them.".to_owned());
                    None
                }
            };
        }
        if self.edits.has_conflict() {
            self.save_error = Some(CHOOSE_FIRST.to_owned());
            return None;
        }
        if !self.edits.is_dirty() {
            return None;
        }
        let draft = self.edits.draft.as_ref()?;
        match draft.validate(self.year, self.saved_status()) {
            Ok((status, letter)) => Some(Command::SaveLetter {
                district: self.district,
                year: self.year,
                status,
                letter,
                seen: self.edits.seen(),
            }),
            Err(errors) => {
                self.errors = errors;
                self.shown.show_all();
                None
            }
        }
    }

    /// What stops the letter reaching its status, once the user has
    /// changed it (or tried to save): said under Save.
    fn status_error(&self) -> Option<&str> {
        (self.edits.is_dirty() || self.shown.any())
            .then(|| self.errors.get(LetterField::Status))
            .flatten()
    }

    /// The form: a fixed header (who, which year, the status and the Save
    /// button, always in view) over the letter's fields, which scroll.
    pub fn ui(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        style::form_title(ui, &self.district_name);
        ui.horizontal(|ui| {
            style::muted(ui, format!("Letter of Commitment {}", self.year));
            ui.label(style::standing_text(ui, self.standing));
            if let Some(date) = self.terminating_on() {
                style::muted(ui, format!("· terminating on {}", display_date(date)));
            }
        });
        ui.add_space(style::GAP);

        if self.edits.draft.is_none() {
            self.no_letter_ui(ui, today, commands);
            return;
        }
        let what = format!("{}'s letter", self.district_name);
        if self.edits.conflict_ui(ui, &what) {
            self.clear_messages();
            self.revalidate();
        }
        let before = self.edits.draft.clone();
        self.status_ui(ui);
        ui.add_space(style::GAP / 2.0);
        // Save is drawn above the fields but acts after them, so a key
        // typed in the same instant as the click is in what is saved.
        let mut save_clicked = false;
        ui.horizontal(|ui| {
            let dirty = self.has_unsaved_changes();
            let valid = self.errors.is_empty() && !self.edits.has_conflict();
            save_clicked = UiCommand::SaveRecord.button(ui, dirty && valid);
            if UiCommand::CancelEdit.button(ui, dirty) {
                self.cancel();
            }
        });
        let error = self.save_error.as_deref().or_else(|| self.status_error());
        let note = match (error, &self.edits.draft) {
            (Some(error), _) => Some(Note::Error(error.to_owned())),
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
        egui::ScrollArea::vertical()
            .id_salt("letter_fields_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.fields_ui(ui, today, commands);
                self.history_ui(ui);
            });
        if self.edits.draft != before {
            self.save_error = None;
            self.revalidate();
        }
        if save_clicked {
            commands.extend(self.save());
        }
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
                    seen: self.edits.seen(),
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
                self.edits.draft = Some(LetterDraft::new(MembershipStatus::Received, &letter));
                self.revalidate();
            }
        });
    }

    fn status_ui(&mut self, ui: &mut Ui) {
        let saved = self.saved_status();
        let Some(draft) = &mut self.edits.draft else {
            return;
        };
        ui.horizontal(|ui| {
            ui.label(RichText::new("Status").strong());
            for status in MembershipStatus::ALL {
                let allowed = match saved {
                    Some(saved) => status >= saved,
                    None => status != MembershipStatus::Terminated,
                };
                let text = style::standing_text(ui, status.into());
                let response = ui
                    .add_enabled(
                        allowed,
                        egui::Button::selectable(draft.status == status, text),
                    )
                    .on_disabled_hover_text("A letter only moves forward");
                if response.clicked() {
                    draft.status = status;
                }
            }
        });
    }

    fn fields_ui(&mut self, ui: &mut Ui, today: NaiveDate, commands: &mut Vec<Command>) {
        let errors = &self.errors;
        let error = |field| errors.get(field).map(str::to_owned);
        let shown = &mut self.shown;
        let form_id = self.form_id;
        let seen = self.edits.seen();
        let Some(draft) = &mut self.edits.draft else {
            return;
        };

        Form::show(ui, form_id.with("dates"), shown, |form| {
            form.date(
                "Invited on",
                &mut draft.invited_on,
                error(LetterField::InvitedOn).as_deref(),
                today,
            );
            form.date(
                "Received on",
                &mut draft.received_on,
                error(LetterField::ReceivedOn).as_deref(),
                today,
            );
        });

        style::subheading(ui, "Named on the letter");
        let contacts = &self.contacts;
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
        if let Some(fields) = new_contact_ui(
            ui,
            form_id.with("new_contact"),
            &mut self.new_contact,
            &mut self.new_contact_error,
        ) {
            commands.push(Command::SaveContact {
                district: self.district,
                id: None,
                fields,
                seen,
            });
        }

        style::subheading(ui, "District innovation reflections and plans");
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

        style::subheading(ui, "Big ideas it ties to");
        for idea in BigIdea::ALL {
            let mut on = draft.letter.big_ideas.contains(&idea);
            if ui.checkbox(&mut on, idea.label()).changed() {
                toggle(&mut draft.letter.big_ideas, idea, on);
            }
        }
        style::subheading(ui, "Action areas");
        for area in ActionArea::ALL {
            let mut on = draft.letter.action_areas.contains(&area);
            if ui.checkbox(&mut on, area.label()).changed() {
                toggle(&mut draft.letter.action_areas, area, on);
            }
        }

        style::subheading(ui, "Signatures");
        Form::show(ui, form_id.with("signatures"), shown, |form| {
            form.text(
                "District signatory",
                &mut draft.letter.district_signatory,
                error(LetterField::DistrictSignatory).as_deref(),
                "Superintendent or designee",
            );
            form.date(
                "District signed on",
                &mut draft.district_signed_on,
                error(LetterField::DistrictSignedOn).as_deref(),
                today,
            );
            form.text(
                "KDE signatory",
                &mut draft.letter.kde_signatory,
                error(LetterField::KdeSignatory).as_deref(),
                "KDE designee",
            );
            form.date(
                "KDE signed on",
                &mut draft.kde_signed_on,
                error(LetterField::KdeSignedOn).as_deref(),
                today,
            );
        });

        if draft.status == MembershipStatus::Terminated {
            style::subheading(ui, "Termination");
            Form::show(ui, form_id.with("termination"), shown, |form| {
                form.date(
                    "Terminated on",
                    &mut draft.terminated_on,
                    error(LetterField::TerminatedOn).as_deref(),
                    today,
                );
                form.row(
                    "Notice given by",
                    error(LetterField::TerminatedBy).as_deref(),
                    |ui| {
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
                    },
                );
                form.text(
                    "Reason",
                    &mut draft.letter.termination_reason,
                    error(LetterField::TerminationReason).as_deref(),
                    "As given in the written notice",
                );
            });
        }
    }

    fn history_ui(&self, ui: &mut Ui) {
        if self.edits.base().is_some() {
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("All changes ({})", self.changes.len()))
                .id_salt("letter_changes")
                .show(ui, |ui| record_history_ui(ui, &self.changes));
        }
        if self.history.is_empty() {
            return;
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Status history");
        for change in &self.history {
            let when = local_day(&change.at).map_or_else(|| change.at.clone(), display_date);
            ui.horizontal(|ui| {
                style::muted(ui, when);
                if let Some(from) = change.from {
                    ui.label(style::standing_text(ui, from.into()));
                    ui.label("➡");
                }
                ui.label(style::standing_text(ui, change.to.into()));
            });
        }
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
                        for role in ContactRole::ALL {
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

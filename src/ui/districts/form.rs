//! The selected district's form: its fields, validated as the user types.

use crate::domain::Coded as _;
use egui::Ui;
use strum::VariantArray as _;

use super::contacts::ContactsEditor;
use crate::domain::DocumentOwner;
use crate::domain::{
    Cooperative, DistrictDraft, DistrictField, DistrictId, DistrictKind, GrantApplication, GrantId,
    MembershipStatus, SchoolYear,
};
use crate::store::{ChangeId, DistrictListItem, Store, StoreError};
use crate::ui::command::{Command, UiCommand};
use crate::ui::documents::DocumentsPanel;
use crate::ui::history::record_history_ui;
use crate::ui::peers::PeersPanel;
use crate::ui::record_form::{RecordEditor, RecordForm, form_id};
use crate::ui::style::{self, Form};

/// What the form asks of the screen around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormAction {
    Archive(bool),
    Delete,
    /// Open the district's letter for that year on the Memberships screen.
    ShowLetter(SchoolYear),
    /// Open one of its Travel Fund Grant applications.
    ShowGrant(GrantId, SchoolYear),
    /// Open another district (a peer).
    ShowDistrict(DistrictId),
}

pub struct DistrictEditor {
    /// `None` while adding a new district.
    pub id: Option<DistrictId>,
    /// The district's fields; its changes are its own and its contacts'.
    pub form: RecordForm<DistrictDraft, DistrictField>,
    pub archived: bool,
    pub contacts: Option<ContactsEditor>,
    /// The district's status in each year it had a letter.
    membership_years: Vec<(SchoolYear, MembershipStatus)>,
    grants: Vec<GrantApplication>,
    focus_name: bool,
    /// The files kept on the district, once it is stored.
    pub documents: Option<DocumentsPanel>,
    /// The messages prepared for it, newest first.
    messages: Vec<crate::store::ContactEntry>,
    /// The active members most like it in `peers_year`.
    peers: Option<PeersPanel>,
    peers_year: SchoolYear,
}

impl DistrictEditor {
    pub fn new_district() -> Self {
        Self {
            id: None,
            form: RecordForm::new(
                form_id("district", None),
                DistrictDraft::default(),
                ChangeId::default(),
            ),
            archived: false,
            contacts: None,
            membership_years: Vec::new(),
            grants: Vec::new(),
            focus_name: true,
            documents: None,
            messages: Vec::new(),
            peers: None,
            peers_year: SchoolYear::current(),
        }
    }

    /// The form of a stored district, with everything listed under it.
    /// `year`: the school year its peers are found in (the top bar's).
    pub fn open(
        store: &Store,
        item: &DistrictListItem,
        year: SchoolYear,
    ) -> Result<Self, StoreError> {
        let id = item.district.id;
        let seen = store.latest_change()?;
        let mut editor = Self {
            id: Some(id),
            form: RecordForm::new(
                form_id("district", Some(id.0)),
                DistrictDraft::from(&item.district.fields),
                seen,
            ),
            contacts: Some(ContactsEditor::new(id, store.contacts_of(id)?, seen)),
            focus_name: false,
            peers_year: year,
            ..Self::new_district()
        };
        editor.read_lists(store, item)?;
        Ok(editor)
    }

    /// Reads what is listed under the form (after opening, or a change).
    fn read_lists(&mut self, store: &Store, item: &DistrictListItem) -> Result<(), StoreError> {
        let id = item.district.id;
        self.archived = item.district.archived;
        self.membership_years = store.membership_years(id, crate::domain::today())?;
        self.grants = store.grants_of_district(id)?;
        self.form.changes = store.district_history(id.0)?;
        self.messages = store.contact_log_of(id)?;
        self.peers = Some(PeersPanel::read(store, id, self.peers_year)?);
        match &mut self.documents {
            Some(panel) => panel.reload(store)?,
            None => {
                self.documents = Some(DocumentsPanel::read(store, DocumentOwner::District(id))?)
            }
        }
        Ok(())
    }

    /// Follows the district as the store now holds it, after a change made
    /// here or anywhere else (`done`, when it was a command of the app's).
    pub fn follow(
        &mut self,
        store: &Store,
        item: &DistrictListItem,
        done: Option<&Command>,
        year: SchoolYear,
    ) -> Result<(), StoreError> {
        self.peers_year = year;
        let latest = store.latest_change()?;
        let saved_here = matches!(done, Some(Command::SaveDistrict { id: Some(id), .. }) if Some(*id) == self.id);
        let stored = DistrictDraft::from(&item.district.fields);
        self.form.follow(stored, latest, saved_here);
        self.read_lists(store, item)?;
        if let Some(contacts) = &mut self.contacts {
            let saved = done.is_some_and(|command| contacts.saved_by(command));
            contacts.follow(store.contacts_of(item.district.id)?, latest, saved);
        }
        Ok(())
    }

    /// The district no longer exists (an undo removed it): unsaved edits
    /// stay, as a new district the user can save again.
    pub fn record_gone(&mut self) {
        let mut gone = Self::new_district();
        std::mem::swap(&mut gone.form, &mut self.form);
        gone.form.record_gone(
            form_id("district", None),
            DistrictDraft::default(),
            "This district no longer exists (an undo removed it). Save adds it again.",
        );
        *self = gone;
    }

    /// Whether Esc would drop something new the user has filled in (the
    /// new district, or a new contact): that is asked about first.
    pub fn cancel_drops_new_work(&self) -> bool {
        (self.id.is_none() && self.has_unsaved_changes())
            || self
                .contacts
                .as_ref()
                .is_some_and(ContactsEditor::editing_new_with_content)
    }

    /// Saves what is being edited: the open contact, else the district.
    pub fn save(&mut self, others: &[DistrictListItem]) -> Option<Command> {
        if let Some(contacts) = &mut self.contacts
            && contacts.is_editing()
        {
            return contacts.save();
        }
        self.save_district(others)
    }

    /// Checks the district's fields and returns the save command, or shows
    /// every error.
    fn save_district(&mut self, others: &[DistrictListItem]) -> Option<Command> {
        if !self.form.ready_to_save(self.id.is_none()) {
            return None;
        }
        let checked = self
            .form
            .edits
            .draft
            .validate(self.id, others.iter().map(keys));
        let fields = self.form.checked(checked)?;
        Some(Command::SaveDistrict {
            id: self.id,
            fields,
            seen: self.form.edits.seen(),
        })
    }

    fn revalidate(&mut self, others: &[DistrictListItem]) {
        let checked = self
            .form
            .edits
            .draft
            .validate(self.id, others.iter().map(keys));
        self.form.recheck(checked);
    }

    /// `notice` is what the status bar says (what "Copy emails" copied).
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        others: &[DistrictListItem],
        commands: &mut Vec<Command>,
        notice: &mut Option<String>,
    ) -> Option<FormAction> {
        if self.form.errors.is_empty() && self.id.is_none() && !self.form.shown.any() {
            self.revalidate(others);
        }
        self.header_ui(ui);
        let what = self.title();
        if self.form.conflict_ui(ui, &what) {
            self.revalidate(others);
        }
        if self.fields_ui(ui) {
            self.form.save_error = None;
            self.revalidate(others);
        }
        let mut action = self.buttons_ui(ui, others, commands);
        if self.id.is_some() {
            action = action.or(self.records_ui(ui));
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Contacts");
        match &mut self.contacts {
            Some(contacts) => contacts.ui(ui, commands, notice),
            None => {
                style::muted(ui, "Save the district first, then add its people.");
            }
        }
        if let Some(documents) = &mut self.documents {
            documents.ui(ui);
        }
        if self.id.is_some() {
            crate::ui::contact_log::contact_log_ui(ui, &self.messages);
        }
        if let Some(peers) = &self.peers
            && let Some(peer) = peers.ui(ui, notice)
        {
            action = action.or(Some(FormAction::ShowDistrict(peer)));
        }
        if self.id.is_some() {
            ui.add_space(style::SECTION_GAP);
            egui::CollapsingHeader::new(format!("History ({})", self.form.changes.len()))
                .id_salt("district_history")
                .show(ui, |ui| record_history_ui(ui, &self.form.changes));
        }
        action
    }

    /// The district's name (or "New district"), marked when archived.
    fn header_ui(&self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let title = match self.id {
                Some(_) => self.form.edits.base().name.clone(),
                None => "New district".to_owned(),
            };
            if self.archived {
                style::badge(ui, "Archived", style::warning_color(ui));
            }
            style::form_title(ui, &title);
        });
        ui.add_space(style::GAP);
    }

    /// The district's fields; whether the user changed one of its texts.
    fn fields_ui(&mut self, ui: &mut Ui) -> bool {
        let mut changed = None;
        let errors = self.form.errors.clone();
        // The rows below borrow the whole editor; the form borrows this.
        let mut shown = std::mem::take(&mut self.form.shown);
        Form::show(ui, self.form.id, &mut shown, |form| {
            let mut text_row =
                |form: &mut Form<'_>, field, label: &str, hint: &str, this: &mut Self| {
                    let error = errors.get(field);
                    let draft = &mut this.form.edits.draft;
                    let value = match field {
                        DistrictField::Name => &mut draft.name,
                        DistrictField::KdeNumber => &mut draft.kde_number,
                        DistrictField::NcesId => &mut draft.nces_id,
                        DistrictField::County => &mut draft.county,
                        _ => &mut draft.email_domain,
                    };
                    let response = form.text(label, value, error, hint);
                    if field == DistrictField::Name && std::mem::take(&mut this.focus_name) {
                        response.request_focus();
                    }
                    if response.changed() {
                        changed = Some(field);
                    }
                };
            text_row(form, DistrictField::Name, "Name", "e.g. Allen County", self);
            text_row(
                form,
                DistrictField::KdeNumber,
                "KDE number",
                "3 digits, e.g. 005",
                self,
            );
            text_row(
                form,
                DistrictField::NcesId,
                "NCES LEA ID",
                "7 digits, e.g. 2100070",
                self,
            );
            form.row("Type", None, |ui| {
                let kind = &mut self.form.edits.draft.kind;
                ui.horizontal(|ui| {
                    let mut response = ui.radio_value(kind, DistrictKind::County, "County");
                    response |= ui.radio_value(kind, DistrictKind::Independent, "Independent");
                    response
                })
                .inner
            });
            text_row(form, DistrictField::County, "County", "e.g. Allen", self);
            let width = form.field_width();
            form.row("Cooperative", None, |ui| {
                cooperative_combo(ui, &mut self.form.edits.draft.cooperative, width)
            });
            text_row(
                form,
                DistrictField::EmailDomain,
                "Email domain",
                "e.g. allen.kyschools.us",
                self,
            );
            form.multiline(
                "Notes",
                &mut self.form.edits.draft.notes,
                3,
                "Anything worth remembering",
            );
        });
        self.form.shown = shown;
        changed.is_some()
    }

    /// Save and Cancel, and for a stored district Archive and Delete; what
    /// goes wrong is said under them.
    fn buttons_ui(
        &mut self,
        ui: &mut Ui,
        others: &[DistrictListItem],
        commands: &mut Vec<Command>,
    ) -> Option<FormAction> {
        let mut action = None;
        ui.add_space(style::GAP);
        let valid = self.form.errors.is_empty();
        let dirty = self.form.is_dirty();
        ui.horizontal(|ui| {
            let save_enabled =
                valid && (dirty || self.id.is_none()) && !self.form.edits.has_conflict();
            if UiCommand::SaveRecord.button(ui, save_enabled) {
                commands.extend(self.save_district(others));
            }
            if UiCommand::CancelEdit.button(ui, dirty) {
                self.cancel();
            }
            if self.id.is_some() {
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Delete…")
                        .on_hover_text(
                            "Delete this district and its contacts (only if it has no history)",
                        )
                        .clicked()
                    {
                        action = Some(FormAction::Delete);
                    }
                    let (label, tip) = if self.archived {
                        ("Restore", "Show this district in the roster again")
                    } else {
                        (
                            "Archive",
                            "Hide this district from the roster, keeping its records",
                        )
                    };
                    if ui.button(label).on_hover_text(tip).clicked() {
                        action = Some(FormAction::Archive(!self.archived));
                    }
                });
            }
        });
        // Named, since a field the user has not reached is not marked.
        if let Some(text) = self
            .form
            .errors
            .to_save()
            .filter(|_| dirty || self.form.shown.any())
        {
            style::error_text(ui, &text);
        }
        if let Some(error) = &self.form.save_error {
            style::error_text(ui, error);
        }

        action
    }

    /// The district's letters by year and its grant applications, each a
    /// link to its screen.
    fn records_ui(&self, ui: &mut Ui) -> Option<FormAction> {
        let mut action = None;
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Membership");
        if self.membership_years.is_empty() {
            style::muted(ui, "No Letter of Commitment on file.");
        }
        for (year, status) in self.membership_years.iter().rev() {
            ui.horizontal(|ui| {
                let link = ui
                    .link(year.to_string())
                    .on_hover_text(format!("Open the {year} letter on the Memberships screen"));
                if link.clicked() {
                    action = Some(FormAction::ShowLetter(*year));
                }
                ui.label(style::standing_text(ui, (*status).into()));
            });
        }

        ui.add_space(style::SECTION_GAP);
        ui.separator();
        style::subheading(ui, "Travel grants");
        if self.grants.is_empty() {
            style::muted(ui, "No Travel Fund Grant applications.");
        }
        for grant in &self.grants {
            ui.horizontal_wrapped(|ui| {
                let text = format!("{} · {}", grant.fields.year, grant.fields.destination);
                if ui
                    .link(text)
                    .on_hover_text("Open on the Travel Grants screen")
                    .clicked()
                {
                    action = Some(FormAction::ShowGrant(grant.id, grant.fields.year));
                }
                let amount = grant.fields.awarded.unwrap_or(grant.fields.requested);
                style::muted(ui, format!("{} · {amount}", grant.status.label()));
            });
        }

        action
    }
}

impl RecordEditor for DistrictEditor {
    fn has_unsaved_changes(&self) -> bool {
        self.form.is_dirty()
            || self
                .contacts
                .as_ref()
                .is_some_and(ContactsEditor::has_unsaved_changes)
    }

    fn title(&self) -> String {
        let base = &self.form.edits.base().name;
        match self.id {
            None if self.form.edits.draft.name.trim().is_empty() => "the new district".to_owned(),
            None => self.form.edits.draft.name.trim().to_owned(),
            Some(_) => base.clone(),
        }
    }

    /// Puts every field back as it was saved, and clears what was said
    /// about them.
    fn cancel(&mut self) {
        self.form.cancel();
        if let Some(contacts) = &mut self.contacts {
            contacts.cancel();
        }
    }

    fn is_new(&self) -> bool {
        self.id.is_none()
    }
}

fn keys(item: &DistrictListItem) -> crate::domain::DistrictKeys<'_> {
    let fields = &item.district.fields;
    crate::domain::DistrictKeys {
        id: item.district.id,
        name: &fields.name,
        kde_number: &fields.kde_number,
        nces_id: fields.nces_id.as_deref(),
    }
}

fn cooperative_combo(ui: &mut Ui, value: &mut Option<Cooperative>, width: f32) -> egui::Response {
    let text = value.map_or("None", Cooperative::code);
    let inner = egui::ComboBox::from_id_salt("cooperative")
        .selected_text(text)
        .width(width)
        .show_ui(ui, |ui| {
            let mut response = ui.selectable_value(value, None, "None");
            for coop in Cooperative::VARIANTS.iter().copied() {
                response |= ui
                    .selectable_value(value, Some(coop), coop.code())
                    .on_hover_text(coop.full_name());
            }
            response
        });
    let mut response = inner.response;
    if let Some(full_name) = value.map(Cooperative::full_name) {
        response = response.on_hover_text(full_name);
    }
    if inner.inner.is_some_and(|r| r.changed()) {
        response.mark_changed();
    }
    response
}

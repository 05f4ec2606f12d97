//! The Districts screen: the roster table, and the selected district's form
//! with its contacts beside it.

mod contacts;
mod form;
mod network_people;
mod table;

use crate::domain::Coded as _;
use egui::Ui;

pub use table::DistrictColumn;

use self::form::{DistrictEditor, FormAction};
use self::table::districts_table_ui;
use crate::domain::{DistrictId, SchoolYear};
use crate::store::StoredTable;
use crate::store::{DistrictListItem, Store, StoreError};
use crate::ui::ExportRequest;
use crate::ui::command::{Command, UiCommand};
use crate::ui::record_form::{OpenEditor as _, RecordEditor as _};
use crate::ui::table_rows::TableRows;
use crate::ui::widgets::discard_to_go_on;
use crate::ui::widgets::{
    PanelWidths, SortOrder, confirm_modal, export_button, form_panel_ui, next_in_view,
};
use crate::ui::{
    AfterChange, Created, Navigation, ReadContext, Screen, ScreenContext, Shows, style,
};

/// Something the user asked for that would close the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Intent {
    Select(DistrictId),
    New,
    /// Esc: put the form back (a new district's form closes).
    Cancel,
}

pub struct DistrictsScreen {
    /// Every district, as last read from the store.
    pub table: TableRows<DistrictListItem, DistrictColumn>,
    pub show_archived: bool,
    selected: Option<DistrictId>,
    editor: Option<DistrictEditor>,
    scroll_to_selected: bool,
    waiting_intent: Option<Intent>,
    confirm_delete: Option<DistrictId>,
    /// People of the network (in no district), and their window if open.
    network_people: Vec<crate::domain::NetworkPerson>,
    network_window: Option<network_people::NetworkPeopleWindow>,
    /// The top bar's year when last read: the form's peers are that year's.
    year: SchoolYear,
}

impl DistrictsScreen {
    pub fn new(sort: SortOrder<DistrictColumn>, show_archived: bool) -> Self {
        Self {
            table: TableRows::new(sort, haystack),
            show_archived,
            selected: None,
            editor: None,
            scroll_to_selected: false,
            waiting_intent: None,
            confirm_delete: None,
            network_people: Vec::new(),
            network_window: None,
            year: SchoolYear::current(),
        }
    }
}

impl Screen for DistrictsScreen {
    fn year_read(&self) -> Option<SchoolYear> {
        Some(self.year)
    }

    fn shows(&self) -> Shows {
        use StoredTable as T;
        Shows::Tables(&[
            T::District,
            T::Contact,
            T::Membership,
            T::GrantApplication,
            T::Document,
            T::ContactLog,
            T::NetworkPerson,
        ])
    }

    /// Re-reads the roster after a change; the open form follows its
    /// district, and a district just added is selected.
    fn reload(&mut self, cx: &ReadContext<'_>, after: &AfterChange<'_>) -> Result<(), StoreError> {
        let store = cx.store;
        self.year = cx.year;
        self.table.replace(store.district_list()?);
        self.network_people = store.network_people()?;
        if let Some(Created::District(id)) = after.created {
            self.selected = Some(id);
            self.scroll_to_selected = true;
            if self.editor.as_ref().is_some_and(|e| e.id != Some(id)) {
                self.editor = None;
            }
        }
        let Some(id) = self.selected else {
            return Ok(());
        };
        let row = self.table.rows().iter().find(|r| r.district.id == id);
        match (&mut self.editor, row) {
            (None, Some(_)) => self.open_editor(store, id)?,
            (Some(editor), Some(item)) if editor.id == Some(id) => {
                editor.follow(store, item, after.command, self.year)?;
            }
            (Some(editor), None) if editor.id == Some(id) && editor.has_unsaved_changes() => {
                self.selected = None;
                editor.record_gone();
            }
            (_, None) => {
                self.selected = None;
                self.editor = None;
            }
            _ => {}
        }
        Ok(())
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        // The form's peers follow the top bar's year.
        self.ensure_year(&cx.read())?;
        let store = cx.store;
        self.refresh_view(cx.search);
        if self.table.rows().is_empty() {
            self.welcome_ui(ui, store, cx.commands, cx.notice)?;
            return Ok(());
        }

        let widths = PanelWidths {
            default: style::FORM_PANEL_WIDTH,
            min: 340.0,
            max: 720.0,
        };
        let open = self.editor.is_some();
        form_panel_ui(ui, "district_form_panel", open, widths, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("district_form_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    self.form_ui(ui, cx.commands, cx.navigate, cx.notice)
                })
                .inner
        })
        .transpose()?;
        if let Some(documents) = self.editor.as_mut().and_then(|e| e.documents.as_mut()) {
            documents.take_dropped(ui);
            if let Some(action) = documents.take_action() {
                documents.handle(action, cx);
            }
        }

        let mut clicked = None;
        egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                self.toolbar_ui(ui, store, cx.year, cx.export)?;
                ui.add_space(style::GAP);
                if self.table.view().is_empty() {
                    self.no_matches_ui(ui, cx.search);
                    return Ok(());
                }
                let scroll_to = std::mem::take(&mut self.scroll_to_selected)
                    .then(|| {
                        self.selected
                            .and_then(|id| self.table.position(|r| r.district.id == id))
                    })
                    .flatten();
                let output = districts_table_ui(ui, &mut self.table, self.selected, scroll_to);
                clicked = output.clicked;
                Ok::<_, StoreError>(())
            })
            .inner?;
        if let Some(id) = clicked {
            self.request(Intent::Select(id), store)?;
        }
        if let Some(window) = &mut self.network_window
            && window.ui(ui.ctx(), &self.network_people, cx.commands, cx.notice)
        {
            self.network_window = None;
        }
        self.modals_ui(ui.ctx(), store, cx.commands)
    }

    /// Keyboard shortcuts meant for this screen. Returns whether it used it.
    fn handle(
        &mut self,
        command: UiCommand,
        cx: &ReadContext<'_>,
        commands: &mut Vec<Command>,
    ) -> Result<bool, StoreError> {
        let store = cx.store;
        match command {
            UiCommand::NewRecord => self.request(Intent::New, store)?,
            UiCommand::SaveRecord => {
                if let Some(editor) = &mut self.editor {
                    commands.extend(editor.save(self.table.rows()));
                }
            }
            UiCommand::CancelEdit => match &self.editor {
                Some(editor) if editor.cancel_drops_new_work() => {
                    self.waiting_intent = Some(Intent::Cancel);
                }
                Some(_) => self.perform(Intent::Cancel, store)?,
                None => return Ok(false),
            },
            UiCommand::SelectPrevious | UiCommand::SelectNext => {
                let ids: Vec<DistrictId> = self.table.shown().map(|r| r.district.id).collect();
                if let Some(next) =
                    next_in_view(&ids, self.selected, command == UiCommand::SelectPrevious)
                {
                    self.scroll_to_selected = true;
                    self.request(Intent::Select(next), store)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn navigate(&mut self, to: Navigation, cx: &ReadContext<'_>) -> Result<(), StoreError> {
        match to {
            Navigation::District(id) => self.select(cx.store, id),
            _ => Ok(()),
        }
    }

    /// Shows why a change was refused in the form it came from.
    fn show_error(&mut self, command: &Command, error: &str) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match command {
            Command::SaveContact { .. } | Command::DeleteContact { .. } => {
                if let Some(contacts) = &mut editor.contacts {
                    contacts.show_save_error(error.to_owned());
                }
            }
            Command::AttachFiles { .. } | Command::RemoveDocument(_) => {
                if let Some(documents) = &mut editor.documents {
                    documents.show_error(error);
                }
            }
            _ => editor.form.save_error = Some(error.to_owned()),
        }
    }

    fn has_unsaved_changes(&self) -> bool {
        self.editor.has_unsaved_changes()
    }

    fn unsaved_title(&self) -> String {
        self.editor.unsaved_title()
    }

    fn discard_changes(&mut self) {
        self.editor.discard_changes();
    }
}

impl DistrictsScreen {
    fn open_editor(&mut self, store: &Store, id: DistrictId) -> Result<(), StoreError> {
        self.editor = match self.table.rows().iter().find(|r| r.district.id == id) {
            Some(item) => Some(DistrictEditor::open(store, item, self.year)?),
            None => None,
        };
        Ok(())
    }

    /// Selects a district and opens its form (from another screen).
    fn select(&mut self, store: &Store, id: DistrictId) -> Result<(), StoreError> {
        self.selected = Some(id);
        self.scroll_to_selected = true;
        self.show_archived |= self
            .table
            .rows()
            .iter()
            .any(|r| r.district.id == id && r.district.archived);
        self.open_editor(store, id)
    }

    /// Does what the user asked, or first asks about unsaved edits.
    fn request(&mut self, intent: Intent, store: &Store) -> Result<(), StoreError> {
        let same = matches!(intent, Intent::Select(id) if self.selected == Some(id) && self.editor.as_ref().is_some_and(|e| e.id == Some(id)));
        if same {
            return Ok(());
        }
        if self.has_unsaved_changes() {
            self.waiting_intent = Some(intent);
            return Ok(());
        }
        self.perform(intent, store)
    }

    fn perform(&mut self, intent: Intent, store: &Store) -> Result<(), StoreError> {
        match intent {
            Intent::New => {
                self.selected = None;
                self.editor = Some(DistrictEditor::new_district());
            }
            Intent::Select(id) => {
                self.selected = Some(id);
                self.open_editor(store, id)?;
            }
            Intent::Cancel => match &mut self.editor {
                Some(editor) if editor.id.is_none() => self.editor = None,
                Some(editor) if !editor.has_unsaved_changes() => {
                    self.selected = None;
                    self.editor = None;
                }
                Some(editor) => editor.cancel(),
                None => {}
            },
        }
        Ok(())
    }

    fn refresh_view(&mut self, search: &str) {
        let show_archived = self.show_archived;
        self.table.refresh(search, &show_archived, |row, _| {
            show_archived || !row.district.archived
        });
    }

    /// The names shown in the table, in order (for tests and exports).
    pub fn visible_names(&mut self, search: &str) -> Vec<String> {
        self.refresh_view(search);
        self.table
            .shown()
            .map(|row| row.district.fields.name.clone())
            .collect()
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        store: &Store,
        year: SchoolYear,
        export: &mut Option<ExportRequest>,
    ) -> Result<(), StoreError> {
        let mut new = false;
        let mut export_clicked = false;
        ui.horizontal(|ui| {
            style::heading(ui, "Districts");
            let active = self
                .table
                .rows()
                .iter()
                .filter(|r| !r.district.archived)
                .count();
            let shown = self.table.view().len();
            let count = if shown == active && !self.show_archived {
                format!("{active} districts")
            } else {
                format!("{shown} shown of {}", self.table.rows().len())
            };
            style::muted(ui, count);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                export_clicked = export_button(ui);
                new = ui
                    .button("➕ New district")
                    .on_hover_text(UiCommand::NewRecord.tooltip_with_shortcut(ui.ctx()))
                    .clicked();
                if ui
                    .button(format!(
                        "👥 People of the network ({})",
                        self.network_people.len()
                    ))
                    .on_hover_text(
                        "KDE staff, cooperative staff and partners: organisers of convenings, \
                         copied on drafts",
                    )
                    .clicked()
                {
                    self.network_window = Some(network_people::NetworkPeopleWindow::default());
                }
                let archived = self
                    .table
                    .rows()
                    .iter()
                    .filter(|r| r.district.archived)
                    .count();
                ui.checkbox(
                    &mut self.show_archived,
                    format!("Show archived ({archived})"),
                )
                .on_hover_text("Include districts that were archived");
            });
        });
        if new {
            self.request(Intent::New, store)?;
        }
        if export_clicked {
            let ids: Vec<DistrictId> = self.table.shown().map(|r| r.district.id).collect();
            *export = Some(ExportRequest::new(crate::export::roster(
                store,
                year,
                crate::domain::today(),
                Some(&ids),
            )?));
        }
        Ok(())
    }

    fn form_ui(
        &mut self,
        ui: &mut Ui,
        commands: &mut Vec<Command>,
        navigate: &mut Option<Navigation>,
        notice: &mut Option<String>,
    ) -> Result<(), StoreError> {
        let Some(editor) = &mut self.editor else {
            style::empty_state(
                ui,
                "🏫",
                "No district selected",
                "Select a district to see and edit its details and people.",
                |ui| {
                    style::muted(
                        ui,
                        format!(
                            "Press {} to add one.",
                            ui.ctx()
                                .format_shortcut(&UiCommand::NewRecord.shortcut().unwrap_or(
                                    egui::KeyboardShortcut::new(
                                        egui::Modifiers::COMMAND,
                                        egui::Key::N
                                    )
                                ))
                        ),
                    );
                },
            );
            return Ok(());
        };
        match editor.ui(ui, self.table.rows(), commands, notice) {
            Some(FormAction::Archive(archived)) => {
                if let Some(id) = editor.id {
                    commands.push(Command::SetDistrictArchived { id, archived });
                }
            }
            Some(FormAction::Delete) => self.confirm_delete = editor.id,
            Some(FormAction::ShowGrant(grant, year)) => {
                *navigate = Some(Navigation::Grant { id: grant, year });
            }
            Some(FormAction::ShowDistrict(district)) => {
                *navigate = Some(Navigation::District(district));
            }
            Some(FormAction::ShowLetter(year)) => {
                if let Some(district) = editor.id {
                    *navigate = Some(Navigation::Letter { district, year });
                }
            }
            None => {}
        }
        Ok(())
    }

    fn welcome_ui(
        &mut self,
        ui: &mut Ui,
        store: &Store,
        commands: &mut Vec<Command>,
        notice: &mut Option<String>,
    ) -> Result<(), StoreError> {
        if let Some(editor) = &mut self.editor {
            // Adding the very first district by hand.
            egui::ScrollArea::vertical().show(ui, |ui| {
                ui.set_max_width(style::FORM_PANEL_WIDTH + 80.0);
                editor.ui(ui, self.table.rows(), commands, notice);
            });
            return Ok(());
        }
        let new = style::empty_state(
            ui,
            "🏫",
            "Welcome to ILN Roster",
            "Start with Kentucky's 171 public school districts (names, KDE numbers, NCES IDs, counties and cooperatives), or add districts one at a time.",
            |ui| {
                if ui
                    .add(
                        egui::Button::new(
                            egui::RichText::new("Add Kentucky's 171 districts").strong(),
                        )
                        .min_size(egui::vec2(240.0, 32.0)),
                    )
                    .on_hover_text("Fill the roster from the NCES/KDE list shipped with the app")
                    .clicked()
                {
                    commands.push(Command::AddKentuckyDistricts);
                }
                ui.add_space(style::GAP);
                ui.button("New district")
                    .on_hover_text(UiCommand::NewRecord.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
            },
        );
        if new {
            self.request(Intent::New, store)?;
        }
        Ok(())
    }

    fn no_matches_ui(&mut self, ui: &mut Ui, search: &mut String) {
        let hidden_archived =
            !self.show_archived && self.table.rows().iter().all(|r| r.district.archived);
        let text = if hidden_archived {
            "Every district is archived.".to_owned()
        } else {
            format!("No district matches “{}”.", search.trim())
        };
        style::empty_state(ui, "🔍", "Nothing to show", &text, |ui| {
            if !search.is_empty() && ui.button("Clear search").clicked() {
                search.clear();
            }
            if hidden_archived && ui.button("Show archived").clicked() {
                self.show_archived = true;
            }
        });
    }

    fn modals_ui(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        commands: &mut Vec<Command>,
    ) -> Result<(), StoreError> {
        let title = self.unsaved_title();
        if let Some(intent) = discard_to_go_on(ctx, &mut self.waiting_intent, &title) {
            self.discard_changes();
            self.perform(intent, store)?;
        }
        if let Some(id) = self.confirm_delete
            && let Some(item) = self.table.rows().iter().find(|r| r.district.id == id)
        {
            let name = &item.district.fields.name;
            let people = match item.contact_count {
                0 => String::new(),
                1 => " and its 1 contact".to_owned(),
                n => format!(" and its {n} contacts"),
            };
            let text = format!(
                "Delete {name}{people}? A district with history in the network cannot be deleted; archive it instead."
            );
            match confirm_modal(ctx, "delete_district", "Delete district", &text, "Delete") {
                Some(true) => {
                    commands.push(Command::DeleteDistrict(id));
                    self.confirm_delete = None;
                }
                Some(false) => self.confirm_delete = None,
                None => {}
            }
        }
        Ok(())
    }
}

fn haystack(item: &DistrictListItem) -> String {
    let f = &item.district.fields;
    [
        f.name.as_str(),
        &f.kde_number,
        f.nces_id.as_deref().unwrap_or_default(),
        &f.county,
        f.kind.label(),
        f.cooperative.map_or("", |c| c.code()),
        &f.email_domain,
        item.superintendent.as_deref().unwrap_or_default(),
    ]
    .join("\u{1f}")
}

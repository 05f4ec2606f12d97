//! The Memberships screen for the year in the top bar: every district's
//! standing with counts and filters, the selected district's Letter of
//! Commitment beside it, the Renewals view, and starting the next year.

mod letter_files;
mod letter_form;
mod renewal_actions;
mod renewals;
mod returned_letter;
mod table;
mod write_letters;

use std::collections::{BTreeMap, BTreeSet};

use egui::{RichText, Ui};

pub use renewals::ago;
pub use table::MembershipColumn;

use self::letter_form::LetterEditor;
use self::renewals::{renewals_ui, visible_renewals};
use self::table::standings_table_ui;
use crate::domain::{DistrictId, SchoolYear, Standing};
use crate::store::StoredTable;
use crate::store::{Renewal, Store, StoreError, YearStanding};
use crate::ui::ExportRequest;
use crate::ui::command::{Command, UiCommand};
use crate::ui::record_form::{OpenEditor as _, RecordEditor as _};
use crate::ui::table_rows::TableRows;
use crate::ui::widgets::discard_to_go_on;
use crate::ui::widgets::{PanelWidths, SortOrder, export_button, form_panel_ui, next_in_view};
use crate::ui::{AfterChange, Navigation, ReadContext, Screen, ScreenContext, Shows, style};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MembershipView {
    #[default]
    Letters,
    Renewals,
}

pub struct MembershipsScreen {
    /// The year `rows` and `renewals` were read for.
    year: Option<SchoolYear>,
    pub table: TableRows<YearStanding, MembershipColumn>,
    counts: BTreeMap<Standing, usize>,
    /// The counts of the districts the search finds, for the filter
    /// chips, with the search and read they were made for.
    found_counts: Option<(String, u64, BTreeMap<Standing, usize>)>,
    renewals: Vec<Renewal>,
    pub filter: BTreeSet<Standing>,
    pub mode: MembershipView,
    selected: Option<DistrictId>,
    editor: Option<LetterEditor>,
    scroll_to_selected: bool,
    /// What the user asked for while the letter had unsaved edits: another
    /// district's letter, or (`None`) dropping a new letter with Esc.
    waiting_selection: Option<Option<DistrictId>>,
    /// The districts "Start next school year" would invite, while its
    /// preview is open.
    invite_preview: Option<Vec<String>>,
    /// Write the new year's letters once it is started.
    then_write_letters: bool,
    write_letters: Option<write_letters::WriteLettersDialog>,
    /// A returned letter being reviewed.
    returned: Option<returned_letter::ReturnedLetter>,
    /// Why the letters dialog could not open.
    file_error: Option<String>,
    /// "Read a returned letter…": where its path is typed or browsed for.
    letter_picker: Option<crate::ui::file_picker::FilePicker>,
    drafts_dialog: Option<crate::ui::drafts_dialog::DraftsDialog>,
    /// Renewals: only the districts not reminded in the last week.
    only_quiet: bool,
}

impl MembershipsScreen {
    pub fn new(sort: SortOrder<MembershipColumn>, mode: MembershipView) -> Self {
        Self {
            year: None,
            table: TableRows::new(sort, |row| row.district_name.clone()),
            counts: BTreeMap::new(),
            found_counts: None,
            renewals: Vec::new(),
            filter: BTreeSet::new(),
            mode,
            selected: None,
            editor: None,
            scroll_to_selected: false,
            waiting_selection: None,
            invite_preview: None,
            then_write_letters: true,
            write_letters: None,
            returned: None,
            file_error: None,
            letter_picker: None,
            drafts_dialog: None,
            only_quiet: false,
        }
    }

    fn open_letter(&mut self, store: &Store, district: DistrictId) -> Result<(), StoreError> {
        let (Some(year), Some(row)) = (
            self.year,
            self.table.rows().iter().find(|r| r.district_id == district),
        ) else {
            self.editor = None;
            return Ok(());
        };
        self.editor = Some(LetterEditor::open(
            store,
            district,
            &row.district_name,
            year,
            row.standing,
        )?);
        Ok(())
    }

    /// Opens a district's letter (from another screen).
    fn select(&mut self, store: &Store, district: DistrictId) -> Result<(), StoreError> {
        self.selected = Some(district);
        self.scroll_to_selected = true;
        self.filter.clear();
        self.open_letter(store, district)
    }

    fn request_selection(&mut self, district: DistrictId, store: &Store) -> Result<(), StoreError> {
        if self.selected == Some(district) && self.editor.is_some() {
            return Ok(());
        }
        if self.has_unsaved_changes() {
            self.waiting_selection = Some(Some(district));
            return Ok(());
        }
        self.selected = Some(district);
        self.open_letter(store, district)
    }

    fn refresh_view(&mut self, search: &str) {
        let filter = &self.filter;
        self.table.refresh(search, filter, |row, _| {
            filter.is_empty() || filter.contains(&row.standing)
        });
    }

    /// District names in the table's order and filter (for tests).
    pub fn visible_names(&mut self, search: &str) -> Vec<String> {
        self.refresh_view(search);
        self.table
            .shown()
            .map(|row| row.district_name.clone())
            .collect()
    }

    /// "48 active · 6 received · 9 invited · 4 lapsed"
    pub fn counts_line(&self) -> String {
        let parts: Vec<String> = Standing::ALL
            .into_iter()
            .filter(|s| *s != Standing::NotMember)
            .filter_map(|s| {
                self.counts
                    .get(&s)
                    .map(|n| format!("{n} {}", s.label().to_lowercase()))
            })
            .collect();
        if parts.is_empty() {
            "No letters this year yet".to_owned()
        } else {
            parts.join(" · ")
        }
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        let mut export = false;
        ui.horizontal(|ui| {
            style::heading(ui, &format!("Memberships {}", cx.year));
            ui.add_space(style::GAP);
            ui.selectable_value(&mut self.mode, MembershipView::Letters, "Letters")
                .on_hover_text("Every district's standing this year");
            let chase = self.renewals.len();
            ui.selectable_value(
                &mut self.mode,
                MembershipView::Renewals,
                format!("Renewals ({chase})"),
            )
            .on_hover_text(format!(
                "Districts active in {} without a letter for {}",
                cx.year.previous(),
                cx.year
            ));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                export = export_button(ui);
                match self.mode {
                    MembershipView::Letters => {
                        self.letters_menu_ui(ui, cx);
                        self.start_next_year_ui(ui, cx);
                    }
                    MembershipView::Renewals => self.renewal_actions_ui(ui, cx),
                }
            });
        });
        if export {
            *cx.export = Some(ExportRequest::new(self.shown_sheet(cx)?));
        }
        if self.mode == MembershipView::Letters {
            ui.add_space(style::GAP / 2.0);
            ui.horizontal_wrapped(|ui| {
                style::muted(ui, self.counts_line());
            });
            self.standing_filters_ui(ui, cx.search);
        }
        Ok(())
    }

    /// "Start 2027-2028…": opens the preview of whom it would invite.
    fn start_next_year_ui(&mut self, ui: &mut Ui, cx: &ScreenContext<'_>) {
        let next = cx.year.next();
        if ui
            .button(format!("Start {next}…"))
            .on_hover_text(format!(
                "Invite every district active in {} for {next}",
                cx.year
            ))
            .clicked()
        {
            match cx.store.districts_to_invite(cx.year) {
                Ok(list) => {
                    self.invite_preview = Some(list.into_iter().map(|(_, name)| name).collect())
                }
                Err(error) => self.invite_preview = Some(vec![format!("⚠ {error}")]),
            }
        }
    }

    /// What is shown (letters or renewals, in their order) as a sheet.
    fn shown_sheet(&self, cx: &ScreenContext<'_>) -> Result<crate::io::table::Sheet, StoreError> {
        match self.mode {
            MembershipView::Letters => {
                let ids: Vec<DistrictId> = self.table.shown().map(|r| r.district_id).collect();
                crate::export::memberships(cx.store, cx.year, cx.today, Some(&ids))
            }
            MembershipView::Renewals => {
                let ids: Vec<DistrictId> =
                    visible_renewals(&self.renewals, cx.search, self.quiet_since(cx.today))
                        .map(|r| r.district_id)
                        .collect();
                crate::export::renewals(cx.store, cx.year, cx.today, Some(&ids))
            }
        }
    }

    /// A button per standing, with the count of districts the search finds
    /// in it, to show only those.
    fn standing_filters_ui(&mut self, ui: &mut Ui, search: &str) {
        let key = (search.trim().to_lowercase(), self.table.read_count());
        if self
            .found_counts
            .as_ref()
            .is_none_or(|(s, read, _)| (s, *read) != (&key.0, key.1))
        {
            let mut counts = BTreeMap::new();
            for row in self.table.found(search) {
                *counts.entry(row.standing).or_default() += 1;
            }
            self.found_counts = Some((key.0, key.1, counts));
        }
        let counts = self
            .found_counts
            .as_ref()
            .map(|(_, _, counts)| counts.clone())
            .unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            for standing in Standing::ALL {
                let count = counts.get(&standing).copied().unwrap_or(0);
                let on = self.filter.contains(&standing);
                let text = format!("{} {} {count}", standing.symbol(), standing.label());
                let color = style::standing_color(ui, standing);
                if ui
                    .add(style::status_toggle(ui, on, text, color))
                    .on_hover_text(format!(
                        "Show only districts that are {}",
                        standing.label().to_lowercase()
                    ))
                    .clicked()
                {
                    if on {
                        self.filter.remove(&standing);
                    } else {
                        self.filter.insert(standing);
                    }
                }
            }
            if !self.filter.is_empty() && ui.button("Show all").clicked() {
                self.filter.clear();
            }
        });
    }

    fn letters_ui(&mut self, ui: &mut Ui, year: SchoolYear) -> Option<DistrictId> {
        if self.table.rows().is_empty() {
            style::empty_state(
                ui,
                "🏫",
                "No districts yet",
                "Add districts on the Districts screen first.",
                |_| {},
            );
            return None;
        }
        if self.table.view().is_empty() {
            style::empty_state(
                ui,
                "🔍",
                "Nothing to show",
                &format!("No district in {year} matches the filter."),
                |ui| {
                    if ui.button("Show all").clicked() {
                        self.filter.clear();
                    }
                },
            );
            return None;
        }
        let scroll_to = std::mem::take(&mut self.scroll_to_selected)
            .then(|| {
                self.selected
                    .and_then(|id| self.table.position(|r| r.district_id == id))
            })
            .flatten();
        standings_table_ui(ui, &mut self.table, self.selected, scroll_to)
    }

    fn modals_ui(
        &mut self,
        ctx: &egui::Context,
        cx: &mut ScreenContext<'_>,
    ) -> Result<(), StoreError> {
        let title = self.unsaved_title();
        if let Some(selection) = discard_to_go_on(ctx, &mut self.waiting_selection, &title) {
            self.discard_changes();
            if let Some(district) = selection {
                self.selected = Some(district);
                self.open_letter(cx.store, district)?;
            }
        }
        if let Some(names) = &self.invite_preview {
            let next = cx.year.next();
            let mut answer = None;
            let modal = egui::Modal::new(egui::Id::unique("start_next_year")).show(ctx, |ui| {
                ui.set_width(420.0);
                ui.label(RichText::new(format!("Start {next}")).heading());
                ui.add_space(style::GAP);
                if names.is_empty() {
                    ui.label(format!("No district to invite: every district active in {} already has a letter for {next}.", cx.year));
                } else {
                    let noun = if names.len() == 1 { "district" } else { "districts" };
                    ui.label(RichText::new(format!("{} {noun} will be invited for {next}", names.len())).strong());
                    style::muted(ui, "Each gets an invitation dated today; nothing else changes.");
                    ui.checkbox(&mut self.then_write_letters, "Then write their letters into a folder")
                        .on_hover_text("Each invited district's Letter of Commitment as a Word document, pre-filled from the roster");
                    egui::ScrollArea::vertical().max_height(220.0).show(ui, |ui| {
                        for name in names {
                            ui.label(name);
                        }
                    });
                }
                ui.add_space(style::SECTION_GAP);
                ui.horizontal(|ui| {
                    if ui.button(if names.is_empty() { "Close" } else { "Cancel" }).clicked() {
                        answer = Some(false);
                    }
                    if !names.is_empty() && ui.button(RichText::new(format!("Invite {}", names.len())).strong()).clicked() {
                        answer = Some(true);
                    }
                });
            });
            if modal.should_close() && answer.is_none() {
                answer = Some(false);
            }
            match answer {
                Some(true) => {
                    cx.commands.push(Command::StartNextYear { from: cx.year });
                    self.invite_preview = None;
                    if self.then_write_letters {
                        self.open_write_letters(cx, next);
                    }
                }
                Some(false) => self.invite_preview = None,
                None => {}
            }
        }
        Ok(())
    }
}

impl Screen for MembershipsScreen {
    fn shows(&self) -> Shows {
        use StoredTable as T;
        Shows::Tables(&[
            T::Document,
            T::ContactLog,
            T::Membership,
            T::MembershipContact,
            T::MembershipStatusChange,
            T::District,
            T::Contact,
        ])
    }

    /// Re-reads the year's standings and renewals after a change; the open
    /// letter follows what is stored.
    fn reload(&mut self, cx: &ReadContext<'_>, after: &AfterChange<'_>) -> Result<(), StoreError> {
        let (store, year) = (cx.store, cx.year);
        self.table.replace(store.year_standings(year, cx.today)?);
        self.renewals = store.renewals(year)?;
        self.counts = BTreeMap::new();
        for row in self.table.rows() {
            *self.counts.entry(row.standing).or_default() += 1;
        }
        let year_changed = self.year != Some(year);
        self.year = Some(year);
        let standing = |district| {
            self.table
                .rows()
                .iter()
                .find(|r| r.district_id == district)
                .map(|r| r.standing)
        };
        if let Some(dialog) = &mut self.write_letters {
            dialog.reload(store)?;
        }
        if let Some(returned) = &mut self.returned {
            returned.refresh(store);
        }
        match &mut self.editor {
            Some(editor) if !year_changed => match standing(editor.district) {
                Some(standing) => editor.follow(store, standing, after.command)?,
                None => self.editor = None,
            },
            _ => {
                if let Some(district) = self.selected {
                    self.open_letter(store, district)?;
                }
            }
        }
        Ok(())
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.ensure_year(&cx.read())?;
        self.refresh_view(cx.search);

        let widths = PanelWidths {
            default: style::FORM_PANEL_WIDTH,
            min: 360.0,
            max: 760.0,
        };
        let open = self.editor.is_some();
        form_panel_ui(
            ui,
            "letter_form_panel",
            open,
            widths,
            |ui| match &mut self.editor {
                Some(editor) => {
                    if let Some(peer) = editor.ui(ui, cx.today, cx.commands, cx.notice) {
                        *cx.navigate = Some(Navigation::District(peer));
                    }
                }
                None => {
                    style::empty_state(
                        ui,
                        "📜",
                        "No district selected",
                        "Select a district to see or record its Letter of Commitment.",
                        |_| {},
                    );
                }
            },
        );

        let mut clicked = None;
        egui::CentralPanel::no_frame()
            .show(ui, |ui| {
                self.toolbar_ui(ui, cx)?;
                ui.add_space(style::GAP);
                clicked = match self.mode {
                    MembershipView::Letters => self.letters_ui(ui, cx.year),
                    MembershipView::Renewals => {
                        let quiet = self.quiet_since(cx.today);
                        renewals_ui(ui, cx.year, &self.renewals, cx.search, cx.today, quiet)
                    }
                };
                Ok::<_, StoreError>(())
            })
            .inner?;
        if let Some(district) = clicked {
            self.request_selection(district, cx.store)?;
        }
        self.dropped_ui(ui, cx);
        if let Some(error) = self.file_error.take() {
            *cx.notice = Some(error);
        }
        self.letter_files_ui(ui.ctx(), cx)?;
        self.drafts_dialog_ui(ui.ctx(), cx);
        self.modals_ui(ui.ctx(), cx)
    }

    fn handle(
        &mut self,
        command: UiCommand,
        cx: &ReadContext<'_>,
        commands: &mut Vec<Command>,
    ) -> Result<bool, StoreError> {
        let store = cx.store;
        match command {
            UiCommand::SaveRecord => {
                if let Some(editor) = &mut self.editor {
                    commands.extend(editor.save());
                }
            }
            UiCommand::CancelEdit => match &mut self.editor {
                // A letter not yet stored is dropped only once the user says so.
                Some(editor) if editor.cancel_drops_new_work() => {
                    self.waiting_selection = Some(None);
                }
                Some(editor) if !editor.has_unsaved_changes() => {
                    self.selected = None;
                    self.editor = None;
                }
                Some(editor) => editor.cancel(),
                None => return Ok(false),
            },
            UiCommand::SelectPrevious | UiCommand::SelectNext
                if self.mode == MembershipView::Letters =>
            {
                let ids: Vec<DistrictId> = self.table.shown().map(|r| r.district_id).collect();
                if let Some(next) =
                    next_in_view(&ids, self.selected, command == UiCommand::SelectPrevious)
                {
                    self.scroll_to_selected = true;
                    self.request_selection(next, store)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn navigate(&mut self, to: Navigation, cx: &ReadContext<'_>) -> Result<(), StoreError> {
        match to {
            Navigation::Letter { district, .. } => {
                self.ensure_year(cx)?;
                self.select(cx.store, district)
            }
            Navigation::Standings(filter) => {
                self.mode = MembershipView::Letters;
                self.filter = filter.standings();
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn show_error(&mut self, command: &Command, message: &str) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match command {
            Command::SaveContact { .. } => editor.show_contact_error(message.to_owned()),
            Command::AttachFiles { .. } | Command::RemoveDocument(_) => {
                if let Some(documents) = &mut editor.documents {
                    documents.show_error(message);
                }
            }
            _ => editor.form.save_error = Some(message.to_owned()),
        }
    }

    fn has_unsaved_changes(&self) -> bool {
        self.editor.has_unsaved_changes()
    }

    fn unsaved_title(&self) -> String {
        self.editor.unsaved_title()
    }

    fn year_read(&self) -> Option<SchoolYear> {
        self.year
    }

    fn discard_changes(&mut self) {
        self.editor.discard_changes();
    }
}

//! The Convenings & Attendance section for the year in the top bar: the
//! year's convenings with a form beside them, each convening's attendance
//! sheet, the attendance grid with rates, and participant-report import.

mod form;
mod form_actions;
mod grid;
mod import;
mod list;
mod modals;
mod sheet;

use egui::Ui;

pub use grid::GridColumn;
pub use list::ConveningColumn;

use self::form::{ConveningAction, ConveningEditor};
use self::form_actions::calendar_dialog;
use self::grid::GridView;
use self::import::{ImportOutcome, ImportPreview};
use self::sheet::{SheetAction, SheetEditor};
use crate::domain::NetworkPerson;
use crate::domain::email::TemplateName;
use crate::domain::{ConveningId, DistrictId, SchoolYear};
use crate::export::calendar::CalendarOf;
use crate::export::drafts::Audience;
use crate::store::StoredTable;
use crate::store::{ConveningRow, Store, StoreError};
use crate::ui::ExportRequest;
use crate::ui::command::{Command, UiCommand};
use crate::ui::drafts_dialog::DraftsDialog;
use crate::ui::file_picker::FilePicker;
use crate::ui::record_form::{OpenEditor as _, RecordEditor as _};
use crate::ui::save_as::{SaveAs, SaveAsDialog};
use crate::ui::table_rows::TableRows;
use crate::ui::widgets::{PanelWidths, SortOrder, export_button, form_panel_ui, next_in_view};
use crate::ui::{
    AfterChange, Created, Navigation, ReadContext, Screen, ScreenContext, Shows, style,
};

/// What the toolbar asked for, besides an intent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ToolbarAction {
    Calendar,
    FlaggedDrafts,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ConveningView {
    #[default]
    List,
    Grid,
}

/// Something the user asked for that would close an edited form or sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Intent {
    Select(ConveningId),
    New,
    OpenSheet(ConveningId, Option<DistrictId>),
    CloseSheet,
    /// Close the form of a new convening (Esc).
    CloseNew,
}

pub struct ConveningsScreen {
    year: Option<SchoolYear>,
    /// The year's convenings, and the list's order and filter.
    pub list: TableRows<ConveningRow, ConveningColumn>,
    pub mode: ConveningView,
    pub grid_sort: SortOrder<GridColumn>,
    grid: Option<GridView>,
    selected: Option<ConveningId>,
    editor: Option<ConveningEditor>,
    sheet: Option<SheetEditor>,
    import: Option<ImportPreview>,
    /// The "Import participant report" file question, for a convening.
    choosing_report: Option<(ConveningId, FilePicker, Option<String>)>,
    waiting: Option<Intent>,
    confirm_delete: Option<ConveningId>,
    /// The people of the network, to choose an organiser from.
    organisers: Vec<NetworkPerson>,
    /// "Add to calendar": what goes in the file, and where it goes.
    calendar: Option<(CalendarOf, SaveAsDialog)>,
    drafts: Option<DraftsDialog>,
}

impl ConveningsScreen {
    pub fn new(
        mode: ConveningView,
        list_sort: SortOrder<ConveningColumn>,
        grid_sort: SortOrder<GridColumn>,
    ) -> Self {
        Self {
            year: None,
            list: TableRows::new(list_sort, list::searched_by),
            mode,
            grid_sort,
            grid: None,
            selected: None,
            editor: None,
            sheet: None,
            import: None,
            choosing_report: None,
            waiting: None,
            confirm_delete: None,
            organisers: Vec::new(),
            calendar: None,
            drafts: None,
        }
    }

    fn open_editor(&mut self, store: &Store, id: ConveningId) -> Result<(), StoreError> {
        self.editor = match self.list.rows().iter().find(|r| r.convening.id == id) {
            Some(row) => Some(ConveningEditor::open(store, row)?),
            None => None,
        };
        Ok(())
    }

    /// The grid's rows from the top: district and rate (for tests).
    pub fn grid_rows(&self) -> Vec<(String, String)> {
        self.grid.as_ref().map(GridView::rows).unwrap_or_default()
    }

    fn request(
        &mut self,
        intent: Intent,
        store: &Store,
        today: chrono::NaiveDate,
    ) -> Result<(), StoreError> {
        if intent == Intent::Select(self.selected.unwrap_or(ConveningId(-1)))
            && self.editor.is_some()
        {
            return Ok(());
        }
        if self.has_unsaved_changes() {
            self.waiting = Some(intent);
            return Ok(());
        }
        self.perform(intent, store, today)
    }

    fn perform(
        &mut self,
        intent: Intent,
        store: &Store,
        today: chrono::NaiveDate,
    ) -> Result<(), StoreError> {
        match intent {
            Intent::Select(id) => {
                self.selected = Some(id);
                self.open_editor(store, id)?;
            }
            Intent::New => {
                self.selected = None;
                // A day of the year on screen: today if it is in it, else
                // the first school day of September.
                let day = match self.year {
                    Some(year) if !year.contains(today) => year
                        .first_day()
                        .checked_add_days(chrono::Days::new(62))
                        .unwrap_or(year.first_day()),
                    _ => today,
                };
                self.editor = Some(ConveningEditor::new_convening(day));
            }
            Intent::OpenSheet(id, focus) => {
                self.selected = Some(id);
                self.open_editor(store, id)?;
                self.sheet = Some(SheetEditor::new(
                    store.convening(id)?,
                    store.attendance_sheet(id)?,
                    focus,
                    store.latest_change()?,
                ));
            }
            Intent::CloseSheet => self.sheet = None,
            Intent::CloseNew => self.editor = None,
        }
        Ok(())
    }

    /// The title, views and actions; `true` when "Export…" was clicked.
    /// The participant report under review, if one is; whether it was.
    fn import_preview_ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) -> bool {
        let Some(preview) = &mut self.import else {
            return false;
        };
        match preview.ui(ui) {
            Some(ImportOutcome::Commit(attendees, report)) => {
                commands.push(Command::RecordReport {
                    convening: preview.convening.id,
                    attendees,
                    report,
                });
            }
            Some(ImportOutcome::SaveRules(rules)) => {
                commands.push(Command::SetReportRules(rules));
            }
            Some(ImportOutcome::Close) => self.import = None,
            None => {}
        }
        true
    }

    /// The open attendance sheet.
    fn sheet_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        let Some(sheet) = &mut self.sheet else {
            return Ok(());
        };
        match sheet.ui(ui, cx.commands) {
            Some(SheetAction::Back) => self.request(Intent::CloseSheet, cx.store, cx.today)?,
            Some(SheetAction::Export) => {
                let sheet = crate::export::convening_attendance(cx.store, sheet.convening.id)?;
                *cx.export = Some(ExportRequest::new(sheet));
            }
            None => {}
        }
        Ok(())
    }

    /// The selected convening's form beside the list.
    fn form_panel_ui(
        &mut self,
        ui: &mut Ui,
        commands: &mut Vec<Command>,
    ) -> Option<ConveningAction> {
        let mut action = None;
        let widths = PanelWidths {
            default: style::FORM_PANEL_WIDTH,
            min: 340.0,
            max: 640.0,
        };
        let open = self.editor.is_some();
        form_panel_ui(ui, "convening_form_panel", open, widths, |ui| {
            egui::ScrollArea::vertical()
                    .id_salt("convening_form_scroll")
                    .auto_shrink([false, false])
                    .show(ui, |ui| match &mut self.editor {
                        Some(editor) => action = editor.ui(ui, commands, &self.organisers),
                        None => {
                            style::empty_state(
                                ui,
                                "📅",
                                "No convening selected",
                                "Select a convening to edit it, record who attended, or import its participant report.",
                                |_| {},
                            );
                        }
                    });
        });
        action
    }

    /// The list of convenings, or the attendance grid; what the user
    /// opened in it.
    fn list_or_grid_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Option<Intent> {
        match self.mode {
            ConveningView::List if self.list.rows().is_empty() => {
                style::empty_state(
                    ui,
                    "📅",
                    &format!("No convenings in {} yet", cx.year),
                    "Add the year's calls, in-person days and study tours.",
                    |_| {},
                );
                None
            }
            ConveningView::List => {
                list::convenings_table_ui(ui, &mut self.list, cx.search, self.selected)
                    .map(Intent::Select)
            }
            ConveningView::Grid => {
                let grid = self.grid.as_mut()?;
                let (rules, click) = grid.ui(ui);
                self.grid_sort = grid.sort;
                if let Some(rules) = rules {
                    cx.commands.push(Command::SetAttendanceRules(rules));
                }
                click.map(|click| Intent::OpenSheet(click.convening, Some(click.district)))
            }
        }
    }

    /// What is shown (the list or the grid, in its order) as a sheet.
    fn shown_sheet(&self, cx: &ScreenContext<'_>) -> Result<crate::io::table::Sheet, StoreError> {
        match (self.mode, &self.grid) {
            (ConveningView::Grid, Some(grid)) => {
                crate::export::attendance_grid(cx.store, cx.year, Some(&grid.district_order()))
            }
            _ => {
                let order: Vec<ConveningId> = self.list.shown().map(|r| r.convening.id).collect();
                crate::export::convenings(cx.store, cx.year, Some(&order))
            }
        }
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        year: SchoolYear,
        intent: &mut Option<Intent>,
        toolbar: &mut Option<ToolbarAction>,
    ) -> bool {
        let mut export = false;
        ui.horizontal(|ui| {
            style::heading(ui, &format!("Convenings {year}"));
            ui.add_space(style::GAP);
            ui.selectable_value(
                &mut self.mode,
                ConveningView::List,
                format!("List ({})", self.list.rows().len()),
            )
            .on_hover_text("The year's convenings");
            ui.selectable_value(&mut self.mode, ConveningView::Grid, "Attendance grid")
                .on_hover_text("Every member district at every convening, with attendance rates");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                export = export_button(ui);
                // An icon: the tabs on the left need the width.
                let calendar =
                    ui.add_enabled(!self.list.rows().is_empty(), egui::Button::new("📅"));
                style::named(&calendar, "Year's calendar…", None);
                if calendar
                    .on_hover_text(format!(
                        "Year's calendar: every convening of {year} as one .ics file for \
                         Outlook, Google or Apple calendar"
                    ))
                    .clicked()
                {
                    *toolbar = Some(ToolbarAction::Calendar);
                }
                if self.mode == ConveningView::Grid
                    && ui
                        .button("✉ Drafts…")
                        .on_hover_text(
                            "An e-mail draft to each member under the attendance threshold",
                        )
                        .clicked()
                {
                    *toolbar = Some(ToolbarAction::FlaggedDrafts);
                }
                if ui
                    .button("➕ New convening")
                    .on_hover_text(UiCommand::NewRecord.tooltip_with_shortcut(ui.ctx()))
                    .clicked()
                {
                    *intent = Some(Intent::New);
                }
            });
        });
        export
    }
}

impl Screen for ConveningsScreen {
    fn shows(&self) -> Shows {
        use StoredTable as T;
        Shows::Tables(&[
            T::Convening,
            T::Attendance,
            T::AttendancePerson,
            T::AttendanceReport,
            T::District,
            T::Contact,
            T::Membership,
            T::Setting,
            T::NetworkPerson,
        ])
    }

    /// Re-reads the year's convenings and grid after a change; the open
    /// form and sheet follow what is stored.
    fn reload(&mut self, cx: &ReadContext<'_>, after: &AfterChange<'_>) -> Result<(), StoreError> {
        let (store, year) = (cx.store, cx.year);
        let year_changed = self.year != Some(year);
        self.year = Some(year);
        self.list.replace(store.convenings_in(year)?);
        self.organisers = store
            .network_people()?
            .into_iter()
            .filter(|p| p.fields.active)
            .collect();
        let rules = store.attendance_rules()?;
        self.grid = Some(GridView::new(
            store.attendance_grid(year)?,
            rules,
            self.grid_sort,
        ));
        if year_changed {
            self.selected = None;
            self.editor = None;
            self.sheet = None;
            self.import = None;
        }
        // A convening just added, or just moved to this year by its date.
        let saved = match (after.created, after.command) {
            (Some(Created::Convening(id)), _) => Some(id),
            (_, Some(Command::SaveConvening { id: Some(id), .. })) if year_changed => Some(*id),
            _ => None,
        };
        if let Some(id) = saved {
            self.selected = Some(id);
            self.open_editor(store, id)?;
        }
        if let Some(editor) = &mut self.editor
            && let Some(id) = editor.id
        {
            match self.list.rows().iter().find(|r| r.convening.id == id) {
                Some(row) => editor.follow(store, row, after.command)?,
                None if editor.has_unsaved_changes() => editor.record_gone(),
                None => self.editor = None,
            }
        }
        if self
            .selected
            .is_some_and(|id| !self.list.rows().iter().any(|r| r.convening.id == id))
        {
            self.selected = None;
        }
        if let Some(sheet) = &mut self.sheet {
            let id = sheet.convening.id;
            match store.convening(id) {
                Ok(convening) => {
                    let saved_here = matches!(after.command,
                        Some(Command::SaveAttendanceSheet { convening, .. }) if *convening == id);
                    let lines = store.attendance_sheet(id)?;
                    sheet.follow(convening, lines, store.latest_change()?, saved_here);
                }
                Err(StoreError::NotFound(_)) => self.sheet = None,
                Err(error) => return Err(error),
            }
        }
        if matches!(after.command, Some(Command::RecordReport { .. })) {
            self.import = None;
        }
        Ok(())
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.ensure_year(&cx.read())?;
        // A report under review, or a sheet, takes the whole section.
        if self.import_preview_ui(ui, cx.commands) {
            return Ok(());
        }
        if self.sheet.is_some() {
            self.sheet_ui(ui, cx)?;
            return self.modals_ui(ui.ctx(), cx);
        }
        // The grid needs the width; the form is for the list.
        let action = if self.mode == ConveningView::List {
            self.form_panel_ui(ui, cx.commands)
        } else {
            None
        };
        let mut intent = None;
        let mut export = false;
        let mut toolbar = None;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            export = self.toolbar_ui(ui, cx.year, &mut intent, &mut toolbar);
            ui.add_space(style::GAP);
            intent = intent.or(self.list_or_grid_ui(ui, cx));
        });
        if let Some(intent) = intent {
            self.request(intent, cx.store, cx.today)?;
        }
        if export {
            *cx.export = Some(ExportRequest::new(self.shown_sheet(cx)?));
        }
        if let Some(action) = action {
            self.form_action(ui.ctx(), action, cx)?;
        }
        match toolbar {
            Some(ToolbarAction::Calendar) => {
                let of = CalendarOf::Year(cx.year);
                let what = format!("The {} convenings", cx.year);
                self.calendar = Some(calendar_dialog(cx.store, of, &what)?);
            }
            Some(ToolbarAction::FlaggedDrafts) => {
                self.drafts = Some(DraftsDialog::open(
                    cx.store,
                    Audience::Flagged,
                    cx.year,
                    cx.today,
                    TemplateName::LowAttendance,
                    format!("attendance under the threshold {}", cx.year),
                )?);
            }
            None => {}
        }
        if let Some((of, dialog)) = &mut self.calendar
            && let Some(answer) = dialog.ui(ui.ctx())
        {
            if let SaveAs::Save(path) = answer {
                cx.commands.push(Command::SaveCalendar { of: *of, path });
            }
            self.calendar = None;
        }
        if let Some(dialog) = &mut self.drafts
            && dialog.ui(ui.ctx(), cx).is_some()
        {
            self.drafts = None;
        }
        self.modals_ui(ui.ctx(), cx)
    }

    fn handle(
        &mut self,
        command: UiCommand,
        cx: &ReadContext<'_>,
        commands: &mut Vec<Command>,
    ) -> Result<bool, StoreError> {
        let (store, today) = (cx.store, cx.today);
        match command {
            UiCommand::NewRecord if self.sheet.is_none() && self.import.is_none() => {
                self.request(Intent::New, store, today)?
            }
            UiCommand::SaveRecord => match (&mut self.sheet, &mut self.editor) {
                (Some(sheet), _) => commands.extend(sheet.save()),
                (None, Some(editor)) => commands.extend(editor.save()),
                (None, None) => return Ok(false),
            },
            UiCommand::CancelEdit => match (&mut self.sheet, &mut self.editor) {
                (Some(sheet), _) => sheet.cancel(),
                (None, Some(editor)) if editor.id.is_none() => {
                    self.request(Intent::CloseNew, store, today)?;
                }
                (None, Some(editor)) if !editor.has_unsaved_changes() => {
                    self.selected = None;
                    self.editor = None;
                }
                (None, Some(editor)) => editor.cancel(),
                (None, None) => return Ok(false),
            },
            UiCommand::SelectPrevious | UiCommand::SelectNext
                if self.sheet.is_none() && self.mode == ConveningView::List =>
            {
                let ids: Vec<ConveningId> = self.list.shown().map(|r| r.convening.id).collect();
                if let Some(next) =
                    next_in_view(&ids, self.selected, command == UiCommand::SelectPrevious)
                {
                    self.request(Intent::Select(next), store, today)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn navigate(&mut self, to: Navigation, _: &ReadContext<'_>) -> Result<(), StoreError> {
        match to {
            Navigation::ConveningList => self.mode = ConveningView::List,
            Navigation::AttendanceGrid => self.mode = ConveningView::Grid,
            _ => {}
        }
        Ok(())
    }

    fn show_error(&mut self, command: &Command, message: &str) {
        match command {
            Command::SaveAttendanceSheet { .. } => {
                if let Some(sheet) = &mut self.sheet {
                    sheet.save_error = Some(message.to_owned());
                }
            }
            _ => {
                if let Some(editor) = &mut self.editor {
                    editor.form.save_error = Some(message.to_owned());
                }
            }
        }
    }

    fn has_unsaved_changes(&self) -> bool {
        self.editor.has_unsaved_changes() || self.sheet.has_unsaved_changes()
    }

    fn unsaved_title(&self) -> String {
        if self.sheet.has_unsaved_changes() {
            self.sheet.unsaved_title()
        } else {
            self.editor.unsaved_title()
        }
    }

    fn year_read(&self) -> Option<SchoolYear> {
        self.year
    }

    fn discard_changes(&mut self) {
        self.sheet.discard_changes();
        self.editor.discard_changes();
    }
}

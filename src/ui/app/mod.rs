//! The application: persisted preferences apart from runtime state, the
//! frame's layout, and the commands gathered while drawing.

mod apply;
mod command_handling;
mod jobs;
mod safety;
mod screens;
mod testing;
mod ui;

use std::collections::BTreeSet;
use std::path::PathBuf;

pub use crate::ui::command::{Command, UNDO_RULE, UiCommand};

use self::screens::Screens;
use super::backups::{BackUpDialog, RestoreDialog};
use super::convenings::{ConveningColumn, ConveningView, GridColumn};
use super::districts::DistrictColumn;
use super::grants::GrantColumn;
use super::memberships::{MembershipColumn, MembershipView};
use super::open_database::OpenDatabaseDialog;
use super::transfer::ExportDialog;
use super::widgets::SortOrder;
use super::{AfterChange, ReadContext, Screen, Section};
use crate::domain::SchoolYear;

use crate::store::{ChangeId, OpenError, Store, StoredTable};

/// What is remembered between runs (with the window's size, which eframe
/// keeps itself).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct State {
    pub section: Section,
    pub theme: egui::ThemePreference,
    pub district_sort: SortOrder<DistrictColumn>,
    pub show_archived_districts: bool,
    pub membership_sort: SortOrder<MembershipColumn>,
    pub membership_view: MembershipView,
    pub convening_view: ConveningView,
    pub convening_sort: SortOrder<ConveningColumn>,
    pub grid_sort: SortOrder<GridColumn>,
    pub grant_sort: SortOrder<GrantColumn>,
    pub map_colouring: crate::domain::reach::MapColouring,
}

impl Default for State {
    fn default() -> Self {
        Self {
            section: Section::default(),
            theme: egui::ThemePreference::System,
            district_sort: SortOrder::ascending(DistrictColumn::Name),
            show_archived_districts: false,
            membership_sort: SortOrder::ascending(MembershipColumn::District),
            membership_view: MembershipView::Letters,
            convening_view: ConveningView::List,
            convening_sort: SortOrder::ascending(ConveningColumn::Date),
            grid_sort: SortOrder::ascending(GridColumn::District),
            grant_sort: SortOrder::ascending(GrantColumn::Dates),
            map_colouring: crate::domain::reach::MapColouring::default(),
        }
    }
}

const STATE_KEY: &str = "iln-roster-state";

pub enum Database {
    Open(Store),
    Failed(OpenError),
    /// An import has the store on its thread; it comes back when done.
    Busy(PathBuf),
}

/// The check of a newly opened roster runs once its first frame is shown,
/// so that opening stays quick however large the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum OpeningCheck {
    /// The first frame is being drawn.
    FirstFrame,
    /// It is on screen: check now.
    Due,
    Done,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

/// Something the user asked for that would leave unsaved edits behind.
#[derive(Clone, Debug, PartialEq)]
enum Leaving {
    ToSection(Section),
    ToYear(SchoolYear),
    ToDatabase(PathBuf),
    CloseWindow,
}

pub struct App {
    state: State,
    database: Database,
    screens: Screens,
    /// What Undo and Redo would do, read after each change.
    undo_hints: (Option<String>, Option<String>),
    export_dialog: Option<ExportDialog>,
    back_up_dialog: Option<BackUpDialog>,
    restore_dialog: Option<RestoreDialog>,
    /// Where the check of a newly opened roster stands.
    opening_check: OpeningCheck,
    /// The newest change the screens have read.
    changes_read: ChangeId,
    /// For a damaged file: the newest backup that passes its check.
    good_backup: Option<crate::store::backups::BackupFile>,
    job: Option<jobs::RunningJob>,
    /// Under test: files opened are noted here instead of shown.
    opened_files: Option<Vec<PathBuf>>,
    year: SchoolYear,
    search: String,
    focus_search: bool,
    status: Option<(String, StatusKind)>,
    /// Where the user was when the status bar's error was set.
    error_place: Option<(Section, SchoolYear)>,
    commands: Vec<Command>,
    /// A database file to switch to after this frame.
    open_request: Option<PathBuf>,
    leaving: Option<Leaving>,
    open_dialog: Option<OpenDatabaseDialog>,
    /// The path field of the screen shown when opening failed.
    failed_picker: OpenDatabaseDialog,
    close_confirmed: bool,
    /// The list of keyboard shortcuts is open (F1).
    showing_shortcuts: bool,
    /// Ctrl+E, for the export button of the table on screen.
    export_asked: bool,
}

impl App {
    /// The app as eframe starts it: preferences from the last run.
    pub fn new(cc: &eframe::CreationContext<'_>, opened: Result<Store, OpenError>) -> Self {
        let state = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, STATE_KEY))
            .unwrap_or_default();
        Self::with_state(&cc.egui_ctx, opened, state)
    }

    /// The app with the given preferences (tests start from the defaults).
    pub fn with_state(ctx: &egui::Context, opened: Result<Store, OpenError>, state: State) -> Self {
        super::style::apply(ctx);
        ctx.set_theme(state.theme);
        let mut app = Self {
            screens: Screens::new(&state),
            state,
            database: match opened {
                Ok(store) => Database::Open(store),
                Err(error) => Database::Failed(error),
            },
            undo_hints: (None, None),
            export_dialog: None,
            back_up_dialog: None,
            restore_dialog: None,
            opening_check: OpeningCheck::Done,
            changes_read: ChangeId::default(),
            good_backup: None,
            job: None,
            opened_files: None,
            year: SchoolYear::current(),
            search: String::new(),
            focus_search: false,
            status: None,
            error_place: None,
            commands: Vec::new(),
            open_request: None,
            leaving: None,
            open_dialog: None,
            failed_picker: OpenDatabaseDialog::default(),
            close_confirmed: false,
            showing_shortcuts: false,
            export_asked: false,
        };
        app.database_opened();
        app
    }

    /// After a database was opened (or failed to): look for a backup if it
    /// is damaged, and read what the screens show. The whole-file check and
    /// the automatic backup wait for the first frame (`check_after_first_frame`).
    fn database_opened(&mut self) {
        self.good_backup = self.open_error().and_then(Self::latest_good_backup);
        self.opening_check = match self.database {
            Database::Open(_) => OpeningCheck::FirstFrame,
            Database::Failed(_) | Database::Busy(_) => OpeningCheck::Done,
        };
        // An empty roster starts where districts are added.
        let empty = self
            .store()
            .is_some_and(|store| store.district_list().is_ok_and(|list| list.is_empty()));
        if empty {
            self.state.section = Section::Districts;
        }
        self.read_every_screen();
    }

    /// Starts using a newly opened database (or shows why it failed).
    fn switch_database(&mut self, opened: Result<Store, OpenError>) {
        self.database = match opened {
            Ok(store) => Database::Open(store),
            Err(error) => Database::Failed(error),
        };
        self.screens.remember(&mut self.state);
        self.screens = Screens::new(&self.state);
        self.database_opened();
    }

    /// Reads what every screen shows, after opening a roster.
    fn read_every_screen(&mut self) {
        self.reload_screens(&AfterChange::default(), None);
    }

    /// After a change (a command of the window's, an undo, an import):
    /// the screens showing a table it wrote read again, and the one on
    /// screen (its own command may select or close something); the open
    /// forms follow their records.
    fn follow_store(&mut self, after: AfterChange<'_>) {
        let changed = match &self.database {
            Database::Open(store) => store.tables_changed_since(self.changes_read).ok(),
            Database::Failed(_) | Database::Busy(_) => None,
        };
        self.reload_screens(&after, changed);
    }

    /// Reads the screens that show any of `changed` (all of them when
    /// `None`), and the one on screen.
    fn reload_screens(&mut self, after: &AfterChange<'_>, changed: Option<BTreeSet<StoredTable>>) {
        let Database::Open(store) = &self.database else {
            return;
        };
        let cx = ReadContext::now(store, self.year);
        let mut result = Ok(());
        for section in Section::ALL {
            let screen = self.screens.get_mut(section);
            let reads = section == self.state.section
                || changed
                    .as_ref()
                    .is_none_or(|changed| screen.shows().any_of(changed));
            if reads {
                result = result.and_then(|()| screen.reload(&cx, after));
            }
        }
        match store.latest_change() {
            Ok(latest) => self.changes_read = latest,
            Err(error) => result = result.and(Err(error)),
        }
        if let Err(error) = result {
            self.set_error(error.to_string());
        }
        self.refresh_undo_hints();
    }

    /// Reads what Undo and Redo would do (after opening, or a change).
    fn refresh_undo_hints(&mut self) {
        let Database::Open(store) = &self.database else {
            self.undo_hints = (None, None);
            return;
        };
        match store
            .undo_summary()
            .and_then(|u| Ok((u, store.redo_summary()?)))
        {
            Ok(hints) => self.undo_hints = hints,
            Err(error) => self.set_error(error.to_string()),
        }
    }

    pub fn store(&self) -> Option<&Store> {
        match &self.database {
            Database::Open(store) => Some(store),
            Database::Failed(_) | Database::Busy(_) => None,
        }
    }

    fn open_error(&self) -> Option<&OpenError> {
        match &self.database {
            Database::Failed(error) => Some(error),
            Database::Open(_) | Database::Busy(_) => None,
        }
    }

    fn set_info(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), StatusKind::Info));
    }

    fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some((text.into(), StatusKind::Error));
        self.error_place = Some((self.state.section, self.year));
    }

    fn has_unsaved_changes(&self) -> bool {
        self.screens.unsaved().is_some()
    }

    /// Names what has unsaved edits, for the "discard?" question.
    fn unsaved_title(&self) -> String {
        self.screens
            .unsaved()
            .map(Screen::unsaved_title)
            .unwrap_or_default()
    }

    fn discard_changes(&mut self) {
        self.screens.discard_changes();
    }

    /// Today, as the user's computer has it.
    fn today(&self) -> chrono::NaiveDate {
        crate::domain::today()
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.screens.remember(&mut self.state);
        eframe::set_value(storage, STATE_KEY, &self.state);
    }
}

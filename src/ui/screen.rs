//! What the app and its screens speak in: the `Screen` every section is,
//! what a screen is drawn and read with, what it re-reads after a change,
//! where it asks to go, and a table it offers as a file. Screens and the
//! app both use it; it uses neither.

use std::path::PathBuf;

use chrono::NaiveDate;
use egui::Ui;

use super::command::{Command, UiCommand};
use crate::domain::import::ImportAction;
use crate::domain::{DistrictId, SchoolYear};
use crate::io::table::Sheet;
use crate::store::{Store, StoreError, StoredTable};

/// A section of the window. The app holds one of each, draws the one shown,
/// and after a change re-reads those that show a table it touched; the
/// unsaved-edit guard asks every screen before anything would drop edits.
///
/// A new section implements `shows`, `reload` and `ui`; the rest is for
/// screens with forms, keyboard commands or places others link to.
pub trait Screen {
    /// The stored tables this screen shows: a change to any re-reads it.
    fn shows(&self) -> Shows;

    /// Reads again what the screen shows (after opening the roster, or a
    /// change). Forms follow their records; a record just added is selected.
    fn reload(&mut self, cx: &ReadContext<'_>, after: &AfterChange<'_>) -> Result<(), StoreError>;

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError>;

    /// A keyboard command while this screen is shown: whether it used it.
    fn handle(
        &mut self,
        _command: UiCommand,
        _cx: &ReadContext<'_>,
        _commands: &mut Vec<Command>,
    ) -> Result<bool, StoreError> {
        Ok(false)
    }

    /// Shows another screen's link to something here (this screen is
    /// shown, in the link's year).
    fn navigate(&mut self, _to: Navigation, _cx: &ReadContext<'_>) -> Result<(), StoreError> {
        Ok(())
    }

    /// Shows why a change asked for from this screen was refused, in the
    /// form it came from.
    fn show_error(&mut self, _command: &Command, _message: &str) {}

    fn has_unsaved_changes(&self) -> bool {
        false
    }

    /// Names what has unsaved edits, for the "discard?" question.
    fn unsaved_title(&self) -> String {
        String::new()
    }

    /// Drops unsaved edits (the user said to).
    fn discard_changes(&mut self) {}

    /// The school year the screen last read, for a screen of one year.
    fn year_read(&self) -> Option<SchoolYear> {
        None
    }

    /// Reads again if the top bar's year is not the one last read.
    fn ensure_year(&mut self, cx: &ReadContext<'_>) -> Result<(), StoreError> {
        if self.year_read() == Some(cx.year) {
            return Ok(());
        }
        self.reload(cx, &AfterChange::default())
    }
}

/// Which stored tables a screen shows.
#[derive(Clone, Copy, Debug)]
pub enum Shows {
    Tables(&'static [StoredTable]),
    /// Anything at all (the Overview, the History): read lazily when drawn.
    Everything,
    /// Nothing stored: it is never re-read.
    Nothing,
}

impl Shows {
    pub fn any_of(self, changed: &std::collections::BTreeSet<StoredTable>) -> bool {
        match self {
            Self::Everything => true,
            Self::Nothing => false,
            Self::Tables(tables) => {
                changed.contains(&StoredTable::Other) || tables.iter().any(|t| changed.contains(t))
            }
        }
    }
}

/// What a screen reads with: the store, the top bar's year, and today.
#[derive(Clone, Copy)]
pub struct ReadContext<'a> {
    pub store: &'a Store,
    pub year: SchoolYear,
    pub today: NaiveDate,
}

impl<'a> ReadContext<'a> {
    /// Reading `store` for `year`, as of the app's today.
    pub fn now(store: &'a Store, year: SchoolYear) -> Self {
        Self {
            store,
            year,
            today: crate::domain::today(),
        }
    }
}

/// What a screen is drawn with: the store to read from (after a change,
/// never every frame), the top bar's year and search, and where to put
/// changes and navigation, which run after the frame.
pub struct ScreenContext<'a> {
    pub store: &'a Store,
    pub year: SchoolYear,
    pub today: NaiveDate,
    pub search: &'a mut String,
    pub commands: &'a mut Vec<Command>,
    pub navigate: &'a mut Option<Navigation>,
    /// A message for the status bar about something that changed no data.
    pub notice: &'a mut Option<String>,
    /// A table to offer as a file (its "Export…" was clicked).
    pub export: &'a mut Option<ExportRequest>,
    /// A file to read, an import to run, a backup to make or restore.
    pub transfer: &'a mut Option<TransferRequest>,
    /// A file to open with the system's viewer (a kept document).
    pub open: &'a mut Option<PathBuf>,
}

impl ScreenContext<'_> {
    pub fn read(&self) -> ReadContext<'_> {
        ReadContext {
            store: self.store,
            year: self.year,
            today: self.today,
        }
    }
}

/// What the Import & Export section asks the app to run.
pub enum TransferRequest {
    /// Read this file on a worker thread, then show its review.
    Read(PathBuf),
    /// Write the reviewed changes.
    Commit(Vec<ImportAction>),
    BackUpNow,
    Restore,
    /// Letters, attendance, grants or a whole roster: read, review, import.
    Records(super::transfer::RecordsRequest),
}

/// What the screens re-read after: the command just applied (when the
/// change was one of the window's), and the record it created.
#[derive(Clone, Copy, Debug, Default)]
pub struct AfterChange<'a> {
    pub command: Option<&'a Command>,
    pub created: Option<Created>,
}

/// A record a command added, for its screen to select.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    District(DistrictId),
    Convening(crate::domain::ConveningId),
    Grant(crate::domain::GrantId),
}

/// Which districts a headline figure counts, as a Memberships filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StandingFilter {
    Active,
    /// Invited or received.
    Pending,
    Lapsed,
}

impl StandingFilter {
    pub fn standings(self) -> std::collections::BTreeSet<crate::domain::Standing> {
        use crate::domain::Standing as S;
        match self {
            Self::Active => [S::Active].into(),
            Self::Pending => [S::Invited, S::Received].into(),
            Self::Lapsed => [S::Lapsed].into(),
        }
    }
}

/// A request to show something on another screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Navigation {
    /// The Memberships screen's letters, filtered.
    Standings(StandingFilter),
    ConveningList,
    AttendanceGrid,
    /// The Travel Grants screen, only what needs attention or everything.
    Grants {
        attention: bool,
    },
    /// The Memberships screen in `year`, with the district's letter open.
    Letter {
        district: DistrictId,
        year: SchoolYear,
    },
    /// The Districts screen with the district's form open.
    District(DistrictId),
    /// The Map section.
    Map,
    /// The Travel Grants screen in `year`, with the application open.
    Grant {
        id: crate::domain::GrantId,
        year: SchoolYear,
    },
}

impl Navigation {
    /// The section that shows it.
    pub fn section(self) -> super::Section {
        use super::Section;
        match self {
            Self::Standings(_) | Self::Letter { .. } => Section::Memberships,
            Self::ConveningList | Self::AttendanceGrid => Section::Convenings,
            Self::Grants { .. } | Self::Grant { .. } => Section::Grants,
            Self::District(_) => Section::Districts,
            Self::Map => Section::Map,
        }
    }

    /// The year it is in, when it is in a given one.
    pub fn year(self) -> Option<SchoolYear> {
        match self {
            Self::Letter { year, .. } | Self::Grant { year, .. } => Some(year),
            _ => None,
        }
    }
}

/// Tables on their way out: what a screen shows, already read from the
/// store. One sheet can be CSV or XLSX; several make a workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub title: String,
    pub sheets: Vec<Sheet>,
}

impl ExportRequest {
    pub fn new(sheet: Sheet) -> Self {
        Self {
            title: sheet.title.clone(),
            sheets: vec![sheet],
        }
    }

    /// A workbook of several sheets, such as the year report.
    pub fn workbook(title: String, sheets: Vec<Sheet>) -> Self {
        Self { title, sheets }
    }

    pub fn rows(&self) -> usize {
        self.sheets.iter().map(|s| s.rows.len()).sum()
    }

    pub fn is_workbook(&self) -> bool {
        self.sheets.len() > 1
    }

    /// The file name the dialog offers: the title, safe on any disk.
    /// A plain name: the title before any " · " detail, with letters,
    /// digits, spaces, dashes and parentheses only.
    pub fn file_stem(&self) -> String {
        let title = self.title.split(" · ").next().unwrap_or_default();
        let kept: String = title
            .chars()
            .map(|c| match c {
                c if c.is_alphanumeric() || " -_()".contains(c) => c,
                '/' | '\\' | '.' => '-',
                _ => ' ',
            })
            .collect();
        let cleaned = kept.split_whitespace().collect::<Vec<_>>().join(" ");
        let cleaned = cleaned.trim_matches(['-', ' ']).to_owned();
        if cleaned.is_empty() {
            "ILN export".to_owned()
        } else {
            cleaned
        }
    }
}

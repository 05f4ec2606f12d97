//! What the app and its screens speak in: what a screen is drawn with,
//! what it re-reads after a change, where it asks to go, and a table it
//! offers as a file. Screens and the app both use it; it uses neither.

use chrono::NaiveDate;

use super::command::Command;
use crate::domain::{DistrictId, SchoolYear};
use crate::io::table::Sheet;
use crate::store::Store;

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
    /// The Travel Grants screen in `year`, with the application open.
    Grant {
        id: crate::domain::GrantId,
        year: SchoolYear,
    },
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
    pub fn file_stem(&self) -> String {
        let cleaned: String = self
            .title
            .chars()
            .map(|c| match c {
                '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
                c => c,
            })
            .collect();
        let cleaned = cleaned.trim().trim_matches('.').to_owned();
        if cleaned.is_empty() {
            "ILN export".to_owned()
        } else {
            cleaned
        }
    }
}

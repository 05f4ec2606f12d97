//! The window: eframe/egui screens over the store. No SQL here: screens call
//! the store to read (after a change, never every frame) and send `Command`s
//! to change anything.

pub mod app;
mod backups;
mod convenings;
mod districts;
mod file_picker;
mod grants;
mod history;
mod job;
mod memberships;
mod open_database;
mod overview;
mod record_form;
pub mod style;
mod transfer;
mod widgets;

pub use app::{App, State};
pub use districts::DistrictColumn;

use chrono::NaiveDate;

use crate::domain::{DistrictId, SchoolYear};
use crate::store::Store;
use app::Command;

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
    pub export: &'a mut Option<transfer::ExportRequest>,
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

/// The sections of the left navigation. A section is listed once it works.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Section {
    #[default]
    Overview,
    Districts,
    Memberships,
    Convenings,
    Grants,
    Transfer,
    History,
}

impl Section {
    pub const ALL: [Self; 7] = [
        Self::Overview,
        Self::Districts,
        Self::Memberships,
        Self::Convenings,
        Self::Grants,
        Self::Transfer,
        Self::History,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Districts => "Districts",
            Self::Memberships => "Memberships",
            Self::Convenings => "Convenings & Attendance",
            Self::Grants => "Travel Grants",
            Self::Transfer => "Import & Export",
            Self::History => "History",
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Self::Overview => "🏠",
            Self::Districts => "🏫",
            Self::Memberships => "📜",
            Self::Convenings => "📅",
            Self::Grants => "✈",
            Self::Transfer => "📥",
            Self::History => "🕑",
        }
    }

    /// Ctrl+1… in the order of the navigation.
    pub fn shortcut_key(self) -> egui::Key {
        match self {
            Self::Overview => egui::Key::Num1,
            Self::Districts => egui::Key::Num2,
            Self::Memberships => egui::Key::Num3,
            Self::Convenings => egui::Key::Num4,
            Self::Grants => egui::Key::Num5,
            Self::Transfer => egui::Key::Num6,
            Self::History => egui::Key::Num7,
        }
    }
}

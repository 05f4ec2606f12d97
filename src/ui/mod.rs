//! The window: eframe/egui screens over the store. No SQL here: screens call
//! the store to read (after a change, never every frame) and send `Command`s
//! to change anything.

pub mod app;
mod districts;
mod open_database;
pub mod style;
mod widgets;

pub use app::{App, State};
pub use districts::DistrictColumn;

/// The sections of the left navigation. A section is listed once it works.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Section {
    #[default]
    Districts,
}

impl Section {
    pub const ALL: [Self; 1] = [Self::Districts];

    pub fn label(self) -> &'static str {
        match self {
            Self::Districts => "Districts",
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Self::Districts => "🏫",
        }
    }

    /// Ctrl+1… in the order of the full navigation (Overview is 1), so a
    /// section keeps its key as others are added.
    pub fn shortcut_key(self) -> egui::Key {
        match self {
            Self::Districts => egui::Key::Num2,
        }
    }
}

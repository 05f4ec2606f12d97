//! The sections of the window, in the navigation's order.

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
    Map,
    Transfer,
    History,
    Settings,
}

impl Section {
    pub const ALL: [Self; 9] = [
        Self::Overview,
        Self::Districts,
        Self::Memberships,
        Self::Convenings,
        Self::Grants,
        Self::Map,
        Self::Transfer,
        Self::History,
        Self::Settings,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Overview => "Overview",
            Self::Districts => "Districts",
            Self::Memberships => "Memberships",
            Self::Convenings => "Convenings & Attendance",
            Self::Grants => "Travel Grants",
            Self::Map => "Map",
            Self::Transfer => "Import & Export",
            Self::History => "History",
            Self::Settings => "Settings",
        }
    }

    pub fn icon(self) -> &'static str {
        match self {
            Self::Overview => "🏠",
            Self::Districts => "🏫",
            Self::Memberships => "📜",
            Self::Convenings => "📅",
            Self::Grants => "✈",
            Self::Map => "🗺",
            Self::Transfer => "📥",
            Self::History => "🕑",
            Self::Settings => "⚙",
        }
    }

    /// Ctrl+1… in the order of the navigation; Ctrl+, for Settings, as in
    /// most desktop apps.
    pub fn shortcut_key(self) -> egui::Key {
        match self {
            Self::Overview => egui::Key::Num1,
            Self::Districts => egui::Key::Num2,
            Self::Memberships => egui::Key::Num3,
            Self::Convenings => egui::Key::Num4,
            Self::Grants => egui::Key::Num5,
            Self::Map => egui::Key::Num6,
            Self::Transfer => egui::Key::Num7,
            Self::History => egui::Key::Num8,
            Self::Settings => egui::Key::Comma,
        }
    }
}

//! What tests and benchmarks read of the window, as the user would see
//! it: the section and year shown, the status bar, and each screen's rows
//! in their order and filter. Nothing here changes what the app does.

use super::{App, Database, State};
use crate::domain::SchoolYear;
use crate::ui::Section;

impl App {
    /// The preferences as they would be remembered.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Files are noted, not handed to the system's viewer (which a test
    /// machine may not have): `opened_files` lists them.
    pub fn note_opened_files(&mut self) {
        self.opened_files = Some(Vec::new());
    }

    /// The files handed to the viewer since `note_opened_files`.
    pub fn opened_files(&self) -> &[std::path::PathBuf] {
        self.opened_files.as_deref().unwrap_or_default()
    }

    /// The status bar's message.
    pub fn status_message(&self) -> Option<&str> {
        self.status.as_ref().map(|(text, _)| text.as_str())
    }

    /// The school year the sections show.
    pub fn year(&self) -> SchoolYear {
        self.year
    }

    /// Switches the school year the sections show (as the top bar does).
    pub fn set_year(&mut self, year: SchoolYear) {
        self.request_year(year);
    }

    /// The district names on the Memberships screen, in its order and filter.
    pub fn visible_membership_names(&mut self) -> Vec<String> {
        self.screens.memberships.visible_names(&self.search)
    }

    /// The Overview's figures for the year shown.
    pub fn overview(&mut self) -> Option<crate::store::overview::Overview> {
        let Database::Open(store) = &self.database else {
            return None;
        };
        self.screens
            .overview
            .figures(store, self.year)
            .ok()
            .cloned()
    }

    /// The districts the map outlines for the search.
    pub fn map_found(&self) -> Vec<String> {
        self.screens.map.found_names()
    }

    /// The section shown.
    pub fn section(&self) -> Section {
        self.state.section
    }

    /// The Travel Grants fund bar's figures.
    pub fn grant_fund(&self) -> crate::domain::FundSummary {
        self.screens.grants.fund_summary()
    }

    /// Destinations on the Travel Grants screen, in its order and filter.
    pub fn visible_grant_destinations(&mut self) -> Vec<String> {
        self.screens.grants.visible_destinations(&self.search)
    }

    /// The attendance grid's rows from the top: district and rate label.
    pub fn attendance_grid_rows(&self) -> Vec<(String, String)> {
        self.screens.convenings.grid_rows()
    }

    /// "48 active · 6 received · …" as shown above the Memberships table.
    pub fn membership_counts(&self) -> String {
        self.screens.memberships.counts_line()
    }

    /// The district names in the table's current order and filter.
    pub fn visible_district_names(&mut self) -> Vec<String> {
        self.screens.districts.visible_names(&self.search)
    }
}

//! The sections' screens, held in one place: the one shown is drawn, those
//! showing what changed are read again, and every one is asked before
//! anything would drop unsaved edits.

use super::State;
use crate::ui::Screen;
use crate::ui::Section;
use crate::ui::convenings::ConveningsScreen;
use crate::ui::districts::DistrictsScreen;
use crate::ui::grants::GrantsScreen;
use crate::ui::history::HistoryScreen;
use crate::ui::map::MapScreen;
use crate::ui::memberships::MembershipsScreen;
use crate::ui::overview::OverviewScreen;
use crate::ui::settings::SettingsScreen;
use crate::ui::transfer::TransferScreen;

pub struct Screens {
    pub overview: OverviewScreen,
    pub districts: DistrictsScreen,
    pub memberships: MembershipsScreen,
    pub convenings: ConveningsScreen,
    pub grants: GrantsScreen,
    pub map: MapScreen,
    pub transfer: TransferScreen,
    pub history: HistoryScreen,
    pub settings: SettingsScreen,
}

impl Screens {
    /// Screens with nothing read yet, sorted and viewed as remembered.
    pub fn new(state: &State) -> Self {
        Self {
            overview: OverviewScreen::default(),
            districts: DistrictsScreen::new(state.district_sort, state.show_archived_districts),
            memberships: MembershipsScreen::new(state.membership_sort, state.membership_view),
            convenings: ConveningsScreen::new(
                state.convening_view,
                state.convening_sort,
                state.grid_sort,
            ),
            grants: GrantsScreen::new(state.grant_sort),
            map: MapScreen::new(state.map_colouring),
            transfer: TransferScreen::default(),
            history: HistoryScreen::default(),
            settings: SettingsScreen::default(),
        }
    }

    /// Puts the screens' sorts and views into what is remembered.
    pub fn remember(&self, state: &mut State) {
        state.district_sort = self.districts.table.sort;
        state.show_archived_districts = self.districts.show_archived;
        state.membership_sort = self.memberships.table.sort;
        state.membership_view = self.memberships.mode;
        state.convening_view = self.convenings.mode;
        state.convening_sort = self.convenings.list.sort;
        state.grid_sort = self.convenings.grid_sort;
        state.grant_sort = self.grants.table.sort;
        state.map_colouring = self.map.colouring;
    }

    pub fn get(&self, section: Section) -> &dyn Screen {
        match section {
            Section::Overview => &self.overview,
            Section::Districts => &self.districts,
            Section::Memberships => &self.memberships,
            Section::Convenings => &self.convenings,
            Section::Grants => &self.grants,
            Section::Map => &self.map,
            Section::Transfer => &self.transfer,
            Section::History => &self.history,
            Section::Settings => &self.settings,
        }
    }

    pub fn get_mut(&mut self, section: Section) -> &mut dyn Screen {
        match section {
            Section::Overview => &mut self.overview,
            Section::Districts => &mut self.districts,
            Section::Memberships => &mut self.memberships,
            Section::Convenings => &mut self.convenings,
            Section::Grants => &mut self.grants,
            Section::Map => &mut self.map,
            Section::Transfer => &mut self.transfer,
            Section::History => &mut self.history,
            Section::Settings => &mut self.settings,
        }
    }

    /// The screen with unsaved edits, if any.
    pub fn unsaved(&self) -> Option<&dyn Screen> {
        Section::ALL
            .into_iter()
            .map(|section| self.get(section))
            .find(|screen| screen.has_unsaved_changes())
    }

    pub fn discard_changes(&mut self) {
        for section in Section::ALL {
            self.get_mut(section).discard_changes();
        }
    }
}

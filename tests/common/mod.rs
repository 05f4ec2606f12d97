//! What the tests share: a fixed clock, dates and school years, temporary
//! rosters (empty, or with Kentucky's districts), letters, and (in `ui`) the
//! real app driven headless as a user would.
#![allow(dead_code)]

pub mod cli;
pub mod letters;
pub mod ui;

use std::ops::{Deref, DerefMut};

use chrono::{Days, NaiveDate};
use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::clock::fix_today;
use iln_roster::domain::{DistrictId, Letter, MembershipStatus, SchoolYear};
use iln_roster::store::Store;

#[allow(unused_imports)]
pub use ui::*;

/// The variable that runs the tests on another day (see
/// `ui::every_test_passes_on_another_day`).
pub const TODAY_VARIABLE: &str = "ILN_ROSTER_TEST_TODAY";

/// The day the tests run on: an autumn day, unless the run was asked to
/// be on another (`ILN_ROSTER_TEST_TODAY=YYYY-MM-DD`).
pub fn today() -> NaiveDate {
    std::env::var(TODAY_VARIABLE)
        .ok()
        .and_then(|day| NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok())
        .unwrap_or_else(|| date(2026, 10, 15))
}

/// Fixes the app's clock on this thread to the tests' day.
pub fn fix_clock() {
    fix_today(Some(today()));
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The school year the store's tests are set in: 2025-2026.
pub fn year() -> SchoolYear {
    year_starting(2025)
}

pub fn year_starting(start: i32) -> SchoolYear {
    SchoolYear::starting(start).unwrap()
}

/// The school year of the tests' day (what the app shows first).
pub fn this_year() -> SchoolYear {
    SchoolYear::containing(today())
}

/// A day of this school year, counted from July 1.
pub fn day(days_after_july_1: u64) -> NaiveDate {
    this_year()
        .first_day()
        .checked_add_days(Days::new(days_after_july_1))
        .unwrap()
}

pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// A roster in a temporary folder, removed with it.
pub struct Roster {
    pub dir: tempfile::TempDir,
    pub store: Store,
}

impl Roster {
    pub fn empty() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
        Self { dir, store }
    }

    /// A roster of Kentucky's 171 districts.
    pub fn kentucky() -> Self {
        let mut roster = Self::empty();
        with_kentucky(&mut roster.store);
        roster
    }

    pub fn path(&self) -> std::path::PathBuf {
        self.store.path().to_path_buf()
    }

    pub fn id(&self, name: &str) -> DistrictId {
        id_of(&self.store, name)
    }
}

impl Deref for Roster {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for Roster {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

pub fn with_kentucky(store: &mut Store) {
    store.add_districts(&kentucky_districts().unwrap()).unwrap();
}

pub fn id_of(store: &Store, name: &str) -> DistrictId {
    store
        .district_list()
        .unwrap()
        .into_iter()
        .find(|d| d.district.fields.name == name)
        .unwrap_or_else(|| panic!("{name} is not in the roster"))
        .district
        .id
}

/// A letter received and signed by the district on August 1 of `year`
/// and countersigned by KDE on August 5.
pub fn signed_in(year: SchoolYear) -> Letter {
    let on = |day| date(year.start_year(), 8, day);
    Letter {
        received_on: Some(on(1)),
        district_signatory: "Superintendent".into(),
        district_signed_on: Some(on(1)),
        kde_signatory: "Rob Collins".into(),
        kde_signed_on: Some(on(5)),
        ..Letter::default()
    }
}

/// A letter both sides signed early in this school year.
pub fn countersigned() -> Letter {
    Letter {
        received_on: Some(day(1)),
        district_signatory: "Superintendent".into(),
        district_signed_on: Some(day(2)),
        kde_signatory: "KDE designee".into(),
        kde_signed_on: Some(day(3)),
        ..Letter::default()
    }
}

/// Makes the district an active member this school year.
pub fn make_active(store: &mut Store, name: &str) {
    let id = id_of(store, name);
    store
        .save_membership(id, this_year(), MembershipStatus::Active, &countersigned())
        .unwrap();
}

/// A made-up network of `years` school years ending with this one, written
/// to a new roster at `path` (as `iln-roster demo` makes it).
pub fn demo_roster(path: &std::path::Path, years: u32, seed: u64) {
    let mut store = Store::open(path).unwrap();
    let options = iln_roster::demo::DemoOptions {
        years,
        scale: 1,
        seed,
        last: this_year(),
    };
    iln_roster::demo::generate(&mut store, options).unwrap();
}

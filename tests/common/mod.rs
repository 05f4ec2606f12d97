//! What the UI tests share: a temporary roster opened in the real app,
//! driven headless, and the steps a user takes (click, type one key at a
//! time, press a shortcut), checked on screen and in the database.
#![allow(dead_code)]

use chrono::{Days, NaiveDate};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::domain::{DistrictId, Letter, MembershipStatus, SchoolYear};
use iln_roster::io::kentucky_districts::kentucky_districts;
use iln_roster::store::Store;
use iln_roster::ui::{App, Section};

pub fn this_year() -> SchoolYear {
    SchoolYear::current()
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

pub struct AppUnderTest {
    _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub harness: Harness<'static, App>,
}

/// The real app on a new roster with Kentucky's districts, after `prepare`,
/// showing `section`.
pub fn open_app(section: Section, prepare: impl FnOnce(&mut Store)) -> AppUnderTest {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        with_kentucky(&mut store);
        prepare(&mut store);
    }
    let opened = path.clone();
    let harness = Harness::builder()
        .with_size(egui::vec2(1440.0, 1000.0))
        .build_eframe(move |cc| App::new(cc, Store::open(&opened)));
    let mut app = AppUnderTest {
        _dir: dir,
        path,
        harness,
    };
    app.harness.run();
    app.go_to(section);
    app
}

impl AppUnderTest {
    /// The temporary folder the roster is in, for the files a test writes.
    pub fn folder(&self) -> &std::path::Path {
        self._dir.path()
    }

    pub fn store(&self) -> &Store {
        self.harness.state().store().expect("the database is open")
    }

    pub fn go_to(&mut self, section: Section) {
        self.press_command(section.shortcut_key());
    }

    pub fn run(&mut self) {
        self.harness.run();
    }

    pub fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).click();
        self.harness.run();
    }

    pub fn click_button(&mut self, label: &str) {
        self.harness
            .get_by_role_and_label(Role::Button, label)
            .click();
        self.harness.run();
    }

    /// The text field (single- or multi-line) labelled `field`.
    pub fn field<'a>(&'a self, field: &'a str) -> egui_kittest::Node<'a> {
        self.harness
            .query_by_role_and_label(Role::TextInput, field)
            .or_else(|| {
                self.harness
                    .query_by_role_and_label(Role::MultilineTextInput, field)
            })
            .unwrap_or_else(|| panic!("no text field labelled {field:?}"))
    }

    pub fn focus(&mut self, field: &str) {
        self.field(field).focus();
        self.harness.run();
    }

    /// Types into the focused field one key at a time, a frame after each,
    /// as a person does: whatever appears or moves on the way must not take
    /// the keys elsewhere.
    pub fn type_keys(&mut self, text: &str) {
        for c in text.chars() {
            if c == '\n' {
                self.harness.key_press(Key::Enter);
            } else {
                self.harness.event(egui::Event::Text(c.to_string()));
            }
            self.harness.run();
        }
    }

    /// Clicks into a field, empties it, and types `text` one key at a time.
    pub fn retype(&mut self, field: &str, text: &str) {
        self.focus(field);
        self.press_command(Key::A);
        self.press(Key::Backspace);
        self.type_keys(text);
    }

    /// Focuses a single-line field and types `text` into it at once (a
    /// path, say), a frame before and after.
    pub fn type_into(&mut self, field: &str, text: &str) {
        self.harness
            .get_by_role_and_label(Role::TextInput, field)
            .focus();
        self.harness.run();
        self.harness
            .get_by_role_and_label(Role::TextInput, field)
            .type_text(text);
        self.harness.run();
    }

    /// What a text field shows.
    pub fn field_text(&self, field: &str) -> String {
        self.field(field)
            .accesskit_node()
            .value()
            .unwrap_or_default()
    }

    /// Clicks into each field and types its value one key at a time,
    /// checking that the field holds all of it.
    pub fn type_fields(&mut self, fields: &[(&str, &str)]) {
        for (field, text) in fields {
            self.retype(field, text);
            assert_eq!(&self.field_text(field), text, "{field}: keys were lost");
        }
    }

    pub fn press(&mut self, key: Key) {
        self.harness.key_press(key);
        self.harness.run();
    }

    pub fn press_command(&mut self, key: Key) {
        self.harness.key_press_modifiers(Modifiers::COMMAND, key);
        self.harness.run();
    }

    pub fn press_shift_command(&mut self, key: Key) {
        self.harness
            .key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, key);
        self.harness.run();
    }

    /// Opens a combo box and clicks one of its options (told apart from
    /// anything else on screen with the same text by appearing with the popup).
    pub fn choose(&mut self, combo: &str, option: &str) {
        let before: Vec<egui::Rect> = self
            .harness
            .query_all_by_label(option)
            .map(|n| n.rect())
            .collect();
        self.harness
            .get_by_role_and_label(Role::ComboBox, combo)
            .click();
        self.harness.run();
        self.harness
            .get_all_by_label(option)
            .find(|n| !before.contains(&n.rect()))
            .expect("the option")
            .click();
        self.harness.run();
    }

    pub fn shows(&self, text: &str) -> bool {
        self.harness.query_by_label(text).is_some()
    }

    pub fn shows_containing(&self, text: &str) -> bool {
        self.harness.query_by_label_contains(text).is_some()
    }

    pub fn enabled(&self, button: &str) -> bool {
        !self
            .harness
            .get_by_role_and_label(Role::Button, button)
            .accesskit_node()
            .is_disabled()
    }

    pub fn status(&self) -> String {
        self.harness
            .state()
            .status_message()
            .unwrap_or_default()
            .to_owned()
    }
}

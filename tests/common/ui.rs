//! The real app on a temporary roster, driven headless: the steps a user
//! takes (click, type one key at a time, press a shortcut), checked on
//! screen and in the database, on the tests' fixed day.

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::store::Store;
use iln_roster::ui::{App, Section};

use chrono::NaiveDate;
use iln_roster::domain::clock::fix_today;

use super::{TODAY_VARIABLE, fix_clock, today, with_kentucky};

pub struct AppUnderTest {
    _dir: tempfile::TempDir,
    pub path: std::path::PathBuf,
    pub harness: Harness<'static, App>,
}

/// The real app on a new roster with Kentucky's districts, after `prepare`,
/// showing `section`.
pub fn open_app(section: Section, prepare: impl FnOnce(&mut Store)) -> AppUnderTest {
    open_app_on(today(), section, prepare)
}

/// `open_app` in a window of `size` (a tall one shows a whole form).
pub fn open_app_sized(
    size: egui::Vec2,
    section: Section,
    prepare: impl FnOnce(&mut Store),
) -> AppUnderTest {
    fix_today(Some(today()));
    open_roster_in(size, section, |store| {
        with_kentucky(store);
        prepare(store);
    })
}

/// `open_app` with the clock fixed to `day`.
pub fn open_app_on(
    day: NaiveDate,
    section: Section,
    prepare: impl FnOnce(&mut Store),
) -> AppUnderTest {
    fix_today(Some(day));
    open_roster_as_is(section, |store| {
        with_kentucky(store);
        prepare(store);
    })
}

/// The real app on a new, empty roster after `prepare`, showing `section`.
pub fn open_roster(section: Section, prepare: impl FnOnce(&mut Store)) -> AppUnderTest {
    fix_clock();
    open_roster_as_is(section, prepare)
}

/// `open_roster` on the clock as this thread has it.
fn open_roster_as_is(section: Section, prepare: impl FnOnce(&mut Store)) -> AppUnderTest {
    open_roster_in(WINDOW, section, prepare)
}

fn open_roster_in(
    size: egui::Vec2,
    section: Section,
    prepare: impl FnOnce(&mut Store),
) -> AppUnderTest {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        prepare(&mut store);
    }
    let harness = open_file_as_is(&path, size);
    let mut app = AppUnderTest {
        _dir: dir,
        path,
        harness,
    };
    app.go_to(section);
    app
}

/// The window the tests draw in, as on a 1440×900 screen and more.
pub const WINDOW: egui::Vec2 = egui::vec2(1440.0, 1000.0);

/// A 1280×800 laptop screen.
pub const LAPTOP: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// The real app on a file as it is (a roster, or a file that fails to
/// open), in a window of `size`, after its first frame.
pub fn open_file(path: &std::path::Path, size: egui::Vec2) -> Harness<'static, App> {
    fix_clock();
    open_file_as_is(path, size)
}

/// `open_file` on the clock as this thread has it.
fn open_file_as_is(path: &std::path::Path, size: egui::Vec2) -> Harness<'static, App> {
    let opened = Store::open(path);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, opened));
    harness.run();
    harness
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

    /// What the last frame copied to the clipboard.
    pub fn copied(&self) -> Vec<String> {
        self.harness
            .output()
            .platform_output
            .commands
            .iter()
            .filter_map(|c| match c {
                egui::OutputCommand::CopyText(text) => Some(text.clone()),
                _ => None,
            })
            .collect()
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

    /// Opens a district picker, types `search` into its search box (where
    /// the cursor already is) and takes the first match with Enter.
    pub fn pick_district(&mut self, picker: &str, search: &str) {
        self.harness
            .get_by_role_and_label(Role::ComboBox, picker)
            .click();
        self.harness.run();
        self.type_keys(search);
        self.press(Key::Enter);
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

/// Runs every other test of this file again, in a new process whose clock
/// is fixed to a spring day (`ILN_ROSTER_TEST_TODAY`), and asserts they all
/// pass: the same sequences give the same results whatever the day. Each
/// UI suite calls it from one test named `this_test`.
pub fn every_test_passes_on_another_day(this_test: &str) {
    if std::env::var_os(TODAY_VARIABLE).is_some() {
        return; // This is the run on the other day.
    }
    let me = std::env::current_exe().unwrap();
    let output = std::process::Command::new(me)
        .args(["--skip", this_test, "--test-threads", "2"])
        .env(TODAY_VARIABLE, "2027-05-20")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "the suite failed on 2027-05-20:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let said = String::from_utf8_lossy(&output.stdout);
    assert!(
        said.contains(" passed; 0 failed") && !said.contains(" 0 passed;"),
        "no test ran on 2027-05-20:\n{said}"
    );
}

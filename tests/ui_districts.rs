//! The Districts screen driven headless, as a user would: widgets found by
//! their visible labels, and results checked on screen and in the database.

mod common;

use common::{AppUnderTest, LAPTOP, open_file, open_roster, with_kentucky};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::domain::Coded as _;
use iln_roster::store::{DistrictListItem, Store};
use iln_roster::ui::Section;

/// What only this screen's tests ask of the app.
trait DistrictsScreen {
    /// The district named `name` as the database has it now.
    fn stored(&self, name: &str) -> DistrictListItem;
    fn visible(&mut self) -> Vec<String>;
}

impl DistrictsScreen for AppUnderTest {
    fn stored(&self, name: &str) -> DistrictListItem {
        let list = self.store().district_list().unwrap();
        list.into_iter()
            .find(|d| d.district.fields.name == name)
            .unwrap_or_else(|| panic!("{name} is not in the database"))
    }

    fn visible(&mut self) -> Vec<String> {
        self.harness.state_mut().visible_district_names()
    }
}

/// The app on a new roster after `prepare`, showing the Districts screen.
fn open_app(prepare: impl FnOnce(&mut Store)) -> AppUnderTest {
    open_roster(Section::Districts, prepare)
}

#[test]
fn the_empty_state_loads_kentuckys_171_districts() {
    let mut app = open_app(|_| {});
    assert!(app.shows("Welcome to ILN Roster"));
    app.click("Add Kentucky's 171 districts");
    assert_eq!(app.store().district_list().unwrap().len(), 171);
    assert!(app.shows("171 districts"), "the count above the table");
    assert!(
        app.shows("Added 171 Kentucky districts."),
        "the status bar says what happened"
    );
    assert_eq!(app.visible().len(), 171);
    assert!(app.shows("Adair County"), "the first row is drawn");
    assert!(
        app.harness.query_by_label("Woodford County").is_none(),
        "rows below the fold are not laid out"
    );
}

#[test]
fn a_district_added_through_the_form_is_in_the_table_and_the_database() {
    let mut app = open_app(with_kentucky);
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::N);
    app.harness.run();
    assert!(app.shows("New district"));
    app.type_into("Name", "Aaron Academy Independent");
    app.type_into("KDE number", "998");
    app.type_into("NCES LEA ID", "2199998");
    app.type_into("Email domain", "Aaron.KySchools.us");
    app.click("Save");

    let saved = app.stored("Aaron Academy Independent");
    assert_eq!(saved.district.fields.kde_number, "998");
    assert_eq!(saved.district.fields.email_domain, "aaron.kyschools.us");
    assert_eq!(
        app.visible()[0],
        "Aaron Academy Independent",
        "first by name"
    );
    assert!(
        app.harness
            .get_all_by_label("Aaron Academy Independent")
            .count()
            >= 2,
        "row and form heading"
    );
    assert!(app.shows("Added Aaron Academy Independent."));
}

#[test]
fn invalid_input_shows_its_error_and_writes_nothing() {
    let mut app = open_app(with_kentucky);
    app.click("➕ New district");
    app.type_into("Name", "allen county ");
    app.type_into("KDE number", "12");
    app.type_into("NCES LEA ID", "1800070");
    assert!(app.shows("⚠ “Allen County” already exists"));
    assert!(app.shows("⚠ Must be exactly 3 digits, e.g. 005"));
    assert!(app.shows("⚠ Kentucky NCES IDs start with 21, e.g. 2100070"));
    assert!(
        app.harness
            .get_by_label("Save")
            .accesskit_node()
            .is_disabled()
    );
    // Neither the button nor the shortcut saves an invalid form.
    app.click("Save");
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    assert_eq!(app.store().district_list().unwrap().len(), 171);

    // Fixing the field clears its message.
    app.retype("KDE number", "997");
    assert!(!app.shows("⚠ Must be exactly 3 digits, e.g. 005"));
}

#[test]
fn archiving_hides_a_district_until_show_archived() {
    let mut app = open_app(with_kentucky);
    app.click("Allen County");
    assert!(
        app.harness.get_all_by_label("Allen County").count() >= 2,
        "row and form"
    );
    app.click("Archive");
    assert!(!app.visible().contains(&"Allen County".to_owned()));
    let stored = app.store().district_list().unwrap();
    assert!(
        stored
            .iter()
            .any(|d| d.district.fields.name == "Allen County" && d.district.archived)
    );
    assert!(app.shows("170 shown of 171") || app.shows("170 districts"));

    app.click("Show archived (1)");
    assert!(app.visible().contains(&"Allen County".to_owned()));
    app.click("Restore");
    assert!(
        !app.store()
            .district_list()
            .unwrap()
            .iter()
            .any(|d| d.district.archived)
    );
}

#[test]
fn clicking_a_header_sorts_by_it() {
    let mut app = open_app(with_kentucky);
    assert_eq!(app.visible()[0], "Adair County");
    app.click("KDE #");
    assert_eq!(app.visible()[0], "Adair County", "001 first");
    app.click("KDE # ⏶");
    assert_eq!(app.visible()[0], "Woodford County", "601 first, descending");
    app.click("Co-op");
    let first = app.visible()[0].clone();
    let district = app
        .store()
        .district_list()
        .unwrap()
        .into_iter()
        .find(|d| d.district.fields.name == first)
        .unwrap();
    assert_eq!(
        district.district.fields.cooperative.map(|c| c.code()),
        Some("CKEC")
    );
}

#[test]
fn the_search_box_narrows_the_rows() {
    let mut app = open_app(with_kentucky);
    app.type_into("Search", "grrec");
    assert_eq!(app.visible().len(), 34, "GRREC's districts");
    assert!(app.shows("34 shown of 171"));
    app.type_into("Search", " independent");
    let names = app.visible();
    assert!(!names.is_empty() && names.iter().all(|n| n.ends_with("Independent")));
    app.retype("Search", "zzz");
    assert!(app.shows("No district matches “zzz”."));
    app.click("Clear search");
    assert_eq!(app.visible().len(), 171);
}

#[test]
fn contacts_are_added_edited_and_removed_in_the_form() {
    let mut app = open_app(with_kentucky);
    app.click("Allen County");
    app.click("➕ Add contact");
    app.type_into("Contact name", "Travis Hamby");
    app.type_into("Title", "Superintendent");
    app.type_into("Email", "travis.hamby@");
    assert!(app.shows("⚠ Not an email address, e.g. name@district.kyschools.us"));
    app.type_into("Email", "allen.kyschools.us");
    assert!(!app.shows("⚠ Not an email address, e.g. name@district.kyschools.us"));
    app.type_into("Phone", "270.618.3181 x12");
    app.choose("Role", "Superintendent");
    app.click("Save contact");

    let allen = app.stored("Allen County");
    let contacts = app.store().contacts_of(allen.district.id).unwrap();
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].fields.phone, "(270) 618-3181 ext. 12");
    assert_eq!(contacts[0].fields.role.label(), "Superintendent");
    assert_eq!(
        allen.superintendent.as_deref(),
        Some("Travis Hamby"),
        "shown in the table"
    );
    assert_eq!(
        app.harness.get_all_by_label("Travis Hamby").count(),
        2,
        "in the table and the contact list"
    );

    app.click("Edit Travis Hamby");
    app.retype("Title", "Superintendent of Schools");
    app.click("Save contact");
    assert_eq!(
        app.store().contacts_of(allen.district.id).unwrap()[0]
            .fields
            .title,
        "Superintendent of Schools"
    );

    app.click("Remove Travis Hamby");
    assert!(app.shows("Remove Travis Hamby from this district's contacts?"));
    app.click("Remove");
    assert!(
        app.store()
            .contacts_of(allen.district.id)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn unsaved_edits_are_not_lost_silently() {
    let mut app = open_app(with_kentucky);
    app.click("Allen County");
    app.focus("Notes");
    app.type_keys("Renewal call on Monday");
    app.click("Adair County");
    assert!(app.shows("Unsaved changes"), "asks before switching");
    app.click("Keep editing");
    assert!(!app.shows("Unsaved changes"));
    let notes = app
        .harness
        .get_by_role_and_label(Role::MultilineTextInput, "Notes")
        .value();
    assert_eq!(
        notes.as_deref(),
        Some("Renewal call on Monday"),
        "the edit is still there"
    );

    app.click("Adair County");
    app.click("Discard changes");
    assert!(
        app.harness.get_all_by_label("Adair County").count() >= 2,
        "now showing Adair"
    );
    let allen = app.stored("Allen County");
    assert_eq!(allen.district.fields.notes, "", "nothing was saved");
}

#[test]
fn keyboard_saves_cancels_and_moves_the_selection() {
    let mut app = open_app(with_kentucky);
    app.click("Adair County");
    app.harness.key_press(Key::ArrowDown);
    app.harness.run();
    assert!(
        app.harness.get_all_by_label("Allen County").count() >= 2,
        "the form follows the selection"
    );

    app.type_into("County", " (south)");
    app.harness.key_press(Key::Escape);
    app.harness.run();
    assert!(!app.shows("Allen (south)"), "Escape put the field back");

    app.focus("Notes");
    app.type_keys("Signed early");
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    let allen = app.stored("Allen County");
    assert_eq!(allen.district.fields.notes, "Signed early");

    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    app.harness.run();
    assert!(
        app.harness
            .get_by_role_and_label(Role::TextInput, "Search")
            .is_focused()
    );
}

#[test]
fn a_district_without_history_is_deleted_after_confirmation() {
    let mut app = open_app(with_kentucky);
    app.click("Allen County");
    app.click("Delete…");
    assert!(app.shows("Delete district"));
    // The dialog's Cancel, drawn over the form's.
    app.harness
        .get_all_by_label("Cancel")
        .last()
        .unwrap()
        .click();
    app.harness.run();
    assert!(!app.shows("Delete district"));
    assert_eq!(app.store().district_list().unwrap().len(), 171);
    app.click("Delete…");
    app.click("Delete");
    assert_eq!(app.store().district_list().unwrap().len(), 170);
    assert!(app.shows("Deleted Allen County."));
}

#[test]
fn a_file_that_cannot_be_opened_is_explained_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.sqlite3");
    std::fs::write(
        &path,
        "this is not a database, just some notes\n".repeat(100),
    )
    .unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut harness = open_file(&path, LAPTOP);
    assert!(
        harness
            .query_by_label("The roster database could not be opened")
            .is_some()
    );
    let message = format!(
        "{} is not an ILN Roster database: it is not a SQLite file. It has not been changed. Choose another file, or start a new database.",
        path.display()
    );
    assert!(harness.query_by_label(&message).is_some());
    assert!(harness.query_by_label("Try again").is_some());
    assert_eq!(std::fs::read(&path).unwrap(), before);

    // A path typed into the screen opens (here: creates) that database.
    let other = dir.path().join("fresh.sqlite3");
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "File")
        .type_text(&other.display().to_string());
    harness.run();
    harness.get_by_label("Open").click();
    harness.run();
    assert!(harness.query_by_label("Welcome to ILN Roster").is_some());
    assert_eq!(harness.state().store().unwrap().path(), other);
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

#[test]
fn a_refusal_in_the_status_bar_goes_once_the_user_moves_on() {
    let mut app = open_app(|store| {
        with_kentucky(store);
        common::make_active(store, "Allen County");
    });
    app.click("Allen County");
    app.click("Delete…");
    app.click("Delete");
    let refused = app.status();
    assert!(!refused.is_empty(), "the refusal is said");
    assert_eq!(app.store().district_list().unwrap().len(), 171);
    // Still here: still said. Elsewhere: gone.
    app.run();
    assert_eq!(app.status(), refused);
    app.go_to(Section::Memberships);
    assert_eq!(app.status(), "", "the error stays behind");
}

//! The safety net driven headless: a deleted district comes back with
//! Ctrl+Z (and goes again with Ctrl+Shift+Z), the History section lists the
//! change, a changed roster is backed up when opened, and a damaged file is
//! replaced by its newest good backup while the damaged one is kept aside.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::ContactFields;
use iln_roster::store::{Store, backups};
use iln_roster::ui::App;

mod common;

use common::{WINDOW, open_file};

/// The app on the roster at `path`, showing the Districts screen.
fn app_on(path: &std::path::Path) -> Harness<'static, App> {
    let mut harness = open_file(path, WINDOW);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    harness.run();
    harness
}

fn count(harness: &Harness<'static, App>, name: &str) -> usize {
    harness
        .state()
        .store()
        .unwrap()
        .district_list()
        .unwrap()
        .iter()
        .filter(|d| d.district.fields.name == name)
        .count()
}

#[test]
fn a_deleted_district_comes_back_with_ctrl_z() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store.add_districts(&kentucky_districts().unwrap()).unwrap();
        let allen = store
            .district_list()
            .unwrap()
            .into_iter()
            .find(|d| d.district.fields.name == "Allen County")
            .unwrap()
            .district
            .id;
        store
            .insert_contact(
                allen,
                &ContactFields {
                    name: "Pat Doe".into(),
                    active: true,
                    ..ContactFields::default()
                },
            )
            .unwrap();
    }
    let mut harness = app_on(&db);
    assert_eq!(
        backups::list(&db).len(),
        1,
        "a changed roster is backed up when opened"
    );

    harness.get_by_label("Allen County").click();
    harness.run();
    harness.get_by_label("Delete…").click();
    harness.run();
    harness.get_by_label("Delete").click();
    harness.run();
    assert_eq!(count(&harness, "Allen County"), 0);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(count(&harness, "Allen County"), 1);
    assert_eq!(
        harness.state().status_message(),
        Some("Undid: Deleted district Allen County and 1 more record.")
    );
    let store = harness.state().store().unwrap();
    let allen = store
        .district_list()
        .unwrap()
        .into_iter()
        .find(|d| d.district.fields.name == "Allen County")
        .unwrap();
    assert_eq!(allen.contact_count, 1, "its contact came back too");
    assert!(
        harness.query_by_label("Allen County").is_some(),
        "back in the table"
    );

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(count(&harness, "Allen County"), 0);

    // The History section lists both, newest first, with the undone one marked.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num8);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("Redid: deleted district Allen County")
            .is_some()
    );
    assert!(
        harness
            .query_by_label("Deleted district Allen County and 1 more record")
            .is_some()
    );
    assert!(harness.query_by_label("Undone").is_some());
}

#[test]
fn a_damaged_file_is_replaced_by_its_newest_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store.add_districts(&kentucky_districts().unwrap()).unwrap();
        store
            .automatic_backup(chrono::Local::now().naive_local())
            .unwrap();
    }
    // Damage the file: zero a run of pages in the middle.
    let mut bytes = std::fs::read(&db).unwrap();
    bytes[4096 * 2..4096 * 6].fill(0);
    std::fs::write(&db, &bytes).unwrap();

    let mut harness = app_on(&db);
    assert!(harness.state().store().is_none());
    assert!(harness.query_by_label_contains("damaged").is_some());
    harness
        .get_by_label_contains("Restore the backup of")
        .click();
    harness.run();

    assert_eq!(
        harness
            .state()
            .store()
            .unwrap()
            .district_list()
            .unwrap()
            .len(),
        171
    );
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains("before-restore"))
        .filter(|e| e.file_name().to_string_lossy().ends_with(".sqlite3"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(
        std::fs::read(aside[0].path()).unwrap(),
        bytes,
        "kept as it was"
    );
}

/// Allen's and Adair's notes changed in turn: Adair, Allen, Adair again.
fn three_notes(store: &mut Store) {
    for (name, note) in [
        ("Adair County", "Adair first"),
        ("Allen County", "Allen only"),
        ("Adair County", "Adair second"),
    ] {
        let id = common::id_of(store, name);
        let mut fields = store.district(id).unwrap().fields;
        fields.notes = note.into();
        store.update_district(id, &fields).unwrap();
    }
}

fn notes(app: &common::AppUnderTest, name: &str) -> String {
    let id = common::id_of(app.store(), name);
    app.store().district(id).unwrap().fields.notes
}

#[test]
fn one_entry_is_undone_on_its_own_from_history() {
    let mut app = common::open_app(iln_roster::ui::Section::History, three_notes);
    app.click("Changed district Allen County: Notes Allen only");
    app.click_button("↺ Undo this change");
    assert_eq!(notes(&app, "Allen County"), "");
    assert_eq!(
        notes(&app, "Adair County"),
        "Adair second",
        "later work stays"
    );
    assert!(app.shows_containing("Undid: Changed district Allen County"));
}

#[test]
fn an_entry_with_later_changes_on_its_records_names_them() {
    let mut app = common::open_app(iln_roster::ui::Section::History, three_notes);
    app.click("Changed district Adair County: Notes Adair first");
    app.click_button("↺ Undo this change");
    assert_eq!(
        notes(&app, "Adair County"),
        "Adair second",
        "nothing undone"
    );
    let refusal = " “Changed district Adair County: Notes Adair first → Adair second” (";
    assert_eq!(
        app.harness.query_all_by_label_contains(refusal).count(),
        2,
        "the refusal is shown beside the entry and in the status bar"
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

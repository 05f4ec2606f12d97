//! Import & Export driven headless: a filtered table's "Export…" writes just
//! what it shows; the import wizard reads a file on its own thread, shows
//! every row's outcome, writes nothing until confirmed, then all of it.

mod common;

use std::path::Path;
use std::time::Duration;

use calamine::Reader as _;
use common::{AppUnderTest, open_app};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iln_roster::store::Store;
use iln_roster::ui::{App, Section};

type Fixture = AppUnderTest;

/// The app on the Districts screen over Kentucky's districts.
fn roster() -> Fixture {
    open_app(Section::Districts, |_| {})
}

/// Steps frames until the background job is done.
fn wait_for_job(harness: &mut Harness<'static, App>) {
    for _ in 0..500 {
        harness.step();
        if !harness.state().is_busy() {
            harness.run();
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the job did not finish");
}

fn set_text(harness: &mut Harness<'static, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.key_press(Key::Backspace);
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

fn district_names(path: &Path) -> Vec<String> {
    let mut workbook = calamine::open_workbook_auto(path).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    // Title on row 1, a blank row, the header on row 3.
    range.rows().skip(3).map(|row| row[0].to_string()).collect()
}

#[test]
fn a_filtered_table_exports_what_it_shows() {
    let mut f = roster();
    set_text(&mut f.harness, "Search", "adair");
    f.harness.get_by_label("Export…").click();
    f.harness.run();
    assert!(
        f.harness
            .query_by_label_contains("The 1 row shown on screen × ")
            .is_some()
    );
    let target = f.folder().join("adair.xlsx");
    set_text(&mut f.harness, "Save to", &target.display().to_string());
    // Enter in the path exports (the export then runs as a job).
    f.harness.key_press(Key::Enter);
    f.harness.step();
    wait_for_job(&mut f.harness);

    assert_eq!(district_names(&target), ["Adair County"]);
    let status = f
        .harness
        .state()
        .status_message()
        .unwrap_or_default()
        .to_owned();
    assert!(status.starts_with("Exported 1 row to"), "{status}");
    assert!(
        f.harness.query_by_label("Save to").is_none(),
        "the dialog closed"
    );
}

#[test]
fn an_unwritable_export_says_why_in_the_dialog() {
    let mut f = roster();
    f.harness.get_by_label("Export…").click();
    f.harness.run();
    let target = f.folder().join("no such folder").join("roster.xlsx");
    set_text(&mut f.harness, "Save to", &target.display().to_string());
    f.harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_job(&mut f.harness);

    assert!(!target.exists());
    assert!(
        f.harness
            .query_by_label_contains("⚠ Could not write")
            .is_some(),
        "the error is shown in the dialog, which stays open"
    );
    assert!(f.harness.query_by_label("Save to").is_some());
}

/// The dialog speaks of the file it will write: a typed database name is
/// written with the format's extension, said before Export is pressed, and a
/// database in the way is refused.
#[test]
fn the_export_dialog_says_which_file_it_writes_and_never_a_database() {
    let mut f = roster();
    f.harness.get_by_label("Export…").click();
    f.harness.run();
    let database = f.folder().join("roster.sqlite3");
    let other = f.folder().join("roster.xlsx");
    std::fs::write(&other, b"an older export").unwrap();
    set_text(&mut f.harness, "Save to", &database.display().to_string());
    assert!(f.harness.query_by_label("Saves as roster.xlsx").is_some());
    assert!(
        f.harness
            .query_by_label("roster.xlsx exists; exporting replaces it.")
            .is_some(),
        "the warning names the file written, not the one typed"
    );
    // A database named as the export itself is refused.
    let copy = f.folder().join("copy.xlsx");
    std::fs::copy(&database, &copy).unwrap();
    set_text(&mut f.harness, "Save to", &copy.display().to_string());
    assert!(
        f.harness
            .query_by_label("⚠ copy.xlsx is a database: an export never replaces it.")
            .is_some()
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_job(&mut f.harness);
    assert!(
        f.harness
            .query_all_by_label_contains("an export never replaces it. Choose another file name.")
            .next()
            .is_some(),
        "refused when pressed anyway"
    );
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        std::fs::read(&database).unwrap()
    );
}

#[test]
fn the_import_wizard_writes_only_what_was_confirmed() {
    let mut f = roster();
    let file = f.folder().join("districts.csv");
    std::fs::write(
        &file,
        "District,KDE #,County,Notes\r\n\
         New Academy,950,Adair,Opened in 2025\r\n\
         Adair County,001,Adair,Pilot district\r\n\
         Broken Row,9x,,\r\n",
    )
    .unwrap();
    let db = f.folder().join("roster.sqlite3");

    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    f.harness.run();
    set_text(&mut f.harness, "File", &file.display().to_string());
    f.harness.get_by_label("Read file").click();
    wait_for_job(&mut f.harness);

    // Every row and what it would do.
    assert!(f.harness.query_by_label("New Academy").is_some());
    assert!(
        f.harness
            .query_by_label("Notes: (blank) ➡ Pilot district")
            .is_some(),
        "an update shows each field's value before and after"
    );
    assert!(
        f.harness
            .query_by_label_contains("Must be exactly 3 digits")
            .is_some()
    );
    assert!(f.harness.query_by_label("⚠ Problem").is_some());

    let count = |name: &str| {
        f.harness
            .state()
            .store()
            .unwrap()
            .district_list()
            .unwrap()
            .iter()
            .filter(|d| d.district.fields.name == name)
            .count()
    };
    assert_eq!(count("New Academy"), 0, "nothing written while reviewing");

    f.harness.get_by_label("Import 2 rows…").click();
    f.harness.run();
    assert!(
        f.harness
            .query_by_label_contains("Add 1 new district and update 1 district")
            .is_some()
    );
    f.harness
        .get_by_role_and_label(Role::Button, "Import")
        .click();
    wait_for_job(&mut f.harness);

    let status = f
        .harness
        .state()
        .status_message()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(status, "Imported: 1 district added, 1 updated.");
    drop(f.harness);
    let store = Store::open(&db).unwrap();
    let list = store.district_list().unwrap();
    let academy = list
        .iter()
        .find(|d| d.district.fields.name == "New Academy")
        .unwrap();
    assert_eq!(academy.district.fields.kde_number, "950");
    let adair = list
        .iter()
        .find(|d| d.district.fields.name == "Adair County")
        .unwrap();
    assert_eq!(adair.district.fields.notes, "Pilot district");
    assert!(!list.iter().any(|d| d.district.fields.name == "Broken Row"));
}

#[test]
fn an_unreadable_file_is_refused_with_its_reason() {
    let mut f = roster();
    let file = f.folder().join("garbage.xlsx");
    std::fs::write(&file, [0u8, 159, 146, 150, 7, 1, 2, 3]).unwrap();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    f.harness.run();
    set_text(&mut f.harness, "File", &file.display().to_string());
    f.harness.get_by_label("Read file").click();
    wait_for_job(&mut f.harness);
    assert!(
        f.harness
            .query_by_label_contains("is not a spreadsheet this can read")
            .is_some()
    );
}

#[test]
fn the_year_report_is_one_workbook() {
    let mut f = roster();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    f.harness.run();
    // The year report is the section's last export but one.
    let exports: Vec<_> = f.harness.get_all_by_label("Export…").collect();
    exports[exports.len() - 2].click();
    f.harness.run();
    assert!(f.harness.query_by_label_contains("7 sheets").is_some());
    let target = f.folder().join("report.xlsx");
    set_text(&mut f.harness, "Save to", &target.display().to_string());
    f.harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_job(&mut f.harness);
    let workbook = calamine::open_workbook_auto(&target).unwrap();
    assert_eq!(workbook.sheet_names().len(), 7);
    assert_eq!(workbook.sheet_names()[0], "Summary");
}

#[test]
fn everything_is_one_workbook_of_every_table() {
    let mut f = roster();
    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    f.harness.run();
    f.harness
        .get_all_by_label("Export…")
        .last()
        .unwrap()
        .click();
    f.harness.run();
    assert!(f.harness.query_by_label_contains("9 sheets").is_some());
    let target = f.folder().join("everything.xlsx");
    set_text(&mut f.harness, "Save to", &target.display().to_string());
    f.harness
        .get_by_role_and_label(Role::Button, "Export")
        .click();
    wait_for_job(&mut f.harness);
    let workbook = calamine::open_workbook_auto(&target).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        iln_roster::export::everything::SHEETS.map(str::to_owned)
    );
}

/// "Restore…" takes a backup file the user names as well as the automatic
/// ones: checked first, then put in place with the current file kept aside.
#[test]
fn a_backup_file_is_restored_from_wherever_it_is() {
    let mut f = roster();
    let elsewhere = tempfile::tempdir().unwrap();
    let copy = elsewhere.path().join("copy from the shared drive.sqlite3");
    f.harness.state().store().unwrap().backup_to(&copy).unwrap();
    // The roster moves on: Adair is deleted after the copy was made.
    f.harness.get_by_label("Adair County").click();
    f.harness.run();
    f.harness.get_by_label("Delete…").click();
    f.harness.run();
    f.harness
        .get_by_role_and_label(Role::Button, "Delete")
        .click();
    f.harness.run();
    let adair = |f: &Fixture| {
        f.harness
            .state()
            .store()
            .unwrap()
            .district_list()
            .unwrap()
            .iter()
            .any(|d| d.district.fields.name == "Adair County")
    };
    assert!(!adair(&f));

    f.harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    f.harness.run();
    f.harness.get_by_label("Restore…").click();
    f.harness.run();
    set_text(&mut f.harness, "Backup file", &copy.display().to_string());
    f.harness
        .get_by_role_and_label(Role::Button, "Check")
        .click();
    f.harness.run();
    assert!(
        f.harness
            .query_by_label("✔ Whole: 171 districts, 0 memberships")
            .is_some()
    );
    f.harness.get_by_label("Use this backup…").click();
    f.harness.run();
    f.harness.get_by_label("Restore this backup").click();
    f.harness.run();
    assert!(adair(&f), "the copy is the roster now");
    let status = f
        .harness
        .state()
        .status_message()
        .unwrap_or_default()
        .to_owned();
    assert!(status.contains("The previous file is kept as"), "{status}");
}

/// On the default window size, a file with many columns still shows every
/// column's choice, the review's controls and its rows, all within the window.
#[test]
fn the_review_fits_a_laptop_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        common::with_kentucky(&mut store);
    }
    let export = dir.path().join("roster.csv");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_iln-roster"))
        .arg("--db")
        .arg(&path)
        .args(["export", "roster", "--format", "csv", "-o"])
        .arg(&export)
        .output()
        .unwrap();
    assert!(status.status.success());
    let size = egui::vec2(1280.0, 800.0);
    let mut harness = Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, Store::open(&path)));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num7);
    harness.run();
    set_text(&mut harness, "File", &export.display().to_string());
    harness.get_by_label("Read file").click();
    wait_for_job(&mut harness);

    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
    let inside = |rect: egui::Rect| window.contains_rect(rect);
    for heading in ["District", "Notes", "Point of contact emails"] {
        let choice = harness.get_by_role_and_label(Role::ComboBox, heading);
        assert!(inside(choice.rect()), "{heading}: {:?}", choice.rect());
    }
    for control in ["Blank cells clear fields", "Start over"] {
        assert!(inside(harness.get_by_label(control).rect()), "{control}");
    }
    assert!(
        harness
            .query_by_label_contains("Nothing to change")
            .is_some_and(|n| inside(n.rect())),
        "the file is the roster's own export"
    );
    assert!(
        inside(harness.get_by_label("Adair County").rect()),
        "rows shown"
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

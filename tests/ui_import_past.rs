//! The import wizard for the network's past, driven headless: an attendance
//! grid read, a mark given another meaning, the rows imported, and the grid
//! and its rates then shown; a ledger imported and the fund bar following.

mod common;

use std::time::Duration;

use common::{AppUnderTest, date, open_app, signed_in, year_starting};
use egui_kittest::kittest::Queryable as _;
use iln_roster::domain::{Letter, MembershipStatus, Money};
use iln_roster::store::Store;
use iln_roster::ui::Section;

fn fixture(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/past/").to_owned() + name
}

/// Kentucky's districts with 2024-2025 letters (Bullitt County's came
/// mid-year), on the Import & Export section.
fn app(fund: Option<i64>) -> AppUnderTest {
    open_app(Section::Transfer, |store: &mut Store| {
        let year = year_starting(2024);
        for name in [
            "Adair County",
            "Allen County",
            "Bell County",
            "Boone County",
        ] {
            let id = common::id_of(store, name);
            store
                .save_membership(id, year, MembershipStatus::Active, &signed_in(year))
                .unwrap();
        }
        let late = Letter {
            received_on: Some(date(2024, 11, 1)),
            ..Letter::default()
        };
        let bullitt = common::id_of(store, "Bullitt County");
        store
            .save_membership(bullitt, year, MembershipStatus::Received, &late)
            .unwrap();
        if let Some(cents) = fund {
            store
                .set_grant_fund(year, Money::from_cents(cents).unwrap())
                .unwrap();
        }
    })
}

/// Steps frames until no job runs (a read is followed by its review).
fn wait(app: &mut AppUnderTest) {
    for _ in 0..600 {
        app.harness.step();
        if !app.harness.state().is_busy() {
            app.harness.run();
            if !app.harness.state().is_busy() {
                return;
            }
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("the job did not finish");
}

/// Clicks a button that starts a job, and waits for it.
fn start(app: &mut AppUnderTest, button: &str) {
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::Button, button)
        .click();
    app.harness.step();
    wait(app);
}

/// Chooses an option that starts a job (a new review), and waits for it:
/// the frames keep coming while it runs, however slow the build.
fn choose_then_wait(app: &mut AppUnderTest, combo: &str, option: &str) {
    let before: Vec<egui::Rect> = app
        .harness
        .query_all_by_label(option)
        .map(|n| n.rect())
        .collect();
    app.harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, combo)
        .click();
    app.harness.run();
    app.harness
        .get_all_by_label(option)
        .find(|n| !before.contains(&n.rect()))
        .expect("the option")
        .click();
    app.harness.step();
    wait(app);
}

fn read(app: &mut AppUnderTest, holds: &str, file: &str) {
    app.choose("The file holds", holds);
    app.retype("File", &fixture(file));
    start(app, "Read file");
}

#[test]
fn a_tracker_grid_is_read_its_marks_meant_and_its_rates_shown() {
    let mut app = app(None);
    read(&mut app, "Attendance grid", "attendance_grid.csv");
    assert!(
        app.shows("⚠ Partly"),
        "Bullitt County's early marks are refused"
    );
    assert!(app.shows_containing("Bullitt County was not a member on Sep 12, 2024"));
    assert!(app.enabled("Import 4 rows…"));
    assert_eq!(
        app.store()
            .convenings_in(year_starting(2024))
            .unwrap()
            .len(),
        0,
        "nothing written yet"
    );

    assert!(
        app.shows("“✔”"),
        "a ✓ is shown with the check the fonts have"
    );
    // In this tracker "N" means the district came.
    choose_then_wait(&mut app, "“N”", "Attended");
    app.click_button("Import 4 rows…");
    start(&mut app, "Import");
    assert!(
        app.status()
            .contains("Attendance grid: 11 attendance lines imported"),
        "{}",
        app.status()
    );

    app.harness.state_mut().set_year(year_starting(2024));
    app.go_to(Section::Convenings);
    app.click("Attendance grid");
    let rows = app.harness.state().attendance_grid_rows();
    let rate = |name: &str| {
        rows.iter()
            .find(|(n, _)| n == name)
            .map(|(_, r)| r.clone())
            .unwrap()
    };
    assert_eq!(rate("Adair County"), "100%");
    assert_eq!(
        rate("Allen County"),
        "0%",
        "absent once, excused twice (not counted)"
    );
    assert_eq!(
        rate("Boone County"),
        "33.3%",
        "its N counted as attended; its blank, at a recorded convening, as absent"
    );
    let titles: Vec<String> = app
        .store()
        .convenings_in(year_starting(2024))
        .unwrap()
        .into_iter()
        .map(|c| c.convening.fields.title)
        .collect();
    assert_eq!(
        titles,
        ["ILN convening", "Fall Summit", "ILN convening"],
        "made from the headings"
    );
}

#[test]
fn a_ledger_is_imported_and_the_fund_bar_follows() {
    let mut app = app(Some(500_000));
    read(&mut app, "Travel Fund ledger", "grant_ledger.csv");
    assert!(
        app.shows("⚠ Problem"),
        "the trip that ends before it starts"
    );
    assert!(app.shows_containing("over by $600.00"));
    assert!(app.shows_containing("imported from the ledger"));
    app.click_button("Import 4 rows…");
    start(&mut app, "Import");
    assert!(
        app.status().contains("4 applications imported"),
        "{}",
        app.status()
    );
    assert!(
        !app.enabled("Import 0 rows…"),
        "read again, every row is on the roster"
    );

    app.harness.state_mut().set_year(year_starting(2024));
    app.go_to(Section::Grants);
    assert!(app.shows("Fund $5,000.00"));
    assert!(app.shows("Over by $1,000.00"), "the fund bar says so");
}

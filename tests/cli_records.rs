//! The past brought in from the command line: the same reading as the
//! window's wizard, all or nothing unless told to skip, with a dry run that
//! writes nothing; and the whole roster out and back in.

mod common;

use common::cli::{DISTRICTS, assert_fails_saying, roster, stdout};

fn past(name: &str) -> String {
    concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/past/").to_owned() + name
}

#[test]
fn a_member_list_is_refused_whole_until_told_what_to_skip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let file = past("memberships.csv");
    assert_fails_saying(
        &roster(&db, &["import", "memberships", &file]),
        "There is no roster",
    );
    assert!(
        roster(&db, &["import", "districts", DISTRICTS])
            .status
            .success()
    );

    let refused = roster(&db, &["import", "memberships", &file]);
    assert_fails_saying(&refused, "Row 8 (Nowhere County)");
    assert_fails_saying(&refused, "nothing was imported");

    let dry = roster(
        &db,
        &[
            "import",
            "memberships",
            &file,
            "--skip-invalid",
            "--dry-run",
        ],
    );
    assert!(dry.status.success());
    let said = stdout(&dry);
    assert!(
        said.contains("Row 3 (Adair County · 2023-2024): Adds the letter as Active"),
        "{said}"
    );
    assert!(said.contains("4 letters would be imported"), "{said}");
    assert!(said.contains("Nothing was written."), "{said}");

    let done = roster(
        &db,
        &[
            "import",
            "memberships",
            &file,
            "--skip-invalid",
            "--as-far-as-valid",
        ],
    );
    assert!(done.status.success(), "{}", common::cli::stderr(&done));
    assert!(
        stdout(&done).contains("5 letters imported"),
        "{}",
        stdout(&done)
    );
    let again = roster(
        &db,
        &[
            "import",
            "memberships",
            &file,
            "--skip-invalid",
            "--as-far-as-valid",
        ],
    );
    assert!(
        stdout(&again).contains("0 letters imported; 5 unchanged"),
        "{}",
        stdout(&again)
    );
}

#[test]
fn a_grid_s_marks_can_be_given_their_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    assert!(
        roster(&db, &["import", "districts", DISTRICTS])
            .status
            .success()
    );
    let grid = past("attendance_grid.csv");
    let wrong = roster(
        &db,
        &["import", "attendance-grid", &grid, "--mark", "N=sometimes"],
    );
    assert!(!wrong.status.success());
    assert!(common::cli::stderr(&wrong).contains("not a meaning"));
    // Nobody is a member yet: every mark is refused, named.
    let refused = roster(
        &db,
        &["import", "attendance-grid", &grid, "--mark", "N=excused"],
    );
    assert_fails_saying(
        &refused,
        "Adair County was not a member on Sep 12, 2024 (no letter for 2024-2025)",
    );
}

#[test]
fn the_whole_roster_goes_out_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    assert!(roster(&db, &["demo", "--years", "2"]).status.success());
    let book = dir.path().join("everything.xlsx");
    let book = book.to_str().unwrap();
    assert_fails_saying(
        &roster(
            &db,
            &[
                "export",
                "everything",
                "-o",
                &dir.path().join("all.csv").display().to_string(),
            ],
        ),
        "workbook",
    );
    let out = roster(&db, &["export", "everything", "-o", book]);
    assert!(stdout(&out).contains("9 sheets"), "{}", stdout(&out));

    let moved = dir.path().join("moved.sqlite3");
    let dry = roster(&moved, &["import", "workbook", book, "--dry-run"]);
    assert!(
        stdout(&dry).contains("Nothing was written."),
        "{}",
        stdout(&dry)
    );
    assert!(!moved.exists(), "a dry run makes no roster");
    let done = roster(&moved, &["import", "workbook", book]);
    assert!(done.status.success(), "{}", common::cli::stderr(&done));
    let again = roster(&moved, &["import", "workbook", book]);
    assert!(
        stdout(&again).contains("Letters: 0 letters imported"),
        "{}",
        stdout(&again)
    );
    assert_fails_saying(
        &roster(&moved, &["import", "workbook", &past("memberships.csv")]),
        "workbook",
    );
}

#[test]
fn a_whole_roster_refused_leaves_no_roster_and_a_dry_run_reads_over_an_existing_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let book = dir.path().join("everything.xlsx").display().to_string();
    assert!(
        roster(&db, &["export", "everything", "-o", &book])
            .status
            .success()
    );
    let dry = roster(&db, &["import", "workbook", &book, "--dry-run"]);
    assert!(dry.status.success(), "{}", common::cli::stderr(&dry));
    assert!(
        stdout(&dry).contains("Letters: 0 letters would be imported"),
        "{}",
        stdout(&dry)
    );

    // The year report is no whole roster: refused, and no roster is made.
    let report = dir.path().join("report.xlsx").display().to_string();
    assert!(
        roster(&db, &["export", "year-report", "-o", &report])
            .status
            .success()
    );
    let elsewhere = dir.path().join("new.sqlite3");
    assert_fails_saying(
        &roster(&elsewhere, &["import", "workbook", &report]),
        "not a whole-roster workbook",
    );
    assert!(!elsewhere.exists());
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "attendance-grid",
                &past("attendance_grid.csv"),
                "--mark",
                "N=absent",
                "--mark",
                "n=attended",
            ],
        ),
        "two meanings",
    );
}

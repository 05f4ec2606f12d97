//! The command line, run as the built binary against temporary databases:
//! imports and exports, backups, help, the demo and the year report.

mod common;

use common::cli::*;

#[test]
fn import_export_and_backup_work_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");

    let dry = roster(&db, &["import", "districts", DISTRICTS, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("would add 171 districts"),
        "{}",
        stdout(&dry)
    );
    let imported = roster(&db, &["import", "districts", DISTRICTS]);
    assert!(
        stdout(&imported).contains("added 171 districts"),
        "{}",
        stderr(&imported)
    );
    let again = roster(&db, &["import", "districts", DISTRICTS]);
    assert!(
        stdout(&again).contains("nothing to change; its 171 rows are on the roster as they are"),
        "{}",
        stdout(&again)
    );

    for table in [
        "roster",
        "contacts",
        "memberships",
        "attendance",
        "convenings",
        "grants",
    ] {
        for format in ["csv", "xlsx"] {
            let out = dir.path().join(format!("{table}.{format}"));
            let run = roster(
                &db,
                &[
                    "export",
                    table,
                    "--year",
                    "2025-2026",
                    "--format",
                    format,
                    "-o",
                    out.to_str().unwrap(),
                ],
            );
            assert!(run.status.success(), "{table} {format}: {}", stderr(&run));
            assert!(out.exists(), "{table} {format}");
        }
    }
    let roster_csv = std::fs::read_to_string(dir.path().join("roster.csv")).unwrap();
    assert_eq!(roster_csv.lines().count(), 172);

    let backup = dir.path().join("backup.sqlite3");
    let run = roster(&db, &["backup", "-o", backup.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    let copy = rusqlite::Connection::open(&backup).unwrap();
    let count: i64 = copy
        .query_row("SELECT count(*) FROM district", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 171);
    let check: String = copy
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
}

#[test]
fn bad_arguments_fail_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let out = dir.path().join("x.csv");
    let out = out.to_str().unwrap();

    assert_fails_saying(
        &roster(&db, &["export", "roster", "--year", "2025", "-o", out]),
        "is not a school year: write it like 2025-2026",
    );
    assert_fails_saying(
        &roster(&db, &["export", "roster", "--year", "banana", "-o", out]),
        "is not a school year",
    );
    assert_fails_saying(
        &roster(&db, &["import", "districts", "/no/such/file.csv"]),
        "Could not read /no/such/file.csv",
    );
    assert!(!db.exists(), "a file that cannot be read makes no roster");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    // A path under a regular file cannot be written, even by an administrator.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "").unwrap();
    let unwritable = blocker.join("roster.csv");
    let run = roster(
        &db,
        &["export", "roster", "-o", unwritable.to_str().unwrap()],
    );
    assert_fails_saying(&run, "Could not write");
    assert_eq!(stderr(&run).lines().count(), 1, "one line");
    assert_fails_saying(
        &roster(&db, &["backup", "-o", unwritable.to_str().unwrap()]),
        "Could not write the backup",
    );
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "attendance",
                "--convening",
                "99",
                &fixture("zoom_rejoins.csv"),
            ],
        ),
        "convening 99",
    );
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "attendance",
                "--convening",
                "1",
                &fixture("random.bin"),
            ],
        ),
        "not text",
    );
    let mistyped = roster(&db, &["export", "spreadsheet", "-o", out]);
    assert_fails_saying(&mistyped, "invalid value 'spreadsheet'");
    assert_eq!(mistyped.status.code(), Some(2), "a mistyped command line");
    let missing = roster(&db, &["import", "districts", "/no/such/file.csv"]);
    assert_eq!(missing.status.code(), Some(1), "anything else");

    let not_a_db = dir.path().join("notes.txt");
    std::fs::write(&not_a_db, "hello").unwrap();
    assert_fails_saying(
        &roster(&not_a_db, &["export", "roster", "-o", out]),
        "is not an ILN Roster database",
    );
    assert_eq!(std::fs::read_to_string(&not_a_db).unwrap(), "hello");
}

#[test]
fn help_documents_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let help = stdout(&roster(&dir.path().join("x.sqlite3"), &["--help"]));
    for word in ["export", "import", "backup", "demo", "--db"] {
        assert!(help.contains(word), "{word} in {help}");
    }
    let import = stdout(&roster(
        &dir.path().join("x.sqlite3"),
        &["import", "--help"],
    ));
    assert!(import.contains("districts") && import.contains("attendance"));
}

#[test]
fn demo_and_year_report_work_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let made = roster(&db, &["demo", "--years", "2", "--seed", "3"]);
    assert!(made.status.success(), "{}", stderr(&made));
    assert!(stdout(&made).contains("Made 171 districts"));
    // Only into an empty database.
    assert_fails_saying(&roster(&db, &["demo"]), "already has districts");
    assert_fails_saying(&roster(&db, &["demo", "--scale", "0"]), "scale");

    let year = format!("{}", iln_roster::domain::SchoolYear::current());
    let report = dir.path().join("report.xlsx");
    let output = roster(
        &db,
        &[
            "export",
            "year-report",
            "--year",
            &year,
            "-o",
            &report.display().to_string(),
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).contains("7 sheets"));
    let csv = dir.path().join("report.csv");
    assert_fails_saying(
        &roster(
            &db,
            &["export", "year-report", "-o", &csv.display().to_string()],
        ),
        "xlsx",
    );
    assert!(!csv.exists());
}

#[test]
fn history_is_exported_in_words_for_a_school_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let imported = roster(&db, &["import", "districts", DISTRICTS]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let this_year = iln_roster::domain::SchoolYear::current().to_string();
    let csv = dir.path().join("history.csv");
    let csv_arg = csv.display().to_string();
    let written = roster(
        &db,
        &[
            "export", "history", "--year", &this_year, "--output", &csv_arg,
        ],
    );
    assert!(written.status.success(), "{}", stderr(&written));
    let text = std::fs::read_to_string(&csv).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    assert!(
        text.starts_with("Day,When,What changed,Details,Undone,Change #"),
        "{text}"
    );
    assert!(text.contains("Added 171 districts"), "{text}");
    assert!(
        !text.contains("name_key") && !text.contains("kde_number"),
        "{text}"
    );

    // A year without changes has only the headings.
    let written = roster(
        &db,
        &[
            "export",
            "history",
            "--year",
            "2020-2021",
            "--output",
            &csv_arg,
        ],
    );
    assert!(written.status.success(), "{}", stderr(&written));
    assert_eq!(std::fs::read_to_string(&csv).unwrap().lines().count(), 1);
}

#[test]
fn every_setting_is_listed_and_changed_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let imported = roster(&db, &["import", "districts", DISTRICTS]);
    assert!(imported.status.success(), "{}", stderr(&imported));

    let listed = stdout(&roster(&db, &["settings"]));
    for line in [
        "Flag districts under: 75 % (default 75 %)",
        "Flag only after: 3 convenings (default 3 convenings)",
        "Excused absences: not counted (default not counted)",
        "Decide applications within: 30 days (default 30 days)",
    ] {
        assert!(listed.contains(line), "{line} in {listed}");
    }

    let args = [
        "settings",
        "--flag-under",
        "60",
        "--excused",
        "as-attended",
        "--decide-within",
        "14",
    ];
    let dry = roster(&db, &[&args[..], &["--dry-run"]].concat());
    assert!(stdout(&dry).contains("Flag districts under: 75 % → 60 %"));
    assert!(stdout(&dry).contains("Nothing was written."));
    let stored = iln_roster::store::Store::open(&db)
        .unwrap()
        .settings()
        .unwrap();
    assert_eq!(stored, iln_roster::domain::settings::Settings::default());

    let changed = roster(&db, &args);
    assert!(changed.status.success(), "{}", stderr(&changed));
    let stored = iln_roster::store::Store::open(&db)
        .unwrap()
        .settings()
        .unwrap();
    assert_eq!(stored.attendance.threshold_percent, 60);
    assert_eq!(
        stored.attendance.excused,
        iln_roster::domain::ExcusedPolicy::AsAttended
    );
    assert_eq!(stored.decision_days, 14);

    assert_fails_saying(
        &roster(&db, &["settings", "--flag-under", "120"]),
        "120 is not in 0..=100",
    );
    assert_fails_saying(
        &roster(&db, &["settings", "--decide-within", "0"]),
        "0 is not in 1..=365",
    );
}

#[test]
fn history_undo_and_redo_work_headless() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let imported = roster(&db, &["import", "districts", DISTRICTS]);
    assert!(imported.status.success(), "{}", stderr(&imported));
    let set = roster(&db, &["settings", "--decide-within", "14"]);
    assert!(set.status.success(), "{}", stderr(&set));

    let listed = stdout(&roster(&db, &["history"]));
    let lines: Vec<&str> = listed.lines().collect();
    assert!(
        lines[0].ends_with("Set Decide applications within to 14 days"),
        "{listed}"
    );
    assert!(lines[1].ends_with("Added 171 districts"), "{listed}");
    let number = |line: &str| line.split_whitespace().next().unwrap()[1..].to_owned();

    // The import on its own: the setting came later but touched other records.
    let import = number(lines[1]);
    let dry = roster(&db, &["undo", "--change", &import, "--dry-run"]);
    assert_eq!(
        stdout(&dry).trim(),
        "Would undo: Added 171 districts. Nothing was written."
    );
    let store = || iln_roster::store::Store::open(&db).unwrap();
    assert_eq!(store().district_list().unwrap().len(), 171);
    let undone = roster(&db, &["undo", "--change", &import]);
    assert!(undone.status.success(), "{}", stderr(&undone));
    assert!(store().district_list().unwrap().is_empty());
    assert_eq!(
        store().decision_days().unwrap(),
        14,
        "the later change stays"
    );
    assert_fails_saying(
        &roster(&db, &["undo", "--change", &import]),
        "is already undone",
    );

    let redone = roster(&db, &["redo"]);
    assert_eq!(stdout(&redone).trim(), "Redid: Added 171 districts.");
    assert_eq!(store().district_list().unwrap().len(), 171);
    let last = roster(&db, &["undo"]);
    assert_eq!(stdout(&last).trim(), "Undid: Added 171 districts.");
    assert_fails_saying(
        &roster(&db, &["undo", "--change", "99999"]),
        "There is no change #99999",
    );
    // A mistyped roster is not made by an undo.
    let typo = dir.path().join("rostr.sqlite3");
    assert_fails_saying(&roster(&typo, &["undo"]), "There is no roster");
    assert!(!typo.exists());
    // An export named one way and asked another is refused.
    let named_xlsx = dir.path().join("roster.xlsx");
    assert_fails_saying(
        &roster(
            &db,
            &[
                "export",
                "roster",
                "--format",
                "csv",
                "-o",
                named_xlsx.to_str().unwrap(),
            ],
        ),
        "is named as .xlsx but --format says csv",
    );
    assert_fails_saying(
        &roster(&db, &["export", "roster", "-o", "-"]),
        "not to the terminal",
    );
}

//! The command line, run as the built binary against temporary databases.

use std::path::Path;
use std::process::{Command, Output};

fn roster(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iln-roster"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure: non-zero, nothing on stdout, one line on stderr naming `what`.
fn assert_fails_saying(output: &Output, what: &str) {
    assert!(!output.status.success(), "should fail: {}", stdout(output));
    let message = stderr(output);
    assert!(message.contains(what), "“{what}” in: {message}");
    assert!(stdout(output).is_empty());
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
        .display()
        .to_string()
}

const DISTRICTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ky_districts.csv");

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
fn attendance_is_imported_from_a_report_listing_who_was_not_matched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    {
        let mut store = iln_roster::store::Store::open(&db).unwrap();
        store
            .add_districts(&iln_roster::io::kentucky_districts::kentucky_districts().unwrap())
            .unwrap();
        let list = store.district_list().unwrap();
        let allen = list
            .iter()
            .find(|d| d.district.fields.name == "Allen County")
            .unwrap()
            .district
            .clone();
        let mut fields = allen.fields.clone();
        fields.email_domain = "allen.kyschools.us".into();
        store.update_district(allen.id, &fields).unwrap();
        // Allen is a member that day; Barren, whose people match by their
        // email domain too, is not.
        let day = |m, d| chrono::NaiveDate::from_ymd_opt(2025, m, d);
        let letter = iln_roster::domain::Letter {
            received_on: day(8, 1),
            ..iln_roster::domain::Letter::default()
        };
        store
            .save_membership(
                allen.id,
                iln_roster::domain::SchoolYear::starting(2025).unwrap(),
                iln_roster::domain::MembershipStatus::Received,
                &letter,
            )
            .unwrap();
        let barren = list
            .iter()
            .find(|d| d.district.fields.name == "Barren County")
            .unwrap()
            .district
            .clone();
        let mut fields = barren.fields.clone();
        fields.email_domain = "barren.kyschools.us".into();
        store.update_district(barren.id, &fields).unwrap();
        store
            .insert_convening(&iln_roster::domain::ConveningFields {
                held_on: chrono::NaiveDate::from_ymd_opt(2025, 9, 10).unwrap(),
                title: "September call".into(),
                kind: iln_roster::domain::ConveningKind::Virtual,
                location: String::new(),
                notes: String::new(),
            })
            .unwrap();
    }
    let report = fixture("zoom_with_details.csv");
    let dry = roster(
        &db,
        &[
            "import",
            "attendance",
            "--convening",
            "1",
            &report,
            "--dry-run",
        ],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    let out = stdout(&dry);
    assert!(
        out.contains(
            "Would mark 1 district attended at “September call” (1 newly), note 0 people, \
             from 7 people in the report. Nothing was written."
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "Not recorded: Riley Chen <riley.chen@barren.kyschools.us> \
             (Barren County was not a member on Sep 10, 2025)"
        ),
        "{out}"
    );
    let run = roster(&db, &["import", "attendance", "--convening", "1", &report]);
    assert!(stdout(&run).contains("(1 newly)"), "{}", stdout(&run));
    let again = roster(&db, &["import", "attendance", "--convening", "1", &report]);
    assert!(
        stdout(&again).contains("(0 newly), noted 0 people"),
        "{}",
        stdout(&again)
    );
    assert!(
        stdout(&again).contains("Already recorded on ") && stdout(&again).contains("nothing new"),
        "{}",
        stdout(&again)
    );
    assert!(
        stdout(&again).contains("Organiser: Rob Collins <robert.collins@education.ky.gov>"),
        "{}",
        stdout(&again)
    );
    // The same report again wrote nothing: no second report, no history.
    let count = |sql: &str| -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(sql, [], |row| row.get(0))
            .unwrap()
    };
    assert_eq!(count("SELECT count(*) FROM attendance_report"), 1);
    let changes = count("SELECT count(*) FROM change_set");
    let third = roster(&db, &["import", "attendance", "--convening", "1", &report]);
    assert!(third.status.success());
    assert_eq!(count("SELECT count(*) FROM change_set"), changes);

    // The same report for another convening is refused unless forced.
    {
        let mut store = iln_roster::store::Store::open(&db).unwrap();
        store
            .insert_convening(&iln_roster::domain::ConveningFields {
                held_on: chrono::NaiveDate::from_ymd_opt(2025, 9, 10).unwrap(),
                title: "September workshop".into(),
                kind: iln_roster::domain::ConveningKind::Workshop,
                location: String::new(),
                notes: String::new(),
            })
            .unwrap();
    }
    assert_fails_saying(
        &roster(&db, &["import", "attendance", "--convening", "2", &report]),
        "this report was recorded for “September call” (Sep 10, 2025), not “September workshop”",
    );
    assert_fails_saying(
        &roster(&db, &["import", "attendance", "--convening", "99", &report]),
        "There is no convening 99 on this roster",
    );

    // Times that cannot be read leave the day unknown: refused unless forced.
    let unreadable = dir.path().join("unreadable.csv");
    std::fs::write(
        &unreadable,
        "Name,Email,Join Time,Leave Time\nPat Doe,pat@allen.kyschools.us,someday,later\n",
    )
    .unwrap();
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "attendance",
                "--convening",
                "1",
                unreadable.to_str().unwrap(),
            ],
        ),
        "the report gives no time that can be read",
    );
    assert_fails_saying(
        &roster(&db, &["settings", "--organiser-domains", "bad domain"]),
        "“bad” is not an email domain",
    );

    // A report of another day is refused, naming both days, unless forced.
    let other_day = fixture("zoom_waiting_room_organisers.csv");
    let args = ["import", "attendance", "--convening", "1", &other_day];
    assert_fails_saying(
        &roster(&db, &args),
        "the report's meeting was on Nov 12, 2025, but “September call” was on Sep 10, 2025",
    );
    let forced = roster(&db, &[&args[..], &["--force", "--dry-run"]].concat());
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(
        stdout(&forced).contains("Dates differ: the report's meeting was on Nov 12, 2025"),
        "{}",
        stdout(&forced)
    );

    // The minimum minutes: Morgan Blake's 4 minutes do not count.
    let set = roster(&db, &["settings", "--min-minutes", "10"]);
    assert!(
        stdout(&set).contains("at least 10 min; organisers' email domains: education.ky.gov"),
        "{}",
        stdout(&set)
    );
    let short = roster(&db, &[&args[..], &["--force", "--dry-run"]].concat());
    assert!(
        stdout(&short).contains(
            "Not counted: Morgan Blake <morgan.blake@adair.kyschools.us> (4 min in the meeting; 10 min count)"
        ),
        "{}",
        stdout(&short)
    );
    let shown = roster(&db, &["settings"]);
    assert!(
        stdout(&shown).contains("at least 10 min"),
        "{}",
        stdout(&shown)
    );
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
fn a_bad_row_stops_a_command_line_import() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let file = dir.path().join("districts.csv");
    std::fs::write(
        &file,
        "District,KDE #\nFirst Academy,950\nSecond Academy,95x\nThird Academy,952\n",
    )
    .unwrap();
    let run = roster(&db, &["import", "districts", file.to_str().unwrap()]);
    assert_fails_saying(
        &run,
        "nothing was imported. Row 3, column “KDE #”: Must be exactly 3 digits",
    );
    let store = iln_roster::store::Store::open(&db).unwrap();
    assert!(store.district_list().unwrap().is_empty());
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
    assert!(stdout(&output).contains("6 sheets"));
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

/// Nothing is ever written over a database: an export or a backup aimed at
/// the roster itself, or at the files SQLite keeps beside it, is refused
/// and the roster is left byte for byte.
#[test]
fn an_export_or_backup_over_the_database_itself_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let made = roster(&db, &["demo", "--years", "1"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let before = std::fs::read(&db).unwrap();
    let db_text = db.to_str().unwrap().to_owned();
    let wal = format!("{db_text}-wal");
    let relative = format!("{}/./roster.sqlite3", dir.path().display());
    let other = dir.path().join("other.sqlite3");
    std::fs::copy(&db, &other).unwrap();
    // A database under a spreadsheet's name is known by its first bytes.
    let disguised = dir.path().join("other.csv");
    std::fs::copy(&db, &disguised).unwrap();
    let disguised_before = std::fs::read(&disguised).unwrap();
    for target in [
        &db_text,
        &relative,
        &wal,
        &other.display().to_string(),
        &disguised.display().to_string(),
    ] {
        for args in [
            vec!["export", "roster", "--format", "csv", "-o", target],
            vec!["export", "grants", "--format", "xlsx", "-o", target],
            vec!["export", "year-report", "-o", target],
        ] {
            let run = roster(&db, &args);
            assert!(!run.status.success(), "{args:?}");
            let said = stderr(&run);
            assert!(
                said.contains("an export never replaces it")
                    || said.contains("is named as a database: an export is a spreadsheet"),
                "{said}"
            );
        }
    }
    assert_eq!(std::fs::read(&disguised).unwrap(), disguised_before);
    let unnamed = dir.path().join("export");
    assert_fails_saying(
        &roster(&db, &["export", "roster", "-o", unnamed.to_str().unwrap()]),
        "End the name in .csv or .xlsx, or say --format",
    );
    assert!(!unnamed.exists());
    for target in [&db_text, &relative, &wal] {
        assert_fails_saying(
            &roster(&db, &["backup", "-o", target]),
            "is the roster itself",
        );
    }
    let other_before = std::fs::read(&other).unwrap();
    assert_fails_saying(
        &roster(&db, &["backup", "-o", other.to_str().unwrap()]),
        "a backup never replaces one",
    );
    assert_eq!(std::fs::read(&other).unwrap(), other_before);
    let notes = dir.path().join("notes.csv");
    std::fs::write(&notes, "keep me").unwrap();
    assert_fails_saying(
        &roster(&db, &["backup", "-o", notes.to_str().unwrap()]),
        "a backup never replaces a file",
    );
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the roster is untouched"
    );
    let check = roster(
        &db,
        &[
            "export",
            "roster",
            "-o",
            dir.path().join("ok.csv").to_str().unwrap(),
        ],
    );
    assert!(check.status.success(), "{}", stderr(&check));
}

/// Without --db, the roster is the one in the user's data folder, made on
/// first use ($XDG_DATA_HOME/iln-roster/roster.sqlite3 on Linux).
#[cfg(target_os = "linux")]
#[test]
fn without_a_db_the_roster_is_made_in_the_users_data_folder() {
    let data = tempfile::tempdir().unwrap();
    let run_without_db = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_iln-roster"))
            .env("XDG_DATA_HOME", data.path())
            .args(args)
            .output()
            .unwrap()
    };
    let roster = data.path().join("iln-roster/roster.sqlite3");
    // A command that only reads does not make it.
    let out = data.path().join("copy.sqlite3");
    let backup = run_without_db(&["backup", "-o", out.to_str().unwrap()]);
    assert!(!backup.status.success());
    assert!(!roster.exists());
    // One that writes does, on first use.
    let run = run_without_db(&["import", "districts", DISTRICTS]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(roster.is_file(), "made on first use");
    let backup = run_without_db(&["backup", "-o", out.to_str().unwrap()]);
    assert!(backup.status.success(), "{}", stderr(&backup));
    assert!(stdout(&backup).contains(&roster.display().to_string()));
    assert!(out.is_file());
}

/// Commands that only read need a roster: a mistyped --db is refused (with
/// the roster it probably meant) and nothing is made; a read-only roster is
/// read.
#[test]
fn reading_commands_need_a_roster_and_read_a_read_only_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let out = dir.path().join("out.csv");
    let out = out.to_str().unwrap();

    let typo = dir.path().join("rostr.sqlite3");
    for args in [
        vec!["export", "roster", "-o", out],
        vec!["backup", "-o", out],
        vec!["check"],
    ] {
        let run = roster(&typo, &args);
        assert_fails_saying(&run, "There is no roster at");
        assert!(stderr(&run).contains("did you mean"), "{}", stderr(&run));
        assert!(stderr(&run).contains("roster.sqlite3?"), "{}", stderr(&run));
    }
    let elsewhere = dir.path().join("no such folder").join("x.sqlite3");
    assert_fails_saying(
        &roster(&elsewhere, &["export", "roster", "-o", out]),
        "There is no roster at",
    );
    assert!(
        !typo.exists() && !elsewhere.parent().unwrap().exists(),
        "nothing made"
    );
    assert!(!Path::new(out).exists());

    // Reading leaves the roster as it was, with nothing beside it.
    let before = std::fs::read(&db).unwrap();
    for args in [vec!["export", "roster", "-o", out], vec!["check"]] {
        assert!(roster(&db, &args).status.success());
    }
    assert_eq!(std::fs::read(&db).unwrap(), before);
    for side in ["-wal", "-shm", "-journal"] {
        let side = format!("{}{side}", db.display());
        assert!(!Path::new(&side).exists(), "{side} left beside the roster");
    }
    std::fs::remove_file(out).unwrap();

    let mut permissions = std::fs::metadata(&db).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&db, permissions).unwrap();
    let before = std::fs::read(&db).unwrap();
    let run = roster(&db, &["export", "roster", "-o", out]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// `check` reads the roster with the app's own SQLite: all is well on a
/// sound one, and a damaged one is named and fails.
#[test]
fn check_says_whether_a_roster_is_sound() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let run = roster(&db, &["check"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let text = stdout(&run);
    for line in [
        "integrity: ok",
        "links between records: ok",
        "districts: 171",
        "All is well.",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = std::fs::read(&db).unwrap();
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for (i, byte) in bytes[page..2 * page].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(&db, &bytes).unwrap();
    let run = roster(&db, &["check"]);
    assert_fails_saying(&run, "is damaged");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "read only");
}

/// A reader that stops early is no failure, and what a file brought in
/// is shown escaped, never obeyed by the terminal.
#[test]
fn output_is_safe_for_a_terminal_and_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let mut child = Command::new(env!("CARGO_BIN_EXE_iln-roster"))
        .args(["--db", db.to_str().unwrap(), "check"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success());
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));

    let file = dir.path().join("districts.csv");
    std::fs::write(
        &file,
        "District,KDE #,Type\r\nNew Academy,950,\u{1b}[31mred\r\n",
    )
    .unwrap();
    let run = roster(&db, &["import", "districts", file.to_str().unwrap()]);
    assert_fails_saying(&run, "“red” is not");
    assert!(!stderr(&run).contains('\u{1b}'), "no escape sequence kept");

    // A line break in a cell cannot pass for a line of the output, and an
    // escape sequence in a name is not kept.
    std::fs::write(
        &file,
        "District,KDE #,Notes\r\n\
         Adair County,001,\"x\nRow 99 (Fake): deletes everything\"\r\n\
         \"New\u{1b}[2J Academy\",950,\r\n",
    )
    .unwrap();
    let dry = roster(
        &db,
        &["import", "districts", file.to_str().unwrap(), "--dry-run"],
    );
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        !stdout(&dry).lines().any(|line| line.starts_with("Row 99")),
        "{}",
        stdout(&dry)
    );
    assert!(stdout(&dry).contains("x\\nRow 99"), "{}", stdout(&dry));
    assert!(
        roster(&db, &["import", "districts", file.to_str().unwrap()])
            .status
            .success()
    );
    let store = iln_roster::store::Store::open_read_only(&db).unwrap();
    let names: Vec<String> = store
        .district_list()
        .unwrap()
        .into_iter()
        .map(|d| d.district.fields.name)
        .collect();
    assert!(
        names.contains(&"New Academy".to_owned()),
        "the escape sequence goes whole: {names:?}"
    );
}

/// `restore` checks the backup, puts it in place and keeps the current
/// file aside; a killed export's leftover is cleared by the next export
/// into that folder.
#[test]
fn restore_and_leftovers_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let copy = dir.path().join("copy.sqlite3");
    assert!(
        roster(&db, &["backup", "-o", copy.to_str().unwrap()])
            .status
            .success()
    );
    let dry = roster(&db, &["restore", copy.to_str().unwrap(), "--dry-run"]);
    assert!(
        stdout(&dry).contains("holds 171 districts"),
        "{}",
        stdout(&dry)
    );
    assert!(stdout(&dry).contains("Nothing was changed."));
    let run = roster(&db, &["restore", copy.to_str().unwrap()]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        stdout(&run).contains("The previous file is kept as"),
        "{}",
        stdout(&run)
    );
    assert!(roster(&db, &["check"]).status.success());
    assert_fails_saying(
        &roster(&db, &["restore", db.to_str().unwrap()]),
        "is the roster itself",
    );
    let not_a_backup = dir.path().join("notes.txt");
    std::fs::write(&not_a_backup, "hello").unwrap();
    let plain = dir.path().join("plain.sqlite3");
    rusqlite::Connection::open(&plain)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    let empty = dir.path().join("empty.sqlite3");
    std::fs::write(&empty, "").unwrap();
    for (backup, why) in [
        (
            not_a_backup.clone(),
            "is not an ILN Roster backup (it is not a database)",
        ),
        (
            plain,
            "is not an ILN Roster backup (it is another program's database)",
        ),
        (empty, "is not an ILN Roster backup (it is empty)"),
        (
            dir.path().to_path_buf(),
            "is not an ILN Roster backup (it is a folder)",
        ),
        (dir.path().join("gone.sqlite3"), "There is no backup at"),
    ] {
        assert_fails_saying(&roster(&db, &["restore", backup.to_str().unwrap()]), why);
    }
    let zero = dir.path().join("zero.sqlite3");
    std::fs::write(&zero, "").unwrap();
    assert_fails_saying(&roster(&zero, &["check"]), "There is no roster at");

    let leftover = dir.path().join(".iln-export-k1ll3d");
    std::fs::write(&leftover, "half an export").unwrap();
    let out = dir.path().join("roster.csv");
    assert!(
        roster(&db, &["export", "roster", "-o", out.to_str().unwrap()])
            .status
            .success()
    );
    assert!(!leftover.exists(), "swept by the next export here");
}

/// A dry run is the wizard's review: every row that would change something,
/// each field as old ➡ new, and nothing written.
#[test]
fn an_import_dry_run_lists_each_change_old_to_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let exported = dir.path().join("roster.csv");
    let out = roster(&db, &["export", "roster", "-o", exported.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));

    let text = std::fs::read_to_string(&exported).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let co_op = lines[0]
        .split(',')
        .position(|h| h == "Co-op")
        .expect("a Co-op column");
    let mut cells: Vec<String> = lines[1].split(',').map(str::to_owned).collect();
    let old = cells[co_op].clone();
    let new = if old == "OVEC" { "GRREC" } else { "OVEC" };
    cells[co_op] = new.to_owned();
    lines[1] = cells.join(",");
    let changed = dir.path().join("changed.csv");
    std::fs::write(&changed, lines.join("\n")).unwrap();

    let before = std::fs::read(&db).unwrap();
    let run = roster(
        &db,
        &[
            "import",
            "districts",
            changed.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let said = stdout(&run);
    assert!(
        said.contains(&format!("Row 2 ({}): Cooperative: {old} ➡ {new}", cells[0])),
        "{said}"
    );
    assert!(
        said.contains("would add 0 districts and update 1; 170 unchanged"),
        "{said}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");
}

/// Only a real import makes a roster: not a dry run, not a file that cannot
/// be read, not a restore to a mistyped path.
#[test]
fn nothing_is_made_by_a_command_that_fails_or_only_looks() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.sqlite3");
    let missing = dir.path().join("nofile.csv");
    assert!(
        !roster(&new, &["import", "districts", missing.to_str().unwrap()])
            .status
            .success()
    );
    assert!(!new.exists(), "an unreadable file makes no roster");

    let dry = roster(&new, &["import", "districts", DISTRICTS, "--dry-run"]);
    assert!(dry.status.success(), "{}", stderr(&dry));
    assert!(
        stdout(&dry).contains("would add 171 districts"),
        "{}",
        stdout(&dry)
    );
    assert!(!new.exists(), "a dry run makes no roster");

    let report = fixture("zoom_rejoins.csv");
    assert_fails_saying(
        &roster(&new, &["import", "attendance", "--convening", "1", &report]),
        "There is no roster at",
    );
    assert!(!new.exists(), "attendance needs a roster");

    let db = dir.path().join("roster.sqlite3");
    assert!(roster(&db, &["demo", "--years", "1"]).status.success());
    let copy = dir.path().join("copy.sqlite3");
    assert!(
        roster(&db, &["backup", "-o", copy.to_str().unwrap()])
            .status
            .success()
    );
    let typo = dir.path().join("rostr.sqlite3");
    assert_fails_saying(
        &roster(&typo, &["restore", copy.to_str().unwrap()]),
        "There is no roster at",
    );
    assert!(!typo.exists(), "a restore replaces a roster, it makes none");

    assert!(
        roster(&new, &["import", "districts", DISTRICTS])
            .status
            .success()
    );
    assert!(new.exists(), "an import makes the roster");
}

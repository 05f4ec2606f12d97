//! The command line keeps rosters safe, run as the built binary: nothing
//! written over a database, nothing made by a command that only looks,
//! checks, restores, and output safe for a terminal.

mod common;

use std::path::Path;
use std::process::Command;

use common::cli::*;

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

//! The command line's imports, run as the built binary: attendance from a
//! participant report, and districts with their changes listed old to new.

mod common;

use common::cli::*;

#[test]
fn attendance_is_imported_from_a_report_listing_who_was_not_matched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    {
        let mut store = iln_roster::store::Store::open(&db).unwrap();
        store
            .add_districts(&iln_roster::bundled::kentucky_districts::kentucky_districts().unwrap())
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
                ..iln_roster::domain::ConveningFields::default()
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
                ..iln_roster::domain::ConveningFields::default()
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
        stdout(&set).contains("Minimum time in the meeting: 0 min → 10 min"),
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
        stdout(&shown).contains("Minimum time in the meeting: 10 min (default 0 min)"),
        "{}",
        stdout(&shown)
    );
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

//! District lists as people keep them: abbreviated headings in any order,
//! a role named in an email column's heading, a title above the table, rows
//! that repeat a district or share another's number. The review flags every
//! such row before anything is written, `--skip-invalid` imports the rest,
//! and whatever the dry run says is exactly what the import does.

use std::path::Path;
use std::process::{Command, Output};

use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::{ContactRole, DistrictFields};
use iln_roster::import::{Choice, ImportOptions, Mapping, Outcome, actions, plan};
use iln_roster::io::spreadsheet::{RawRow, RawTable};
use iln_roster::store::{ImportAction, Store};
use proptest::prelude::*;

fn roster(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iln-roster"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn fixture() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/districts/abbreviated.csv")
        .display()
        .to_string()
}

fn kentucky(db: &Path) {
    let mut store = Store::open(db).unwrap();
    store.add_districts(&kentucky_districts().unwrap()).unwrap();
}

#[test]
fn a_district_list_as_people_keep_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    kentucky(&db);
    let before = std::fs::read(&db).unwrap();
    let file = fixture();

    // All or nothing: every refused row is named, nothing is written.
    let all = roster(&db, &["import", "districts", &file]);
    assert!(!all.status.success());
    let message = String::from_utf8_lossy(&all.stderr);
    for expected in [
        "Row 6, its KDE number 998 is also on row 5 (New Town Independent), another district",
        "Row 7, its KDE number is Allen County's but its name is Adair County's",
        "Row 8, row 4 (Allen County) already changes this district of the roster",
        "run again with --skip-invalid",
    ] {
        assert!(message.contains(expected), "{expected} in {message}");
    }
    assert_eq!(std::fs::read(&db).unwrap(), before, "nothing written");

    // The dry run says what --skip-invalid then does.
    let dry = roster(
        &db,
        &["import", "districts", &file, "--dry-run", "--skip-invalid"],
    );
    let said = String::from_utf8_lossy(&dry.stdout).into_owned();
    assert!(
        dry.status.success(),
        "{}",
        String::from_utf8_lossy(&dry.stderr)
    );
    for expected in [
        "Row 4 (Allen County): adds Superintendent Pat Doe; adds Point of contact Lee Smith",
        "Row 5 (New Town Independent): Adds the district; adds Superintendent Ann Lake",
        "Refused: Row 6,",
        "Not imported: the columns “Favourite colour”.",
        "would add 1 district and update 1; 1 unchanged, 3 refused. Nothing was written.",
    ] {
        assert!(said.contains(expected), "{expected} in {said}");
    }
    let run = roster(&db, &["import", "districts", &file, "--skip-invalid"]);
    let done = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(
        done.contains("added 1 district, updated 1, 1 unchanged, 3 refused; added 3 contacts"),
        "{done}"
    );

    let store = Store::open(&db).unwrap();
    let list = store.district_list().unwrap();
    let find = |name: &str| list.iter().find(|d| d.district.fields.name == name);
    let allen = find("Allen County").unwrap();
    let people = store.contacts_of(allen.district.id).unwrap();
    let superintendent = people
        .iter()
        .find(|c| c.fields.role == ContactRole::Superintendent)
        .unwrap();
    assert_eq!(
        superintendent.fields.email, "pat.doe@allen.kyschools.us",
        "the role named in the email column's heading"
    );
    assert!(find("New Town Independent").is_some());
    assert!(find("Other Name").is_none());
    assert!(find("Fresh One").is_none());
    assert_eq!(list.len(), 172);
}

/// A refused import makes no roster where there was none.
#[test]
fn a_refused_import_makes_no_roster() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let run = roster(&db, &["import", "districts", &fixture()]);
    assert!(!run.status.success());
    assert!(!db.exists(), "no roster made by a refused import");
    let run = roster(&db, &["import", "districts", &fixture(), "--skip-invalid"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(db.exists(), "an import that imports makes its roster");
}

/// The pool rows are drawn from: names, numbers and IDs that meet the
/// roster's and each other's in every way (same, another district's, new).
const NAMES: [&str; 6] = [
    "Allen County",
    "Adair County",
    "allen  county",
    "New Town Independent",
    "Other Name",
    "Fresh One",
];
const NUMBERS: [&str; 6] = ["005", "5", "001", "998", "990", ""];
const IDS: [&str; 4] = ["2100070", "2100030", "2199999", ""];
const NOTES: [&str; 3] = ["", "Pilot", "Second year"];

fn table(rows: &[(usize, usize, usize, usize)]) -> RawTable {
    RawTable {
        headers: ["District", "KDE #", "NCES ID", "Notes"]
            .map(str::to_owned)
            .to_vec(),
        header_row: 1,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, (name, number, id, note))| RawRow {
                number: i + 2,
                cells: vec![
                    NAMES[*name].to_owned(),
                    NUMBERS[*number].to_owned(),
                    IDS[*id].to_owned(),
                    NOTES[*note].to_owned(),
                ],
            })
            .collect(),
    }
}

fn fields_by_name(store: &Store) -> Vec<DistrictFields> {
    let mut all: Vec<DistrictFields> = store
        .district_list()
        .unwrap()
        .into_iter()
        .map(|d| d.district.fields)
        .collect();
    all.sort_by(|a, b| a.name.cmp(&b.name));
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the review says would happen (each row to import, with what
    /// it adds or becomes) is exactly what the import does: it never fails
    /// where the review found nothing wrong, and it changes nothing else.
    #[test]
    fn the_dry_run_is_what_the_import_does(
        rows in proptest::collection::vec((0..6usize, 0..6usize, 0..4usize, 0..3usize), 1..8)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("roster.sqlite3");
        kentucky(&db);
        let mut store = Store::open(&db).unwrap();
        let before = fields_by_name(&store);
        let table = table(&rows);
        let mapping = Mapping::guess(&table.headers);
        let roster = store.district_list().unwrap();
        let contacts = store.all_contacts().unwrap();
        let mut planned = plan(&table, &mapping, &roster, &contacts, ImportOptions::default());
        // As `--skip-invalid --allow-renames` takes them.
        for row in &mut planned {
            row.choice = if row.outcome.changes_anything() { Choice::Import } else { Choice::Skip };
        }
        let chosen = actions(&planned).expect("only valid rows are chosen");

        // What the review says the roster becomes.
        let mut expected = before.clone();
        for row in planned.iter().filter(|r| r.choice == Choice::Import) {
            match &row.outcome {
                Outcome::New { fields, .. } => expected.push(fields.clone()),
                Outcome::Existing { id, fields, .. } => {
                    let old = &roster.iter().find(|d| d.district.id == *id).unwrap().district.fields;
                    let at = expected.iter().position(|f| f == old).unwrap();
                    expected[at] = fields.clone();
                }
                Outcome::WithRow(_) | Outcome::Invalid(_) => unreachable!("not chosen"),
            }
        }
        expected.sort_by(|a, b| a.name.cmp(&b.name));

        let summary = store.apply_import(&chosen, |_| true);
        prop_assert!(summary.is_ok(), "the review found nothing wrong, the import failed: {summary:?}");
        let summary = summary.unwrap();
        let added = chosen.iter().filter(|a| matches!(a, ImportAction::Add { .. })).count();
        prop_assert_eq!(summary.added, added);
        prop_assert_eq!(fields_by_name(&store), expected);
    }
}

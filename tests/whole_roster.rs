//! The whole roster as one workbook and back: a demo network exported with
//! `everything` and imported into an empty roster is the same network
//! (every table, ids aside); imported again, it changes nothing.

mod common;

use std::collections::BTreeMap;

use common::{demo_roster, fix_clock, today};
use iln_roster::export::everything::everything;
use iln_roster::import::workbook;
use iln_roster::io::save::{FileFormat, save_sheets};
use iln_roster::io::table::Sheet;
use iln_roster::store::Store;
use proptest::prelude::*;

/// How many records each table holds (history and its bookkeeping aside:
/// an imported roster's history starts fresh).
fn table_sizes(store: &Store) -> BTreeMap<String, usize> {
    let mut sizes = BTreeMap::new();
    for line in store.content_snapshot().unwrap() {
        let table = line.split(':').next().unwrap_or_default().to_owned();
        *sizes.entry(table).or_insert(0) += 1;
    }
    for history in [
        "membership_status_change",
        "grant_status_change",
        "attendance_report",
    ] {
        sizes.remove(history);
    }
    sizes
}

/// Writes the roster's whole workbook, imports it into a new roster, and
/// returns both rosters' workbooks' sheets (and the new roster).
fn moved(from: &Store, dir: &std::path::Path) -> (Vec<Sheet>, Vec<Sheet>, Store) {
    let sheets = everything(from).unwrap();
    let file = dir.join("everything.xlsx");
    save_sheets(&file, FileFormat::Xlsx, &sheets, |_| true).unwrap();
    let mut to = Store::open(&dir.join("moved.sqlite3")).unwrap();
    let book = workbook::read(&file).unwrap();
    let report = workbook::import(&mut to, &book, true, today(), &mut |_| true).unwrap();
    for (sheet, report) in &report.sheets {
        let problems: Vec<String> = report
            .rows
            .iter()
            .filter(|r| {
                r.details
                    .contains(iln_roster::import::records::FROM_THE_LEDGER)
                    || matches!(
                        r.result,
                        iln_roster::import::records::RowResult::Problem
                            | iln_roster::import::records::RowResult::Partly
                    )
            })
            .map(|r| format!("{sheet} row {}: {} — {}", r.number, r.subject, r.details))
            .collect();
        assert!(
            problems.is_empty(),
            "rows not imported as they were: {problems:#?}"
        );
    }
    let back = everything(&to).unwrap();
    (sheets, back, to)
}

fn assert_same_sheets(before: &[Sheet], after: &[Sheet]) {
    assert_eq!(before.len(), after.len());
    for (a, b) in before.iter().zip(after) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.columns, b.columns, "{}: columns", a.name);
        assert_eq!(a.rows.len(), b.rows.len(), "{}: rows", a.name);
        for (i, (x, y)) in a.rows.iter().zip(&b.rows).enumerate() {
            assert_eq!(x, y, "{} row {}", a.name, i + 1);
        }
    }
}

#[test]
fn a_ten_year_roster_moves_whole_and_comes_back_unchanged() {
    fix_clock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    demo_roster(&path, 10, 7);
    let from = Store::open(&path).unwrap();
    let (before, after, mut to) = moved(&from, dir.path());
    assert_same_sheets(&before, &after);
    assert_eq!(
        table_sizes(&from),
        table_sizes(&to),
        "every table holds as many records"
    );
    assert_eq!(
        from.overview(common::this_year(), today()).unwrap().figures,
        to.overview(common::this_year(), today()).unwrap().figures,
        "the Overview's figures agree"
    );

    // Imported again, nothing changes, and no change is recorded.
    let changes = to.history(&Default::default()).unwrap().len();
    let content = to.content_snapshot().unwrap();
    let book = workbook::read(&dir.path().join("everything.xlsx")).unwrap();
    let report = workbook::import(&mut to, &book, true, today(), &mut |_| true).unwrap();
    for (sheet, report) in &report.sheets {
        assert_eq!(report.written, 0, "{sheet}: {}", report.summary(false));
    }
    assert_eq!(to.content_snapshot().unwrap(), content);
    assert_eq!(to.history(&Default::default()).unwrap().len(), changes);
}

#[test]
fn the_whole_import_is_one_change_undone_at_once() {
    fix_clock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    demo_roster(&path, 2, 3);
    let from = Store::open(&path).unwrap();
    let (_, _, mut to) = moved(&from, dir.path());
    assert_eq!(to.history(&Default::default()).unwrap().len(), 1);
    to.undo().unwrap();
    assert_eq!(to.district_list().unwrap().len(), 0, "undone whole");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4, ..ProptestConfig::default() })]

    /// Any generated network comes back the same.
    #[test]
    fn any_demo_network_moves_whole(years in 1u32..4, seed in 0u64..10_000) {
        fix_clock();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite3");
        demo_roster(&path, years, seed);
        let from = Store::open(&path).unwrap();
        let (before, after, to) = moved(&from, dir.path());
        assert_same_sheets(&before, &after);
        prop_assert_eq!(table_sizes(&from), table_sizes(&to));
    }
}

#[test]
fn a_district_renamed_in_one_sheet_is_refused_not_lost() {
    fix_clock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    demo_roster(&path, 1, 5);
    let from = Store::open(&path).unwrap();
    let mut sheets = everything(&from).unwrap();
    for row in &mut sheets[0].rows {
        if row[0] == iln_roster::io::table::Cell::text("Adair County") {
            row[0] = iln_roster::io::table::Cell::text("ADAIR CO.");
        }
    }
    let file = dir.path().join("renamed.xlsx");
    save_sheets(&file, FileFormat::Xlsx, &sheets, |_| true).unwrap();
    let mut to = Store::open(&dir.path().join("moved.sqlite3")).unwrap();
    let book = workbook::read(&file).unwrap();
    let report = workbook::import(&mut to, &book, false, today(), &mut |_| true).unwrap();
    let (_, contacts) = report
        .sheets
        .iter()
        .find(|(name, _)| name == "Contacts")
        .unwrap();
    let refused: Vec<&str> = contacts
        .rows
        .iter()
        .filter(|r| r.result == iln_roster::import::records::RowResult::Problem)
        .map(|r| r.details.as_str())
        .collect();
    assert!(
        !refused.is_empty(),
        "Adair County's people are not taken silently"
    );
    assert!(
        refused.iter().all(|d| d.contains("ADAIR CO.")),
        "{refused:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3, ..ProptestConfig::default() })]

    /// The whole roster's dry run says, sheet by sheet and row by row, what
    /// its import then does (convenings, funds and settings among them),
    /// and writes nothing.
    #[test]
    fn a_workbook_dry_run_is_its_import(years in 1u32..3, seed in 0u64..10_000) {
        fix_clock();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("demo.sqlite3");
        demo_roster(&path, years, seed);
        let from = Store::open(&path).unwrap();
        let file = dir.path().join("everything.xlsx");
        save_sheets(&file, FileFormat::Xlsx, &everything(&from).unwrap(), |_| true).unwrap();
        let book = workbook::read(&file).unwrap();
        let mut to = Store::open(&dir.path().join("moved.sqlite3")).unwrap();
        let before = to.content_snapshot().unwrap();
        let dry = workbook::import(&mut to, &book, false, today(), &mut |_| true).unwrap();
        prop_assert_eq!(&to.content_snapshot().unwrap(), &before);
        let real = workbook::import(&mut to, &book, true, today(), &mut |_| true).unwrap();
        let said = |r: &workbook::WorkbookReport| {
            r.sheets
                .iter()
                .map(|(name, s)| {
                    let rows: Vec<(usize, String)> = s.rows.iter().map(|r| (r.number, r.details.clone())).collect();
                    (name.clone(), s.written, rows)
                })
                .collect::<Vec<_>>()
        };
        prop_assert_eq!(said(&dry), said(&real));
    }
}

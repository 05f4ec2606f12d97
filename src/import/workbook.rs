//! The whole-roster workbook (`Export → Everything`) read back: its sheets
//! in order, districts and their people by the district import, the rest
//! by the record imports, all as one change of the roster (a dry run
//! rolls it back). Sheets it lacks are passed over; a sheet it does not
//! know is named.

use std::path::Path;

use chrono::NaiveDate;

use super::records::{self, RecordKind, RecordRow, RowResult, SheetImport, SheetReport};
use super::{Choice, ImportOptions, Mapping, Outcome};
use crate::export::everything::SHEETS;
use crate::io::spreadsheet::{self, RawTable, ReadError};
use crate::store::{Store, StoreError};

/// What reading the workbook found, before anything is written.
pub struct Workbook {
    /// Each sheet the import knows, in the order it reads them.
    pub sheets: Vec<(String, RawTable)>,
    /// Sheets it does not know, passed over.
    pub unknown: Vec<String>,
    /// Sheets a whole roster has that this one lacks.
    pub missing: Vec<String>,
}

/// What the import did with each sheet.
pub struct WorkbookReport {
    pub sheets: Vec<(String, SheetReport)>,
    pub unknown: Vec<String>,
    pub missing: Vec<String>,
}

/// Reads the workbook's sheets (none is written yet).
pub fn read(path: &Path) -> Result<Workbook, ReadError> {
    if let Err(source) = std::fs::metadata(path) {
        return Err(ReadError::Io {
            path: path.to_path_buf(),
            source,
        });
    }
    let names = spreadsheet::sheet_names(path)?;
    if names.is_empty() {
        return Err(ReadError::Unreadable {
            path: path.to_path_buf(),
            reason: "the whole roster comes as an Excel workbook of several sheets, not a CSV file"
                .to_owned(),
        });
    }
    let mut sheets = Vec::new();
    for wanted in SHEETS {
        if let Some(name) = names.iter().find(|n| n.eq_ignore_ascii_case(wanted)) {
            match spreadsheet::read_sheet(path, Some(name), &|h| known_heading(h)) {
                Ok(table) => sheets.push((wanted.to_owned(), table)),
                // An empty sheet (no funds yet) has nothing to import.
                Err(ReadError::NoTable { .. }) => {}
                Err(error) => return Err(error),
            }
        }
    }
    let missing = SHEETS
        .iter()
        .filter(|s| !names.iter().any(|n| n.eq_ignore_ascii_case(s)))
        .map(|s| (*s).to_owned())
        .collect();
    let unknown = names
        .into_iter()
        .filter(|n| !SHEETS.iter().any(|s| s.eq_ignore_ascii_case(n)))
        .collect();
    if !sheets.iter().any(|(name, _)| name == SHEETS[0]) {
        return Err(ReadError::Unreadable {
            path: path.to_path_buf(),
            reason: format!(
                "it is not a whole-roster workbook: it has no {} sheet (its sheets: {}). \
                 Import its tables one by one instead",
                SHEETS[0],
                spreadsheet::sheet_names(path)?.join(", ")
            ),
        });
    }
    if sheets.is_empty() {
        return Err(ReadError::Unreadable {
            path: path.to_path_buf(),
            reason: format!(
                "it has none of the sheets a whole roster has ({})",
                SHEETS.join(", ")
            ),
        });
    }
    Ok(Workbook {
        sheets,
        unknown,
        missing,
    })
}

fn known_heading(heading: &str) -> bool {
    super::is_known_heading(heading)
        || ["setting", "date", "school year"].contains(&heading.trim().to_lowercase().as_str())
}

fn kind_of(sheet: &str) -> Option<RecordKind> {
    match sheet {
        "Letters" => Some(RecordKind::Memberships),
        "Convenings" => Some(RecordKind::Convenings),
        "Attendance" => Some(RecordKind::AttendanceList),
        "Travel grants" => Some(RecordKind::Grants),
        "Funds" => Some(RecordKind::Funds),
        "Settings" => Some(RecordKind::Settings),
        "Network people" => Some(RecordKind::NetworkPeople),
        _ => None,
    }
}

/// Imports the workbook's sheets in order as one change, kept only when
/// `keep`. `proceed` is told how many rows are done; `false` cancels.
pub fn import(
    store: &mut Store,
    workbook: &Workbook,
    keep: bool,
    today: NaiveDate,
    proceed: &mut dyn FnMut(usize) -> bool,
) -> Result<WorkbookReport, StoreError> {
    let sheets = store.in_one_change(keep, |store| {
        let mut reports = Vec::new();
        let mut done = 0;
        for (name, table) in &workbook.sheets {
            let report = match kind_of(name) {
                Some(kind) => {
                    let sheet = SheetImport::new(kind, table.clone());
                    records::import_sheet(store, &sheet, today, &mut |n| proceed(done + n))?
                }
                None => districts_sheet(store, table, name == "Districts")?,
            };
            done += report.rows.len();
            reports.push((name.clone(), report));
        }
        Ok(reports)
    })?;
    Ok(WorkbookReport {
        sheets,
        unknown: workbook.unknown.clone(),
        missing: workbook.missing.clone(),
    })
}

/// Total rows in the workbook's sheets, for progress.
pub fn row_count(workbook: &Workbook) -> usize {
    workbook.sheets.iter().map(|(_, t)| t.rows.len()).sum()
}

/// Districts (or their people) by the district import; the Districts
/// sheet's Archived column archives them.
fn districts_sheet(
    store: &mut Store,
    table: &RawTable,
    with_archive: bool,
) -> Result<SheetReport, StoreError> {
    let mapping = Mapping::guess(&table.headers);
    if let Some(problem) = mapping.problem() {
        return Err(StoreError::Refused(problem));
    }
    let planned = super::plan(
        table,
        &mapping,
        &store.district_list()?,
        &store.all_contacts()?,
        ImportOptions::default(),
    );
    let actions = super::actions(
        &planned
            .iter()
            .filter(|r| !matches!(r.outcome, Outcome::Invalid(_)))
            .cloned()
            .collect::<Vec<_>>(),
    )
    .map_err(|problems| StoreError::Refused(problems.join("; ")))?;
    let summary = store.apply_import(&actions, |_| true)?;
    let mut written =
        summary.added + summary.updated + summary.contacts_added + summary.contacts_updated;
    if with_archive
        && let Some(column) = table
            .headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case("archived"))
    {
        let kde_column = mapping.column_of(super::Field::KdeNumber);
        let roster = store.district_list()?;
        for row in &table.rows {
            let wanted = row.cells.get(column).is_some_and(|c| records::is_yes(c));
            let kde = kde_column
                .and_then(|k| row.cells.get(k))
                .map(|k| format!("{:0>3}", k.trim()));
            if let Some(item) = roster
                .iter()
                .find(|d| Some(&d.district.fields.kde_number) == kde.as_ref())
                && item.district.archived != wanted
            {
                store.set_district_archived(item.district.id, wanted)?;
                written += 1;
            }
        }
    }
    let rows = planned
        .iter()
        .map(|row| {
            let result = match &row.outcome {
                Outcome::New { .. } => RowResult::New,
                // A rename found by number is never taken silently.
                Outcome::Existing {
                    caution: Some(_), ..
                } => RowResult::Problem,
                Outcome::Existing { .. } if row.outcome.changes_anything() => RowResult::Update,
                Outcome::Existing { .. } | Outcome::WithRow(_) => RowResult::Unchanged,
                Outcome::Invalid(_) => RowResult::Problem,
            };
            let choice = if result == RowResult::Problem || !row.outcome.changes_anything() {
                Choice::Skip
            } else {
                Choice::Import
            };
            RecordRow::planned_elsewhere(
                row.number,
                row.outcome.district_name().unwrap_or_default().to_owned(),
                result,
                row.outcome.describe(),
                choice,
            )
        })
        .collect();
    Ok(SheetReport {
        kind: None,
        rows,
        written,
        new_convenings: Vec::new(),
    })
}

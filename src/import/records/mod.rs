//! Importing the network's past from the consultant's spreadsheets: a year's
//! letters, attendance (a grid of marks or a list), the Travel Fund ledger,
//! and the app's own whole-roster workbook. Each row is read, checked by the
//! same rules as the forms, and shown as New, Update (naming the fields),
//! Unchanged, Partly (what it can import, and why not all) or Problem
//! (naming its row and column).
//!
//! Reading and writing are one pass inside one change of the store
//! ([`crate::store::Store::in_one_change`]): a dry run is the real import
//! rolled back, so the review always says what the import will do; the
//! sheets of a workbook are read in order, each seeing what the ones before
//! it wrote (a grant sees the letter that makes its district a member).

mod attendance;
mod cells;
mod columns;
mod grants;
mod letters;
mod network;
mod people;
mod roster;

pub use attendance::NewConvening;
pub(crate) use cells::DistrictFinder;
pub use cells::is_ticked;
pub use grants::FROM_THE_LEDGER;

/// Whether a cell says yes (a tick, "Yes", "x").
pub fn is_yes(text: &str) -> bool {
    is_ticked(text).unwrap_or(false)
}

use std::collections::BTreeMap;

use chrono::NaiveDate;

pub use columns::{Col, RecordMapping};

use super::Choice;
use crate::domain::attendance_marks::MarkMeanings;
use crate::io::spreadsheet::RawTable;
use crate::store::{Store, StoreError};

/// What a table holds, beyond districts and their people.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecordKind {
    /// One row per district and school year: its Letter of Commitment.
    Memberships,
    /// Districts down, one column per convening, a mark in each cell.
    AttendanceGrid,
    /// One row per district per convening.
    AttendanceList,
    /// The Travel Fund ledger: one row per application.
    Grants,
    /// One row per convening (the whole-roster workbook's).
    Convenings,
    /// Each school year's Travel Fund (the whole-roster workbook's).
    Funds,
    /// The roster's settings (the whole-roster workbook's).
    Settings,
    /// People of the network outside the districts (the whole-roster
    /// workbook's).
    NetworkPeople,
}

/// Whether a heading names a field of `kind` (used to find the header row).
pub fn is_known_heading(kind: RecordKind, heading: &str) -> bool {
    let guessed = RecordMapping::guess(kind, &[heading.to_owned()]);
    guessed
        .0
        .first()
        .copied()
        .flatten()
        .is_some_and(|f| f != Col::ConveningColumn)
}

impl RecordKind {
    /// The kinds a person brings in from their own spreadsheets.
    pub const FROM_SPREADSHEETS: [Self; 4] = [
        Self::Memberships,
        Self::AttendanceGrid,
        Self::AttendanceList,
        Self::Grants,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Memberships => "Letters of Commitment",
            Self::AttendanceGrid => "Attendance grid",
            Self::AttendanceList => "Attendance list",
            Self::Grants => "Travel Fund ledger",
            Self::Convenings => "Convenings",
            Self::Funds => "Travel Funds",
            Self::Settings => "Settings",
            Self::NetworkPeople => "People of the network",
        }
    }

    /// What the file looks like, in a sentence.
    pub fn describe(self) -> &'static str {
        match self {
            Self::Memberships => {
                "A row per district and school year: dates, status, signatories, goals, big ideas and action areas"
            }
            Self::AttendanceGrid => {
                "Districts down the side, a column per convening headed by its date or name, a mark in each cell"
            }
            Self::AttendanceList => "A row per district per convening: date, convening, mark",
            Self::Grants => {
                "A row per application: district, destination, travel dates, amounts, status or dates"
            }
            Self::Convenings => "A row per convening: date, title, kind, location",
            Self::Funds => "A row per school year: its Travel Fund",
            Self::Settings => "A row per setting and its value",
            Self::NetworkPeople => {
                "A row per person of the network outside the districts: name, organisation, email, role"
            }
        }
    }

    /// What one of its records is called, counted.
    fn noun(self, n: usize) -> String {
        let (one, many) = match self {
            Self::Memberships => ("letter", "letters"),
            Self::AttendanceGrid | Self::AttendanceList => ("attendance line", "attendance lines"),
            Self::Grants => ("application", "applications"),
            Self::Convenings => ("convening", "convenings"),
            Self::Funds => ("fund", "funds"),
            Self::Settings => ("setting", "settings"),
            Self::NetworkPeople => ("person", "people"),
        };
        crate::domain::count(n, one, many)
    }
}

/// What a row will do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RowResult {
    New,
    Update,
    Unchanged,
    /// Breaks a rule, yet part of it can be imported (left unticked).
    Partly,
    Problem,
}

impl RowResult {
    pub fn label(self) -> &'static str {
        match self {
            Self::New => "New",
            Self::Update => "Update",
            Self::Unchanged => "Unchanged",
            Self::Partly => "⚠ Partly",
            Self::Problem => "⚠ Problem",
        }
    }
}

/// A row of the file and what it will do.
#[derive(Clone, Debug)]
pub struct RecordRow {
    /// The row number in the file, as the spreadsheet numbers it.
    pub number: usize,
    /// What the row is about: "Adair County · 2023-2024".
    pub subject: String,
    pub result: RowResult,
    /// What it does, or why it cannot (and what it would do instead).
    pub details: String,
    pub choice: Choice,
    action: Option<Action>,
    /// Planned (and written) by the district import, not by this one.
    elsewhere: bool,
}

impl RecordRow {
    fn new(
        number: usize,
        subject: String,
        result: RowResult,
        details: String,
        action: Option<Action>,
    ) -> Self {
        let choice = match result {
            RowResult::New | RowResult::Update => Choice::Import,
            _ => Choice::Skip,
        };
        Self {
            number,
            subject,
            result,
            details,
            choice,
            action,
            elsewhere: false,
        }
    }

    /// A row shown as another import planned it (the district import's).
    pub fn planned_elsewhere(
        number: usize,
        subject: String,
        result: RowResult,
        details: String,
        choice: Choice,
    ) -> Self {
        Self {
            number,
            subject,
            result,
            details,
            choice,
            action: None,
            elsewhere: true,
        }
    }

    fn problem(number: usize, subject: String, problems: &[String]) -> Self {
        Self::new(
            number,
            subject,
            RowResult::Problem,
            problems.join("; "),
            None,
        )
    }

    /// Whether the row can be ticked for import.
    /// The status a letter's row leaves the letter in, once written.
    pub fn letter_status(&self) -> Option<crate::domain::MembershipStatus> {
        match &self.action {
            Some(Action::Letter(letter)) => letter.final_status(),
            _ => None,
        }
    }

    pub fn can_import(&self) -> bool {
        (self.action.is_some() || self.elsewhere)
            && !matches!(self.result, RowResult::Unchanged | RowResult::Problem)
    }
}

/// One sheet (or CSV file) to import, as the user set it up.
#[derive(Clone, Debug)]
pub struct SheetImport {
    pub kind: RecordKind,
    pub table: RawTable,
    pub mapping: RecordMapping,
    /// What each mark in an attendance grid or list means.
    pub marks: MarkMeanings,
    /// The school year of dates written without one (an attendance grid's
    /// "9/12" headings): the user's, as the file's title says.
    pub year: Option<crate::domain::SchoolYear>,
    /// The user's choice for rows by their number, where it differs from
    /// the default (New and Update imported, the rest not).
    pub choices: BTreeMap<usize, Choice>,
    /// The title and kind of a convening the import makes, by its day and
    /// the title the file gives it (see [`NewConvening`]).
    pub convening_names: BTreeMap<(NaiveDate, String), (String, crate::domain::ConveningKind)>,
}

impl SheetImport {
    pub fn new(kind: RecordKind, table: RawTable) -> Self {
        let mapping = RecordMapping::guess(kind, &table.headers);
        Self {
            kind,
            table,
            mapping,
            marks: MarkMeanings::default(),
            year: None,
            choices: BTreeMap::new(),
            convening_names: BTreeMap::new(),
        }
    }
}

/// What a sheet's import read and did.
#[derive(Clone, Debug)]
pub struct SheetReport {
    /// What the sheet held; `None` for districts and their people.
    pub kind: Option<RecordKind>,
    pub rows: Vec<RecordRow>,
    /// Records written (or, in a dry run, that would be).
    pub written: usize,
    /// The convenings the sheet's attendance makes.
    pub new_convenings: Vec<NewConvening>,
}

impl SheetReport {
    pub fn count(&self, result: RowResult) -> usize {
        self.rows.iter().filter(|r| r.result == result).count()
    }

    pub fn chosen(&self) -> usize {
        self.rows
            .iter()
            .filter(|r| r.choice == Choice::Import && r.can_import())
            .count()
    }

    /// "12 letters imported; 3 unchanged; 1 problem".
    pub fn summary(&self, dry_run: bool) -> String {
        let verb = if dry_run {
            "would be imported"
        } else {
            "imported"
        };
        let written = match self.kind {
            Some(kind) => kind.noun(self.written),
            None => format!(
                "{} (districts and people)",
                crate::domain::count(self.written, "record", "records")
            ),
        };
        let mut parts = vec![format!("{written} {verb}")];
        let unchanged = self.count(RowResult::Unchanged);
        if unchanged > 0 {
            parts.push(format!("{unchanged} unchanged"));
        }
        let left = self
            .rows
            .iter()
            .filter(|r| {
                r.result != RowResult::Unchanged && !(r.choice == Choice::Import && r.can_import())
            })
            .count();
        if left > 0 {
            parts.push(crate::domain::count(left, "row left out", "rows left out"));
        }
        parts.join("; ")
    }
}

/// A change a row asks of the roster, found while reading it.
#[derive(Clone, Debug)]
enum Action {
    Letter(letters::LetterAction),
    Attendance(attendance::AttendanceAction),
    Grant(grants::GrantAction),
    Convening(
        Option<crate::domain::ConveningId>,
        crate::domain::ConveningFields,
    ),
    Fund(crate::domain::SchoolYear, crate::domain::Money),
    Setting(crate::domain::settings::Setting, String),
    NetworkPerson(
        Option<crate::domain::NetworkPersonId>,
        crate::domain::NetworkPersonFields,
    ),
}

/// Reads and writes `sheets` in order as one change of the store, kept
/// only when `keep` (otherwise a dry run: the same reading and writing,
/// rolled back). `proceed` is told how many rows are done; `false` cancels,
/// and nothing is kept.
pub fn run(
    store: &mut Store,
    sheets: &[SheetImport],
    keep: bool,
    today: NaiveDate,
    proceed: &mut dyn FnMut(usize) -> bool,
) -> Result<Vec<SheetReport>, StoreError> {
    store.in_one_change(keep, |store| {
        let mut reports = Vec::new();
        let mut done = 0;
        for sheet in sheets {
            let report = import_sheet(store, sheet, today, &mut |n| proceed(done + n))?;
            done += report.rows.len();
            reports.push(report);
        }
        Ok(reports)
    })
}

/// Reads and writes one sheet. Meant inside [`Store::in_one_change`] (as
/// [`run`] and the workbook import call it): on its own, each record would
/// be a change of its own.
pub fn import_sheet(
    store: &mut Store,
    sheet: &SheetImport,
    today: NaiveDate,
    proceed: &mut dyn FnMut(usize) -> bool,
) -> Result<SheetReport, StoreError> {
    let (mut rows, new_convenings) = plan(store, sheet, today)?;
    for row in &mut rows {
        if let Some(choice) = sheet.choices.get(&row.number) {
            row.choice = *choice;
        }
    }
    let written = apply(store, &rows, today, proceed)?;
    Ok(SheetReport {
        kind: Some(sheet.kind),
        rows,
        written,
        new_convenings,
    })
}

/// What every row of the sheet would do against the roster as it is now,
/// read only (the review of one returned letter).
pub fn plan_rows(
    store: &Store,
    sheet: &SheetImport,
    today: NaiveDate,
) -> Result<Vec<RecordRow>, StoreError> {
    let (mut rows, _) = plan(store, sheet, today)?;
    for row in &mut rows {
        if let Some(choice) = sheet.choices.get(&row.number) {
            row.choice = *choice;
        }
    }
    Ok(rows)
}

/// What every row of the sheet would do against the roster as it is now
/// (and the convenings its attendance makes).
fn plan(
    store: &Store,
    sheet: &SheetImport,
    today: NaiveDate,
) -> Result<(Vec<RecordRow>, Vec<NewConvening>), StoreError> {
    if let Some(problem) = sheet.mapping.problem(sheet.kind) {
        return Err(StoreError::Refused(problem));
    }
    let rows = match sheet.kind {
        RecordKind::AttendanceGrid => return attendance::plan_grid(store, sheet),
        RecordKind::AttendanceList => return attendance::plan_list(store, sheet),
        RecordKind::Memberships => letters::plan(store, sheet)?,
        RecordKind::Grants => grants::plan(store, sheet, today)?,
        RecordKind::Convenings => roster::plan_convenings(store, sheet)?,
        RecordKind::Funds => roster::plan_funds(store, sheet)?,
        RecordKind::Settings => roster::plan_settings(store, sheet)?,
        RecordKind::NetworkPeople => network::plan(store, sheet)?,
    };
    Ok((rows, Vec::new()))
}

/// Writes the chosen rows; returns how many records were written.
fn apply(
    store: &mut Store,
    rows: &[RecordRow],
    today: NaiveDate,
    proceed: &mut dyn FnMut(usize) -> bool,
) -> Result<usize, StoreError> {
    let chosen: Vec<&Action> = rows
        .iter()
        .filter(|r| r.choice == Choice::Import && r.can_import())
        .filter_map(|r| r.action.as_ref())
        .collect();
    // Attendance is written a convening at a time, whatever the rows.
    let lines: Vec<&attendance::AttendanceAction> = chosen
        .iter()
        .filter_map(|a| match a {
            Action::Attendance(lines) => Some(lines),
            _ => None,
        })
        .collect();
    let mut written = attendance::apply(store, &lines)?;
    for (done, action) in chosen.iter().enumerate() {
        written += match action {
            Action::Letter(letter) => letters::apply(store, letter)?,
            Action::Grant(grant) => grants::apply(store, grant, today)?,
            Action::Convening(None, fields) => {
                store.insert_convening(fields)?;
                1
            }
            Action::Convening(Some(id), fields) => {
                store.update_convening(*id, fields)?;
                1
            }
            Action::Fund(year, amount) => {
                store.set_grant_fund(*year, *amount)?;
                1
            }
            Action::Setting(setting, text) => {
                let mut settings = store.settings()?;
                setting
                    .read(&mut settings, text)
                    .map_err(StoreError::Refused)?;
                store.set_settings(&settings)?;
                1
            }
            Action::NetworkPerson(None, fields) => {
                store.insert_network_person(fields)?;
                1
            }
            Action::NetworkPerson(Some(id), fields) => {
                store.update_network_person(*id, fields)?;
                1
            }
            Action::Attendance(_) => 0,
        };
        if !proceed(done + 1) {
            return Err(StoreError::Cancelled);
        }
    }
    Ok(written)
}

/// The district a row names; or `None`, the row then passed over (a totals
/// row) or refused with the reason, in `rows`.
fn district_of(
    finder: &cells::DistrictFinder,
    cells: &cells::RowCells<'_>,
    rows: &mut Vec<RecordRow>,
) -> Option<(crate::domain::DistrictId, String)> {
    if let Some(totals) = totals_row(cells) {
        rows.push(totals);
        return None;
    }
    match finder.find(cells) {
        Ok(found) => Some(found),
        Err(problem) => {
            rows.push(RecordRow::problem(
                cells.row.number,
                cells.text(Col::District),
                &[problem],
            ));
            None
        }
    }
}

/// A row that sums up the others, passed over.
fn totals_row(cells: &cells::RowCells<'_>) -> Option<RecordRow> {
    cells::is_totals_row(cells).then(|| {
        RecordRow::new(
            cells.row.number,
            cells.row.cells.first().cloned().unwrap_or_default(),
            RowResult::Unchanged,
            "A totals row: nothing to import".to_owned(),
            None,
        )
    })
}

/// The fields whose value differs, each "Field: before ➡ after"; a field
/// `named_when_long` says of, with long values (more than 60 characters
/// between the two), is only named.
fn field_changes<const N: usize>(
    fields: [(&str, String, String); N],
    named_when_long: fn(&str) -> bool,
) -> Vec<String> {
    fields
        .into_iter()
        .filter(|(_, before, after)| before != after)
        .map(|(field, before, after)| {
            if before.len() + after.len() > 60 && named_when_long(field) {
                format!("{field} changed")
            } else {
                change_text(field, &before, &after)
            }
        })
        .collect()
}

/// "Invited ➡ Active": a field's change, for the review.
fn change_text(field: &str, before: &str, after: &str) -> String {
    let shown = |text: &str| {
        if text.is_empty() {
            "blank".to_owned()
        } else {
            text.to_owned()
        }
    };
    format!("{field}: {} ➡ {}", shown(before), shown(after))
}

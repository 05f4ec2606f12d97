//! The imports of the network's past from the command line: a year's
//! letters, an attendance grid or list, a grant ledger, and the
//! whole-roster workbook; and its export. Each reads its file before the
//! roster is opened, and (as the window's wizard does) reads and writes
//! every row in one change, so a dry run says exactly what the import does.

use std::path::Path;

use anyhow::bail;

use super::in_one_line;
use crate::domain::attendance_marks::MarkMeanings;
use crate::domain::{AttendanceStatus, count};
use crate::import::Choice;
use crate::import::records::{self, RecordKind, RowResult, SheetImport, SheetReport};
use crate::import::workbook;
use crate::io::spreadsheet::read_sheet;
use crate::store::{OpenError, Store};

/// What a record import accepts beyond rows that are fine.
pub struct Leniency {
    /// Rows that cannot be imported are left out (listed), not fatal.
    pub skip_invalid: bool,
    /// Rows that break a rule are imported as far as they are valid.
    pub as_far_as_valid: bool,
}

/// A mark and what it means, as `--mark` takes it: `✓=attended`.
pub fn parse_mark(text: &str) -> Result<(String, Option<AttendanceStatus>), String> {
    let (mark, meaning) = text
        .rsplit_once('=')
        .filter(|(mark, _)| !mark.contains('='))
        .ok_or_else(|| format!("“{text}”: write one mark and its meaning, like ✓=attended"))?;
    let status = match meaning.trim().to_lowercase().as_str() {
        "attended" | "present" => Some(AttendanceStatus::Attended),
        "absent" => Some(AttendanceStatus::Absent),
        "excused" => Some(AttendanceStatus::Excused),
        "none" | "nothing" => None,
        other => {
            return Err(format!(
                "“{other}” is not a meaning: attended, absent, excused or none"
            ));
        }
    };
    Ok((mark.to_owned(), status))
}

/// The roster to import into: itself, or (for a dry run) a scratch copy
/// of it, so that a dry run cannot write a byte, even to a read-only file.
pub(super) fn open_existing(
    db: &Path,
    dry_run: bool,
) -> anyhow::Result<(Store, Option<tempfile::TempDir>)> {
    match Store::open_read_only(db) {
        Err(OpenError::NoRoster { .. }) => bail!(
            "There is no roster at {}: import the districts first (or a whole-roster workbook).",
            db.display()
        ),
        Err(error) => Err(error.into()),
        Ok(reader) if dry_run => {
            let scratch = tempfile::tempdir()?;
            let copy = scratch.path().join("dry-run.sqlite3");
            reader.backup_to(&copy)?;
            Ok((Store::open(&copy)?, Some(scratch)))
        }
        Ok(reader) => {
            drop(reader);
            Ok((Store::open(db)?, None))
        }
    }
}

/// The refused rows, at most `SHOWN` of them, then how many more.
fn listed(refused: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut text = refused
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if refused.len() > SHOWN {
        text.push_str(&format!("; and {} more", refused.len() - SHOWN));
    }
    text
}

/// How the file is to be read.
pub struct Reading<'a> {
    /// A workbook's sheet (its first when `None`).
    pub sheet: Option<&'a str>,
    /// The school year of dates written without one.
    pub year: Option<crate::domain::SchoolYear>,
    /// Marks and their meanings beyond the usual ones.
    pub marks: &'a [(String, Option<AttendanceStatus>)],
}

pub fn import_records(
    db: &Path,
    kind: RecordKind,
    file: &Path,
    reading: &Reading<'_>,
    dry_run: bool,
    leniency: &Leniency,
) -> anyhow::Result<String> {
    let Reading { sheet, year, marks } = *reading;
    let table = read_sheet(file, sheet, &|h| records::is_known_heading(kind, h))?;
    let mut import = SheetImport::new(kind, table);
    if let Some(problem) = import.mapping.problem(kind) {
        bail!(
            "{}: {problem} (headings found: {})",
            file.display(),
            import.table.headers.join(", ")
        );
    }
    let mut meanings = MarkMeanings::default();
    let mut given: Vec<String> = Vec::new();
    for (mark, status) in marks {
        let key = mark.trim().to_lowercase();
        if given.contains(&key) {
            bail!(
                "The mark “{}” is given two meanings: give it one",
                in_one_line(mark.trim())
            );
        }
        given.push(key);
        meanings.set(mark, *status);
    }
    import.marks = meanings;
    import.year = year;
    let (mut store, _scratch) = open_existing(db, dry_run)?;
    let today = crate::domain::today();
    let first = one_sheet(&mut store, &import, false, today)?;
    for row in &first.rows {
        if row.result == RowResult::Partly && leniency.as_far_as_valid {
            import.choices.insert(row.number, Choice::Import);
        }
    }
    let refused = refused_rows(&first, leniency);
    if !refused.is_empty() && !leniency.skip_invalid {
        let hint = if first.rows.iter().any(|r| r.result == RowResult::Partly)
            && !leniency.as_far_as_valid
        {
            " Correct these rows, or run again with --skip-invalid to import the others (and --as-far-as-valid to import the rows that break a rule as far as they are valid)."
        } else {
            " Correct these rows, or run again with --skip-invalid to import the others."
        };
        bail!(
            "{}: nothing was imported. {}.{hint}",
            file.display(),
            listed(&refused)
        );
    }
    let report = one_sheet(&mut store, &import, !dry_run, today)?;
    let mut said = describe(file, &report, &refused, dry_run);
    for made in &report.new_convenings {
        let verb = if dry_run { "Would make" } else { "Made" };
        let mut line = format!(
            "{verb} the convening {} ({}, {})",
            made.title,
            crate::domain::validate::display_date(made.held_on),
            made.kind.label()
        );
        if made.unmarked > 0 {
            line.push_str(&format!(
                "; {} on the roster that day {} no mark in the file and count as absent",
                count(made.unmarked, "member", "members"),
                if made.unmarked == 1 { "has" } else { "have" }
            ));
        }
        said.push('\n');
        said.push_str(&in_one_line(&line));
    }
    let not_imported: Vec<String> = import
        .table
        .headers
        .iter()
        .zip(&import.mapping.0)
        .filter(|(heading, field)| field.is_none() && !heading.trim().is_empty())
        .map(|(heading, _)| format!("“{}”", in_one_line(heading)))
        .collect();
    if !not_imported.is_empty() {
        said.push_str(&format!(
            "\nNot imported: the columns {}.",
            not_imported.join(", ")
        ));
    }
    Ok(said)
}

fn one_sheet(
    store: &mut Store,
    import: &SheetImport,
    keep: bool,
    today: chrono::NaiveDate,
) -> anyhow::Result<SheetReport> {
    let mut reports = records::run(
        store,
        std::slice::from_ref(import),
        keep,
        today,
        &mut |_| true,
    )?;
    reports
        .pop()
        .ok_or_else(|| anyhow::anyhow!("the import read no sheet"))
}

/// Every row left out, with its reason, in one line each.
fn refused_rows(report: &SheetReport, leniency: &Leniency) -> Vec<String> {
    report
        .rows
        .iter()
        .filter(|r| match r.result {
            RowResult::Problem => true,
            RowResult::Partly => !leniency.as_far_as_valid,
            _ => false,
        })
        .map(|r| in_one_line(&format!("Row {} ({}): {}", r.number, r.subject, r.details)))
        .collect()
}

fn describe(file: &Path, report: &SheetReport, refused: &[String], dry_run: bool) -> String {
    let mut lines: Vec<String> = Vec::new();
    if dry_run {
        lines.extend(
            report
                .rows
                .iter()
                .filter(|r| r.choice == Choice::Import && r.can_import())
                .map(|r| in_one_line(&format!("Row {} ({}): {}", r.number, r.subject, r.details))),
        );
    }
    lines.extend(refused.iter().map(|r| format!("Refused: {r}")));
    let mut summary = format!("{}: {}", file.display(), report.summary(dry_run));
    summary.push('.');
    if dry_run {
        summary.push_str(" Nothing was written.");
    }
    lines.push(summary);
    lines.join("\n")
}

/// The whole-roster workbook, into this roster (made if there is none; a
/// dry run then reads into a scratch one, so that nothing is made).
pub fn import_workbook(
    db: &Path,
    file: &Path,
    dry_run: bool,
    skip_invalid: bool,
) -> anyhow::Result<String> {
    let book = workbook::read(file)?;
    // Read first into a scratch roster (a copy of this one, or a new one):
    // a dry run stops there, and a refused import leaves nothing behind.
    let (mut probe, _scratch) = match Store::open_read_only(db) {
        Err(OpenError::NoRoster { .. }) => {
            let folder = tempfile::tempdir()?;
            let store = Store::open(&folder.path().join("roster.sqlite3"))?;
            (store, Some(folder))
        }
        Err(error) => return Err(error.into()),
        Ok(reader) => {
            drop(reader);
            open_existing(db, true)?
        }
    };
    let today = crate::domain::today();
    let first = workbook::import(&mut probe, &book, false, today, &mut |_| true)?;
    let refused: Vec<String> = first
        .sheets
        .iter()
        .flat_map(|(sheet, report)| {
            report
                .rows
                .iter()
                .filter(|r| matches!(r.result, RowResult::Problem | RowResult::Partly))
                .map(move |r| {
                    in_one_line(&format!(
                        "{sheet} row {} ({}): {}",
                        r.number, r.subject, r.details
                    ))
                })
        })
        .collect();
    if !refused.is_empty() && !skip_invalid {
        let mut sheets = String::new();
        if !first.missing.is_empty() {
            sheets.push_str(&format!(
                " It lacks the sheets {}.",
                first.missing.join(", ")
            ));
        }
        if !first.unknown.is_empty() {
            sheets.push_str(&format!(
                " It has sheets a whole roster does not: {}.",
                first.unknown.join(", ")
            ));
        }
        bail!(
            "{}: nothing was imported. {}.{sheets} Correct these rows, or run again with --skip-invalid to import the others.",
            file.display(),
            listed(&refused)
        );
    }
    let report = if dry_run {
        first
    } else {
        drop(probe);
        let mut store = Store::open(db)?;
        workbook::import(&mut store, &book, true, today, &mut |_| true)?
    };
    let mut lines: Vec<String> = report
        .sheets
        .iter()
        .map(|(sheet, r)| format!("{sheet}: {}", r.summary(dry_run)))
        .collect();
    lines.extend(refused.iter().map(|r| format!("Refused: {r}")));
    if !report.unknown.is_empty() {
        lines.push(format!(
            "Not read: the sheets {}.",
            report.unknown.join(", ")
        ));
    }
    if !report.missing.is_empty() {
        lines.push(format!(
            "Not in the workbook: the sheets {} (a whole roster has them).",
            report.missing.join(", ")
        ));
    }
    lines.push(if dry_run {
        format!(
            "{}: read as a whole roster. Nothing was written.",
            file.display()
        )
    } else {
        format!("{}: imported into {}.", file.display(), db.display())
    });
    Ok(lines.join("\n"))
}

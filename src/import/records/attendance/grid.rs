//! Attendance kept as a grid: districts down, a column per convening
//! headed by its date or name, a mark in each cell.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::super::cells::{DistrictFinder, RowCells, column_name};
use super::super::{Action, Col, RecordRow, RowResult, SheetImport};
use super::same_convening;
use super::{AttendanceAction, NewConvening, Roster, Target, check_mark, rows_marked};
use crate::domain::validate::{self, display_date};
use crate::domain::{AttendanceStatus, DistrictId, SchoolYear};
use crate::store::{AttendanceLine, Store, StoreError};

/// What a grid's column heading names: a day (and a title, if the heading
/// has more words than its date), or a convening's title alone.
pub(in crate::import::records) fn read_heading(
    heading: &str,
    hint: SchoolYear,
) -> (Option<NaiveDate>, Option<String>) {
    let whole = heading.trim();
    if let Ok(Some(day)) = validate::optional_date_in(whole, hint) {
        return (Some(day), None);
    }
    let words: Vec<&str> = whole
        .split(|c: char| c.is_whitespace() || "()[]–—:|".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    for length in (1..=3).rev() {
        for start in 0..words.len().saturating_sub(length - 1) {
            let candidate = words[start..start + length].join(" ");
            let dateish = candidate.chars().any(|c| c.is_ascii_digit());
            if !dateish {
                continue;
            }
            if let Ok(Some(day)) = validate::optional_date_in(&candidate, hint) {
                let rest: Vec<&str> = words[..start]
                    .iter()
                    .chain(&words[start + length..])
                    .copied()
                    .collect();
                let title = rest
                    .join(" ")
                    .trim_matches(|c: char| c == '-' || c == ',' || c.is_whitespace())
                    .to_owned();
                return (Some(day), (!title.is_empty()).then_some(title));
            }
        }
    }
    (None, Some(whole.to_owned()))
}

/// A grid: districts down, a column per convening.
pub(in crate::import::records) fn plan_grid(
    store: &Store,
    sheet: &SheetImport,
) -> Result<(Vec<RecordRow>, Vec<NewConvening>), StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let mut roster = Roster {
        years: HashMap::new(),
        planned: Vec::new(),
        names: sheet.convening_names.clone(),
    };
    let columns: Vec<usize> = sheet
        .mapping
        .0
        .iter()
        .enumerate()
        .filter(|(_, f)| **f == Some(Col::ConveningColumn))
        .map(|(i, _)| i)
        .collect();
    // Headings without a year take the year the user gave, or else the
    // year of the headings that have one; with neither, they are refused.
    let from_headings = columns.iter().find_map(|&column| {
        let heading = sheet.table.headers.get(column)?;
        let (day, _) = read_heading(heading, SchoolYear::containing(crate::domain::today()));
        day.filter(|_| has_year(heading))
            .map(SchoolYear::containing)
    });
    let given = sheet.year.or(from_headings);
    let hint = given.unwrap_or_else(|| SchoolYear::containing(crate::domain::today()));
    // Each column's convening, or why it names none.
    let mut targets: Vec<(usize, Result<Target, String>)> = Vec::new();
    for &column in &columns {
        let heading = sheet.table.headers.get(column).map_or("", String::as_str);
        let named = column_name(column, Some(heading));
        let target = match read_heading(heading, hint) {
            (Some(_), _) if given.is_none() && !has_year(heading) => Err(format!(
                "{named}: no year in the heading: say which school year the file is (its School year in the wizard, --year on the command line)"
            )),
            (Some(day), title) => roster
                .find(store, day, title.as_deref(), None)?
                .map_err(|p| format!("{named}: {p}")),
            // A date that no calendar has ("2/29/2025"): said as such.
            (None, Some(title))
                if title
                    .chars()
                    .all(|c| c.is_ascii_digit() || "/-. ".contains(c)) =>
            {
                let why = validate::optional_date_in(&title, hint)
                    .err()
                    .unwrap_or_else(|| "not a date".to_owned());
                Err(format!("{named}: {why}"))
            }
            (None, Some(title)) => {
                roster.year(store, hint)?;
                match roster.by_title(&title).as_slice() {
                    [one] => Ok(Target::Existing(one.clone())),
                    [] => Err(format!(
                        "{named}: no convening of that name, and no date in the heading"
                    )),
                    _ => Err(format!(
                        "{named}: more than one convening has that name; head the column with its date"
                    )),
                }
            }
            (None, None) => Err(format!("{named}: no heading")),
        };
        // Two columns for one convening would mark it twice.
        let target = match target {
            Ok(found) => match targets
                .iter()
                .find(|(_, t)| t.as_ref().is_ok_and(|t| same_convening(t, &found)))
            {
                Some((first, _)) => Err(format!(
                    "{named}: the same convening as {}",
                    column_name(*first, sheet.table.headers.get(*first).map(String::as_str))
                )),
                None => Ok(found),
            },
            Err(problem) => Err(problem),
        };
        targets.push((column, target));
    }
    let mut seen: HashMap<DistrictId, usize> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let Some((district, name)) = super::super::district_of(&finder, &cells, &mut rows) else {
            continue;
        };
        if let Some(first) = seen.insert(district, raw.number) {
            rows.push(RecordRow::problem(
                raw.number,
                name,
                &[format!(
                    "the same district as row {first}: make them one row"
                )],
            ));
            continue;
        }
        let mut problems = Vec::new();
        let mut refused = Vec::new();
        let mut lines = Vec::new();
        let (mut added, mut changed, mut same) = (0, Vec::new(), 0);
        for (column, target) in &targets {
            let cell = raw.cells.get(*column).map_or("", String::as_str);
            let status = match sheet.marks.read(cell) {
                Ok(Some(status)) => status,
                Ok(None) => continue,
                Err(message) => {
                    let named = column_name(
                        *column,
                        sheet.table.headers.get(*column).map(String::as_str),
                    );
                    problems.push(format!("{named}: {message}: give it a meaning"));
                    continue;
                }
            };
            let target = match target {
                Ok(Target::Existing(c)) => Target::Existing(c.clone()),
                Ok(Target::New(f)) => Target::New(f.clone()),
                Err(problem) => {
                    problems.push(problem.clone());
                    continue;
                }
            };
            let line = AttendanceLine {
                district,
                status,
                note: None,
                minutes: None,
                people: Vec::new(),
            };
            match check_mark(&mut roster, store, (district, &name), target, line)? {
                Ok((mark, recorded)) => {
                    match recorded {
                        None => added += 1,
                        Some(before) if before == status => same += 1,
                        Some(before) => changed.push(format!(
                            "{}: {} ➡ {}",
                            display_date(mark.target.fields().held_on),
                            before.label(),
                            status.label()
                        )),
                    }
                    lines.push((mark.target.fields().clone(), mark.line));
                }
                Err(problem) => refused.push(problem),
            }
        }
        if !problems.is_empty() {
            rows.push(RecordRow::problem(raw.number, name, &problems));
            continue;
        }
        let attended = lines
            .iter()
            .filter(|(_, l)| l.status == AttendanceStatus::Attended)
            .count();
        let mut details = if added + changed.len() == 0 {
            "Already recorded as it is".to_owned()
        } else {
            let mut text = format!(
                "Records {} ({attended} attended)",
                crate::domain::count(added, "new mark", "new marks")
            );
            if !changed.is_empty() {
                text.push_str(&format!("; changes {}", changed.join(", ")));
            }
            if same > 0 {
                text.push_str(&format!("; {same} as recorded"));
            }
            text
        };
        let action = (!lines.is_empty()).then_some(Action::Attendance(AttendanceAction { lines }));
        let result = if !refused.is_empty() {
            let refusals = sentence_case(&refused.join("; "));
            details = if action.is_some() {
                format!("{refusals}. The rest can be imported: {details}")
            } else {
                refusals
            };
            if action.is_some() {
                RowResult::Partly
            } else {
                RowResult::Problem
            }
        } else if added > 0 {
            RowResult::New
        } else if !changed.is_empty() {
            RowResult::Update
        } else {
            RowResult::Unchanged
        };
        rows.push(RecordRow::new(raw.number, name, result, details, action));
    }
    let made = roster.with_unmarked(&rows_marked(&rows));
    Ok((rows, made))
}

/// Whether a date as written says its year ("9/12/2024", "Sep 12, 24",
/// "2024-09-12"), not only a month and day.
pub(super) fn has_year(text: &str) -> bool {
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest >= 4 || text.matches(['/', '-']).count() >= 2
}

/// `text` with its first letter capitalised.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

//! Attendance kept as a list: a row per district per convening.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::super::cells::{DistrictFinder, RowCells, items};
use super::super::people::People;
use super::super::{Action, Col, RecordRow, RowResult, SheetImport, change_text};
use super::grid::has_year;
use super::{
    AttendanceAction, Mark, NewConvening, Roster, Target, check_mark, guess_kind, rows_marked,
};
use crate::domain::district::name_key;
use crate::domain::validate::{self, display_date};
use crate::domain::{AttendanceStatus, ContactId, ContactRole, DistrictId, SchoolYear};
use crate::store::{AttendanceLine, Store, StoreError};

/// A list: a row per district per convening.
pub(in crate::import::records) fn plan_list(
    store: &Store,
    sheet: &SheetImport,
) -> Result<(Vec<RecordRow>, Vec<NewConvening>), StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let people = People::read(store)?;
    let mut roster = Roster {
        years: HashMap::new(),
        planned: Vec::new(),
        names: sheet.convening_names.clone(),
    };
    let mut seen: HashMap<(NaiveDate, String, DistrictId), usize> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let Some((district, name)) = super::super::district_of(&finder, &cells, &mut rows) else {
            continue;
        };
        let mut problems = Vec::new();
        let day = match cells.get(Col::ConveningDate) {
            None => {
                problems.push(format!("{}: no date", cells.at(Col::ConveningDate)));
                None
            }
            Some(text) if sheet.year.is_none() && !has_year(text) => {
                problems.push(format!(
                    "{}: “{text}” has no year: say which school year the file is (its School year in the wizard, --year on the command line)",
                    cells.at(Col::ConveningDate)
                ));
                None
            }
            Some(text) => {
                let year = sheet
                    .year
                    .unwrap_or_else(|| SchoolYear::containing(crate::domain::today()));
                match validate::optional_date_in(day_of(text), year) {
                    Ok(day) => day,
                    Err(message) => {
                        problems.push(format!("{}: {message}", cells.at(Col::ConveningDate)));
                        None
                    }
                }
            }
        };
        if let Some(note) = cells.get(Col::Note)
            && note.chars().count() > crate::domain::limits::NOTES
        {
            problems.push(format!(
                "{}: too long (at most {} characters)",
                cells.at(Col::Note),
                crate::domain::limits::NOTES
            ));
        }
        let status = match sheet.marks.read(&cells.text(Col::Status)) {
            Ok(status) => status,
            Err(message) => {
                problems.push(format!(
                    "{}: {message}: give it a meaning",
                    cells.at(Col::Status)
                ));
                None
            }
        };
        let minutes = cells.get(Col::Minutes).and_then(|m| {
            m.parse::<u32>()
                .map_err(|_| {
                    problems.push(format!(
                        "{}: “{m}” is not a number of minutes",
                        cells.at(Col::Minutes)
                    ))
                })
                .ok()
        });
        let (Some(day), true) = (day, problems.is_empty()) else {
            rows.push(RecordRow::problem(raw.number, name, &problems));
            continue;
        };
        let title = cells.get(Col::Convening);
        let subject = format!(
            "{name} · {}",
            title.map_or_else(
                || display_date(day),
                |t| format!("{t} ({})", display_date(day))
            )
        );
        let Some(status) = status else {
            rows.push(RecordRow::new(
                raw.number,
                subject,
                RowResult::Unchanged,
                "No mark: nothing to record".to_owned(),
                None,
            ));
            continue;
        };
        let kind = cells.get(Col::ConveningKind).map(guess_kind);
        let target = match roster.find(store, day, title, kind)? {
            Ok(target) => target,
            Err(problem) => {
                rows.push(RecordRow::problem(
                    raw.number,
                    subject,
                    &[format!("{}: {problem}", cells.at(Col::ConveningDate))],
                ));
                continue;
            }
        };
        // Two rows for one district at one convening, however it is named.
        let key = (day, name_key(&target.fields().title), district);
        if let Some(first) = seen.insert(key, raw.number) {
            rows.push(RecordRow::problem(
                raw.number,
                subject,
                &[format!(
                    "the same district at the same convening as row {first}"
                )],
            ));
            continue;
        }
        let (came, unknown) = people_who_came(&people, district, cells.get(Col::People));
        let line = AttendanceLine {
            district,
            status,
            note: cells.get(Col::Note).map(str::to_owned),
            minutes,
            people: came,
        };
        let (mark, recorded) =
            match check_mark(&mut roster, store, (district, &name), target, line)? {
                Ok(checked) => checked,
                Err(problem) => {
                    rows.push(RecordRow::problem(raw.number, subject, &[problem]));
                    continue;
                }
            };
        let mut details = describe_mark(&mark, recorded);
        if !unknown.is_empty() {
            details.push_str(&format!(
                "; not among the district's contacts, left out: {}",
                unknown.join(", ")
            ));
        }
        let result = match recorded {
            None => RowResult::New,
            Some(status) if status == mark.line.status => RowResult::Unchanged,
            Some(_) => RowResult::Update,
        };
        let action = Action::Attendance(AttendanceAction {
            lines: vec![(mark.target.fields().clone(), mark.line)],
        });
        rows.push(RecordRow::new(
            raw.number,
            subject,
            result,
            details,
            Some(action),
        ));
    }
    let made = roster.with_unmarked(&rows_marked(&rows));
    Ok((rows, made))
}

fn describe_mark(mark: &Mark, recorded: Option<AttendanceStatus>) -> String {
    let fields = mark.target.fields();
    let made = match mark.target {
        Target::New(_) => format!(
            " (a new convening: {}, {})",
            fields.title,
            fields.kind.label()
        ),
        Target::Existing(_) => String::new(),
    };
    match recorded {
        None => format!("Records {}{made}", mark.line.status.label()),
        Some(status) if status == mark.line.status => "Already recorded as it is".to_owned(),
        Some(status) => change_text("Attendance", status.label(), mark.line.status.label()),
    }
}

/// The district's contacts a cell names ("Pat Doe (45 min); Lee Roy"), and
/// the names that are none of them.
fn people_who_came(
    people: &People,
    district: DistrictId,
    cell: Option<&str>,
) -> (Vec<(ContactId, Option<u32>)>, Vec<String>) {
    let mut came = Vec::new();
    let mut unknown = Vec::new();
    for item in cell.map(items).unwrap_or_default() {
        let (name, minutes) = match item.rsplit_once(" (") {
            Some((name, rest)) => match rest
                .trim_end_matches(')')
                .trim_end_matches(" min")
                .parse::<u32>()
            {
                Ok(minutes) => (name.to_owned(), Some(minutes)),
                Err(_) => (item.clone(), None),
            },
            None => (item.clone(), None),
        };
        match people.find(district, &name, ContactRole::Other).id() {
            Some(id) => came.push((id, minutes)),
            None => unknown.push(name),
        }
    }
    (came, unknown)
}

/// The day of a date that may carry a time, as meeting exports write it:
/// "5/11/2025 9:00 AM", "2025-05-11T09:00:00".
fn day_of(text: &str) -> &str {
    let text = text.trim();
    if let Some((day, time)) = text.split_once('T')
        && day.len() == 10
        && time.contains(':')
    {
        return day;
    }
    match text.find(':') {
        Some(colon) => text[..colon]
            .rsplit_once(' ')
            .map_or(text, |(day, _)| day.trim_end_matches(',').trim()),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::day_of;

    #[test]
    fn a_time_after_the_day_is_left_out() {
        assert_eq!(day_of("5/11/2025 9:00 AM"), "5/11/2025");
        assert_eq!(day_of("2025-05-11T09:00:00"), "2025-05-11");
        assert_eq!(day_of("Sep 12, 2024, 10:30"), "Sep 12, 2024");
        assert_eq!(day_of("9/12/2024"), "9/12/2024");
    }
}

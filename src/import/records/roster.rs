//! The whole-roster workbook's own sheets: convenings, each year's Travel
//! Fund, and the settings.

use std::collections::HashMap;

use strum::VariantArray as _;

use super::attendance::guess_kind;
use super::cells::RowCells;
use super::{Action, Col, RecordRow, RowResult, SheetImport, change_text};
use crate::domain::convening::read_time;
use crate::domain::district::name_key;
use crate::domain::settings::Setting;
use crate::domain::validate::{self, display_date};
use crate::domain::{
    Convening, ConveningFields, KentuckyTime, NetworkPerson, NetworkPersonId, SchoolYear,
};
use crate::store::{Store, StoreError};

/// "Eastern", "ET", "Central (Bowling Green…)", "America/Chicago".
fn read_time_zone(text: &str) -> Option<KentuckyTime> {
    let text = text.trim().to_lowercase();
    KentuckyTime::VARIANTS.iter().copied().find(|zone| {
        let name: &'static str = zone.into();
        text.starts_with(name)
            || text == zone.short().to_lowercase()
            || text == zone.tzid().to_lowercase()
            || text == format!("{name} time")
    })
}

/// A value a column gives, read by `read`; `kept` when the sheet has no
/// such column; a problem named with the cell when it cannot be read.
fn read_cell<T>(
    cells: &RowCells<'_>,
    col: Col,
    kept: impl FnOnce() -> T,
    read: impl FnOnce(&str) -> Result<T, String>,
    problems: &mut Vec<String>,
) -> Option<T> {
    match cells.get(col) {
        None => Some(kept()),
        Some(text) => match read(text) {
            Ok(value) => Some(value),
            Err(message) => {
                problems.push(format!("{}: {message}", cells.at(col)));
                None
            }
        },
    }
}

pub fn plan_convenings(store: &Store, sheet: &SheetImport) -> Result<Vec<RecordRow>, StoreError> {
    let network_people = store.network_people()?;
    let mut years: HashMap<SchoolYear, Vec<Convening>> = HashMap::new();
    let mut seen: HashMap<(chrono::NaiveDate, String), usize> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let title = cells.text(Col::Convening);
        let mut problems = Vec::new();
        let day = match validate::optional_date(&cells.text(Col::ConveningDate)) {
            Ok(Some(day)) => Some(day),
            Ok(None) => {
                problems.push(format!("{}: no date", cells.at(Col::ConveningDate)));
                None
            }
            Err(message) => {
                problems.push(format!("{}: {message}", cells.at(Col::ConveningDate)));
                None
            }
        };
        if title.is_empty() {
            problems.push(format!("{}: no title", cells.at(Col::Convening)));
        }
        let Some(day) = day.filter(|_| problems.is_empty()) else {
            rows.push(RecordRow::problem(raw.number, title, &problems));
            continue;
        };
        let subject = format!("{title} ({})", display_date(day));
        if let Some(first) = seen.insert((day, name_key(&title)), raw.number) {
            rows.push(RecordRow::problem(
                raw.number,
                subject,
                &[format!("the same convening as row {first}")],
            ));
            continue;
        }
        let year = SchoolYear::containing(day);
        if let std::collections::hash_map::Entry::Vacant(slot) = years.entry(year) {
            slot.insert(
                store
                    .convenings_in(year)?
                    .into_iter()
                    .map(|r| r.convening)
                    .collect(),
            );
        }
        let existing = years[&year]
            .iter()
            .find(|c| c.fields.held_on == day && name_key(&c.fields.title) == name_key(&title));
        let kept = existing.map(|c| c.fields.clone()).unwrap_or_default();
        let mut problems = Vec::new();
        let starts_at = read_cell(
            &cells,
            Col::StartsAt,
            || kept.starts_at,
            read_time,
            &mut problems,
        );
        let ends_at = read_cell(
            &cells,
            Col::EndsAt,
            || kept.ends_at,
            read_time,
            &mut problems,
        );
        let time_zone = read_cell(
            &cells,
            Col::TimeZone,
            || kept.time_zone,
            |text| {
                if text.trim().is_empty() {
                    return Ok(KentuckyTime::default());
                }
                read_time_zone(text)
                    .ok_or_else(|| format!("“{text}” is not Eastern or Central time"))
            },
            &mut problems,
        );
        let organiser = read_cell(
            &cells,
            Col::Organiser,
            || kept.organiser,
            |text| {
                if text.trim().is_empty() {
                    return Ok(None);
                }
                network_people
                    .iter()
                    .find(|p| name_key(&p.fields.name) == name_key(text))
                    .map(|p| Some(p.id))
                    .ok_or_else(|| {
                        format!(
                            "no one of the network is called “{}”: add them under \
                             Districts › People of the network first",
                            text.trim()
                        )
                    })
            },
            &mut problems,
        );
        match (starts_at, ends_at) {
            (None, Some(Some(_))) | (Some(None), Some(Some(_))) => {
                problems.push(format!(
                    "{}: an end needs a start time",
                    cells.at(Col::EndsAt)
                ));
            }
            (Some(Some(start)), Some(Some(end))) if end <= start => {
                problems.push(format!("{}: ends before it starts", cells.at(Col::EndsAt)));
            }
            _ => {}
        }
        let (Some(starts_at), Some(ends_at), Some(time_zone), Some(organiser)) =
            (starts_at, ends_at, time_zone, organiser)
        else {
            rows.push(RecordRow::problem(raw.number, subject, &problems));
            continue;
        };
        if !problems.is_empty() {
            rows.push(RecordRow::problem(raw.number, subject, &problems));
            continue;
        }
        let fields = ConveningFields {
            starts_at,
            ends_at,
            time_zone,
            organiser,
            description: cells
                .get(Col::Description)
                .map_or_else(|| kept.description.clone(), str::to_owned),
            held_on: day,
            kind: cells
                .get(Col::ConveningKind)
                .map_or_else(|| guess_kind(&title), guess_kind),
            location: cells.get(Col::Location).map_or_else(
                || {
                    existing
                        .map(|c| c.fields.location.clone())
                        .unwrap_or_default()
                },
                str::to_owned,
            ),
            notes: cells.get(Col::Note).map_or_else(
                || existing.map(|c| c.fields.notes.clone()).unwrap_or_default(),
                str::to_owned,
            ),
            title,
        };
        let row = match existing {
            None => RecordRow::new(
                raw.number,
                subject,
                RowResult::New,
                format!("Adds the convening ({})", fields.kind.label()),
                Some(Action::Convening(None, fields)),
            ),
            Some(stored) => {
                let changes = super::field_changes(
                    [
                        (
                            "Kind",
                            stored.fields.kind.label().to_owned(),
                            fields.kind.label().to_owned(),
                        ),
                        (
                            "Location",
                            stored.fields.location.clone(),
                            fields.location.clone(),
                        ),
                        ("Notes", stored.fields.notes.clone(), fields.notes.clone()),
                        ("Time", stored.fields.time_text(), fields.time_text()),
                        (
                            "Description",
                            stored.fields.description.clone(),
                            fields.description.clone(),
                        ),
                        (
                            "Organiser",
                            person_name(&network_people, stored.fields.organiser),
                            person_name(&network_people, fields.organiser),
                        ),
                    ],
                    |_| false,
                );
                let result = if changes.is_empty() {
                    RowResult::Unchanged
                } else {
                    RowResult::Update
                };
                let details = if changes.is_empty() {
                    "Already on the roster as it is".to_owned()
                } else {
                    changes.join(", ")
                };
                RecordRow::new(
                    raw.number,
                    subject,
                    result,
                    details,
                    Some(Action::Convening(Some(stored.id), fields)),
                )
            }
        };
        rows.push(row);
    }
    Ok(rows)
}

fn person_name(people: &[NetworkPerson], id: Option<NetworkPersonId>) -> String {
    id.and_then(|id| people.iter().find(|p| p.id == id))
        .map_or_else(String::new, |p| p.fields.name.clone())
}

pub fn plan_funds(store: &Store, sheet: &SheetImport) -> Result<Vec<RecordRow>, StoreError> {
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let mut problems = Vec::new();
        let year = match SchoolYear::read_as_written(&cells.text(Col::SchoolYear)) {
            Ok(year) => Some(year),
            Err(e) => {
                problems.push(format!("{}: {e}", cells.at(Col::SchoolYear)));
                None
            }
        };
        let amount = cells.money(Col::Fund, &mut problems);
        let (Some(year), Some(amount)) = (year, amount) else {
            if problems.is_empty() {
                problems.push(format!("{}: no amount", cells.at(Col::Fund)));
            }
            rows.push(RecordRow::problem(
                raw.number,
                cells.text(Col::SchoolYear),
                &problems,
            ));
            continue;
        };
        let subject = format!("Travel Fund {year}");
        let action = Some(Action::Fund(year, amount));
        rows.push(match store.grant_fund(year)? {
            None => RecordRow::new(
                raw.number,
                subject,
                RowResult::New,
                format!("Sets the fund to {amount}"),
                action,
            ),
            Some(stored) if stored == amount => RecordRow::new(
                raw.number,
                subject,
                RowResult::Unchanged,
                "Already on the roster as it is".to_owned(),
                action,
            ),
            Some(stored) => RecordRow::new(
                raw.number,
                subject,
                RowResult::Update,
                change_text("Fund", &stored.to_string(), &amount.to_string()),
                action,
            ),
        });
    }
    Ok(rows)
}

pub fn plan_settings(store: &Store, sheet: &SheetImport) -> Result<Vec<RecordRow>, StoreError> {
    let stored = store.settings()?;
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let named = cells.text(Col::Setting);
        let Some(setting) = Setting::VARIANTS
            .iter()
            .copied()
            .find(|s| s.label().eq_ignore_ascii_case(named.trim()))
        else {
            rows.push(RecordRow::problem(
                raw.number,
                named.clone(),
                &[format!(
                    "{}: “{named}” is not a setting",
                    cells.at(Col::Setting)
                )],
            ));
            continue;
        };
        let text = cells.text(Col::Value);
        let mut wanted = stored.clone();
        if let Err(problem) = setting.read(&mut wanted, &text) {
            rows.push(RecordRow::problem(
                raw.number,
                named,
                &[format!("{}: {problem}", cells.at(Col::Value))],
            ));
            continue;
        }
        let (before, after) = (setting.shown(&stored), setting.shown(&wanted));
        let action = Some(Action::Setting(setting, text));
        rows.push(if before == after {
            RecordRow::new(
                raw.number,
                named,
                RowResult::Unchanged,
                "Already set so".to_owned(),
                action,
            )
        } else {
            RecordRow::new(
                raw.number,
                named,
                RowResult::Update,
                change_text(setting.label(), &before, &after),
                action,
            )
        });
    }
    Ok(rows)
}

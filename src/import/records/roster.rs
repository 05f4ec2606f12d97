//! The whole-roster workbook's own sheets: convenings, each year's Travel
//! Fund, and the settings.

use std::collections::HashMap;

use strum::VariantArray as _;

use super::attendance::guess_kind;
use super::cells::RowCells;
use super::{Action, Col, RecordRow, RowResult, SheetImport, change_text};
use crate::domain::district::name_key;
use crate::domain::settings::Setting;
use crate::domain::validate::{self, display_date};
use crate::domain::{
    Convening, ConveningDraft, ConveningField, KentuckyTime, NetworkPerson, NetworkPersonId,
    SchoolYear,
};
use crate::store::{Store, StoreError};

/// The sheet's column for a field of the convening form.
fn column_of(field: ConveningField) -> Col {
    match field {
        ConveningField::Date => Col::ConveningDate,
        ConveningField::Title => Col::Convening,
        ConveningField::Location => Col::Location,
        ConveningField::Notes => Col::Note,
        ConveningField::StartsAt => Col::StartsAt,
        ConveningField::EndsAt => Col::EndsAt,
        ConveningField::Description => Col::Description,
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
        // Read as the form reads it: what the sheet leaves out stays as
        // stored, and the form's own checks decide.
        let kept = existing
            .map(|c| ConveningDraft::from(&c.fields))
            .unwrap_or_default();
        let text = |col: Col, kept: &str| {
            cells
                .get(col)
                .map_or_else(|| kept.to_owned(), str::to_owned)
        };
        let mut problems = Vec::new();
        let time_zone = match cells.get(Col::TimeZone) {
            None => kept.time_zone,
            Some(written) => KentuckyTime::read(written).unwrap_or_else(|| {
                problems.push(format!(
                    "{}: “{written}” is not Eastern or Central time",
                    cells.at(Col::TimeZone)
                ));
                kept.time_zone
            }),
        };
        let organiser = match cells.get(Col::Organiser) {
            None => kept.organiser,
            Some(name) => match NetworkPerson::named(&network_people, name) {
                Some(person) => Some(person.id),
                None => {
                    problems.push(format!(
                        "{}: no one of the network is called “{name}”: add them under \
                         Districts › People of the network first",
                        cells.at(Col::Organiser)
                    ));
                    kept.organiser
                }
            },
        };
        let draft = ConveningDraft {
            held_on: validate::edit_date(Some(day)),
            kind: cells
                .get(Col::ConveningKind)
                .map_or_else(|| guess_kind(&title), guess_kind),
            location: text(Col::Location, &kept.location),
            notes: text(Col::Note, &kept.notes),
            starts_at: text(Col::StartsAt, &kept.starts_at),
            ends_at: text(Col::EndsAt, &kept.ends_at),
            description: text(Col::Description, &kept.description),
            time_zone,
            organiser,
            title: title.clone(),
        };
        let fields =
            match draft.validate() {
                Ok(fields) if problems.is_empty() => fields,
                Ok(_) => {
                    rows.push(RecordRow::problem(raw.number, subject, &problems));
                    continue;
                }
                Err(errors) => {
                    problems.extend(errors.iter().map(|(field, message)| {
                        format!("{}: {message}", cells.at(column_of(field)))
                    }));
                    rows.push(RecordRow::problem(raw.number, subject, &problems));
                    continue;
                }
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

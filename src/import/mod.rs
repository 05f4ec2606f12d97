//! Importing districts and their people from someone's spreadsheet, the
//! app's own exports included: which column is which (guessed from the
//! headings, changeable), what each row would do (add, update a district on
//! the roster field by field, or nothing), and why a row cannot be
//! imported, naming its row and column.
//!
//! A blank cell never erases what is stored unless the user asks for it
//! (`ImportOptions::blanks_clear`); a row whose name and number point at
//! different districts is never a silent rename.

use crate::domain::Coded as _;
use std::collections::HashMap;

use crate::domain::district::name_key;
use crate::domain::import::{ContactImport, ImportAction};
use crate::domain::{Contact, ContactFields, DistrictFields, DistrictId};
use crate::io::spreadsheet::RawTable;
use crate::store::DistrictListItem;

mod headings;
pub mod letter;
mod outcome;
mod people;
pub mod records;
mod row;
pub mod workbook;

pub use headings::{Field, Mapping, canonical_heading, is_known_heading};
use outcome::shown;
pub use outcome::{Choice, ContactChange, FieldChange, Outcome, PlannedRow};
use row::{RowReader, plan_row};

/// How the file's cells are taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// A blank cell clears the field (by default it leaves what is stored).
    pub blanks_clear: bool,
}

/// Works out what every row would do against the roster as it is
/// (`roster`, and every district's people in `contacts`).
pub fn plan(
    table: &RawTable,
    mapping: &Mapping,
    roster: &[DistrictListItem],
    contacts: &[Contact],
    options: ImportOptions,
) -> Vec<PlannedRow> {
    // Where each district's first row is, in `planned`.
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut planned: Vec<PlannedRow> = Vec::new();
    for row in &table.rows {
        let reader = RowReader {
            row,
            headers: &table.headers,
            mapping,
            options,
        };
        let mut outcome = plan_row(&reader, roster, contacts);
        // A district's later rows (a contacts file has one per person) add
        // their people to its first row, if they say the same of it.
        if let Some(key) = outcome.fields().map(|f| name_key(&f.name)) {
            match first_row.get(&key) {
                None => {
                    first_row.insert(key, planned.len());
                }
                Some(&at) => {
                    let first = &mut planned[at];
                    outcome = match (first.outcome.fields(), outcome.fields()) {
                        (Some(earlier), Some(later)) if earlier != later => {
                            let differences = district_changes(earlier, later)
                                .iter()
                                .map(|c| {
                                    format!(
                                        "{} {} or {}",
                                        c.field,
                                        shown(&c.before),
                                        shown(&c.after)
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join(", ");
                            Outcome::Invalid(vec![format!(
                                "the same district as row {}, but with other details ({differences}): \
                                 make its rows agree",
                                first.number
                            )])
                        }
                        _ => match first.outcome.take_people_of(outcome) {
                            Ok(()) => Outcome::WithRow(first.number),
                            Err(problem) => Outcome::Invalid(vec![problem]),
                        },
                    };
                }
            }
        }
        planned.push(PlannedRow {
            number: row.number,
            outcome,
            choice: Choice::Skip,
        });
    }
    flag_rows_that_share_a_district_key(&mut planned);
    for row in &mut planned {
        row.choice = match &row.outcome {
            Outcome::Existing {
                caution: Some(_), ..
            } => Choice::Skip,
            outcome if outcome.changes_anything() => Choice::Import,
            _ => Choice::Skip,
        };
    }
    planned
}

/// Refuses a row that would be another district than an earlier row yet
/// shares its KDE number, NCES ID or name, and a row that would change a
/// district an earlier row (under another name) already changes. Found
/// here, before anything is written, so that the review and the import
/// always agree; the earlier row stays.
fn flag_rows_that_share_a_district_key(planned: &mut [PlannedRow]) {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Target {
        Roster(DistrictId),
        NewAt(usize),
    }
    // (what, key) → (row number, target, what the row calls the district)
    let mut seen: HashMap<(&'static str, String), (usize, Target, String)> = HashMap::new();
    for (at, row) in planned.iter_mut().enumerate() {
        let (target, fields) = match &row.outcome {
            Outcome::New { fields, .. } => (Target::NewAt(at), fields.clone()),
            Outcome::Existing { id, fields, .. } => (Target::Roster(*id), fields.clone()),
            Outcome::WithRow(_) | Outcome::Invalid(_) => continue,
        };
        let mut problems = Vec::new();
        if let Target::Roster(id) = target
            && let Some((row, _, name)) = seen.get(&("district", id.0.to_string()))
        {
            problems.push(format!(
                "row {row} ({name}) already changes this district of the roster: make them one row"
            ));
        }
        let keys = [
            (
                "KDE number",
                fields.kde_number.clone(),
                fields.kde_number.clone(),
            ),
            (
                "NCES ID",
                fields.nces_id.clone().unwrap_or_default(),
                fields.nces_id.clone().unwrap_or_default(),
            ),
            ("name", name_key(&fields.name), fields.name.clone()),
        ];
        for (what, key, shown_value) in &keys {
            if key.is_empty() {
                continue;
            }
            if let Some((row, other, name)) = seen.get(&(*what, key.clone()))
                && *other != target
            {
                problems.push(format!(
                    "its {what} {shown_value} is also on row {row} ({name}), another district: \
                     each district has its own"
                ));
            }
        }
        if problems.is_empty() {
            let number = row.number;
            for (what, key, _) in keys {
                if !key.is_empty() {
                    seen.entry((what, key))
                        .or_insert((number, target, fields.name.clone()));
                }
            }
            if let Target::Roster(id) = target {
                seen.entry(("district", id.0.to_string())).or_insert((
                    number,
                    target,
                    fields.name.clone(),
                ));
            }
        } else {
            row.outcome = Outcome::Invalid(problems);
        }
    }
}

/// The store's changes for the rows chosen; `Err` lists rows still invalid
/// yet chosen (which the caller must not write).
pub fn actions(rows: &[PlannedRow]) -> Result<Vec<ImportAction>, Vec<String>> {
    let problems: Vec<String> = rows
        .iter()
        .filter(|r| r.choice == Choice::Import)
        .flat_map(PlannedRow::problems)
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(rows
        .iter()
        .filter(|r| r.choice == Choice::Import && r.outcome.changes_anything())
        .filter_map(|r| match &r.outcome {
            Outcome::New { fields, contacts } => Some(ImportAction::Add {
                fields: fields.clone(),
                contacts: contacts.clone(),
            }),
            Outcome::Existing {
                id,
                fields,
                contacts,
                ..
            } => Some(ImportAction::Update {
                id: *id,
                fields: fields.clone(),
                contacts: contacts
                    .iter()
                    .map(|c| match c {
                        ContactChange::Add(fields) => ContactImport::Add(fields.clone()),
                        ContactChange::Update { id, fields, .. } => ContactImport::Update {
                            id: *id,
                            fields: fields.clone(),
                        },
                    })
                    .collect(),
            }),
            Outcome::WithRow(_) | Outcome::Invalid(_) => None,
        })
        .collect())
}

/// The district's fields an update changes, each before and after.
pub fn district_changes(before: &DistrictFields, after: &DistrictFields) -> Vec<FieldChange> {
    let coop = |f: &DistrictFields| {
        f.cooperative
            .map(|c| c.code().to_owned())
            .unwrap_or_default()
    };
    let nces = |f: &DistrictFields| f.nces_id.clone().unwrap_or_default();
    [
        (Field::Name, before.name.clone(), after.name.clone()),
        (
            Field::KdeNumber,
            before.kde_number.clone(),
            after.kde_number.clone(),
        ),
        (Field::NcesId, nces(before), nces(after)),
        (Field::County, before.county.clone(), after.county.clone()),
        (
            Field::Kind,
            before.kind.label().to_owned(),
            after.kind.label().to_owned(),
        ),
        (Field::Cooperative, coop(before), coop(after)),
        (
            Field::EmailDomain,
            before.email_domain.clone(),
            after.email_domain.clone(),
        ),
        (Field::Notes, before.notes.clone(), after.notes.clone()),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(field, before, after)| FieldChange {
        field: field.label(),
        before,
        after,
    })
    .collect()
}

fn contact_changes(before: &ContactFields, after: &ContactFields) -> Vec<FieldChange> {
    let yes_no = |active: bool| if active { "Yes" } else { "No" }.to_owned();
    [
        ("name", before.name.clone(), after.name.clone()),
        ("title", before.title.clone(), after.title.clone()),
        ("email", before.email.clone(), after.email.clone()),
        ("phone", before.phone.clone(), after.phone.clone()),
        (
            "role",
            before.role.label().to_owned(),
            after.role.label().to_owned(),
        ),
        ("active", yes_no(before.active), yes_no(after.active)),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(field, before, after)| FieldChange {
        field,
        before,
        after,
    })
    .collect()
}

/// `text` with its first letter capitalised, to stand on its own.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

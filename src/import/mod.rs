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
use crate::domain::{
    Contact, ContactFields, Cooperative, DistrictDraft, DistrictFields, DistrictId, DistrictKind,
};
use crate::io::spreadsheet::{RawRow, RawTable};
use crate::store::DistrictListItem;

mod headings;
mod outcome;
mod people;

pub use headings::{Field, Mapping, canonical_heading, is_known_heading};
use outcome::shown;
pub use outcome::{Choice, ContactChange, FieldChange, Outcome, PlannedRow};
use people::people_of;

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

/// A cell as the file has it: no such column, blank, or a value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Cell<'a> {
    Absent,
    Blank,
    Value(&'a str),
}

impl<'a> Cell<'a> {
    fn value(&self) -> Option<&'a str> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

/// One row's cells by field, and how blanks are taken.
struct RowReader<'a> {
    row: &'a RawRow,
    headers: &'a [String],
    mapping: &'a Mapping,
    options: ImportOptions,
}

impl<'a> RowReader<'a> {
    fn cell(&self, field: Field) -> Cell<'a> {
        let Some(column) = self.mapping.column_of(field) else {
            return Cell::Absent;
        };
        match self.row.cells.get(column).map(|c| c.trim()) {
            Some(value) if !value.is_empty() => Cell::Value(value),
            _ => Cell::Blank,
        }
    }

    fn value(&self, field: Field) -> Option<&'a str> {
        self.cell(field).value()
    }

    /// What a field becomes from the stored `current`: the cell's value, or
    /// (for a blank cell, when blanks clear) nothing, or as it is.
    fn apply(&self, field: Field, current: &mut String) {
        match self.cell(field) {
            Cell::Value(value) => *current = value.to_owned(),
            Cell::Blank if self.options.blanks_clear => current.clear(),
            Cell::Blank | Cell::Absent => {}
        }
    }

    fn has_column(&self, field: Field) -> bool {
        self.mapping.column_of(field).is_some()
    }

    /// "column “KDE #”", or the field's name when no column has it.
    fn heading(&self, field: Field) -> String {
        self.mapping
            .column_of(field)
            .and_then(|i| self.headers.get(i))
            .map_or_else(|| field.label().to_owned(), |h| format!("column “{h}”"))
    }
}

fn plan_row(reader: &RowReader<'_>, roster: &[DistrictListItem], contacts: &[Contact]) -> Outcome {
    let found = match find_district(reader, roster) {
        Ok(found) => found,
        Err(conflict) => return Outcome::Invalid(vec![conflict]),
    };
    let existing = found.existing;
    let mut problems = Vec::new();
    let draft = draft_of_row(reader, &found, &mut problems);
    let fields = checked_fields(reader, draft, &found, roster, &mut problems);
    let contact_changes = people_changes(reader, existing, contacts, &mut problems);
    match (fields, problems.is_empty()) {
        (Some(fields), true) => match existing {
            Some(item) => Outcome::Existing {
                id: item.district.id,
                name: item.district.fields.name.clone(),
                changes: district_changes(&item.district.fields, &fields),
                fields,
                contacts: contact_changes,
                caution: found.caution,
            },
            None => Outcome::New {
                fields,
                contacts: contact_changes
                    .into_iter()
                    .filter_map(|c| match c {
                        ContactChange::Add(fields) => Some(fields),
                        ContactChange::Update { .. } => None,
                    })
                    .collect(),
            },
        },
        _ => Outcome::Invalid(problems),
    }
}

/// The district a row is about, as found on the roster by its keys.
struct Found<'a> {
    /// `None`: the row is a new district.
    existing: Option<&'a DistrictListItem>,
    name: Option<&'a str>,
    /// The KDE number as the file means it (leading zeros put back).
    kde: Option<String>,
    /// Found by its number but named otherwise: a rename the user decides.
    caution: Option<String>,
}

/// Finds the row's district by each key on its own (NCES ID, KDE number,
/// name): they must agree on one district, else the row is refused.
fn find_district<'a>(
    reader: &RowReader<'a>,
    roster: &'a [DistrictListItem],
) -> Result<Found<'a>, String> {
    // A number typed into Excel loses its leading zeros: 5 is KDE 005.
    let kde = reader.value(Field::KdeNumber).map(|k| {
        if k.len() < 3 && k.bytes().all(|b| b.is_ascii_digit()) {
            format!("{k:0>3}")
        } else {
            k.to_owned()
        }
    });
    let nces = reader.value(Field::NcesId);
    let name = reader.value(Field::Name);

    // Each key on its own: they must agree on one district.
    let by = |matches: &dyn Fn(&DistrictFields) -> bool| {
        roster.iter().find(|item| matches(&item.district.fields))
    };
    let by_nces = nces.and_then(|n| by(&|f| f.nces_id.as_deref() == Some(n)));
    let by_kde = kde.as_deref().and_then(|k| by(&|f| f.kde_number == k));
    let by_name = name.and_then(|n| by(&|f| name_key(n) == name_key(&f.name)));
    let keyed: Vec<(&str, &DistrictListItem)> = [
        ("NCES ID", by_nces),
        ("KDE number", by_kde),
        ("name", by_name),
    ]
    .into_iter()
    .filter_map(|(key, item)| item.map(|item| (key, item)))
    .collect();
    if let Some((first_key, first)) = keyed.first()
        && let Some((other_key, other)) = keyed
            .iter()
            .find(|(_, item)| item.district.id != first.district.id)
    {
        return Err(format!(
            "its {first_key} is {}'s but its {other_key} is {}'s: correct the row in the file",
            first.district.fields.name, other.district.fields.name
        ));
    }
    let existing = keyed.first().map(|(_, item)| *item);
    // Found by its number, but named otherwise: a rename the user decides.
    let caution = match (existing, name) {
        (Some(item), Some(name))
            if by_name.is_none() && name_key(name) != name_key(&item.district.fields.name) =>
        {
            let key = if by_nces.is_some() {
                "NCES ID"
            } else {
                "KDE number"
            };
            Some(format!(
                "renames {} to {name}, whose {key} it has: import it only if the district was renamed",
                item.district.fields.name
            ))
        }
        _ => None,
    };

    Ok(Found {
        existing,
        name,
        kde,
        caution,
    })
}

/// The district's fields as the row would leave them: the stored ones with
/// the row's values over them (a new district: the row's alone).
fn draft_of_row(
    reader: &RowReader<'_>,
    found: &Found<'_>,
    problems: &mut Vec<String>,
) -> DistrictDraft {
    let (existing, name, kde) = (found.existing, found.name, found.kde.clone());
    let mut draft = existing.map_or_else(DistrictDraft::default, |item| {
        DistrictDraft::from(&item.district.fields)
    });
    // The same name written another way ("adair  county") is the name on
    // file: it is not a change to write over it.
    if let Some(name) = name
        && existing.is_none_or(|item| name_key(name) != name_key(&item.district.fields.name))
    {
        draft.name = name.to_owned();
    }
    if let Some(kde) = kde {
        draft.kde_number = kde;
    }
    reader.apply(Field::NcesId, &mut draft.nces_id);
    reader.apply(Field::County, &mut draft.county);
    match reader.value(Field::Kind) {
        Some(kind) => match DistrictKind::parse(kind) {
            Some(kind) => draft.kind = kind,
            None => problems.push(format!(
                "{}: “{kind}” is not County or Independent",
                reader.heading(Field::Kind)
            )),
        },
        None if existing.is_none() && draft.name.to_lowercase().ends_with("independent") => {
            draft.kind = DistrictKind::Independent;
        }
        None => {}
    }
    match reader.cell(Field::Cooperative) {
        Cell::Value(coop) => match Cooperative::parse_optional(coop) {
            Ok(coop) => draft.cooperative = coop,
            Err(message) => {
                problems.push(format!("{}: {message}", reader.heading(Field::Cooperative)))
            }
        },
        Cell::Blank if reader.options.blanks_clear => draft.cooperative = None,
        Cell::Blank | Cell::Absent => {}
    }
    reader.apply(Field::EmailDomain, &mut draft.email_domain);
    reader.apply(Field::Notes, &mut draft.notes);
    if name.is_none() && existing.is_none() {
        problems.push(format!(
            "{}: a district needs a name",
            reader.heading(Field::Name)
        ));
    }

    draft
}

/// The row's district checked like the form checks it, each problem named
/// by the file's column; `None` when it has one.
fn checked_fields(
    reader: &RowReader<'_>,
    draft: DistrictDraft,
    found: &Found<'_>,
    roster: &[DistrictListItem],
    problems: &mut Vec<String>,
) -> Option<DistrictFields> {
    let (existing, name) = (found.existing, found.name);
    let others: Vec<_> = roster
        .iter()
        .map(|item| crate::domain::DistrictKeys {
            id: item.district.id,
            name: &item.district.fields.name,
            kde_number: &item.district.fields.kde_number,
            nces_id: item.district.fields.nces_id.as_deref(),
        })
        .collect();
    let unchanged = existing.filter(|item| draft == DistrictDraft::from(&item.district.fields));
    match draft.validate(existing.map(|e| e.district.id), others) {
        // What the file says is what is stored (as it is stored).
        Ok(_) if unchanged.is_some() => unchanged.map(|item| item.district.fields.clone()),
        Ok(fields) => Some(fields),
        Err(errors) => {
            use crate::domain::DistrictField as D;
            for (field, message) in errors.iter() {
                let column = match field {
                    D::Name => Field::Name,
                    D::KdeNumber => Field::KdeNumber,
                    D::NcesId => Field::NcesId,
                    D::EmailDomain => Field::EmailDomain,
                    D::County => Field::County,
                    D::Kind => Field::Kind,
                    D::Cooperative => Field::Cooperative,
                    D::Notes => Field::Notes,
                };
                // No column for it: the row is most likely a district
                // the roster does not have (say, a misspelt name).
                problems.push(if existing.is_none() && reader.mapping.column_of(column).is_none() {
                    format!(
                        "{} is not on the roster, and to add it the file needs a {} column ({})",
                        name.unwrap_or("the district"),
                        column.label(),
                        message.to_lowercase().trim_end_matches('.'),
                    )
                } else {
                    format!("{}: {message}", reader.heading(column))
                });
            }
            None
        }
    }
}

/// The row's people: added, or updated where they are on file.
fn people_changes(
    reader: &RowReader<'_>,
    existing: Option<&DistrictListItem>,
    contacts: &[Contact],
    problems: &mut Vec<String>,
) -> Vec<ContactChange> {
    let on_file: Vec<&Contact> = existing.map_or_else(Vec::new, |item| {
        contacts
            .iter()
            .filter(|c| c.district_id == item.district.id)
            .collect()
    });
    let people = match people_of(reader) {
        Ok(people) => people,
        Err(mut messages) => {
            problems.append(&mut messages);
            Vec::new()
        }
    };
    let mut contact_changes = Vec::new();
    for person in &people {
        match person.plan(reader, &on_file) {
            Ok(Some(change)) => contact_changes.push(change),
            Ok(None) => {}
            Err(mut messages) => problems.append(&mut messages),
        }
    }

    contact_changes
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

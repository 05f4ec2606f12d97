//! One row of an imported file: its cells by field, the district it is
//! about (found by each key), the fields it would leave, checked as the
//! form checks them, and its people.

use crate::domain::district::name_key;
use crate::domain::{Contact, Cooperative, DistrictDraft, DistrictFields, DistrictKind};
use crate::io::spreadsheet::RawRow;
use crate::store::DistrictListItem;

use super::people::people_of;
use super::{ContactChange, Field, ImportOptions, Mapping, Outcome, district_changes};

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
pub(super) struct RowReader<'a> {
    pub(super) row: &'a RawRow,
    pub(super) headers: &'a [String],
    pub(super) mapping: &'a Mapping,
    pub(super) options: ImportOptions,
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

    pub(super) fn value(&self, field: Field) -> Option<&'a str> {
        self.cell(field).value()
    }

    /// What a field becomes from the stored `current`: the cell's value, or
    /// (for a blank cell, when blanks clear) nothing, or as it is.
    pub(super) fn apply(&self, field: Field, current: &mut String) {
        match self.cell(field) {
            Cell::Value(value) => *current = value.to_owned(),
            Cell::Blank if self.options.blanks_clear => current.clear(),
            Cell::Blank | Cell::Absent => {}
        }
    }

    pub(super) fn has_column(&self, field: Field) -> bool {
        self.mapping.column_of(field).is_some()
    }

    /// "column “KDE #”", or the field's name when no column has it.
    pub(super) fn heading(&self, field: Field) -> String {
        self.mapping
            .column_of(field)
            .and_then(|i| self.headers.get(i))
            .map_or_else(|| field.label().to_owned(), |h| format!("column “{h}”"))
    }
}

pub(super) fn plan_row(
    reader: &RowReader<'_>,
    roster: &[DistrictListItem],
    contacts: &[Contact],
) -> Outcome {
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

//! Importing districts and their contacts from someone's spreadsheet: which
//! column is which (guessed from the headings, changeable), what each row
//! would do (add, update an existing district, or nothing), and why a row
//! cannot be imported, naming its row and column.

use std::collections::HashMap;

use crate::domain::{
    ContactDraft, ContactFields, ContactRole, Cooperative, DistrictDraft, DistrictFields,
    DistrictId, DistrictKind,
};
use crate::io::spreadsheet::{RawRow, RawTable};
use crate::store::DistrictListItem;

/// A field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    KdeNumber,
    NcesId,
    County,
    Kind,
    Cooperative,
    EmailDomain,
    Notes,
    ContactName,
    ContactTitle,
    ContactEmail,
    ContactPhone,
    ContactRole,
}

impl Field {
    pub const ALL: [Self; 13] = [
        Self::Name,
        Self::KdeNumber,
        Self::NcesId,
        Self::County,
        Self::Kind,
        Self::Cooperative,
        Self::EmailDomain,
        Self::Notes,
        Self::ContactName,
        Self::ContactTitle,
        Self::ContactEmail,
        Self::ContactPhone,
        Self::ContactRole,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "District name",
            Self::KdeNumber => "KDE number",
            Self::NcesId => "NCES LEA ID",
            Self::County => "County",
            Self::Kind => "Type",
            Self::Cooperative => "Cooperative",
            Self::EmailDomain => "Email domain",
            Self::Notes => "Notes",
            Self::ContactName => "Contact name",
            Self::ContactTitle => "Contact title",
            Self::ContactEmail => "Contact email",
            Self::ContactPhone => "Contact phone",
            Self::ContactRole => "Contact role",
        }
    }

    /// Headings people and other programs use for this field.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Name => &[
                "district",
                "district name",
                "district_name",
                "name",
                "lea name",
                "lea_name",
            ],
            Self::KdeNumber => &[
                "kde #",
                "kde number",
                "kde",
                "kde_dist_number",
                "kde district number",
                "district number",
                "dist no",
            ],
            Self::NcesId => &[
                "nces lea id",
                "nces id",
                "nces_leaid",
                "leaid",
                "lea id",
                "nces",
            ],
            Self::County => &["county", "county name"],
            Self::Kind => &["type", "district type", "district_type", "kind"],
            Self::Cooperative => &[
                "co-op",
                "coop",
                "cooperative",
                "coop_2016_17",
                "educational cooperative",
            ],
            Self::EmailDomain => &["email domain", "domain", "email_domain"],
            Self::Notes => &["notes", "note", "comments"],
            Self::ContactName => &[
                "contact",
                "contact name",
                "superintendent",
                "person",
                "full name",
            ],
            Self::ContactTitle => &["title", "contact title", "position", "job title"],
            Self::ContactEmail => &[
                "email",
                "contact email",
                "e-mail",
                "email address",
                "superintendent email",
            ],
            Self::ContactPhone => &["phone", "contact phone", "telephone", "phone number"],
            Self::ContactRole => &["role", "contact role"],
        }
    }

    pub fn is_contact(self) -> bool {
        matches!(
            self,
            Self::ContactName
                | Self::ContactTitle
                | Self::ContactEmail
                | Self::ContactPhone
                | Self::ContactRole
        )
    }
}

/// Whether a heading names any field (used to find the header row).
pub fn is_known_heading(heading: &str) -> bool {
    let heading = heading.trim().to_lowercase();
    Field::ALL
        .iter()
        .any(|f| f.aliases().contains(&heading.as_str()))
}

/// For each column of the table, the field it fills, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping(pub Vec<Option<Field>>);

impl Mapping {
    /// Guesses from the headings; each field is given to one column at most.
    pub fn guess(headers: &[String]) -> Self {
        let mut taken = Vec::new();
        let columns = headers
            .iter()
            .map(|heading| {
                let heading = heading.trim().to_lowercase();
                let field = Field::ALL
                    .into_iter()
                    .find(|f| !taken.contains(f) && f.aliases().contains(&heading.as_str()));
                taken.extend(field);
                field
            })
            .collect();
        Self(columns)
    }

    fn column_of(&self, field: Field) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }

    /// What is missing for an import to make sense.
    pub fn problem(&self) -> Option<String> {
        if self.column_of(Field::Name).is_none() {
            return Some("Choose the column with the district's name.".to_owned());
        }
        let repeated = Field::ALL
            .into_iter()
            .find(|f| self.0.iter().filter(|c| **c == Some(*f)).count() > 1);
        repeated.map(|f| format!("Two columns are set to “{}”; keep one.", f.label()))
    }
}

/// What a row of the file will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A district not yet on the roster.
    New {
        fields: DistrictFields,
        contact: Option<ContactFields>,
    },
    /// A district already on the roster (same NCES ID, KDE number or name).
    Existing {
        id: DistrictId,
        name: String,
        /// What it would become: the roster's values, with the file's on top.
        fields: DistrictFields,
        changed: bool,
        contact: Option<ContactFields>,
    },
    /// Cannot be imported; each message names the column.
    Invalid(Vec<String>),
}

/// The user's choice for a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Import,
    Skip,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedRow {
    /// The row number in the file.
    pub number: usize,
    pub outcome: Outcome,
    pub choice: Choice,
}

impl PlannedRow {
    /// "Row 14, KDE number: Must be exactly 3 digits…" lines.
    pub fn problems(&self) -> Vec<String> {
        match &self.outcome {
            Outcome::Invalid(messages) => messages
                .iter()
                .map(|m| format!("Row {}, {m}", self.number))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// One change the store makes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportAction {
    Add {
        fields: DistrictFields,
        contact: Option<ContactFields>,
    },
    Update {
        id: DistrictId,
        fields: DistrictFields,
        contact: Option<ContactFields>,
    },
}

/// Works out what every row would do against the roster as it is.
pub fn plan(table: &RawTable, mapping: &Mapping, roster: &[DistrictListItem]) -> Vec<PlannedRow> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    table
        .rows
        .iter()
        .map(|row| {
            let outcome = plan_row(row, &table.headers, mapping, roster);
            let outcome = match outcome {
                Outcome::New { ref fields, .. } | Outcome::Existing { ref fields, .. } => {
                    let key = crate::domain::district::name_key(&fields.name);
                    match seen.insert(key, row.number) {
                        Some(first) => {
                            Outcome::Invalid(vec![format!("the same district as row {first}")])
                        }
                        None => outcome,
                    }
                }
                invalid => invalid,
            };
            let choice = match &outcome {
                Outcome::Invalid(_) => Choice::Skip,
                Outcome::Existing {
                    changed: false,
                    contact: None,
                    ..
                } => Choice::Skip,
                _ => Choice::Import,
            };
            PlannedRow {
                number: row.number,
                outcome,
                choice,
            }
        })
        .collect()
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
        .filter(|r| r.choice == Choice::Import)
        .filter_map(|r| match &r.outcome {
            Outcome::New { fields, contact } => Some(ImportAction::Add {
                fields: fields.clone(),
                contact: contact.clone(),
            }),
            Outcome::Existing {
                id,
                fields,
                contact,
                ..
            } => Some(ImportAction::Update {
                id: *id,
                fields: fields.clone(),
                contact: contact.clone(),
            }),
            Outcome::Invalid(_) => None,
        })
        .collect())
}

fn plan_row(
    row: &RawRow,
    headers: &[String],
    mapping: &Mapping,
    roster: &[DistrictListItem],
) -> Outcome {
    let cell = |field: Field| {
        mapping
            .column_of(field)
            .and_then(|i| row.cells.get(i))
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
    };
    let heading = |field: Field| {
        mapping
            .column_of(field)
            .and_then(|i| headers.get(i))
            .map_or_else(|| field.label().to_owned(), |h| format!("column “{h}”"))
    };
    let mut problems = Vec::new();

    // A number typed into Excel loses its leading zeros: 5 is KDE 005.
    let kde = cell(Field::KdeNumber).map(|k| {
        if k.len() < 3 && k.bytes().all(|b| b.is_ascii_digit()) {
            format!("{k:0>3}")
        } else {
            k.to_owned()
        }
    });
    let nces = cell(Field::NcesId).map(str::to_owned);
    let name = cell(Field::Name).map(str::to_owned);
    let existing = roster.iter().find(|item| {
        let f = &item.district.fields;
        nces.as_deref()
            .is_some_and(|n| f.nces_id.as_deref() == Some(n))
            || kde.as_deref().is_some_and(|k| f.kde_number == k)
            || name.as_deref().is_some_and(|n| {
                crate::domain::district::name_key(n) == crate::domain::district::name_key(&f.name)
            })
    });

    let mut draft = existing.map_or_else(DistrictDraft::default, |item| {
        DistrictDraft::from(&item.district.fields)
    });
    // The same name written another way ("adair  county") is the name on
    // file: it is not a change to write over it.
    if let Some(name) = &name
        && !existing.is_some_and(|item| {
            crate::domain::district::name_key(name)
                == crate::domain::district::name_key(&item.district.fields.name)
        })
    {
        draft.name = name.clone();
    }
    if let Some(kde) = kde {
        draft.kde_number = kde;
    }
    if let Some(nces) = nces {
        draft.nces_id = nces;
    }
    if let Some(county) = cell(Field::County) {
        draft.county = county.to_owned();
    }
    match cell(Field::Kind) {
        Some(kind) => match DistrictKind::from_code(kind) {
            Some(kind) => draft.kind = kind,
            None => problems.push(format!(
                "{}: “{kind}” is not County or Independent",
                heading(Field::Kind)
            )),
        },
        None if existing.is_none() && draft.name.to_lowercase().ends_with("independent") => {
            draft.kind = DistrictKind::Independent;
        }
        None => {}
    }
    if let Some(coop) = cell(Field::Cooperative) {
        match Cooperative::parse_optional(coop) {
            Ok(coop) => draft.cooperative = coop,
            Err(message) => problems.push(format!("{}: {message}", heading(Field::Cooperative))),
        }
    }
    if let Some(domain) = cell(Field::EmailDomain) {
        draft.email_domain = domain.to_owned();
    }
    if let Some(notes) = cell(Field::Notes) {
        draft.notes = notes.to_owned();
    }
    if name.is_none() && existing.is_none() {
        problems.push(format!("{}: a district needs a name", heading(Field::Name)));
    }

    let others: Vec<_> = roster
        .iter()
        .map(|item| crate::domain::DistrictKeys {
            id: item.district.id,
            name: &item.district.fields.name,
            kde_number: &item.district.fields.kde_number,
            nces_id: item.district.fields.nces_id.as_deref(),
        })
        .collect();
    let fields = match draft.validate(existing.map(|e| e.district.id), others) {
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
                problems.push(format!("{}: {message}", heading(column)));
            }
            None
        }
    };

    let contact = match contact_of(&cell, &heading) {
        Ok(contact) => contact,
        Err(mut messages) => {
            problems.append(&mut messages);
            None
        }
    };
    match (fields, problems.is_empty()) {
        (Some(fields), true) => match existing {
            Some(item) => Outcome::Existing {
                id: item.district.id,
                name: item.district.fields.name.clone(),
                changed: fields != item.district.fields,
                fields,
                contact,
            },
            None => Outcome::New { fields, contact },
        },
        _ => Outcome::Invalid(problems),
    }
}

/// The row's contact, when it names one.
fn contact_of<'a>(
    cell: &dyn Fn(Field) -> Option<&'a str>,
    heading: &dyn Fn(Field) -> String,
) -> Result<Option<ContactFields>, Vec<String>> {
    let contact_fields = [
        Field::ContactName,
        Field::ContactTitle,
        Field::ContactEmail,
        Field::ContactPhone,
    ];
    if contact_fields.iter().all(|f| cell(*f).is_none()) {
        return Ok(None);
    }
    let name = cell(Field::ContactName).unwrap_or_default();
    let role = match cell(Field::ContactRole).map(str::to_lowercase) {
        None => ContactRole::PointOfContact,
        Some(r) if r.contains("super") => ContactRole::Superintendent,
        Some(r) if r.contains("contact") || r == "poc" => ContactRole::PointOfContact,
        Some(_) => ContactRole::Other,
    };
    let draft = ContactDraft {
        name: name.to_owned(),
        title: cell(Field::ContactTitle).unwrap_or_default().to_owned(),
        email: cell(Field::ContactEmail).unwrap_or_default().to_owned(),
        phone: cell(Field::ContactPhone).unwrap_or_default().to_owned(),
        role,
        active: true,
    };
    draft.validate().map(Some).map_err(|errors| {
        use crate::domain::ContactField as C;
        errors
            .iter()
            .map(|(field, message)| {
                let column = match field {
                    C::Name => Field::ContactName,
                    C::Title => Field::ContactTitle,
                    C::Email => Field::ContactEmail,
                    C::Phone => Field::ContactPhone,
                    C::Role => Field::ContactRole,
                };
                format!("{}: {message}", heading(column))
            })
            .collect()
    })
}

/// The fields an update would change, by the names the wizard shows.
pub fn changed_fields(before: &DistrictFields, after: &DistrictFields) -> Vec<&'static str> {
    [
        (before.name != after.name, Field::Name),
        (before.kde_number != after.kde_number, Field::KdeNumber),
        (before.nces_id != after.nces_id, Field::NcesId),
        (before.county != after.county, Field::County),
        (before.kind != after.kind, Field::Kind),
        (before.cooperative != after.cooperative, Field::Cooperative),
        (
            before.email_domain != after.email_domain,
            Field::EmailDomain,
        ),
        (before.notes != after.notes, Field::Notes),
    ]
    .into_iter()
    .filter(|(changed, _)| *changed)
    .map(|(_, field)| field.label())
    .collect()
}

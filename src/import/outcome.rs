//! What a row of the file will do (add a district, update one field by
//! field, go with an earlier row, or nothing and why), in words for the
//! review.

use super::{contact_changes, sentence};
use crate::domain::district::name_key;
use crate::domain::{ContactFields, DistrictFields, DistrictId};

/// A field an update changes, with its value before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// A person a row adds to a district, or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContactChange {
    Add(ContactFields),
    Update {
        id: crate::domain::ContactId,
        name: String,
        changes: Vec<FieldChange>,
        fields: ContactFields,
    },
}

/// What a row of the file will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A district not yet on the roster.
    New {
        fields: DistrictFields,
        contacts: Vec<ContactFields>,
    },
    /// A district already on the roster (same NCES ID, KDE number or name).
    Existing {
        id: DistrictId,
        name: String,
        /// What it would become: the roster's values, with the file's on top.
        fields: DistrictFields,
        changes: Vec<FieldChange>,
        contacts: Vec<ContactChange>,
        /// Why the user must decide before it is imported (a rename by its
        /// number): such a row is left unticked.
        caution: Option<String>,
    },
    /// Another row of a district an earlier row has (a contacts file has a
    /// row per person): its people are imported with that row.
    WithRow(usize),
    /// Cannot be imported; each message names the column.
    Invalid(Vec<String>),
}

impl Outcome {
    /// Whether importing the row would change anything.
    pub fn changes_anything(&self) -> bool {
        match self {
            Self::New { .. } => true,
            Self::Existing {
                changes, contacts, ..
            } => !changes.is_empty() || !contacts.is_empty(),
            Self::WithRow(_) | Self::Invalid(_) => false,
        }
    }

    /// The district the row is about, when it is one.
    pub fn district_name(&self) -> Option<&str> {
        match self {
            Self::New { fields, .. } => Some(&fields.name),
            Self::Existing { name, .. } => Some(name),
            Self::WithRow(_) | Self::Invalid(_) => None,
        }
    }

    /// What the row does, in words: "Adds the district in Allen County;
    /// adds contact Pat Doe", "Changes County: Allen ➡ Allen Co.".
    pub fn describe(&self) -> String {
        match self {
            Self::New { fields, contacts } => {
                let county = if fields.county.is_empty() {
                    String::new()
                } else {
                    format!(" in {} County", fields.county)
                };
                let mut text = format!("Adds the district{county}");
                for contact in contacts {
                    text.push_str(&format!("; adds {} {}", contact.role.label(), contact.name));
                }
                text
            }
            Self::Existing {
                changes,
                contacts,
                caution,
                ..
            } => {
                let mut parts: Vec<String> = Vec::new();
                if let Some(caution) = caution {
                    parts.push(format!("⚠ {caution}"));
                }
                parts.extend(changes.iter().map(change_text));
                for contact in contacts {
                    parts.push(match contact {
                        ContactChange::Add(fields) => {
                            format!("adds {} {}", fields.role.label(), fields.name)
                        }
                        ContactChange::Update { name, changes, .. } => format!(
                            "{name}: {}",
                            changes
                                .iter()
                                .map(change_text)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
                if parts.is_empty() {
                    "Already on the roster as it is".to_owned()
                } else {
                    parts.join("; ")
                }
            }
            Self::WithRow(row) => format!("Its people are taken with row {row}"),
            Self::Invalid(messages) => sentence(&messages.join("; ")),
        }
    }

    pub(super) fn fields(&self) -> Option<&DistrictFields> {
        match self {
            Self::New { fields, .. } | Self::Existing { fields, .. } => Some(fields),
            Self::WithRow(_) | Self::Invalid(_) => None,
        }
    }

    /// Takes a later row's people into this (the first) row of the district.
    /// Takes the people of a later row of the same district. A person
    /// written twice must be written the same way: otherwise the later row
    /// is refused (which of the two is right is the user's to say).
    pub(super) fn take_people_of(&mut self, later: Outcome) -> Result<(), String> {
        let later_people: Vec<ContactChange> = match later {
            Self::New { contacts, .. } => contacts.into_iter().map(ContactChange::Add).collect(),
            Self::Existing { contacts, .. } => contacts,
            Self::WithRow(_) | Self::Invalid(_) => Vec::new(),
        };
        let earlier_people: Vec<ContactChange> = match &*self {
            Self::New { contacts, .. } => {
                contacts.iter().cloned().map(ContactChange::Add).collect()
            }
            Self::Existing { contacts, .. } => contacts.clone(),
            Self::WithRow(_) | Self::Invalid(_) => Vec::new(),
        };
        let mut new_people = Vec::new();
        for person in later_people {
            match earlier_people.iter().find(|e| e.is_same_person(&person)) {
                Some(earlier) => {
                    let differences = contact_changes(earlier.fields(), person.fields());
                    if !differences.is_empty() {
                        return Err(format!(
                            "{} is on an earlier row with other details ({}): keep one row for them",
                            person.fields().name,
                            differences
                                .iter()
                                .map(|c| format!(
                                    "{} {} or {}",
                                    c.field,
                                    shown(&c.before),
                                    shown(&c.after)
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                }
                None => new_people.push(person),
            }
        }
        for person in new_people {
            match (&mut *self, person) {
                (Self::New { contacts, .. }, ContactChange::Add(fields)) => contacts.push(fields),
                (Self::Existing { contacts, .. }, person) => contacts.push(person),
                _ => {}
            }
        }
        Ok(())
    }
}

impl ContactChange {
    /// The person as the import would leave them.
    pub(super) fn fields(&self) -> &ContactFields {
        match self {
            Self::Add(fields) | Self::Update { fields, .. } => fields,
        }
    }

    pub(super) fn is_same_person(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Update { id: a, .. }, Self::Update { id: b, .. }) => a == b,
            (Self::Add(a), Self::Add(b)) => same_person(a, b),
            _ => false,
        }
    }
}

/// One person written twice: the same email, or (without one) the same name.
fn same_person(a: &ContactFields, b: &ContactFields) -> bool {
    if !a.email.is_empty() || !b.email.is_empty() {
        a.email.eq_ignore_ascii_case(&b.email)
    } else {
        name_key(&a.name) == name_key(&b.name)
    }
}

/// A value in a message: "(blank)" for nothing.
pub(super) fn shown(value: &str) -> String {
    if value.is_empty() {
        "(blank)".to_owned()
    } else {
        value.to_owned()
    }
}

fn change_text(change: &FieldChange) -> String {
    format!(
        "{}: {} ➡ {}",
        change.field,
        shown(&change.before),
        shown(&change.after)
    )
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

//! The people a row names: one contact per row (a contacts file), or the
//! roster's lists of superintendents and points of contact with their
//! emails; and what each means for the district's people on file.

use super::{ContactChange, Field, RowReader, contact_changes};
use crate::domain::district::name_key;
use crate::domain::{Contact, ContactDraft, ContactRole};

/// A person a row names: the cells of one contact's columns, or one entry
/// of a "Superintendents" or "Points of contact" list.
pub(super) struct Person<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    /// Cells only the one-contact columns have (title, phone, active).
    single_row: bool,
    role: Option<ContactRole>,
    /// Which columns the person came from, for messages.
    name_field: Field,
}

/// Everyone a row names.
pub(super) fn people_of<'a>(reader: &RowReader<'a>) -> Result<Vec<Person<'a>>, Vec<String>> {
    let mut people = Vec::new();
    let mut problems = Vec::new();
    let single = [
        Field::ContactName,
        Field::ContactTitle,
        Field::ContactEmail,
        Field::ContactPhone,
    ];
    if single.iter().any(|f| reader.value(*f).is_some()) {
        let role = match reader.value(Field::ContactRole).map(str::to_lowercase) {
            None => None,
            Some(r) if r.contains("super") => Some(ContactRole::Superintendent),
            Some(r) if r.contains("contact") || r == "poc" => Some(ContactRole::PointOfContact),
            Some(_) => Some(ContactRole::Other),
        };
        people.push(Person {
            name: reader.value(Field::ContactName),
            email: reader.value(Field::ContactEmail),
            single_row: true,
            role,
            name_field: Field::ContactName,
        });
    }
    // The roster's own columns: a list of names beside a list of emails,
    // in the same order ("Pat Doe; Lee Smith" / "pat@…; lee@…").
    for (names, emails, role) in [
        (
            Field::Superintendents,
            Field::SuperintendentEmails,
            ContactRole::Superintendent,
        ),
        (
            Field::PointsOfContact,
            Field::PointOfContactEmails,
            ContactRole::PointOfContact,
        ),
    ] {
        let list = |field| -> Vec<&'a str> {
            reader
                .value(field)
                .map(|cell| cell.split(';').map(str::trim).collect())
                .unwrap_or_default()
        };
        let (names_list, emails_list) = (list(names), list(emails));
        if names_list.is_empty() && emails_list.is_empty() {
            continue;
        }
        if !emails_list.is_empty() && emails_list.len() != names_list.len() {
            problems.push(format!(
                "{}: {} names but {} emails in {}; write one email per name (blank for none)",
                reader.heading(names),
                names_list.len(),
                emails_list.len(),
                reader.heading(emails)
            ));
            continue;
        }
        for (i, name) in names_list.iter().enumerate() {
            let email = emails_list.get(i).copied().filter(|e| !e.is_empty());
            people.push(Person {
                name: Some(*name).filter(|n| !n.is_empty()),
                email,
                single_row: false,
                role: Some(role),
                name_field: names,
            });
        }
    }
    if problems.is_empty() {
        Ok(people)
    } else {
        Err(problems)
    }
}

impl Person<'_> {
    /// What the person means for the district's people on file: added,
    /// changed, or nothing (`None`).
    pub(super) fn plan(
        &self,
        reader: &RowReader<'_>,
        on_file: &[&Contact],
    ) -> Result<Option<ContactChange>, Vec<String>> {
        let found = on_file.iter().find(|c| {
            self.email.is_some_and(|e| {
                !c.fields.email.is_empty() && c.fields.email.eq_ignore_ascii_case(e)
            })
        });
        let found = found.or_else(|| {
            on_file.iter().find(|c| {
                self.name
                    .is_some_and(|n| name_key(&c.fields.name) == name_key(n))
            })
        });
        let mut draft = found.map_or_else(
            || ContactDraft {
                role: ContactRole::PointOfContact,
                active: true,
                ..ContactDraft::default()
            },
            |c| ContactDraft::from(&c.fields),
        );
        if let Some(name) = self.name {
            draft.name = name.to_owned();
        }
        if let Some(email) = self.email {
            draft.email = email.to_owned();
        }
        if self.single_row {
            reader.apply(Field::ContactTitle, &mut draft.title);
            reader.apply(Field::ContactPhone, &mut draft.phone);
            if self.email.is_none() {
                reader.apply(Field::ContactEmail, &mut draft.email);
            }
            match reader.value(Field::ContactActive).map(str::to_lowercase) {
                Some(active) if ["yes", "y", "true", "1", "active"].contains(&active.as_str()) => {
                    draft.active = true;
                }
                Some(active)
                    if ["no", "n", "false", "0", "inactive"].contains(&active.as_str()) =>
                {
                    draft.active = false;
                }
                Some(active) => {
                    return Err(vec![format!(
                        "{}: “{active}” is not Yes or No",
                        reader.heading(Field::ContactActive)
                    )]);
                }
                None => {}
            }
        }
        if let Some(role) = self.role {
            draft.role = role;
        }
        // What the file says is what is stored: nothing to check or tidy.
        if found.is_some_and(|c| draft == ContactDraft::from(&c.fields)) {
            return Ok(None);
        }
        let fields =
            draft.validate().map_err(|errors| {
                use crate::domain::ContactField as C;
                errors
                .iter()
                .map(|(field, message)| {
                    let column = match field {
                        C::Name => self.name_field,
                        C::Title => Field::ContactTitle,
                        C::Email => Field::ContactEmail,
                        C::Phone => Field::ContactPhone,
                        C::Role => Field::ContactRole,
                    };
                    // A contact's details with no column naming them.
                    if field == C::Name && !reader.has_column(column) {
                        let given = [Field::ContactEmail, Field::ContactPhone, Field::ContactTitle]
                            .into_iter()
                            .filter(|f| reader.has_column(*f))
                            .map(|f| reader.heading(f))
                            .collect::<Vec<_>>()
                            .join(" and ");
                        return format!(
                            "{given} gives a contact's details, but the file has no column with \
                             the contact's name: add one, or leave that column out (in the window: set it to \
                             “not imported”)"
                        );
                    }
                    format!("{}: {message}", reader.heading(column))
                })
                .collect::<Vec<_>>()
            })?;
        Ok(match found {
            None => Some(ContactChange::Add(fields)),
            Some(contact) if contact.fields == fields => None,
            Some(contact) => Some(ContactChange::Update {
                id: contact.id,
                name: contact.fields.name.clone(),
                changes: contact_changes(&contact.fields, &fields),
                fields,
            }),
        })
    }
}

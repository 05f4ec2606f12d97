//! The people a row names (a letter's superintendent and points of contact,
//! a grant's applicant, who came to a convening): found among the
//! district's contacts by name, or added to them when the row is written.

use std::collections::HashMap;

use crate::domain::district::name_key;
use crate::domain::{Contact, ContactFields, ContactId, ContactRole, DistrictId};
use crate::store::{Store, StoreError};

/// A person a row names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Person {
    /// One of the district's contacts.
    Known(ContactId, String),
    /// Not among them: added, with `role`, when the row is written.
    New(String, ContactRole),
}

impl Person {
    pub fn name(&self) -> &str {
        match self {
            Self::Known(_, name) | Self::New(name, _) => name,
        }
    }

    pub fn id(&self) -> Option<ContactId> {
        match self {
            Self::Known(id, _) => Some(*id),
            Self::New(..) => None,
        }
    }
}

/// Every district's people, to find them by name.
pub struct People {
    by_district: HashMap<DistrictId, Vec<Contact>>,
}

impl People {
    pub fn new(contacts: Vec<Contact>) -> Self {
        let mut by_district: HashMap<DistrictId, Vec<Contact>> = HashMap::new();
        for contact in contacts {
            by_district
                .entry(contact.district_id)
                .or_default()
                .push(contact);
        }
        Self { by_district }
    }

    pub fn read(store: &Store) -> Result<Self, StoreError> {
        Ok(Self::new(store.all_contacts()?))
    }

    /// The district's contact named `name` (case and spacing aside; "Pat
    /// Doe <pat@x.org>" tells two people of one name apart by email), or a
    /// new one of `role`.
    pub fn find(&self, district: DistrictId, name: &str, role: ContactRole) -> Person {
        let (name, email) = split_email(name);
        let key = name_key(name);
        let people = self
            .by_district
            .get(&district)
            .map_or(&[][..], Vec::as_slice);
        let same_email = |c: &&Contact| {
            email.is_some_and(|email| {
                !email.is_empty() && c.fields.email.trim().eq_ignore_ascii_case(email)
            })
        };
        // Name and email; the name alone; then the email alone (a letter
        // may write "Dr. Pat Doe" for the Pat Doe on file).
        people
            .iter()
            .find(|c| same_email(c) && name_key(&c.fields.name) == key)
            .or_else(|| people.iter().find(|c| name_key(&c.fields.name) == key))
            .or_else(|| people.iter().find(same_email))
            .map_or_else(
                || match email {
                    Some(email) => Person::New(format!("{} <{email}>", name.trim()), role),
                    None => Person::New(name.trim().to_owned(), role),
                },
                |c| Person::Known(c.id, c.fields.name.clone()),
            )
    }

    /// The district's contact with this email.
    pub fn with_email(&self, district: DistrictId, email: &str) -> Option<Person> {
        self.by_district
            .get(&district)?
            .iter()
            .find(|c| c.fields.email.eq_ignore_ascii_case(email.trim()))
            .map(|c| Person::Known(c.id, c.fields.name.clone()))
    }

    /// A contact's name, for the review.
    pub fn name_of(&self, district: DistrictId, id: ContactId) -> String {
        self.by_district
            .get(&district)
            .and_then(|people| people.iter().find(|c| c.id == id))
            .map_or_else(String::new, |c| c.fields.name.clone())
    }
}

/// "Pat Doe <pat@x.org>" as its name and email; a plain name alone.
fn split_email(text: &str) -> (&str, Option<&str>) {
    let text = text.trim();
    match text.strip_suffix('>').and_then(|t| t.rsplit_once(" <")) {
        Some((name, email)) if email.contains('@') => (name.trim(), Some(email.trim())),
        _ => (text, None),
    }
}

/// The person's contact id, adding them to the district when new (or when
/// an earlier row of the same import added them already, finding them).
pub fn contact_id(
    store: &mut Store,
    district: DistrictId,
    person: &Person,
) -> Result<ContactId, StoreError> {
    match person {
        Person::Known(id, _) => Ok(*id),
        Person::New(name, role) => {
            let (name, email) = split_email(name);
            let key = name_key(name);
            if let Some(found) = store
                .contacts_of(district)?
                .into_iter()
                .find(|c| name_key(&c.fields.name) == key)
            {
                return Ok(found.id);
            }
            store.insert_contact(
                district,
                &ContactFields {
                    name: name.to_owned(),
                    // Kept only when it is an address (a letter's text may not be).
                    email: email
                        .filter(|e| email_address::EmailAddress::is_valid(e))
                        .unwrap_or_default()
                        .to_owned(),
                    role: *role,
                    active: true,
                    ..ContactFields::default()
                },
            )
        }
    }
}

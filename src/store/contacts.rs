//! A district's people.

use crate::domain::Coded as _;
use rusqlite::{Connection, OptionalExtension as _, Row};

use super::error::{Constraint, constraint};
use super::rows::{decoded, found, from_sql_error};
use super::{Result, Store, StoreError};
use crate::domain::{Contact, ContactFields, ContactId, ContactRole, DistrictId};

const CONTACT_COLUMNS: &str = "id, district_id, name, title, email, phone, role, active";

/// A district's people in the order they are listed: superintendents,
/// points of contact, then the others.
fn role_rank(role: ContactRole) -> u8 {
    match role {
        ContactRole::Superintendent => 0,
        ContactRole::PointOfContact => 1,
        ContactRole::Other => 2,
    }
}

impl Contact {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let role: String = row.get(6)?;
        Ok(Contact {
            id: ContactId(row.get(0)?),
            district_id: DistrictId(row.get(1)?),
            fields: ContactFields {
                name: row.get(2)?,
                title: row.get(3)?,
                email: row.get(4)?,
                phone: row.get(5)?,
                role: decoded::<ContactRole>(6, "role", &role)?,
                active: row.get(7)?,
            },
        })
    }
}

/// Adds a contact inside a change that is already open (a save, an import,
/// a participant report): the one INSERT of a contact.
pub(super) fn insert_contact_row(
    conn: &Connection,
    district: DistrictId,
    fields: &ContactFields,
) -> rusqlite::Result<ContactId> {
    conn.prepare_cached(
        "INSERT INTO contact (district_id, name, title, email, phone, role, active)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute((
        district.0,
        &fields.name,
        &fields.title,
        &fields.email,
        &fields.phone,
        fields.role.code(),
        fields.active,
    ))?;
    Ok(ContactId(conn.last_insert_rowid()))
}

/// Rewrites a contact's fields inside an open change, only if the contact
/// belongs to `district` when one is given; how many rows changed (0 or 1).
pub(super) fn update_contact_row(
    conn: &Connection,
    id: ContactId,
    fields: &ContactFields,
    district: Option<DistrictId>,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(
        "UPDATE contact SET
           name = ?2, title = ?3, email = ?4, phone = ?5, role = ?6, active = ?7,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1 AND (?8 IS NULL OR district_id = ?8)",
    )?
    .execute((
        id.0,
        &fields.name,
        &fields.title,
        &fields.email,
        &fields.phone,
        fields.role.code(),
        fields.active,
        district.map(|d| d.0),
    ))
}

fn reference_error(error: rusqlite::Error) -> StoreError {
    match constraint(&error) {
        Some(Constraint::ForeignKey) => StoreError::MissingReference("district"),
        _ => StoreError::from(error),
    }
}

impl Store {
    /// A district's contacts: superintendents first, then points of contact,
    /// then others; by name within each.
    pub fn contacts_of(&self, district: DistrictId) -> Result<Vec<Contact>> {
        let sql = format!(
            "SELECT {CONTACT_COLUMNS} FROM contact WHERE district_id = ?1
             ORDER BY CASE role WHEN 'superintendent' THEN 0 WHEN 'point_of_contact' THEN 1 ELSE 2 END,
                      name COLLATE NOCASE"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([district.0], Contact::from_row)?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    /// Every contact of every district, by district then name.
    pub fn all_contacts(&self) -> Result<Vec<Contact>> {
        let sql = format!("SELECT {CONTACT_COLUMNS} FROM contact");
        let mut statement = self.conn.prepare_cached(&sql)?;
        let mut contacts: Vec<Contact> = statement
            .query_map([], Contact::from_row)?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)?;
        // Sorted here: SQLite's sort on these keys costs more than the read.
        contacts.sort_by_cached_key(|c| {
            (
                c.district_id,
                role_rank(c.fields.role),
                c.fields.name.to_lowercase(),
            )
        });
        Ok(contacts)
    }

    pub fn contact(&self, id: ContactId) -> Result<Contact> {
        let sql = format!("SELECT {CONTACT_COLUMNS} FROM contact WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], Contact::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("contact"))
    }

    pub fn insert_contact(
        &mut self,
        district: DistrictId,
        fields: &ContactFields,
    ) -> Result<ContactId> {
        let change = self.change()?;
        let id = insert_contact_row(&change, district, fields).map_err(reference_error)?;
        change.commit()?;
        Ok(id)
    }

    pub fn update_contact(&mut self, id: ContactId, fields: &ContactFields) -> Result<()> {
        let change = self.change()?;
        let changed = update_contact_row(&change, id, fields, None)?;
        found(changed, "contact")?;
        change.commit()
    }

    /// Removes a contact. Refused for one named on a Letter of Commitment,
    /// which keeps the letter as it was signed.
    pub fn delete_contact(&mut self, id: ContactId) -> Result<()> {
        let contact = self.contact(id)?;
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM contact WHERE id = ?1")?
            .execute([id.0])
            .map_err(|error| match constraint(&error) {
                Some(Constraint::ForeignKey) => {
                    StoreError::ContactInUse(contact.fields.name.clone())
                }
                _ => StoreError::from(error),
            })?;
        found(changed, "contact")?;
        change.commit()
    }
}

//! People of the network who are not in a district, and the e-mail
//! templates as the consultant reworded them.

use crate::domain::Coded as _;
use rusqlite::{OptionalExtension as _, Row};

use super::rows::{decoded, found, from_sql_error};
use super::{Result, Store, StoreError};
use crate::domain::email::{EmailTemplate, TemplateName};
use crate::domain::{NetworkPerson, NetworkPersonFields, NetworkPersonId, NetworkRole};

const PERSON_COLUMNS: &str =
    "id, name, title, organisation, email, phone, role, cc_on_drafts, active";

impl NetworkPerson {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let role: String = row.get(6)?;
        Ok(NetworkPerson {
            id: NetworkPersonId(row.get(0)?),
            fields: NetworkPersonFields {
                name: row.get(1)?,
                title: row.get(2)?,
                organisation: row.get(3)?,
                email: row.get(4)?,
                phone: row.get(5)?,
                role: decoded::<NetworkRole>(6, "role", &role)?,
                cc_on_drafts: row.get(7)?,
                active: row.get(8)?,
            },
        })
    }
}

impl Store {
    /// Everyone of the network outside the districts, active first, by name.
    pub fn network_people(&self) -> Result<Vec<NetworkPerson>> {
        let sql = format!(
            "SELECT {PERSON_COLUMNS} FROM network_person
             ORDER BY active DESC, name COLLATE NOCASE, id"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_map([], NetworkPerson::from_row)?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn network_person(&self, id: NetworkPersonId) -> Result<NetworkPerson> {
        let sql = format!("SELECT {PERSON_COLUMNS} FROM network_person WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], NetworkPerson::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("person of the network"))
    }

    pub fn insert_network_person(
        &mut self,
        fields: &NetworkPersonFields,
    ) -> Result<NetworkPersonId> {
        let change = self.change()?;
        change
            .prepare_cached(
                "INSERT INTO network_person
                   (name, title, organisation, email, phone, role, cc_on_drafts, active)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute((
                &fields.name,
                &fields.title,
                &fields.organisation,
                &fields.email,
                &fields.phone,
                fields.role.code(),
                fields.cc_on_drafts,
                fields.active,
            ))?;
        let id = NetworkPersonId(change.last_insert_rowid());
        change.commit()?;
        Ok(id)
    }

    pub fn update_network_person(
        &mut self,
        id: NetworkPersonId,
        fields: &NetworkPersonFields,
    ) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached(
                "UPDATE network_person SET name = ?2, title = ?3, organisation = ?4,
                   email = ?5, phone = ?6, role = ?7, cc_on_drafts = ?8, active = ?9,
                   updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
            )?
            .execute((
                id.0,
                &fields.name,
                &fields.title,
                &fields.organisation,
                &fields.email,
                &fields.phone,
                fields.role.code(),
                fields.cc_on_drafts,
                fields.active,
            ))?;
        found(changed, "person of the network")?;
        change.commit()
    }

    /// Removes a person; the convenings they organised keep their other
    /// details and lose the organiser (Undo brings both back).
    pub fn delete_network_person(&mut self, id: NetworkPersonId) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM network_person WHERE id = ?1")?
            .execute([id.0])?;
        found(changed, "person of the network")?;
        change.commit()
    }

    /// The template as the consultant last saved it, else the app's text.
    pub fn email_template(&self, name: TemplateName) -> Result<EmailTemplate> {
        let saved = self
            .conn
            .prepare_cached("SELECT subject, body FROM email_template WHERE name = ?1")?
            .query_row([name.key()], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()
            .map_err(from_sql_error)?;
        Ok(match saved {
            Some((subject, body)) => EmailTemplate {
                name,
                subject,
                body,
            },
            None => name.standard(),
        })
    }

    /// Keeps a reworded template; the app's own text is kept as "not
    /// reworded", so that a later version's better wording reaches it.
    pub fn save_email_template(&mut self, template: &EmailTemplate) -> Result<()> {
        template.check().map_err(StoreError::Refused)?;
        let change = self.change()?;
        if *template == template.name.standard() {
            change
                .prepare_cached("DELETE FROM email_template WHERE name = ?1")?
                .execute([template.name.key()])?;
        } else {
            change
                .prepare_cached(
                    "INSERT INTO email_template (name, subject, body) VALUES (?1, ?2, ?3)
                     ON CONFLICT (name) DO UPDATE SET subject = ?2, body = ?3,
                       updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                )?
                .execute((template.name.key(), &template.subject, &template.body))?;
        }
        change.commit()
    }
}

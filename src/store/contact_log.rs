//! Who was contacted, when: each draft the app makes, logged on its
//! district (the day, the template, the recipients, the subject).

use chrono::NaiveDate;

use super::rows::from_sql_error;
use super::{Result, Store};
use crate::domain::DistrictId;

/// One message prepared for a district.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactEntry {
    pub district: DistrictId,
    pub sent_on: NaiveDate,
    /// The template's key: `renewal-invitation`.
    pub template: String,
    pub recipients: String,
    pub subject: String,
}

impl Store {
    /// Logs the drafts made, as one change (what Undo takes back).
    pub fn log_contacts(&mut self, entries: &[ContactEntry]) -> Result<()> {
        let change = self.change()?;
        {
            let mut insert = change.prepare_cached(
                "INSERT INTO contact_log (district_id, sent_on, template, recipients, subject)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for entry in entries {
                insert.execute((
                    entry.district.0,
                    entry.sent_on,
                    &entry.template,
                    &entry.recipients,
                    &entry.subject,
                ))?;
            }
        }
        change.commit()
    }

    /// The day each district was last written to.
    pub fn last_reminded(
        &self,
    ) -> Result<std::collections::HashMap<DistrictId, chrono::NaiveDate>> {
        self.conn
            .prepare_cached(
                "SELECT district_id, max(sent_on) FROM contact_log GROUP BY district_id",
            )?
            .query_map([], |row| Ok((DistrictId(row.get(0)?), row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    /// A district's log, newest first.
    pub fn contact_log_of(&self, district: DistrictId) -> Result<Vec<ContactEntry>> {
        self.conn
            .prepare_cached(
                "SELECT district_id, sent_on, template, recipients, subject FROM contact_log
                 WHERE district_id = ?1 ORDER BY sent_on DESC, id DESC",
            )?
            .query_map([district.0], |row| {
                Ok(ContactEntry {
                    district: DistrictId(row.get(0)?),
                    sent_on: row.get(1)?,
                    template: row.get(2)?,
                    recipients: row.get(3)?,
                    subject: row.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }
}

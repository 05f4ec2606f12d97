//! Districts: the roster's rows, with the SQL for each query in one place.

use crate::domain::Coded as _;
use rusqlite::{OptionalExtension as _, Row, params};

use super::contacts::{insert_contact_row, update_contact_row};
use super::error::{Constraint, constraint};
use super::rows::{decoded, found, from_sql_error, unknown};
use super::{Result, Store, StoreError};
use crate::domain::district::name_key;
use crate::domain::import::{ContactImport, ImportAction};
use crate::domain::{Cooperative, District, DistrictFields, DistrictId, DistrictKind};

/// A district as the roster table shows it: its fields plus what is counted
/// from its contacts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistrictListItem {
    pub district: District,
    /// The first active superintendent on file.
    pub superintendent: Option<String>,
    pub contact_count: u32,
}

/// What adding a list of districts did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct AddDistrictsSummary {
    pub added: usize,
    /// Districts skipped because one with the same name, KDE number or NCES
    /// ID was already there.
    pub already_present: usize,
}

const DISTRICT_COLUMNS: &str = "d.id, d.name, d.kde_number, d.nces_id, d.county, d.kind, \
     d.cooperative, d.email_domain, d.notes, d.archived_at IS NOT NULL";

impl District {
    /// Maps a row selected with `DISTRICT_COLUMNS`, starting at column 0.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let kind: String = row.get(5)?;
        let cooperative: Option<String> = row.get(6)?;
        Ok(District {
            id: DistrictId(row.get(0)?),
            fields: DistrictFields {
                name: row.get(1)?,
                kde_number: row.get(2)?,
                nces_id: row.get(3)?,
                county: row.get(4)?,
                kind: decoded::<DistrictKind>(5, "district type", &kind)?,
                cooperative: match cooperative {
                    None => None,
                    Some(code) => Some(
                        Cooperative::parse_optional(&code)
                            .ok()
                            .flatten()
                            .ok_or_else(|| unknown(6, "cooperative", &code))?,
                    ),
                },
                email_domain: row.get(7)?,
                notes: row.get(8)?,
            },
            archived: row.get(9)?,
        })
    }
}

/// Turns a broken unique index into the message about that field.
fn uniqueness_error(error: rusqlite::Error, fields: &DistrictFields) -> StoreError {
    match constraint(&error) {
        Some(Constraint::Unique(columns)) if columns.contains("kde_number") => {
            StoreError::DuplicateKdeNumber(fields.kde_number.clone())
        }
        Some(Constraint::Unique(columns)) if columns.contains("nces_id") => {
            StoreError::DuplicateNcesId(fields.nces_id.clone().unwrap_or_default())
        }
        Some(Constraint::Unique(columns)) if columns.contains("name_key") => {
            StoreError::DuplicateName(fields.name.clone())
        }
        _ => from_sql_error(error),
    }
}

impl Store {
    /// Every district, archived ones included, in name order.
    pub fn district_list(&self) -> Result<Vec<DistrictListItem>> {
        let sql = format!(
            "SELECT {DISTRICT_COLUMNS},
                (SELECT c.name FROM contact c
                  WHERE c.district_id = d.id AND c.role = 'superintendent' AND c.active
                  ORDER BY c.id LIMIT 1),
                (SELECT count(*) FROM contact c WHERE c.district_id = d.id)
             FROM district d
             ORDER BY d.name COLLATE NOCASE"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([], |row| {
            Ok(DistrictListItem {
                district: District::from_row(row)?,
                superintendent: row.get(10)?,
                contact_count: row.get(11)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn district(&self, id: DistrictId) -> Result<District> {
        let sql = format!("SELECT {DISTRICT_COLUMNS} FROM district d WHERE d.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], District::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("district"))
    }

    pub fn insert_district(&mut self, fields: &DistrictFields) -> Result<DistrictId> {
        let change = self.change()?;
        change
            .prepare_cached(
                "INSERT INTO district
                   (name, kde_number, nces_id, county, kind, cooperative, email_domain, notes, name_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(district_params(fields))
            .map_err(|e| uniqueness_error(e, fields))?;
        let id = DistrictId(change.last_insert_rowid());
        change.commit()?;
        Ok(id)
    }

    pub fn update_district(&mut self, id: DistrictId, fields: &DistrictFields) -> Result<()> {
        let (name, kde, nces, county, kind, coop, domain, notes, key) = district_params(fields);
        let change = self.change()?;
        let changed = change
            .prepare_cached(
                "UPDATE district SET
                   name = ?1, kde_number = ?2, nces_id = ?3, county = ?4, kind = ?5,
                   cooperative = ?6, email_domain = ?7, notes = ?8, name_key = ?9,
                   updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?10",
            )?
            .execute((
                name, kde, nces, county, kind, coop, domain, notes, key, id.0,
            ))
            .map_err(|e| uniqueness_error(e, fields))?;
        found(changed, "district")?;
        change.commit()
    }

    /// Archives (hides) or restores a district. Its records stay.
    pub fn set_district_archived(&mut self, id: DistrictId, archived: bool) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached(
                "UPDATE district SET
                   archived_at = CASE WHEN ?2 THEN strftime('%Y-%m-%dT%H:%M:%fZ', 'now') END,
                   updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
            )?
            .execute(params![id.0, archived])?;
        found(changed, "district")?;
        change.commit()
    }

    /// Deletes a district and its contacts. Refused for a district with
    /// history (memberships, attendance, grants), which the database's
    /// foreign keys protect.
    pub fn delete_district(&mut self, id: DistrictId) -> Result<()> {
        let district = self.district(id)?;
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM district WHERE id = ?1")?
            .execute([id.0])
            .map_err(|error| match constraint(&error) {
                Some(Constraint::ForeignKey) => {
                    StoreError::HasHistory(district.fields.name.clone())
                }
                _ => StoreError::from(error),
            })?;
        found(changed, "district")?;
        change.commit()
    }

    /// Adds districts in one transaction, skipping any whose name, KDE number
    /// or NCES ID is already taken, so adding the same list twice adds nothing
    /// the second time.
    pub fn add_districts(&mut self, districts: &[DistrictFields]) -> Result<AddDistrictsSummary> {
        let tx = self.change()?;
        let mut summary = AddDistrictsSummary::default();
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO district
                   (name, kde_number, nces_id, county, kind, cooperative, email_domain, notes, name_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT DO NOTHING",
            )?;
            for fields in districts {
                match insert.execute(district_params(fields))? {
                    0 => summary.already_present += 1,
                    _ => summary.added += 1,
                }
            }
        }
        tx.commit()?;
        Ok(summary)
    }
}

/// What an import did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ImportSummary {
    pub added: usize,
    pub updated: usize,
    pub contacts_added: usize,
    pub contacts_updated: usize,
}

impl Store {
    /// Applies an import in one transaction: all of it, or (on any error,
    /// or when `proceed` returns `false`) none of it. `proceed` is told how
    /// many actions are done.
    pub fn apply_import(
        &mut self,
        actions: &[ImportAction],
        mut proceed: impl FnMut(usize) -> bool,
    ) -> Result<ImportSummary> {
        let tx = self.change()?;
        let mut summary = ImportSummary::default();
        for (done, action) in actions.iter().enumerate() {
            let (district, contacts) = match action {
                ImportAction::Add { fields, contacts } => {
                    tx.prepare_cached(
                        "INSERT INTO district (name, kde_number, nces_id, county, kind, cooperative, email_domain, notes, name_key)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                    )?
                    .execute(district_params(fields))
                    .map_err(|e| uniqueness_error(e, fields))?;
                    summary.added += 1;
                    let id = tx.last_insert_rowid();
                    let adds: Vec<ContactImport> =
                        contacts.iter().cloned().map(ContactImport::Add).collect();
                    (id, adds)
                }
                ImportAction::Update {
                    id,
                    fields,
                    contacts,
                } => {
                    let (name, kde, nces, county, kind, coop, domain, notes, key) =
                        district_params(fields);
                    let changed = tx
                        .prepare_cached(
                            "UPDATE district SET name = ?1, kde_number = ?2, nces_id = ?3, county = ?4, kind = ?5,
                               cooperative = ?6, email_domain = ?7, notes = ?8, name_key = ?9,
                               updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                             WHERE id = ?10",
                        )?
                        .execute((name, kde, nces, county, kind, coop, domain, notes, key, id.0))
                        .map_err(|e| uniqueness_error(e, fields))?;
                    found(changed, "district")?;
                    summary.updated += 1;
                    (id.0, contacts.clone())
                }
            };
            for contact in contacts {
                match contact {
                    ContactImport::Add(fields) => {
                        insert_contact_row(&tx, DistrictId(district), &fields)?;
                        summary.contacts_added += 1;
                    }
                    ContactImport::Update { id, fields } => {
                        // Only a person of this district, as the plan found them.
                        let changed =
                            update_contact_row(&tx, id, &fields, Some(DistrictId(district)))?;
                        found(changed, "contact")?;
                        summary.contacts_updated += 1;
                    }
                }
            }
            if !proceed(done + 1) {
                return Err(StoreError::Cancelled);
            }
        }
        tx.commit()?;
        Ok(summary)
    }
}

type DistrictParams<'a> = (
    &'a str,
    &'a str,
    Option<&'a str>,
    &'a str,
    &'static str,
    Option<&'static str>,
    &'a str,
    &'a str,
    String,
);

/// The values of `?1` to `?9` in the district statements above; `?9` is
/// the key the name is unique by (see `domain::district::name_key`).
fn district_params(fields: &DistrictFields) -> DistrictParams<'_> {
    (
        &fields.name,
        &fields.kde_number,
        fields.nces_id.as_deref(),
        &fields.county,
        fields.kind.code(),
        fields.cooperative.map(Cooperative::code),
        &fields.email_domain,
        &fields.notes,
        name_key(&fields.name),
    )
}

//! The turn of the school year: who "Start next school year" invites, and
//! the districts to chase for their letter.

use chrono::NaiveDate;

use super::memberships::{record_status_change, status_from};
use super::rows::{decoded, from_sql_error};
use super::{Result, Store, StoreError};
use crate::domain::membership::{standing, validate_letter};
use crate::domain::{ContactRole, DistrictId, Letter, MembershipStatus, SchoolYear, Standing};

/// A district to chase for its letter: active last year, and this year no
/// letter or only an invitation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Renewal {
    pub district_id: DistrictId,
    pub district_name: String,
    pub standing: Standing,
    pub invited_on: Option<NaiveDate>,
    /// The last day a draft was made for the district (the contact log).
    pub last_reminded: Option<NaiveDate>,
    /// The district's active superintendents and points of contact.
    pub people: Vec<RenewalContact>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenewalContact {
    pub name: String,
    pub email: String,
    pub role: ContactRole,
}

impl Store {
    /// The districts that "Start next school year" would invite for the year
    /// after `year`: active in `year`, with no letter yet for the next.
    pub fn districts_to_invite(&self, year: SchoolYear) -> Result<Vec<(DistrictId, String)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.name FROM membership m JOIN district d ON d.id = m.district_id
             WHERE m.school_year = ?1 AND m.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM membership n
                               WHERE n.district_id = m.district_id AND n.school_year = ?1 + 1)
             ORDER BY d.name COLLATE NOCASE",
        )?;
        let rows = statement.query_map([year.start_year()], |row| {
            Ok((DistrictId(row.get(0)?), row.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Invites every district active in `year` for the year after, dated
    /// `invited_on`, in one transaction. Districts that already have a letter
    /// for the next year are left alone, so running it twice adds nothing.
    /// Returns how many were invited.
    pub fn start_next_year(&mut self, year: SchoolYear, invited_on: NaiveDate) -> Result<usize> {
        let next = year.next();
        let invitation = Letter {
            invited_on: Some(invited_on),
            ..Letter::default()
        };
        validate_letter(next, None, MembershipStatus::Invited, &invitation).map_err(|errors| {
            let message = errors
                .iter()
                .map(|(_, m)| m.to_owned())
                .collect::<Vec<_>>()
                .join("; ");
            StoreError::Refused(format!(
                "Invitations for {next} cannot be dated {invited_on}: {message}"
            ))
        })?;
        let tx = self.change()?;
        let invited: Vec<i64> = {
            let mut insert = tx.prepare_cached(
                "INSERT INTO membership (district_id, school_year, status, invited_on)
                 SELECT m.district_id, ?1 + 1, 'invited', ?2 FROM membership m
                 WHERE m.school_year = ?1 AND m.status = 'active'
                 ON CONFLICT (district_id, school_year) DO NOTHING
                 RETURNING id",
            )?;
            insert
                .query_map((year.start_year(), invited_on), |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?
        };
        for &id in &invited {
            record_status_change(&tx, id, None, MembershipStatus::Invited)?;
        }
        tx.commit()?;
        Ok(invited.len())
    }

    /// Who to chase for `year`: districts active the year before with no
    /// letter, or only an invitation, this year; with the people to write to.
    pub fn renewals(&self, year: SchoolYear) -> Result<Vec<Renewal>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.name, m.status, m.invited_on,
                    (SELECT max(c.sent_on) FROM contact_log c WHERE c.district_id = d.id)
             FROM membership p
             JOIN district d ON d.id = p.district_id
             LEFT JOIN membership m ON m.district_id = p.district_id AND m.school_year = ?1
             WHERE p.school_year = ?1 - 1 AND p.status = 'active'
               AND (m.id IS NULL OR m.status = 'invited')
             ORDER BY d.name COLLATE NOCASE",
        )?;
        let mut renewals: Vec<Renewal> = statement
            .query_map([year.start_year()], |row| {
                let status = match row.get::<_, Option<String>>(2)? {
                    None => None,
                    Some(code) => Some(status_from(2, &code)?),
                };
                Ok(Renewal {
                    district_id: DistrictId(row.get(0)?),
                    district_name: row.get(1)?,
                    standing: standing(status, Some(MembershipStatus::Active)),
                    invited_on: row.get(3)?,
                    last_reminded: row.get(4)?,
                    people: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)?;

        let mut people = self.conn.prepare_cached(
            "SELECT name, email, role FROM contact
             WHERE district_id = ?1 AND active AND role IN ('superintendent', 'point_of_contact')
             ORDER BY role DESC, name COLLATE NOCASE",
        )?;
        for renewal in &mut renewals {
            renewal.people = people
                .query_map([renewal.district_id.0], |row| {
                    let role: String = row.get(2)?;
                    Ok(RenewalContact {
                        name: row.get(0)?,
                        email: row.get(1)?,
                        role: decoded::<ContactRole>(2, "role", &role)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()
                .map_err(from_sql_error)?;
        }
        Ok(renewals)
    }
}

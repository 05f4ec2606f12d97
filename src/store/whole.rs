//! The whole roster at once, for the workbook that carries it between
//! machines: every school year with records, every attendance line with
//! its people, every year's fund.

use std::collections::BTreeMap;

use super::convenings::attendance_status_from;
use super::rows::from_sql_error;
use super::{Result, Store};
use crate::domain::{AttendanceStatus, ContactId, ConveningId, DistrictId, Money, SchoolYear};

/// A district's line at a convening, with the people who came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceRecord {
    pub convening: ConveningId,
    pub district: DistrictId,
    pub status: AttendanceStatus,
    pub note: String,
    pub minutes: Option<u32>,
    pub people: Vec<(ContactId, Option<u32>)>,
}

/// The people who came to a convening from a district, with their minutes.
type PeopleWhoCame = Vec<(ContactId, Option<u32>)>;

impl Store {
    /// Every school year anything on the roster belongs to, oldest first.
    pub fn school_years_on_file(&self) -> Result<Vec<SchoolYear>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT school_year FROM membership
             UNION SELECT school_year FROM grant_application
             UNION SELECT school_year FROM grant_fund
             UNION SELECT CAST(substr(held_on, 1, 4) AS INTEGER)
                          - (CAST(substr(held_on, 6, 2) AS INTEGER) < 7) FROM convening
             ORDER BY 1",
        )?;
        let years: Vec<i32> = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(years.into_iter().filter_map(SchoolYear::starting).collect())
    }

    /// Every attendance line, by convening date and district name.
    pub fn all_attendance(&self) -> Result<Vec<AttendanceRecord>> {
        let mut people: BTreeMap<(i64, i64), PeopleWhoCame> = BTreeMap::new();
        {
            let mut statement = self.conn.prepare_cached(
                "SELECT p.convening_id, p.district_id, p.contact_id, p.minutes
                 FROM attendance_person p JOIN contact c ON c.id = p.contact_id
                 ORDER BY c.name COLLATE NOCASE",
            )?;
            for person in statement.query_map([], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    ContactId(row.get(2)?),
                    row.get(3)?,
                ))
            })? {
                let (convening, district, contact, minutes) = person?;
                people
                    .entry((convening, district))
                    .or_default()
                    .push((contact, minutes));
            }
        }
        let mut statement = self.conn.prepare_cached(
            "SELECT a.convening_id, a.district_id, a.status, a.note, a.minutes
             FROM attendance a
             JOIN convening c ON c.id = a.convening_id
             JOIN district d ON d.id = a.district_id
             ORDER BY c.held_on, c.id, d.name COLLATE NOCASE",
        )?;
        let lines = statement
            .query_map([], |row| {
                let (convening, district): (i64, i64) = (row.get(0)?, row.get(1)?);
                Ok(AttendanceRecord {
                    convening: ConveningId(convening),
                    district: DistrictId(district),
                    status: attendance_status_from(2, &row.get::<_, String>(2)?)?,
                    note: row.get(3)?,
                    minutes: row.get(4)?,
                    people: people.remove(&(convening, district)).unwrap_or_default(),
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)?;
        Ok(lines)
    }

    /// Every year's Travel Fund, oldest first.
    pub fn grant_funds(&self) -> Result<Vec<(SchoolYear, Money)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT school_year, amount_cents FROM grant_fund ORDER BY school_year",
        )?;
        let funds: Vec<(i32, i64)> = statement
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(funds
            .into_iter()
            .filter_map(|(year, cents)| {
                Some((SchoolYear::starting(year)?, Money::from_cents(cents)?))
            })
            .collect())
    }
}

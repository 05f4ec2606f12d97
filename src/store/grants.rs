//! Travel Fund Grant applications, their status history, and each school
//! year's fund.

use crate::domain::Coded as _;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension as _, Row};

use super::error::{Constraint, constraint};
use super::rows::{decoded, found, from_sql_error, unknown};
use super::{Result, Store, StoreError};
use crate::domain::membership::standing;
use crate::domain::validate::FieldLabel as _;
use crate::domain::{
    ContactId, ConveningId, DistrictId, GrantApplication, GrantDraft, GrantField, GrantFields,
    GrantId, GrantStatus, MembershipStatus, Money, Purpose, SchoolYear, Standing,
};

/// An application as the Grants table shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantRow {
    pub grant: GrantApplication,
    pub district_name: String,
    /// The district's standing in the application's year, now.
    pub standing: Standing,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantStatusChange {
    pub from: Option<GrantStatus>,
    pub to: GrantStatus,
    pub at: String,
}

const GRANT_COLUMNS: &str = "g.id, g.status, g.district_id, g.school_year, g.applicant_id, g.purpose, \
     g.destination, g.city, g.state, g.travel_start, g.travel_end, g.travelers, g.traveler_names, \
     g.requested_cents, g.awarded_cents, g.paid_cents, g.received_on, g.decided_on, g.paid_on, \
     g.decline_reason, g.report_on, g.report_convening_id, g.override_reason, g.notes";

use super::settings::DECISION_DAYS_KEY;
pub use crate::domain::settings::DEFAULT_DECISION_DAYS;
use crate::domain::settings::MAX_DECISION_DAYS;

fn money(column: usize, cents: Option<i64>) -> rusqlite::Result<Option<Money>> {
    cents
        .map(|c| Money::from_cents(c).ok_or_else(|| unknown(column, "amount", &c.to_string())))
        .transpose()
}

fn status_from(column: usize, code: &str) -> rusqlite::Result<GrantStatus> {
    decoded::<GrantStatus>(column, "grant status", code)
}

impl GrantApplication {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let year: i32 = row.get(3)?;
        let purpose: String = row.get(5)?;
        let travelers: i64 = row.get(11)?;
        Ok(GrantApplication {
            id: GrantId(row.get(0)?),
            status: status_from(1, &row.get::<_, String>(1)?)?,
            fields: GrantFields {
                district: DistrictId(row.get(2)?),
                year: SchoolYear::starting(year)
                    .ok_or_else(|| unknown(3, "school year", &year.to_string()))?,
                applicant: row.get::<_, Option<i64>>(4)?.map(ContactId),
                purpose: decoded::<Purpose>(5, "purpose", &purpose)?,
                destination: row.get(6)?,
                city: row.get(7)?,
                state: row.get(8)?,
                travel_start: row.get(9)?,
                travel_end: row.get(10)?,
                travelers: u32::try_from(travelers)
                    .map_err(|_| unknown(11, "number of travelers", &travelers.to_string()))?,
                traveler_names: row.get(12)?,
                requested: money(13, row.get(13)?)?.unwrap_or_default(),
                awarded: money(14, row.get(14)?)?,
                paid: money(15, row.get(15)?)?,
                received_on: row.get(16)?,
                decided_on: row.get(17)?,
                paid_on: row.get(18)?,
                decline_reason: row.get(19)?,
                report_on: row.get(20)?,
                report_convening: row.get::<_, Option<i64>>(21)?.map(ConveningId),
                override_reason: row.get(22)?,
                notes: row.get(23)?,
            },
        })
    }
}

fn membership_status(
    column: usize,
    code: Option<String>,
) -> rusqlite::Result<Option<MembershipStatus>> {
    code.map(|c| decoded::<MembershipStatus>(column, "membership status", &c))
        .transpose()
}

impl Store {
    /// The applications of a school year, by travel date.
    pub fn grants_in(&self, year: SchoolYear, today: NaiveDate) -> Result<Vec<GrantRow>> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS}, d.name, m.status, p.status, m.terminated_on
             FROM grant_application g
             JOIN district d ON d.id = g.district_id
             LEFT JOIN membership m ON m.district_id = g.district_id AND m.school_year = g.school_year
             LEFT JOIN membership p ON p.district_id = g.district_id AND p.school_year = g.school_year - 1
             WHERE g.school_year = ?1
             ORDER BY g.travel_start, g.id"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([year.start_year()], |row| {
            let terminated_on: Option<NaiveDate> = row.get(27)?;
            let this_year = membership_status(25, row.get(25)?)?
                .map(|status| status.in_effect(terminated_on, today));
            Ok(GrantRow {
                grant: GrantApplication::from_row(row)?,
                district_name: row.get(24)?,
                standing: standing(this_year, membership_status(26, row.get(26)?)?),
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn grant(&self, id: GrantId) -> Result<GrantApplication> {
        let sql = format!("SELECT {GRANT_COLUMNS} FROM grant_application g WHERE g.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], GrantApplication::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("grant application"))
    }

    /// A district's applications in every year, newest first.
    pub fn grants_of_district(&self, district: DistrictId) -> Result<Vec<GrantApplication>> {
        let sql = format!(
            "SELECT {GRANT_COLUMNS} FROM grant_application g WHERE g.district_id = ?1
             ORDER BY g.travel_start DESC, g.id DESC"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let rows = statement.query_map([district.0], GrantApplication::from_row)?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    /// A district's standing in a year: what decides whether it may apply.
    pub fn standing_of(
        &self,
        district: DistrictId,
        year: SchoolYear,
        today: NaiveDate,
    ) -> Result<Standing> {
        Ok(standing_in(&self.conn, district, year, today)?)
    }

    /// Saves an application with the given status, checked in the same
    /// transaction against its stored status, the district's membership, and
    /// whose contact the applicant is (a membership ending on `today` or
    /// before no longer counts). The change of status is recorded.
    pub fn save_grant(
        &mut self,
        id: Option<GrantId>,
        status: GrantStatus,
        fields: &GrantFields,
        today: NaiveDate,
    ) -> Result<GrantId> {
        let tx = self.change()?;
        let previous = match id {
            Some(id) => {
                let code: Option<String> = tx
                    .prepare_cached("SELECT status FROM grant_application WHERE id = ?1")?
                    .query_row([id.0], |row| row.get(0))
                    .optional()?;
                let code = code.ok_or(StoreError::NotFound("grant application"))?;
                Some(status_from(0, &code).map_err(from_sql_error)?)
            }
            None => None,
        };
        let name: String = tx
            .prepare_cached("SELECT name FROM district WHERE id = ?1")?
            .query_row([fields.district.0], |row| row.get(0))
            .optional()?
            .ok_or(StoreError::MissingReference("district"))?;
        let standing = standing_in(&tx, fields.district, fields.year, today)?;
        let report_convening_on: Option<NaiveDate> = match fields.report_convening {
            Some(convening) => Some(
                tx.prepare_cached("SELECT held_on FROM convening WHERE id = ?1")?
                    .query_row([convening.0], |row| row.get(0))
                    .optional()?
                    .ok_or(StoreError::MissingReference("convening"))?,
            ),
            None => None,
        };
        let fields = GrantDraft::from_saved(status, fields)
            .validate(previous, &name, standing, report_convening_on)
            .map_err(|errors| {
                // A summary on the status repeats the fields' own messages.
                let only_status = errors.len() == 1;
                StoreError::Refused(
                    errors
                        .iter()
                        .filter(|(field, _)| only_status || *field != GrantField::Status)
                        .map(|(field, message)| format!("{}: {message}", field.label()))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
        if let Some(applicant) = fields.applicant {
            let owner: Option<i64> = tx
                .prepare_cached("SELECT district_id FROM contact WHERE id = ?1")?
                .query_row([applicant.0], |row| row.get(0))
                .optional()?;
            if owner != Some(fields.district.0) {
                return Err(StoreError::Refused(
                    "The applicant must be one of the district's contacts.".to_owned(),
                ));
            }
        }
        let id = write_grant(&tx, id, status, &fields)?;
        if previous != Some(status) {
            tx.prepare_cached("INSERT INTO grant_status_change (grant_id, from_status, to_status) VALUES (?1, ?2, ?3)")?
                .execute((id.0, previous.map(GrantStatus::code), status.code()))?;
        }
        tx.commit()?;
        Ok(id)
    }

    pub fn grant_history(&self, id: GrantId) -> Result<Vec<GrantStatusChange>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT from_status, to_status, changed_at FROM grant_status_change WHERE grant_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([id.0], |row| {
            Ok(GrantStatusChange {
                from: row
                    .get::<_, Option<String>>(0)?
                    .map(|c| status_from(0, &c))
                    .transpose()?,
                to: status_from(1, &row.get::<_, String>(1)?)?,
                at: row.get(2)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    /// The fund of a school year, if one was set.
    pub fn grant_fund(&self, year: SchoolYear) -> Result<Option<Money>> {
        let cents: Option<i64> = self
            .conn
            .prepare_cached("SELECT amount_cents FROM grant_fund WHERE school_year = ?1")?
            .query_row([year.start_year()], |row| row.get(0))
            .optional()?;
        money(0, cents).map_err(from_sql_error)
    }

    pub fn set_grant_fund(&mut self, year: SchoolYear, amount: Money) -> Result<()> {
        let change = self.change()?;
        change
            .prepare_cached(
                "INSERT INTO grant_fund (school_year, amount_cents) VALUES (?1, ?2)
                 ON CONFLICT (school_year) DO UPDATE SET amount_cents = excluded.amount_cents",
            )?
            .execute((year.start_year(), amount.cents()))?;
        change.commit()
    }

    /// Days a submitted application may wait for a decision before it needs attention.
    pub fn decision_days(&self) -> Result<i64> {
        let value: Option<String> = self
            .conn
            .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
            .query_row([DECISION_DAYS_KEY], |row| row.get(0))
            .optional()?;
        match value {
            None => Ok(DEFAULT_DECISION_DAYS),
            Some(v) => v
                .parse()
                .ok()
                .filter(|d| (1..=MAX_DECISION_DAYS).contains(d))
                .ok_or_else(|| StoreError::UnknownValue(format!("decision days “{v}”"))),
        }
    }

    pub fn delete_grant(&mut self, id: GrantId) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM grant_application WHERE id = ?1")?
            .execute([id.0])?;
        found(changed, "grant application")?;
        change.commit()
    }
}

fn standing_in(
    conn: &rusqlite::Connection,
    district: DistrictId,
    year: SchoolYear,
    today: NaiveDate,
) -> rusqlite::Result<Standing> {
    let mut statement = conn.prepare_cached(
        "SELECT (SELECT status FROM membership WHERE district_id = ?1 AND school_year = ?2),
                (SELECT status FROM membership WHERE district_id = ?1 AND school_year = ?2 - 1),
                (SELECT terminated_on FROM membership WHERE district_id = ?1 AND school_year = ?2)",
    )?;
    statement.query_row((district.0, year.start_year()), |row| {
        let terminated_on: Option<NaiveDate> = row.get(2)?;
        let this_year =
            membership_status(0, row.get(0)?)?.map(|status| status.in_effect(terminated_on, today));
        Ok(standing(this_year, membership_status(1, row.get(1)?)?))
    })
}

fn write_grant(
    tx: &rusqlite::Connection,
    id: Option<GrantId>,
    status: GrantStatus,
    f: &GrantFields,
) -> Result<GrantId> {
    let values: [&dyn rusqlite::ToSql; 23] = [
        &status.code(),
        &f.district.0,
        &f.year.start_year(),
        &f.applicant.map(|c| c.0),
        &f.purpose.code(),
        &f.destination,
        &f.city,
        &f.state,
        &f.travel_start,
        &f.travel_end,
        &f.travelers,
        &f.traveler_names,
        &f.requested.cents(),
        &f.awarded.map(Money::cents),
        &f.paid.map(Money::cents),
        &f.received_on,
        &f.decided_on,
        &f.paid_on,
        &f.decline_reason,
        &f.report_on,
        &f.report_convening.map(|c| c.0),
        &f.override_reason,
        &f.notes,
    ];
    const COLUMNS: &str = "status, district_id, school_year, applicant_id, purpose, destination, city, state, \
         travel_start, travel_end, travelers, traveler_names, requested_cents, awarded_cents, paid_cents, \
         received_on, decided_on, paid_on, decline_reason, report_on, report_convening_id, override_reason, notes";
    let reference = |error: rusqlite::Error| match constraint(&error) {
        Some(Constraint::ForeignKey) => {
            StoreError::MissingReference("district, contact or convening")
        }
        _ => StoreError::from(error),
    };
    match id {
        None => {
            let placeholders: Vec<String> = (1..=values.len()).map(|i| format!("?{i}")).collect();
            let sql = format!(
                "INSERT INTO grant_application ({COLUMNS}) VALUES ({})",
                placeholders.join(", ")
            );
            tx.prepare_cached(&sql)?
                .execute(&values[..])
                .map_err(reference)?;
            Ok(GrantId(tx.last_insert_rowid()))
        }
        Some(id) => {
            let assignments: Vec<String> = COLUMNS
                .split(", ")
                .enumerate()
                .map(|(i, c)| format!("{c} = ?{}", i + 1))
                .collect();
            let sql = format!(
                "UPDATE grant_application SET {}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?{}",
                assignments.join(", "),
                values.len() + 1
            );
            let mut all: Vec<&dyn rusqlite::ToSql> = values.to_vec();
            all.push(&id.0);
            let changed = tx
                .prepare_cached(&sql)?
                .execute(&all[..])
                .map_err(reference)?;
            found(changed, "grant application").map(|()| id)
        }
    }
}

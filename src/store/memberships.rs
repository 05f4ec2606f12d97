//! Letters of Commitment: one membership per district per school year, its
//! status history, the year's standings, renewals, and rolling a year over.

use crate::domain::Coded as _;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension as _, Row};
use strum::VariantArray as _;

use super::error::{Constraint, constraint};
use super::rows::{decoded, found, from_sql_error, unknown};
use super::{Result, Store, StoreError};
use crate::domain::membership::{standing, validate_letter};
use crate::domain::{
    ActionArea, BigIdea, ContactId, Cooperative, DistrictId, Letter, Membership, MembershipId,
    MembershipStatus, NoticeBy, SchoolYear, Standing,
};

/// One district's line on the Memberships screen for a year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearStanding {
    pub district_id: DistrictId,
    pub district_name: String,
    pub cooperative: Option<Cooperative>,
    pub archived: bool,
    pub membership: Option<MembershipSummary>,
    pub last_year: Option<MembershipStatus>,
    /// In effect today: a termination dated later leaves it Active.
    pub standing: Standing,
    /// The date a termination takes effect, while it is still to come.
    pub terminating_on: Option<NaiveDate>,
}

/// What the table shows of a letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MembershipSummary {
    pub id: MembershipId,
    pub status: MembershipStatus,
    pub invited_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    /// The later of the two signatures: when the membership became active.
    pub countersigned_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusChange {
    pub from: Option<MembershipStatus>,
    pub to: MembershipStatus,
    /// When it was recorded, as `2025-08-04T14:03:00.000Z`.
    pub at: String,
}

/// The columns holding the big ideas and action areas, in `ALL` order.
const BIG_IDEA_COLUMNS: [&str; 3] = [
    "idea_vibrant_learning",
    "idea_assessment_innovation",
    "idea_community_collaboration",
];
const ACTION_AREA_COLUMNS: [&str; 6] = [
    "area_portrait_of_a_learner",
    "area_local_assessment",
    "area_funding_personalization",
    "area_graduation_flexibility",
    "area_credentialing_learning",
    "area_teacher_certification",
];

pub(super) fn status_from(column: usize, code: &str) -> rusqlite::Result<MembershipStatus> {
    decoded::<MembershipStatus>(column, "membership status", code)
}

fn membership_columns() -> String {
    format!(
        "id, district_id, school_year, status, invited_on, received_on, superintendent_id, \
         reflections, plans, learning_goal, district_signatory, district_signed_on, \
         kde_signatory, kde_signed_on, terminated_on, terminated_by, termination_reason, {}, {}",
        BIG_IDEA_COLUMNS.join(", "),
        ACTION_AREA_COLUMNS.join(", ")
    )
}

impl Membership {
    /// Maps a row selected with `membership_columns()`; points of contact
    /// are read separately.
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let year: i32 = row.get(2)?;
        let status: String = row.get(3)?;
        let terminated_by: Option<String> = row.get(15)?;
        let mut letter = Letter {
            invited_on: row.get(4)?,
            received_on: row.get(5)?,
            superintendent: row.get::<_, Option<i64>>(6)?.map(ContactId),
            points_of_contact: Vec::new(),
            reflections: row.get(7)?,
            plans: row.get(8)?,
            learning_goal: row.get(9)?,
            district_signatory: row.get(10)?,
            district_signed_on: row.get(11)?,
            kde_signatory: row.get(12)?,
            kde_signed_on: row.get(13)?,
            terminated_on: row.get(14)?,
            terminated_by: match terminated_by {
                None => None,
                Some(code) => Some(decoded::<NoticeBy>(15, "notice", &code)?),
            },
            termination_reason: row.get(16)?,
            ..Letter::default()
        };
        for (i, idea) in BigIdea::VARIANTS.iter().copied().enumerate() {
            if row.get(17 + i)? {
                letter.big_ideas.insert(idea);
            }
        }
        for (i, area) in ActionArea::VARIANTS.iter().copied().enumerate() {
            if row.get(17 + BIG_IDEA_COLUMNS.len() + i)? {
                letter.action_areas.insert(area);
            }
        }
        Ok(Membership {
            id: MembershipId(row.get(0)?),
            district_id: DistrictId(row.get(1)?),
            year: SchoolYear::starting(year)
                .ok_or_else(|| unknown(2, "school year", &year.to_string()))?,
            status: status_from(3, &status)?,
            letter,
        })
    }
}

impl Store {
    /// Every district's standing in `year`: all districts on the roster, and
    /// archived ones that had a letter this year or last.
    pub fn year_standings(&self, year: SchoolYear, today: NaiveDate) -> Result<Vec<YearStanding>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT d.id, d.name, d.cooperative, d.archived_at IS NOT NULL,
                    m.id, m.status, m.invited_on, m.received_on, max(m.district_signed_on, m.kde_signed_on),
                    p.status, m.terminated_on
             FROM district d
             LEFT JOIN membership m ON m.district_id = d.id AND m.school_year = ?1
             LEFT JOIN membership p ON p.district_id = d.id AND p.school_year = ?1 - 1
             WHERE d.archived_at IS NULL OR m.id IS NOT NULL OR p.id IS NOT NULL
             ORDER BY d.name COLLATE NOCASE",
        )?;
        let rows = statement.query_map([year.start_year()], |row| {
            let cooperative: Option<String> = row.get(2)?;
            let terminated_on: Option<NaiveDate> = row.get(10)?;
            let membership = match row.get::<_, Option<i64>>(4)? {
                None => None,
                Some(id) => Some(MembershipSummary {
                    id: MembershipId(id),
                    status: status_from(5, &row.get::<_, String>(5)?)?,
                    invited_on: row.get(6)?,
                    received_on: row.get(7)?,
                    countersigned_on: row.get(8)?,
                }),
            };
            let last_year = match row.get::<_, Option<String>>(9)? {
                None => None,
                Some(code) => Some(status_from(9, &code)?),
            };
            Ok(YearStanding {
                district_id: DistrictId(row.get(0)?),
                district_name: row.get(1)?,
                cooperative: cooperative
                    .and_then(|c| Cooperative::parse_optional(&c).ok().flatten()),
                archived: row.get(3)?,
                standing: standing(
                    membership
                        .as_ref()
                        .map(|m| m.status.in_effect(terminated_on, today)),
                    last_year,
                ),
                terminating_on: terminated_on.filter(|date| *date > today),
                membership,
                last_year,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn membership(&self, id: MembershipId) -> Result<Membership> {
        let sql = format!(
            "SELECT {} FROM membership WHERE id = ?1",
            membership_columns()
        );
        let membership = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id.0], Membership::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("membership"))?;
        self.with_points_of_contact(membership)
    }

    /// Every letter of a school year, with their points of contact.
    pub fn memberships_in(&self, year: SchoolYear) -> Result<Vec<Membership>> {
        let sql = format!(
            "SELECT {} FROM membership WHERE school_year = ?1",
            membership_columns()
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let letters: Vec<Membership> = statement
            .query_map([year.start_year()], Membership::from_row)?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)?;
        letters
            .into_iter()
            .map(|m| self.with_points_of_contact(m))
            .collect()
    }

    /// The district's letter for `year`, if it has one.
    pub fn membership_of(
        &self,
        district: DistrictId,
        year: SchoolYear,
    ) -> Result<Option<Membership>> {
        let sql = format!(
            "SELECT {} FROM membership WHERE district_id = ?1 AND school_year = ?2",
            membership_columns()
        );
        let membership = self
            .conn
            .prepare_cached(&sql)?
            .query_row((district.0, year.start_year()), Membership::from_row)
            .optional()
            .map_err(from_sql_error)?;
        membership
            .map(|m| self.with_points_of_contact(m))
            .transpose()
    }

    fn with_points_of_contact(&self, mut membership: Membership) -> Result<Membership> {
        let mut statement = self.conn.prepare_cached(
            "SELECT contact_id FROM membership_contact WHERE membership_id = ?1 ORDER BY position",
        )?;
        membership.letter.points_of_contact = statement
            .query_map([membership.id.0], |row| Ok(ContactId(row.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(membership)
    }

    /// A district's status in each year it had a letter, oldest first.
    /// A district's status in each year it had a letter, as in effect
    /// today (a termination dated later still shows Active).
    pub fn membership_years(
        &self,
        district: DistrictId,
        today: NaiveDate,
    ) -> Result<Vec<(SchoolYear, MembershipStatus)>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT school_year, status, terminated_on FROM membership
             WHERE district_id = ?1 ORDER BY school_year",
        )?;
        let rows = statement.query_map([district.0], |row| {
            let year: i32 = row.get(0)?;
            let status = status_from(1, &row.get::<_, String>(1)?)?;
            Ok((
                SchoolYear::starting(year)
                    .ok_or_else(|| unknown(0, "school year", &year.to_string()))?,
                status.in_effect(row.get(2)?, today),
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn status_changes(&self, membership: MembershipId) -> Result<Vec<StatusChange>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT from_status, to_status, changed_at FROM membership_status_change
             WHERE membership_id = ?1 ORDER BY id",
        )?;
        let rows = statement.query_map([membership.0], |row| {
            Ok(StatusChange {
                from: match row.get::<_, Option<String>>(0)? {
                    None => None,
                    Some(code) => Some(status_from(0, &code)?),
                },
                to: status_from(1, &row.get::<_, String>(1)?)?,
                at: row.get(2)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    /// Records the district's letter for `year` with status `status`: new,
    /// or an update of the one it has. The status rules are checked against
    /// the stored status, in the same transaction as the write.
    pub fn save_membership(
        &mut self,
        district: DistrictId,
        year: SchoolYear,
        status: MembershipStatus,
        letter: &Letter,
    ) -> Result<MembershipId> {
        let tx = self.change()?;
        let existing: Option<(i64, String)> = tx
            .prepare_cached(
                "SELECT id, status FROM membership WHERE district_id = ?1 AND school_year = ?2",
            )?
            .query_row((district.0, year.start_year()), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        let previous = match &existing {
            Some((_, code)) => Some(status_from(1, code).map_err(from_sql_error)?),
            None => None,
        };
        let letter = validate_letter(year, previous, status, letter).map_err(|errors| {
            let messages: Vec<&str> = errors.iter().map(|(_, message)| message).collect();
            StoreError::Refused(messages.join("; "))
        })?;
        check_contacts_belong(&tx, district, &letter)?;

        let id = match existing {
            Some((id, _)) => {
                update_membership(&tx, id, status, &letter)?;
                id
            }
            None => insert_membership(&tx, district, year, status, &letter)?,
        };
        tx.execute(
            "DELETE FROM membership_contact WHERE membership_id = ?1",
            [id],
        )?;
        {
            let mut insert = tx.prepare_cached(
                "INSERT INTO membership_contact (membership_id, contact_id, position) VALUES (?1, ?2, ?3)",
            )?;
            for (position, contact) in letter.points_of_contact.iter().enumerate() {
                insert.execute((id, contact.0, position as i64))?;
            }
        }
        if previous != Some(status) {
            record_status_change(&tx, id, previous, status)?;
        }
        tx.commit()?;
        Ok(MembershipId(id))
    }

    /// Removes a letter (and its status history). Used to correct a letter
    /// entered for the wrong district or year.
    pub fn delete_membership(&mut self, id: MembershipId) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM membership WHERE id = ?1")?
            .execute([id.0])
            .map_err(|error| match constraint(&error) {
                Some(Constraint::ForeignKey) => StoreError::Refused(
                    "This letter has records that depend on it (attendance or grants).".to_owned(),
                ),
                _ => StoreError::from(error),
            })?;
        found(changed, "membership")?;
        change.commit()
    }
}

fn check_contacts_belong(
    tx: &rusqlite::Connection,
    district: DistrictId,
    letter: &Letter,
) -> Result<()> {
    let mut owner = tx.prepare_cached("SELECT district_id FROM contact WHERE id = ?1")?;
    for contact in letter
        .superintendent
        .iter()
        .chain(&letter.points_of_contact)
    {
        let owned_by: Option<i64> = owner.query_row([contact.0], |row| row.get(0)).optional()?;
        match owned_by {
            None => return Err(StoreError::MissingReference("contact")),
            Some(id) if id != district.0 => {
                return Err(StoreError::Refused(
                    "A letter can only name the district's own contacts.".to_owned(),
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The columns a letter is written to, in the order of `letter_values`.
fn letter_columns() -> Vec<&'static str> {
    let mut columns = vec![
        "status",
        "invited_on",
        "received_on",
        "superintendent_id",
        "reflections",
        "plans",
        "learning_goal",
        "district_signatory",
        "district_signed_on",
        "kde_signatory",
        "kde_signed_on",
        "terminated_on",
        "terminated_by",
        "termination_reason",
    ];
    columns.extend(BIG_IDEA_COLUMNS);
    columns.extend(ACTION_AREA_COLUMNS);
    columns
}

fn letter_values(status: MembershipStatus, letter: &Letter) -> Vec<Box<dyn rusqlite::ToSql + '_>> {
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![
        Box::new(status.code()),
        Box::new(letter.invited_on),
        Box::new(letter.received_on),
        Box::new(letter.superintendent.map(|c| c.0)),
        Box::new(letter.reflections.as_str()),
        Box::new(letter.plans.as_str()),
        Box::new(letter.learning_goal.as_str()),
        Box::new(letter.district_signatory.as_str()),
        Box::new(letter.district_signed_on),
        Box::new(letter.kde_signatory.as_str()),
        Box::new(letter.kde_signed_on),
        Box::new(letter.terminated_on),
        Box::new(letter.terminated_by.map(NoticeBy::code)),
        Box::new(letter.termination_reason.as_str()),
    ];
    values.extend(
        BigIdea::VARIANTS
            .iter()
            .map(|idea| Box::new(letter.big_ideas.contains(idea)) as Box<dyn rusqlite::ToSql>),
    );
    values.extend(
        ActionArea::VARIANTS
            .iter()
            .map(|area| Box::new(letter.action_areas.contains(area)) as Box<dyn rusqlite::ToSql>),
    );
    values
}

fn contact_reference_error(error: rusqlite::Error) -> StoreError {
    match constraint(&error) {
        Some(Constraint::ForeignKey) => StoreError::MissingReference("contact"),
        _ => StoreError::from(error),
    }
}

fn insert_membership(
    tx: &rusqlite::Connection,
    district: DistrictId,
    year: SchoolYear,
    status: MembershipStatus,
    letter: &Letter,
) -> Result<i64> {
    let columns = letter_columns();
    let placeholders: Vec<String> = (0..columns.len()).map(|i| format!("?{}", i + 3)).collect();
    let sql = format!(
        "INSERT INTO membership (district_id, school_year, {}) VALUES (?1, ?2, {})",
        columns.join(", "),
        placeholders.join(", ")
    );
    let mut values: Vec<Box<dyn rusqlite::ToSql>> =
        vec![Box::new(district.0), Box::new(year.start_year())];
    values.extend(letter_values(status, letter));
    tx.prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values.iter()))
        .map_err(contact_reference_error)?;
    Ok(tx.last_insert_rowid())
}

fn update_membership(
    tx: &rusqlite::Connection,
    id: i64,
    status: MembershipStatus,
    letter: &Letter,
) -> Result<()> {
    let assignments: Vec<String> = letter_columns()
        .iter()
        .enumerate()
        .map(|(i, column)| format!("{column} = ?{}", i + 2))
        .collect();
    let sql = format!(
        "UPDATE membership SET {}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
        assignments.join(", ")
    );
    let mut values: Vec<Box<dyn rusqlite::ToSql>> = vec![Box::new(id)];
    values.extend(letter_values(status, letter));
    let changed = tx
        .prepare_cached(&sql)?
        .execute(rusqlite::params_from_iter(values.iter()))
        .map_err(contact_reference_error)?;
    found(changed, "membership")
}

pub(super) fn record_status_change(
    tx: &rusqlite::Connection,
    membership: i64,
    from: Option<MembershipStatus>,
    to: MembershipStatus,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO membership_status_change (membership_id, from_status, to_status) VALUES (?1, ?2, ?3)",
    )?
    .execute((membership, from.map(MembershipStatus::code), to.code()))?;
    Ok(())
}

//! Convenings, their attendance sheets, the year's attendance grid, the
//! attendance settings, and recording a participant report.

use crate::domain::Coded as _;
use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rusqlite::{OptionalExtension as _, Row};

use super::rows::{decoded, found, from_sql_error};
use super::{Result, Store, StoreError};
use crate::domain::{
    Attendance, AttendanceRules, AttendanceStatus, CalendarEntry, ContactId, Convening,
    ConveningFields, ConveningId, ConveningKind, DistrictId, ExcusedPolicy, KentuckyTime,
    MemberSpan, MembershipStatus, NetworkPersonId, SchoolYear,
};

/// A convening as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConveningRow {
    pub convening: Convening,
    /// Districts marked attended.
    pub attended: usize,
    /// Whether its attendance sheet has been saved.
    pub recorded: bool,
}

/// A district's line on a sheet, with what the sheet needs to show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetLine {
    pub district_id: DistrictId,
    pub district_name: String,
    /// A member on the convening's date.
    pub member: bool,
    /// The saved line, if any.
    pub saved: Option<Attendance>,
    /// The district's active contacts, and anyone recorded as attending.
    pub people: Vec<(ContactId, String)>,
    /// The most minutes any of its people spent in the meeting, from a
    /// participant report.
    pub minutes: Option<u32>,
    /// Each attending person's minutes in the meeting, from a report.
    pub person_minutes: HashMap<ContactId, u32>,
}

/// A district's line at a convening, as an import brings it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttendanceLine {
    pub district: DistrictId,
    pub status: AttendanceStatus,
    /// `None` keeps the line's note.
    pub note: Option<String>,
    /// The most minutes any of its people spent in the meeting (`None`
    /// keeps what the line has).
    pub minutes: Option<u32>,
    /// The district's people who came, with their minutes if known.
    pub people: Vec<(ContactId, Option<u32>)>,
}

/// The year's attendance: convenings in date order, a row per district.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct AttendanceGrid {
    pub convenings: Vec<Convening>,
    /// Whether each convening's sheet has been saved (it counts in rates).
    pub recorded: Vec<bool>,
    pub rows: Vec<GridRow>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct GridRow {
    pub district_id: DistrictId,
    pub district_name: String,
    pub span: Option<MemberSpan>,
    /// The district's status at each convening, in `convenings` order. A
    /// line kept from a day it was not a member (the convening moved, or the
    /// letter's date did) is here too, but never counted (see `counts_on`).
    pub cells: Vec<Option<AttendanceStatus>>,
}

impl GridRow {
    /// Whether the district's line on that day counts: it was a member.
    pub fn counts_on(&self, day: NaiveDate) -> bool {
        self.span.is_some_and(|span| span.is_member_on(day))
    }
}

const CONVENING_COLUMNS: &str = "c.id, c.held_on, c.title, c.kind, c.location, c.notes,
    c.starts_at, c.ends_at, c.time_zone, c.description, c.organiser_id,
    c.calendar_uid, c.calendar_sequence";

/// How many columns `CONVENING_COLUMNS` reads: a query's own come after.
const CONVENING_COLUMN_COUNT: usize = 13;

/// A time as the file keeps it: "09:30" (so that text order is time order).
fn stored_time(time: Option<chrono::NaiveTime>) -> Option<String> {
    time.map(|t| t.format("%H:%M").to_string())
}

fn time_from(column: usize, text: Option<String>) -> rusqlite::Result<Option<chrono::NaiveTime>> {
    text.map(|text| {
        chrono::NaiveTime::parse_from_str(&text, "%H:%M").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                column,
                rusqlite::types::Type::Text,
                Box::new(e),
            )
        })
    })
    .transpose()
}

/// Whether membership `m` made its district a member on day `day` (an SQL
/// expression): its letter was in by then and not terminated before. The
/// same rule as `MemberSpan::is_member_on`.
fn member_on(day: &str) -> String {
    format!(
        "(m.status IN ('received', 'active', 'terminated')
          AND (m.received_on IS NULL OR m.received_on <= {day})
          AND (m.terminated_on IS NULL OR m.terminated_on > {day}))"
    )
}

impl Convening {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let kind: String = row.get(3)?;
        let time_zone: String = row.get(8)?;
        Ok(Convening {
            id: ConveningId(row.get(0)?),
            fields: ConveningFields {
                held_on: row.get(1)?,
                title: row.get(2)?,
                kind: decoded::<ConveningKind>(3, "convening kind", &kind)?,
                location: row.get(4)?,
                notes: row.get(5)?,
                starts_at: time_from(6, row.get(6)?)?,
                ends_at: time_from(7, row.get(7)?)?,
                time_zone: decoded::<KentuckyTime>(8, "time zone", &time_zone)?,
                description: row.get(9)?,
                organiser: row.get::<_, Option<i64>>(10)?.map(NetworkPersonId),
            },
            calendar: CalendarEntry {
                uid: row.get(11)?,
                sequence: row.get(12)?,
            },
        })
    }
}

pub(super) fn attendance_status_from(
    column: usize,
    code: &str,
) -> rusqlite::Result<AttendanceStatus> {
    status_from(column, code)
}

fn status_from(column: usize, code: &str) -> rusqlite::Result<AttendanceStatus> {
    decoded::<AttendanceStatus>(column, "attendance status", code)
}

use super::settings::{EXCUSED_KEY, MIN_CONVENINGS_KEY, THRESHOLD_KEY};
impl Store {
    /// The convenings of a school year, by date.
    pub fn convenings_in(&self, year: SchoolYear) -> Result<Vec<ConveningRow>> {
        // Only districts that were members that day count as attending.
        let sql = format!(
            "SELECT {CONVENING_COLUMNS},
                (SELECT count(*) FROM attendance a
                   JOIN membership m ON m.district_id = a.district_id AND m.school_year = ?3
                  WHERE a.convening_id = c.id AND a.status = 'attended' AND {}),
                EXISTS (SELECT 1 FROM attendance a WHERE a.convening_id = c.id)
             FROM convening c WHERE c.held_on BETWEEN ?1 AND ?2
             ORDER BY c.held_on, c.id",
            member_on("c.held_on")
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let range = (year.first_day(), year.last_day(), year.start_year());
        let rows = statement.query_map(range, |row| {
            Ok(ConveningRow {
                convening: Convening::from_row(row)?,
                attended: row.get::<_, i64>(CONVENING_COLUMN_COUNT)? as usize,
                recorded: row.get(CONVENING_COLUMN_COUNT + 1)?,
            })
        })?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn convening(&self, id: ConveningId) -> Result<Convening> {
        let sql = format!("SELECT {CONVENING_COLUMNS} FROM convening c WHERE c.id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], Convening::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("convening"))
    }

    pub fn insert_convening(&mut self, fields: &ConveningFields) -> Result<ConveningId> {
        let change = self.change()?;
        change
            .prepare_cached(
                "INSERT INTO convening (held_on, title, kind, location, notes, starts_at, ends_at,
                    time_zone, description, organiser_id, calendar_uid)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, lower(hex(randomblob(16))))",
            )?
            .execute(rusqlite::params![
                fields.held_on,
                &fields.title,
                fields.kind.code(),
                &fields.location,
                &fields.notes,
                stored_time(fields.starts_at),
                stored_time(fields.ends_at),
                fields.time_zone.code(),
                &fields.description,
                fields.organiser.map(|p| p.0),
            ])?;
        let id = ConveningId(change.last_insert_rowid());
        change.commit()?;
        Ok(id)
    }

    pub fn update_convening(&mut self, id: ConveningId, fields: &ConveningFields) -> Result<()> {
        let change = self.change()?;
        let changed = change
            // What a calendar shows changed: the entry's sequence goes up,
            // so that calendars take the new invitation over the old.
            .prepare_cached(
                "UPDATE convening SET
                   calendar_sequence = calendar_sequence
                     + (held_on IS NOT ?2 OR title IS NOT ?3 OR location IS NOT ?5
                        OR starts_at IS NOT ?7 OR ends_at IS NOT ?8 OR time_zone IS NOT ?9
                        OR description IS NOT ?10 OR organiser_id IS NOT ?11),
                   held_on = ?2, title = ?3, kind = ?4, location = ?5, notes = ?6,
                   starts_at = ?7, ends_at = ?8, time_zone = ?9, description = ?10,
                   organiser_id = ?11,
                   updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
            )?
            .execute(rusqlite::params![
                id.0,
                fields.held_on,
                &fields.title,
                fields.kind.code(),
                &fields.location,
                &fields.notes,
                stored_time(fields.starts_at),
                stored_time(fields.ends_at),
                fields.time_zone.code(),
                &fields.description,
                fields.organiser.map(|p| p.0),
            ])?;
        found(changed, "convening")?;
        change.commit()
    }

    /// Deletes a convening and its attendance sheet.
    pub fn delete_convening(&mut self, id: ConveningId) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM convening WHERE id = ?1")?
            .execute([id.0])?;
        found(changed, "convening")?;
        change.commit()
    }

    /// The districts that were members on a convening's day: their letter
    /// for the year was in (received, active, or terminated later).
    pub fn members_on(&self, convening: ConveningId) -> Result<BTreeSet<DistrictId>> {
        let held_on = self.convening(convening)?.fields.held_on;
        let year = SchoolYear::containing(held_on);
        let sql = format!(
            "SELECT m.district_id FROM membership m WHERE m.school_year = ?1 AND {}",
            member_on("?2")
        );
        let members = self
            .conn
            .prepare_cached(&sql)?
            .query_map((year.start_year(), held_on), |row| {
                Ok(DistrictId(row.get(0)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(members)
    }

    /// The sheet for a convening: every district that was a member on its
    /// date, and any other district with a saved line.
    pub fn attendance_sheet(&self, convening: ConveningId) -> Result<Vec<SheetLine>> {
        let held_on = self.convening(convening)?.fields.held_on;
        let year = SchoolYear::containing(held_on);
        let member = member_on("?2");
        let sql = format!(
            "SELECT d.id, d.name, m.id IS NOT NULL AND {member}, a.status, a.note, a.minutes
             FROM district d
             LEFT JOIN membership m ON m.district_id = d.id AND m.school_year = ?3
             LEFT JOIN attendance a ON a.district_id = d.id AND a.convening_id = ?1
             WHERE a.district_id IS NOT NULL OR {member}
             ORDER BY d.name COLLATE NOCASE"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let mut lines: Vec<SheetLine> = statement
            .query_map((convening.0, held_on, year.start_year()), |row| {
                let district_id = DistrictId(row.get(0)?);
                let saved = match row.get::<_, Option<String>>(3)? {
                    None => None,
                    Some(code) => Some(Attendance {
                        district: district_id,
                        status: status_from(3, &code)?,
                        people: BTreeSet::new(),
                        note: row.get(4)?,
                    }),
                };
                Ok(SheetLine {
                    district_id,
                    district_name: row.get(1)?,
                    member: row.get(2)?,
                    saved,
                    people: Vec::new(),
                    minutes: row.get(5)?,
                    person_minutes: HashMap::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)?;

        let mut came = self.conn.prepare_cached(
            "SELECT district_id, contact_id, minutes FROM attendance_person WHERE convening_id = ?1",
        )?;
        let mut people_by_district: HashMap<i64, BTreeSet<ContactId>> = HashMap::new();
        let mut minutes_of: HashMap<ContactId, u32> = HashMap::new();
        for pair in came.query_map([convening.0], |row| {
            Ok((
                row.get::<_, i64>(0)?,
                ContactId(row.get(1)?),
                row.get::<_, Option<u32>>(2)?,
            ))
        })? {
            let (district, contact, minutes) = pair?;
            people_by_district
                .entry(district)
                .or_default()
                .insert(contact);
            if let Some(minutes) = minutes {
                minutes_of.insert(contact, minutes);
            }
        }
        let mut contacts = self.conn.prepare_cached(
            "SELECT id, name, active FROM contact WHERE district_id = ?1 ORDER BY name COLLATE NOCASE",
        )?;
        for line in &mut lines {
            let came = people_by_district
                .remove(&line.district_id.0)
                .unwrap_or_default();
            for contact in contacts.query_map([line.district_id.0], |row| {
                Ok((
                    ContactId(row.get(0)?),
                    row.get::<_, String>(1)?,
                    row.get::<_, bool>(2)?,
                ))
            })? {
                let (id, name, active) = contact?;
                if active || came.contains(&id) {
                    line.people.push((id, name));
                }
                if let Some(minutes) = minutes_of.get(&id).filter(|_| came.contains(&id)) {
                    line.person_minutes.insert(id, *minutes);
                }
            }
            if let Some(saved) = &mut line.saved {
                saved.people = came;
            }
        }
        Ok(lines)
    }

    /// Saves a whole sheet in one transaction: the lines given replace the
    /// convening's saved lines.
    pub fn save_attendance_sheet(
        &mut self,
        convening: ConveningId,
        lines: &[Attendance],
    ) -> Result<()> {
        self.convening(convening)?;
        let tx = self.change()?;
        // Minutes come from reports, not the sheet: the lines and people
        // that stay keep theirs.
        let line_minutes: HashMap<i64, u32> = tx
            .prepare_cached(
                "SELECT district_id, minutes FROM attendance WHERE convening_id = ?1 AND minutes IS NOT NULL",
            )?
            .query_map([convening.0], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let person_minutes: HashMap<i64, u32> = tx
            .prepare_cached(
                "SELECT contact_id, minutes FROM attendance_person WHERE convening_id = ?1 AND minutes IS NOT NULL",
            )?
            .query_map([convening.0], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute(
            "DELETE FROM attendance WHERE convening_id = ?1",
            [convening.0],
        )?;
        {
            let mut line = tx.prepare_cached(
                "INSERT INTO attendance (convening_id, district_id, status, note, minutes)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut person = tx.prepare_cached(
                "INSERT INTO attendance_person (convening_id, district_id, contact_id, minutes)
                 SELECT ?1, ?2, id, ?4 FROM contact WHERE id = ?3 AND district_id = ?2",
            )?;
            for attendance in lines {
                line.execute((
                    convening.0,
                    attendance.district.0,
                    attendance.status.code(),
                    attendance.note.trim(),
                    line_minutes.get(&attendance.district.0),
                ))
                .map_err(from_sql_error)?;
                for contact in &attendance.people {
                    let minutes = person_minutes.get(&contact.0);
                    if person.execute((convening.0, attendance.district.0, contact.0, minutes))?
                        == 0
                    {
                        return Err(StoreError::Refused(
                            "An attendance line can only name the district's own contacts."
                                .to_owned(),
                        ));
                    }
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Records lines of a convening's attendance, keeping the rest of its
    /// sheet: a district's line is added, or its status changed (its note
    /// and minutes too, where given); the people named are added to it.
    /// For an import, which knows districts and marks, not whole sheets.
    pub fn record_attendance_lines(
        &mut self,
        convening: ConveningId,
        lines: &[AttendanceLine],
    ) -> Result<()> {
        self.convening(convening)?;
        let change = self.change()?;
        {
            let mut line = change.prepare_cached(
                "INSERT INTO attendance (convening_id, district_id, status, note, minutes)
                 VALUES (?1, ?2, ?3, coalesce(?4, ''), ?5)
                 ON CONFLICT (convening_id, district_id) DO UPDATE SET
                   status = excluded.status,
                   note = coalesce(?4, note),
                   minutes = coalesce(?5, minutes)",
            )?;
            let mut person = change.prepare_cached(
                "INSERT INTO attendance_person (convening_id, district_id, contact_id, minutes)
                 SELECT ?1, ?2, id, ?4 FROM contact WHERE id = ?3 AND district_id = ?2
                 ON CONFLICT (convening_id, contact_id) DO UPDATE SET
                   minutes = coalesce(excluded.minutes, minutes)",
            )?;
            for imported in lines {
                line.execute((
                    convening.0,
                    imported.district.0,
                    imported.status.code(),
                    imported.note.as_deref().map(str::trim),
                    imported.minutes,
                ))
                .map_err(from_sql_error)?;
                for (contact, minutes) in &imported.people {
                    if person.execute((convening.0, imported.district.0, contact.0, minutes))? == 0
                    {
                        return Err(StoreError::Refused(
                            "An attendance line can only name the district's own contacts."
                                .to_owned(),
                        ));
                    }
                }
            }
        }
        change.commit()
    }

    /// The year's attendance grid: every district with a letter in (received,
    /// active or terminated) this year, or any attendance line this year.
    pub fn attendance_grid(&self, year: SchoolYear) -> Result<AttendanceGrid> {
        let convenings = self.convenings_in(year)?;
        let column: HashMap<i64, usize> = convenings
            .iter()
            .enumerate()
            .map(|(i, c)| (c.convening.id.0, i))
            .collect();
        let mut rows: Vec<GridRow> = Vec::new();
        let mut row_of: HashMap<i64, usize> = HashMap::new();
        {
            let mut members = self.conn.prepare_cached(
                "SELECT d.id, d.name, m.status, m.received_on, m.terminated_on
                 FROM membership m JOIN district d ON d.id = m.district_id
                 WHERE m.school_year = ?1 AND m.status IN ('received', 'active', 'terminated')",
            )?;
            for row in members.query_map([year.start_year()], |row| {
                let status: String = row.get(2)?;
                Ok(GridRow {
                    district_id: DistrictId(row.get(0)?),
                    district_name: row.get(1)?,
                    span: Some(MemberSpan {
                        status: decoded::<MembershipStatus>(2, "membership status", &status)?,
                        received_on: row.get(3)?,
                        terminated_on: row.get(4)?,
                    }),
                    cells: vec![None; convenings.len()],
                })
            })? {
                let row = row.map_err(from_sql_error)?;
                row_of.insert(row.district_id.0, rows.len());
                rows.push(row);
            }
        }
        let mut lines = self.conn.prepare_cached(
            "SELECT a.convening_id, a.district_id, d.name, a.status
             FROM attendance a JOIN convening c ON c.id = a.convening_id JOIN district d ON d.id = a.district_id
             WHERE c.held_on BETWEEN ?1 AND ?2",
        )?;
        for line in lines.query_map((year.first_day(), year.last_day()), |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, String>(2)?,
                status_from(3, &row.get::<_, String>(3)?)?,
            ))
        })? {
            let (convening, district, name, status) = line.map_err(from_sql_error)?;
            let at = *row_of.entry(district).or_insert_with(|| {
                rows.push(GridRow {
                    district_id: DistrictId(district),
                    district_name: name,
                    span: None,
                    cells: vec![None; convenings.len()],
                });
                rows.len() - 1
            });
            if let Some(&c) = column.get(&convening) {
                rows[at].cells[c] = Some(status);
            }
        }
        rows.sort_by_key(|r| r.district_name.to_lowercase());
        Ok(AttendanceGrid {
            recorded: convenings.iter().map(|c| c.recorded).collect(),
            convenings: convenings.into_iter().map(|c| c.convening).collect(),
            rows,
        })
    }

    pub fn attendance_rules(&self) -> Result<AttendanceRules> {
        let mut rules = AttendanceRules::default();
        if let Some(value) = self.setting(THRESHOLD_KEY)? {
            rules.threshold_percent =
                value
                    .parse::<u8>()
                    .ok()
                    .filter(|p| *p <= 100)
                    .ok_or_else(|| {
                        StoreError::UnknownValue(format!("attendance threshold “{value}”"))
                    })?;
        }
        if let Some(value) = self.setting(EXCUSED_KEY)? {
            rules.excused = ExcusedPolicy::from_code(&value)
                .ok_or_else(|| StoreError::UnknownValue(format!("excused policy “{value}”")))?;
        }
        if let Some(value) = self.setting(MIN_CONVENINGS_KEY)? {
            rules.min_convenings =
                value
                    .parse::<u8>()
                    .ok()
                    .filter(|n| *n <= 50)
                    .ok_or_else(|| {
                        StoreError::UnknownValue(format!("convenings before flagging “{value}”"))
                    })?;
        }
        Ok(rules)
    }

    pub(super) fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM setting WHERE key = ?1")?
            .query_row([key], |row| row.get(0))
            .optional()?)
    }
}

/// Dates of a grid's recorded convenings with one row's statuses, as the
/// rate calculation takes them.
pub fn recorded_cells<'a>(
    grid: &'a AttendanceGrid,
    row: &'a GridRow,
) -> impl Iterator<Item = (NaiveDate, Option<AttendanceStatus>)> + 'a {
    grid.convenings
        .iter()
        .zip(&grid.recorded)
        .zip(&row.cells)
        .filter(|((_, recorded), _)| **recorded)
        .map(|((convening, _), cell)| (convening.fields.held_on, *cell))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_column_count_matches_the_columns() {
        assert_eq!(
            super::CONVENING_COLUMNS.split(',').count(),
            super::CONVENING_COLUMN_COUNT
        );
    }
}

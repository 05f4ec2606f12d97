//! Recording a participant report: the keys matching needs, the settings
//! reports are read with, what is already recorded for a convening (and
//! which reports), and recording the people the user confirmed.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rusqlite::OptionalExtension as _;

use super::contacts::insert_contact_row;
use super::{Result, Store, StoreError};
use crate::domain::participants::{ContactKey, DistrictKey, ReportRules};
use crate::domain::{ContactFields, ContactId, ConveningId, DistrictId};

/// A participant the user has placed: the district to mark attended, and
/// the person, an existing contact or one to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportAttendee {
    pub district: DistrictId,
    pub contact: Option<ContactId>,
    pub new_contact: Option<ContactFields>,
    /// Their minutes in the meeting, when the report says.
    pub minutes: Option<u32>,
}

/// The report a recording came from, kept so that the same report brought
/// in again is recognised.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRecord {
    /// `ParticipantReport::fingerprint` of the report.
    pub fingerprint: String,
    pub file_name: String,
    /// How many people the report had.
    pub people: usize,
}

/// What recording a report changed; all zero when it was recorded before.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct ReportSummary {
    pub districts_marked: usize,
    pub people_added: usize,
    pub contacts_created: usize,
    /// Districts left out: they were not members on the convening's day.
    pub not_members: usize,
}

use super::settings::{MIN_MINUTES_KEY, ORGANISER_DOMAINS_KEY};

impl Store {
    /// How participant reports are read.
    pub fn report_rules(&self) -> Result<ReportRules> {
        let mut rules = ReportRules::default();
        if let Some(value) = self.setting(MIN_MINUTES_KEY)? {
            rules.min_minutes = value
                .parse()
                .map_err(|_| StoreError::UnknownValue(format!("minimum minutes “{value}”")))?;
        }
        if let Some(value) = self.setting(ORGANISER_DOMAINS_KEY)? {
            rules.organiser_domains = ReportRules::parse_domains(&value);
        }
        Ok(rules)
    }

    /// The day the report with `fingerprint` was recorded for the
    /// convening, if it was, and from which file.
    pub fn report_recorded(
        &self,
        convening: ConveningId,
        fingerprint: &str,
    ) -> Result<Option<(NaiveDate, String)>> {
        let found: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT recorded_at, file_name FROM attendance_report
                 WHERE convening_id = ?1 AND fingerprint = ?2 ORDER BY id LIMIT 1",
            )?
            .query_row((convening.0, fingerprint), |row| {
                Ok((row.get(0)?, row.get(1)?))
            })
            .optional()?;
        // Stored in UTC; the day is the user's.
        Ok(found.and_then(|(at, file)| {
            let utc = chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S%.fZ").ok()?;
            let local = utc.and_utc().with_timezone(&chrono::Local);
            Some((local.date_naive(), file))
        }))
    }

    /// Another convening this same report was recorded for, if any: its
    /// title and day.
    pub fn report_recorded_elsewhere(
        &self,
        convening: ConveningId,
        fingerprint: &str,
    ) -> Result<Option<(String, NaiveDate)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT c.title, c.held_on FROM attendance_report r JOIN convening c ON c.id = r.convening_id
                 WHERE r.fingerprint = ?2 AND r.convening_id <> ?1 ORDER BY r.id LIMIT 1",
            )?
            .query_row((convening.0, fingerprint), |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?)
    }

    /// The districts already marked attended at a convening, and the people
    /// already noted there.
    pub fn recorded_attendance(
        &self,
        convening: ConveningId,
    ) -> Result<(BTreeSet<DistrictId>, BTreeSet<ContactId>)> {
        let districts = self
            .conn
            .prepare_cached(
                "SELECT district_id FROM attendance WHERE convening_id = ?1 AND status = 'attended'",
            )?
            .query_map([convening.0], |row| Ok(DistrictId(row.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let people = self
            .conn
            .prepare_cached("SELECT contact_id FROM attendance_person WHERE convening_id = ?1")?
            .query_map([convening.0], |row| Ok(ContactId(row.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok((districts, people))
    }

    /// Contacts and districts as participant matching needs them.
    pub fn matching_keys(&self) -> Result<(Vec<ContactKey>, Vec<DistrictKey>)> {
        let contacts = self
            .conn
            .prepare_cached("SELECT id, district_id, name, email FROM contact")?
            .query_map([], |row| {
                Ok(ContactKey {
                    id: ContactId(row.get(0)?),
                    district: DistrictId(row.get(1)?),
                    name: row.get(2)?,
                    email: row.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let districts = self
            .conn
            .prepare_cached(
                "SELECT id, name, email_domain FROM district WHERE archived_at IS NULL",
            )?
            .query_map([], |row| {
                Ok(DistrictKey {
                    id: DistrictId(row.get(0)?),
                    name: row.get(1)?,
                    email_domain: row.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok((contacts, districts))
    }

    /// Records who came, from a participant report, in one transaction:
    /// adds the new contacts, marks their districts attended and notes the
    /// people. Lines of other districts are left as they are; recording the
    /// same report again changes nothing.
    pub fn record_report_attendance(
        &mut self,
        convening: ConveningId,
        attendees: &[ReportAttendee],
        report: &ReportRecord,
    ) -> Result<ReportSummary> {
        // Attendance is a member's: a district that was not one that day is
        // not recorded (nor counted in any rate).
        let members = self.members_on(convening)?;
        let (attendees, outsiders): (Vec<&ReportAttendee>, Vec<&ReportAttendee>) = attendees
            .iter()
            .partition(|a| members.contains(&a.district));
        let outsiders: BTreeSet<DistrictId> = outsiders.iter().map(|a| a.district).collect();
        let mut summary = ReportSummary {
            not_members: outsiders.len(),
            ..ReportSummary::default()
        };
        // Nobody to record (all unmatched, or not members), or the same
        // report again with nobody new: nothing is written.
        if attendees.is_empty() {
            return Ok(summary);
        }
        // The same report again, with nobody new: nothing is written.
        let (attended, noted) = self.recorded_attendance(convening)?;
        let nothing_new = attendees.iter().all(|a| {
            a.new_contact.is_none()
                && attended.contains(&a.district)
                && a.contact.is_none_or(|c| noted.contains(&c))
        });
        if nothing_new
            && self
                .report_recorded(convening, &report.fingerprint)?
                .is_some()
        {
            return Ok(summary);
        }
        let tx = self.change()?;
        {
            let mut mark = tx.prepare_cached(
                "INSERT INTO attendance (convening_id, district_id, status) VALUES (?1, ?2, 'attended')
                 ON CONFLICT (convening_id, district_id) DO UPDATE SET status = 'attended'
                 WHERE status <> 'attended'",
            )?;
            let mut person = tx.prepare_cached(
                "INSERT INTO attendance_person (convening_id, district_id, contact_id, minutes)
                 SELECT ?1, ?2, id, ?4 FROM contact WHERE id = ?3 AND district_id = ?2
                 ON CONFLICT DO NOTHING",
            )?;
            // The line keeps the most minutes any of its people spent; a
            // person their own most.
            let mut line_minutes = tx.prepare_cached(
                "UPDATE attendance SET minutes = ?3
                 WHERE convening_id = ?1 AND district_id = ?2 AND (minutes IS NULL OR minutes < ?3)",
            )?;
            let mut person_minutes = tx.prepare_cached(
                "UPDATE attendance_person SET minutes = ?3
                 WHERE convening_id = ?1 AND contact_id = ?2 AND (minutes IS NULL OR minutes < ?3)",
            )?;
            for attendee in attendees {
                summary.districts_marked += mark.execute((convening.0, attendee.district.0))?;
                if let Some(minutes) = attendee.minutes {
                    line_minutes.execute((convening.0, attendee.district.0, minutes))?;
                }
                let contact = match (&attendee.contact, &attendee.new_contact) {
                    (Some(id), _) => Some(*id),
                    (None, Some(fields)) => {
                        summary.contacts_created += 1;
                        Some(insert_contact_row(&tx, attendee.district, fields)?)
                    }
                    (None, None) => None,
                };
                if let Some(contact) = contact {
                    summary.people_added += person.execute((
                        convening.0,
                        attendee.district.0,
                        contact.0,
                        attendee.minutes,
                    ))?;
                    if let Some(minutes) = attendee.minutes {
                        person_minutes.execute((convening.0, contact.0, minutes))?;
                    }
                }
            }
            tx.execute(
                "INSERT INTO attendance_report (convening_id, fingerprint, file_name, people)
                 SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS
                   (SELECT 1 FROM attendance_report WHERE convening_id = ?1 AND fingerprint = ?2)",
                (
                    convening.0,
                    &report.fingerprint,
                    &report.file_name,
                    report.people as i64,
                ),
            )?;
        }
        tx.commit()?;
        Ok(summary)
    }
}

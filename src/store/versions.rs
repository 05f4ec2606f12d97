//! Which change a form last read its record at, and whether the record was
//! changed since (by an undo, a redo, an import or another form). A save
//! from a form that read the record before such a change is refused rather
//! than writing its old copy of fields the user never touched.

use std::collections::BTreeSet;

use super::{Result, Store, StoreError};
use crate::domain::{ContactId, ConveningId, DistrictId, GrantId, SchoolYear};

/// A change set's id: every write of the store makes a newer one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ChangeId(pub i64);

/// A record a form edits, as the change history finds its rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Record {
    District(DistrictId),
    Contact(ContactId),
    /// A district's letter for a year, with the points of contact it names.
    Letter(DistrictId, SchoolYear),
    Convening(ConveningId),
    /// A convening's attendance lines and the people noted on them.
    AttendanceSheet(ConveningId),
    Grant(GrantId),
}

impl Record {
    fn noun(self) -> &'static str {
        match self {
            Self::District(_) => "district",
            Self::Contact(_) => "contact",
            Self::Letter(..) => "letter",
            Self::Convening(_) => "convening",
            Self::AttendanceSheet(_) => "attendance sheet",
            Self::Grant(_) => "application",
        }
    }
}

/// A table of the roster, as the change log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StoredTable {
    District,
    Contact,
    Setting,
    Membership,
    MembershipContact,
    MembershipStatusChange,
    Convening,
    Attendance,
    AttendancePerson,
    AttendanceReport,
    GrantApplication,
    GrantStatusChange,
    GrantFund,
    Document,
    ContactLog,
    NetworkPerson,
    EmailTemplate,
    /// A table this list does not know yet: whatever shows anything reads again.
    Other,
}

impl StoredTable {
    const NAMED: [(&'static str, Self); 17] = [
        ("district", Self::District),
        ("contact", Self::Contact),
        ("setting", Self::Setting),
        ("membership", Self::Membership),
        ("membership_contact", Self::MembershipContact),
        ("membership_status_change", Self::MembershipStatusChange),
        ("convening", Self::Convening),
        ("attendance", Self::Attendance),
        ("attendance_person", Self::AttendancePerson),
        ("attendance_report", Self::AttendanceReport),
        ("grant_application", Self::GrantApplication),
        ("grant_status_change", Self::GrantStatusChange),
        ("grant_fund", Self::GrantFund),
        ("document", Self::Document),
        ("contact_log", Self::ContactLog),
        ("network_person", Self::NetworkPerson),
        ("email_template", Self::EmailTemplate),
    ];

    pub fn of(name: &str) -> Self {
        Self::NAMED
            .iter()
            .find(|(known, _)| *known == name)
            .map_or(Self::Other, |(_, table)| *table)
    }
}

impl Store {
    /// The tables changes after `seen` wrote to (the change log has them),
    /// so that only what shows them is read again.
    pub fn tables_changed_since(&self, seen: ChangeId) -> Result<BTreeSet<StoredTable>> {
        let names: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT l.table_name FROM change_log l
                 JOIN change_set s ON s.id = l.change_set_id
                 WHERE s.id > ?1 AND s.open = 0",
            )?
            .query_map([seen.0], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names.iter().map(|name| StoredTable::of(name)).collect())
    }

    /// The newest change, to remember with what a form has just read.
    pub fn latest_change(&self) -> Result<ChangeId> {
        let id = self.conn.query_row(
            "SELECT coalesce(max(id), 0) FROM change_set WHERE open = 0",
            [],
            |row| row.get(0),
        )?;
        Ok(ChangeId(id))
    }

    /// Whether any change after `seen` touched the record's rows.
    pub fn changed_since(&self, record: Record, seen: ChangeId) -> Result<bool> {
        // Each row as it was after the change (or before, for a delete).
        const ROW: &str = "coalesce(l.after, l.before)";
        let (sql, keys): (String, &[i64]) = match record {
            Record::District(id) => (
                format!("l.table_name = 'district' AND json_extract({ROW}, '$.id') = ?2"),
                &[id.0],
            ),
            Record::Contact(id) => (
                format!("l.table_name = 'contact' AND json_extract({ROW}, '$.id') = ?2"),
                &[id.0],
            ),
            Record::Letter(district, year) => (
                format!(
                    "(l.table_name = 'membership' AND json_extract({ROW}, '$.district_id') = ?2
                        AND json_extract({ROW}, '$.school_year') = ?3)
                     OR (l.table_name = 'membership_contact'
                        AND json_extract({ROW}, '$.membership_id') IN
                            (SELECT id FROM membership WHERE district_id = ?2 AND school_year = ?3))"
                ),
                &[district.0, i64::from(year.start_year())],
            ),
            Record::Convening(id) => (
                format!("l.table_name = 'convening' AND json_extract({ROW}, '$.id') = ?2"),
                &[id.0],
            ),
            Record::AttendanceSheet(id) => (
                format!(
                    "l.table_name IN ('attendance', 'attendance_person')
                     AND json_extract({ROW}, '$.convening_id') = ?2"
                ),
                &[id.0],
            ),
            Record::Grant(id) => (
                format!(
                    "l.table_name = 'grant_application' AND json_extract({ROW}, '$.id') = ?2"
                ),
                &[id.0],
            ),
        };
        let changed = self
            .conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM change_log l WHERE l.change_set_id > ?1 AND ({sql}))"
            ))?
            .query_row(
                rusqlite::params_from_iter(std::iter::once(&seen.0).chain(keys)),
                |row| row.get(0),
            )?;
        Ok(changed)
    }

    /// Refuses a save from a form that read the record before its last
    /// change: the form must first show the stored record.
    pub fn ensure_unchanged_since(&self, record: Record, seen: ChangeId) -> Result<()> {
        if self.changed_since(record, seen)? {
            return Err(StoreError::ChangedElsewhere(record.noun()));
        }
        Ok(())
    }
}

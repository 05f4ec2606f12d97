//! The tables the app exports, built from the store: the year's roster,
//! contacts, memberships with every field of the letter, renewals, the
//! attendance grid, convenings, one convening's sheet, and grants.
//!
//! Each takes an optional `order`: the ids a screen shows, in its order, so
//! that "Export…" gives exactly what is on screen; `None` exports all.

mod attendance;
pub mod calendar;
pub mod documents;
pub mod drafts;
pub mod everything;
pub mod history;
pub mod letters;
pub mod map;
pub mod peers;
pub mod year_report;

pub use attendance::{attendance_grid, convening_attendance, convenings};

use crate::domain::Coded as _;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::hash::Hash;
use strum::VariantArray as _;

use crate::domain::{
    ActionArea, BigIdea, Contact, ContactId, ContactRole, DistrictId, GrantId, Letter, Membership,
    SchoolYear, Standing,
};
use crate::io::table::{Cell, ColumnKind as K, ColumnSpec, Sheet};
use crate::store::{Store, StoreError, YearStanding};

/// The tables there are to export, as the command line names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Table {
    Roster,
    Contacts,
    Memberships,
    Attendance,
    Convenings,
    Grants,
    History,
    /// Each active member with its three nearest peers.
    Peers,
}

impl Table {
    pub const ALL: [Self; 8] = [
        Self::Roster,
        Self::Contacts,
        Self::Memberships,
        Self::Attendance,
        Self::Convenings,
        Self::Grants,
        Self::History,
        Self::Peers,
    ];

    /// A file name that says what is in it: "ILN roster 2025-2026".
    pub fn file_stem(self, year: SchoolYear) -> String {
        let what = match self {
            Self::Roster => "roster",
            Self::Contacts => "contacts",
            Self::Memberships => "memberships",
            Self::Attendance => "attendance",
            Self::Convenings => "convenings",
            Self::Grants => "travel grants",
            Self::History => "history",
            Self::Peers => "peer pairs",
        };
        format!("ILN {what} {year}")
    }

    /// The whole table for a year, with standings as of `today`.
    pub fn sheet(
        self,
        store: &Store,
        year: SchoolYear,
        today: NaiveDate,
    ) -> Result<Sheet, StoreError> {
        match self {
            Self::Roster => roster(store, year, today, None),
            Self::Contacts => contacts(store, year, None),
            Self::Memberships => memberships(store, year, today, None),
            Self::Attendance => attendance_grid(store, year, None),
            Self::Convenings => convenings(store, year, None),
            Self::Grants => grants(store, year, today, None),
            Self::History => history::history(store, year),
            Self::Peers => peers::peer_pairs(store, year, today),
        }
    }
}

/// Every contact's name as a file writes it: with the email where two of
/// a district's people share a name, so that an import tells them apart.
fn contact_names(store: &Store) -> Result<HashMap<ContactId, String>, StoreError> {
    let contacts = store.all_contacts()?;
    let mut of_district: HashMap<DistrictId, Vec<&Contact>> = HashMap::new();
    for contact in &contacts {
        of_district
            .entry(contact.district_id)
            .or_default()
            .push(contact);
    }
    Ok(contacts
        .iter()
        .map(|c| {
            let others = of_district
                .get(&c.district_id)
                .map_or(&[][..], Vec::as_slice);
            (c.id, crate::domain::contact::written_name(c, others))
        })
        .collect())
}

/// Keeps `items` whose key is in `order`, in that order; all of them, as
/// they are, when there is no order.
fn arrange<T, K: Eq + Hash + Copy>(
    items: Vec<T>,
    order: Option<&[K]>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let Some(order) = order else { return items };
    let position: HashMap<K, usize> = order.iter().enumerate().map(|(i, k)| (*k, i)).collect();
    let mut kept: Vec<(usize, T)> = items
        .into_iter()
        .filter_map(|t| position.get(&key(&t)).map(|&p| (p, t)))
        .collect();
    kept.sort_by_key(|(p, _)| *p);
    kept.into_iter().map(|(_, t)| t).collect()
}

fn col(header: &str, kind: K, width: f64) -> ColumnSpec {
    ColumnSpec::new(header, kind, width)
}

fn people(contacts: &[&Contact], role: ContactRole) -> (String, String) {
    let chosen: Vec<&&Contact> = contacts
        .iter()
        .filter(|c| c.fields.role == role && c.fields.active)
        .collect();
    let names = chosen
        .iter()
        .map(|c| c.fields.name.as_str())
        .collect::<Vec<_>>()
        .join("; ");
    // One email per name, in the same order (blank for none), so that the
    // two columns read back as the same people.
    let emails = if chosen.iter().all(|c| c.fields.email.is_empty()) {
        String::new()
    } else {
        chosen
            .iter()
            .map(|c| c.fields.email.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    (names, emails)
}

fn standing_cell(standing: Standing) -> Cell {
    Cell::text(standing.label())
}

/// The year's roster: every district with its people and its letter.
pub fn roster(
    store: &Store,
    year: SchoolYear,
    today: NaiveDate,
    order: Option<&[DistrictId]>,
) -> Result<Sheet, StoreError> {
    let districts = arrange(store.district_list()?, order, |d| d.district.id);
    let contacts = store.all_contacts()?;
    let mut contacts_of: HashMap<DistrictId, Vec<&Contact>> = HashMap::new();
    for contact in &contacts {
        contacts_of
            .entry(contact.district_id)
            .or_default()
            .push(contact);
    }
    let standings: HashMap<DistrictId, _> = store
        .year_standings(year, today)?
        .into_iter()
        .map(|s| (s.district_id, s))
        .collect();
    let columns = vec![
        col("District", K::Text, 28.0),
        col("KDE #", K::Text, 7.0),
        col("NCES LEA ID", K::Text, 12.0),
        col("County", K::Text, 14.0),
        col("Type", K::Text, 12.0),
        col("Co-op", K::Text, 8.0),
        col("Email domain", K::Text, 22.0),
        col("Superintendent", K::Text, 22.0),
        col("Superintendent email", K::Text, 30.0),
        col("Points of contact", K::Text, 30.0),
        col("Point of contact emails", K::Text, 40.0),
        col(&format!("Standing {year}"), K::Text, 14.0),
        col("LoC received", K::Date, 13.0),
        col("LoC countersigned", K::Date, 13.0),
        col("Notes", K::Text, 40.0),
    ];
    let rows = districts
        .iter()
        .filter(|d| !d.district.archived || order.is_some())
        .map(|item| {
            let f = &item.district.fields;
            let mine = contacts_of
                .get(&item.district.id)
                .map_or(&[][..], Vec::as_slice);
            let (sup, sup_email) = people(mine, ContactRole::Superintendent);
            let (pocs, poc_emails) = people(mine, ContactRole::PointOfContact);
            let standing = standings.get(&item.district.id);
            let letter = standing.and_then(|s| s.membership.as_ref());
            vec![
                Cell::text(&f.name),
                Cell::text(&f.kde_number),
                Cell::text(f.nces_id.clone().unwrap_or_default()),
                Cell::text(&f.county),
                Cell::text(f.kind.label()),
                Cell::text(f.cooperative.map(|c| c.code()).unwrap_or_default()),
                Cell::text(&f.email_domain),
                Cell::text(sup),
                Cell::text(sup_email),
                Cell::text(pocs),
                Cell::text(poc_emails),
                standing.map_or(Cell::text(Standing::NotMember.label()), |s| {
                    standing_cell(s.standing)
                }),
                Cell::date(letter.and_then(|m| m.received_on)),
                Cell::date(letter.and_then(|m| m.countersigned_on)),
                Cell::text(&f.notes),
            ]
        })
        .collect();
    Ok(Sheet {
        name: "Roster".into(),
        title: format!("ILN roster {year}"),
        columns,
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

/// One row per person.
pub fn contacts(
    store: &Store,
    year: SchoolYear,
    order: Option<&[DistrictId]>,
) -> Result<Sheet, StoreError> {
    let districts = arrange(store.district_list()?, order, |d| d.district.id);
    let mut by_district: HashMap<DistrictId, Vec<Contact>> = HashMap::new();
    for contact in store.all_contacts()? {
        by_district
            .entry(contact.district_id)
            .or_default()
            .push(contact);
    }
    let mut rows = Vec::new();
    for item in districts
        .iter()
        .filter(|d| !d.district.archived || order.is_some())
    {
        for contact in by_district.get(&item.district.id).into_iter().flatten() {
            let f = &contact.fields;
            rows.push(vec![
                Cell::text(&item.district.fields.name),
                Cell::text(&f.name),
                Cell::text(&f.title),
                Cell::text(f.role.label()),
                Cell::text(&f.email),
                Cell::text(&f.phone),
                Cell::text(if f.active { "Yes" } else { "No" }),
            ]);
        }
    }
    Ok(Sheet {
        name: "Contacts".into(),
        title: format!("ILN contacts ({year})"),
        columns: vec![
            col("District", K::Text, 28.0),
            col("Name", K::Text, 24.0),
            col("Title", K::Text, 28.0),
            col("Role", K::Text, 16.0),
            col("Email", K::Text, 34.0),
            col("Phone", K::Text, 24.0),
            col("Active", K::Text, 8.0),
        ],
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

/// Every district's standing in the year, with every field of its letter.
pub fn memberships(
    store: &Store,
    year: SchoolYear,
    today: NaiveDate,
    order: Option<&[DistrictId]>,
) -> Result<Sheet, StoreError> {
    let standings = arrange(store.year_standings(year, today)?, order, |s| s.district_id);
    let letters: HashMap<DistrictId, Membership> = store
        .memberships_in(year)?
        .into_iter()
        .map(|m| (m.district_id, m))
        .collect();
    let names = contact_names(store)?;
    let no_letter = Letter::default();
    let rows = standings
        .iter()
        .filter(|s| order.is_some() || s.membership.is_some() || s.standing == Standing::Lapsed)
        .map(|s| {
            let letter = letters
                .get(&s.district_id)
                .map_or(&no_letter, |m| &m.letter);
            membership_row(s, letter, |id| names.get(&id).cloned().unwrap_or_default())
        })
        .collect();
    Ok(Sheet {
        name: "Memberships".into(),
        title: format!("ILN memberships {year}"),
        columns: membership_columns(),
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

/// The memberships sheet's columns: every field of the letter.
fn membership_columns() -> Vec<ColumnSpec> {
    let mut columns = vec![
        col("District", K::Text, 28.0),
        col("Standing", K::Text, 13.0),
    ];
    columns.extend(letter_columns());
    columns
}

/// A letter's columns, from the day it was sent to its termination.
pub(crate) fn letter_columns() -> Vec<ColumnSpec> {
    let mut columns = vec![
        col("Invited", K::Date, 13.0),
        col("Received", K::Date, 13.0),
        col("Superintendent", K::Text, 22.0),
        col("Points of contact", K::Text, 30.0),
        col("Reflections on the previous year", K::Text, 50.0),
        col("Plans of action", K::Text, 50.0),
        col("Learning goal or inquiry question", K::Text, 50.0),
    ];
    columns.extend(
        BigIdea::VARIANTS
            .iter()
            .map(|i| col(i.label(), K::Text, 16.0)),
    );
    columns.extend(
        ActionArea::VARIANTS
            .iter()
            .map(|a| col(a.label(), K::Text, 16.0)),
    );
    columns.extend([
        col("District signatory", K::Text, 22.0),
        col("District signed", K::Date, 13.0),
        col("KDE signatory", K::Text, 18.0),
        col("KDE signed", K::Date, 13.0),
        col("Terminated", K::Date, 13.0),
        col("Notice by", K::Text, 12.0),
        col("Termination reason", K::Text, 30.0),
    ]);
    columns
}

/// A district's standing and its letter (empty without one), a cell per
/// column; `name` names a contact.
fn membership_row(
    standing: &YearStanding,
    letter: &Letter,
    name: impl Fn(ContactId) -> String,
) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(&standing.district_name),
        standing_cell(standing.standing),
    ];
    row.extend(letter_cells(letter, name));
    row
}

/// A letter's cells, in `letter_columns`' order.
pub(crate) fn letter_cells(letter: &Letter, name: impl Fn(ContactId) -> String) -> Vec<Cell> {
    let flag = |on: bool| Cell::text(if on { "Yes" } else { "" });
    let people: Vec<String> = letter.points_of_contact.iter().map(|c| name(*c)).collect();
    let mut row = vec![
        Cell::date(letter.invited_on),
        Cell::date(letter.received_on),
        Cell::text(letter.superintendent.map(&name).unwrap_or_default()),
        Cell::text(people.join("; ")),
        Cell::text(&letter.reflections),
        Cell::text(&letter.plans),
        Cell::text(&letter.learning_goal),
    ];
    row.extend(
        BigIdea::VARIANTS
            .iter()
            .map(|i| flag(letter.big_ideas.contains(i))),
    );
    row.extend(
        ActionArea::VARIANTS
            .iter()
            .map(|a| flag(letter.action_areas.contains(a))),
    );
    row.extend([
        Cell::text(&letter.district_signatory),
        Cell::date(letter.district_signed_on),
        Cell::text(&letter.kde_signatory),
        Cell::date(letter.kde_signed_on),
        Cell::date(letter.terminated_on),
        Cell::text(letter.terminated_by.map(|n| n.label()).unwrap_or_default()),
        Cell::text(&letter.termination_reason),
    ]);
    row
}

/// Who to chase for their letter, with the people to write to.
pub fn renewals(
    store: &Store,
    year: SchoolYear,
    today: chrono::NaiveDate,
    order: Option<&[DistrictId]>,
) -> Result<Sheet, StoreError> {
    let rows = arrange(store.renewals(year)?, order, |r| r.district_id)
        .into_iter()
        .map(|r| {
            let list = |role| {
                let chosen: Vec<_> = r.people.iter().filter(|p| p.role == role).collect();
                (
                    chosen
                        .iter()
                        .map(|p| p.name.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                    chosen
                        .iter()
                        .map(|p| p.email.as_str())
                        .filter(|e| !e.is_empty())
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            };
            let (sup, sup_email) = list(ContactRole::Superintendent);
            let (pocs, poc_emails) = list(ContactRole::PointOfContact);
            vec![
                Cell::text(r.district_name),
                standing_cell(r.standing),
                Cell::date(r.invited_on),
                r.invited_on
                    .map_or(Cell::Empty, |d| Cell::Integer((today - d).num_days())),
                Cell::text(sup),
                Cell::text(sup_email),
                Cell::text(pocs),
                Cell::text(poc_emails),
            ]
        })
        .collect();
    Ok(Sheet {
        name: "Renewals".into(),
        title: format!(
            "ILN renewals {year}: active in {} without a letter for {year}",
            year.previous()
        ),
        columns: vec![
            col("District", K::Text, 28.0),
            col("Standing", K::Text, 12.0),
            col("Invited", K::Date, 13.0),
            col("Days since invited", K::Integer, 10.0),
            col("Superintendent", K::Text, 22.0),
            col("Superintendent email", K::Text, 30.0),
            col("Points of contact", K::Text, 30.0),
            col("Point of contact emails", K::Text, 40.0),
        ],
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

/// The year's applications, with totals.
pub fn grants(
    store: &Store,
    year: SchoolYear,
    today: NaiveDate,
    order: Option<&[GrantId]>,
) -> Result<Sheet, StoreError> {
    let applications = arrange(store.grants_in(year, today)?, order, |g| g.grant.id);
    let names = contact_names(store)?;
    let mut requested = 0;
    let mut awarded = 0;
    let mut paid = 0;
    let rows: Vec<Vec<Cell>> = applications
        .iter()
        .map(|row| {
            let f = &row.grant.fields;
            let status = row.grant.status;
            requested += f.requested.cents();
            if status.commits_funds() {
                awarded += f.awarded.map_or(0, |m| m.cents());
                paid += f.paid.map_or(0, |m| m.cents());
            }
            vec![
                Cell::text(&row.district_name),
                Cell::text(
                    f.applicant
                        .and_then(|a| names.get(&a).cloned())
                        .unwrap_or_default(),
                ),
                Cell::text(f.purpose.label()),
                Cell::text(&f.destination),
                Cell::text(&f.city),
                Cell::text(&f.state),
                Cell::Date(f.travel_start),
                Cell::Date(f.travel_end),
                Cell::Integer(i64::from(f.travelers)),
                Cell::text(&f.traveler_names),
                Cell::Money(f.requested),
                Cell::money(f.awarded),
                Cell::money(f.paid),
                Cell::text(status.label()),
                Cell::date(f.received_on),
                Cell::date(f.decided_on),
                Cell::date(f.paid_on),
                Cell::date(f.report_on),
                Cell::text(&f.decline_reason),
                Cell::text(&f.override_reason),
                Cell::text(&f.notes),
            ]
        })
        .collect();
    let money = |cents: i64| Cell::money(crate::domain::Money::from_cents(cents));
    let mut footer = vec![Cell::text(format!(
        "Totals ({})",
        crate::domain::count(rows.len(), "application", "applications")
    ))];
    footer.extend(std::iter::repeat_n(Cell::Empty, 9));
    footer.extend([money(requested), money(awarded), money(paid)]);
    footer.extend(std::iter::repeat_n(Cell::Empty, 8));
    let fund = store.grant_fund(year)?;
    Ok(Sheet {
        name: "Travel grants".into(),
        title: match fund {
            Some(fund) => format!("ILN Travel Fund Grants {year} · fund {fund}"),
            None => format!("ILN Travel Fund Grants {year}"),
        },
        columns: vec![
            col("District", K::Text, 24.0),
            col("Applicant", K::Text, 20.0),
            col("Purpose", K::Text, 22.0),
            col("Destination", K::Text, 28.0),
            col("City", K::Text, 16.0),
            col("State", K::Text, 6.0),
            col("Travel starts", K::Date, 13.0),
            col("Travel ends", K::Date, 13.0),
            col("Travelers", K::Integer, 9.0),
            col("Traveler names", K::Text, 30.0),
            col("Requested", K::Money, 13.0),
            col("Awarded", K::Money, 13.0),
            col("Paid", K::Money, 13.0),
            col("Status", K::Text, 13.0),
            col("Received", K::Date, 13.0),
            col("Decided", K::Date, 13.0),
            col("Paid on", K::Date, 13.0),
            col("Report back", K::Date, 13.0),
            col("Reason declined", K::Text, 24.0),
            col("Accepted without an active letter because", K::Text, 30.0),
            col("Notes", K::Text, 30.0),
        ],
        rows,
        footer: Some(footer),
        figures: Vec::new(),
    })
}

//! A year's Letters of Commitment from a member list: one row per district
//! and school year, the status given or implied by the dates, checked as
//! the letter form checks it.

use std::collections::HashMap;

use strum::VariantArray as _;

mod reading;

use super::cells::{DistrictFinder, RowCells, items, plausible_year};
use super::people::{People, Person, contact_id};
use super::{Action, Col, RecordRow, RowResult, SheetImport, change_text};
use crate::domain::validate::{self, FieldLabel as _};
use crate::domain::{
    ContactRole, DistrictId, Letter, Membership, MembershipStatus, NoticeBy, SchoolYear,
    membership::validate_letter,
};
use crate::store::{Store, StoreError};
use reading::{read_ideas, read_notice, read_status};

#[derive(Clone, Debug)]
pub struct LetterAction {
    district: DistrictId,
    year: SchoolYear,
    /// The statuses saved in turn (a terminated letter is active first).
    steps: Vec<MembershipStatus>,
    letter: Letter,
    superintendent: Option<Person>,
    points_of_contact: Vec<Person>,
}

impl LetterAction {
    /// The status the letter ends in.
    pub fn final_status(&self) -> Option<MembershipStatus> {
        self.steps.last().copied()
    }
}

pub fn plan(store: &Store, sheet: &SheetImport) -> Result<Vec<RecordRow>, StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let people = People::read(store)?;
    let mut letters_of_year: HashMap<SchoolYear, HashMap<DistrictId, Membership>> = HashMap::new();
    let mut seen: HashMap<(DistrictId, SchoolYear), usize> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let Some((district, name)) = super::district_of(&finder, &cells, &mut rows) else {
            continue;
        };
        let year = match year_of(&cells, sheet.year) {
            Ok(year) => year,
            // A member list's row for a district with no letter that year.
            Err(_) if matches!(cells.get(Col::Status).map(read_status), Some(Ok(None))) => {
                rows.push(RecordRow::new(
                    raw.number,
                    name,
                    RowResult::Unchanged,
                    "No letter that year: nothing to import".to_owned(),
                    None,
                ));
                continue;
            }
            Err(problem) => {
                rows.push(RecordRow::problem(raw.number, name, &[problem]));
                continue;
            }
        };
        let subject = format!("{name} · {year}");
        if let Some(first) = seen.insert((district, year), raw.number) {
            let problem = format!("the same district and year as row {first}: make them one row");
            rows.push(RecordRow::problem(raw.number, subject, &[problem]));
            continue;
        }
        if let std::collections::hash_map::Entry::Vacant(slot) = letters_of_year.entry(year) {
            let letters = store
                .memberships_in(year)?
                .into_iter()
                .map(|m| (m.district_id, m))
                .collect();
            slot.insert(letters);
        }
        let existing = letters_of_year.get(&year).and_then(|l| l.get(&district));
        rows.push(plan_row(&cells, &people, district, year, subject, existing));
    }
    Ok(rows)
}

/// The row's school year: its own column, the one the user gave the file,
/// or the year its dates fall in.
fn year_of(cells: &RowCells<'_>, given: Option<SchoolYear>) -> Result<SchoolYear, String> {
    if let (None, Some(given)) = (cells.get(Col::SchoolYear), given) {
        return Ok(given);
    }
    if let Some(text) = cells.get(Col::SchoolYear) {
        return SchoolYear::read_as_written(text)
            .map_err(|e| e.to_string())
            .and_then(plausible_year)
            .map_err(|e| format!("{}: {e}", cells.at(Col::SchoolYear)));
    }
    [
        Col::Received,
        Col::Invited,
        Col::DistrictSigned,
        Col::KdeSigned,
    ]
    .into_iter()
    .find_map(|field| {
        let text = cells.get(field)?;
        validate::optional_date(text).ok().flatten()
    })
    .map(SchoolYear::containing)
    .ok_or_else(|| {
        "No school year: add a School year column, or the date the letter came".to_owned()
    })
}

fn plan_row(
    cells: &RowCells<'_>,
    people: &People,
    district: DistrictId,
    year: SchoolYear,
    subject: String,
    existing: Option<&Membership>,
) -> RecordRow {
    let number = cells.row.number;
    let mut problems = Vec::new();
    let stated = match cells.get(Col::Status).map(read_status) {
        None => None,
        Some(Ok(Some(status))) => Some(status),
        Some(Ok(None)) if existing.is_none() => {
            return RecordRow::new(
                number,
                subject,
                RowResult::Unchanged,
                "No letter that year: nothing to import".to_owned(),
                None,
            );
        }
        Some(Ok(None)) => None,
        Some(Err(problem)) => {
            problems.push(format!("{}: {problem}", cells.at(Col::Status)));
            None
        }
    };
    // What the file leaves blank, the roster keeps.
    let mut letter = existing.map(|m| m.letter.clone()).unwrap_or_default();
    let mut date = |field: Col, slot: &mut Option<chrono::NaiveDate>| {
        if cells.get(field).is_some() {
            *slot = cells.date(field, year, &mut problems);
        }
    };
    date(Col::Invited, &mut letter.invited_on);
    date(Col::Received, &mut letter.received_on);
    date(Col::DistrictSigned, &mut letter.district_signed_on);
    date(Col::KdeSigned, &mut letter.kde_signed_on);
    date(Col::Terminated, &mut letter.terminated_on);
    for (field, slot) in [
        (Col::Reflections, &mut letter.reflections),
        (Col::Plans, &mut letter.plans),
        (Col::LearningGoal, &mut letter.learning_goal),
        (Col::DistrictSignatory, &mut letter.district_signatory),
        (Col::KdeSignatory, &mut letter.kde_signatory),
        (Col::TerminationReason, &mut letter.termination_reason),
    ] {
        if let Some(text) = cells.get(field) {
            *slot = text.to_owned();
        }
    }
    use crate::domain::limits::{NAME, NOTES};
    for (field, limit) in [
        (Col::Reflections, NOTES),
        (Col::Plans, NOTES),
        (Col::LearningGoal, NOTES),
        (Col::TerminationReason, NOTES),
        (Col::DistrictSignatory, NAME),
        (Col::KdeSignatory, NAME),
        (Col::Superintendent, NAME),
    ] {
        if cells.get(field).is_some_and(|t| t.chars().count() > limit) {
            problems.push(format!(
                "{}: too long (at most {limit} characters)",
                cells.at(field)
            ));
        }
    }
    if let Some(text) = cells.get(Col::NoticeBy) {
        match read_notice(text) {
            Some(by) => letter.terminated_by = Some(by),
            None => problems.push(format!(
                "{}: “{text}” is neither the district nor KDE",
                cells.at(Col::NoticeBy)
            )),
        }
    }
    read_ideas(cells, &mut letter, &mut problems);

    let superintendent = cells
        .get(Col::Superintendent)
        .map(|name| people.find(district, name, ContactRole::Superintendent));
    let points_of_contact: Vec<Person> = match cells.get(Col::PointsOfContact) {
        Some(text) => items(text)
            .iter()
            .map(|name| people.find(district, name, ContactRole::PointOfContact))
            .collect(),
        None => letter
            .points_of_contact
            .iter()
            .map(|id| Person::Known(*id, people.name_of(district, *id)))
            .collect(),
    };
    let superintendent = superintendent.or_else(|| {
        letter
            .superintendent
            .map(|id| Person::Known(id, people.name_of(district, id)))
    });
    letter.superintendent = superintendent.as_ref().and_then(Person::id);
    letter.points_of_contact = points_of_contact.iter().filter_map(Person::id).collect();
    if !problems.is_empty() {
        return RecordRow::problem(number, subject, &problems);
    }

    let previous = existing.map(|m| m.status);
    let mut status = stated
        .unwrap_or(MembershipStatus::Invited)
        .max(letter.status_shown());
    if stated.is_none() && letter.terminated_on.is_some() {
        status = MembershipStatus::Terminated;
    }
    // A status the file gives that its dates (or the roster's) outrun.
    let note = stated
        .filter(|said| *said < status)
        .map(|said| {
            format!(
                " (the file says {}; the letter's dates and signatures make it {})",
                said.label(),
                status.label()
            )
        })
        .unwrap_or_default();
    let finish = |mut row: RecordRow| {
        row.details.push_str(&note);
        row
    };
    let action = |steps: Vec<MembershipStatus>, letter: Letter| {
        Action::Letter(LetterAction {
            district,
            year,
            steps,
            letter,
            superintendent: superintendent.clone(),
            points_of_contact: points_of_contact.clone(),
        })
    };
    let checked = check(year, previous, status, &letter);
    let (steps, tidied) = match checked {
        Ok(done) => done,
        Err(reasons) => {
            // As far as it is valid: the furthest status short of the one
            // it breaks that the letter does satisfy.
            let lower = MembershipStatus::VARIANTS
                .iter()
                .rev()
                .filter(|s| **s < status && previous.is_none_or(|p| p <= **s))
                .find_map(|s| {
                    check(year, previous, *s, &letter)
                        .ok()
                        .map(|done| (*s, done))
                });
            return finish(match lower {
                Some((fallback, (_, tidied)))
                    if existing.is_some_and(|m| {
                        m.status == fallback
                            && m.letter == tidied
                            && superintendent
                                .iter()
                                .chain(&points_of_contact)
                                .all(|p| p.id().is_some())
                    }) =>
                {
                    RecordRow::new(
                        number,
                        subject,
                        RowResult::Unchanged,
                        format!("On the roster as {} already ({reasons})", fallback.label()),
                        None,
                    )
                }
                Some((fallback, (steps, tidied))) => RecordRow::new(
                    number,
                    subject,
                    RowResult::Partly,
                    format!(
                        "{reasons}. It can be imported as {} without what {} needs",
                        fallback.label(),
                        status.label()
                    ),
                    Some(action(steps, tidied)),
                ),
                None => RecordRow::problem(number, subject, &[reasons]),
            });
        }
    };
    let new_people: Vec<&str> = superintendent
        .iter()
        .chain(&points_of_contact)
        .filter(|p| matches!(p, Person::New(..)))
        .map(Person::name)
        .collect();
    let adds = if new_people.is_empty() {
        String::new()
    } else {
        format!("; adds contact {}", new_people.join(", "))
    };
    let final_status = steps.last().copied().unwrap_or(status);
    finish(match existing {
        None => RecordRow::new(
            number,
            subject,
            RowResult::New,
            format!("Adds the letter as {}{adds}", final_status.label()),
            Some(action(steps, tidied)),
        ),
        Some(stored) => {
            let mut changes = Vec::new();
            if stored.status != final_status {
                changes.push(change_text(
                    "Status",
                    stored.status.label(),
                    final_status.label(),
                ));
            }
            changes.extend(letter_changes(
                &stored.letter,
                &tidied,
                people,
                district,
                (superintendent.as_ref(), &points_of_contact),
            ));
            if new_people.is_empty() && changes.is_empty() {
                RecordRow::new(
                    number,
                    subject,
                    RowResult::Unchanged,
                    "Already on the roster as it is".to_owned(),
                    Some(action(steps, tidied)),
                )
            } else {
                RecordRow::new(
                    number,
                    subject,
                    RowResult::Update,
                    format!("{}{adds}", changes.join(", ")),
                    Some(action(steps, tidied)),
                )
            }
        }
    })
}

/// The statuses to save in turn to reach `status`, and the letter tidied,
/// or why the letter cannot have it.
fn check(
    year: SchoolYear,
    previous: Option<MembershipStatus>,
    status: MembershipStatus,
    letter: &Letter,
) -> Result<(Vec<MembershipStatus>, Letter), String> {
    use MembershipStatus as S;
    let steps = if status == S::Terminated && previous.is_none_or(|p| p < S::Active) {
        vec![S::Active, S::Terminated]
    } else {
        vec![status]
    };
    let mut from = previous;
    let mut tidied = letter.clone();
    for step in &steps {
        tidied = validate_letter(year, from, *step, letter).map_err(|errors| {
            errors
                .iter()
                .map(|(field, message)| format!("{}: {message}", field.label()))
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        from = Some(*step);
    }
    Ok((steps, tidied))
}

/// Every field of the letter that differs, in words.
/// The fields that change, as "Field: before ➡ after"; the people the
/// letter names as the row names them (one not on file yet by name).
fn letter_changes(
    before: &Letter,
    after: &Letter,
    people: &People,
    district: DistrictId,
    (superintendent, points_of_contact): (Option<&Person>, &[Person]),
) -> Vec<String> {
    let shown = |person: &Person| {
        let name = person.name();
        name.split(" <").next().unwrap_or(name).to_owned()
    };
    let date = |d: Option<chrono::NaiveDate>| d.map(validate::display_date).unwrap_or_default();
    let name = |id: Option<crate::domain::ContactId>| {
        id.map(|id| people.name_of(district, id))
            .unwrap_or_default()
    };
    let names = |ids: &[crate::domain::ContactId]| {
        ids.iter()
            .map(|id| people.name_of(district, *id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let ideas = |l: &Letter| {
        l.big_ideas
            .iter()
            .map(|i| i.label())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let areas = |l: &Letter| {
        l.action_areas
            .iter()
            .map(|a| a.label())
            .collect::<Vec<_>>()
            .join("; ")
    };
    let notice = |l: &Letter| {
        l.terminated_by
            .map(NoticeBy::label)
            .unwrap_or_default()
            .to_owned()
    };
    let fields: [(&str, String, String); 16] = [
        ("Invited", date(before.invited_on), date(after.invited_on)),
        (
            "Received",
            date(before.received_on),
            date(after.received_on),
        ),
        (
            "Superintendent",
            name(before.superintendent),
            superintendent.map_or_else(|| name(after.superintendent), shown),
        ),
        (
            "Points of contact",
            names(&before.points_of_contact),
            points_of_contact
                .iter()
                .map(shown)
                .collect::<Vec<_>>()
                .join("; "),
        ),
        (
            "Reflections",
            before.reflections.clone(),
            after.reflections.clone(),
        ),
        ("Plans", before.plans.clone(), after.plans.clone()),
        (
            "Learning goal",
            before.learning_goal.clone(),
            after.learning_goal.clone(),
        ),
        ("Big ideas", ideas(before), ideas(after)),
        ("Action areas", areas(before), areas(after)),
        (
            "District signatory",
            before.district_signatory.clone(),
            after.district_signatory.clone(),
        ),
        (
            "District signed",
            date(before.district_signed_on),
            date(after.district_signed_on),
        ),
        (
            "KDE signatory",
            before.kde_signatory.clone(),
            after.kde_signatory.clone(),
        ),
        (
            "KDE signed",
            date(before.kde_signed_on),
            date(after.kde_signed_on),
        ),
        (
            "Terminated",
            date(before.terminated_on),
            date(after.terminated_on),
        ),
        ("Notice by", notice(before), notice(after)),
        (
            "Termination reason",
            before.termination_reason.clone(),
            after.termination_reason.clone(),
        ),
    ];
    // Long texts are named; choices are listed, before and after.
    super::field_changes(fields, |field| {
        !matches!(field, "Big ideas" | "Action areas")
    })
}

pub fn apply(store: &mut Store, action: &LetterAction) -> Result<usize, StoreError> {
    let mut letter = action.letter.clone();
    letter.superintendent = match &action.superintendent {
        Some(person) => Some(contact_id(store, action.district, person)?),
        None => None,
    };
    letter.points_of_contact = action
        .points_of_contact
        .iter()
        .map(|person| contact_id(store, action.district, person))
        .collect::<Result<_, _>>()?;
    for step in &action.steps {
        store.save_membership(action.district, action.year, *step, &letter)?;
    }
    Ok(1)
}

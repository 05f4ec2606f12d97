//! The Travel Fund ledger: one row per application, amounts as people type
//! them, the status given or implied by the dates, checked as the grant
//! form checks it. An application the ledger shows decided for a district
//! without an active letter is accepted with the reason "imported from the
//! ledger", and the review says so.

use std::collections::HashMap;

mod workflow;

use super::attendance::read_heading;
use super::cells::{DistrictFinder, RowCells, plausible_year};
use super::people::{People, Person, contact_id};
use super::{Action, Col, RecordRow, RowResult, SheetImport, change_text};
use crate::domain::district::name_key;
use crate::domain::validate::{FieldLabel as _, display_date};
use crate::domain::{
    ContactRole, DistrictId, GrantApplication, GrantDraft, GrantField, GrantFields, GrantId,
    GrantStatus, Money, Purpose, SchoolYear,
};
use crate::store::{Store, StoreError};
use workflow::{implied_status, path, read_purpose, read_status};

/// The reason recorded on a ledger's application from a non-member.
pub const FROM_THE_LEDGER: &str = "imported from the ledger";

/// More travelers than any district sends is a typing slip.
const MAX_TRAVELERS: u32 = 500;

#[derive(Clone, Debug)]
pub struct GrantAction {
    id: Option<GrantId>,
    /// The statuses saved in turn, as the workflow allows.
    steps: Vec<GrantStatus>,
    fields: GrantFields,
    applicant: Option<Person>,
}

/// What the plan keeps of a year.
struct YearData {
    grants: Vec<GrantApplication>,
    fund: Option<Money>,
    /// Awarded so far against the fund, with this file's rows.
    committed: i64,
    convenings: Vec<crate::domain::Convening>,
}

pub fn plan(
    store: &Store,
    sheet: &SheetImport,
    today: chrono::NaiveDate,
) -> Result<Vec<RecordRow>, StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let people = People::read(store)?;
    let mut years: HashMap<SchoolYear, YearData> = HashMap::new();
    let mut seen: HashMap<(DistrictId, chrono::NaiveDate, String), Vec<usize>> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let Some((district, name)) = super::district_of(&finder, &cells, &mut rows) else {
            continue;
        };
        let year = match cells.get(Col::SchoolYear) {
            Some(text) => SchoolYear::read_as_written(text)
                .map_err(|e| e.to_string())
                .and_then(plausible_year)
                .map_err(|e| format!("{}: {e}", cells.at(Col::SchoolYear))),
            None => cells
                .get(Col::TravelStarts)
                .and_then(|t| crate::domain::validate::optional_date(t).ok().flatten())
                .map(SchoolYear::containing)
                .ok_or_else(|| {
                    format!(
                        "{}: no date to tell the school year by",
                        cells.at(Col::TravelStarts)
                    )
                }),
        };
        let year = match year {
            Ok(year) => year,
            Err(problem) => {
                rows.push(RecordRow::problem(raw.number, name, &[problem]));
                continue;
            }
        };
        if let std::collections::hash_map::Entry::Vacant(slot) = years.entry(year) {
            let grants: Vec<GrantApplication> = store
                .grants_in(year, today)?
                .into_iter()
                .map(|r| r.grant)
                .collect();
            let committed = grants
                .iter()
                .filter(|g| g.status.commits_funds())
                .map(|g| g.fields.awarded.map_or(0, Money::cents))
                .sum();
            let convenings = store
                .convenings_in(year)?
                .into_iter()
                .map(|r| r.convening)
                .collect();
            slot.insert(YearData {
                grants,
                fund: store.grant_fund(year)?,
                committed,
                convenings,
            });
        }
        let standing = store.standing_of(district, year, today)?;
        let Some(data) = years.get_mut(&year) else {
            continue;
        };
        let subject = format!(
            "{name} · {}",
            cells.get(Col::Destination).unwrap_or("no destination")
        );
        rows.push(plan_row(
            &cells,
            &people,
            (district, &name),
            year,
            standing,
            data,
            subject,
            &mut seen,
        ));
    }
    Ok(rows)
}

#[allow(clippy::too_many_arguments)]
fn plan_row(
    cells: &RowCells<'_>,
    people: &People,
    (district, name): (DistrictId, &str),
    year: SchoolYear,
    standing: crate::domain::Standing,
    data: &mut YearData,
    subject: String,
    seen: &mut HashMap<(DistrictId, chrono::NaiveDate, String), Vec<usize>>,
) -> RecordRow {
    let number = cells.row.number;
    let mut problems = Vec::new();
    let money = |field: Col, problems: &mut Vec<String>| {
        cells
            .money(field, problems)
            .map(|m| m.to_string())
            .unwrap_or_default()
    };
    let requested = money(Col::Requested, &mut problems);
    let awarded = money(Col::Awarded, &mut problems);
    let paid = money(Col::Paid, &mut problems);
    let travelers = match cells.get(Col::Travelers) {
        None => 1,
        Some(text) => text
            .parse::<u32>()
            .ok()
            .filter(|n| *n <= MAX_TRAVELERS)
            .unwrap_or_else(|| {
                problems.push(format!(
                    "{}: “{text}” is not a number of travelers (1 to {MAX_TRAVELERS})",
                    cells.at(Col::Travelers)
                ));
                1
            }),
    };
    let purpose = match cells.get(Col::Purpose) {
        None => Purpose::default(),
        Some(text) => read_purpose(text).unwrap_or_else(|| {
            problems.push(format!(
                "{}: “{text}” is neither a model-site visit nor a conference",
                cells.at(Col::Purpose)
            ));
            Purpose::default()
        }),
    };
    let stated = cells.get(Col::Status).map(|text| {
        read_status(text).ok_or_else(|| {
            format!(
                "{}: “{text}” is not a status of an application",
                cells.at(Col::Status)
            )
        })
    });
    let stated = match stated {
        Some(Err(problem)) => {
            problems.push(problem);
            None
        }
        Some(Ok(status)) => Some(status),
        None => None,
    };
    let report_convening = match cells.get(Col::ReportConvening) {
        None => None,
        Some(text) => match read_heading(text, year) {
            (Some(day), title) => data
                .convenings
                .iter()
                .find(|c| {
                    c.fields.held_on == day
                        && title
                            .as_ref()
                            .is_none_or(|t| name_key(t) == name_key(&c.fields.title))
                })
                .map(|c| (c.id, c.fields.held_on))
                .or_else(|| {
                    problems.push(format!(
                        "{}: no convening “{text}” in {year}",
                        cells.at(Col::ReportConvening)
                    ));
                    None
                }),
            _ => {
                problems.push(format!(
                    "{}: name the convening with its date",
                    cells.at(Col::ReportConvening)
                ));
                None
            }
        },
    };
    if !problems.is_empty() {
        return RecordRow::problem(number, subject, &problems);
    }
    let applicant = match cells.get(Col::Applicant) {
        // An email names the contact who has it, never a new one.
        Some(email) if email.contains('@') && !email.contains(' ') => {
            match people.with_email(district, email) {
                Some(person) => Some(person),
                None => {
                    return RecordRow::problem(
                        number,
                        subject,
                        &[format!(
                            "{}: none of {name}'s contacts has the email {email}",
                            cells.at(Col::Applicant)
                        )],
                    );
                }
            }
        }
        Some(named) => Some(people.find(district, named, ContactRole::Other)),
        None => None,
    };
    let mut draft = GrantDraft {
        status: GrantStatus::Draft,
        district: Some(district),
        year,
        applicant: applicant.as_ref().and_then(Person::id),
        purpose,
        destination: cells.text(Col::Destination),
        city: cells.text(Col::City),
        state: cells.text(Col::State),
        travel_start: cells.text(Col::TravelStarts),
        travel_end: cells
            .get(Col::TravelEnds)
            .unwrap_or(cells.get(Col::TravelStarts).unwrap_or_default())
            .to_owned(),
        travelers,
        traveler_names: cells.text(Col::TravelerNames),
        requested,
        awarded,
        paid,
        received_on: cells.text(Col::GrantReceived),
        decided_on: cells.text(Col::Decided),
        paid_on: cells.text(Col::PaidOn),
        decline_reason: cells.text(Col::DeclineReason),
        report_on: cells.text(Col::ReportBack),
        report_convening: report_convening.map(|(id, _)| id),
        override_reason: cells.text(Col::OverrideReason),
        notes: cells.text(Col::Note),
    };
    let status = stated.unwrap_or_else(|| implied_status(&draft));
    // Which application of the roster this is: same district, trip start
    // and destination.
    let start = crate::domain::validate::optional_date_in(&draft.travel_start, year)
        .ok()
        .flatten();
    // The roster may hold two applications for one trip: the file's n-th
    // row for a trip is its n-th application, so a file read again still
    // meets each once.
    let earlier: Vec<usize> = match start {
        Some(start) => {
            let rows = seen
                .entry((district, start, name_key(&draft.destination)))
                .or_default();
            let earlier = rows.clone();
            rows.push(number);
            earlier
        }
        None => Vec::new(),
    };
    let existing = start.and_then(|start| {
        data.grants
            .iter()
            .filter(|g| {
                g.fields.district == district
                    && g.fields.travel_start == start
                    && name_key(&g.fields.destination) == name_key(&draft.destination)
            })
            .nth(earlier.len())
    });
    let previous = existing.map(|g| g.status);
    let Some(steps) = path(previous, status, !draft.received_on.trim().is_empty()) else {
        let from = previous.map_or("a new application", GrantStatus::label);
        return RecordRow::problem(
            number,
            subject,
            &[format!("Status: {from} cannot become {}", status.label())],
        );
    };
    let report_on = report_convening.map(|(_, day)| day);
    let mut overridden = false;
    let checked = loop {
        match check(&mut draft, previous, &steps, name, standing, report_on) {
            Err(errors)
                if !overridden
                    && draft.override_reason.trim().is_empty()
                    && errors.iter().any(|(f, _)| f == GrantField::OverrideReason) =>
            {
                draft.override_reason = FROM_THE_LEDGER.to_owned();
                overridden = true;
            }
            result => break result,
        }
    };
    let fields = match checked {
        Ok(fields) => fields,
        Err(errors) => {
            let reasons: Vec<String> = errors
                .iter()
                .filter(|(f, _)| *f != GrantField::Status || errors.len() == 1)
                .map(|(f, m)| format!("{}: {m}", f.label()))
                .collect();
            return RecordRow::problem(number, subject, &reasons);
        }
    };
    let mut notes = Vec::new();
    if let Some(first) = earlier.first() {
        notes.push(format!(
            "⚠ another application for the same trip is on row {first}"
        ));
    }
    if overridden {
        notes.push(format!(
            "⚠ {name} had no active letter for {year}: accepted with the reason “{FROM_THE_LEDGER}”"
        ));
    }
    if let Some(new) = &applicant
        && matches!(new, Person::New(..))
    {
        notes.push(format!("adds contact {}", new.name()));
    }
    let final_status = steps.last().copied().unwrap_or(status);
    let awarded_now = if final_status.commits_funds() {
        fields.awarded.map_or(0, Money::cents)
    } else {
        0
    };
    let awarded_before = existing
        .filter(|g| g.status.commits_funds())
        .map_or(0, |g| g.fields.awarded.map_or(0, Money::cents));
    data.committed += awarded_now - awarded_before;
    if let Some(fund) = data.fund
        && awarded_now > awarded_before
        && data.committed > fund.cents()
    {
        let over = Money::from_cents(data.committed - fund.cents())
            .map(|m| m.to_string())
            .unwrap_or_default();
        notes.push(format!(
            "⚠ awards so far take the {year} fund of {fund} over by {over}"
        ));
    }
    let action = Action::Grant(GrantAction {
        id: existing.map(|g| g.id),
        steps: if existing.is_some_and(|g| g.status == final_status) {
            vec![final_status]
        } else {
            steps
        },
        fields: fields.clone(),
        applicant: applicant.clone(),
    });
    let tail = if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join("; "))
    };
    match existing {
        None => RecordRow::new(
            number,
            subject,
            RowResult::New,
            format!(
                "Adds the application as {}: {} requested, {}{tail}",
                final_status.label(),
                fields.requested,
                display_date(fields.travel_start)
            ),
            Some(action),
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
            let mut wanted = fields.clone();
            if applicant.is_none() {
                wanted.applicant = stored.fields.applicant;
            }
            changes.extend(grant_changes(&stored.fields, &wanted));
            let new_person = applicant
                .as_ref()
                .is_some_and(|p| matches!(p, Person::New(..)));
            if changes.is_empty() && !new_person {
                RecordRow::new(
                    number,
                    subject,
                    RowResult::Unchanged,
                    "Already on the roster as it is".to_owned(),
                    Some(action),
                )
            } else {
                RecordRow::new(
                    number,
                    subject,
                    RowResult::Update,
                    format!("{}{tail}", changes.join(", ")),
                    Some(action),
                )
            }
        }
    }
}

/// Checks the application at each status on its way; returns its fields
/// as they are saved.
fn check(
    draft: &mut GrantDraft,
    previous: Option<GrantStatus>,
    steps: &[GrantStatus],
    name: &str,
    standing: crate::domain::Standing,
    report_on: Option<chrono::NaiveDate>,
) -> Result<GrantFields, crate::domain::FieldErrors<GrantField>> {
    let mut from = previous;
    let mut fields = None;
    for step in steps {
        draft.status = *step;
        fields = Some(draft.validate(from, name, standing, report_on)?);
        from = Some(*step);
    }
    fields.ok_or_default()
}

trait OkOrDefault<T> {
    fn ok_or_default(self) -> Result<T, crate::domain::FieldErrors<GrantField>>;
}

impl<T> OkOrDefault<T> for Option<T> {
    fn ok_or_default(self) -> Result<T, crate::domain::FieldErrors<GrantField>> {
        self.ok_or_else(|| {
            let mut errors = crate::domain::FieldErrors::default();
            errors.add(GrantField::Status, "No status to save");
            errors
        })
    }
}

fn grant_changes(before: &GrantFields, after: &GrantFields) -> Vec<String> {
    let money = |m: Option<Money>| m.map(|m| m.to_string()).unwrap_or_default();
    let date = |d: Option<chrono::NaiveDate>| d.map(display_date).unwrap_or_default();
    let fields: [(&str, String, String); 17] = [
        (
            "Purpose",
            before.purpose.label().to_owned(),
            after.purpose.label().to_owned(),
        ),
        (
            "Destination",
            before.destination.clone(),
            after.destination.clone(),
        ),
        ("City", before.city.clone(), after.city.clone()),
        ("State", before.state.clone(), after.state.clone()),
        (
            "Travel ends",
            display_date(before.travel_end),
            display_date(after.travel_end),
        ),
        (
            "Travelers",
            before.travelers.to_string(),
            after.travelers.to_string(),
        ),
        (
            "Traveler names",
            before.traveler_names.clone(),
            after.traveler_names.clone(),
        ),
        (
            "Requested",
            before.requested.to_string(),
            after.requested.to_string(),
        ),
        ("Awarded", money(before.awarded), money(after.awarded)),
        ("Paid", money(before.paid), money(after.paid)),
        (
            "Received",
            date(before.received_on),
            date(after.received_on),
        ),
        ("Decided", date(before.decided_on), date(after.decided_on)),
        ("Paid on", date(before.paid_on), date(after.paid_on)),
        ("Report back", date(before.report_on), date(after.report_on)),
        (
            "Reason declined",
            before.decline_reason.clone(),
            after.decline_reason.clone(),
        ),
        (
            "Override reason",
            before.override_reason.clone(),
            after.override_reason.clone(),
        ),
        ("Notes", before.notes.clone(), after.notes.clone()),
    ];
    // Every value is shown, however long.
    let mut changes = super::field_changes(fields, |_| false);
    if before.applicant != after.applicant {
        changes.push("Applicant changed".to_owned());
    }
    if before.report_convening != after.report_convening {
        changes.push("Reported at changed".to_owned());
    }
    changes
}

pub fn apply(
    store: &mut Store,
    action: &GrantAction,
    today: chrono::NaiveDate,
) -> Result<usize, StoreError> {
    let mut fields = action.fields.clone();
    if let Some(person) = &action.applicant {
        fields.applicant = Some(contact_id(store, fields.district, person)?);
    }
    let mut id = action.id;
    for step in &action.steps {
        id = Some(store.save_grant(id, *step, &fields, today)?);
    }
    Ok(1)
}

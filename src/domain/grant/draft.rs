//! An application form as typed: every field text until it is checked, and
//! the checks that decide what each status needs and that its dates keep
//! their order.

use chrono::NaiveDate;

use super::{GrantFields, GrantStatus, Purpose, eligibility};
use crate::domain::contact::ContactId;
use crate::domain::convening::ConveningId;
use crate::domain::district::DistrictId;
use crate::domain::limits;
use crate::domain::membership::Standing;
use crate::domain::money::Money;
use crate::domain::school_year::SchoolYear;
use crate::domain::validate::{self, FieldErrors, FieldLabel as _};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrantField {
    Status,
    District,
    Destination,
    State,
    TravelStart,
    TravelEnd,
    Travelers,
    Requested,
    Awarded,
    Paid,
    ReceivedOn,
    DecidedOn,
    PaidOn,
    DeclineReason,
    ReportOn,
    ReportConvening,
    OverrideReason,
    City,
    TravelerNames,
    Notes,
}

impl validate::FieldLabel for GrantField {
    fn label(self) -> &'static str {
        match self {
            Self::Status => "Status",
            Self::District => "District",
            Self::Destination => "Destination",
            Self::State => "State",
            Self::TravelStart => "Travel starts",
            Self::TravelEnd => "Travel ends",
            Self::Travelers => "Travelers",
            Self::Requested => "Requested",
            Self::Awarded => "Awarded",
            Self::Paid => "Paid",
            Self::ReceivedOn => "Received on",
            Self::DecidedOn => "Decided on",
            Self::PaidOn => "Paid on",
            Self::DeclineReason => "Reason declined",
            Self::ReportOn => "Shared on",
            Self::ReportConvening => "At convening",
            Self::OverrideReason => "Reason to accept anyway",
            Self::City => "City",
            Self::TravelerNames => "Travelers' names",
            Self::Notes => "Notes",
        }
    }
}

/// An application's dates of life come in order: each of `dates` that is
/// set may not be before any set one listed before it.
fn check_order<const N: usize>(
    errors: &mut FieldErrors<GrantField>,
    dates: [(GrantField, Option<NaiveDate>); N],
) {
    for (i, (field, date)) in dates.iter().enumerate() {
        let Some(date) = date else { continue };
        if let Some((earlier_field, earlier)) = dates[..i]
            .iter()
            .rev()
            .find_map(|(f, d)| d.map(|d| (*f, d)))
            .filter(|(_, earlier)| date < earlier)
        {
            let event = match earlier_field {
                GrantField::ReceivedOn => "it was received",
                GrantField::DecidedOn => "the decision",
                other => other.label(),
            };
            errors.add(
                *field,
                format!(
                    "Cannot be before {event} ({})",
                    validate::display_date(earlier)
                ),
            );
        }
    }
}

/// The two-letter codes of the states, DC and Puerto Rico.
const STATE_CODES: [&str; 52] = [
    "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA",
    "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM",
    "NY", "NC", "ND", "OH", "OK", "OR", "PA", "PR", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA",
    "WA", "WV", "WI", "WY",
];

/// An application form as typed.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GrantDraft {
    pub status: GrantStatus,
    pub district: Option<DistrictId>,
    pub year: SchoolYear,
    pub applicant: Option<ContactId>,
    pub purpose: Purpose,
    pub destination: String,
    pub city: String,
    pub state: String,
    pub travel_start: String,
    pub travel_end: String,
    pub travelers: u32,
    pub traveler_names: String,
    pub requested: String,
    pub awarded: String,
    pub paid: String,
    pub received_on: String,
    pub decided_on: String,
    pub paid_on: String,
    pub decline_reason: String,
    pub report_on: String,
    pub report_convening: Option<ConveningId>,
    pub override_reason: String,
    pub notes: String,
}

impl GrantDraft {
    pub fn new(year: SchoolYear) -> Self {
        Self {
            status: GrantStatus::Draft,
            district: None,
            year,
            applicant: None,
            purpose: Purpose::default(),
            destination: String::new(),
            city: String::new(),
            state: String::new(),
            travel_start: String::new(),
            travel_end: String::new(),
            travelers: 1,
            traveler_names: String::new(),
            requested: String::new(),
            awarded: String::new(),
            paid: String::new(),
            received_on: String::new(),
            decided_on: String::new(),
            paid_on: String::new(),
            decline_reason: String::new(),
            report_on: String::new(),
            report_convening: None,
            override_reason: String::new(),
            notes: String::new(),
        }
    }

    pub fn from_saved(status: GrantStatus, fields: &GrantFields) -> Self {
        let money = |m: Option<Money>| m.map(|m| m.to_string()).unwrap_or_default();
        Self {
            status,
            district: Some(fields.district),
            year: fields.year,
            applicant: fields.applicant,
            purpose: fields.purpose,
            destination: fields.destination.clone(),
            city: fields.city.clone(),
            state: fields.state.clone(),
            travel_start: validate::edit_date(Some(fields.travel_start)),
            travel_end: validate::edit_date(Some(fields.travel_end)),
            travelers: fields.travelers,
            traveler_names: fields.traveler_names.clone(),
            requested: fields.requested.to_string(),
            awarded: money(fields.awarded),
            paid: money(fields.paid),
            received_on: validate::edit_date(fields.received_on),
            decided_on: validate::edit_date(fields.decided_on),
            paid_on: validate::edit_date(fields.paid_on),
            decline_reason: fields.decline_reason.clone(),
            report_on: validate::edit_date(fields.report_on),
            report_convening: fields.report_convening,
            override_reason: fields.override_reason.clone(),
            notes: fields.notes.clone(),
        }
    }

    /// Checks the form for its status, coming from `from` (`None` when new),
    /// for a district standing `standing` in the application's year;
    /// `report_convening_on` is when the convening the trip was shared at
    /// took place.
    pub fn validate(
        &self,
        from: Option<GrantStatus>,
        district_name: &str,
        standing: Standing,
        report_convening_on: Option<NaiveDate>,
    ) -> Result<GrantFields, FieldErrors<GrantField>> {
        let mut errors = FieldErrors::default();
        self.check_transition(from, &mut errors);
        self.check_eligibility(district_name, standing, &mut errors);
        let trip = self.check_trip(&mut errors);
        let (awarded, paid) = self.check_amounts(trip.requested, &mut errors);
        self.check_lengths(&mut errors);
        let dates = Dates {
            received_on: date(
                &mut errors,
                GrantField::ReceivedOn,
                &self.received_on,
                self.year,
            ),
            decided_on: date(
                &mut errors,
                GrantField::DecidedOn,
                &self.decided_on,
                self.year,
            ),
            paid_on: date(&mut errors, GrantField::PaidOn, &self.paid_on, self.year),
            report_on: date(
                &mut errors,
                GrantField::ReportOn,
                &self.report_on,
                self.year,
            ),
        };
        self.check_status_needs(from, &dates, awarded, paid, &mut errors);
        self.check_report_back(trip.end, dates.report_on, report_convening_on, &mut errors);
        if !errors.is_empty() {
            self.name_what_blocks_the_status(from, &mut errors);
            return Err(errors);
        }
        let (Some(district), Some(destination), Some(start), Some(end), Some(requested)) = (
            self.district,
            trip.destination,
            trip.start,
            trip.end,
            trip.requested,
        ) else {
            return Err(errors);
        };
        Ok(GrantFields {
            district,
            year: self.year,
            applicant: self.applicant,
            purpose: self.purpose,
            destination,
            city: self.city.trim().to_owned(),
            state: trip.state,
            travel_start: start,
            travel_end: end,
            travelers: self.travelers,
            traveler_names: self.traveler_names.trim_end().to_owned(),
            requested,
            awarded,
            paid,
            received_on: dates.received_on,
            decided_on: dates.decided_on,
            paid_on: dates.paid_on,
            decline_reason: self.decline_reason.trim().to_owned(),
            report_on: dates.report_on,
            report_convening: self.report_convening,
            override_reason: self.override_reason.trim().to_owned(),
            notes: self.notes.trim_end().to_owned(),
        })
    }

    /// The status moves only as the workflow allows.
    fn check_transition(&self, from: Option<GrantStatus>, errors: &mut FieldErrors<GrantField>) {
        use GrantStatus as S;
        let to = self.status;
        match from {
            None if !matches!(to, S::Draft | S::Submitted) => {
                errors.add(
                    GrantField::Status,
                    "A new application starts as a draft or as submitted",
                );
            }
            Some(from) if !from.can_become(to) => {
                let allowed: Vec<&str> = from.next().iter().map(|s| s.label()).collect();
                let hint = if allowed.is_empty() {
                    "nothing: it is final".to_owned()
                } else {
                    allowed.join(" or ")
                };
                errors.add(
                    GrantField::Status,
                    format!(
                        "{} cannot become {}; it can become {hint}",
                        from.label(),
                        to.label()
                    ),
                );
            }
            _ => {}
        }
    }

    /// Only members may apply: submitting needs an active letter, or a
    /// written reason to accept it anyway.
    fn check_eligibility(
        &self,
        district_name: &str,
        standing: Standing,
        errors: &mut FieldErrors<GrantField>,
    ) {
        if self.district.is_none() {
            errors.add(GrantField::District, "Choose the district applying");
        }
        if self.status != GrantStatus::Draft
            && self.district.is_some()
            && self.override_reason.trim().is_empty()
            && let Err(reason) = eligibility(district_name, self.year, standing)
        {
            errors.add(GrantField::District, reason);
            errors.add(GrantField::OverrideReason, "To accept it anyway, say why");
        }
    }

    /// Where, when (within the school year), who, and what was asked for.
    fn check_trip(&self, errors: &mut FieldErrors<GrantField>) -> Trip {
        use GrantField as F;
        let destination = errors.check(
            F::Destination,
            validate::required(&self.destination, "Destination"),
        );
        let state = self.state.trim().to_ascii_uppercase();
        if !state.is_empty() && !STATE_CODES.contains(&state.as_str()) {
            errors.add(F::State, "Use the two-letter code, e.g. TN");
        }
        let start = date(errors, F::TravelStart, &self.travel_start, self.year);
        let end = date(errors, F::TravelEnd, &self.travel_end, self.year);
        if self.travel_start.trim().is_empty() {
            errors.add(F::TravelStart, "When does the trip start?");
        }
        if self.travel_end.trim().is_empty() {
            errors.add(F::TravelEnd, "When does the trip end?");
        }
        if let (Some(start), Some(end)) = (start, end)
            && end < start
        {
            errors.add(F::TravelEnd, "Cannot be before the start");
        }
        if let Some(start) = start
            && !self.year.contains(start)
        {
            errors.add(
                F::TravelStart,
                format!("The trip must start in {}", self.year),
            );
        }
        if self.travelers == 0 {
            errors.add(F::Travelers, "At least one traveler");
        }
        let requested = errors.check(F::Requested, Money::parse(&self.requested));
        if requested == Some(Money::ZERO) {
            errors.add(F::Requested, "Request more than $0.00");
        }
        Trip {
            destination,
            state,
            start,
            end,
            requested,
        }
    }

    /// The amounts awarded and paid, when given; no more awarded than asked.
    fn check_amounts(
        &self,
        requested: Option<Money>,
        errors: &mut FieldErrors<GrantField>,
    ) -> (Option<Money>, Option<Money>) {
        let optional_money = |errors: &mut FieldErrors<GrantField>, field, text: &str| {
            if text.trim().is_empty() {
                None
            } else {
                errors.check(field, Money::parse(text))
            }
        };
        let awarded = optional_money(errors, GrantField::Awarded, &self.awarded);
        let paid = optional_money(errors, GrantField::Paid, &self.paid);
        if let (Some(awarded), Some(requested)) = (awarded, requested)
            && awarded > requested
        {
            errors.add(
                GrantField::Awarded,
                format!("Cannot be more than the {requested} requested"),
            );
        }
        (awarded, paid)
    }

    fn check_lengths(&self, errors: &mut FieldErrors<GrantField>) {
        use GrantField as F;
        errors.limit(F::Destination, self.destination.trim(), limits::NAME);
        errors.limit(F::City, self.city.trim(), limits::PLACE);
        errors.limit(F::TravelerNames, self.traveler_names.trim(), limits::LIST);
        errors.limit(F::DeclineReason, self.decline_reason.trim(), limits::NOTES);
        errors.limit(
            F::OverrideReason,
            self.override_reason.trim(),
            limits::NOTES,
        );
        errors.limit(F::Notes, self.notes.trim(), limits::NOTES);
    }

    /// What each status needs, so none is reached without it. A withdrawn
    /// application keeps what it needed before.
    fn check_status_needs(
        &self,
        from: Option<GrantStatus>,
        dates: &Dates,
        awarded: Option<Money>,
        paid: Option<Money>,
        errors: &mut FieldErrors<GrantField>,
    ) {
        use GrantField as F;
        use GrantStatus as S;
        let to = self.status;
        let submitted = match to {
            S::Draft => false,
            S::Withdrawn => from.is_some_and(|f| f != S::Draft),
            _ => true,
        };
        if submitted && dates.received_on.is_none() {
            errors.add(F::ReceivedOn, "Needed once submitted: the date it came in");
        }
        if matches!(to, S::Awarded | S::Declined | S::Paid | S::Closed)
            && dates.decided_on.is_none()
        {
            errors.add(F::DecidedOn, "Needed once decided");
        }
        if matches!(to, S::Awarded | S::Paid | S::Closed) && awarded.is_none() {
            errors.add(F::Awarded, "Needed to award: the amount");
        }
        if to == S::Declined && self.decline_reason.trim().is_empty() {
            errors.add(F::DeclineReason, "Say why it was declined");
        }
        if matches!(to, S::Paid | S::Closed) {
            if dates.paid_on.is_none() {
                errors.add(F::PaidOn, "Needed once paid");
            }
            if paid.is_none() {
                errors.add(F::Paid, "Needed once paid: the amount");
            }
        }
        if to == S::Closed && dates.report_on.is_none() {
            errors.add(F::ReportOn, "Closing needs the report back");
        }
        check_order(
            errors,
            [
                (F::ReceivedOn, dates.received_on),
                (F::DecidedOn, dates.decided_on),
                (F::PaidOn, dates.paid_on),
            ],
        );
    }

    /// The report back tells the network about a trip that took place.
    fn check_report_back(
        &self,
        trip_end: Option<NaiveDate>,
        report_on: Option<NaiveDate>,
        report_convening_on: Option<NaiveDate>,
        errors: &mut FieldErrors<GrantField>,
    ) {
        let Some(end) = trip_end else {
            return;
        };
        let after_trip = |date: Option<NaiveDate>| date.is_some_and(|d| d < end);
        let when = validate::display_date(end);
        if after_trip(report_on) {
            errors.add(
                GrantField::ReportOn,
                format!("Cannot be before the trip ended ({when})"),
            );
        }
        if self.report_convening.is_some() && after_trip(report_convening_on) {
            errors.add(
                GrantField::ReportConvening,
                format!("That convening was held before the trip ended ({when})"),
            );
        }
    }

    /// Under the status, which fields keep the application from it.
    fn name_what_blocks_the_status(
        &self,
        from: Option<GrantStatus>,
        errors: &mut FieldErrors<GrantField>,
    ) {
        if errors.get(GrantField::Status).is_none() && from != Some(self.status) {
            let fields: Vec<&str> = errors.iter().map(|(field, _)| field.label()).collect();
            errors.add(
                GrantField::Status,
                format!(
                    "To mark it {}, fix: {}",
                    self.status.label(),
                    fields.join(", ")
                ),
            );
        }
    }
}

/// The trip as checked: each part `None` when it is missing or wrong.
struct Trip {
    destination: Option<String>,
    state: String,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    requested: Option<Money>,
}

/// The workflow's dates as checked.
struct Dates {
    received_on: Option<NaiveDate>,
    decided_on: Option<NaiveDate>,
    paid_on: Option<NaiveDate>,
    report_on: Option<NaiveDate>,
}

/// An optional date field of an application of `year`: `None` when empty
/// or wrong (then said).
fn date(
    errors: &mut FieldErrors<GrantField>,
    field: GrantField,
    text: &str,
    year: SchoolYear,
) -> Option<NaiveDate> {
    errors
        .check(field, validate::optional_date_in(text, year))
        .flatten()
}

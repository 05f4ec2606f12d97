//! Travel Fund Grant applications: their lifecycle, who may apply, and the
//! year's fund.
//!
//! `Draft` → `Submitted` → `Under review` → `Awarded` (amount ≤ request) or
//! `Declined` (with a reason); `Withdrawn` from any open state; `Awarded` →
//! `Paid` (date and amount) → `Closed` (the report back is in).

use chrono::NaiveDate;

use super::contact::ContactId;
use super::convening::ConveningId;
use super::district::DistrictId;
use super::membership::Standing;
use super::money::Money;
use super::school_year::SchoolYear;
use super::validate::{self, FieldErrors};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GrantId(pub i64);

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum GrantStatus {
    #[default]
    Draft,
    Submitted,
    UnderReview,
    Awarded,
    Declined,
    Withdrawn,
    Paid,
    Closed,
}

impl GrantStatus {
    pub const ALL: [Self; 8] = [
        Self::Draft,
        Self::Submitted,
        Self::UnderReview,
        Self::Awarded,
        Self::Declined,
        Self::Withdrawn,
        Self::Paid,
        Self::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::UnderReview => "under_review",
            Self::Awarded => "awarded",
            Self::Declined => "declined",
            Self::Withdrawn => "withdrawn",
            Self::Paid => "paid",
            Self::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Submitted => "Submitted",
            Self::UnderReview => "Under review",
            Self::Awarded => "Awarded",
            Self::Declined => "Declined",
            Self::Withdrawn => "Withdrawn",
            Self::Paid => "Paid",
            Self::Closed => "Closed",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Self::Draft => "📝",
            Self::Submitted => "📥",
            Self::UnderReview => "⏳",
            Self::Awarded => "✔",
            Self::Declined => "✖",
            Self::Withdrawn => "➖",
            Self::Paid => "💵",
            Self::Closed => "🏁",
        }
    }

    /// Still in play: not decided against, withdrawn, paid or closed.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Draft | Self::Submitted | Self::UnderReview | Self::Awarded
        )
    }

    /// Money committed from the fund.
    pub fn commits_funds(self) -> bool {
        matches!(self, Self::Awarded | Self::Paid | Self::Closed)
    }

    /// Where an application in this status may go next.
    pub fn next(self) -> &'static [Self] {
        use GrantStatus as S;
        match self {
            S::Draft => &[S::Submitted, S::Withdrawn],
            S::Submitted => &[S::UnderReview, S::Withdrawn],
            S::UnderReview => &[S::Awarded, S::Declined, S::Withdrawn],
            S::Awarded => &[S::Paid, S::Withdrawn],
            S::Paid => &[S::Closed],
            S::Declined | S::Withdrawn | S::Closed => &[],
        }
    }

    pub fn can_become(self, to: Self) -> bool {
        to == self || self.next().contains(&to)
    }
}

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub enum Purpose {
    #[default]
    ModelSiteVisit,
    Conference,
}

impl Purpose {
    pub const ALL: [Self; 2] = [Self::ModelSiteVisit, Self::Conference];

    pub fn code(self) -> &'static str {
        match self {
            Self::ModelSiteVisit => "model_site_visit",
            Self::Conference => "conference",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::ModelSiteVisit => "Model site visit",
            Self::Conference => "Professional-learning conference",
        }
    }
}

/// Every field of an application, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantFields {
    pub district: DistrictId,
    pub year: SchoolYear,
    pub applicant: Option<ContactId>,
    pub purpose: Purpose,
    pub destination: String,
    pub city: String,
    pub state: String,
    pub travel_start: NaiveDate,
    pub travel_end: NaiveDate,
    pub travelers: u32,
    pub traveler_names: String,
    pub requested: Money,
    pub awarded: Option<Money>,
    pub paid: Option<Money>,
    pub received_on: Option<NaiveDate>,
    pub decided_on: Option<NaiveDate>,
    pub paid_on: Option<NaiveDate>,
    pub decline_reason: String,
    /// The post-trip sharing with the network.
    pub report_on: Option<NaiveDate>,
    pub report_convening: Option<ConveningId>,
    /// Why an application from a district without an active letter was
    /// accepted anyway. Kept on the record.
    pub override_reason: String,
    pub notes: String,
}

impl GrantFields {
    /// An application with what every one needs (who, which year, where,
    /// when, how much) and the rest empty: one traveler, a model-site visit.
    pub fn new(
        district: DistrictId,
        year: SchoolYear,
        destination: &str,
        travel: (NaiveDate, NaiveDate),
        requested: Money,
    ) -> Self {
        Self {
            district,
            year,
            applicant: None,
            purpose: Purpose::ModelSiteVisit,
            destination: destination.to_owned(),
            city: String::new(),
            state: String::new(),
            travel_start: travel.0,
            travel_end: travel.1,
            travelers: 1,
            traveler_names: String::new(),
            requested,
            awarded: None,
            paid: None,
            received_on: None,
            decided_on: None,
            paid_on: None,
            decline_reason: String::new(),
            report_on: None,
            report_convening: None,
            override_reason: String::new(),
            notes: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GrantApplication {
    pub id: GrantId,
    pub status: GrantStatus,
    pub fields: GrantFields,
}

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
}

impl GrantField {
    /// The field's label on the form.
    pub fn label(self) -> &'static str {
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

/// Whether a district may apply in a year: only with an active letter.
pub fn eligibility(
    district_name: &str,
    year: SchoolYear,
    standing: Standing,
) -> Result<(), String> {
    match standing {
        Standing::Active => Ok(()),
        Standing::Terminated => Err(format!(
            "{district_name}'s membership for {year} was terminated"
        )),
        _ => Err(format!(
            "{district_name} has no active Letter of Commitment for {year}"
        )),
    }
}

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
        use GrantField as F;
        use GrantStatus as S;
        let mut errors = FieldErrors::default();
        let to = self.status;
        match from {
            None if !matches!(to, S::Draft | S::Submitted) => {
                errors.add(
                    F::Status,
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
                    F::Status,
                    format!(
                        "{} cannot become {}; it can become {hint}",
                        from.label(),
                        to.label()
                    ),
                );
            }
            _ => {}
        }

        let district = self.district;
        if district.is_none() {
            errors.add(F::District, "Choose the district applying");
        }
        // Only members may apply: submitting needs an active letter, or a
        // written reason to accept it anyway.
        if to != S::Draft
            && district.is_some()
            && self.override_reason.trim().is_empty()
            && let Err(reason) = eligibility(district_name, self.year, standing)
        {
            errors.add(F::District, reason);
            errors.add(F::OverrideReason, "To accept it anyway, say why");
        }

        let destination = errors.check(
            F::Destination,
            validate::required(&self.destination, "Destination"),
        );
        let state = self.state.trim().to_ascii_uppercase();
        if !state.is_empty() && !STATE_CODES.contains(&state.as_str()) {
            errors.add(F::State, "Use the two-letter code, e.g. TN");
        }
        let date = |errors: &mut FieldErrors<GrantField>, field, text: &str| {
            errors.check(field, validate::optional_date(text)).flatten()
        };
        let start = date(&mut errors, F::TravelStart, &self.travel_start);
        let end = date(&mut errors, F::TravelEnd, &self.travel_end);
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
        let optional_money = |errors: &mut FieldErrors<GrantField>, field, text: &str| {
            if text.trim().is_empty() {
                None
            } else {
                errors.check(field, Money::parse(text))
            }
        };
        let awarded = optional_money(&mut errors, F::Awarded, &self.awarded);
        let paid = optional_money(&mut errors, F::Paid, &self.paid);
        if let (Some(awarded), Some(requested)) = (awarded, requested)
            && awarded > requested
        {
            errors.add(
                F::Awarded,
                format!("Cannot be more than the {requested} requested"),
            );
        }
        let received_on = date(&mut errors, F::ReceivedOn, &self.received_on);
        let decided_on = date(&mut errors, F::DecidedOn, &self.decided_on);
        let paid_on = date(&mut errors, F::PaidOn, &self.paid_on);
        let report_on = date(&mut errors, F::ReportOn, &self.report_on);

        // What each status needs, so none is reached without it. A
        // withdrawn application keeps what it needed before.
        let submitted = match to {
            S::Draft => false,
            S::Withdrawn => from.is_some_and(|f| f != S::Draft),
            _ => true,
        };
        if submitted && received_on.is_none() {
            errors.add(F::ReceivedOn, "Needed once submitted: the date it came in");
        }
        if matches!(to, S::Awarded | S::Declined | S::Paid | S::Closed) && decided_on.is_none() {
            errors.add(F::DecidedOn, "Needed once decided");
        }
        if matches!(to, S::Awarded | S::Paid | S::Closed) && awarded.is_none() {
            errors.add(F::Awarded, "Needed to award: the amount");
        }
        if to == S::Declined && self.decline_reason.trim().is_empty() {
            errors.add(F::DeclineReason, "Say why it was declined");
        }
        if matches!(to, S::Paid | S::Closed) {
            if paid_on.is_none() {
                errors.add(F::PaidOn, "Needed once paid");
            }
            if paid.is_none() {
                errors.add(F::Paid, "Needed once paid: the amount");
            }
        }
        if to == S::Closed && report_on.is_none() {
            errors.add(F::ReportOn, "Closing needs the report back");
        }
        check_order(
            &mut errors,
            [
                (F::ReceivedOn, received_on),
                (F::DecidedOn, decided_on),
                (F::PaidOn, paid_on),
            ],
        );
        // The report back tells the network about a trip that took place.
        if let Some(end) = end {
            let after_trip = |date: Option<NaiveDate>| date.is_some_and(|d| d < end);
            let when = validate::display_date(end);
            if after_trip(report_on) {
                errors.add(
                    F::ReportOn,
                    format!("Cannot be before the trip ended ({when})"),
                );
            }
            if self.report_convening.is_some() && after_trip(report_convening_on) {
                errors.add(
                    F::ReportConvening,
                    format!("That convening was held before the trip ended ({when})"),
                );
            }
        }
        if !errors.is_empty() {
            if errors.get(F::Status).is_none() && from != Some(to) {
                let fields: Vec<&str> = errors.iter().map(|(field, _)| field.label()).collect();
                errors.add(
                    F::Status,
                    format!("To mark it {}, fix: {}", to.label(), fields.join(", ")),
                );
            }
            return Err(errors);
        }
        let (Some(district), Some(destination), Some(start), Some(end), Some(requested)) =
            (district, destination, start, end, requested)
        else {
            return Err(errors);
        };
        Ok(GrantFields {
            district,
            year: self.year,
            applicant: self.applicant,
            purpose: self.purpose,
            destination,
            city: self.city.trim().to_owned(),
            state,
            travel_start: start,
            travel_end: end,
            travelers: self.travelers,
            traveler_names: self.traveler_names.trim_end().to_owned(),
            requested,
            awarded,
            paid,
            received_on,
            decided_on,
            paid_on,
            decline_reason: self.decline_reason.trim().to_owned(),
            report_on,
            report_convening: self.report_convening,
            override_reason: self.override_reason.trim().to_owned(),
            notes: self.notes.trim_end().to_owned(),
        })
    }
}

/// The year's fund against what was awarded and paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct FundSummary {
    pub fund: Option<Money>,
    pub awarded: Money,
    pub paid: Money,
}

impl FundSummary {
    /// Sums awarded and paid amounts over applications that commit funds.
    pub fn of<'a>(
        fund: Option<Money>,
        applications: impl IntoIterator<Item = (GrantStatus, &'a GrantFields)>,
    ) -> Self {
        let mut summary = Self {
            fund,
            ..Self::default()
        };
        for (status, fields) in applications {
            if status.commits_funds() {
                summary.awarded = Money::from_cents(
                    summary.awarded.cents() + fields.awarded.unwrap_or_default().cents(),
                )
                .unwrap_or(summary.awarded);
                summary.paid = Money::from_cents(
                    summary.paid.cents() + fields.paid.unwrap_or_default().cents(),
                )
                .unwrap_or(summary.paid);
            }
        }
        summary
    }

    /// Fund minus awarded, in cents: negative when over-committed.
    pub fn remaining_cents(&self) -> Option<i64> {
        self.fund.map(|fund| fund.signed_difference(self.awarded))
    }

    /// How far an award would take the year past its fund, if it would.
    /// `previously` is what this application already had awarded.
    pub fn overrun_with(&self, award: Money, previously: Money) -> Option<i64> {
        let fund = self.fund?;
        let after = self.awarded.cents() - previously.cents() + award.cents();
        (after > fund.cents()).then(|| after - fund.cents())
    }
}

/// Why an application needs the consultant's attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Attention {
    /// Submitted or under review, undecided for more than the set days.
    Undecided,
    /// Awarded, the trip is over, and it is not paid.
    Unpaid,
    /// Paid, and no report back 60 days after the trip.
    ReportOverdue,
}

impl Attention {
    pub fn label(self) -> &'static str {
        match self {
            Self::Undecided => "Waiting for a decision",
            Self::Unpaid => "Trip over, not paid",
            Self::ReportOverdue => "Report back overdue",
        }
    }
}

/// Days after the trip by which the report back is due.
pub const REPORT_DUE_DAYS: i64 = 60;

pub fn attention(
    status: GrantStatus,
    fields: &GrantFields,
    today: NaiveDate,
    decision_days: i64,
) -> Option<Attention> {
    match status {
        GrantStatus::Submitted | GrantStatus::UnderReview => {
            let since = fields.received_on.map(|r| (today - r).num_days())?;
            (since > decision_days).then_some(Attention::Undecided)
        }
        GrantStatus::Awarded => (today > fields.travel_end).then_some(Attention::Unpaid),
        GrantStatus::Paid if fields.report_on.is_none() => ((today - fields.travel_end).num_days()
            > REPORT_DUE_DAYS)
            .then_some(Attention::ReportOverdue),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

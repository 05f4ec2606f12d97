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
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
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
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Purpose {
    #[default]
    ModelSiteVisit,
    Conference,
}

impl Purpose {
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
                summary.awarded = summary
                    .awarded
                    .saturating_add(fields.awarded.unwrap_or_default());
                summary.paid = summary.paid.saturating_add(fields.paid.unwrap_or_default());
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

mod draft;
pub use draft::{GrantDraft, GrantField};

#[cfg(test)]
mod tests;

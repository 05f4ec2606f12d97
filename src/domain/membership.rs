//! A district's membership for one school year: its Letter of Commitment and
//! the status rules the letter moves through.
//!
//! `Invited` → `Received` → `Active` → `Terminated`, never backwards, and a
//! status may be skipped only when the fields it needs are there. `Lapsed` is
//! not stored: it is what a district active last year is when it has no
//! letter this year.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::contact::ContactId;
use super::district::DistrictId;
use super::school_year::SchoolYear;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MembershipId(pub i64);

/// The stored status of a letter, in the order a letter moves through them.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum MembershipStatus {
    Invited,
    Received,
    Active,
    Terminated,
}

impl MembershipStatus {
    pub fn label(self) -> &'static str {
        Standing::from(self).label()
    }
}

/// Where a district stands in the network in one school year.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Standing {
    Active,
    Received,
    Invited,
    Lapsed,
    Terminated,
    NotMember,
}

impl Standing {
    /// In the order the counts above the table list them.
    pub const ALL: [Self; 6] = [
        Self::Active,
        Self::Received,
        Self::Invited,
        Self::Lapsed,
        Self::Terminated,
        Self::NotMember,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Received => "Received",
            Self::Invited => "Invited",
            Self::Lapsed => "Lapsed",
            Self::Terminated => "Terminated",
            Self::NotMember => "Not a member",
        }
    }

    /// A symbol that tells the standings apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Active => "✔",
            Self::Received => "✉",
            Self::Invited => "⏳",
            Self::Lapsed => "⚠",
            Self::Terminated => "✖",
            Self::NotMember => "—",
        }
    }

    /// A member that year: its letter is in (received or active).
    pub fn is_member(self) -> bool {
        matches!(self, Self::Active | Self::Received)
    }
}

impl MembershipStatus {
    /// The status in effect on `day`: a termination takes effect on its
    /// date; until then the membership is still active ("terminating on").
    pub fn in_effect(self, terminated_on: Option<NaiveDate>, day: NaiveDate) -> Self {
        match (self, terminated_on) {
            (Self::Terminated, Some(date)) if date > day => Self::Active,
            _ => self,
        }
    }
}

impl From<MembershipStatus> for Standing {
    fn from(status: MembershipStatus) -> Self {
        match status {
            MembershipStatus::Invited => Self::Invited,
            MembershipStatus::Received => Self::Received,
            MembershipStatus::Active => Self::Active,
            MembershipStatus::Terminated => Self::Terminated,
        }
    }
}

/// A district's standing in a year from its letter that year and its status
/// the year before. Active last year with no letter this year is `Lapsed`.
pub fn standing(
    this_year: Option<MembershipStatus>,
    last_year: Option<MembershipStatus>,
) -> Standing {
    match (this_year, last_year) {
        (Some(status), _) => status.into(),
        (None, Some(MembershipStatus::Active)) => Standing::Lapsed,
        (None, _) => Standing::NotMember,
    }
}

/// The three big ideas of the United We Learn vision a letter ties to.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
)]
pub enum BigIdea {
    VibrantLearning,
    AssessmentInnovation,
    CommunityCollaboration,
}

impl BigIdea {
    pub fn label(self) -> &'static str {
        match self {
            Self::VibrantLearning => "Vibrant learning experiences for every student",
            Self::AssessmentInnovation => "Innovation, especially in assessment",
            Self::CommunityCollaboration => "Collaboration with communities",
        }
    }
}

/// The six action areas of the Kentucky Innovation Guide.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
)]
pub enum ActionArea {
    PortraitOfALearner,
    LocalAssessment,
    FundingPersonalization,
    GraduationFlexibility,
    CredentialingLearning,
    TeacherCertification,
}

impl ActionArea {
    pub fn label(self) -> &'static str {
        match self {
            Self::PortraitOfALearner => "Portrait of a learner",
            Self::LocalAssessment => "Local assessment and accountability",
            Self::FundingPersonalization => "Funding for personalization",
            Self::GraduationFlexibility => "Graduation-requirement flexibility",
            Self::CredentialingLearning => "Organizing and credentialing learning",
            Self::TeacherCertification => "Teacher certification and professional development",
        }
    }
}

/// Which party gave written notice to end a membership.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum NoticeBy {
    District,
    Kde,
}

impl NoticeBy {
    pub fn label(self) -> &'static str {
        match self {
            Self::District => "The district",
            Self::Kde => "KDE",
        }
    }
}

/// Everything on a Letter of Commitment, plus the dates of its life.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Letter {
    pub invited_on: Option<NaiveDate>,
    pub received_on: Option<NaiveDate>,
    pub superintendent: Option<ContactId>,
    pub points_of_contact: Vec<ContactId>,
    pub reflections: String,
    pub plans: String,
    pub learning_goal: String,
    pub big_ideas: BTreeSet<BigIdea>,
    pub action_areas: BTreeSet<ActionArea>,
    pub district_signatory: String,
    pub district_signed_on: Option<NaiveDate>,
    pub kde_signatory: String,
    pub kde_signed_on: Option<NaiveDate>,
    pub terminated_on: Option<NaiveDate>,
    pub terminated_by: Option<NoticeBy>,
    pub termination_reason: String,
}

impl Letter {
    /// The status its dates and signatures show on their own: Active once
    /// both parties signed it, Received once it came in, else Invited.
    pub fn status_shown(&self) -> MembershipStatus {
        if self.district_signed_on.is_some() && self.kde_signed_on.is_some() {
            MembershipStatus::Active
        } else if self.received_on.is_some() {
            MembershipStatus::Received
        } else {
            MembershipStatus::Invited
        }
    }

    /// The day the letter itself gives for reaching `status`: sent, come
    /// back, signed by the later of the two parties, ended.
    pub fn dated(&self, status: MembershipStatus) -> Option<NaiveDate> {
        match status {
            MembershipStatus::Invited => self.invited_on,
            MembershipStatus::Received => self.received_on,
            MembershipStatus::Active => self.district_signed_on.max(self.kde_signed_on),
            MembershipStatus::Terminated => self.terminated_on,
        }
    }

    /// Both parties have signed and dated it.
    pub fn is_countersigned(&self) -> bool {
        !self.district_signatory.trim().is_empty()
            && self.district_signed_on.is_some()
            && !self.kde_signatory.trim().is_empty()
            && self.kde_signed_on.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub id: MembershipId,
    pub district_id: DistrictId,
    pub year: SchoolYear,
    pub status: MembershipStatus,
    pub letter: Letter,
}

mod letter;

pub use letter::{LetterDraft, LetterField, validate_letter};

#[cfg(test)]
mod tests;

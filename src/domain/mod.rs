//! The network's records and their rules: plain types and validation, with
//! no database and no user interface.

pub mod attendance_marks;
pub mod clock;
pub mod codes;
pub mod contact;
pub mod convening;
pub mod district;
pub mod document;
pub mod email;
pub mod grant;
pub mod import;
pub mod limits;
pub mod membership;
pub mod money;
pub mod network_person;
pub mod participants;
pub mod peers;
pub mod placeholders;
pub mod reach;
pub mod school_year;
pub mod settings;
pub mod validate;

pub use clock::today;
pub use codes::Coded;
pub use contact::{Contact, ContactDraft, ContactField, ContactFields, ContactId, ContactRole};
pub use convening::{
    Attendance, AttendanceRules, AttendanceStatus, CalendarEntry, Convening, ConveningDraft,
    ConveningField, ConveningFields, ConveningId, ConveningKind, ExcusedPolicy, KentuckyTime,
    MemberSpan, Rate,
};
pub use district::{
    Cooperative, District, DistrictDraft, DistrictField, DistrictFields, DistrictId, DistrictKeys,
    DistrictKind,
};
pub use document::{Document, DocumentId, DocumentOwner, NewDocument};
pub use grant::{
    Attention, FundSummary, GrantApplication, GrantDraft, GrantField, GrantFields, GrantId,
    GrantStatus, Purpose,
};
pub use membership::{
    ActionArea, BigIdea, Letter, LetterDraft, LetterField, Membership, MembershipId,
    MembershipStatus, NoticeBy, Standing,
};
pub use money::Money;
pub use network_person::{
    NetworkPerson, NetworkPersonDraft, NetworkPersonField, NetworkPersonFields, NetworkPersonId,
    NetworkRole,
};
pub use school_year::SchoolYear;
pub use validate::FieldErrors;

/// "1 row", "3 rows": a count with its noun, as every message words it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

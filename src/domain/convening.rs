//! Convenings (calls, in-person days, study tours…) and who attended them.

use std::collections::BTreeSet;

use chrono::{NaiveDate, NaiveTime};

use super::contact::ContactId;
use super::district::DistrictId;
use super::limits;
use super::membership::MembershipStatus;
use super::school_year::SchoolYear;
use super::validate::{self, FieldErrors};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct ConveningId(pub i64);

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
pub enum ConveningKind {
    #[default]
    Virtual,
    InPerson,
    StudyTour,
    PresentationOfLearning,
    Workshop,
    Other,
}

impl ConveningKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Virtual => "Virtual convening",
            Self::InPerson => "In-person convening",
            Self::StudyTour => "Study tour",
            Self::PresentationOfLearning => "Presentation of learning",
            Self::Workshop => "Workshop",
            Self::Other => "Other",
        }
    }
}

/// Kentucky's two time zones: the east keeps Eastern time, the west
/// (Bowling Green, Paducah, Owensboro) Central.
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
pub enum KentuckyTime {
    #[default]
    Eastern,
    Central,
}

impl KentuckyTime {
    pub fn label(self) -> &'static str {
        match self {
            Self::Eastern => "Eastern (Frankfort, Lexington, Louisville)",
            Self::Central => "Central (Bowling Green, Paducah, Owensboro)",
        }
    }

    /// "Eastern", as a sheet writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Eastern => "Eastern",
            Self::Central => "Central",
        }
    }

    pub fn short(self) -> &'static str {
        match self {
            Self::Eastern => "ET",
            Self::Central => "CT",
        }
    }

    /// Reads a zone as a sheet or a person writes it: "Eastern", "ET",
    /// "Central (Bowling Green…)", "America/Chicago", "central time".
    pub fn read(text: &str) -> Option<Self> {
        use strum::VariantArray as _;
        let text = text.trim().to_lowercase();
        Self::VARIANTS.iter().copied().find(|zone| {
            text.starts_with(&zone.name().to_lowercase())
                || text == zone.short().to_lowercase()
                || text == zone.tzid().to_lowercase()
        })
    }

    /// The IANA name a calendar knows it by.
    pub fn tzid(self) -> &'static str {
        match self {
            Self::Eastern => "America/New_York",
            Self::Central => "America/Chicago",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ConveningFields {
    pub held_on: NaiveDate,
    pub title: String,
    pub kind: ConveningKind,
    /// A place, or a meeting link.
    pub location: String,
    /// The consultant's own notes; never sent.
    pub notes: String,
    /// Without a start, the convening is an all-day event on its date.
    pub starts_at: Option<NaiveTime>,
    /// Only with a start, and after it.
    pub ends_at: Option<NaiveTime>,
    pub time_zone: KentuckyTime,
    /// What the invitation says.
    pub description: String,
    pub organiser: Option<crate::domain::NetworkPersonId>,
}

impl ConveningFields {
    /// A convening belongs to the school year its date falls in.
    pub fn year(&self) -> SchoolYear {
        SchoolYear::containing(self.held_on)
    }

    /// "9:00 AM – 3:00 PM ET", "9:00 AM ET", or "" for an all-day convening.
    pub fn time_text(&self) -> String {
        match (self.starts_at, self.ends_at) {
            (Some(start), Some(end)) => format!(
                "{} – {} {}",
                clock_time(start),
                clock_time(end),
                self.time_zone.short()
            ),
            (Some(start), None) => format!("{} {}", clock_time(start), self.time_zone.short()),
            _ => String::new(),
        }
    }
}

/// "9:00 AM", as people in Kentucky write a time.
pub fn clock_time(time: NaiveTime) -> String {
    time.format("%-I:%M %p").to_string()
}

/// Reads a time as people type it: "9", "9:30", "9:30 am", "1:30PM", "13:30".
pub fn read_time(text: &str) -> Result<Option<NaiveTime>, String> {
    let cleaned = text.trim().to_lowercase().replace('.', "");
    if cleaned.is_empty() {
        return Ok(None);
    }
    let refuse = || {
        format!(
            "“{}” is not a time: write it as 9:30 AM or 13:30",
            text.trim()
        )
    };
    let (digits, half) = if let Some(rest) = cleaned.strip_suffix("am") {
        (rest.trim(), Some(false))
    } else if let Some(rest) = cleaned.strip_suffix("pm") {
        (rest.trim(), Some(true))
    } else {
        (cleaned.as_str(), None)
    };
    let (hour, minute) = match digits.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h.parse::<u32>(), m.parse::<u32>()),
        Some(_) => return Err(refuse()),
        None => (digits.parse::<u32>(), Ok(0)),
    };
    let (Ok(hour), Ok(minute)) = (hour, minute) else {
        return Err(refuse());
    };
    let hour = match half {
        Some(_) if !(1..=12).contains(&hour) => return Err(refuse()),
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
        None => hour,
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
        .map(Some)
        .ok_or_else(refuse)
}

/// Where a convening sits in the users' calendars: the same entry for its
/// whole life (`uid`), with a count of its changes (`sequence`) so that a
/// calendar takes a changed invitation over the old one.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CalendarEntry {
    pub uid: String,
    pub sequence: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Convening {
    pub id: ConveningId,
    pub fields: ConveningFields,
    pub calendar: CalendarEntry,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConveningField {
    Date,
    Title,
    Location,
    Notes,
    StartsAt,
    EndsAt,
    Description,
}

impl validate::FieldLabel for ConveningField {
    fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Title => "Title",
            Self::Location => "Location",
            Self::Notes => "Notes",
            Self::StartsAt => "Starts",
            Self::EndsAt => "Ends",
            Self::Description => "Description",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct ConveningDraft {
    pub held_on: String,
    pub title: String,
    pub kind: ConveningKind,
    pub location: String,
    pub notes: String,
    #[serde(default)]
    pub starts_at: String,
    #[serde(default)]
    pub ends_at: String,
    #[serde(default)]
    pub time_zone: KentuckyTime,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub organiser: Option<crate::domain::NetworkPersonId>,
}

impl From<&ConveningFields> for ConveningDraft {
    fn from(fields: &ConveningFields) -> Self {
        Self {
            held_on: validate::edit_date(Some(fields.held_on)),
            title: fields.title.clone(),
            kind: fields.kind,
            location: fields.location.clone(),
            notes: fields.notes.clone(),
            starts_at: fields.starts_at.map(clock_time).unwrap_or_default(),
            ends_at: fields.ends_at.map(clock_time).unwrap_or_default(),
            time_zone: fields.time_zone,
            description: fields.description.clone(),
            organiser: fields.organiser,
        }
    }
}

impl ConveningDraft {
    pub fn validate(&self) -> Result<ConveningFields, FieldErrors<ConveningField>> {
        let mut errors = FieldErrors::default();
        let held_on = match validate::optional_date(&self.held_on) {
            Ok(Some(date)) => Some(date),
            Ok(None) => {
                errors.add(ConveningField::Date, "Date is required");
                None
            }
            Err(message) => {
                errors.add(ConveningField::Date, message);
                None
            }
        };
        let title = errors.check(
            ConveningField::Title,
            validate::required(&self.title, "Title"),
        );
        errors.limit(ConveningField::Title, self.title.trim(), limits::NAME);
        errors.limit(ConveningField::Location, self.location.trim(), limits::LINE);
        errors.limit(ConveningField::Notes, self.notes.trim(), limits::NOTES);
        errors.limit(
            ConveningField::Description,
            self.description.trim(),
            limits::NOTES,
        );
        let starts_at = errors
            .check(ConveningField::StartsAt, read_time(&self.starts_at))
            .flatten();
        let ends_at = errors
            .check(ConveningField::EndsAt, read_time(&self.ends_at))
            .flatten();
        if let Some(end) = ends_at {
            match starts_at {
                None if self.starts_at.trim().is_empty() => {
                    errors.add(ConveningField::StartsAt, "An end needs a start time");
                }
                Some(start) if end <= start => {
                    errors.add(ConveningField::EndsAt, "Ends after it starts");
                }
                _ => {}
            }
        }
        match (held_on, title) {
            (Some(held_on), Some(title)) if errors.is_empty() => Ok(ConveningFields {
                held_on,
                title,
                kind: self.kind,
                location: self.location.trim().to_owned(),
                notes: self.notes.trim_end().to_owned(),
                starts_at,
                ends_at,
                time_zone: self.time_zone,
                description: self.description.trim_end().to_owned(),
                organiser: self.organiser,
            }),
            _ => Err(errors),
        }
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
pub enum AttendanceStatus {
    Attended,
    #[default]
    Absent,
    Excused,
}

impl AttendanceStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Attended => "Attended",
            Self::Absent => "Absent",
            Self::Excused => "Excused",
        }
    }

    /// Tells the statuses apart without colour.
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Attended => "✔",
            Self::Absent => "✖",
            Self::Excused => "➖",
        }
    }
}

/// One district's line on a convening's attendance sheet.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Attendance {
    pub district: DistrictId,
    pub status: AttendanceStatus,
    /// Which of the district's contacts came.
    pub people: BTreeSet<ContactId>,
    pub note: String,
}

/// How an excused absence counts in a district's attendance rate.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, Default, strum::VariantArray, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum ExcusedPolicy {
    /// Left out: neither for nor against the district (the default).
    #[default]
    NotCounted,
    /// As if the district had attended.
    AsAttended,
    /// As an absence.
    AsAbsent,
}

impl ExcusedPolicy {
    pub fn label(self) -> &'static str {
        match self {
            Self::NotCounted => "Excused absences are not counted",
            Self::AsAttended => "Excused absences count as attended",
            Self::AsAbsent => "Excused absences count as absent",
        }
    }
}

/// The attendance settings: the flagging threshold and how excused
/// absences count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AttendanceRules {
    /// Districts under this rate (in percent) are flagged.
    pub threshold_percent: u8,
    pub excused: ExcusedPolicy,
    /// No district is flagged before it has had this many convenings
    /// counted: two missed calls in September say little.
    pub min_convenings: u8,
}

impl AttendanceRules {
    /// The rule in words, for the legend: "Flagged under 75% once 3
    /// convenings have counted".
    pub fn describe(self) -> String {
        format!(
            "Flagged under {}% once {} counted; {}",
            self.threshold_percent,
            crate::domain::count(
                usize::from(self.min_convenings),
                "convening has",
                "convenings have"
            ),
            self.excused.label().to_lowercase()
        )
    }
}

impl Default for AttendanceRules {
    fn default() -> Self {
        Self {
            threshold_percent: 75,
            excused: ExcusedPolicy::NotCounted,
            min_convenings: 3,
        }
    }
}

/// A district's membership in the year, as far as attendance cares: from
/// when its letter was received until it was terminated, if it was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MemberSpan {
    pub status: MembershipStatus,
    pub received_on: Option<NaiveDate>,
    pub terminated_on: Option<NaiveDate>,
}

impl MemberSpan {
    /// A member on `date`: its letter was in (received or active, or active
    /// until a later termination).
    pub fn is_member_on(&self, date: NaiveDate) -> bool {
        let letter_in = matches!(
            self.status,
            MembershipStatus::Received | MembershipStatus::Active | MembershipStatus::Terminated
        );
        letter_in
            && self.received_on.is_none_or(|received| received <= date)
            && self.terminated_on.is_none_or(|ended| date < ended)
    }
}

/// Attended ÷ counted, where counted is every recorded convening the
/// district was a member on, less excused ones when they are not counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Rate {
    pub attended: u32,
    pub counted: u32,
}

impl Rate {
    /// The rate in tenths of a percent, rounded half up as it is shown:
    /// 746 for 74.6 %. `None` while nothing counts yet: no convening held,
    /// or none while a member.
    pub fn tenths(self) -> Option<u64> {
        let (attended, counted) = (u64::from(self.attended), u64::from(self.counted));
        (counted > 0).then(|| (2000 * attended + counted) / (2 * counted))
    }

    /// The rate as shown, in percent (74.6).
    pub fn percent(self) -> Option<f64> {
        self.tenths().map(|t| t as f64 / 10.0)
    }

    /// Under the threshold, judged on the rate as shown, so that a rate
    /// shown as 75% is never flagged as under 75%.
    /// Flagged: under the threshold, once enough convenings counted.
    pub fn is_under(self, rules: AttendanceRules) -> bool {
        self.counted >= u32::from(rules.min_convenings)
            && self
                .tenths()
                .is_some_and(|t| t < u64::from(rules.threshold_percent) * 10)
    }

    pub fn label(self) -> String {
        self.percent().map_or_else(|| "—".to_owned(), percent_text)
    }
}

/// A rate as shown: "75%", or "74.6%" when it has tenths.
pub fn percent_text(percent: f64) -> String {
    if percent.fract() == 0.0 {
        format!("{percent:.0}%")
    } else {
        format!("{percent:.1}%")
    }
}

/// A district's rate over `convenings`: the dates of the year's convenings
/// whose attendance was recorded, each with the district's status there
/// (`None`: no line for the district on that sheet, which counts as absent
/// if it was a member that day).
pub fn attendance_rate(
    span: Option<MemberSpan>,
    convenings: impl IntoIterator<Item = (NaiveDate, Option<AttendanceStatus>)>,
    rules: AttendanceRules,
) -> Rate {
    let mut rate = Rate::default();
    let Some(span) = span else { return rate };
    for (date, status) in convenings {
        if !span.is_member_on(date) {
            continue;
        }
        match (status.unwrap_or(AttendanceStatus::Absent), rules.excused) {
            (AttendanceStatus::Attended, _)
            | (AttendanceStatus::Excused, ExcusedPolicy::AsAttended) => {
                rate.attended += 1;
                rate.counted += 1;
            }
            (AttendanceStatus::Absent, _)
            | (AttendanceStatus::Excused, ExcusedPolicy::AsAbsent) => rate.counted += 1,
            (AttendanceStatus::Excused, ExcusedPolicy::NotCounted) => {}
        }
    }
    rate
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_read_as_people_type_them() {
        use super::read_time;
        let at = |h, m| Ok(chrono::NaiveTime::from_hms_opt(h, m, 0));
        assert_eq!(read_time("9"), at(9, 0));
        assert_eq!(read_time(" 9:30 am "), at(9, 30));
        assert_eq!(read_time("1:30PM"), at(13, 30));
        assert_eq!(read_time("12:00 p.m."), at(12, 0));
        assert_eq!(read_time("12 am"), at(0, 0));
        assert_eq!(read_time("13:30"), at(13, 30));
        assert_eq!(read_time(""), Ok(None));
        for bad in ["13 pm", "9:3", "25:00", "noon", "9:60", "0 am"] {
            assert!(read_time(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn an_end_needs_a_start_before_it() {
        use super::{ConveningDraft, ConveningField};
        let draft = ConveningDraft {
            held_on: "2026-09-10".into(),
            title: "Fall convening".into(),
            ends_at: "3:00 PM".into(),
            ..ConveningDraft::default()
        };
        let errors = draft.clone().validate().unwrap_err();
        assert!(errors.get(ConveningField::StartsAt).is_some());
        let errors = ConveningDraft {
            starts_at: "3 pm".into(),
            ..draft.clone()
        }
        .validate()
        .unwrap_err();
        assert_eq!(
            errors.get(ConveningField::EndsAt),
            Some("Ends after it starts")
        );
        let fields = ConveningDraft {
            starts_at: "9".into(),
            ..draft
        }
        .validate()
        .unwrap();
        assert_eq!(fields.time_text(), "9:00 AM – 3:00 PM ET");
    }

    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn active_from(received: NaiveDate) -> Option<MemberSpan> {
        Some(MemberSpan {
            status: MembershipStatus::Active,
            received_on: Some(received),
            terminated_on: None,
        })
    }

    use AttendanceStatus::{Absent, Attended, Excused};

    #[test]
    fn rate_is_attended_over_convenings_held_while_a_member() {
        let sheets = [
            (date(2025, 9, 10), Some(Attended)),
            (date(2025, 10, 8), Some(Absent)),
            (date(2025, 11, 12), Some(Attended)),
            (date(2025, 12, 10), Some(Attended)),
        ];
        let rate = attendance_rate(
            active_from(date(2025, 8, 1)),
            sheets,
            AttendanceRules::default(),
        );
        assert_eq!(
            rate,
            Rate {
                attended: 3,
                counted: 4
            }
        );
        assert_eq!(rate.label(), "75%");
        assert!(
            !rate.is_under(AttendanceRules::default()),
            "75% is not under 75%"
        );
    }

    #[test]
    fn the_rate_shown_and_its_flag_agree() {
        let rules = AttendanceRules {
            min_convenings: 0,
            ..AttendanceRules::default()
        };
        let rate = |attended, counted| Rate { attended, counted };
        // 50 of 67 is 74.63 %: shown with its tenth, and under 75 %.
        assert_eq!(rate(50, 67).label(), "74.6%");
        assert!(rate(50, 67).is_under(rules));
        // 2 of 3 is 66.67 %, shown rounded.
        assert_eq!(rate(2, 3).label(), "66.7%");
        // 1499 of 1999 is 74.987 %: shown as 75%, so not flagged.
        assert_eq!(rate(1499, 1999).label(), "75%");
        assert!(!rate(1499, 1999).is_under(rules));
        for counted in 1..=60 {
            for attended in 0..=counted {
                let r = rate(attended, counted);
                let shown: f64 = r.label().trim_end_matches('%').parse().unwrap();
                assert_eq!(r.is_under(rules), shown < 75.0, "{}", r.label());
            }
        }
    }

    #[test]
    fn a_district_that_joined_mid_year_is_counted_from_its_letter() {
        let sheets = [
            (date(2025, 9, 10), None),
            (date(2025, 10, 8), None),
            (date(2025, 11, 12), Some(Attended)),
            (date(2025, 12, 10), Some(Absent)),
        ];
        let rate = attendance_rate(
            active_from(date(2025, 11, 1)),
            sheets,
            AttendanceRules::default(),
        );
        assert_eq!(
            rate,
            Rate {
                attended: 1,
                counted: 2
            }
        );
        assert!(
            !rate.is_under(AttendanceRules::default()),
            "2 convenings are too few to flag"
        );
        let after_one = AttendanceRules {
            min_convenings: 1,
            ..AttendanceRules::default()
        };
        assert!(rate.is_under(after_one));
    }

    #[test]
    fn a_terminated_district_is_counted_until_its_termination() {
        let span = MemberSpan {
            status: MembershipStatus::Terminated,
            received_on: Some(date(2025, 8, 1)),
            terminated_on: Some(date(2025, 11, 1)),
        };
        let sheets = [
            (date(2025, 9, 10), Some(Attended)),
            (date(2025, 11, 12), None),
        ];
        assert_eq!(
            attendance_rate(Some(span), sheets, AttendanceRules::default()),
            Rate {
                attended: 1,
                counted: 1
            }
        );
    }

    #[test]
    fn an_invited_district_is_not_yet_a_member() {
        let span = MemberSpan {
            status: MembershipStatus::Invited,
            received_on: None,
            terminated_on: None,
        };
        let sheets = [(date(2025, 9, 10), Some(Attended))];
        assert_eq!(
            attendance_rate(Some(span), sheets, AttendanceRules::default()).percent(),
            None
        );
    }

    #[test]
    fn excused_absences_count_as_the_setting_says() {
        let sheets = [
            (date(2025, 9, 10), Some(Attended)),
            (date(2025, 10, 8), Some(Excused)),
            (date(2025, 11, 12), Some(Absent)),
        ];
        let with = |excused| {
            let rules = AttendanceRules {
                excused,
                ..AttendanceRules::default()
            };
            attendance_rate(active_from(date(2025, 8, 1)), sheets, rules)
        };
        assert_eq!(
            with(ExcusedPolicy::NotCounted),
            Rate {
                attended: 1,
                counted: 2
            }
        );
        assert_eq!(
            with(ExcusedPolicy::AsAttended),
            Rate {
                attended: 2,
                counted: 3
            }
        );
        assert_eq!(
            with(ExcusedPolicy::AsAbsent),
            Rate {
                attended: 1,
                counted: 3
            }
        );
    }

    #[test]
    fn a_year_with_no_convenings_yet_has_no_rate() {
        let rate = attendance_rate(
            active_from(date(2025, 8, 1)),
            [],
            AttendanceRules::default(),
        );
        assert_eq!(rate.percent(), None);
        assert_eq!(rate.label(), "—");
        assert!(
            !rate.is_under(AttendanceRules::default()),
            "nothing to flag"
        );
        let only_excused = [(date(2025, 9, 10), Some(Excused))];
        assert_eq!(
            attendance_rate(
                active_from(date(2025, 8, 1)),
                only_excused,
                AttendanceRules::default()
            )
            .percent(),
            None
        );
    }

    #[test]
    fn a_convening_needs_a_date_and_a_title() {
        let draft = ConveningDraft {
            held_on: "9/10/2025".into(),
            title: " Monthly call ".into(),
            ..ConveningDraft::default()
        };
        let fields = draft.validate().unwrap();
        assert_eq!(fields.title, "Monthly call");
        assert_eq!(fields.year().to_string(), "2025-2026");
        let errors = ConveningDraft::default().validate().unwrap_err();
        assert_eq!(errors.get(ConveningField::Date), Some("Date is required"));
        assert_eq!(errors.get(ConveningField::Title), Some("Title is required"));
    }
}

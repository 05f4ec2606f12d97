//! Kentucky's school year runs July 1 – June 30 and is written `2024-2025`.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike as _, NaiveDate};

use super::clock::today;

/// The month a school year starts in (July).
const FIRST_MONTH: u32 = 7;

/// A school year, identified by the calendar year it starts in.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct SchoolYear {
    start: i32,
}

impl SchoolYear {
    /// Years outside this range are typing mistakes, not school years.
    pub const EARLIEST_START: i32 = 1990;
    pub const LATEST_START: i32 = 2200;

    /// The school year starting in July of `start`. `None` outside the plausible range.
    pub fn starting(start: i32) -> Option<Self> {
        (Self::EARLIEST_START..=Self::LATEST_START)
            .contains(&start)
            .then_some(Self { start })
    }

    /// The school year a date falls in.
    pub fn containing(date: NaiveDate) -> Self {
        let start = if date.month() >= FIRST_MONTH {
            date.year()
        } else {
            date.year() - 1
        };
        Self { start }
    }

    /// The school year of today's local date.
    pub fn current() -> Self {
        Self::containing(today())
    }

    pub fn start_year(self) -> i32 {
        self.start
    }

    pub fn next(self) -> Self {
        Self {
            start: self.start + 1,
        }
    }

    pub fn previous(self) -> Self {
        Self {
            start: self.start - 1,
        }
    }

    /// July 1 of the first calendar year.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start, FIRST_MONTH, 1).unwrap_or(NaiveDate::MIN)
    }

    /// June 30 of the second calendar year.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.start + 1, FIRST_MONTH - 1, 30).unwrap_or(NaiveDate::MAX)
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Self::containing(date) == self
    }
}

impl fmt::Display for SchoolYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.start, self.start + 1)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a school year: write it like 2025-2026")]
pub struct ParseSchoolYearError(String);

impl FromStr for SchoolYear {
    type Err = ParseSchoolYearError;

    /// Accepts `2025-2026`, `2025-26` and `2025/2026`.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let error = || ParseSchoolYearError(text.to_owned());
        let (first, second) = text.trim().split_once(['-', '/', '–']).ok_or_else(error)?;
        let start: i32 = first.trim().parse().map_err(|_| error())?;
        let second = second.trim();
        let end: i32 = second.parse().map_err(|_| error())?;
        let end_matches = match second.len() {
            4 => end == start + 1,
            2 => end == (start + 1).rem_euclid(100),
            _ => false,
        };
        if !end_matches {
            return Err(error());
        }
        Self::starting(start).ok_or_else(error)
    }
}

impl SchoolYear {
    /// A school year as people write it in their spreadsheets: everything
    /// [`FromStr`] takes, plus "23-24", "SY24" or "SY 2024" (the year that
    /// ends in 2024), "SY2023-24", and "2023-24 school year".
    pub fn read_as_written(text: &str) -> Result<Self, ParseSchoolYearError> {
        let error = || ParseSchoolYearError(text.to_owned());
        let lower = text.trim().to_lowercase();
        let bare = lower
            .strip_suffix("school year")
            .unwrap_or(&lower)
            .trim()
            .trim_start_matches("sy")
            .trim();
        if let Ok(year) = bare.parse::<Self>() {
            return Ok(year);
        }
        let century = |two: &str| -> Option<i32> {
            (two.len() == 2)
                .then(|| two.parse::<i32>().ok())
                .flatten()
                .map(|n| 2000 + n)
        };
        // "23-24": both halves in two digits.
        if let Some((first, second)) = bare.split_once(['-', '/', '–']) {
            let (start, end) = (century(first.trim()), century(second.trim()));
            return match (start, end) {
                (Some(start), Some(end)) if end == start + 1 => {
                    Self::starting(start).ok_or_else(error)
                }
                _ => Err(error()),
            };
        }
        // "SY24", "SY 2024": named by the year it ends in.
        if lower.starts_with("sy") {
            let end =
                century(bare).or_else(|| (bare.len() == 4).then(|| bare.parse().ok()).flatten());
            return end
                .and_then(|end: i32| Self::starting(end - 1))
                .ok_or_else(error);
        }
        Err(error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_school_years_spreadsheets_carry() {
        for text in [
            "2023-2024",
            "2023-24",
            "23-24",
            "SY24",
            "sy 2024",
            "SY2023-24",
            "SY 23-24",
            "2023-24 School Year",
            " 2023/2024 ",
        ] {
            assert_eq!(
                SchoolYear::read_as_written(text).map(SchoolYear::start_year),
                Ok(2023),
                "{text}"
            );
        }
        for text in [
            "24",
            "SY",
            "SY245",
            "23-25",
            "2023",
            "twenty-three",
            "",
            "SY-24",
        ] {
            assert!(SchoolYear::read_as_written(text).is_err(), "{text}");
        }
    }

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn june_30_and_july_1_fall_in_different_years() {
        assert_eq!(
            SchoolYear::containing(date(2025, 6, 30)).to_string(),
            "2024-2025"
        );
        assert_eq!(
            SchoolYear::containing(date(2025, 7, 1)).to_string(),
            "2025-2026"
        );
    }

    #[test]
    fn first_and_last_day_bound_the_year() {
        let year: SchoolYear = "2024-2025".parse().unwrap();
        assert_eq!(year.first_day(), date(2024, 7, 1));
        assert_eq!(year.last_day(), date(2025, 6, 30));
        assert!(year.contains(year.first_day()) && year.contains(year.last_day()));
        assert!(!year.contains(year.next().first_day()));
    }

    #[test]
    fn parses_common_spellings_and_refuses_others() {
        for text in ["2025-2026", " 2025-26 ", "2025/2026", "2025–2026"] {
            assert_eq!(
                text.parse::<SchoolYear>().unwrap().start_year(),
                2025,
                "{text}"
            );
        }
        assert_eq!("2099-00".parse::<SchoolYear>().unwrap().start_year(), 2099);
        for text in [
            "2025",
            "2025-2027",
            "2025-27",
            "abc-def",
            "",
            "1200-1201",
            "2025-2026-2027",
        ] {
            assert!(text.parse::<SchoolYear>().is_err(), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn parsing_any_text_never_panics(text in ".*") {
            let _ = text.parse::<SchoolYear>();
            let _ = SchoolYear::read_as_written(&text);
        }

        #[test]
        fn display_round_trips(start in SchoolYear::EARLIEST_START..=SchoolYear::LATEST_START) {
            let year = SchoolYear::starting(start).unwrap();
            proptest::prop_assert_eq!(year.to_string().parse::<SchoolYear>().unwrap(), year);
        }
    }
}

//! Field-level checks shared by every form: each takes what the user typed and
//! returns the value to store, or a message to show beside the field.

use std::collections::BTreeMap;

/// Messages for the fields of one form, keyed by a per-form field enum.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldErrors<F: Ord>(BTreeMap<F, String>);

impl<F: Ord> Default for FieldErrors<F> {
    fn default() -> Self {
        Self(BTreeMap::new())
    }
}

/// A form's field, as its label names it on the form.
pub trait FieldLabel: Copy {
    fn label(self) -> &'static str;
}

impl<F: Ord + Copy + FieldLabel> FieldErrors<F> {
    /// What stops the form from being saved, naming the fields: "To save,
    /// fix: KDE number, NCES LEA ID". `None` when nothing does.
    pub fn to_save(&self) -> Option<String> {
        (!self.is_empty()).then(|| {
            let fields: Vec<&str> = self.0.keys().map(|field| field.label()).collect();
            format!("To save, fix: {}", fields.join(", "))
        })
    }
}

impl<F: Ord + Copy> FieldErrors<F> {
    pub fn get(&self, field: F) -> Option<&str> {
        self.0.get(&field).map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Keeps the first message for a field: it is the most basic problem.
    pub fn add(&mut self, field: F, message: impl Into<String>) {
        self.0.entry(field).or_insert_with(|| message.into());
    }

    /// Records a message when `text` is longer than `max` characters.
    pub fn limit(&mut self, field: F, text: &str, max: usize) {
        if let Err(message) = super::limits::within(text, max) {
            self.add(field, message);
        }
    }

    /// Runs a check and records its message, returning the checked value.
    pub fn check<T>(&mut self, field: F, result: Result<T, String>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.add(field, message);
                None
            }
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (F, &str)> {
        self.0
            .iter()
            .map(|(field, message)| (*field, message.as_str()))
    }
}

/// A required single-line text: trimmed, not empty.
pub fn required(text: &str, what: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(format!("{what} is required"))
    } else {
        Ok(trimmed.to_owned())
    }
}

/// An optional email address; empty stays empty.
pub fn email(text: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let domain_has_dot = trimmed
        .rsplit_once('@')
        .is_some_and(|(_, domain)| domain.contains('.') && !domain.ends_with('.'));
    // Outlook and the mail servers districts use take plain ASCII addresses.
    if email_address::EmailAddress::is_valid(trimmed)
        && domain_has_dot
        && trimmed.is_ascii()
        && !trimmed.contains([' ', '<', '>', '"'])
    {
        Ok(trimmed.to_owned())
    } else {
        Err("Not an email address, e.g. name@district.kyschools.us".to_owned())
    }
}

/// An internet domain such as `allen.kyschools.us`, lower-cased; a leading
/// `@` is dropped because people paste it from an address.
pub fn email_domain(text: &str) -> Result<String, String> {
    let domain = text.trim().trim_start_matches('@').to_ascii_lowercase();
    if domain.is_empty() {
        return Ok(domain);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && label.len() <= 63
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    if labels.len() >= 2 && labels.iter().all(label_ok) {
        Ok(domain)
    } else {
        Err("Not a domain, e.g. allen.kyschools.us".to_owned())
    }
}

/// Exactly `count` ASCII digits, after trimming.
pub fn digits(text: &str, count: usize, example: &str) -> Result<String, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        Err(format!("Required: {count} digits, e.g. {example}"))
    } else if trimmed.len() == count && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        Ok(trimmed.to_owned())
    } else {
        Err(format!("Must be exactly {count} digits, e.g. {example}"))
    }
}

/// The years a date of the network's may fall in: anything else is a typo
/// (a year cut short while typing, a day typed as a year).
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A date as people type it: `9/12/2026`, `9/12/26`, `2026-09-12`,
/// `Sep 12, 2026`, `September 12 2026`, `12 Sep 2026`, or a month and day
/// alone (`Sept 12`, `9/12`), which fall in the school year of today. Empty
/// is `None`. The year must be plausible (see [`PLAUSIBLE_YEARS`]).
pub fn optional_date(text: &str) -> Result<Option<chrono::NaiveDate>, String> {
    optional_date_in(
        text,
        crate::domain::SchoolYear::containing(crate::domain::today()),
    )
}

/// A date as [`optional_date`] reads it, for a record of school year
/// `year`: a month and day alone fall in that year.
pub fn optional_date_in(
    text: &str,
    year: crate::domain::SchoolYear,
) -> Result<Option<chrono::NaiveDate>, String> {
    use chrono::Datelike as _;
    // "Sept. 12," is "sep 12": chrono knows three-letter months.
    let words = text.trim().to_lowercase().replace(['.', ','], " ");
    let typed = words
        .split_whitespace()
        .map(|word| if word == "sept" { "sep" } else { word })
        .collect::<Vec<_>>()
        .join(" ");
    if typed.is_empty() {
        return Ok(None);
    }
    let date = full_date(&typed)
        .or_else(|| month_and_day(&typed, year))
        .ok_or_else(|| {
            no_such_day(&typed).unwrap_or_else(|| {
                format!("Not a date: write it like {}", edit_date(Some(EXAMPLE)))
            })
        })?;
    if !PLAUSIBLE_YEARS.contains(&date.year()) {
        return Err(format!(
            "The year must be between {} and {}",
            PLAUSIBLE_YEARS.start(),
            PLAUSIBLE_YEARS.end()
        ));
    }
    Ok(Some(date))
}

/// "There is no Feb 30, 2027": for a month and day written as numbers
/// that no calendar has (the year as typed, or this school year's).
fn no_such_day(typed: &str) -> Option<String> {
    let parts: Vec<u32> = typed
        .split('/')
        .map(|part| part.trim().parse().ok())
        .collect::<Option<_>>()?;
    let (month, day) = (*parts.first()?, *parts.get(1)?);
    let month_name = chrono::Month::try_from(u8::try_from(month).ok()?).ok()?;
    (1..=31).contains(&day).then(|| {
        let year = parts.get(2).map(|y| if *y < 100 { y + 2000 } else { *y });
        let year = year.map_or_else(String::new, |y| format!(", {y}"));
        format!("There is no {} {day}{year}", &month_name.name()[..3])
    })
}

/// The date the messages give as an example.
const EXAMPLE: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 9, 12) {
    Some(date) => date,
    None => chrono::NaiveDate::MIN,
};

/// A date written with its year; "9/12/26" is 2026 (a two-digit year is
/// this century's).
fn full_date(typed: &str) -> Option<chrono::NaiveDate> {
    use chrono::Datelike as _;
    const FORMATS: [&str; 7] = [
        "%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y", "%b %d %Y", "%B %d %Y", "%d %b %Y", "%d %B %Y",
    ];
    let (format, date) = FORMATS.iter().find_map(|format| {
        chrono::NaiveDate::parse_from_str(typed, format)
            .ok()
            .map(|date| (format, date))
    })?;
    let two_digit_year = format.ends_with("%Y")
        && typed
            .rsplit(['/', '-', ' '])
            .next()
            .is_some_and(|year| year.len() == 2);
    Some(if two_digit_year {
        date.with_year(date.year() + 2000).unwrap_or(date)
    } else {
        date
    })
}

/// A month and day without a year, in school year `year`.
fn month_and_day(typed: &str, year: crate::domain::SchoolYear) -> Option<chrono::NaiveDate> {
    ["%b %d", "%B %d", "%d %b", "%d %B", "%m/%d"]
        .iter()
        .find_map(|format| {
            [year.start_year(), year.start_year() + 1]
                .into_iter()
                .filter_map(|y| {
                    chrono::NaiveDate::parse_from_str(
                        &format!("{typed} {y}"),
                        &format!("{format} %Y"),
                    )
                    .ok()
                })
                .find(|date| year.contains(*date))
        })
}

/// How dates are shown in tables and messages: "Jul 1, 2025".
pub fn display_date(date: chrono::NaiveDate) -> String {
    date.format("%b %-d, %Y").to_string()
}

/// The day a stored timestamp (UTC, "2026-11-22T20:15:03.123Z") falls on
/// where the user is: a change made on a Kentucky evening is that day's,
/// not the next.
pub fn local_day(at: &str) -> Option<chrono::NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(at)
        .ok()
        .map(|t| t.with_timezone(&chrono::Local).date_naive())
}

/// When a local day starts, written as stored timestamps are (UTC), to
/// find what happened on or after it.
pub fn local_day_start_utc(day: chrono::NaiveDate) -> String {
    use chrono::TimeZone as _;
    let midnight = day.and_time(chrono::NaiveTime::MIN);
    let start = chrono::Local
        .from_local_datetime(&midnight)
        .earliest()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&chrono::Utc));
    start.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// "11/22/2026 3:15 PM", in the computer's time zone.
pub fn local_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at).map_or_else(
        |_| at.to_owned(),
        |t| {
            t.with_timezone(&chrono::Local)
                .format("%-m/%-d/%Y %-I:%M %p")
                .to_string()
        },
    )
}

/// How dates are put in a form field for editing: "9/12/2026".
pub fn edit_date(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.format("%-m/%-d/%Y").to_string())
        .unwrap_or_default()
}

const PHONE_EXAMPLE: &str = "e.g. (502) 564-4201";

/// A US phone number in `(502) 564-4201` style, keeping an extension as
/// `ext. 4071`. Accepts what people type: dots, dashes, a leading 1 or +1,
/// and `x`, `ext`, `ext.`, `extension` or `#` before an extension.
pub fn phone(text: &str) -> Result<String, String> {
    let lower = text.trim().to_ascii_lowercase();
    if lower.is_empty() {
        return Ok(String::new());
    }
    let (main, extension) = split_extension(&lower);
    if !main
        .chars()
        .all(|c| c.is_ascii_digit() || " ()-.+".contains(c))
    {
        return Err(format!("Use digits only, {PHONE_EXAMPLE}"));
    }
    let mut digits: String = main.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 11 && digits.starts_with('1') {
        digits.remove(0);
    }
    if digits.len() != 10 {
        return Err(format!(
            "Needs 10 digits with the area code, {PHONE_EXAMPLE}"
        ));
    }
    if digits.starts_with(['0', '1']) {
        return Err(format!(
            "An area code cannot start with 0 or 1, {PHONE_EXAMPLE}"
        ));
    }
    let mut formatted = format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..]);
    if let Some(extension) = extension {
        let extension = extension.trim_start_matches([' ', '.', ':', '#']).trim();
        if extension.is_empty()
            || extension.len() > 6
            || !extension.bytes().all(|b| b.is_ascii_digit())
        {
            return Err("An extension is 1 to 6 digits, e.g. ext. 4071".to_owned());
        }
        formatted.push_str(" ext. ");
        formatted.push_str(extension);
    }
    Ok(formatted)
}

/// Splits `502-564-4201 ext. 4071` into the number and what follows the
/// extension marker. `text` is lower-case ASCII-compatible.
fn split_extension(text: &str) -> (&str, Option<&str>) {
    const MARKERS: [&str; 4] = ["extension", "ext", "x", "#"];
    let position = MARKERS
        .iter()
        .filter_map(|marker| text.find(marker).map(|at| (at, marker.len())))
        .min_by_key(|&(at, len)| (at, std::cmp::Reverse(len)));
    match position {
        Some((at, len)) => (&text[..at], Some(&text[at + len..])),
        None => (text, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_normalised() {
        let cases = [
            ("502-564-4201", "(502) 564-4201"),
            ("(502)564-4201", "(502) 564-4201"),
            ("502.564.4201", "(502) 564-4201"),
            ("+1 502 564 4201", "(502) 564-4201"),
            ("15025644201", "(502) 564-4201"),
            ("(502) 564-4201 Ext. 4832", "(502) 564-4201 ext. 4832"),
            ("502-564-4201 x4071", "(502) 564-4201 ext. 4071"),
            ("502 564 4201 extension 12", "(502) 564-4201 ext. 12"),
            ("502-564-4201 #7", "(502) 564-4201 ext. 7"),
            ("  ", ""),
        ];
        for (typed, expected) in cases {
            assert_eq!(phone(typed).as_deref(), Ok(expected), "{typed}");
        }
    }

    #[test]
    fn bad_phone_numbers_say_why() {
        assert!(phone("564-4201").unwrap_err().contains("10 digits"));
        assert!(phone("502-564-420A").unwrap_err().contains("digits only"));
        assert!(phone("(102) 564-4201").unwrap_err().contains("area code"));
        assert!(phone("502-564-4201 ext").unwrap_err().contains("extension"));
        assert!(
            phone("502-564-4201 ext 12345678")
                .unwrap_err()
                .contains("extension")
        );
    }

    #[test]
    fn emails_are_checked() {
        assert_eq!(
            email(" pat@allen.kyschools.us ").as_deref(),
            Ok("pat@allen.kyschools.us")
        );
        assert_eq!(email("").as_deref(), Ok(""));
        for bad in [
            "pat",
            "pat@",
            "@allen.kyschools.us",
            "pat@localhost",
            "pat smith@x.org",
            "a@b.",
        ] {
            assert!(email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn email_domains_are_lower_cased_and_checked() {
        assert_eq!(
            email_domain("@Allen.KySchools.us").as_deref(),
            Ok("allen.kyschools.us")
        );
        for bad in ["allen", "allen..us", "-allen.us", "all en.us", "allen.us/"] {
            assert!(email_domain(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn digits_need_the_exact_count() {
        assert_eq!(digits(" 005 ", 3, "005").as_deref(), Ok("005"));
        assert!(digits("5", 3, "005").is_err());
        assert!(digits("0055", 3, "005").is_err());
        assert!(digits("٠٠٥", 3, "005").is_err());
    }

    #[test]
    fn dates_are_read_in_iso_and_us_forms() {
        let july_first = chrono::NaiveDate::from_ymd_opt(2025, 7, 1);
        assert_eq!(optional_date("2025-07-01"), Ok(july_first));
        assert_eq!(optional_date(" 7/1/2025 "), Ok(july_first));
        assert_eq!(optional_date(""), Ok(None));
        assert!(optional_date("2025-02-30").is_err());
        assert!(optional_date("yesterday").is_err());
        assert_eq!(display_date(july_first.unwrap()), "Jul 1, 2025");
        assert_eq!(edit_date(july_first), "7/1/2025");
        assert_eq!(optional_date(&edit_date(july_first)), Ok(july_first));
    }

    #[test]
    fn dates_are_read_as_people_write_them() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
        for typed in [
            "9/12/26",
            "9/12/2026",
            "09/12/2026",
            "9-12-2026",
            "2026-09-12",
            "Sep 12, 2026",
            "Sept. 12 2026",
            "september 12, 2026",
            "12 Sep 2026",
        ] {
            assert_eq!(optional_date(typed), Ok(day(2026, 9, 12)), "{typed}");
        }
        // Without a year: the school year of today.
        crate::domain::clock::fix_today(day(2026, 11, 26));
        assert_eq!(optional_date("Sept 12"), Ok(day(2026, 9, 12)));
        assert_eq!(optional_date("Mar 3"), Ok(day(2027, 3, 3)));
        assert_eq!(optional_date("3/3"), Ok(day(2027, 3, 3)));
        crate::domain::clock::fix_today(None);
        // A record of another school year: its own year.
        let past = crate::domain::SchoolYear::starting(2024).unwrap();
        assert_eq!(optional_date_in("Sept 5", past), Ok(day(2024, 9, 5)));
        assert_eq!(optional_date_in("Feb 3", past), Ok(day(2025, 2, 3)));
        assert_eq!(
            optional_date("2/30/2027"),
            Err("There is no Feb 30, 2027".to_owned())
        );
        assert_eq!(
            optional_date("2/29/27"),
            Err("There is no Feb 29, 2027".to_owned())
        );
        assert!(
            optional_date("13/1/2026")
                .unwrap_err()
                .starts_with("Not a date")
        );
        let message = optional_date("Smarch 3").expect_err("no such month");
        assert!(message.contains("9/12/2026"), "{message}");
    }

    #[test]
    fn a_date_cut_short_while_typing_is_not_a_date() {
        let july_first = chrono::NaiveDate::from_ymd_opt(2025, 7, 1);
        assert_eq!(optional_date("7/1/25"), Ok(july_first), "two digits: 2025");
        for typo in [
            "11/7/2",
            "11/7/202",
            "0002-11-07",
            "1999-12-31",
            "2101-01-01",
            "7/1/2",
        ] {
            let message = optional_date(typo).expect_err(typo);
            assert!(message.contains("2000 and 2100"), "{typo}: {message}");
        }
    }

    proptest::proptest! {
        #[test]
        fn every_date_read_is_plausible(year in 0i32..10_000, month in 1u32..=12, day in 1u32..=28, us in proptest::bool::ANY) {
            use chrono::Datelike as _;
            let text = if us { format!("{month}/{day}/{year}") } else { format!("{year:04}-{month:02}-{day:02}") };
            if let Ok(Some(date)) = optional_date(&text) {
                proptest::prop_assert!(PLAUSIBLE_YEARS.contains(&date.year()), "{text} read as {date}");
            }
        }

        #[test]
        fn validators_never_panic(text in "\\PC*") {
            let _ = optional_date(&text);
            let _ = phone(&text);
            let _ = email(&text);
            let _ = email_domain(&text);
            let _ = digits(&text, 3, "005");
            let _ = required(&text, "Name");
        }

        #[test]
        fn a_normalised_phone_normalises_to_itself(digits in "[2-9][0-9]{9}", ext in proptest::option::of("[0-9]{1,6}")) {
            let typed = match &ext { Some(ext) => format!("{digits} x{ext}"), None => digits };
            let once = phone(&typed).unwrap();
            proptest::prop_assert_eq!(phone(&once).unwrap(), once);
        }
    }
}

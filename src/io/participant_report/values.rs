//! The values inside a report's cells: names with their markers, minutes
//! in every spelling, and times as Zoom and Teams write them.

use chrono::{Datelike as _, NaiveDateTime};

/// "Pat Doe (Guest)" → ("Pat Doe", None, guest); "Pat D (Pat Doe)" in
/// Zoom's "Name (Original Name)" column → ("Pat D", Some("Pat Doe")).
pub(super) fn split_name(raw: &str, has_original: bool) -> (String, Option<String>, bool) {
    const MARKERS: [&str; 4] = ["(guest)", "(external)", "(unverified)", "(gast)"];
    let mut name = raw.trim().to_owned();
    let mut guest = false;
    loop {
        let lower = name.to_lowercase();
        let Some(marker) = MARKERS.iter().find(|m| lower.ends_with(*m)) else {
            break;
        };
        name.truncate(name.len() - marker.len());
        name = name.trim_end().to_owned();
        guest = true;
    }
    let mut original = None;
    if has_original
        && name.ends_with(')')
        && let Some(open) = name.rfind(" (")
    {
        let inner = name[open + 2..name.len() - 1].trim().to_owned();
        name.truncate(open);
        if !inner.is_empty() {
            original = Some(inner);
        }
    }
    (name.trim().to_owned(), original, guest)
}

/// Minutes from "63", "63.5", "1h 2m 3s", "2 min 30 sec", "00:45:12" or "45:12".
pub(super) fn parse_minutes(text: &str) -> Option<u32> {
    let text = text.trim().to_lowercase();
    if let Ok(minutes) = text.parse::<f64>() {
        return (0.0..1e6)
            .contains(&minutes)
            .then(|| minutes.round() as u32);
    }
    if text.contains(':') {
        let parts: Vec<u32> = text
            .split(':')
            .map(|p| p.trim().parse().ok())
            .collect::<Option<_>>()?;
        let seconds = match parts.as_slice() {
            [h, m, s] => h
                .checked_mul(3600)?
                .checked_add(m.checked_mul(60)?)?
                .checked_add(*s)?,
            [m, s] => m.checked_mul(60)?.checked_add(*s)?,
            _ => return None,
        };
        return Some((seconds + 30) / 60);
    }
    let mut seconds: u64 = 0;
    let mut number = String::new();
    let mut found = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        if c.is_alphabetic() && !number.is_empty() {
            let mut unit = String::from(c);
            while let Some(&next) = chars.peek() {
                if !next.is_alphabetic() {
                    break;
                }
                unit.push(next);
                chars.next();
            }
            let value: u64 = number.parse().ok()?;
            let scale = match unit.as_str() {
                "h" | "hr" | "hrs" | "hour" | "hours" => 3600,
                "m" | "min" | "mins" | "minute" | "minutes" => 60,
                "s" | "sec" | "secs" | "second" | "seconds" => 1,
                _ => return None,
            };
            seconds = seconds.checked_add(value.checked_mul(scale)?)?;
            number.clear();
            found = true;
        }
    }
    (found && number.is_empty())
        .then(|| u32::try_from((seconds + 30) / 60).ok())
        .flatten()
}

/// Times as Zoom and Teams write them, and as Excel leaves them when it
/// saves a report again: US dates, ISO dates, month names, 12- or 24-hour
/// times with or without seconds, a zone offset (turned into this
/// computer's time), two-digit years (2000s). Slashed dates are month first
/// unless `day_first` (see [`is_day_first`]).
pub(super) fn parse_time(text: &str, day_first: bool) -> Option<NaiveDateTime> {
    const MONTH_FIRST: [&str; 7] = [
        "%m/%d/%Y",
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%m-%d-%Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d-%b-%Y",
    ];
    const DAY_FIRST: [&str; 7] = [
        "%d/%m/%Y",
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%d-%m-%Y",
        "%b %d, %Y",
        "%B %d, %Y",
        "%d-%b-%Y",
    ];
    const SEPARATORS: [&str; 3] = [" ", ", ", "T"];
    const TIMES: [&str; 5] = [
        "%I:%M:%S %p",
        "%I:%M %p",
        "%H:%M:%S",
        "%H:%M",
        "%H:%M:%S%.f",
    ];
    let text = text.trim();
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    if let Ok(zoned) = chrono::DateTime::parse_from_rfc3339(text) {
        return Some(zoned.with_timezone(&chrono::Local).naive_local());
    }
    let dates = if day_first { DAY_FIRST } else { MONTH_FIRST };
    // The format that read the last time is tried first: a report writes
    // every time the same way.
    thread_local! {
        static LAST: std::cell::Cell<[(usize, usize, usize); 2]> =
            const { std::cell::Cell::new([(0, 0, 0); 2]) };
    }
    let parse = |(d, s, t): (usize, usize, usize)| {
        let format = format!("{}{}{}", dates[d], SEPARATORS[s], TIMES[t]);
        NaiveDateTime::parse_from_str(text, &format).ok()
    };
    let last = LAST.with(std::cell::Cell::get)[usize::from(day_first)];
    let found = parse(last).map(|time| (last, time)).or_else(|| {
        (0..dates.len())
            .flat_map(|d| {
                (0..SEPARATORS.len()).flat_map(move |s| (0..TIMES.len()).map(move |t| (d, s, t)))
            })
            .find_map(|at| parse(at).map(|time| (at, time)))
    });
    let (at, time) = found?;
    LAST.with(|cell| {
        let mut formats = cell.get();
        formats[usize::from(day_first)] = at;
        cell.set(formats);
    });
    // "10/7/26" is 2026, not the year 26.
    if time.year() < 100 {
        time.with_year(time.year() + 2000)
    } else {
        Some(time)
    }
}

/// Whether a column of times writes slashed dates day first: some date's
/// first number cannot be a month ("13/10/2026") and none's second can
/// only be a day ("10/13/2026").
pub(super) fn is_day_first<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let mut day_first = false;
    for cell in cells {
        let mut numbers = cell.trim().split('/').map(|p| p.trim().parse::<u32>().ok());
        let (Some(Some(first)), Some(Some(second))) = (numbers.next(), numbers.next()) else {
            continue;
        };
        if second > 12 {
            return false;
        }
        if first > 12 {
            day_first = true;
        }
    }
    day_first
}

/// Minutes covered by `spans` (join, leave), overlaps counted once: one
/// person in the meeting twice at once (two devices) was there once.
pub(super) fn minutes_covered(spans: &mut [(NaiveDateTime, NaiveDateTime)]) -> u32 {
    spans.sort();
    let mut seconds = 0i64;
    let mut current: Option<(NaiveDateTime, NaiveDateTime)> = None;
    for &(start, end) in spans.iter() {
        current = match current {
            Some((from, to)) if start <= to => Some((from, to.max(end))),
            Some((from, to)) => {
                seconds += (to - from).num_seconds();
                Some((start, end))
            }
            None => Some((start, end)),
        };
    }
    if let Some((from, to)) = current {
        seconds += (to - from).num_seconds();
    }
    u32::try_from((seconds + 30) / 60).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_in_every_spelling() {
        assert_eq!(parse_minutes("63"), Some(63));
        assert_eq!(parse_minutes("62.6"), Some(63));
        assert_eq!(parse_minutes("1h 2m 30s"), Some(63));
        assert_eq!(parse_minutes("2 min 30 sec"), Some(3));
        assert_eq!(parse_minutes("00:45:12"), Some(45));
        assert_eq!(parse_minutes("45:40"), Some(46));
        assert_eq!(parse_minutes("soon"), None);
        assert_eq!(parse_minutes("-5"), None);
        assert_eq!(parse_minutes("5 parsecs"), None);
    }

    #[test]
    fn names_lose_their_markers_and_keep_the_original() {
        assert_eq!(
            split_name("Pat Doe (Guest)", false),
            ("Pat Doe".into(), None, true)
        );
        assert_eq!(
            split_name("Pat D (Pat Doe)", true),
            ("Pat D".into(), Some("Pat Doe".into()), false)
        );
        assert_eq!(
            split_name("Pat D (Pat Doe) (External)", true),
            ("Pat D".into(), Some("Pat Doe".into()), true)
        );
        assert_eq!(
            split_name("Pat (she/her)", false),
            ("Pat (she/her)".into(), None, false)
        );
    }

    #[test]
    fn times_as_zoom_teams_and_excel_write_them() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        for (text, date) in [
            ("09/10/2025 09:58:12 AM", day(2025, 9, 10)),
            ("10/7/26, 9:58:03 AM", day(2026, 10, 7)),
            ("10/7/2026 9:58", day(2026, 10, 7)),
            ("2026/10/07 09:58:12", day(2026, 10, 7)),
            ("Oct 7, 2026 9:58 AM", day(2026, 10, 7)),
            ("07-Oct-2026 09:58", day(2026, 10, 7)),
            ("10-07-2026 09:58 AM", day(2026, 10, 7)),
            ("2026-10-07T09:58:12-05:00", day(2026, 10, 7)),
        ] {
            assert_eq!(
                parse_time(text, false).map(|t| t.date()),
                Some(date),
                "{text}"
            );
        }
        assert_eq!(parse_time("soon", false), None);
        assert_eq!(parse_time("13/13/2026 10:00", false), None);
        assert_eq!(
            parse_time("07/10/2026 09:00", true).map(|t| t.date()),
            Some(day(2026, 10, 7)),
            "day first when the column says so"
        );
        assert!(is_day_first(
            ["07/10/2026 09:00", "13/10/2026 10:00"].into_iter()
        ));
        assert!(!is_day_first(
            ["07/10/2026 09:00", "10/13/2026 10:00"].into_iter()
        ));
        assert!(!is_day_first(["07/10/2026 09:00"].into_iter()));
    }

    #[test]
    fn overlapping_spans_count_once() {
        let at = |h, m| {
            chrono::NaiveDate::from_ymd_opt(2026, 10, 7)
                .unwrap()
                .and_hms_opt(h, m, 0)
                .unwrap()
        };
        let mut spans = vec![
            (at(10, 0), at(11, 0)),
            (at(10, 0), at(11, 0)),
            (at(10, 10), at(10, 50)),
            (at(11, 30), at(11, 45)),
        ];
        assert_eq!(minutes_covered(&mut spans), 75);
    }
}

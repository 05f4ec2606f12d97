//! The values inside a report's cells: names with their markers, minutes
//! in every spelling, and times as Zoom and Teams write them.

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

/// A time as Zoom and Teams write them.
pub(super) fn parse_time(text: &str) -> Option<chrono::NaiveDateTime> {
    const FORMATS: [&str; 10] = [
        "%m/%d/%Y %I:%M:%S %p",
        "%m/%d/%Y, %I:%M:%S %p",
        "%m/%d/%y, %I:%M:%S %p",
        "%m/%d/%y %I:%M:%S %p",
        "%m/%d/%Y %I:%M %p",
        "%m/%d/%Y, %H:%M:%S",
        "%m/%d/%Y %H:%M:%S",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M:%S%.f",
    ];
    let text = text.trim().trim_end_matches('Z');
    FORMATS
        .iter()
        .find_map(|f| chrono::NaiveDateTime::parse_from_str(text, f).ok())
}

/// Minutes between a join and a leave time.
pub(super) fn minutes_between(join: &str, leave: &str) -> Option<u32> {
    let seconds = (parse_time(leave)? - parse_time(join)?).num_seconds();
    u32::try_from((seconds + 30) / 60).ok()
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
    fn join_and_leave_give_minutes_when_there_is_no_duration() {
        assert_eq!(
            minutes_between("09/10/2025 09:58:12 AM", "09/10/2025 11:00:00 AM"),
            Some(62)
        );
        assert_eq!(minutes_between("2025-09-10 09:58:12", "nonsense"), None);
    }
}

//! iCalendar files (RFC 5545) of convenings, written with the `icalendar`
//! crate: each event keeps its UID for life and counts its changes in
//! SEQUENCE, so that importing a newer file updates the same calendar entry
//! instead of adding another. Timed events carry their Kentucky time zone
//! (Eastern or Central) with its VTIMEZONE definition, which Outlook needs.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeDelta, Utc};
use icalendar::{Calendar, CalendarDateTime, Component as _, Event, EventLike as _, Property};

use crate::domain::KentuckyTime;
use crate::domain::email::Recipient;

/// The time zone definitions, kept as the file text calendars expect.
const TIME_ZONES: &str = include_str!("../../assets/calendar/kentucky_time_zones.ics");

/// What a calendar entry says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarEvent {
    /// Stable for the convening's life.
    pub uid: String,
    pub sequence: u32,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub day: NaiveDate,
    /// `None`: an all-day event on `day`.
    pub starts_at: Option<NaiveTime>,
    /// `None` with a start: an hour long.
    pub ends_at: Option<NaiveTime>,
    pub time_zone: KentuckyTime,
    pub organiser: Option<Recipient>,
}

/// A calendar's text: `events` under `name`, stamped `now`.
pub fn ics_text(name: &str, events: &[CalendarEvent], now: DateTime<Utc>) -> String {
    let mut calendar = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        (
            "PRODID",
            "-//Kentucky Department of Education//ILN Roster//EN",
        ),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
    ] {
        calendar.append_property(Property::new(key, value));
    }
    calendar.append_property(Property::new("X-WR-CALNAME", name));
    // Only the zones a timed event names are defined.
    let used = |tzid: &str| {
        events
            .iter()
            .any(|e| e.starts_at.is_some() && e.time_zone.tzid() == tzid)
    };
    for event in events {
        calendar.push(event_of(event, now));
    }
    // The zones go in as the bundled text has them: written through the
    // crate, they would gain a DTSTAMP and UID, which RFC 5545 does not
    // allow in a VTIMEZONE.
    let zones: String = time_zone_definitions()
        .into_iter()
        .filter(|(tzid, _)| used(tzid))
        .map(|(_, text)| text)
        .collect();
    let text = calendar.to_string();
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.find("END:VCALENDAR"))
        .unwrap_or(text.len());
    format!("{}{zones}{}", &text[..at], &text[at..])
}

/// The bundled VTIMEZONE blocks, each with its TZID, lines ending CRLF.
fn time_zone_definitions() -> Vec<(String, String)> {
    let mut zones = Vec::new();
    let mut block: Option<(String, String)> = None;
    for line in TIME_ZONES.lines().map(str::trim_end) {
        if line == "BEGIN:VTIMEZONE" {
            block = Some((String::new(), String::new()));
        }
        if let Some((tzid, text)) = &mut block {
            if let Some(id) = line.strip_prefix("TZID:") {
                *tzid = id.to_owned();
            }
            text.push_str(line);
            text.push_str("\r\n");
        }
        if line == "END:VTIMEZONE" {
            zones.extend(block.take());
        }
    }
    zones
}

fn event_of(event: &CalendarEvent, now: DateTime<Utc>) -> Event {
    let mut out = Event::new();
    out.uid(&format!("{}@iln-roster.education.ky.gov", event.uid))
        .sequence(event.sequence)
        .timestamp(now)
        .summary(&event.summary);
    if !event.description.is_empty() {
        out.description(&event.description);
    }
    if !event.location.is_empty() {
        out.location(&event.location);
        let link = event.location.trim();
        if link.starts_with("https://") || link.starts_with("http://") {
            out.url(link);
        }
    }
    match event.starts_at {
        None => {
            // An all-day event ends (exclusively) the next day.
            out.starts(event.day);
            out.ends(
                event
                    .day
                    .checked_add_days(Days::new(1))
                    .unwrap_or(event.day),
            );
        }
        Some(start) => {
            let end = event.ends_at.unwrap_or_else(|| {
                let hour_later = start.overflowing_add_signed(TimeDelta::hours(1)).0;
                if hour_later > start {
                    hour_later
                } else {
                    NaiveTime::from_hms_opt(23, 59, 0).unwrap_or(start)
                }
            });
            let at = |time: NaiveTime| CalendarDateTime::WithTimezone {
                date_time: event.day.and_time(time),
                tzid: event.time_zone.tzid().to_owned(),
            };
            out.starts(at(start));
            out.ends(at(end));
        }
    }
    if let Some(organiser) = &event.organiser {
        let name = organiser.name.replace(['"', '\r', '\n'], "");
        out.append_property(
            Property::new("ORGANIZER", format!("mailto:{}", organiser.email))
                .add_parameter("CN", &format!("\"{name}\""))
                .done(),
        );
    }
    out.done()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_time_zones_are_read() {
        let zones = time_zone_definitions();
        let ids: Vec<&str> = zones.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["America/New_York", "America/Chicago"]);
        for (_, text) in &zones {
            assert!(text.starts_with("BEGIN:VTIMEZONE\r\n") && text.ends_with("END:VTIMEZONE\r\n"));
            assert!(!text.contains("DTSTAMP") && !text.contains("UID"), "{text}");
        }
    }
}

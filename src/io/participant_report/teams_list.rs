//! Teams' older attendance list: a row per action ("Joined", "Left",
//! "Joined before") with the person's full name and a timestamp, no emails.

use std::collections::HashMap;

use super::values::{parse_time, split_name};
use super::{ParticipantReport, ReportError, ReportSource, header_is};
use crate::domain::participants::Participant;

/// Teams' older attendance list, if `records` are one: each person's joins
/// and leaves paired into minutes (someone never seen leaving stayed until
/// the list's last action), their rows merged by name.
pub(super) fn read_action_list(
    records: &[Vec<String>],
) -> Option<Result<ParticipantReport, ReportError>> {
    let (header_at, header) = records.iter().enumerate().find(|(_, record)| {
        record.iter().any(|h| header_is(h, &["full name", "name"]))
            && record
                .iter()
                .any(|h| header_is(h, &["user action", "action"]))
            && record.iter().any(|h| header_is(h, &["timestamp", "time"]))
    })?;
    let position = |names: &[&str]| header.iter().position(|h| header_is(h, names));
    let (name_at, action_at, time_at) = (
        position(&["full name", "name"])?,
        position(&["user action", "action"])?,
        position(&["timestamp", "time"])?,
    );
    struct Person {
        participant: Participant,
        joined_at: Option<chrono::NaiveDateTime>,
        seconds: i64,
    }
    let mut people: Vec<Person> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut last: Option<chrono::NaiveDateTime> = None;
    let mut earliest: Option<chrono::NaiveDateTime> = None;
    let mut unreadable: Option<String> = None;
    for record in &records[header_at + 1..] {
        let cell = |at: usize| record.get(at).map(String::as_str).unwrap_or_default();
        let (raw_name, action) = (cell(name_at), cell(action_at).to_lowercase());
        let Some(at) = parse_time(cell(time_at)) else {
            if !cell(time_at).is_empty() && unreadable.is_none() {
                unreadable = Some(cell(time_at).chars().take(40).collect::<String>());
            }
            continue;
        };
        if raw_name.is_empty() {
            continue;
        }
        last = Some(last.map_or(at, |l| l.max(at)));
        earliest = Some(earliest.map_or(at, |e| e.min(at)));
        let (name, _, guest) = split_name(raw_name, false);
        let key = name.to_lowercase();
        let at_index = *index.entry(key).or_insert_with(|| {
            people.push(Person {
                participant: Participant {
                    name,
                    original_name: None,
                    email: None,
                    minutes: None,
                    rows: 0,
                    guest,
                },
                joined_at: None,
                seconds: 0,
            });
            people.len() - 1
        });
        let person = &mut people[at_index];
        if action.starts_with("join") {
            // A second join without a leave between keeps the first.
            if person.joined_at.is_none() {
                person.joined_at = Some(at);
                person.participant.rows += 1;
            }
        } else if (action.starts_with("left") || action.starts_with("leave"))
            && let Some(joined) = person.joined_at.take()
        {
            person.seconds += (at - joined).num_seconds().max(0);
        }
    }
    let participants: Vec<Participant> = people
        .into_iter()
        .filter(|p| p.participant.rows > 0)
        .map(|mut p| {
            if let (Some(joined), Some(last)) = (p.joined_at, last) {
                p.seconds += (last - joined).num_seconds().max(0);
            }
            p.participant.minutes = u32::try_from((p.seconds + 30) / 60).ok();
            p.participant
        })
        .collect();
    Some(if participants.is_empty() {
        Err(match unreadable {
            Some(time) => ReportError::UnreadableTime(time),
            None => ReportError::NoParticipants,
        })
    } else {
        Ok(ParticipantReport {
            source: ReportSource::TeamsList,
            meeting: None,
            meeting_date: earliest.map(|e| e.date()),
            dates_unreadable: false,
            participants,
        })
    })
}

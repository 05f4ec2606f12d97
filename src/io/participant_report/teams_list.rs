//! Teams' older attendance list: a row per action ("Joined", "Left",
//! "Joined before") with the person's full name and a timestamp, no emails.

use std::collections::HashMap;

use super::values::{is_day_first, parse_time, split_name};
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
    let day_first = is_day_first(
        records[header_at + 1..]
            .iter()
            .filter_map(|record| record.get(time_at).map(String::as_str)),
    );
    enum Action {
        Join,
        Leave,
    }
    /// A person's readable actions: their name, whether a guest, and when
    /// they did what.
    struct Seen {
        name: String,
        guest: bool,
        actions: Vec<(chrono::NaiveDateTime, Action)>,
    }
    // In the order people were first seen.
    let mut events: Vec<Seen> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut first: Option<chrono::NaiveDateTime> = None;
    let mut last: Option<chrono::NaiveDateTime> = None;
    let mut unreadable: Option<String> = None;
    let mut passed_over = 0usize;
    for record in &records[header_at + 1..] {
        let cell = |at: usize| record.get(at).map(String::as_str).unwrap_or_default();
        if record.iter().all(|c| c.is_empty()) {
            continue;
        }
        let (raw_name, action) = (cell(name_at), cell(action_at).to_lowercase());
        let action = if action.starts_with("join") {
            Action::Join
        } else if action.starts_with("left") || action.starts_with("leave") {
            Action::Leave
        } else {
            passed_over += 1;
            continue;
        };
        let Some(at) = parse_time(cell(time_at), day_first) else {
            if !cell(time_at).is_empty() && unreadable.is_none() {
                unreadable = Some(cell(time_at).chars().take(40).collect::<String>());
            }
            passed_over += 1;
            continue;
        };
        if raw_name.is_empty() {
            passed_over += 1;
            continue;
        }
        first = Some(first.map_or(at, |f| f.min(at)));
        last = Some(last.map_or(at, |l| l.max(at)));
        let (name, _, guest) = split_name(raw_name, false);
        let at_index = *index.entry(name.to_lowercase()).or_insert_with(|| {
            events.push(Seen {
                name,
                guest,
                actions: Vec::new(),
            });
            events.len() - 1
        });
        events[at_index].actions.push((at, action));
    }
    let (Some(first), Some(last)) = (first, last) else {
        return Some(Err(match unreadable {
            Some(time) => ReportError::UnreadableTime(time),
            None => ReportError::NoParticipants,
        }));
    };
    // Joins and leaves paired in time order: someone seen leaving without
    // joining was there from the list's first action, someone never seen
    // leaving until its last; a second join before a leave keeps the first.
    let participants: Vec<Participant> = events
        .into_iter()
        .map(
            |Seen {
                 name,
                 guest,
                 mut actions,
             }| {
                actions.sort_by_key(|(at, _)| *at);
                let mut seconds = 0i64;
                let mut rows = 0usize;
                let mut joined: Option<chrono::NaiveDateTime> = None;
                for (at, action) in actions {
                    match action {
                        Action::Join => {
                            if joined.is_none() {
                                joined = Some(at);
                                rows += 1;
                            }
                        }
                        Action::Leave => {
                            let from = joined.take().unwrap_or_else(|| {
                                rows += 1;
                                first
                            });
                            seconds += (at - from).num_seconds().max(0);
                        }
                    }
                }
                if let Some(joined) = joined {
                    seconds += (last - joined).num_seconds().max(0);
                }
                Participant {
                    name,
                    original_name: None,
                    email: None,
                    minutes: u32::try_from((seconds + 30) / 60).ok(),
                    rows,
                    guest,
                }
            },
        )
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
            meeting_date: Some(first.date()),
            dates_unreadable: false,
            passed_over,
            participants,
        })
    })
}

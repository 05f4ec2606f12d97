//! Teams' older attendance list: a row per action ("Joined", "Left",
//! "Joined before") with the person's full name and a timestamp, no emails.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::values::{is_day_first, parse_time, split_name};
use super::{ParticipantReport, ReportError, ReportSource, header_is};
use crate::domain::participants::Participant;

/// Teams' older attendance list, if `records` are one: each person's joins
/// and leaves paired into minutes (someone never seen leaving stayed until
/// the list's last action), their rows merged by name.
pub(super) fn read_action_list(
    records: &[Vec<String>],
) -> Option<Result<ParticipantReport, ReportError>> {
    let columns = Columns::find(records)?;
    let rows = &records[columns.header_at + 1..];
    let seen = Actions::read(rows, &columns);
    let unreadable = || match seen.unreadable.clone() {
        Some(time) => ReportError::UnreadableTime(time),
        None => ReportError::NoParticipants,
    };
    let (Some(first), Some(last)) = (seen.first, seen.last) else {
        return Some(Err(unreadable()));
    };
    let participants: Vec<Participant> = seen
        .people
        .into_iter()
        .map(|person| person.into_participant(first, last))
        .collect();
    Some(if participants.is_empty() {
        Err(unreadable())
    } else {
        Ok(ParticipantReport {
            source: ReportSource::TeamsList,
            meeting: None,
            meeting_date: Some(first.date()),
            dates_unreadable: false,
            passed_over: seen.passed_over,
            participants,
        })
    })
}

/// Where the list's heading row is, and its name, action and time columns.
struct Columns {
    header_at: usize,
    name_at: usize,
    action_at: usize,
    time_at: usize,
    /// Whether its times are written day first (31/1/2026).
    day_first: bool,
}

impl Columns {
    fn find(records: &[Vec<String>]) -> Option<Self> {
        const NAME: &[&str] = &["full name", "name"];
        const ACTION: &[&str] = &["user action", "action"];
        const TIME: &[&str] = &["timestamp", "time"];
        let (header_at, header) = records.iter().enumerate().find(|(_, record)| {
            [NAME, ACTION, TIME]
                .iter()
                .all(|names| record.iter().any(|h| header_is(h, names)))
        })?;
        let position = |names: &[&str]| header.iter().position(|h| header_is(h, names));
        let time_at = position(TIME)?;
        let day_first = is_day_first(
            records[header_at + 1..]
                .iter()
                .filter_map(|record| record.get(time_at).map(String::as_str)),
        );
        Some(Self {
            header_at,
            name_at: position(NAME)?,
            action_at: position(ACTION)?,
            time_at,
            day_first,
        })
    }
}

enum Action {
    Join,
    Leave,
}

/// A person's readable actions: their name, whether a guest, and when
/// they did what.
struct Seen {
    name: String,
    guest: bool,
    actions: Vec<(NaiveDateTime, Action)>,
}

/// Every readable action of the list, by person.
struct Actions {
    /// In the order people were first seen.
    people: Vec<Seen>,
    /// The list's first and last actions.
    first: Option<NaiveDateTime>,
    last: Option<NaiveDateTime>,
    /// The first time that could not be read, to name it.
    unreadable: Option<String>,
    passed_over: usize,
}

impl Actions {
    fn read(rows: &[Vec<String>], columns: &Columns) -> Self {
        let mut seen = Self {
            people: Vec::new(),
            first: None,
            last: None,
            unreadable: None,
            passed_over: 0,
        };
        let mut index: HashMap<String, usize> = HashMap::new();
        for record in rows {
            if record.iter().all(|c| c.is_empty()) {
                continue;
            }
            let cell = |at: usize| record.get(at).map(String::as_str).unwrap_or_default();
            let (raw_name, action) = (cell(columns.name_at), cell(columns.action_at));
            let time = cell(columns.time_at);
            let Some(action) = action_of(action) else {
                seen.passed_over += 1;
                continue;
            };
            let Some(at) = parse_time(time, columns.day_first) else {
                if !time.is_empty() && seen.unreadable.is_none() {
                    seen.unreadable = Some(time.chars().take(40).collect());
                }
                seen.passed_over += 1;
                continue;
            };
            if raw_name.is_empty() {
                seen.passed_over += 1;
                continue;
            }
            seen.first = Some(seen.first.map_or(at, |f| f.min(at)));
            seen.last = Some(seen.last.map_or(at, |l| l.max(at)));
            let (name, _, guest) = split_name(raw_name, false);
            let people = &mut seen.people;
            let at_index = *index.entry(name.to_lowercase()).or_insert_with(|| {
                people.push(Seen {
                    name,
                    guest,
                    actions: Vec::new(),
                });
                people.len() - 1
            });
            people[at_index].actions.push((at, action));
        }
        seen
    }
}

fn action_of(text: &str) -> Option<Action> {
    let text = text.to_lowercase();
    if text.starts_with("join") {
        Some(Action::Join)
    } else if text.starts_with("left") || text.starts_with("leave") {
        Some(Action::Leave)
    } else {
        None
    }
}

impl Seen {
    /// Joins and leaves paired in time order: someone seen leaving without
    /// joining was there from the list's `first` action, someone never seen
    /// leaving until its `last`; a second join before a leave keeps the
    /// first.
    fn into_participant(mut self, first: NaiveDateTime, last: NaiveDateTime) -> Participant {
        self.actions.sort_by_key(|(at, _)| *at);
        let mut seconds = 0i64;
        let mut rows = 0usize;
        let mut joined: Option<NaiveDateTime> = None;
        for (at, action) in self.actions {
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
            name: self.name,
            original_name: None,
            email: None,
            minutes: u32::try_from((seconds + 30) / 60).ok(),
            rows,
            guest: self.guest,
        }
    }
}

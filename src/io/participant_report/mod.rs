//! Participant reports exported by Zoom and Microsoft Teams, read into one
//! list of people.
//!
//! Real files vary: meeting details above the participant table, UTF-8 with
//! or without a byte-order mark, UTF-16 with tabs (Teams), one person on
//! several rows because they rejoined, "(Guest)" or the original name in
//! brackets, missing emails, rows of Zoom's waiting room (not time in the
//! meeting). The table is found by its header row.
//!
//! Teams' older attendance list is a log instead: a row per action (full
//! name, "Joined", "Left" or "Joined before", timestamp) and no emails. Its
//! joins and leaves are paired into time in the meeting.

use std::collections::HashMap;

use crate::domain::participants::Participant;
use crate::io::spreadsheet::{MAX_COLUMNS, MAX_ROWS};

mod teams_list;
mod values;

use teams_list::read_action_list;
use values::{is_day_first, minutes_covered, parse_minutes, parse_time, split_name};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    #[error("The file is empty.")]
    Empty,
    #[error("The file is not text: it looks like a binary file, not a participant report.")]
    Binary,
    #[error(
        "This is not a participant report: no table with a Name column and an Email, Join time or \
         Duration column was found, nor Teams' attendance list (Full Name, User Action, \
         Timestamp). Expected the participants CSV from Zoom (Reports › Usage › Participants) or \
         the attendance report or list from Microsoft Teams."
    )]
    NoParticipantTable,
    #[error("The participant table has a header but no people in it.")]
    NoParticipants,
    #[error(
        "The attendance list's times could not be read (“{0}”): expected times such as \
         10/7/2026 9:58:03 AM or 2026-10-07 09:58:03."
    )]
    UnreadableTime(String),
    #[error("The file is too large for a participant report ({0} MB; at most 50 MB).")]
    TooLarge(u64),
    #[error("The file has more than {0} rows: more than any meeting's report.")]
    TooManyRows(usize),
    #[error("The file has a line of {0} kB: not a participant report.")]
    LineTooLong(usize),
}

/// Which program wrote the report, as far as its headers tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportSource {
    Zoom,
    Teams,
    /// Teams' older attendance list: joins and leaves, no emails.
    TeamsList,
    Unknown,
}

impl ReportSource {
    pub fn label(self) -> &'static str {
        match self {
            Self::Zoom => "Zoom report",
            Self::Teams => "Teams report",
            Self::TeamsList => "Teams attendance list",
            Self::Unknown => "Participant report",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParticipantReport {
    pub source: ReportSource,
    /// The meeting's title or topic, when the report has a details block.
    pub meeting: Option<String>,
    /// The day the meeting took place: its earliest join.
    pub meeting_date: Option<chrono::NaiveDate>,
    /// The report gives no join time that can be read: the day of the
    /// meeting is unknown.
    pub dates_unreadable: bool,
    /// Rows that could not be read (no name or email, an unknown action, a
    /// time that cannot be read) and were passed over.
    pub passed_over: usize,
    pub participants: Vec<Participant>,
}

const NAME_HEADERS: [&str; 8] = [
    "name (original name)",
    "name",
    "full name",
    "participant",
    "participant name",
    "display name",
    "attendee",
    "user name",
];
const EMAIL_HEADERS: [&str; 5] = [
    "email",
    "user email",
    "email address",
    "participant id (upn)",
    "upn",
];
const JOIN_HEADERS: [&str; 4] = ["join time", "first join", "joined", "join"];
const LEAVE_HEADERS: [&str; 3] = ["leave time", "last leave", "left"];
const DURATION_HEADERS: [&str; 7] = [
    "duration (minutes)",
    "duration (mins)",
    "duration",
    "in-meeting duration",
    "time in meeting",
    "attendance duration",
    "total duration",
];
const TITLE_HEADERS: [&str; 3] = ["topic", "meeting title", "title"];

impl ParticipantReport {
    /// The same for the same people with the same minutes, whatever the
    /// file's encoding, layout or order: how a report recorded before is known
    /// again. FNV-1a, stable across versions of the app.
    pub fn fingerprint(&self) -> String {
        // In name order: the same people in another order are the same report.
        let mut lines: Vec<String> = self
            .participants
            .iter()
            .map(|participant| {
                let minutes = participant
                    .minutes
                    .map(|m| m.to_string())
                    .unwrap_or_default();
                format!(
                    "{}\u{1f}{}\u{1f}{minutes}\u{1e}",
                    participant.name.to_lowercase(),
                    participant.email.as_deref().unwrap_or_default()
                )
            })
            .collect();
        lines.sort_unstable();
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in lines.iter().flat_map(|line| line.bytes()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        format!("{hash:016x}")
    }
}

/// Why a report file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReportFileError {
    #[error("Could not read {}: {source}", path.display())]
    Io {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("{}: {error}", path.display())]
    Report {
        path: std::path::PathBuf,
        error: ReportError,
    },
}

/// Reads the report in the file at `path`.
pub fn read_participant_report_file(
    path: &std::path::Path,
) -> Result<ParticipantReport, ReportFileError> {
    let io = |source| ReportFileError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    // A pipe or a device could wait forever or never end.
    if !meta.is_file() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "it is not a file but a device, a pipe or a folder",
        )));
    }
    let size = meta.len();
    if size > crate::io::spreadsheet::MAX_FILE_BYTES {
        return Err(ReportFileError::Report {
            path: path.to_path_buf(),
            error: ReportError::TooLarge(size / (1024 * 1024)),
        });
    }
    let limit = crate::io::spreadsheet::MAX_FILE_BYTES;
    let bytes = crate::io::spreadsheet::read_at_most(path, limit).map_err(io)?;
    read_participant_report(&bytes).map_err(|error| ReportFileError::Report {
        path: path.to_path_buf(),
        error,
    })
}

/// Reads a report from the bytes of its file.
pub fn read_participant_report(bytes: &[u8]) -> Result<ParticipantReport, ReportError> {
    let records = csv_records(bytes)?;
    let meeting = meeting_title(&records);
    if let Some(report) = read_action_list(&records) {
        return report;
    }
    let (header_at, mut columns) = records
        .iter()
        .enumerate()
        .find_map(|(i, record)| Columns::find(record).map(|c| (i, c)))
        .ok_or(ReportError::NoParticipantTable)?;
    let rows = &records[header_at + 1..];
    columns.day_first = is_day_first(rows.iter().flat_map(|record| {
        [columns.join, columns.leave]
            .into_iter()
            .flatten()
            .filter_map(|at| record.get(at).map(String::as_str))
    }));
    let mut people = People::default();
    let mut passed_over = 0usize;
    for record in rows {
        let filled = record.iter().filter(|c| !c.is_empty()).count();
        // A blank row is passed over (people follow it in files edited by
        // hand); a section title ("3. In-Meeting Activities") or a new
        // header ends the table.
        if filled == 0 {
            continue;
        }
        if filled < 2 || Columns::find(record).is_some() {
            break;
        }
        if columns.in_waiting_room(record) {
            continue;
        }
        match columns.read(record) {
            Some(person) => people.add(person, &columns, record),
            None => passed_over += 1,
        }
    }
    let earliest = people.earliest;
    let participants = people.into_participants();
    if participants.is_empty() {
        return Err(ReportError::NoParticipants);
    }
    Ok(ParticipantReport {
        source: source_of(&records[header_at]),
        meeting,
        meeting_date: earliest.map(|e| e.date()),
        dates_unreadable: earliest.is_none(),
        passed_over,
        participants,
    })
}

/// The file's rows as cells, within the limits on lines, rows and columns.
fn csv_records(bytes: &[u8]) -> Result<Vec<Vec<String>>, ReportError> {
    let text = crate::io::text::decode(bytes).map_err(|error| match error {
        crate::io::text::TextError::Empty => ReportError::Empty,
        crate::io::text::TextError::Binary => ReportError::Binary,
    })?;
    const MAX_LINE: usize = 1024 * 1024;
    if let Some(long) = text.lines().map(str::len).max()
        && long > MAX_LINE
    {
        return Err(ReportError::LineTooLong(long / 1024));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(guess_delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records: Vec<Vec<String>> = Vec::new();
    for record in reader.records().filter_map(Result::ok) {
        if records.len() >= MAX_ROWS {
            return Err(ReportError::TooManyRows(MAX_ROWS));
        }
        records.push(record.iter().take(MAX_COLUMNS).map(clean_cell).collect());
    }
    Ok(records)
}

/// Which program wrote the table, by the headings only it uses.
fn source_of(header: &[String]) -> ReportSource {
    let has = |names: &[&str]| {
        header
            .iter()
            .any(|h| names.iter().any(|n| h.eq_ignore_ascii_case(n)))
    };
    if has(&["name (original name)", "user email"]) {
        ReportSource::Zoom
    } else if has(&["participant id (upn)", "first join"]) {
        ReportSource::Teams
    } else {
        ReportSource::Unknown
    }
}

/// The people of a report as its rows come, each person's rows merged.
#[derive(Default)]
struct People {
    people: Vec<Participant>,
    /// Beside each person: their rows' spans in the meeting (join, leave),
    /// and the minutes of rows that give only a duration.
    spans: Vec<Vec<(chrono::NaiveDateTime, chrono::NaiveDateTime)>>,
    durations: Vec<Option<u32>>,
    /// By email, or lower-case name without one.
    index: HashMap<String, usize>,
    /// The first join: the meeting's day.
    earliest: Option<chrono::NaiveDateTime>,
}

impl People {
    fn add(&mut self, person: Participant, columns: &Columns, record: &[String]) {
        if let Some(joined) = columns.joined(record) {
            self.earliest = Some(self.earliest.map_or(joined, |e| e.min(joined)));
        }
        let key = person
            .email
            .clone()
            .unwrap_or_else(|| person.name.to_lowercase());
        let minutes = person.minutes;
        let at = match self.index.get(&key) {
            Some(&at) => {
                let known = &mut self.people[at];
                known.rows += 1;
                known.guest &= person.guest;
                if known.original_name.is_none() {
                    known.original_name = person.original_name;
                }
                at
            }
            None => {
                self.index.insert(key, self.people.len());
                self.people.push(person);
                self.spans.push(Vec::new());
                self.durations.push(None);
                self.people.len() - 1
            }
        };
        // Times say more than a duration column (which a hand-edited file
        // can get wrong): a row with both counts by its times.
        match columns.span(record) {
            Some(span) => self.spans[at].push(span),
            None => {
                self.durations[at] = match (self.durations[at], minutes) {
                    (Some(a), Some(b)) => Some(a.saturating_add(b)),
                    (a, b) => a.or(b),
                };
            }
        }
    }

    /// Each person with the minutes their rows cover (overlaps once).
    fn into_participants(mut self) -> Vec<Participant> {
        let rows = self
            .people
            .iter_mut()
            .zip(&mut self.spans)
            .zip(self.durations);
        for ((person, spans), duration) in rows {
            person.minutes = if spans.is_empty() {
                duration
            } else {
                Some(minutes_covered(spans).saturating_add(duration.unwrap_or(0)))
            };
        }
        self.people
    }
}

/// Tabs when the file's lines carry more tabs than commas.
fn guess_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(40).collect();
    if sample.matches('\t').count() > sample.matches(',').count() {
        b'\t'
    } else {
        b','
    }
}

/// A cell as the app keeps it (no control characters or escape
/// sequences), a name or email cut to what a field holds.
fn clean_cell(cell: &str) -> String {
    let cell = crate::io::table::clean_cell(cell.trim_start_matches('\u{feff}'));
    if cell.chars().count() > crate::domain::limits::NAME {
        let mut cut: String = cell.chars().take(crate::domain::limits::NAME - 1).collect();
        cut.push('…');
        cut
    } else {
        cell
    }
}

fn header_is(cell: &str, names: &[&str]) -> bool {
    names.iter().any(|n| cell.eq_ignore_ascii_case(n))
}

/// The meeting's title from a details block: the cell under a "Topic"
/// header, or beside a "Meeting title" label.
fn meeting_title(records: &[Vec<String>]) -> Option<String> {
    for (i, record) in records.iter().enumerate() {
        for (j, cell) in record.iter().enumerate() {
            if !header_is(cell, &TITLE_HEADERS) {
                continue;
            }
            // Zoom: a row of headers over a row of values. Teams: label, value.
            let header_row = record.iter().filter(|c| !c.is_empty()).count() > 2;
            let title = if header_row {
                records.get(i + 1).and_then(|next| next.get(j))
            } else {
                record.get(j + 1)
            };
            if let Some(title) = title.filter(|v| !v.is_empty()) {
                return Some(title.clone());
            }
        }
    }
    None
}

/// Where the participant table keeps each thing.
struct Columns {
    name: usize,
    name_has_original: bool,
    email: Option<usize>,
    join: Option<usize>,
    leave: Option<usize>,
    duration: Option<usize>,
    guest: Option<usize>,
    waiting_room: Option<usize>,
    /// The file writes slashed dates day first ("13/10/2026").
    day_first: bool,
}

impl Columns {
    fn find(header: &[String]) -> Option<Self> {
        let position = |names: &[&str]| header.iter().position(|h| header_is(h, names));
        let name = position(&NAME_HEADERS)?;
        // Prefer a plain Email column over Teams' UPN.
        let email = position(&EMAIL_HEADERS[..3]).or_else(|| position(&EMAIL_HEADERS[3..]));
        let columns = Self {
            name,
            name_has_original: header[name].eq_ignore_ascii_case("name (original name)"),
            email,
            join: position(&JOIN_HEADERS),
            leave: position(&LEAVE_HEADERS),
            duration: position(&DURATION_HEADERS),
            guest: position(&["guest"]),
            waiting_room: position(&["in waiting room", "waiting room"]),
            day_first: false,
        };
        (columns.email.is_some() || columns.join.is_some() || columns.duration.is_some())
            .then_some(columns)
    }

    /// Whether the row is time in Zoom's waiting room, not in the meeting.
    fn in_waiting_room(&self, record: &[String]) -> bool {
        self.waiting_room
            .and_then(|at| record.get(at))
            .is_some_and(|cell| cell.eq_ignore_ascii_case("yes"))
    }

    /// When the row's person joined, if the report says.
    fn joined(&self, record: &[String]) -> Option<chrono::NaiveDateTime> {
        parse_time(record.get(self.join?)?, self.day_first)
    }

    /// The row's time in the meeting, when both its times can be read, the
    /// leave is not before the join, and it is less than a day (a longer
    /// span is a misread date, not a meeting).
    fn span(&self, record: &[String]) -> Option<(chrono::NaiveDateTime, chrono::NaiveDateTime)> {
        let joined = self.joined(record)?;
        let left = parse_time(record.get(self.leave?)?, self.day_first)?;
        (left >= joined && left - joined <= chrono::TimeDelta::hours(24)).then_some((joined, left))
    }

    fn read(&self, record: &[String]) -> Option<Participant> {
        let cell = |at: Option<usize>| {
            at.and_then(|i| record.get(i))
                .map(String::as_str)
                .filter(|s| !s.is_empty())
        };
        let email = cell(self.email)
            .map(str::to_lowercase)
            .filter(|e| e.contains('@') && !e.contains(char::is_whitespace));
        // A row with no name but an email is that address's person.
        let raw_name = cell(Some(self.name)).or(email.as_deref())?;
        let (name, original_name, guest_marker) = split_name(raw_name, self.name_has_original);
        if name.is_empty() {
            return None;
        }
        let minutes = cell(self.duration).and_then(parse_minutes);
        let guest = guest_marker || cell(self.guest).is_some_and(|g| g.eq_ignore_ascii_case("yes"));
        Some(Participant {
            name,
            original_name,
            email,
            minutes,
            rows: 1,
            guest,
        })
    }
}

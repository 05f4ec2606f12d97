//! Attendance from a tracker, in either shape people keep it: a grid
//! (districts down, a column per convening headed by its date or name, a
//! mark in each cell) or a list (a row per district per convening). What a
//! mark means is the user's to change; convenings not on the roster are
//! made from the headings; only a district that was a member that day can
//! be marked.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use strum::VariantArray as _;

use super::cells::{DistrictFinder, RowCells, column_name, items};
use super::people::People;
use super::{Action, Col, RecordRow, RowResult, SheetImport, change_text};
use crate::domain::district::name_key;
use crate::domain::validate::{self, display_date};
use crate::domain::{
    AttendanceStatus, ContactId, ContactRole, Convening, ConveningFields, ConveningId,
    ConveningKind, DistrictId, MemberSpan, SchoolYear,
};
use crate::store::{AttendanceLine, Store, StoreError};

/// Lines of one district's attendance, each at its convening.
#[derive(Clone, Debug)]
pub struct AttendanceAction {
    lines: Vec<(ConveningFields, AttendanceLine)>,
}

/// The title given to a convening a heading names only by its date.
const UNTITLED: &str = "ILN convening";

/// A year's convenings, who was a member when, and the marks recorded.
struct YearData {
    convenings: Vec<Convening>,
    spans: HashMap<DistrictId, MemberSpan>,
    recorded: HashMap<(ConveningId, DistrictId), AttendanceStatus>,
}

/// The roster as the attendance import reads it, a school year at a time.
struct Roster {
    years: HashMap<SchoolYear, YearData>,
    /// Convenings this import makes, with the title the file gave them.
    planned: Vec<NewConvening>,
    /// The user's title and kind for convenings to be made, by day and
    /// the title the file gave.
    names: BTreeMap<(NaiveDate, String), (String, ConveningKind)>,
}

/// A convening the import makes: its day, the title the file gave it (or
/// the one given to a heading with only a date), and the title and kind
/// it is made with (guessed, or the user's).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConvening {
    pub held_on: NaiveDate,
    pub from_file: String,
    pub title: String,
    pub kind: ConveningKind,
    /// Members that day the file gives no mark: a convening with any line
    /// counts them as absent.
    pub unmarked: usize,
}

impl NewConvening {
    fn fields(&self) -> ConveningFields {
        ConveningFields {
            held_on: self.held_on,
            title: self.title.clone(),
            kind: self.kind,
            location: String::new(),
            notes: String::new(),
        }
    }
}

/// The convening a row or column means.
enum Target {
    Existing(Convening),
    New(ConveningFields),
}

impl Target {
    fn fields(&self) -> &ConveningFields {
        match self {
            Self::Existing(c) => &c.fields,
            Self::New(fields) => fields,
        }
    }
}

impl Roster {
    fn year(&mut self, store: &Store, year: SchoolYear) -> Result<&YearData, StoreError> {
        if let std::collections::hash_map::Entry::Vacant(slot) = self.years.entry(year) {
            let grid = store.attendance_grid(year)?;
            let convenings: Vec<Convening> = store
                .convenings_in(year)?
                .into_iter()
                .map(|row| row.convening)
                .collect();
            let mut recorded = HashMap::new();
            let mut spans = HashMap::new();
            for row in &grid.rows {
                if let Some(span) = row.span {
                    spans.insert(row.district_id, span);
                }
                for (convening, cell) in grid.convenings.iter().zip(&row.cells) {
                    if let Some(status) = cell {
                        recorded.insert((convening.id, row.district_id), *status);
                    }
                }
            }
            slot.insert(YearData {
                convenings,
                spans,
                recorded,
            });
        }
        Ok(&self.years[&year])
    }

    /// The convening held on `day` titled `title` (any title when `None`:
    /// the only one that day), or a new one.
    fn find(
        &mut self,
        store: &Store,
        day: NaiveDate,
        title: Option<&str>,
        kind: Option<ConveningKind>,
    ) -> Result<Result<Target, String>, StoreError> {
        let data = self.year(store, SchoolYear::containing(day))?;
        let key = title.map(name_key);
        let same_day: Vec<&Convening> = data
            .convenings
            .iter()
            .filter(|c| c.fields.held_on == day)
            .collect();
        let matching: Vec<&&Convening> = same_day
            .iter()
            .filter(|c| key.as_ref().is_none_or(|k| name_key(&c.fields.title) == *k))
            .collect();
        match (matching.as_slice(), &key) {
            ([one], _) => return Ok(Ok(Target::Existing((**one).clone()))),
            // The day's only convening, under another title (the user
            // renamed the one an earlier import made).
            ([], Some(_)) if same_day.len() == 1 => {
                return Ok(Ok(Target::Existing(same_day[0].clone())));
            }
            ([], _) => {}
            (_, None) => {
                return Ok(Err(format!(
                    "{} convenings on {}: name the convening too",
                    matching.len(),
                    display_date(day)
                )));
            }
            (_, Some(_)) => {
                return Ok(Err(format!(
                    "more than one convening on {} has that title",
                    display_date(day)
                )));
            }
        }
        let from_file = title.map_or(UNTITLED, str::trim).to_owned();
        if let Some(planned) = self.planned.iter().find(|p| {
            p.held_on == day && (key.is_none() || name_key(&p.from_file) == name_key(&from_file))
        }) {
            return Ok(Ok(Target::New(planned.fields())));
        }
        let (title, kind) = self
            .names
            .get(&(day, from_file.clone()))
            .cloned()
            .unwrap_or_else(|| {
                (
                    from_file.clone(),
                    kind.unwrap_or_else(|| guess_kind(&from_file)),
                )
            });
        let made = NewConvening {
            held_on: day,
            from_file,
            title,
            kind,
            unmarked: 0,
        };
        self.planned.push(made.clone());
        Ok(Ok(Target::New(made.fields())))
    }

    /// The convening whose title is `title`, in any year read so far.
    fn by_title(&self, title: &str) -> Vec<Convening> {
        let key = name_key(title);
        self.years
            .values()
            .flat_map(|y| &y.convenings)
            .filter(|c| name_key(&c.fields.title) == key)
            .cloned()
            .collect()
    }
}

/// A convening's kind from the words of its title.
pub fn guess_kind(title: &str) -> ConveningKind {
    let lower = title.to_lowercase();
    if let Some(kind) = ConveningKind::VARIANTS
        .iter()
        .find(|k| k.label().to_lowercase() == lower || <&str>::from(**k) == lower)
    {
        return *kind;
    }
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if has(&["presentation of learning", "pol "]) {
        ConveningKind::PresentationOfLearning
    } else if has(&["study tour", "tour", "site visit"]) {
        ConveningKind::StudyTour
    } else if has(&["workshop"]) {
        ConveningKind::Workshop
    } else if has(&[
        "in-person",
        "in person",
        "summit",
        "gathering",
        "institute",
        "retreat",
    ]) {
        ConveningKind::InPerson
    } else {
        ConveningKind::Virtual
    }
}

/// What a district's line at a convening would be, checked.
struct Mark {
    target: Target,
    line: AttendanceLine,
}

/// Checks a mark: the district must have been a member that day.
fn check_mark(
    roster: &mut Roster,
    store: &Store,
    district: (DistrictId, &str),
    target: Target,
    line: AttendanceLine,
) -> Result<Result<(Mark, Option<AttendanceStatus>), String>, StoreError> {
    let day = target.fields().held_on;
    if day > crate::domain::today() {
        return Ok(Err(format!(
            "{} has not come yet: attendance is for convenings held",
            display_date(day)
        )));
    }
    let data = roster.year(store, SchoolYear::containing(day))?;
    let span = data.spans.get(&district.0);
    if !span.is_some_and(|s| s.is_member_on(day)) {
        let why = match (
            span.and_then(|s| s.received_on),
            span.and_then(|s| s.terminated_on),
        ) {
            (Some(received), _) if received > day => {
                format!("its letter came {}", display_date(received))
            }
            (_, Some(ended)) if ended <= day => {
                format!("its membership ended {}", display_date(ended))
            }
            (_, _) if span.is_some() => "its letter had not come".to_owned(),
            _ => format!("no letter for {}", SchoolYear::containing(day)),
        };
        return Ok(Err(format!(
            "{} was not a member on {} ({why})",
            district.1,
            display_date(day)
        )));
    }
    let recorded = match &target {
        Target::Existing(c) => data.recorded.get(&(c.id, district.0)).copied(),
        Target::New(_) => None,
    };
    Ok(Ok((Mark { target, line }, recorded)))
}

/// A list: a row per district per convening.
pub fn plan_list(
    store: &Store,
    sheet: &SheetImport,
) -> Result<(Vec<RecordRow>, Vec<NewConvening>), StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let people = People::read(store)?;
    let mut roster = Roster {
        years: HashMap::new(),
        planned: Vec::new(),
        names: sheet.convening_names.clone(),
    };
    let mut seen: HashMap<(NaiveDate, String, DistrictId), usize> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells {
            row: raw,
            headers: &sheet.table.headers,
            mapping: &sheet.mapping,
        };
        if let Some(totals) = super::totals_row(&cells) {
            rows.push(totals);
            continue;
        }
        let (district, name) = match finder.find(&cells) {
            Ok(found) => found,
            Err(problem) => {
                rows.push(RecordRow::problem(
                    raw.number,
                    cells.text(Col::District),
                    &[problem],
                ));
                continue;
            }
        };
        let mut problems = Vec::new();
        let day = match cells.get(Col::ConveningDate) {
            None => {
                problems.push(format!("{}: no date", cells.at(Col::ConveningDate)));
                None
            }
            Some(text) if sheet.year.is_none() && !has_year(text) => {
                problems.push(format!(
                    "{}: “{text}” has no year: give the year of the file's dates",
                    cells.at(Col::ConveningDate)
                ));
                None
            }
            Some(text) => {
                let year = sheet
                    .year
                    .unwrap_or_else(|| SchoolYear::containing(crate::domain::today()));
                match validate::optional_date_in(text, year) {
                    Ok(day) => day,
                    Err(message) => {
                        problems.push(format!("{}: {message}", cells.at(Col::ConveningDate)));
                        None
                    }
                }
            }
        };
        if let Some(note) = cells.get(Col::Note)
            && note.chars().count() > crate::domain::limits::NOTES
        {
            problems.push(format!(
                "{}: too long (at most {} characters)",
                cells.at(Col::Note),
                crate::domain::limits::NOTES
            ));
        }
        let status = match sheet.marks.read(&cells.text(Col::Status)) {
            Ok(status) => status,
            Err(message) => {
                problems.push(format!(
                    "{}: {message}: give it a meaning",
                    cells.at(Col::Status)
                ));
                None
            }
        };
        let minutes = cells.get(Col::Minutes).and_then(|m| {
            m.parse::<u32>()
                .map_err(|_| {
                    problems.push(format!(
                        "{}: “{m}” is not a number of minutes",
                        cells.at(Col::Minutes)
                    ))
                })
                .ok()
        });
        let (Some(day), true) = (day, problems.is_empty()) else {
            rows.push(RecordRow::problem(raw.number, name, &problems));
            continue;
        };
        let title = cells.get(Col::Convening);
        let subject = format!(
            "{name} · {}",
            title.map_or_else(
                || display_date(day),
                |t| format!("{t} ({})", display_date(day))
            )
        );
        let Some(status) = status else {
            rows.push(RecordRow::new(
                raw.number,
                subject,
                RowResult::Unchanged,
                "No mark: nothing to record".to_owned(),
                None,
            ));
            continue;
        };
        let kind = cells.get(Col::ConveningKind).map(guess_kind);
        let target = match roster.find(store, day, title, kind)? {
            Ok(target) => target,
            Err(problem) => {
                rows.push(RecordRow::problem(
                    raw.number,
                    subject,
                    &[format!("{}: {problem}", cells.at(Col::ConveningDate))],
                ));
                continue;
            }
        };
        // Two rows for one district at one convening, however it is named.
        let key = (day, name_key(&target.fields().title), district);
        if let Some(first) = seen.insert(key, raw.number) {
            rows.push(RecordRow::problem(
                raw.number,
                subject,
                &[format!(
                    "the same district at the same convening as row {first}"
                )],
            ));
            continue;
        }
        let (came, unknown) = people_who_came(&people, district, cells.get(Col::People));
        let line = AttendanceLine {
            district,
            status,
            note: cells.get(Col::Note).map(str::to_owned),
            minutes,
            people: came,
        };
        let (mark, recorded) =
            match check_mark(&mut roster, store, (district, &name), target, line)? {
                Ok(checked) => checked,
                Err(problem) => {
                    rows.push(RecordRow::problem(raw.number, subject, &[problem]));
                    continue;
                }
            };
        let mut details = describe_mark(&mark, recorded);
        if !unknown.is_empty() {
            details.push_str(&format!(
                "; not among the district's contacts, left out: {}",
                unknown.join(", ")
            ));
        }
        let result = match recorded {
            None => RowResult::New,
            Some(status) if status == mark.line.status => RowResult::Unchanged,
            Some(_) => RowResult::Update,
        };
        let action = Action::Attendance(AttendanceAction {
            lines: vec![(mark.target.fields().clone(), mark.line)],
        });
        rows.push(RecordRow::new(
            raw.number,
            subject,
            result,
            details,
            Some(action),
        ));
    }
    let made = roster.with_unmarked(&rows_marked(&rows));
    Ok((rows, made))
}

fn describe_mark(mark: &Mark, recorded: Option<AttendanceStatus>) -> String {
    let fields = mark.target.fields();
    let made = match mark.target {
        Target::New(_) => format!(
            " (a new convening: {}, {})",
            fields.title,
            fields.kind.label()
        ),
        Target::Existing(_) => String::new(),
    };
    match recorded {
        None => format!("Records {}{made}", mark.line.status.label()),
        Some(status) if status == mark.line.status => "Already recorded as it is".to_owned(),
        Some(status) => change_text("Attendance", status.label(), mark.line.status.label()),
    }
}

/// The district's contacts a cell names ("Pat Doe (45 min); Lee Roy"), and
/// the names that are none of them.
fn people_who_came(
    people: &People,
    district: DistrictId,
    cell: Option<&str>,
) -> (Vec<(ContactId, Option<u32>)>, Vec<String>) {
    let mut came = Vec::new();
    let mut unknown = Vec::new();
    for item in cell.map(items).unwrap_or_default() {
        let (name, minutes) = match item.rsplit_once(" (") {
            Some((name, rest)) => match rest
                .trim_end_matches(')')
                .trim_end_matches(" min")
                .parse::<u32>()
            {
                Ok(minutes) => (name.to_owned(), Some(minutes)),
                Err(_) => (item.clone(), None),
            },
            None => (item.clone(), None),
        };
        match people.find(district, &name, ContactRole::Other).id() {
            Some(id) => came.push((id, minutes)),
            None => unknown.push(name),
        }
    }
    (came, unknown)
}

/// What a grid's column heading names: a day (and a title, if the heading
/// has more words than its date), or a convening's title alone.
pub(super) fn read_heading(heading: &str, hint: SchoolYear) -> (Option<NaiveDate>, Option<String>) {
    let whole = heading.trim();
    if let Ok(Some(day)) = validate::optional_date_in(whole, hint) {
        return (Some(day), None);
    }
    let words: Vec<&str> = whole
        .split(|c: char| c.is_whitespace() || "()[]–—:|".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    for length in (1..=3).rev() {
        for start in 0..words.len().saturating_sub(length - 1) {
            let candidate = words[start..start + length].join(" ");
            let dateish = candidate.chars().any(|c| c.is_ascii_digit());
            if !dateish {
                continue;
            }
            if let Ok(Some(day)) = validate::optional_date_in(&candidate, hint) {
                let rest: Vec<&str> = words[..start]
                    .iter()
                    .chain(&words[start + length..])
                    .copied()
                    .collect();
                let title = rest
                    .join(" ")
                    .trim_matches(|c: char| c == '-' || c == ',' || c.is_whitespace())
                    .to_owned();
                return (Some(day), (!title.is_empty()).then_some(title));
            }
        }
    }
    (None, Some(whole.to_owned()))
}

/// A grid: districts down, a column per convening.
pub fn plan_grid(
    store: &Store,
    sheet: &SheetImport,
) -> Result<(Vec<RecordRow>, Vec<NewConvening>), StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let mut roster = Roster {
        years: HashMap::new(),
        planned: Vec::new(),
        names: sheet.convening_names.clone(),
    };
    let columns: Vec<usize> = sheet
        .mapping
        .0
        .iter()
        .enumerate()
        .filter(|(_, f)| **f == Some(Col::ConveningColumn))
        .map(|(i, _)| i)
        .collect();
    // Headings without a year take the year the user gave, or else the
    // year of the headings that have one; with neither, they are refused.
    let from_headings = columns.iter().find_map(|&column| {
        let heading = sheet.table.headers.get(column)?;
        let (day, _) = read_heading(heading, SchoolYear::containing(crate::domain::today()));
        day.filter(|_| has_year(heading))
            .map(SchoolYear::containing)
    });
    let given = sheet.year.or(from_headings);
    let hint = given.unwrap_or_else(|| SchoolYear::containing(crate::domain::today()));
    // Each column's convening, or why it names none.
    let mut targets: Vec<(usize, Result<Target, String>)> = Vec::new();
    for &column in &columns {
        let heading = sheet.table.headers.get(column).map_or("", String::as_str);
        let named = column_name(column, Some(heading));
        let target = match read_heading(heading, hint) {
            (Some(_), _) if given.is_none() && !has_year(heading) => Err(format!(
                "{named}: no year in the heading: give the year of the file's dates"
            )),
            (Some(day), title) => roster
                .find(store, day, title.as_deref(), None)?
                .map_err(|p| format!("{named}: {p}")),
            (None, Some(title)) => {
                roster.year(store, hint)?;
                match roster.by_title(&title).as_slice() {
                    [one] => Ok(Target::Existing(one.clone())),
                    [] => Err(format!(
                        "{named}: no convening of that name, and no date in the heading"
                    )),
                    _ => Err(format!(
                        "{named}: more than one convening has that name; head the column with its date"
                    )),
                }
            }
            (None, None) => Err(format!("{named}: no heading")),
        };
        // Two columns for one convening would mark it twice.
        let target = match target {
            Ok(found) => match targets
                .iter()
                .find(|(_, t)| t.as_ref().is_ok_and(|t| same_convening(t, &found)))
            {
                Some((first, _)) => Err(format!(
                    "{named}: the same convening as {}",
                    column_name(*first, sheet.table.headers.get(*first).map(String::as_str))
                )),
                None => Ok(found),
            },
            Err(problem) => Err(problem),
        };
        targets.push((column, target));
    }
    let mut seen: HashMap<DistrictId, usize> = HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells {
            row: raw,
            headers: &sheet.table.headers,
            mapping: &sheet.mapping,
        };
        if let Some(totals) = super::totals_row(&cells) {
            rows.push(totals);
            continue;
        }
        let (district, name) = match finder.find(&cells) {
            Ok(found) => found,
            Err(problem) => {
                rows.push(RecordRow::problem(
                    raw.number,
                    cells.text(Col::District),
                    &[problem],
                ));
                continue;
            }
        };
        if let Some(first) = seen.insert(district, raw.number) {
            rows.push(RecordRow::problem(
                raw.number,
                name,
                &[format!(
                    "the same district as row {first}: make them one row"
                )],
            ));
            continue;
        }
        let mut problems = Vec::new();
        let mut refused = Vec::new();
        let mut lines = Vec::new();
        let (mut added, mut changed, mut same) = (0, Vec::new(), 0);
        for (column, target) in &targets {
            let cell = raw.cells.get(*column).map_or("", String::as_str);
            let status = match sheet.marks.read(cell) {
                Ok(Some(status)) => status,
                Ok(None) => continue,
                Err(message) => {
                    let named = column_name(
                        *column,
                        sheet.table.headers.get(*column).map(String::as_str),
                    );
                    problems.push(format!("{named}: {message}: give it a meaning"));
                    continue;
                }
            };
            let target = match target {
                Ok(Target::Existing(c)) => Target::Existing(c.clone()),
                Ok(Target::New(f)) => Target::New(f.clone()),
                Err(problem) => {
                    problems.push(problem.clone());
                    continue;
                }
            };
            let line = AttendanceLine {
                district,
                status,
                note: None,
                minutes: None,
                people: Vec::new(),
            };
            match check_mark(&mut roster, store, (district, &name), target, line)? {
                Ok((mark, recorded)) => {
                    match recorded {
                        None => added += 1,
                        Some(before) if before == status => same += 1,
                        Some(before) => changed.push(format!(
                            "{}: {} ➡ {}",
                            display_date(mark.target.fields().held_on),
                            before.label(),
                            status.label()
                        )),
                    }
                    lines.push((mark.target.fields().clone(), mark.line));
                }
                Err(problem) => refused.push(problem),
            }
        }
        if !problems.is_empty() {
            rows.push(RecordRow::problem(raw.number, name, &problems));
            continue;
        }
        let attended = lines
            .iter()
            .filter(|(_, l)| l.status == AttendanceStatus::Attended)
            .count();
        let mut details = if added + changed.len() == 0 {
            "Already recorded as it is".to_owned()
        } else {
            let mut text = format!(
                "Records {} ({attended} attended)",
                crate::domain::count(added, "new mark", "new marks")
            );
            if !changed.is_empty() {
                text.push_str(&format!("; changes {}", changed.join(", ")));
            }
            if same > 0 {
                text.push_str(&format!("; {same} as recorded"));
            }
            text
        };
        let action = (!lines.is_empty()).then_some(Action::Attendance(AttendanceAction { lines }));
        let result = if !refused.is_empty() {
            details = format!(
                "{}. The rest can be imported: {details}",
                sentence_case(&refused.join("; "))
            );
            if action.is_some() {
                RowResult::Partly
            } else {
                RowResult::Problem
            }
        } else if added > 0 {
            RowResult::New
        } else if !changed.is_empty() {
            RowResult::Update
        } else {
            RowResult::Unchanged
        };
        rows.push(RecordRow::new(raw.number, name, result, details, action));
    }
    let made = roster.with_unmarked(&rows_marked(&rows));
    Ok((rows, made))
}

/// Writes the lines chosen, a convening at a time, making the convenings
/// the headings named; returns how many lines were written.
pub fn apply(store: &mut Store, actions: &[&AttendanceAction]) -> Result<usize, StoreError> {
    // Convenings in the order first met, each with its lines.
    let mut order: Vec<ConveningFields> = Vec::new();
    let mut lines_of: HashMap<usize, Vec<AttendanceLine>> = HashMap::new();
    for action in actions {
        for (fields, line) in &action.lines {
            let at = match order.iter().position(|f| f == fields) {
                Some(at) => at,
                None => {
                    order.push(fields.clone());
                    order.len() - 1
                }
            };
            lines_of.entry(at).or_default().push(line.clone());
        }
    }
    let mut written = 0;
    for (at, fields) in order.iter().enumerate() {
        let existing = store
            .convenings_in(fields.year())?
            .into_iter()
            .find(|row| {
                row.convening.fields.held_on == fields.held_on
                    && name_key(&row.convening.fields.title) == name_key(&fields.title)
            })
            .map(|row| row.convening.id);
        let id = match existing {
            Some(id) => id,
            None => store.insert_convening(fields)?,
        };
        let lines = lines_of.remove(&at).unwrap_or_default();
        written += lines.len();
        store.record_attendance_lines(id, &lines)?;
    }
    Ok(written)
}

/// The districts each convening's lines mark, by day and title key.
fn rows_marked(rows: &[RecordRow]) -> HashMap<(NaiveDate, String), Vec<DistrictId>> {
    let mut marked: HashMap<(NaiveDate, String), Vec<DistrictId>> = HashMap::new();
    for row in rows {
        if let Some(Action::Attendance(action)) = &row.action {
            for (fields, line) in &action.lines {
                marked
                    .entry((fields.held_on, name_key(&fields.title)))
                    .or_default()
                    .push(line.district);
            }
        }
    }
    marked
}

impl Roster {
    /// The convenings made, each with how many members that day the file
    /// leaves without a mark.
    fn with_unmarked(
        self,
        marked: &HashMap<(NaiveDate, String), Vec<DistrictId>>,
    ) -> Vec<NewConvening> {
        self.planned
            .iter()
            .map(|made| {
                let members = self
                    .years
                    .get(&SchoolYear::containing(made.held_on))
                    .map(|data| {
                        let given = marked.get(&(made.held_on, name_key(&made.title)));
                        data.spans
                            .iter()
                            .filter(|(district, span)| {
                                span.is_member_on(made.held_on)
                                    && !given.is_some_and(|g| g.contains(district))
                            })
                            .count()
                    })
                    .unwrap_or(0);
                NewConvening {
                    unmarked: members,
                    ..made.clone()
                }
            })
            .collect()
    }
}

/// Whether a date as written says its year ("9/12/2024", "Sep 12, 24",
/// "2024-09-12"), not only a month and day.
fn has_year(text: &str) -> bool {
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest >= 4 || text.matches(['/', '-']).count() >= 2
}

fn same_convening(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Existing(a), Target::Existing(b)) => a.id == b.id,
        (Target::New(a), Target::New(b)) => {
            a.held_on == b.held_on && name_key(&a.title) == name_key(&b.title)
        }
        _ => false,
    }
}

/// `text` with its first letter capitalised.
fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_give_a_day_and_maybe_a_title() {
        let year = SchoolYear::starting(2025).unwrap();
        let day = |m, d| NaiveDate::from_ymd_opt(2025, m, d);
        assert_eq!(read_heading("9/10/2025", year), (day(9, 10), None));
        assert_eq!(read_heading("Sep 10", year), (day(9, 10), None));
        assert_eq!(
            read_heading("Fall Summit (Oct 15, 2025)", year),
            (day(10, 15), Some("Fall Summit".to_owned()))
        );
        assert_eq!(
            read_heading("Fall Summit", year),
            (None, Some("Fall Summit".to_owned()))
        );
        assert_eq!(guess_kind("Fall Summit"), ConveningKind::InPerson);
        assert_eq!(guess_kind("Monthly call"), ConveningKind::Virtual);
    }
}

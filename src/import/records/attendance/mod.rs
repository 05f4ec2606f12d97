//! Attendance from a tracker, in either shape people keep it: a grid
//! (districts down, a column per convening headed by its date or name, a
//! mark in each cell) or a list (a row per district per convening). What a
//! mark means is the user's to change; convenings not on the roster are
//! made from the headings; only a district that was a member that day can
//! be marked.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use strum::VariantArray as _;

use super::{Action, RecordRow};
use crate::domain::district::name_key;
use crate::domain::validate::display_date;
use crate::domain::{
    AttendanceStatus, Convening, ConveningFields, ConveningId, ConveningKind, DistrictId,
    MemberSpan, SchoolYear,
};
use crate::store::{AttendanceLine, Store, StoreError};

mod grid;
mod list;

pub(super) use grid::{plan_grid, read_heading};
pub(super) use list::plan_list;

/// Lines of one district's attendance, each at its convening.
#[derive(Clone, Debug)]
pub struct AttendanceAction {
    lines: Vec<(ConveningFields, AttendanceLine)>,
}

/// The title given to a convening a heading names only by its date.
pub(super) const UNTITLED: &str = "ILN convening";

/// A year's convenings, who was a member when, and the marks recorded.
pub(super) struct YearData {
    convenings: Vec<Convening>,
    spans: HashMap<DistrictId, MemberSpan>,
    recorded: HashMap<(ConveningId, DistrictId), AttendanceStatus>,
}

/// The roster as the attendance import reads it, a school year at a time.
pub(super) struct Roster {
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
            ..ConveningFields::default()
        }
    }
}

/// The convening a row or column means.
pub(super) enum Target {
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
        // A convening of that title days away is the same one, mistyped.
        if let Some(near) = key.as_ref().and_then(|key| {
            data.convenings.iter().find(|c| {
                name_key(&c.fields.title) == *key && (c.fields.held_on - day).num_days().abs() <= 7
            })
        }) {
            return Ok(Err(format!(
                "“{}” is on {}, not {}: correct the date, or give this convening another title",
                near.fields.title,
                display_date(near.fields.held_on),
                display_date(day)
            )));
        }
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
pub(super) struct Mark {
    target: Target,
    line: AttendanceLine,
}

/// Checks a mark: the district must have been a member that day.
pub(super) fn check_mark(
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
pub(super) fn rows_marked(rows: &[RecordRow]) -> HashMap<(NaiveDate, String), Vec<DistrictId>> {
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
            // Only those a row that can be imported marks.
            .filter(|made| marked.contains_key(&(made.held_on, name_key(&made.title))))
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

pub(super) fn same_convening(a: &Target, b: &Target) -> bool {
    match (a, b) {
        (Target::Existing(a), Target::Existing(b)) => a.id == b.id,
        (Target::New(a), Target::New(b)) => {
            a.held_on == b.held_on && name_key(&a.title) == name_key(&b.title)
        }
        _ => false,
    }
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

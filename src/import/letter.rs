//! A returned Letter of Commitment taken into its district's letter: who
//! and which year it is for (from what the app recorded in the file, what
//! the letter says, or its file name; confirmed by the user), each field
//! beside what the form holds, then one change that fills the letter, sets
//! it Received (Active once both parties signed) and keeps the file on it.
//!
//! The letter is read as a one-row member list, so it is checked, matched
//! to the district's people and written exactly as an imported list is.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::Choice;
use super::records::{
    self, Col, DistrictFinder, RecordKind, RecordMapping, RecordRow, SheetImport,
};
use crate::domain::document::{NewDocument, current_user};
use crate::domain::validate::display_date;
use crate::domain::{
    DistrictId, DocumentId, DocumentOwner, Letter, Membership, MembershipStatus, SchoolYear,
};
use crate::io::letter_document::LetterFound;
use crate::io::spreadsheet::{RawRow, RawTable};
use crate::store::{Store, StoreError};

/// Which district and year a returned letter is for, as far as the app
/// can tell, and how it knows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Identified {
    pub district: Option<(DistrictId, String)>,
    pub year: Option<SchoolYear>,
    /// "The app recorded it in the file", "The letter names it", …
    pub how: Vec<String>,
    /// How the file names a district the roster does not have:
    /// "“Nowhere County” (KDE number 999)".
    pub unknown: Option<String>,
    /// The file names two districts (what the app recorded in it, and
    /// what its text says): said in a sentence.
    pub disagreement: Option<String>,
}

impl Identified {
    /// Where the district and year chosen are not the ones the file says:
    /// each said in a sentence (the letter is then another's).
    pub fn conflicts(&self, district: DistrictId, year: SchoolYear) -> Vec<String> {
        let mut conflicts: Vec<String> = self.disagreement.iter().cloned().collect();
        if let Some((named, name)) = &self.district
            && *named != district
        {
            conflicts.push(format!("The file is {name}'s letter."));
        }
        if let Some(said) = self.year
            && said != year
        {
            conflicts.push(format!("The file is a letter for {said}."));
        }
        conflicts
    }
}

/// Works out whose letter it is: the KDE number the app recorded in the
/// file, else the district the letter names, else its file name.
pub fn identify(
    store: &Store,
    found: &LetterFound,
    file_name: &str,
) -> Result<Identified, StoreError> {
    let finder = DistrictFinder::new(&store.district_list()?);
    let mut identified = Identified::default();
    if let Some(kde) = &found.kde_number
        && let Some(district) = finder.by_kde_number(kde)
    {
        identified.how.push(format!(
            "{} (KDE number {kde}): recorded in the file when the app wrote it",
            district.1
        ));
        identified.district = Some(district);
    }
    // What else the file says: the name the app recorded, the name in the
    // letter's text. Each must be the same district.
    let said: Vec<(DistrictId, String, &str)> = [
        (found.recorded_district.as_deref(), "the file records"),
        (found.district.as_deref(), "the letter names"),
    ]
    .into_iter()
    .filter_map(|(name, how)| {
        let (id, name) = finder.by_name(name?).ok()?;
        Some((id, name, how))
    })
    .collect();
    match &identified.district {
        Some((id, name)) => {
            if let Some((_, other, how)) = said.iter().find(|(other, ..)| other != id) {
                identified.disagreement = Some(format!(
                    "The file records {name}'s KDE number, but {how} {other}."
                ));
            }
        }
        None => {
            if let Some((id, name, how)) = said.first() {
                identified.how.push(format!("{name}: {how} it"));
                identified.district = Some((*id, name.clone()));
                if let Some((_, other, other_how)) = said.iter().find(|(o, ..)| o != id) {
                    identified.disagreement = Some(format!(
                        "The file is not one district's: {how} {name}, but {other_how} {other}."
                    ));
                }
            }
        }
    }
    let stem = file_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file_name)
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem);
    if identified.district.is_none() {
        let before_dash = stem.split(" - ").next().unwrap_or(stem);
        if let Ok(district) = finder.by_name(before_dash.trim()) {
            identified
                .how
                .push(format!("{}: from the file's name", district.1));
            identified.district = Some(district);
        }
    }
    if identified.district.is_none()
        && (found.kde_number.is_some()
            || found.district.is_some()
            || found.recorded_district.is_some())
    {
        let name = found
            .recorded_district
            .as_deref()
            .or(found.district.as_deref())
            .map(|n| format!("“{n}”"));
        let kde = found
            .kde_number
            .as_deref()
            .map(|k| format!("KDE number {k}"));
        identified.unknown = Some(match (name, kde) {
            (Some(name), Some(kde)) => format!("{name} ({kde})"),
            (Some(one), None) | (None, Some(one)) => one,
            (None, None) => String::new(),
        });
    }
    identified.year = found.year.or_else(|| {
        stem.split([' ', '_'])
            .find_map(|word| SchoolYear::read_as_written(word).ok())
    });
    if let Some(year) = identified.year {
        let whence = if found.year.is_some() {
            "the letter says"
        } else {
            "from the file's name"
        };
        identified.how.push(format!("{year}: {whence}"));
    }
    Ok(identified)
}

/// A returned letter to take in, its district and year confirmed.
#[derive(Clone, Debug, PartialEq)]
pub struct LetterImport {
    pub found: LetterFound,
    pub file_name: String,
    pub bytes: Vec<u8>,
    pub district: DistrictId,
    pub year: SchoolYear,
    /// Keep the file on the letter too.
    pub keep_file: bool,
    pub today: NaiveDate,
    /// The day it came in: today unless said (never after KDE
    /// countersigned it).
    pub received_on: Option<NaiveDate>,
}

impl LetterImport {
    /// The day the letter counts as received: the one given, else today,
    /// or the day KDE countersigned it when that was earlier.
    pub fn received(&self) -> NaiveDate {
        if let Some(day) = self.received_on {
            return day;
        }
        let countersigned = self.found.kde_signed_on.as_deref().and_then(|d| {
            crate::domain::validate::optional_date_in(d, self.year)
                .ok()
                .flatten()
        });
        countersigned.map_or(self.today, |day| day.min(self.today))
    }
}

/// One field of the review: what the form holds, what the letter says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldReview {
    pub label: String,
    pub now: String,
    pub letter: String,
    pub result: FieldResult,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldResult {
    /// The form is empty there: the letter fills it.
    Fills,
    /// Both say the same.
    Same,
    /// Both say something, and it differs: the letter's replaces the form's.
    Conflict,
    /// The letter says nothing there: the form keeps what it has.
    Keeps,
}

impl FieldResult {
    pub fn label(self) -> &'static str {
        match self {
            Self::Fills => "Fills",
            Self::Same => "Same",
            Self::Conflict => "⚠ Replaces",
            Self::Keeps => "Kept",
        }
    }
}

/// What taking the letter in does (or, before it is confirmed, would do).
#[derive(Clone, Debug)]
pub struct LetterOutcome {
    pub fields: Vec<FieldReview>,
    /// The import's verdict on the letter, as a member list's row.
    pub row: RecordRow,
    pub status_before: Option<MembershipStatus>,
    pub status_after: Option<MembershipStatus>,
    /// The kept file (once written).
    pub document: Option<DocumentId>,
    /// Why the letter is not taken in though it reads (nothing answered).
    pub refusal: Option<String>,
}

impl LetterOutcome {
    /// Whether confirming would write anything.
    pub fn can_import(&self) -> bool {
        self.refusal.is_none() && self.row.can_import()
    }
}

/// Why a letter that reads is not taken in: it holds none of the
/// district's answers (the letter as it was sent).
fn refusal(found: &LetterFound) -> Option<String> {
    (!found.has_district_answers()).then(|| {
        "It holds none of the district's answers (no reflections, plans, learning goal, \
         choices or signature): it looks like the letter as it was sent. Keep it on the \
         letter instead, if it is what the district returned."
            .to_owned()
    })
}

/// An update said by the fields it fills (the review shows each beside
/// the form's): "Fills Reflections, Plans; adds contact Pat Doe".
fn summarise(row: &mut RecordRow, fields: &[FieldReview]) {
    if row.result != records::RowResult::Update {
        return;
    }
    let filled: Vec<&str> = fields
        .iter()
        .filter(|f| matches!(f.result, FieldResult::Fills | FieldResult::Conflict))
        .map(|f| f.label.as_str())
        .collect();
    let adds = row
        .details
        .find("; adds contact")
        .map(|at| row.details[at..].to_owned())
        .unwrap_or_default();
    row.details = if filled.is_empty() {
        format!("Updates the letter's status{adds}")
    } else {
        format!("Fills {}{adds}", filled.join(", "))
    };
}

/// A record import's words said as a letter's: "column I “District signed
/// on”: …" is the letter's "District signed on: …".
fn in_letter_words(details: &str) -> String {
    let mut out = String::with_capacity(details.len());
    let mut rest = details;
    while let Some(at) = rest.find("column ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "column ".len()..];
        let letters = after.chars().take_while(char::is_ascii_uppercase).count();
        match after[letters..]
            .strip_prefix(" “")
            .and_then(|t| t.split_once('”'))
        {
            Some((label, tail)) if letters > 0 => {
                out.push_str(label);
                rest = tail;
            }
            _ => {
                out.push_str("column ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// What taking the letter in would do, reading only: the same plan the
/// import writes.
pub fn review(store: &Store, import: &LetterImport) -> Result<LetterOutcome, StoreError> {
    let before = store.membership_of(import.district, import.year)?;
    let fields = fields_of(store, import, before.as_ref())?;
    let kde_number = store.district(import.district)?.fields.kde_number;
    let sheet = one_row_sheet(import, &kde_number, before.as_ref());
    let mut row = records::plan_rows(store, &sheet, import.today)?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Refused("The letter gave nothing to import.".to_owned()))?;
    row.details = in_letter_words(&row.details);
    summarise(&mut row, &fields);
    Ok(LetterOutcome {
        fields,
        status_before: before.as_ref().map(|m| m.status),
        status_after: row.letter_status().or(before.map(|m| m.status)),
        row,
        document: None,
        refusal: refusal(&import.found),
    })
}

fn fields_of(
    store: &Store,
    import: &LetterImport,
    before: Option<&Membership>,
) -> Result<Vec<FieldReview>, StoreError> {
    let people = store.contacts_of(import.district)?;
    let name_of = |id| {
        people
            .iter()
            .find(|c| c.id == id)
            .map(|c| person_text(&c.fields.name, &c.fields.email))
            .unwrap_or_default()
    };
    Ok(review_fields(
        before.map(|m| &m.letter),
        &import.found,
        &name_of,
    ))
}

/// Takes the letter in as one change (`keep` false: written, then rolled
/// back, as a dry run on the command line shows it).
pub fn take_in(
    store: &mut Store,
    import: &LetterImport,
    keep: bool,
) -> Result<LetterOutcome, StoreError> {
    if let Some(reason) = refusal(&import.found) {
        return Err(StoreError::Refused(reason));
    }
    let before = store.membership_of(import.district, import.year)?;
    let fields = fields_of(store, import, before.as_ref())?;
    let kde_number = store.district(import.district)?.fields.kde_number;
    let sheet = one_row_sheet(import, &kde_number, before.as_ref());
    let sha256 = crate::domain::document::sha256_hex(&import.bytes);
    store.in_one_change(keep, |store| {
        let report = records::import_sheet(store, &sheet, import.today, &mut |_| true)?;
        let mut row =
            report.rows.into_iter().next().ok_or_else(|| {
                StoreError::Refused("The letter gave nothing to import.".to_owned())
            })?;
        row.details = in_letter_words(&row.details);
        summarise(&mut row, &fields);
        let after = store.membership_of(import.district, import.year)?;
        // A letter the form already holds is still kept, once.
        let taken = row.can_import() || row.result == records::RowResult::Unchanged;
        let kept_already = match &after {
            Some(m) => store
                .documents_of(DocumentOwner::Letter(m.id))?
                .iter()
                .any(|d| d.sha256 == sha256),
            None => false,
        };
        let document = match (&after, import.keep_file && taken && !kept_already) {
            (Some(membership), true) => {
                let file = NewDocument::new(&import.file_name, import.bytes.clone())
                    .map_err(|e| StoreError::Refused(e.to_string()))?;
                Some(store.add_document(
                    DocumentOwner::Letter(membership.id),
                    &file,
                    &current_user(),
                )?)
            }
            _ => None,
        };
        Ok(LetterOutcome {
            fields: fields.clone(),
            status_before: before.as_ref().map(|m| m.status),
            status_after: after.map(|m| m.status),
            row,
            document,
            refusal: None,
        })
    })
}

/// The letter as a member list's one row: only what the letter says, so
/// the form keeps the rest; received today unless it was already.
fn one_row_sheet(
    import: &LetterImport,
    kde_number: &str,
    before: Option<&Membership>,
) -> SheetImport {
    let found = &import.found;
    let mut columns: Vec<(Col, String)> = vec![
        (Col::KdeNumber, kde_number.to_owned()),
        (Col::SchoolYear, import.year.to_string()),
    ];
    if let Some(status) = before
        .map(|m| m.status)
        .filter(|s| *s > MembershipStatus::Invited)
    {
        columns.push((Col::Status, status.label().to_owned()));
    }
    if before.is_none_or(|m| m.letter.received_on.is_none()) {
        columns.push((
            Col::Received,
            import.received().format("%Y-%m-%d").to_string(),
        ));
    }
    let mut text = |col: Col, value: &Option<String>| {
        if let Some(value) = value {
            columns.push((col, value.clone()));
        }
    };
    text(Col::Superintendent, &found.superintendent);
    text(Col::Reflections, &found.reflections);
    text(Col::Plans, &found.plans);
    text(Col::LearningGoal, &found.learning_goal);
    text(Col::DistrictSignatory, &found.district_signatory);
    text(Col::DistrictSigned, &found.district_signed_on);
    text(Col::KdeSignatory, &found.kde_signatory);
    text(Col::KdeSigned, &found.kde_signed_on);
    if !found.points_of_contact.is_empty() {
        columns.push((Col::PointsOfContact, found.points_of_contact.join("; ")));
    }
    // No box ticked says nothing: the form keeps its choices.
    if let Some(ideas) = found.big_ideas.as_ref().filter(|i| !i.is_empty()) {
        for idea in <crate::domain::BigIdea as strum::VariantArray>::VARIANTS {
            columns.push((Col::Idea(*idea), yes_no(ideas.contains(idea))));
        }
    }
    if let Some(areas) = found.action_areas.as_ref().filter(|a| !a.is_empty()) {
        for area in <crate::domain::ActionArea as strum::VariantArray>::VARIANTS {
            columns.push((Col::Area(*area), yes_no(areas.contains(area))));
        }
    }
    let headers: Vec<String> = columns.iter().map(|(col, _)| col.label()).collect();
    let cells: Vec<String> = columns.iter().map(|(_, v)| v.clone()).collect();
    let table = RawTable {
        headers,
        header_row: 1,
        rows: vec![RawRow { number: 2, cells }],
    };
    let mut sheet = SheetImport::new(RecordKind::Memberships, table);
    sheet.mapping = RecordMapping(columns.iter().map(|(col, _)| Some(*col)).collect());
    sheet.year = Some(import.year);
    // The user confirms the letter: taken as far as it is valid.
    sheet.choices.insert(2, Choice::Import);
    sheet
}

fn yes_no(ticked: bool) -> String {
    if ticked { "yes" } else { "no" }.to_owned()
}

fn person_text(name: &str, email: &str) -> String {
    if email.trim().is_empty() {
        name.to_owned()
    } else {
        format!("{name} <{email}>")
    }
}

/// Each field the letter has, beside the form's.
fn review_fields(
    now: Option<&Letter>,
    found: &LetterFound,
    name_of: &dyn Fn(crate::domain::ContactId) -> String,
) -> Vec<FieldReview> {
    let empty = Letter::default();
    let now = now.unwrap_or(&empty);
    let mut fields = Vec::new();
    let mut field =
        |label: &str, now: String, letter: Option<String>, same: &dyn Fn(&str, &str) -> bool| {
            let letter = letter.unwrap_or_default();
            let result = match (now.trim().is_empty(), letter.trim().is_empty()) {
                (_, true) => FieldResult::Keeps,
                (true, false) => FieldResult::Fills,
                (false, false) if same(now.trim(), letter.trim()) => FieldResult::Same,
                (false, false) => FieldResult::Conflict,
            };
            fields.push(FieldReview {
                label: label.to_owned(),
                now,
                letter,
                result,
            });
        };
    let exact = |a: &str, b: &str| a == b;
    let same_people = |a: &str, b: &str| people_key(a) == people_key(b);
    field(
        "Superintendent",
        now.superintendent.map(name_of).unwrap_or_default(),
        found.superintendent.clone(),
        &same_people,
    );
    field(
        "Points of contact",
        now.points_of_contact
            .iter()
            .map(|id| name_of(*id))
            .collect::<Vec<_>>()
            .join("; "),
        (!found.points_of_contact.is_empty()).then(|| found.points_of_contact.join("; ")),
        &same_people,
    );
    field(
        "Reflections",
        now.reflections.clone(),
        found.reflections.clone(),
        &exact,
    );
    field("Plans", now.plans.clone(), found.plans.clone(), &exact);
    field(
        "Learning goal",
        now.learning_goal.clone(),
        found.learning_goal.clone(),
        &exact,
    );
    let list = |labels: Vec<&str>| labels.join("; ");
    field(
        "Big ideas",
        list(now.big_ideas.iter().map(|i| i.label()).collect()),
        found
            .big_ideas
            .as_ref()
            .filter(|i| !i.is_empty())
            .map(|i| list(i.iter().map(|i| i.label()).collect())),
        &exact,
    );
    field(
        "Action areas",
        list(now.action_areas.iter().map(|a| a.label()).collect()),
        found
            .action_areas
            .as_ref()
            .filter(|a| !a.is_empty())
            .map(|a| list(a.iter().map(|a| a.label()).collect())),
        &exact,
    );
    let date = |d: Option<NaiveDate>| d.map(display_date).unwrap_or_default();
    let same_day = |a: &str, b: &str| {
        let read = |t: &str| crate::domain::validate::optional_date(t).ok().flatten();
        read(a).is_some() && read(a) == read(b)
    };
    field(
        "District signatory",
        now.district_signatory.clone(),
        found.district_signatory.clone(),
        &exact,
    );
    field(
        "District signed on",
        date(now.district_signed_on),
        found.district_signed_on.as_deref().map(as_shown),
        &same_day,
    );
    field(
        "KDE signatory",
        now.kde_signatory.clone(),
        found.kde_signatory.clone(),
        &exact,
    );
    field(
        "KDE signed on",
        date(now.kde_signed_on),
        found.kde_signed_on.as_deref().map(as_shown),
        &same_day,
    );
    fields
}

/// A date the letter gives, as the form shows dates (as written when it
/// is not one).
fn as_shown(text: &str) -> String {
    match crate::domain::validate::optional_date(text) {
        Ok(Some(day)) => display_date(day),
        _ => text.to_owned(),
    }
}

/// People compared by their names, case and spacing aside, emails apart.
fn people_key(text: &str) -> BTreeSet<String> {
    text.split(';')
        .map(|person| {
            let name = person.split('<').next().unwrap_or(person);
            crate::domain::district::name_key(name)
        })
        .filter(|k| !k.is_empty())
        .collect()
}

//! The import commands: districts and their people from a spreadsheet, and
//! attendance from a participant report. Each reads its file before the
//! roster is opened, so a file that cannot be read makes nothing.

use anyhow::bail;

use super::in_one_line;
use crate::domain::Contact;
use crate::domain::participants::{Matcher, ParticipantMatch};
use crate::domain::{ConveningId, count};
use crate::import::{
    Choice, ImportOptions, Mapping, Outcome, PlannedRow, actions, is_known_heading, plan,
};
use crate::io::participant_report::{ParticipantReport, read_participant_report_file};
use crate::io::spreadsheet::read_table;
use crate::store::{DistrictListItem, OpenError, ReportAttendee, ReportRecord, Store};

/// What a districts import accepts beyond rows that are fine.
pub(super) struct Accept {
    pub(super) renames: bool,
    /// Rows that cannot be imported are left out (listed), not fatal.
    pub(super) skipping_invalid: bool,
}

pub(super) fn import_districts(
    db: &std::path::Path,
    file: &std::path::Path,
    dry_run: bool,
    options: ImportOptions,
    accept: Accept,
) -> anyhow::Result<String> {
    let Accept {
        renames: allow_renames,
        skipping_invalid: skip_invalid,
    } = accept;
    let table = read_table(file, &is_known_heading)?;
    let mapping = Mapping::guess(&table.headers);
    if let Some(problem) = mapping.problem() {
        bail!(
            "{}: {problem} (headings found: {})",
            file.display(),
            table.headers.join(", ")
        );
    }
    let (writer, roster, contacts) = roster_to_plan_against(db, dry_run)?;
    let mut rows = plan(&table, &mapping, &roster, &contacts, options);
    let refused = refused_rows(&rows, file, allow_renames, skip_invalid)?;
    choose_rows(&mut rows, allow_renames);
    let actions = actions(&rows).map_err(|problems| {
        anyhow::anyhow!(
            "{}: nothing was imported. {}",
            file.display(),
            in_one_line(&problems.join("; "))
        )
    })?;
    let mut notes: Vec<String> = refused
        .iter()
        .map(|reason| format!("Refused: {reason}"))
        .collect();
    notes.extend(columns_not_imported(&table.headers, &mapping));
    let new = rows
        .iter()
        .filter(|r| r.choice == Choice::Import && matches!(r.outcome, Outcome::New { .. }))
        .count();
    let updated = actions.len() - new;
    let unchanged = rows.len() - actions.len() - refused.len();
    if actions.is_empty() {
        notes.push(if refused.is_empty() {
            format!(
                "{}: nothing to change; {}.",
                file.display(),
                match rows.len() {
                    1 => "its row is on the roster as it is".to_owned(),
                    n => format!("its {n} rows are on the roster as they are"),
                }
            )
        } else {
            format!(
                "{}: nothing to import; {} refused.",
                file.display(),
                count(refused.len(), "row", "rows")
            )
        });
        return Ok(notes.join("\n"));
    }
    if dry_run {
        let mut lines = what_would_change(&rows);
        lines.extend(notes);
        lines.push(format!(
            "{}: would add {} and update {updated}; {unchanged} unchanged{}. Nothing was written.",
            file.display(),
            count(new, "district", "districts"),
            refused_count(refused.len())
        ));
        return Ok(lines.join("\n"));
    }
    let mut store = match writer {
        Some(store) => store,
        None => Store::open(db)?,
    };
    let summary = store.apply_import(&actions, |_| true)?;
    notes.push(format!(
        "{}: added {}, updated {}, {unchanged} unchanged{}; added {}, updated {}.",
        file.display(),
        count(summary.added, "district", "districts"),
        summary.updated,
        refused_count(refused.len()),
        count(summary.contacts_added, "contact", "contacts"),
        summary.contacts_updated
    ));
    Ok(notes.join("\n"))
}

/// Every row that cannot be imported, with its reason, in the file's
/// order (a rename unless allowed); an error saying what to do, unless
/// such rows are to be skipped.
fn refused_rows(
    rows: &[PlannedRow],
    file: &std::path::Path,
    allow_renames: bool,
    skip_invalid: bool,
) -> anyhow::Result<Vec<String>> {
    let (renames, invalid) = rows_to_question(rows);
    let renames_refused = !renames.is_empty() && !allow_renames;
    let mut refused = invalid.clone();
    if renames_refused {
        refused.extend(renames);
    }
    if !refused.is_empty() && !skip_invalid {
        let mut hints = Vec::new();
        if renames_refused {
            hints.push("If these districts were renamed, run again with --allow-renames.");
        }
        if !invalid.is_empty() {
            hints
                .push("Correct these rows, or run again with --skip-invalid to import the others.");
        }
        bail!(
            "{}: nothing was imported. {}. {}",
            file.display(),
            refused.join("; "),
            hints.join(" ")
        );
    }
    Ok(refused)
}

/// The wizard's review as lines: one per row that changes something.
fn what_would_change(rows: &[PlannedRow]) -> Vec<String> {
    rows.iter()
        .filter(|row| row.choice == Choice::Import)
        .map(|row| {
            let name = row.outcome.district_name().unwrap_or_default();
            let does = row.outcome.describe();
            in_one_line(&format!("Row {} ({name}): {does}", row.number))
        })
        .collect()
}

/// The roster a districts import is planned against, and the store to
/// write it with (`None`: a dry run, or no roster yet). A dry run only
/// reads; so does planning for a roster not made yet (it is made only if
/// there is something to import into it).
fn roster_to_plan_against(
    db: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<(Option<Store>, Vec<DistrictListItem>, Vec<Contact>)> {
    let writer = if dry_run || !db.exists() {
        None
    } else {
        Some(Store::open(db)?)
    };
    let (roster, contacts) = match &writer {
        Some(store) => (store.district_list()?, store.all_contacts()?),
        None => match Store::open_read_only(db) {
            Ok(reader) => (reader.district_list()?, reader.all_contacts()?),
            Err(OpenError::NoRoster { .. }) => (Vec::new(), Vec::new()),
            Err(error) => return Err(error.into()),
        },
    };
    Ok((writer, roster, contacts))
}

/// The rows that would rename a district, and every problem that keeps a
/// row out, each in one line.
fn rows_to_question(rows: &[PlannedRow]) -> (Vec<String>, Vec<String>) {
    let renames = rows
        .iter()
        .filter_map(|row| match &row.outcome {
            Outcome::Existing {
                caution: Some(caution),
                ..
            } => Some(format!("Row {}: {}", row.number, in_one_line(caution))),
            _ => None,
        })
        .collect();
    let invalid = rows
        .iter()
        .flat_map(|row| row.problems())
        .map(|problem| in_one_line(&problem))
        .collect();
    (renames, invalid)
}

/// Everything valid that changes something is taken (a rename only when
/// allowed).
fn choose_rows(rows: &mut [PlannedRow], allow_renames: bool) {
    for row in rows {
        let rename = matches!(
            row.outcome,
            Outcome::Existing {
                caution: Some(_),
                ..
            }
        );
        row.choice = if row.outcome.changes_anything() && (allow_renames || !rename) {
            Choice::Import
        } else {
            Choice::Skip
        };
    }
}

/// "Not imported: the columns …" for headings no field takes.
fn columns_not_imported(headers: &[String], mapping: &Mapping) -> Option<String> {
    let not_imported: Vec<String> = headers
        .iter()
        .zip(&mapping.0)
        .filter(|(heading, field)| field.is_none() && !heading.trim().is_empty())
        .map(|(heading, _)| format!("“{}”", in_one_line(heading)))
        .collect();
    (!not_imported.is_empty())
        .then(|| format!("Not imported: the columns {}.", not_imported.join(", ")))
}

/// ", 2 refused" after the counts of an import, when rows were refused.
fn refused_count(refused: usize) -> String {
    if refused == 0 {
        String::new()
    } else {
        format!(", {refused} refused")
    }
}

pub(super) fn import_attendance(
    db: &std::path::Path,
    convening: ConveningId,
    file: &std::path::Path,
    dry_run: bool,
    force: bool,
) -> anyhow::Result<String> {
    let report = read_participant_report_file(file)?;
    // Attendance is for a convening on a roster that already exists.
    let mut store = Store::open_read_only(db)?;
    if !dry_run {
        drop(store);
        store = Store::open(db)?;
    }
    let details = match store.convening(convening) {
        Err(crate::store::StoreError::NotFound(_)) => bail!(
            "There is no convening {} on this roster: `iln-roster export convenings --year \
             2025-2026` lists a year's convenings with their numbers (No.).",
            convening.0
        ),
        found => found?,
    };
    let meeting = Meeting {
        id: convening,
        held_on: crate::domain::validate::display_date(details.fields.held_on),
        title: in_one_line(&details.fields.title),
    };
    let fingerprint = report.fingerprint();
    let mut lines = report_questions(
        &store,
        &meeting,
        &report,
        details.fields.held_on,
        file,
        force,
    )?;
    let recorded_before = store.report_recorded(convening, &fingerprint)?;
    let (attendees, new_people) = attendees(&store, &meeting, &report, &mut lines)?;
    let (attended, noted) = store.recorded_attendance(convening)?;
    let marked: std::collections::BTreeSet<_> = attendees.iter().map(|a| a.district).collect();
    let newly = marked.iter().filter(|d| !attended.contains(d)).count();
    let to_note: std::collections::BTreeSet<_> = attendees
        .iter()
        .filter_map(|a| a.contact)
        .filter(|c| !noted.contains(c))
        .collect();
    if let Some((day, earlier_file)) = &recorded_before {
        let from = if earlier_file.is_empty() {
            String::new()
        } else {
            format!(" from {}", in_one_line(earlier_file))
        };
        let news = if new_people.is_empty() {
            "nothing new".to_owned()
        } else {
            format!("new: {}", new_people.join(", "))
        };
        lines.insert(
            0,
            format!(
                "Already recorded on {}{from}: {news}.",
                crate::domain::validate::display_date(*day)
            ),
        );
    }
    let title = &meeting.title;
    let summary = if dry_run {
        format!(
            "Would mark {} attended at “{title}” ({newly} newly), note {}, from {}. Nothing was \
             written.",
            count(marked.len(), "district", "districts"),
            count(to_note.len(), "person", "people"),
            count(
                report.participants.len(),
                "person in the report",
                "people in the report"
            )
        )
    } else {
        let record = ReportRecord {
            fingerprint,
            file_name: file
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            people: report.participants.len(),
        };
        let done = store.record_report_attendance(convening, &attendees, &record)?;
        format!(
            "Marked {} attended at “{title}” ({} newly), noted {}.",
            count(marked.len(), "district", "districts"),
            done.districts_marked,
            count(done.people_added, "person", "people")
        )
    };
    lines.insert(0, summary);
    Ok(lines.join("\n"))
}

/// The convening a report is recorded for, as the lines about it name it.
struct Meeting {
    id: ConveningId,
    held_on: String,
    title: String,
}

/// What about the report needs --force (another day, no readable time,
/// recorded for another convening), said or refused; and the rows that
/// could not be read.
fn report_questions(
    store: &Store,
    meeting: &Meeting,
    report: &ParticipantReport,
    convening_day: chrono::NaiveDate,
    file: &std::path::Path,
    force: bool,
) -> anyhow::Result<Vec<String>> {
    let Meeting {
        id: convening,
        held_on,
        title,
    } = meeting;
    let convening = *convening;
    let mut lines = Vec::new();
    if let Some(day) = report.meeting_date.filter(|d| *d != convening_day) {
        let day = crate::domain::validate::display_date(day);
        if !force {
            bail!(
                "{}: the report's meeting was on {day}, but “{title}” was on {held_on}. Check the \
                 convening's number, or add --force to record it anyway.",
                file.display()
            );
        }
        lines.push(format!(
            "Dates differ: the report's meeting was on {day}, “{title}” on {held_on} (--force)."
        ));
    }
    if report.dates_unreadable {
        if !force {
            bail!(
                "{}: the report gives no time that can be read, so the day of its meeting is \
                 unknown. Check it is the report of “{title}” ({held_on}), or add --force to \
                 record it anyway.",
                file.display()
            );
        }
        lines.push("Day unknown: the report gives no time that can be read (--force).".to_owned());
    }
    if report.passed_over > 0 {
        lines.push(format!(
            "Passed over: {} that could not be read (no name or email, or an unknown action or time).",
            count(report.passed_over, "row", "rows")
        ));
    }
    if let Some((other, on)) = store.report_recorded_elsewhere(convening, &report.fingerprint())? {
        let other = format!(
            "“{}” ({})",
            in_one_line(&other),
            crate::domain::validate::display_date(on)
        );
        if !force {
            bail!(
                "{}: this report was recorded for {other}, not “{title}”. Check the convening's \
                 number, or add --force to record it here too.",
                file.display()
            );
        }
        lines.push(format!("Also recorded for {other} (--force)."));
    }
    Ok(lines)
}

/// The report's people matched to the roster: who is recorded (and who of
/// them is new), with a line for each one who is not, and why.
fn attendees(
    store: &Store,
    meeting: &Meeting,
    report: &ParticipantReport,
    lines: &mut Vec<String>,
) -> anyhow::Result<(Vec<ReportAttendee>, Vec<String>)> {
    let rules = store.report_rules()?;
    let (contacts, districts) = store.matching_keys()?;
    let members = store.members_on(meeting.id)?;
    let (attended, noted) = store.recorded_attendance(meeting.id)?;
    let held_on = &meeting.held_on;
    let name_of = |district| {
        districts
            .iter()
            .find(|d| d.id == district)
            .map_or("?", |d| d.name.as_str())
    };
    let matcher = Matcher::new(&contacts, &districts, &rules);
    let mut attendees = Vec::new();
    let mut new_people = Vec::new();
    for participant in &report.participants {
        let who = in_one_line(&match &participant.email {
            Some(email) => format!("{} <{email}>", participant.name),
            None => participant.name.clone(),
        });
        let found = matcher.find(participant);
        if found == ParticipantMatch::Organiser {
            lines.push(format!("Organiser: {who}"));
            continue;
        }
        if participant.minutes.is_none() && rules.min_minutes > 0 {
            lines.push(format!(
                "Minutes unknown: {who} (counted: the report gives no time for them)"
            ));
        }
        if rules.too_short(participant) {
            lines.push(format!(
                "Not counted: {who} ({} min in the meeting; {} min count)",
                participant.minutes.unwrap_or_default(),
                rules.min_minutes
            ));
            continue;
        }
        if let Some(district) = found.certain_district()
            && !members.contains(&district)
        {
            lines.push(format!(
                "Not recorded: {who} ({} was not a member on {held_on})",
                name_of(district)
            ));
            continue;
        }
        let (district, contact) = match found {
            ParticipantMatch::Contact { contact, district } => (district, Some(contact)),
            ParticipantMatch::Domain { district } => (district, None),
            ParticipantMatch::Suggestion {
                district, reason, ..
            } => {
                let name = name_of(district);
                lines.push(format!("Not recorded: {who} (maybe {name}: {reason})"));
                continue;
            }
            ParticipantMatch::Unmatched | ParticipantMatch::Organiser => {
                lines.push(format!(
                    "Not recorded: {who} (no contact or district matches)"
                ));
                continue;
            }
        };
        let new = !attended.contains(&district) || contact.is_some_and(|c| !noted.contains(&c));
        if new {
            new_people.push(in_one_line(&participant.name));
        }
        attendees.push(ReportAttendee {
            district,
            contact,
            new_contact: None,
            minutes: participant.minutes,
        });
    }
    Ok((attendees, new_people))
}

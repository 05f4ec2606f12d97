//! "Add to calendar": the `.ics` of one convening or of a school year's,
//! which Outlook, Google and Apple calendars import. The same convening
//! always has the same UID, so a file made after a change updates the
//! entry people already have.

use std::path::Path;

use crate::domain::{Convening, ConveningId, SchoolYear};
use crate::io::ics::{CalendarEvent, ics_text};
use crate::io::save::{SaveError, refuse_a_database, save_bytes};
use crate::store::{Store, StoreError};

/// Which convenings a calendar file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalendarOf {
    Year(SchoolYear),
    One(ConveningId),
}

#[derive(Debug, thiserror::Error)]
pub enum CalendarError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{} is not a calendar file: end its name in .ics.", .0.display())]
    NotIcs(std::path::PathBuf),
    #[error("There are no convenings in {0} to put in a calendar.")]
    Empty(SchoolYear),
}

fn event_of(store: &Store, convening: &Convening) -> Result<CalendarEvent, StoreError> {
    let fields = &convening.fields;
    let organiser = match fields.organiser {
        Some(id) => store.network_person(id)?.recipient(),
        None => None,
    };
    let mut description = fields.description.clone();
    if description.is_empty() {
        description = format!(
            "{}: Kentucky Innovative Learning Network",
            fields.kind.label()
        );
    }
    Ok(CalendarEvent {
        uid: convening.calendar.uid.clone(),
        sequence: convening.calendar.sequence,
        summary: fields.title.clone(),
        description,
        location: fields.location.clone(),
        day: fields.held_on,
        starts_at: fields.starts_at,
        ends_at: fields.ends_at,
        time_zone: fields.time_zone,
        organiser,
    })
}

/// The calendar's name and its events, by date.
pub fn calendar_events(
    store: &Store,
    of: CalendarOf,
) -> Result<(String, Vec<CalendarEvent>), StoreError> {
    let convenings: Vec<Convening> = match of {
        CalendarOf::Year(year) => store
            .convenings_in(year)?
            .into_iter()
            .map(|row| row.convening)
            .collect(),
        CalendarOf::One(id) => vec![store.convening(id)?],
    };
    let name = match (of, convenings.first()) {
        (CalendarOf::One(_), Some(one)) => format!("KY ILN: {}", one.fields.title),
        _ => "KY ILN convenings".to_owned(),
    };
    let events = convenings
        .iter()
        .map(|c| event_of(store, c))
        .collect::<Result<_, _>>()?;
    Ok((name, events))
}

/// The `.ics` file's bytes.
pub fn calendar_bytes(store: &Store, of: CalendarOf) -> Result<Vec<u8>, StoreError> {
    let (name, events) = calendar_events(store, of)?;
    Ok(ics_text(&name, &events, chrono::Utc::now()).into_bytes())
}

/// A file name for one convening's or a year's calendar.
pub fn calendar_file_name(store: &Store, of: CalendarOf) -> Result<String, StoreError> {
    Ok(match of {
        CalendarOf::Year(year) => format!("KY ILN convenings {year}.ics"),
        CalendarOf::One(id) => {
            let convening = store.convening(id)?;
            let title = crate::io::save::file_name_part(&convening.fields.title, 100);
            format!("{title} {}.ics", convening.fields.held_on)
        }
    })
}

/// Writes the calendar to `path` (an `.ics`, never a database); how many
/// events it holds. A dry run writes nothing.
pub fn write_calendar(
    store: &Store,
    of: CalendarOf,
    path: &Path,
    dry_run: bool,
) -> Result<usize, CalendarError> {
    refuse_a_database(path)?;
    let is_ics = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ics"));
    if !is_ics {
        return Err(CalendarError::NotIcs(path.to_path_buf()));
    }
    let (name, events) = calendar_events(store, of)?;
    if let (CalendarOf::Year(year), true) = (of, events.is_empty()) {
        return Err(CalendarError::Empty(year));
    }
    if !dry_run {
        save_bytes(
            path,
            ics_text(&name, &events, chrono::Utc::now()).as_bytes(),
        )?;
    }
    Ok(events.len())
}

//! The History as a table: every change of a school year (or the changes a
//! screen shows), newest first, in the words the History section uses.

use crate::domain::SchoolYear;
use crate::domain::validate::{local_day, local_day_start_utc, local_time};
use crate::io::table::{Cell, ColumnKind as K, ColumnSpec, Sheet};
use crate::store::history::{HistoryEntry, HistoryFilter};
use crate::store::{Store, StoreError};

/// How many records of one change the Details column names.
const DETAILED: usize = 20;

/// Every change made during `year` (July 1 to June 30, the user's days).
pub fn history(store: &Store, year: SchoolYear) -> Result<Sheet, StoreError> {
    let after_year = year.last_day().succ_opt().unwrap_or(year.last_day());
    let entries = store.history(&HistoryFilter {
        since: Some(local_day_start_utc(year.first_day())),
        until: Some(local_day_start_utc(after_year)),
        ..HistoryFilter::default()
    })?;
    Ok(history_sheet(&format!("ILN history {year}"), &entries))
}

/// The changes given, as a sheet: when, what, each record's fields.
pub fn history_sheet(title: &str, entries: &[HistoryEntry]) -> Sheet {
    let columns = vec![
        ColumnSpec::new("Day", K::Date, 13.0),
        ColumnSpec::new("When", K::Text, 20.0),
        ColumnSpec::new("What changed", K::Text, 70.0),
        ColumnSpec::new("Details", K::Text, 90.0),
        ColumnSpec::new("Undone", K::Text, 10.0),
        // What `iln-roster undo --change` takes.
        ColumnSpec::new("Change #", K::Integer, 10.0),
    ];
    let rows = entries
        .iter()
        .map(|entry| {
            // A bulk change lists its first records; the summary counts them.
            let mut details: Vec<String> = entry
                .records
                .iter()
                .take(DETAILED)
                .map(|record| {
                    let fields: Vec<String> =
                        record.fields.iter().map(|field| field.sentence()).collect();
                    if fields.is_empty() {
                        format!("{} {}", record.verb, record.record)
                    } else {
                        format!("{} {}: {}", record.verb, record.record, fields.join(", "))
                    }
                })
                .collect();
            if entry.records.len() > DETAILED {
                details.push(format!("and {} more", entry.records.len() - DETAILED));
            }
            vec![
                Cell::date(local_day(&entry.at)),
                Cell::text(local_time(&entry.at)),
                Cell::text(&entry.summary),
                Cell::text(details.join("; ")),
                Cell::text(if entry.undone { "Yes" } else { "" }),
                Cell::Integer(entry.id),
            ]
        })
        .collect();
    Sheet {
        name: "History".into(),
        title: title.to_owned(),
        columns,
        rows,
        footer: None,
        figures: Vec::new(),
    }
}

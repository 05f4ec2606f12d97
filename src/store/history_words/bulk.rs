//! Changes of many records at once, named by kind ("Added 171 districts
//! and 171 contacts", "Started the year: invited 82 districts"), and
//! changes of a record's details alone.

use serde_json::Value;

use super::super::change_log::{LoggedRow, RowAction};
use super::{BOOKKEEPING_TABLES, capitalized, kind_of_record, school_year};
use crate::domain::count;

/// A change that touched only a record's details: the people named on
/// letters, or who came to a convening.
pub(super) fn details_only(rows: &[LoggedRow]) -> Option<String> {
    let distinct = |table: &str, column: &str| {
        let mut seen: Vec<String> = rows
            .iter()
            .filter(|r| r.table == table)
            .filter_map(|r| r.key.get(column).map(Value::to_string))
            .collect();
        seen.sort();
        seen.dedup();
        seen.len()
    };
    let letters = distinct("membership_contact", "membership_id");
    if letters > 0 {
        return Some(format!(
            "Changed the points of contact on {}",
            count(letters, "letter", "letters")
        ));
    }
    let convenings = distinct("attendance_person", "convening_id");
    (convenings > 0).then(|| {
        format!(
            "Changed who came to {}",
            count(convenings, "convening", "convenings")
        )
    })
}

/// Many records at once, named by kind: "Added 171 districts and 171
/// contacts", "Invited 82 districts for 2027-2028".
pub(super) fn bulk_action(rows: &[LoggedRow]) -> Option<String> {
    let main: Vec<&LoggedRow> = rows
        .iter()
        .filter(|row| !BOOKKEEPING_TABLES.contains(&row.table.as_str()))
        .collect();
    let first = main.first()?;
    let invitations = main.len() > 1
        && main.iter().all(|row| {
            row.table == "membership"
                && row.action == RowAction::Insert
                && row
                    .fields()
                    .and_then(|f| f.get("status"))
                    .and_then(Value::as_str)
                    == Some("invited")
        });
    if invitations {
        let year = first.fields().and_then(school_year);
        let year = year.map_or_else(String::new, |y| format!(" for {y}"));
        return Some(format!(
            "Started the year: invited {}{year}",
            count(main.len(), "district", "districts")
        ));
    }
    // A record added and changed in the same change (an import walks an
    // application through its statuses) was added; one changed and deleted,
    // deleted; in whatever order the rows are read (an undo reads them
    // backwards).
    let mut seen: Vec<(&LoggedRow, bool, bool)> = Vec::new();
    let mut at: std::collections::HashMap<(&str, String), usize> = Default::default();
    for row in &main {
        let key = (
            row.table.as_str(),
            Value::Object(row.key.clone()).to_string(),
        );
        let i = *at.entry(key).or_insert_with(|| {
            seen.push((row, false, false));
            seen.len() - 1
        });
        seen[i].1 |= row.action == RowAction::Insert;
        seen[i].2 |= row.action == RowAction::Delete;
    }
    let net: Vec<(&LoggedRow, RowAction)> = seen
        .into_iter()
        .map(|(row, inserted, deleted)| {
            let action = match (inserted, deleted) {
                (true, false) => RowAction::Insert,
                (false, true) => RowAction::Delete,
                _ => RowAction::Update,
            };
            (row, action)
        })
        .collect();
    // Each kind of record and what was done to it, in the order first seen.
    let mut groups: Vec<(&str, RowAction, usize)> = Vec::new();
    for (row, action) in &net {
        let row = LoggedRow {
            action: *action,
            ..(*row).clone()
        };
        let row = &row;
        match groups
            .iter_mut()
            .find(|(table, action, _)| *table == row.table && *action == row.action)
        {
            Some(group) => group.2 += 1,
            None => groups.push((table_name(&main, &row.table), row.action, 1)),
        }
    }
    let one_kind = groups.len() == 1 && first.action != RowAction::Update;
    if main.len() < 2 || !(one_kind || main.len() > 3) {
        return None;
    }
    let parts: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(i, (table, action, n))| {
            let verb = match action {
                RowAction::Insert => "added",
                RowAction::Update => "changed",
                RowAction::Delete => "deleted",
            };
            let (one, many) = kind_of_record(table);
            let part = format!("{verb} {}", count(*n, one, many));
            if i == 0 { capitalized(&part) } else { part }
        })
        .collect();
    Some(match parts.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => parts.join(""),
    })
}

/// The table's name as one of `rows` holds it (borrowed from them).
fn table_name<'a>(rows: &[&'a LoggedRow], table: &str) -> &'a str {
    rows.iter()
        .find(|r| r.table == table)
        .map_or("", |r| r.table.as_str())
}

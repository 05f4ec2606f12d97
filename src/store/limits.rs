//! The text limits of `domain::limits`, kept by the database itself: a
//! trigger per table refuses a new value longer than its column's limit,
//! whatever writes it (a form, an import, an undo). The triggers are made
//! from this list when a roster is opened, like the history's, so a value
//! stored before a limit existed stays readable and exportable.

use rusqlite::Connection;

use super::triggers::Family;

use crate::domain::limits::{EMAIL, LINE, LIST, NAME, NOTES, PHONE, PLACE};

/// Each limited column: table, column, what a person calls it, limit.
const LIMITED: &[(&str, &str, &str, usize)] = &[
    ("district", "name", "District name", NAME),
    ("district", "county", "County", PLACE),
    ("district", "email_domain", "Email domain", LINE),
    ("district", "notes", "Notes", NOTES),
    ("contact", "name", "Contact name", NAME),
    ("contact", "title", "Title", LINE),
    ("contact", "email", "Email", EMAIL),
    ("contact", "phone", "Phone", PHONE),
    ("membership", "reflections", "Reflections", NOTES),
    ("membership", "plans", "Plans", NOTES),
    ("membership", "learning_goal", "Learning goal", NOTES),
    (
        "membership",
        "district_signatory",
        "District signatory",
        NAME,
    ),
    ("membership", "kde_signatory", "KDE signatory", NAME),
    ("membership", "termination_reason", "Reason", NOTES),
    ("convening", "title", "Title", NAME),
    ("convening", "location", "Location", LINE),
    ("convening", "notes", "Notes", NOTES),
    ("convening", "description", "Description", NOTES),
    ("network_person", "name", "Name", NAME),
    ("network_person", "title", "Title", LINE),
    ("network_person", "organisation", "Organisation", LINE),
    ("network_person", "email", "Email", EMAIL),
    ("network_person", "phone", "Phone", PHONE),
    ("email_template", "subject", "Subject", LINE),
    ("email_template", "body", "Body", NOTES),
    ("attendance", "note", "Note", NOTES),
    ("grant_application", "destination", "Destination", NAME),
    ("grant_application", "city", "City", PLACE),
    (
        "grant_application",
        "traveler_names",
        "Travelers' names",
        LIST,
    ),
    (
        "grant_application",
        "decline_reason",
        "Decline reason",
        NOTES,
    ),
    (
        "grant_application",
        "override_reason",
        "Reason to accept anyway",
        NOTES,
    ),
    ("grant_application", "notes", "Notes", NOTES),
];

/// How a refused value's error message starts.
const REFUSED: &str = "too long: ";

/// The triggers the list above needs, by name.
fn wanted() -> Vec<(String, String)> {
    let mut tables: Vec<&str> = LIMITED.iter().map(|(table, ..)| *table).collect();
    tables.dedup();
    let mut triggers = Vec::new();
    for table in tables {
        for (event, changed) in [("INSERT", false), ("UPDATE", true)] {
            let checks: String = LIMITED
                .iter()
                .filter(|(t, ..)| *t == table)
                .map(|(_, column, _, max)| {
                    // An update refuses only a new value: one stored before
                    // the limit can stay.
                    let new = if changed {
                        format!(" AND NEW.\"{column}\" IS NOT OLD.\"{column}\"")
                    } else {
                        String::new()
                    };
                    format!(
                        " SELECT RAISE(ABORT, '{REFUSED}{table}.{column}') \
                         WHERE length(NEW.\"{column}\") > {max}{new};"
                    )
                })
                .collect();
            let name = format!("limit_{table}_{}", event.to_lowercase());
            let sql = format!(
                "CREATE TRIGGER \"{name}\" BEFORE {event} ON \"{table}\" BEGIN{checks} END"
            );
            triggers.push((name, sql));
        }
    }
    triggers.sort();
    triggers
}

/// The limits' triggers' family.
const LIMITS: Family = Family("limit_");

/// Whether the triggers are those the list needs.
pub fn triggers_are_current(conn: &Connection) -> rusqlite::Result<bool> {
    LIMITS.is(conn, &wanted())
}

/// (Re)makes the triggers from the list.
pub fn install_triggers(conn: &mut Connection) -> rusqlite::Result<()> {
    LIMITS.replace(conn, &wanted())
}

/// Drops the triggers (migrations run without them).
pub fn drop_triggers(conn: &Connection) -> rusqlite::Result<()> {
    LIMITS.drop_all(conn)
}

/// The message for a value a trigger refused: "Notes is too long (at most
/// 20,000 characters): nothing was saved."
pub fn refused_message(error: &rusqlite::Error) -> Option<String> {
    let rusqlite::Error::SqliteFailure(_, Some(message)) = error else {
        return None;
    };
    let place = message.strip_prefix(REFUSED)?;
    let (label, max) = LIMITED
        .iter()
        .find(|(table, column, ..)| format!("{table}.{column}") == place)
        .map(|(_, _, label, max)| (*label, *max))?;
    Some(format!(
        "{label} is too long (at most {} characters), so nothing was saved.",
        crate::domain::limits::thousands(max)
    ))
}

//! `iln-roster history`, `undo` and `redo`: the window's History and its
//! Undo, Redo and "Undo this change", headless.

use std::fmt::Write as _;

use crate::domain::validate::local_time;
use crate::store::Store;
use crate::store::history::HistoryFilter;

/// The newest `limit` changes, one per line, with the number `undo
/// --change` takes.
pub fn history(db: &std::path::Path, limit: usize) -> anyhow::Result<String> {
    let store = Store::open_read_only(db)?;
    let entries = store.history(&HistoryFilter {
        limit,
        ..HistoryFilter::default()
    })?;
    if entries.is_empty() {
        return Ok("No changes recorded yet.".to_owned());
    }
    let mut text = String::new();
    for entry in entries {
        let undone = if entry.undone { "  (undone)" } else { "" };
        let _ = writeln!(
            text,
            "#{:<6} {:<20} {}{undone}",
            entry.id,
            local_time(&entry.at),
            super::in_one_line(&entry.summary)
        );
    }
    Ok(text.trim_end().to_owned())
}

/// The roster at `db` for writing, refused where there is none: undoing
/// in a mistyped path must not make a roster there.
fn writable(db: &std::path::Path) -> anyhow::Result<Store> {
    drop(Store::open_read_only(db)?);
    Ok(Store::open(db)?)
}

/// Undoes the last change, or change `change` on its own.
pub fn undo(db: &std::path::Path, change: Option<i64>, dry_run: bool) -> anyhow::Result<String> {
    let summary = match (change, dry_run) {
        (None, true) => Store::open_read_only(db)?.undo_summary()?,
        (None, false) => writable(db)?.undo()?,
        (Some(id), true) => Some(Store::open_read_only(db)?.check_undo_one(id)?),
        (Some(id), false) => Some(writable(db)?.undo_one(id)?),
    };
    Ok(match (summary, dry_run) {
        (None, _) => "Nothing to undo.".to_owned(),
        (Some(summary), true) => format!(
            "Would undo: {}. Nothing was written.",
            super::in_one_line(&summary)
        ),
        (Some(summary), false) => format!("Undid: {}.", super::in_one_line(&summary)),
    })
}

/// Redoes the last undo.
pub fn redo(db: &std::path::Path, dry_run: bool) -> anyhow::Result<String> {
    let summary = if dry_run {
        Store::open_read_only(db)?.redo_summary()?
    } else {
        writable(db)?.redo()?
    };
    Ok(match (summary, dry_run) {
        (None, _) => "Nothing to redo.".to_owned(),
        (Some(summary), true) => format!(
            "Would redo: {}. Nothing was written.",
            super::in_one_line(&summary)
        ),
        (Some(summary), false) => format!("Redid: {}.", super::in_one_line(&summary)),
    })
}

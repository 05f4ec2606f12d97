//! Undo and redo: a change set's rows written back as they were before it,
//! as a new change set that records what it reverses.

use rusqlite::{Connection, OptionalExtension as _};
use serde_json::{Map, Value};

use super::history::{ChangeKind, HistoryEntry, LoggedRow, RowAction};
use super::{Result, Store, StoreError};

impl Store {
    /// The change set Ctrl+Z would reverse: the newest change or redo that
    /// no undo has reversed yet.
    fn undoable(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT s.id FROM change_set s
                 WHERE s.open = 0 AND s.kind IN ('change', 'redo')
                   AND NOT EXISTS (SELECT 1 FROM change_set u WHERE u.reverts = s.id)
                 ORDER BY s.id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The undo Ctrl+Shift+Z would reverse: the newest undo not yet redone,
    /// if no change of the user's came after it.
    fn redoable(&self) -> Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT u.id FROM change_set u
                 WHERE u.open = 0 AND u.kind = 'undo'
                   AND NOT EXISTS (SELECT 1 FROM change_set r WHERE r.reverts = u.id)
                   AND u.id > COALESCE((SELECT max(id) FROM change_set WHERE kind = 'change'), 0)
                 ORDER BY u.id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// What Undo would do, for its tooltip ("Deleted district Adair County").
    pub fn undo_summary(&self) -> Result<Option<String>> {
        self.undoable()?
            .map(|id| self.entry(id).map(|e| e.summary))
            .transpose()
    }

    pub fn redo_summary(&self) -> Result<Option<String>> {
        self.redoable()?
            .map(|id| self.entry(id).map(|e| e.summary))
            .transpose()
    }

    fn entry(&self, id: i64) -> Result<HistoryEntry> {
        Ok(HistoryEntry::new(
            id,
            String::new(),
            ChangeKind::Change,
            self.logged_rows(id)?,
            false,
            &super::history_words::Names::read(&self.conn)?,
        ))
    }

    /// Reverses the last change; says what it was, or `None` if there is
    /// nothing to undo.
    pub fn undo(&mut self) -> Result<Option<String>> {
        let Some(id) = self.undoable()? else {
            return Ok(None);
        };
        self.reverse(id, ChangeKind::Undo).map(Some)
    }

    /// Reverses the last undo.
    pub fn redo(&mut self) -> Result<Option<String>> {
        let Some(id) = self.redoable()? else {
            return Ok(None);
        };
        self.reverse(id, ChangeKind::Redo).map(Some)
    }

    /// Writes the rows of change set `id` back as they were before it, as a
    /// new change set of `kind` that reverts it.
    fn reverse(&mut self, id: i64, kind: ChangeKind) -> Result<String> {
        let rows = self.logged_rows(id)?;
        let summary = self.entry(id)?.summary;
        let change = self.change_of_kind(kind, Some(id))?;
        // Rows come back in reverse order; parents and children may pass
        // each other on the way, so keys are checked at commit.
        change.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for row in rows.iter().rev() {
            restore_row(&change, row)?;
        }
        change.commit()?;
        Ok(summary)
    }
}

/// Puts one row back as it was before its logged change.
fn restore_row(conn: &Connection, row: &LoggedRow) -> Result<()> {
    let table = &row.table;
    let quoted = |c: &String| format!("\"{}\"", c.replace('"', ""));
    let key_sql = |map: &Map<String, Value>| -> (String, Vec<rusqlite::types::Value>) {
        let (columns, values): (Vec<_>, Vec<_>) = map
            .iter()
            .map(|(c, v)| (format!("{} = ?", quoted(c)), sql_value(v)))
            .unzip();
        (columns.join(" AND "), values)
    };
    match row.action {
        RowAction::Insert => {
            let (filter, values) = key_sql(&row.key);
            conn.execute(
                &format!("DELETE FROM \"{table}\" WHERE {filter}"),
                rusqlite::params_from_iter(values),
            )?;
        }
        RowAction::Delete => {
            let before = row
                .before
                .as_ref()
                .ok_or(StoreError::NotFound("history row"))?;
            let columns: Vec<String> = before.keys().map(quoted).collect();
            let marks = vec!["?"; columns.len()].join(", ");
            conn.execute(
                &format!(
                    "INSERT INTO \"{table}\" ({}) VALUES ({marks})",
                    columns.join(", ")
                ),
                rusqlite::params_from_iter(before.values().map(sql_value)),
            )?;
        }
        RowAction::Update => {
            let before = row
                .before
                .as_ref()
                .ok_or(StoreError::NotFound("history row"))?;
            let assignments: Vec<String> = before
                .keys()
                .map(|c| format!("{} = ?", quoted(c)))
                .collect();
            let (filter, key_values) = key_sql(&row.key);
            let values: Vec<rusqlite::types::Value> =
                before.values().map(sql_value).chain(key_values).collect();
            conn.execute(
                &format!(
                    "UPDATE \"{table}\" SET {} WHERE {filter}",
                    assignments.join(", ")
                ),
                rusqlite::params_from_iter(values),
            )?;
        }
    }
    Ok(())
}

fn sql_value(value: &Value) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match value {
        Value::Null => V::Null,
        Value::Bool(b) => V::Integer(i64::from(*b)),
        Value::Number(n) => n
            .as_i64()
            .map(V::Integer)
            .or_else(|| n.as_f64().map(V::Real))
            .unwrap_or(V::Null),
        Value::String(s) => V::Text(s.clone()),
        other => V::Text(other.to_string()),
    }
}

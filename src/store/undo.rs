//! Undo and redo: a change set's rows written back as they were before it,
//! as a new change set that records what it reverses.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension as _};
use serde_json::{Map, Value};

use super::history::{ChangeKind, HistoryEntry, LoggedRow, RowAction};
use super::{Result, Store, StoreError};
use crate::domain::validate::local_time;

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
            .map(|id| self.undone_by(id).and_then(|change| self.entry(change)))
            .map(|entry| entry.map(|e| e.summary))
            .transpose()
    }

    /// The change undo `id` reversed: what a redo of it does again.
    fn undone_by(&self, id: i64) -> Result<i64> {
        self.conn
            .query_row(
                "SELECT reverts FROM change_set WHERE id = ?1 AND reverts IS NOT NULL",
                [id],
                |row| row.get(0),
            )
            .optional()?
            .ok_or(StoreError::NotFound("change"))
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
        self.reverse(id, ChangeKind::Undo, false).map(Some)
    }

    /// Reverses the last undo.
    pub fn redo(&mut self) -> Result<Option<String>> {
        let Some(id) = self.redoable()? else {
            return Ok(None);
        };
        self.reverse(id, ChangeKind::Redo, false).map(Some)
    }

    /// Reverses one change chosen in History, on its own, when no later
    /// change still in place touched the same records. Otherwise refused,
    /// naming the later changes in the way (undo those first).
    pub fn undo_one(&mut self, id: i64) -> Result<String> {
        let summary = self.check_undo_one(id)?;
        // A later record may hang on this one (a contact added to a district
        // this change created) without touching its rows: the keys say so.
        self.reverse(id, ChangeKind::Undo, true)
            .map_err(|error| match &error {
                StoreError::Sqlite(e)
                    if super::error::constraint(e)
                        == Some(super::error::Constraint::ForeignKey) =>
                {
                    depended_on(&summary)
                }
                _ => error,
            })
    }

    /// Whether change `id` can be undone on its own (see [`Self::undo_one`]),
    /// writing nothing: its summary, or why not, naming (by number) the
    /// later changes in the way.
    pub fn check_undo_one(&self, id: i64) -> Result<String> {
        let kind: Option<String> = self
            .conn
            .query_row(
                "SELECT kind FROM change_set WHERE id = ?1 AND open = 0",
                [id],
                |row| row.get(0),
            )
            .optional()?;
        let Some(kind) = kind else {
            return Err(StoreError::Refused(format!(
                "There is no change #{id}: `iln-roster history` lists them with their numbers."
            )));
        };
        let summary = self.entry(id)?.summary;
        if kind == ChangeKind::Undo.code() {
            return Err(StoreError::Refused(format!(
                "#{id} “{summary}” is itself an undo: redo it instead (Redo), or undo the \
                 change it reversed."
            )));
        }
        if self.is_undone(id)? {
            return Err(StoreError::Refused(format!(
                "#{id} “{summary}” is already undone."
            )));
        }
        let in_the_way = self.later_changes_in_the_way(id)?;
        if in_the_way.is_empty() {
            return Ok(summary);
        }
        // Only the newest few are named (and so put in words).
        let named: Vec<String> = in_the_way
            .iter()
            .take(3)
            .map(|(later, at)| {
                let summary = self.entry(*later)?.summary;
                Ok(format!("#{later} “{summary}” ({})", local_time(at)))
            })
            .collect::<Result<_>>()?;
        let more = match in_the_way.len() - named.len() {
            0 => String::new(),
            more => format!(" and {more} more"),
        };
        Err(StoreError::Refused(format!(
            "#{id} “{summary}” cannot be undone on its own: later changes touched the same \
             records or depend on them: {}{more}. Undo those first.",
            named.join(", ")
        )))
    }

    /// Whether change `id`'s effect is undone now: an undo reversed it, and
    /// no redo brought it back (or an undo reversed that redo, and so on).
    pub(super) fn is_undone(&self, id: i64) -> Result<bool> {
        let reversals: i64 = self.conn.query_row(
            "WITH RECURSIVE chain (id, depth) AS (
                 SELECT ?1, 0
                 UNION ALL
                 SELECT s.id, chain.depth + 1 FROM change_set s JOIN chain ON s.reverts = chain.id
             )
             SELECT max(depth) FROM chain",
            [id],
            |row| row.get(0),
        )?;
        Ok(reversals % 2 == 1)
    }

    /// Later changes still in effect that touched a record change `id`
    /// touched, that added a record hanging on one it added (a contact of
    /// a district it added), or that rest on a letter it wrote (the
    /// district's attendance and applications, which count only for a
    /// member); newest first.
    fn later_changes_in_the_way(&self, id: i64) -> Result<Vec<(i64, String)>> {
        // Each way of being in the way is its own indexed query: one query
        // joining them all compared every later row with every row of the
        // change, seconds for an import of 171 districts.
        let mine = self.logged_rows(id)?;
        let mut later: BTreeSet<i64> = self
            .conn
            .prepare_cached(
                "SELECT DISTINCT later.change_set_id FROM change_log mine
                 JOIN change_log later
                   ON later.table_name = mine.table_name AND later.row_key = mine.row_key
                 WHERE mine.change_set_id = ?1 AND later.change_set_id > ?1",
            )?
            .query_map([id], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        later.extend(self.resting_on_letters(id, &mine)?);
        later.extend(self.added_on_records(id, &mine)?);

        let mut in_effect = Vec::new();
        for later in later.into_iter().rev() {
            let set: Option<(String, String)> = self
                .conn
                .query_row(
                    "SELECT at, kind FROM change_set WHERE id = ?1 AND open = 0",
                    [later],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            let Some((at, kind)) = set else { continue };
            if kind == ChangeKind::Undo.code() || self.is_undone(later)? {
                continue;
            }
            in_effect.push((later, at));
        }
        Ok(in_effect)
    }

    /// Later changes to the attendance and applications of the districts
    /// whose letters change `id` wrote: they count only for a member.
    fn resting_on_letters(&self, id: i64, mine: &[LoggedRow]) -> Result<BTreeSet<i64>> {
        let districts: BTreeSet<i64> = mine
            .iter()
            .filter(|row| row.table == "membership")
            .filter_map(|row| row.after.as_ref().or(row.before.as_ref()))
            .filter_map(|fields| fields.get("district_id").and_then(Value::as_i64))
            .collect();
        if districts.is_empty() {
            return Ok(BTreeSet::new());
        }
        let rows: Vec<(i64, Option<i64>)> = self
            .conn
            .prepare_cached(
                "SELECT change_set_id, json_extract(coalesce(after, before), '$.district_id')
                 FROM change_log
                 WHERE table_name IN ('attendance', 'grant_application') AND change_set_id > ?1",
            )?
            .query_map([id], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .filter(|(_, district)| district.is_some_and(|d| districts.contains(&d)))
            .map(|(set, _)| set)
            .collect())
    }

    /// Later changes that added a record hanging, by a foreign key, on one
    /// change `id` added (a contact of a district it added).
    fn added_on_records(&self, id: i64, mine: &[LoggedRow]) -> Result<BTreeSet<i64>> {
        let added: Vec<&LoggedRow> = mine
            .iter()
            .filter(|row| row.action == RowAction::Insert)
            .collect();
        let parents: BTreeSet<&str> = added.iter().map(|row| row.table.as_str()).collect();
        let mut later = BTreeSet::new();
        for parent in parents {
            let children: Vec<(String, String, Option<String>)> = self
                .conn
                .prepare_cached(
                    "SELECT m.name, k.\"from\", k.\"to\"
                     FROM sqlite_schema m, pragma_foreign_key_list(m.name) k
                     WHERE m.type = 'table' AND k.\"table\" = ?1",
                )?
                .query_map([parent], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (child, column, referenced) in children {
                let referenced = referenced.unwrap_or_else(|| "id".to_owned());
                let keys: BTreeSet<i64> = added
                    .iter()
                    .filter(|row| row.table == parent)
                    .filter_map(|row| row.after.as_ref()?.get(&referenced)?.as_i64())
                    .collect();
                let rows: Vec<(i64, Option<i64>)> = self
                    .conn
                    .prepare_cached(
                        "SELECT change_set_id, json_extract(after, '$.' || ?2) FROM change_log
                         WHERE table_name = ?1 AND action = 'insert' AND change_set_id > ?3",
                    )?
                    .query_map((child, column, id), |row| Ok((row.get(0)?, row.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                later.extend(
                    rows.into_iter()
                        .filter(|(_, key)| key.is_some_and(|k| keys.contains(&k)))
                        .map(|(set, _)| set),
                );
            }
        }
        Ok(later)
    }

    /// Writes the rows of change set `id` back as they were before it, as a
    /// new change set of `kind` that reverts it.
    /// `alone`: refused if it would reach records the change never touched.
    fn reverse(&mut self, id: i64, kind: ChangeKind, alone: bool) -> Result<String> {
        let rows = self.logged_rows(id)?;
        // A redo is said as the change it brings back, not as the undo it reverses.
        let said = match kind {
            ChangeKind::Redo => self.undone_by(id)?,
            ChangeKind::Change | ChangeKind::Undo => id,
        };
        let summary = self.entry(said)?.summary;
        let change = self.change_of_kind(kind, Some(id))?;
        // Rows come back in reverse order; parents and children may pass
        // each other on the way, so keys are checked at commit.
        change.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        let sequences = calendar_sequences(&change)?;
        for row in rows.iter().rev() {
            restore_row(&change, row)?;
        }
        keep_calendar_sequences_rising(&change, &sequences)?;
        if alone && touched_beyond(&change, id)? {
            // Dropped uncommitted: the transaction rolls back.
            return Err(depended_on(&summary));
        }
        if let Some(name) = document_without_its_file(&change)? {
            return Err(StoreError::Refused(format!(
                "“{summary}” cannot be undone: it would bring back “{name}”, whose file was \
                 let go to free space."
            )));
        }
        change.commit()?;
        Ok(summary)
    }
}

/// What a calendar shows of a convening (as `update_convening` counts it).
const CALENDAR_VISIBLE: &str = "json_array(held_on, title, location, starts_at, ends_at, \
     time_zone, description, organiser_id)";

/// Each convening's calendar sequence and what calendars show of it.
fn calendar_sequences(conn: &Connection) -> Result<Vec<(i64, i64, String)>> {
    let mut statement = conn.prepare_cached(&format!(
        "SELECT id, calendar_sequence, {CALENDAR_VISIBLE} FROM convening"
    ))?;
    let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// An undo or redo that puts a convening back as it was changes what
/// calendars show once more: its sequence goes on up from where it was (a
/// calendar ignores an update numbered lower than the one it has); one
/// that changes nothing they show keeps it.
fn keep_calendar_sequences_rising(conn: &Connection, before: &[(i64, i64, String)]) -> Result<()> {
    let mut raise = conn.prepare_cached(&format!(
        "UPDATE convening
         SET calendar_sequence = CASE WHEN {CALENDAR_VISIBLE} IS ?3 THEN ?2 ELSE ?2 + 1 END
         WHERE id = ?1 AND calendar_sequence < ?2"
    ))?;
    for (id, sequence, visible) in before {
        raise.execute(rusqlite::params![id, sequence, visible])?;
    }
    Ok(())
}

/// Whether the change being written (an undo of change `undone`) reached
/// rows the undone change never touched: records added since that hang on
/// it, deleted with it by the keys' cascade.
fn touched_beyond(conn: &Connection, undone: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (
             SELECT 1 FROM change_log l JOIN change_set s ON s.id = l.change_set_id AND s.open = 1
             WHERE NOT EXISTS (SELECT 1 FROM change_log m WHERE m.change_set_id = ?1
                                 AND m.table_name = l.table_name AND m.row_key = l.row_key))",
        [undone],
        |row| row.get(0),
    )?)
}

/// A document the change being written brings back whose bytes were let
/// go (see `Store::let_removed_documents_go`).
fn document_without_its_file(conn: &Connection) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT name FROM document d
             WHERE NOT EXISTS (SELECT 1 FROM document_content c WHERE c.sha256 = d.sha256)
             LIMIT 1",
            [],
            |row| row.get(0),
        )
        .optional()?)
}

fn depended_on(summary: &str) -> StoreError {
    StoreError::Refused(format!(
        "“{summary}” cannot be undone on its own: records added since depend on it. \
         Undo those first."
    ))
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

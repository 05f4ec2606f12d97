//! Change history and undo, in one mechanism: every write of the store runs
//! inside a `Change` (one transaction, one change set), and triggers made
//! from the schema log each row it inserts, updates or deletes, before and
//! after, as JSON. A write outside a `Change` fails (its log row has no set),
//! so none can slip past the history. Undo replays a set's rows backwards as
//! a new change set; redo reverses that undo (see `undo.rs`).

pub use super::change_log::{ChangeKind, LoggedRow, RowAction};
use super::history_words::{Names, RecordWords, records_in_words, summary_in_words};
use std::ops::Deref;

use rusqlite::{Connection, Savepoint, Transaction, params};
use serde_json::{Map, Value};

use super::triggers::Family;
use super::{Result, Store};

/// Tables that are the history itself, never logged.
const UNLOGGED: [&str; 3] = ["change_set", "change_log", "document_content"];
/// Columns that change on every write, or follow from another column, and
/// say nothing about what changed.
use super::change_log::BOOKKEEPING;

/// A write in progress: its own transaction and change set, or a part of
/// an import's one change (a savepoint in it).
pub struct Change<'a> {
    scope: Scope<'a>,
}

enum Scope<'a> {
    Own(Transaction<'a>),
    Within(Savepoint<'a>),
}

impl Deref for Change<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        match &self.scope {
            Scope::Own(tx) => tx,
            Scope::Within(savepoint) => savepoint,
        }
    }
}

impl Change<'_> {
    /// Closes the change set (dropping it if nothing changed) and commits;
    /// a part of a larger change only keeps its writes in it.
    pub fn commit(self) -> Result<()> {
        match self.scope {
            Scope::Own(tx) => {
                close_change_set(&tx)?;
                // A new change of the user's ends what could be redone.
                tx.commit()?;
            }
            Scope::Within(savepoint) => savepoint.commit()?,
        }
        Ok(())
    }
}

/// Drops the open change set if it logged nothing, and closes it.
fn close_change_set(conn: &Connection) -> Result<()> {
    conn.execute(
        "DELETE FROM change_set WHERE open = 1
           AND NOT EXISTS (SELECT 1 FROM change_log WHERE change_set_id = change_set.id)",
        [],
    )?;
    conn.execute("UPDATE change_set SET open = 0 WHERE open = 1", [])?;
    Ok(())
}

impl Store {
    /// Starts a write: every row it touches is logged to one change set.
    pub(crate) fn change(&mut self) -> Result<Change<'_>> {
        self.change_of_kind(ChangeKind::Change, None)
    }

    pub(super) fn change_of_kind(
        &mut self,
        kind: ChangeKind,
        reverts: Option<i64>,
    ) -> Result<Change<'_>> {
        self.verify()?;
        if self.in_batch {
            if kind != ChangeKind::Change {
                return Err(super::StoreError::Refused(
                    "An undo cannot run inside another change.".to_owned(),
                ));
            }
            return Ok(Change {
                scope: Scope::Within(self.conn.savepoint()?),
            });
        }
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO change_set (kind, reverts) VALUES (?1, ?2)",
            params![kind.code(), reverts],
        )?;
        Ok(Change {
            scope: Scope::Own(tx),
        })
    }

    /// Runs `work` as one change: every write it makes (each checked as on
    /// its own) joins one transaction and one change set, so that an import
    /// of many records is undone as one. With `keep` false, or when `work`
    /// fails, nothing of it stays: a dry run reads exactly what the real
    /// run would write, then rolls it back.
    pub fn in_one_change<T>(
        &mut self,
        keep: bool,
        work: impl FnOnce(&mut Self) -> Result<T>,
    ) -> Result<T> {
        self.verify()?;
        if self.in_batch {
            return Err(super::StoreError::Refused(
                "Another import is already being written.".to_owned(),
            ));
        }
        self.conn.execute_batch("BEGIN IMMEDIATE")?;
        if let Err(error) = self
            .conn
            .execute("INSERT INTO change_set (kind) VALUES ('change')", [])
        {
            let _ = self.conn.execute_batch("ROLLBACK");
            return Err(error.into());
        }
        self.in_batch = true;
        let result = work(self);
        self.in_batch = false;
        let result = match result {
            Ok(value) if keep => close_change_set(&self.conn)
                .and_then(|()| Ok(self.conn.execute_batch("COMMIT")?))
                .map(|()| value),
            other => other,
        };
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        result
    }
}

/// The logging triggers' family.
const HISTORY: Family = Family("history_");

/// The logging triggers the schema as it is needs, sorted by name.
pub fn wanted_triggers(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut wanted = trigger_sql(conn)?;
    wanted.sort();
    Ok(wanted)
}

/// Whether the logging triggers are those the schema as it is needs.
pub fn triggers_are_current(conn: &Connection) -> rusqlite::Result<bool> {
    HISTORY.is(conn, &wanted_triggers(conn)?)
}

/// (Re)creates the logging triggers from the schema as it is.
pub fn install_triggers(conn: &mut Connection) -> rusqlite::Result<()> {
    let wanted = wanted_triggers(conn)?;
    HISTORY.replace(conn, &wanted)
}

/// Drops the logging triggers (migrations run without them).
pub fn drop_triggers(conn: &Connection) -> rusqlite::Result<()> {
    HISTORY.drop_all(conn)
}

struct TableInfo {
    name: String,
    columns: Vec<String>,
    key: Vec<String>,
}

fn logged_tables(conn: &Connection) -> rusqlite::Result<Vec<TableInfo>> {
    let names: Vec<String> = conn
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    names
        .into_iter()
        .filter(|name| !UNLOGGED.contains(&name.as_str()))
        .map(|name| {
            let mut columns = Vec::new();
            let mut key: Vec<(i64, String)> = Vec::new();
            let mut statement = conn.prepare("SELECT name, pk FROM pragma_table_info(?1)")?;
            let mut rows = statement.query([&name])?;
            while let Some(row) = rows.next()? {
                let column: String = row.get(0)?;
                let pk: i64 = row.get(1)?;
                if pk > 0 {
                    key.push((pk, column.clone()));
                }
                columns.push(column);
            }
            key.sort();
            Ok(TableInfo {
                name,
                columns,
                key: key.into_iter().map(|(_, c)| c).collect(),
            })
        })
        .collect()
}

fn json_of(prefix: &str, columns: &[String]) -> String {
    let pairs: Vec<String> = columns
        .iter()
        .map(|c| format!("'{c}', {prefix}.\"{c}\""))
        .collect();
    format!("json_object({})", pairs.join(", "))
}

/// The triggers' (name, SQL), three per logged table.
fn trigger_sql(conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
    let mut triggers = Vec::new();
    for table in logged_tables(conn)? {
        let t = &table.name;
        let set = "(SELECT id FROM change_set WHERE open = 1)";
        let insert_log =
            "INSERT INTO change_log (change_set_id, table_name, action, row_key, before, after)";
        let changed: Vec<String> = table
            .columns
            .iter()
            .filter(|c| !BOOKKEEPING.contains(&c.as_str()))
            .map(|c| format!("OLD.\"{c}\" IS NOT NEW.\"{c}\""))
            .collect();
        triggers.push((
            format!("history_{t}_insert"),
            format!(
                "CREATE TRIGGER \"history_{t}_insert\" AFTER INSERT ON \"{t}\" BEGIN {insert_log} VALUES ({set}, '{t}', 'insert', {}, NULL, {}); END",
                json_of("NEW", &table.key),
                json_of("NEW", &table.columns),
            ),
        ));
        triggers.push((
            format!("history_{t}_update"),
            format!(
                "CREATE TRIGGER \"history_{t}_update\" AFTER UPDATE ON \"{t}\" WHEN {} BEGIN {insert_log} VALUES ({set}, '{t}', 'update', {}, {}, {}); END",
                changed.join(" OR "),
                json_of("NEW", &table.key),
                json_of("OLD", &table.columns),
                json_of("NEW", &table.columns),
            ),
        ));
        triggers.push((
            format!("history_{t}_delete"),
            format!(
                "CREATE TRIGGER \"history_{t}_delete\" AFTER DELETE ON \"{t}\" BEGIN {insert_log} VALUES ({set}, '{t}', 'delete', {}, {}, NULL); END",
                json_of("OLD", &table.key),
                json_of("OLD", &table.columns),
            ),
        ));
    }
    Ok(triggers)
}

/// One change set: a save, a delete, an import, an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    pub id: i64,
    /// UTC, as SQLite wrote it: "2026-11-22T20:15:03.123Z".
    pub at: String,
    pub kind: ChangeKind,
    pub rows: Vec<LoggedRow>,
    /// Whether a later undo reverses it (and no redo since).
    pub undone: bool,
    /// "Deleted district Adair County", made once when it is read.
    pub summary: String,
    /// Each record it touched, in words (bookkeeping rows folded away).
    pub records: Vec<RecordWords>,
}

impl HistoryEntry {
    /// The entry as read, with its summary made.
    pub(super) fn new(
        id: i64,
        at: String,
        kind: ChangeKind,
        rows: Vec<LoggedRow>,
        undone: bool,
        names: &Names,
    ) -> Self {
        let mut names = names.clone();
        names.learn(&rows);
        Self {
            summary: summary_in_words(kind, &rows, &names),
            records: records_in_words(&rows, &names),
            id,
            at,
            kind,
            rows,
            undone,
        }
    }
}

fn parse(text: Option<String>) -> Option<Map<String, Value>> {
    match serde_json::from_str(text.as_deref()?) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// What the History view and the forms ask for.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HistoryFilter {
    /// Only changes touching these tables (empty: all).
    pub tables: Vec<String>,
    /// Only changes to this record: (table, primary key as JSON).
    pub record: Option<(String, String)>,
    /// Also changes to the rows that hang on the record (with `record`):
    /// a district's contacts, a convening's attendance and reports.
    pub children: Option<ChildRows>,
    /// Only changes on or after this moment (UTC, as stored).
    pub since: Option<String>,
    /// Only changes before this moment (UTC, as stored).
    pub until: Option<String>,
    pub limit: usize,
}

/// Rows of other tables that hang on a record, by the column naming it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChildRows {
    pub tables: &'static [&'static str],
    pub column: &'static str,
    pub id: i64,
}

impl Store {
    /// Change sets, newest first.
    pub fn history(&self, filter: &HistoryFilter) -> Result<Vec<HistoryEntry>> {
        let tables = serde_json::to_string(&filter.tables).unwrap_or_else(|_| "[]".into());
        let (record_table, record_key) = filter.record.clone().unzip();
        let children_tables = serde_json::to_string(filter.children.map_or(&[][..], |c| c.tables))
            .unwrap_or_else(|_| "[]".into());
        let ids: Vec<(i64, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT s.id, s.at, s.kind
                 FROM change_set s
                 WHERE s.open = 0
                   AND (?1 = '[]' OR EXISTS (SELECT 1 FROM change_log l, json_each(?1) t
                                             WHERE l.change_set_id = s.id AND l.table_name = t.value))
                   AND (?2 IS NULL OR EXISTS (SELECT 1 FROM change_log l, json_each(?6) t
                                              WHERE l.change_set_id = s.id AND ?8 IS NOT NULL
                                                AND l.table_name = t.value
                                                AND json_extract(coalesce(l.after, l.before), ?9) = ?8)
                                       OR EXISTS (SELECT 1 FROM change_log l
                                              WHERE l.change_set_id = s.id AND l.table_name = ?2 AND l.row_key = ?3))
                   AND (?4 IS NULL OR s.at >= ?4)
                   AND (?7 IS NULL OR s.at < ?7)
                 ORDER BY s.id DESC
                 LIMIT ?5",
            )?
            .query_map(
                params![
                    tables,
                    record_table,
                    record_key,
                    filter.since,
                    if filter.limit == 0 { -1 } else { filter.limit as i64 },
                    children_tables,
                    filter.until,
                    filter.children.map(|c| c.id),
                    filter.children.map(|c| format!("$.{}", c.column)),
                ],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let names = Names::read(&self.conn)?;
        ids.into_iter()
            .map(|(id, at, kind)| {
                let kind = ChangeKind::from_code(&kind).unwrap_or(ChangeKind::Change);
                Ok(HistoryEntry::new(
                    id,
                    at,
                    kind,
                    self.logged_rows(id)?,
                    self.is_undone(id)?,
                    &names,
                ))
            })
            .collect()
    }

    /// The changes to one record (by its `id`), newest first.
    /// A district's changes and its contacts', newest first.
    pub fn district_history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        self.history(&HistoryFilter {
            record: Some(("district".to_owned(), format!("{{\"id\":{id}}}"))),
            children: Some(ChildRows {
                tables: &["contact"],
                column: "district_id",
                id,
            }),
            limit: 200,
            ..HistoryFilter::default()
        })
    }

    /// A convening's changes, its attendance and the reports imported into it.
    pub fn convening_history(&self, id: i64) -> Result<Vec<HistoryEntry>> {
        self.history(&HistoryFilter {
            record: Some(("convening".to_owned(), format!("{{\"id\":{id}}}"))),
            children: Some(ChildRows {
                tables: &["attendance", "attendance_report"],
                column: "convening_id",
                id,
            }),
            limit: 200,
            ..HistoryFilter::default()
        })
    }

    pub fn record_history(&self, table: &str, id: i64) -> Result<Vec<HistoryEntry>> {
        self.history(&HistoryFilter {
            record: Some((table.to_owned(), format!("{{\"id\":{id}}}"))),
            limit: 200,
            ..HistoryFilter::default()
        })
    }

    pub(super) fn logged_rows(&self, set: i64) -> Result<Vec<LoggedRow>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT table_name, action, row_key, before, after
                 FROM change_log WHERE change_set_id = ?1 ORDER BY id",
            )?
            .query_map([set], |row| {
                let action: String = row.get(1)?;
                Ok(LoggedRow {
                    table: row.get(0)?,
                    action: match action.as_str() {
                        "insert" => RowAction::Insert,
                        "delete" => RowAction::Delete,
                        _ => RowAction::Update,
                    },
                    key: parse(row.get(2)?).unwrap_or_default(),
                    before: parse(row.get(3)?),
                    after: parse(row.get(4)?),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Store {
    /// Every record of every logged table as JSON lines, in key order: what
    /// the database holds, apart from its history and bookkeeping columns
    /// (a save that changed nothing still touches `updated_at`).
    pub fn content_snapshot(&self) -> Result<Vec<String>> {
        let mut lines = Vec::new();
        for mut table in logged_tables(&self.conn)? {
            // A calendar entry's UID is drawn at random when the convening
            // is made: two rosters made alike differ only there.
            table
                .columns
                .retain(|c| !BOOKKEEPING.contains(&c.as_str()) && c != "calendar_uid");
            let key: Vec<String> = table.key.iter().map(|c| format!("\"{c}\"")).collect();
            let sql = format!(
                "SELECT {} FROM \"{}\" ORDER BY {}",
                json_of(&format!("\"{}\"", table.name), &table.columns),
                table.name,
                if key.is_empty() {
                    "rowid".to_owned()
                } else {
                    key.join(", ")
                }
            );
            let mut statement = self.conn.prepare(&sql)?;
            let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
            for row in rows {
                lines.push(format!("{}: {}", table.name, row?));
            }
        }
        Ok(lines)
    }
}

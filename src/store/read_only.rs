//! Opening a roster only to read it (exports, backups, the health check):
//! the file must already be a roster; nothing is created, migrated or
//! written, so a read-only file (or a read-only folder) works too.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{OpenError, Result, SCHEMA_VERSION, Store, read_header};

impl Store {
    /// Opens the roster at `path` to read it. A missing path is refused
    /// (with the roster it may have meant), never created.
    pub fn open_read_only(path: &Path) -> Result<Self, OpenError> {
        let (conn, header) = connect_to_roster(path)?;
        if header.user_version < SCHEMA_VERSION as i64 {
            return Err(OpenError::NeedsUpdate {
                path: path.to_path_buf(),
            });
        }
        // No whole-file check: reading writes nothing, and a damaged page
        // met while reading is reported as damage (`check` looks at all).
        Ok(Self {
            conn,
            path: path.to_path_buf(),
            verified: false,
            in_batch: false,
        })
    }
}

/// A read-only connection to an existing roster, and its header: a file
/// that is not one of ours, from a newer version, or holds no roster is
/// refused.
fn connect_to_roster(path: &Path) -> Result<(Connection, super::Header), OpenError> {
    let conn = connect_read_only(path)?;
    let header = read_header(&conn).map_err(|e| OpenError::from_sqlite(path.to_path_buf(), e))?;
    header.check(path)?;
    if !header.has_tables {
        return Err(OpenError::NoRoster {
            path: path.to_path_buf(),
            suggestion: None,
        });
    }
    Ok((conn, header))
}

/// A read-only connection to an existing file; a missing one is refused.
fn connect_read_only(path: &Path) -> Result<Connection, OpenError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => {
            return Err(OpenError::IsFolder {
                path: path.to_path_buf(),
            });
        }
        Ok(meta) if !meta.is_file() => {
            return Err(OpenError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(OpenError::NoRoster {
                path: path.to_path_buf(),
                suggestion: likely_meant(path),
            });
        }
        Err(source) => {
            return Err(OpenError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    }
    let sqlite = |e| OpenError::from_sqlite(path.to_path_buf(), e);
    // A writable file is opened for writing (never created) with writes
    // switched off and the lock held, as the window holds it: SQLite then
    // keeps its index in the process and tidies its log away on closing, so
    // a read leaves nothing beside the roster. A read-only file is opened
    // read-only.
    // SQLite opens a file it may not write read-only without saying so,
    // and a roster kept in WAL mode then needs a shared-memory file that a
    // read-only file in a folder we may not write cannot get: the first
    // read tells. Nobody can change such a file, so it is read as one that
    // does not change. A busy or damaged file is said as it is.
    let cannot_read_here = |error: &rusqlite::Error| {
        matches!(
            error.sqlite_error_code(),
            Some(
                rusqlite::ErrorCode::SystemIoFailure
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::ReadOnly
            )
        )
    };
    let probe = |conn: Connection| -> rusqlite::Result<Connection> {
        conn.busy_timeout(Duration::from_millis(200))?;
        conn.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
        Ok(conn)
    };
    let writable = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|conn| {
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        conn.pragma_update(None, "query_only", true)?;
        probe(conn)
    });
    // A file we may not write with no log beside it holds everything in
    // itself: read as it is (immutable), SQLite makes no files beside it.
    let log_beside = {
        let mut log = path.as_os_str().to_owned();
        log.push("-wal");
        std::fs::metadata(PathBuf::from(log)).is_ok_and(|m| m.len() > 0)
    };
    let immutable = || {
        Connection::open_with_flags(
            format!("file:{}?immutable=1", uri_path(path)),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_NO_MUTEX
                | OpenFlags::SQLITE_OPEN_URI,
        )
    };
    let read_only = match writable {
        Ok(conn) => return Ok(conn),
        Err(error) if !cannot_read_here(&error) && error.sqlite_error_code().is_some() => {
            return Err(sqlite(error));
        }
        Err(_) if !log_beside => immutable().and_then(probe),
        Err(_) => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .and_then(probe),
    };
    let conn = match read_only {
        Ok(conn) => conn,
        Err(error) if cannot_read_here(&error) => immutable().map_err(sqlite)?,
        Err(error) => return Err(sqlite(error)),
    };
    conn.busy_timeout(Duration::from_millis(200))
        .map_err(sqlite)?;
    Ok(conn)
}

/// A path as a `file:` URI's path: the characters a URI gives a meaning
/// escaped.
fn uri_path(path: &Path) -> String {
    path.to_string_lossy()
        .chars()
        .map(|c| match c {
            '%' => "%25".to_owned(),
            '?' => "%3f".to_owned(),
            '#' => "%23".to_owned(),
            c => c.to_string(),
        })
        .collect()
}

/// The roster a mistyped path most likely meant: a database file of a close
/// name in the same folder, else the roster in the user's data folder.
fn likely_meant(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let close = std::fs::read_dir(&folder)
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|candidate| super::is_database_file(candidate))
        .filter(|candidate| {
            candidate
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("sqlite3") || e.eq_ignore_ascii_case("db"))
        })
        .filter_map(|candidate| {
            let other = candidate.file_name()?.to_string_lossy().to_lowercase();
            let distance = strsim::levenshtein(&name, &other);
            (distance <= 3).then_some((distance, candidate))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate);
    close.or_else(|| super::default_path().filter(|default| default.is_file() && default != path))
}

/// What `iln-roster check` finds in a roster file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HealthReport {
    /// `integrity_check`'s findings ("ok" when sound).
    pub integrity: Vec<String>,
    /// Rows that point at a record that is not there.
    pub broken_links: Vec<String>,
    pub schema_version: i64,
    /// Records of each kind: (what, how many).
    pub counts: Vec<(&'static str, i64)>,
}

impl HealthReport {
    pub fn is_sound(&self) -> bool {
        self.integrity == ["ok"]
            && self.broken_links.is_empty()
            && self.schema_version == SCHEMA_VERSION as i64
    }
}

/// Checks the roster file at `path` with the app's own SQLite (Debian's
/// older `sqlite3` shell wrongly reports faults in `WITHOUT ROWID` tables):
/// integrity, links between records, schema version, and counts. Reads
/// only; a damaged file is reported, not refused.
pub fn check(path: &Path) -> Result<HealthReport, OpenError> {
    let (conn, header) = connect_to_roster(path)?;
    let sqlite = |e| OpenError::from_sqlite(path.to_path_buf(), e);
    let lines = |sql: &str| -> rusqlite::Result<Vec<String>> {
        let mut statement = conn.prepare(sql)?;
        let rows = statement.query_map([], |row| {
            let mut parts = Vec::new();
            for i in 0..row.as_ref().column_count() {
                let value: rusqlite::types::Value = row.get(i)?;
                parts.push(match value {
                    rusqlite::types::Value::Null => "—".to_owned(),
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                });
            }
            Ok(parts.join(" "))
        })?;
        rows.collect()
    };
    let integrity = lines("PRAGMA integrity_check(20)").map_err(sqlite)?;
    let broken_links = lines("PRAGMA foreign_key_check").map_err(sqlite)?;
    let mut counts = Vec::new();
    for (what, table) in [
        ("districts", "district"),
        ("contacts", "contact"),
        ("letters", "membership"),
        ("convenings", "convening"),
        ("attendance lines", "attendance"),
        ("grant applications", "grant_application"),
        ("changes in the history", "change_set"),
    ] {
        let count = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| {
                row.get(0)
            })
            .unwrap_or(0);
        counts.push((what, count));
    }
    Ok(HealthReport {
        integrity,
        broken_links,
        schema_version: header.user_version,
        counts,
    })
}

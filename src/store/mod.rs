//! The SQLite database: one file holding the whole network's records.
//!
//! Opening a file checks it before anything is written (is it SQLite, is it
//! ours, is it from a newer version, is another window using it), then turns
//! on WAL and foreign keys and brings the schema up to date.
//!
//! SQLite's `quick_check` reads the whole file, so its cost grows with the
//! roster. It runs at opening only when opening itself will write (an
//! update of the schema, a first switch to WAL) or when the last session
//! did not close cleanly (its write-ahead log is still there); otherwise it
//! runs before the first write (`Store::verify`; the window runs it as soon
//! as its first frame is shown). Nothing is ever written to a damaged file.

pub mod backups;
mod change_log;
mod contact_log;
mod contacts;
mod convenings;
mod districts;
mod documents;
mod error;
pub mod files;
mod grants;
pub mod history;
pub mod history_words;
mod limits;
mod memberships;
mod network_people;
pub mod overview;
pub mod read_only;
mod renewals;
mod reports;
mod rows;
mod schema;
mod settings;
mod triggers;
mod undo;
mod versions;
mod whole;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub use crate::domain::import::{ContactImport, ImportAction};
pub use contact_log::ContactEntry;
pub use convenings::{
    AttendanceGrid, AttendanceLine, ConveningRow, GridRow, SheetLine, recorded_cells,
};
pub use districts::{AddDistrictsSummary, DistrictListItem, ImportSummary};
pub use documents::Storage;
pub use error::{OpenError, StoreError};
pub use grants::{DEFAULT_DECISION_DAYS, GrantRow, GrantStatusChange};
pub use memberships::{MembershipSummary, StatusChange, YearStanding};
pub use renewals::{Renewal, RenewalContact};
pub use reports::{ReportAttendee, ReportRecord, ReportSummary};
pub use schema::{APPLICATION_ID, SCHEMA_VERSION};
pub use versions::{ChangeId, Record, StoredTable};
pub use whole::AttendanceRecord;

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(
        "The roster {} could not be copied: it stayed busy (another program is writing it, \
         or the files SQLite keeps beside it cannot be written). Try again once it is closed.",
        path.display()
    )]
    Busy { path: PathBuf },
    #[error("Could not write the backup {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Could not copy the database to {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{} is the roster itself (or part of it): a backup goes to another file.",
        path.display()
    )]
    IntoItself { path: PathBuf },
    #[error(
        "{} is a database already: a backup never replaces one. Choose a new file name.",
        path.display()
    )]
    OverDatabase { path: PathBuf },
    #[error(
        "{} exists already: a backup never replaces a file. Choose a new file name.",
        path.display()
    )]
    Exists { path: PathBuf },
    #[error(
        "Could not write the backup {}: the folder {} does not exist.",
        path.display(),
        folder.display()
    )]
    NoFolder { path: PathBuf, folder: PathBuf },
}

/// Whether `path` is an SQLite database (by its first bytes), or one of the
/// files SQLite keeps beside a database while it is open (`-wal`, `-shm`,
/// `-journal`): a file written there would destroy a roster.
pub fn is_database_file(path: &Path) -> bool {
    let is_sqlite = |path: &Path| {
        let mut header = [0u8; 16];
        // A pipe or a device is never opened: it could wait forever.
        std::fs::metadata(path).is_ok_and(|meta| meta.is_file())
            && std::fs::File::open(path)
                .and_then(|mut file| std::io::Read::read_exact(&mut file, &mut header))
                .is_ok_and(|()| &header == b"SQLite format 3\0")
    };
    if is_sqlite(path) {
        return true;
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    name.is_some_and(|name| {
        ["-wal", "-shm", "-journal"].iter().any(|suffix| {
            name.strip_suffix(suffix)
                .is_some_and(|database| is_sqlite(&path.with_file_name(database)))
        })
    })
}

/// The file name of the database in the user's data folder.
pub const DEFAULT_FILE_NAME: &str = "roster.sqlite3";

/// The folder (and eframe app id) the app's data lives under.
pub const APP_ID: &str = "iln-roster";

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Whether SQLite's quick check has found the file sound since it was
    /// opened; a write waits for it.
    verified: bool,
    /// Whether an import's one change is open (see `in_one_change`): the
    /// writes made meanwhile join it.
    in_batch: bool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// Where the database lives when no `--db` is given: the user's data folder
/// (`~/.local/share/iln-roster/` on Linux).
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", APP_ID)
        .map(|dirs| dirs.data_dir().join(DEFAULT_FILE_NAME))
}

impl Store {
    /// Opens the database at `path`, creating it (and its folder) if missing.
    pub fn open(path: &Path) -> Result<Self, OpenError> {
        let path = path.to_path_buf();
        check_file_before_opening(&path)?;
        // A session that did not close cleanly leaves its log behind.
        let unclean = std::fs::metadata(wal_path(&path)).is_ok_and(|meta| meta.len() > 0);
        let sqlite = |e| OpenError::from_sqlite(path.clone(), e);
        let mut conn = connect(&path).map_err(sqlite)?;
        // Everything up to the journal mode only reads, so a refused file is
        // left exactly as it was.
        let opening = Opening::read(&conn, &path, unclean)?;
        check_writable(&conn, &path)?;
        let mode: String = conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get(0))
            .map_err(sqlite)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(OpenError::NoWriteAheadLog { path });
        }
        // FULL: a committed change survives a power cut, at the cost of one
        // sync per transaction, which a one-person app never notices.
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sqlite)?;
        conn.pragma_update(None, "foreign_keys", true)
            .map_err(sqlite)?;
        migrate(&mut conn, &path, &opening)?;
        // What a killed backup or restore left beside the roster.
        if let Some(folder) = path.parent() {
            files::sweep(folder);
            files::sweep(&backups::folder_for(&path));
        }
        Ok(Self {
            conn,
            path,
            verified: opening.verified,
            in_batch: false,
        })
    }

    /// Opens the database at `path` and checks it whole at once, as before
    /// a write: a damaged file is refused here rather than at its first
    /// change.
    pub fn open_verified(path: &Path) -> Result<Self, OpenError> {
        let mut store = Self::open(path)?;
        match store.verify() {
            Ok(()) => Ok(store),
            Err(StoreError::Damaged(detail)) => Err(OpenError::Damaged {
                path: path.to_path_buf(),
                detail,
            }),
            Err(StoreError::Sqlite(source)) => {
                Err(OpenError::from_sqlite(path.to_path_buf(), source))
            }
            Err(error) => Err(OpenError::Io {
                path: path.to_path_buf(),
                source: std::io::Error::other(error.to_string()),
            }),
        }
    }

    /// Runs SQLite's quick check if it has not passed since opening: every
    /// write waits for it, so nothing is written to a damaged file.
    pub fn verify(&mut self) -> Result<()> {
        if self.verified {
            return Ok(());
        }
        match quick_check(&self.conn) {
            Ok(None) => {
                self.verified = true;
                Ok(())
            }
            Ok(Some(detail)) => Err(StoreError::Damaged(detail)),
            Err(error)
                if error.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt) =>
            {
                Err(StoreError::Damaged(error.to_string()))
            }
            Err(error) => Err(error.into()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `path` is this database's file, or one SQLite keeps beside
    /// it (`-wal`, `-shm`, `-journal`), however the path is written.
    pub fn is_own_file(&self, path: &Path) -> bool {
        let (Some(folder), Some(name)) = (path.parent(), path.file_name()) else {
            return false;
        };
        let folder = if folder.as_os_str().is_empty() {
            Path::new(".")
        } else {
            folder
        };
        let Ok(database) = self.path.canonicalize() else {
            return false;
        };
        // An existing path resolves whole (a link to the database is it).
        let target = match path.canonicalize() {
            Ok(target) => target,
            Err(_) => match folder.canonicalize() {
                Ok(folder) => folder.join(name),
                Err(_) => return false,
            },
        };
        let database = database.as_os_str().to_string_lossy().into_owned();
        ["", "-wal", "-shm", "-journal"]
            .iter()
            .any(|suffix| target.as_os_str().to_string_lossy() == format!("{database}{suffix}"))
    }

    /// Copies the whole database to `target` with SQLite's online backup,
    /// into a file beside it that is renamed into place when complete.
    pub fn backup_to(&self, target: &Path) -> Result<(), BackupError> {
        if self.is_own_file(target) {
            return Err(BackupError::IntoItself {
                path: target.to_path_buf(),
            });
        }
        if is_database_file(target) {
            return Err(BackupError::OverDatabase {
                path: target.to_path_buf(),
            });
        }
        if target.exists() {
            return Err(BackupError::Exists {
                path: target.to_path_buf(),
            });
        }
        let io = |source| BackupError::Io {
            path: target.to_path_buf(),
            source,
        };
        let folder = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !folder.is_dir() {
            return Err(BackupError::NoFolder {
                path: target.to_path_buf(),
                folder: folder.to_path_buf(),
            });
        }
        let temp = files::temp_in(folder, files::Purpose::Backup)
            .map_err(|e| io(std::io::Error::from(e.kind())))?;
        let sqlite = |source| BackupError::Sqlite {
            path: target.to_path_buf(),
            source,
        };
        {
            let mut copy = Connection::open(temp.path()).map_err(sqlite)?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy).map_err(sqlite)?;
            // Not `run_to_completion`: it waits on a busy roster for ever.
            let given_up_at = std::time::Instant::now() + Duration::from_secs(5);
            loop {
                use rusqlite::backup::StepResult;
                match backup.step(256).map_err(sqlite)? {
                    StepResult::Done => break,
                    StepResult::More => {}
                    _ if std::time::Instant::now() > given_up_at => {
                        return Err(BackupError::Busy {
                            path: self.path.clone(),
                        });
                    }
                    _ => std::thread::sleep(Duration::from_millis(20)),
                }
            }
            drop(backup);
            // A backup is a file on its own: no write-ahead log beside it
            // (reading it later would leave one).
            copy.pragma_update(None, "journal_mode", "DELETE")
                .map_err(sqlite)?;
        }
        temp.as_file().sync_all().map_err(io)?;
        // Never over a file, even one made while the copy was written.
        temp.persist_noclobber(target).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                BackupError::Exists {
                    path: target.to_path_buf(),
                }
            } else {
                io(e.error)
            }
        })?;
        files::sync_folder(folder);
        Ok(())
    }

    /// Writes without waiting for the disk (`synchronous = OFF`): only for
    /// filling a database that can be made again, such as the demo.
    pub fn relax_durability_for_bulk_load(&self) -> Result<()> {
        self.conn.pragma_update(None, "synchronous", "OFF")?;
        Ok(())
    }

    /// The schema version of the open file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |row| row.get(0))?)
    }
}

/// The write-ahead log SQLite keeps beside `database` while it is open.
fn wal_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push("-wal");
    PathBuf::from(name)
}

fn check_file_before_opening(path: &Path) -> Result<(), OpenError> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(OpenError::IsFolder {
            path: path.to_path_buf(),
        }),
        // A pipe or a device would hang or swallow the roster.
        Ok(meta) if !meta.is_file() => Err(OpenError::NotAFile {
            path: path.to_path_buf(),
        }),
        // Checked here because SQLite quietly opens such a file read-only,
        // and an administrator account would write to it anyway.
        Ok(meta) if meta.permissions().readonly() => Err(OpenError::ReadOnly {
            path: path.to_path_buf(),
        }),
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            let Some(folder) = path.parent().filter(|p| !p.as_os_str().is_empty()) else {
                return Ok(());
            };
            std::fs::create_dir_all(folder).map_err(|source| OpenError::CreateFolder {
                path: folder.to_path_buf(),
                source,
            })
        }
        Err(source) => Err(OpenError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

struct Header {
    application_id: i32,
    user_version: i64,
    has_tables: bool,
}

fn read_header(conn: &Connection) -> rusqlite::Result<Header> {
    let application_id = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let user_version = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let has_tables = conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_schema)", [], |row| {
        row.get(0)
    })?;
    Ok(Header {
        application_id,
        user_version,
        has_tables,
    })
}

impl Header {
    fn check(&self, path: &Path) -> Result<(), OpenError> {
        let path = path.to_path_buf();
        let ours = self.application_id == APPLICATION_ID;
        let empty = self.application_id == 0 && self.user_version == 0 && !self.has_tables;
        if !ours && !empty {
            return Err(OpenError::ForeignDatabase { path });
        }
        if self.user_version > SCHEMA_VERSION as i64 {
            return Err(OpenError::TooNew {
                path,
                found: self.user_version,
                known: SCHEMA_VERSION,
            });
        }
        Ok(())
    }
}

/// `None` when SQLite finds the file sound, else what it found.
fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut statement = conn.prepare("PRAGMA quick_check(5)")?;
    let findings: Vec<String> = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match findings.as_slice() {
        [only] if only == "ok" => None,
        // SQLite's findings may run over several lines: one line is read.
        _ => Some(
            findings
                .iter()
                .map(|finding| finding.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect::<Vec<_>>()
                .join("; "),
        ),
    })
}

/// Opens the file for this window alone: another process holding it
/// answers at once instead of hanging, and the first read takes a lock
/// another copy of the app cannot get (dropped by the system on a crash).
fn connect(path: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(Duration::from_millis(200))?;
    conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
    Ok(conn)
}

/// What opening a file will do, read without writing to it.
struct Opening {
    /// An older schema: the migrations run, without the app's triggers.
    migrating: bool,
    history_current: bool,
    limits_current: bool,
    /// Checked whole already (a new file, or one that opening writes to).
    verified: bool,
}

impl Opening {
    fn read(conn: &Connection, path: &Path, unclean: bool) -> Result<Self, OpenError> {
        let sqlite = |e| OpenError::from_sqlite(path.to_path_buf(), e);
        let header = read_header(conn).map_err(sqlite)?;
        header.check(path)?;
        let migrating = header.user_version < SCHEMA_VERSION as i64;
        let in_wal = conn
            .pragma_query_value(None, "journal_mode", |row| row.get::<_, String>(0))
            .map_err(sqlite)?
            .eq_ignore_ascii_case("wal");
        // Each read once: whether opening writes, and what it then writes.
        let history_current = history::triggers_are_current(conn).map_err(sqlite)?;
        let limits_current = limits::triggers_are_current(conn).map_err(sqlite)?;
        let writes = migrating || !in_wal || !history_current || !limits_current;
        let verified = if header.user_version == 0 {
            // A new file: nothing in it yet to be damaged.
            true
        } else if unclean || writes {
            if let Some(detail) = quick_check(conn).map_err(sqlite)? {
                return Err(OpenError::Damaged {
                    path: path.to_path_buf(),
                    detail,
                });
            }
            true
        } else {
            false
        };
        Ok(Self {
            migrating,
            history_current,
            limits_current,
            verified,
        })
    }
}

/// Refuses a file that cannot be written, or whose folder cannot: SQLite
/// keeps its log beside the file, so the folder is said as such.
fn check_writable(conn: &Connection, path: &Path) -> Result<(), OpenError> {
    let folder = match path.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    if tempfile::tempfile_in(folder).is_err() {
        return Err(OpenError::FolderReadOnly {
            path: path.to_path_buf(),
            folder: folder.to_path_buf(),
        });
    }
    let read_only = conn
        .is_readonly(rusqlite::MAIN_DB)
        .map_err(|e| OpenError::from_sqlite(path.to_path_buf(), e))?;
    if read_only {
        return Err(OpenError::ReadOnly {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Brings the schema to this version. Migrations run without the app's
/// triggers, which are then made again from the schema they leave; an
/// unchanged file is not written to.
fn migrate(conn: &mut Connection, path: &Path, opening: &Opening) -> Result<(), OpenError> {
    let sqlite = |e| OpenError::from_sqlite(path.to_path_buf(), e);
    if opening.migrating {
        history::drop_triggers(conn).map_err(sqlite)?;
        limits::drop_triggers(conn).map_err(sqlite)?;
    }
    schema::migrations()
        .to_latest(conn)
        .map_err(|source| match source {
            rusqlite_migration::Error::RusqliteError { err, .. } => sqlite(err),
            source => OpenError::Migration {
                path: path.to_path_buf(),
                source,
            },
        })?;
    if opening.migrating || !opening.history_current {
        history::install_triggers(conn).map_err(sqlite)?;
    }
    if opening.migrating || !opening.limits_current {
        limits::install_triggers(conn).map_err(sqlite)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    /// Every save is on disk before the app says it is saved: WAL with
    /// `synchronous = FULL`, and foreign keys on.
    #[test]
    fn a_saved_change_survives_a_power_cut() {
        let dir = tempfile::tempdir().unwrap();
        let store = super::Store::open(&dir.path().join("roster.sqlite3")).unwrap();
        let pragma = |name: &str| -> String {
            store
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |row| {
                    row.get::<_, rusqlite::types::Value>(0)
                })
                .map(|value| match value {
                    rusqlite::types::Value::Integer(n) => n.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
                .unwrap()
        };
        assert_eq!(pragma("journal_mode"), "wal");
        assert_eq!(pragma("synchronous"), "2", "FULL");
        assert_eq!(pragma("foreign_keys"), "1");
    }
}

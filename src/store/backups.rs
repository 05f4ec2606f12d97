//! Automatic backups beside the database, and restoring one.
//!
//! A backup is taken with SQLite's online backup when the app opens a
//! database that changed since its last backup. Its name carries when it
//! was taken and the newest change it holds
//! (`roster-20261122-201503-c1234.sqlite3`), so no bookkeeping is written
//! to the database itself. The last 10 are kept, plus the newest of each
//! month for a year.

use std::path::{Path, PathBuf};

use chrono::{Datelike as _, NaiveDateTime};
use rusqlite::{Connection, OpenFlags};

use super::{BackupError, Store, files};

/// How many of the most recent backups are always kept.
pub const KEEP_RECENT: usize = 10;
/// Months, back from now, that keep their newest backup.
pub const KEEP_MONTHS: i32 = 12;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupFile {
    pub path: PathBuf,
    pub taken_at: NaiveDateTime,
    /// The newest change set it holds.
    pub change: i64,
    pub size: u64,
}

/// What is in a backup, read when choosing one to restore.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupContents {
    pub districts: i64,
    pub memberships: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum RestoreError {
    #[error("The backup {} is damaged ({detail}); it was not restored.", path.display())]
    Damaged { path: PathBuf, detail: String },
    #[error("There is no backup at {}: check the path.", path.display())]
    Missing { path: PathBuf },
    #[error("{} is not an ILN Roster backup ({why}); nothing was restored.", path.display())]
    NotARoster { path: PathBuf, why: &'static str },
    #[error("Could not read the backup {}: {source}", path.display())]
    Unreadable {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("Could not put the backup in place of {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The `backups/` folder beside the database.
pub fn folder_for(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("backups")
}

fn stem(database: &Path) -> String {
    database
        .file_stem()
        .map_or_else(|| "roster".to_owned(), |s| s.to_string_lossy().into_owned())
}

/// The database's automatic backups, newest first.
pub fn list(database: &Path) -> Vec<BackupFile> {
    let prefix = format!("{}-", stem(database));
    let Ok(entries) = std::fs::read_dir(folder_for(database)) else {
        return Vec::new();
    };
    let mut found: Vec<BackupFile> = entries
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = name.strip_prefix(&prefix)?.strip_suffix(".sqlite3")?;
            let (when, change) = rest.rsplit_once("-c")?;
            let taken_at = NaiveDateTime::parse_from_str(when, "%Y%m%d-%H%M%S").ok()?;
            Some(BackupFile {
                path: entry.path(),
                taken_at,
                change: change.parse().ok()?,
                size: entry.metadata().ok()?.len(),
            })
        })
        .collect();
    found.sort_by_key(|b| std::cmp::Reverse((b.taken_at, b.change)));
    found
}

/// The backups rotation removes: all but the newest `KEEP_RECENT` and the
/// newest of each of the last `KEEP_MONTHS` months. `backups` newest first.
pub fn to_remove(backups: &[BackupFile], now: NaiveDateTime) -> Vec<PathBuf> {
    let month = |t: NaiveDateTime| t.year() * 12 + t.month0() as i32;
    let this_month = month(now);
    let mut months_kept = std::collections::HashSet::new();
    backups
        .iter()
        .enumerate()
        .filter(|(i, backup)| {
            let m = month(backup.taken_at);
            let monthly = this_month - m < KEEP_MONTHS && months_kept.insert(m);
            *i >= KEEP_RECENT && !monthly
        })
        .map(|(_, backup)| backup.path.clone())
        .collect()
}

/// Opens a backup read-only, checks it whole, and counts what it holds.
/// Leaves no file beside it (reading an older backup kept in WAL mode makes
/// SQLite start a log and an index beside it; they are taken away).
pub fn inspect(path: &Path) -> std::result::Result<BackupContents, RestoreError> {
    let sides: Vec<PathBuf> = ["-wal", "-shm"]
        .iter()
        .map(|suffix| PathBuf::from(format!("{}{suffix}", path.display())))
        .filter(|side| !side.exists())
        .collect();
    let contents = inspect_open(path);
    for side in sides {
        let _ = std::fs::remove_file(side);
    }
    contents
}

fn inspect_open(path: &Path) -> std::result::Result<BackupContents, RestoreError> {
    let unreadable = |source| RestoreError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let not_a_roster = |why| RestoreError::NotARoster {
        path: path.to_path_buf(),
        why,
    };
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(RestoreError::Missing {
                path: path.to_path_buf(),
            });
        }
        Ok(meta) if meta.is_dir() => return Err(not_a_roster("it is a folder")),
        Ok(meta) if meta.len() == 0 => return Err(not_a_roster("it is empty")),
        _ => {}
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(unreadable)?;
    let header = super::read_header(&conn).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => not_a_roster("it is not a database"),
        _ => unreadable(e),
    })?;
    match header.check(path) {
        Err(super::OpenError::TooNew { .. }) => {
            return Err(not_a_roster("a newer version of ILN Roster made it"));
        }
        Err(_) => return Err(not_a_roster("it is another program's database")),
        Ok(()) if !header.has_tables => return Err(not_a_roster("it holds no roster")),
        Ok(()) => {}
    }
    let check: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |row| row.get(0))
        .map_err(|e| RestoreError::Damaged {
            path: path.to_path_buf(),
            detail: e.to_string(),
        })?;
    if check != "ok" {
        return Err(RestoreError::Damaged {
            path: path.to_path_buf(),
            detail: check,
        });
    }
    let count = |table: &str| -> std::result::Result<i64, RestoreError> {
        conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |row| {
            row.get(0)
        })
        .map_err(unreadable)
    };
    Ok(BackupContents {
        districts: count("district")?,
        memberships: count("membership")?,
    })
}

/// Puts `backup` in place of the (closed) database at `database`, after
/// checking it. The current file is kept aside, unchanged, and its new path
/// returned (`None` when there was no file).
///
/// There is a whole database at the path at every moment: the copy is
/// written and synced beside it, the current file is kept aside by a second
/// name (a hard link, or a copy where links are not possible), and one
/// rename puts the copy in place. The copy takes the database's permissions.
pub fn restore(
    database: &Path,
    backup: &Path,
    now: NaiveDateTime,
) -> std::result::Result<Option<PathBuf>, RestoreError> {
    inspect(backup)?;
    let io = |source| RestoreError::Io {
        path: database.to_path_buf(),
        source,
    };
    let folder = match database.parent() {
        Some(folder) if !folder.as_os_str().is_empty() => folder,
        _ => Path::new("."),
    };
    let temp = files::temp_in(folder, files::Purpose::Restore)
        .map_err(|e| io(std::io::Error::from(e.kind())))?;
    std::fs::copy(backup, temp.path()).map_err(io)?;
    if let Ok(meta) = std::fs::metadata(database) {
        std::fs::set_permissions(temp.path(), meta.permissions()).map_err(io)?;
    }
    temp.as_file().sync_all().map_err(io)?;

    let aside = if database.exists() {
        let stamp = now.format("%Y%m%d-%H%M%S");
        let aside = keep_aside_by_a_new_name(database, |n| {
            let again = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            folder.join(format!(
                "{}.before-restore-{stamp}{again}.sqlite3",
                stem(database)
            ))
        })
        .map_err(io)?;
        // A write-ahead log left beside the current file is its, not the
        // backup's: it goes with it, and must not meet the restored copy.
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", database.display()));
            if side.exists() {
                keep_aside(&side, Path::new(&format!("{}{suffix}", aside.display())))
                    .map_err(io)?;
                std::fs::remove_file(&side).map_err(io)?;
            }
        }
        files::sync_folder(folder);
        Some(aside)
    } else {
        None
    };
    temp.persist(database).map_err(|e| io(e.error))?;
    files::sync_folder(folder);
    Ok(aside)
}

/// A second name for `file`, leaving it where it is: the first of
/// `name(1)`, `name(2)`, … that is free (a file kept aside is never
/// replaced, even by a restore in the same second).
fn keep_aside_by_a_new_name(
    file: &Path,
    name: impl Fn(u32) -> PathBuf,
) -> std::io::Result<PathBuf> {
    for n in 1..1000 {
        let aside = name(n);
        match keep_aside(file, &aside) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            result => return result.map(|()| aside),
        }
    }
    Err(std::io::Error::from(std::io::ErrorKind::AlreadyExists))
}

/// A second name for `file`, leaving it where it is: a hard link, or (where
/// the system has none) a synced copy. Never replaces `aside`.
fn keep_aside(file: &Path, aside: &Path) -> std::io::Result<()> {
    match std::fs::hard_link(file, aside) {
        Ok(()) => return Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(e),
        Err(_) => {}
    }
    let mut copy = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(aside)?;
    std::io::copy(&mut std::fs::File::open(file)?, &mut copy)?;
    copy.sync_all()
}

impl Store {
    /// Backs the database up into `backups/` if it changed since the newest
    /// backup there, then removes the backups rotation no longer keeps.
    /// Returns the new backup's path.
    pub fn automatic_backup(
        &self,
        now: NaiveDateTime,
    ) -> std::result::Result<Option<PathBuf>, BackupError> {
        let latest = self
            .latest_change()
            .map_err(|e| BackupError::Io {
                path: self.path.clone(),
                source: std::io::Error::other(e.to_string()),
            })?
            .0;
        let existing = list(&self.path);
        if existing.first().is_some_and(|b| b.change == latest) {
            return Ok(None);
        }
        // A roster from before its history was kept has no change yet, but
        // is worth a first backup; an empty one is not.
        let empty = latest == 0
            && self
                .conn
                .query_row("SELECT NOT EXISTS (SELECT 1 FROM district)", [], |row| {
                    row.get(0)
                })
                .unwrap_or(true);
        if empty {
            return Ok(None);
        }
        let folder = folder_for(&self.path);
        std::fs::create_dir_all(&folder).map_err(|source| BackupError::Io {
            path: folder.clone(),
            source,
        })?;
        let target = folder.join(format!(
            "{}-{}-c{latest}.sqlite3",
            stem(&self.path),
            now.format("%Y%m%d-%H%M%S")
        ));
        self.backup_to(&target)?;
        for old in to_remove(&list(&self.path), now) {
            // A backup that cannot be removed is only clutter.
            let _ = std::fs::remove_file(old);
        }
        Ok(Some(target))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32) -> NaiveDateTime {
        chrono::NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap()
    }

    fn backup(taken_at: NaiveDateTime, n: i64) -> BackupFile {
        BackupFile {
            path: PathBuf::from(format!("b{n}")),
            taken_at,
            change: n,
            size: 0,
        }
    }

    #[test]
    fn rotation_keeps_ten_recent_and_one_a_month_for_a_year() {
        // Two backups a week for two years, newest first.
        let now = at(2026, 11, 22);
        let mut backups: Vec<BackupFile> = (0..208)
            .map(|i| backup(now - chrono::Duration::hours(84 * i), 1000 - i))
            .collect();
        backups.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
        let removed = to_remove(&backups, now);
        let kept: Vec<&BackupFile> = backups
            .iter()
            .filter(|b| !removed.contains(&b.path))
            .collect();
        // The ten newest…
        assert!(backups[..10].iter().all(|b| !removed.contains(&b.path)));
        // …and the newest of each of the twelve months.
        let mut months: Vec<(i32, u32)> = kept
            .iter()
            .map(|b| (b.taken_at.year(), b.taken_at.month()))
            .collect();
        months.dedup();
        assert_eq!(months.len(), 12);
        assert_eq!(months.last(), Some(&(2025, 12)));
        // Nothing older than a year.
        assert!(kept.iter().all(|b| b.taken_at > at(2025, 11, 30)));
        // Ten recent (November and October) plus one for each older month.
        assert_eq!(kept.len(), 10 + 10);
    }

    #[test]
    fn few_backups_are_all_kept() {
        let now = at(2026, 11, 22);
        let backups: Vec<BackupFile> = (0..5).map(|i| backup(at(2020, 1, 1 + i), 5)).collect();
        assert!(to_remove(&backups, now).is_empty());
    }
}

//! What can go wrong with the database, said so that the user can act on it.

use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Why a database file could not be opened. The file is never changed when
/// opening fails.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error(
        "{} is not an ILN Roster database: it is not a SQLite file. It has not been changed. \
         Choose another file, or start a new database.",
        path.display()
    )]
    NotADatabase { path: PathBuf },

    #[error("{} is a folder, not a roster file. Name the roster's file inside it.", path.display())]
    IsFolder { path: PathBuf },

    #[error("{} is not a file (a device or a pipe): name the roster's file.", path.display())]
    NotAFile { path: PathBuf },

    #[error(
        "There is no roster at {}{}",
        path.display(),
        suggestion.as_ref().map_or_else(
            || ". Check the path (a command that only reads never makes a new roster).".to_owned(),
            |s| format!("; did you mean {}?", s.display())
        )
    )]
    NoRoster {
        path: PathBuf,
        suggestion: Option<PathBuf>,
    },

    #[error(
        "{} was saved by an earlier version of ILN Roster. Open it once in the window \
         (or import into it) to bring it up to date, then run this again.",
        path.display()
    )]
    NeedsUpdate { path: PathBuf },

    #[error(
        "{} is a SQLite database, but not one of ILN Roster's. It has not been changed. \
         Choose another file, or start a new database.",
        path.display()
    )]
    ForeignDatabase { path: PathBuf },

    #[error(
        "{} is damaged ({detail}). It has not been changed. Restore a backup, or open another file.",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },

    #[error(
        "{} is read-only, so changes could not be saved. Make the file writable \
         (or copy it to a folder you can write to) and open it again.",
        path.display()
    )]
    ReadOnly { path: PathBuf },

    #[error(
        "The folder {} cannot be written to, and ILN Roster keeps its journal beside {}. \
         It has not been changed. Copy the roster to a folder you can write to and open it there \
         (or read it with a command that only reads, such as export).",
        folder.display(),
        path.display()
    )]
    FolderReadOnly { path: PathBuf, folder: PathBuf },

    #[error(
        "{} is in use by another program (another ILN Roster window, or a database tool). \
         Close it and try again.",
        path.display()
    )]
    Locked { path: PathBuf },

    #[error(
        "{} was saved by a newer version of ILN Roster (schema version {found}; this version \
         knows up to {known}). It has not been changed. Update ILN Roster to open it.",
        path.display()
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: usize,
    },

    #[error(
        "{} is in a folder where ILN Roster cannot keep its write-ahead log (a network or \
         read-only drive?). It has not been changed. Copy it to a folder on this computer and open it there.",
        path.display()
    )]
    NoWriteAheadLog { path: PathBuf },

    #[error("Could not create the folder {}: {source}", path.display())]
    CreateFolder {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("Could not open {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("Could not open {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },

    #[error("Could not bring {} up to date for this version of ILN Roster: {source}", path.display())]
    Migration {
        path: PathBuf,
        source: rusqlite_migration::Error,
    },
}

impl OpenError {
    pub fn path(&self) -> &std::path::Path {
        match self {
            Self::NotADatabase { path }
            | Self::IsFolder { path }
            | Self::NotAFile { path }
            | Self::NoRoster { path, .. }
            | Self::NeedsUpdate { path }
            | Self::ForeignDatabase { path }
            | Self::Damaged { path, .. }
            | Self::ReadOnly { path }
            | Self::FolderReadOnly { path, .. }
            | Self::Locked { path }
            | Self::NoWriteAheadLog { path }
            | Self::TooNew { path, .. }
            | Self::CreateFolder { path, .. }
            | Self::Io { path, .. }
            | Self::Sqlite { path, .. }
            | Self::Migration { path, .. } => path,
        }
    }

    /// Sorts an SQLite failure met while opening into what it means for the user.
    pub(super) fn from_sqlite(path: PathBuf, error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) => Self::NotADatabase { path },
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Locked { path },
            Some(ErrorCode::ReadOnly) => Self::ReadOnly { path },
            Some(ErrorCode::DatabaseCorrupt) => Self::Damaged {
                path,
                detail: error.to_string(),
            },
            _ => Self::Sqlite {
                path,
                source: error,
            },
        }
    }
}

/// Why a read or a change was refused. Nothing is half-written: every change
/// runs in a transaction that is rolled back on error.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Another district is already named “{0}”.")]
    DuplicateName(String),

    #[error("Another district already has KDE number {0}.")]
    DuplicateKdeNumber(String),

    #[error("Another district already has NCES ID {0}.")]
    DuplicateNcesId(String),

    #[error("That {0} no longer exists; it may have been deleted.")]
    NotFound(&'static str),

    #[error("The {0} this refers to does not exist.")]
    MissingReference(&'static str),

    #[error("{0} has history in the network and cannot be deleted. Archive it instead.")]
    HasHistory(String),

    #[error("{0}")]
    Refused(String),

    #[error(
        "This {0} was changed elsewhere (an undo, an import) after the form read it. \
         The form now shows both: keep your edits or take the stored version, then save."
    )]
    ChangedElsewhere(&'static str),

    #[error("Cancelled: nothing was written.")]
    Cancelled,

    #[error(
        "{0} is named on a Letter of Commitment or an attendance sheet and cannot be removed. \
         Mark the contact inactive instead."
    )]
    ContactInUse(String),

    #[error("The database file is read-only, so the change was not saved.")]
    ReadOnly,

    #[error("The database is busy; the change was not saved. Try again.")]
    Busy,

    #[error(
        "The roster file is damaged ({0}), so nothing was written. Restore a backup \
         (File › Restore…), or open another file."
    )]
    Damaged(String),

    #[error("The database holds a value this version does not understand: {0}")]
    UnknownValue(String),

    #[error("The database reported an error; the change was not saved: {0}")]
    Sqlite(rusqlite::Error),
}

/// Which constraint an SQLite error broke, from its extended code and message.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Constraint<'a> {
    /// The `table.column` list of the unique index, e.g. `district.kde_number`.
    Unique(&'a str),
    ForeignKey,
    Other,
}

pub(super) fn constraint(error: &rusqlite::Error) -> Option<Constraint<'_>> {
    let rusqlite::Error::SqliteFailure(failure, message) = error else {
        return None;
    };
    if failure.code != ErrorCode::ConstraintViolation {
        return None;
    }
    Some(match failure.extended_code {
        rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE | rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY => {
            let columns = message
                .as_deref()
                .and_then(|m| m.strip_prefix("UNIQUE constraint failed: "))
                .unwrap_or_default();
            Constraint::Unique(columns)
        }
        rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY => Constraint::ForeignKey,
        // An ON DELETE RESTRICT action reports itself as a trigger.
        _ if message
            .as_deref()
            .is_some_and(|m| m.starts_with("FOREIGN KEY constraint failed")) =>
        {
            Constraint::ForeignKey
        }
        _ => Constraint::Other,
    })
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        if let Some(message) = super::limits::refused_message(&error) {
            return Self::Refused(message);
        }
        match error.sqlite_error_code() {
            Some(ErrorCode::ReadOnly) => Self::ReadOnly,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Self::Busy,
            Some(ErrorCode::DatabaseCorrupt) => Self::Damaged(error.to_string()),
            _ => Self::Sqlite(error),
        }
    }
}

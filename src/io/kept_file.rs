//! A file from disk to keep in the roster: checked before it is read (a
//! folder, a roster database, a file over the limit are refused by their
//! size and kind, not after reading a gigabyte).

use std::path::{Path, PathBuf};

use crate::domain::document::{DocumentError, MAX_BYTES, NewDocument, sizes_apart};

#[derive(Debug, thiserror::Error)]
pub enum KeepError {
    #[error("{} is not a file.", .0.display())]
    NotAFile(PathBuf),
    #[error("“{name}” is {size}; the roster keeps files up to {limit}.")]
    TooLarge {
        name: String,
        size: String,
        limit: String,
    },
    #[error("{} is a roster database: keep a backup of it instead (Import & Export › Backups).", .0.display())]
    Database(PathBuf),
    #[error("Could not read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Document(#[from] DocumentError),
}

/// Reads `path` as a file to keep, with its name.
pub fn read_file_to_keep(path: &Path) -> Result<NewDocument, KeepError> {
    let io = |source| KeepError::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(KeepError::NotAFile(path.to_path_buf()));
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if meta.len() > MAX_BYTES as u64 {
        let (size, limit) = sizes_apart(meta.len(), MAX_BYTES as u64);
        return Err(KeepError::TooLarge { name, size, limit });
    }
    if crate::store::is_database_file(path) {
        return Err(KeepError::Database(path.to_path_buf()));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    Ok(NewDocument::new(&name, bytes)?)
}

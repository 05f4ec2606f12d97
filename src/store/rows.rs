//! Helpers every query module shares: a row changed or not found, a value
//! this version has no name for, and SQLite's errors as the store's.

use super::{Result, StoreError};
use crate::domain::Coded;

/// A value in the file that this version has no name for.
pub(super) fn unknown(column: usize, what: &str, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unknown {what} “{value}”").into(),
    )
}

/// A code the database keeps, as its enum; a code this version has no
/// name for is an error naming the column and the value.
pub(super) fn decoded<T: Coded>(column: usize, what: &str, code: &str) -> rusqlite::Result<T> {
    T::from_code(code).ok_or_else(|| unknown(column, what, code))
}

/// A stored value that could not be read becomes "unknown value"; any
/// other error the store's.
pub(super) fn from_sql_error(error: rusqlite::Error) -> StoreError {
    match error {
        rusqlite::Error::FromSqlConversionFailure(_, _, ref cause) => {
            StoreError::UnknownValue(cause.to_string())
        }
        error => StoreError::from(error),
    }
}

/// `NotFound` when nothing was changed: the record is gone.
pub(super) fn found(changed: usize, what: &'static str) -> Result<()> {
    if changed == 0 {
        Err(StoreError::NotFound(what))
    } else {
        Ok(())
    }
}

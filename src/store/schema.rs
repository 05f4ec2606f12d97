//! The schema's versions, in one place. A shipped migration is never edited:
//! a change to the schema is a new file appended to `MIGRATIONS`.

use rusqlite_migration::{M, Migrations};

/// `PRAGMA application_id` of our files: "ILNR" in ASCII.
pub const APPLICATION_ID: i32 = 0x494C_4E52;

const MIGRATIONS_SLICE: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_districts_contacts.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0002_memberships.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0003_convenings.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0004_grants.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0005_history.sql")).foreign_key_check(),
];

/// The schema version this build of the app writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: usize = MIGRATIONS_SLICE.len();

pub fn migrations() -> Migrations<'static> {
    Migrations::from_slice(MIGRATIONS_SLICE)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }
}

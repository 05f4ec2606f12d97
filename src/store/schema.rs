//! The schema's versions, in one place. A shipped migration is never edited:
//! a change to the schema is a new file appended to `MIGRATIONS`.

use std::collections::HashSet;

use rusqlite::Transaction;
use rusqlite_migration::{HookResult, M, Migrations};

use crate::domain::district::{name_key, tidy_name};

/// `PRAGMA application_id` of our files: "ILNR" in ASCII.
pub const APPLICATION_ID: i32 = 0x494C_4E52;

/// The schema version this build of the app writes (`PRAGMA user_version`):
/// the number of migrations below.
pub const SCHEMA_VERSION: usize = 11;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/0001_districts_contacts.sql")).foreign_key_check(),
        M::up(include_str!("migrations/0002_memberships.sql")).foreign_key_check(),
        M::up(include_str!("migrations/0003_convenings.sql")).foreign_key_check(),
        M::up(include_str!("migrations/0004_grants.sql")).foreign_key_check(),
        M::up(include_str!("migrations/0005_history.sql")).foreign_key_check(),
        M::up_with_hook(
            include_str!("migrations/0006_district_name_key.sql"),
            fill_district_name_keys,
        )
        .foreign_key_check(),
        M::up(include_str!("migrations/0007_report_minutes.sql")).foreign_key_check(),
        M::up_with_hook(
            include_str!("migrations/0008_independent_counties.sql"),
            fill_independent_counties,
        )
        .foreign_key_check(),
        M::up(include_str!("migrations/0009_documents.sql")).foreign_key_check(),
        M::up(include_str!("migrations/0010_contact_log.sql")).foreign_key_check(),
        M::up(include_str!(
            "migrations/0011_calendar_and_network_people.sql"
        ))
        .foreign_key_check(),
    ])
}

/// Version 8: an independent district with no county gets the one the
/// bundled list places it in (matched by KDE number); a county the user
/// typed is kept.
fn fill_independent_counties(tx: &Transaction<'_>) -> HookResult {
    let mut fill = tx.prepare(
        "UPDATE district SET county = ?2
         WHERE kde_number = ?1 AND kind = 'independent' AND trim(county) = ''",
    )?;
    for (kde_number, county) in crate::bundled::kentucky_districts::county_by_kde_number() {
        fill.execute((kde_number, county))?;
    }
    Ok(())
}

/// Version 6: every district's name tidied and keyed; a name kept twice
/// before the key existed ("Adair County", "adair  county") is told apart
/// by a number, and its notes say what it was called.
fn fill_district_name_keys(tx: &Transaction<'_>) -> HookResult {
    let districts: Vec<(i64, String)> = tx
        .prepare("SELECT id, name FROM district ORDER BY id")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut taken = HashSet::new();
    for (id, original) in districts {
        let tidy = tidy_name(&original);
        let mut name = tidy.clone();
        let mut number = 2;
        while !taken.insert(name_key(&name)) {
            name = format!("{tidy} ({number})");
            number += 1;
        }
        let note = (name != tidy)
            .then(|| format!("Renamed from “{original}”: another district had the same name."));
        tx.execute(
            "UPDATE district SET name = ?2, name_key = ?3,
               notes = CASE WHEN ?4 IS NULL THEN notes
                            WHEN notes = '' THEN ?4 ELSE notes || char(10) || ?4 END
             WHERE id = ?1",
            (id, &name, name_key(&name), note),
        )?;
    }
    tx.execute_batch("CREATE UNIQUE INDEX district_name_key_unique ON district (name_key);")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        super::migrations().validate().unwrap();
    }

    /// A shipped migration is never edited: each file's fingerprint is
    /// pinned here. A change to the schema is a new migration.
    #[test]
    fn shipped_migrations_are_never_edited() {
        // FNV-1a, 64 bits: stable across Rust versions, unlike `Hash`;
        // line endings do not count (a checkout may turn them into CRLF).
        fn fingerprint(text: &str) -> u64 {
            text.bytes()
                .filter(|b| *b != b'\r')
                .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
                    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
                })
        }
        let shipped = [
            include_str!("migrations/0001_districts_contacts.sql"),
            include_str!("migrations/0002_memberships.sql"),
            include_str!("migrations/0003_convenings.sql"),
            include_str!("migrations/0004_grants.sql"),
            include_str!("migrations/0005_history.sql"),
            include_str!("migrations/0006_district_name_key.sql"),
            include_str!("migrations/0007_report_minutes.sql"),
            include_str!("migrations/0008_independent_counties.sql"),
            include_str!("migrations/0009_documents.sql"),
            include_str!("migrations/0010_contact_log.sql"),
            include_str!("migrations/0011_calendar_and_network_people.sql"),
        ];
        let fingerprints: Vec<String> = shipped
            .iter()
            .map(|sql| format!("{:016x}", fingerprint(sql)))
            .collect();
        assert_eq!(fingerprints, PINNED);
    }

    const PINNED: [&str; 11] = [
        "d7a363e4250b3e33",
        "1eee5beae3b871b7",
        "f3483ce275781b1d",
        "56c75f47e531b777",
        "530587c49e3737a5",
        "b6f29bc8fcad3ed6",
        "bb001a06b5f6bbad",
        "15cf7b594ddd1398",
        "6a7a3c51524f8df6",
        "c4129c911d4aa5fe",
        "9181e2bfb8061a6c",
    ];

    #[test]
    fn the_schema_version_counts_the_migrations() {
        let mut conn = rusqlite::Connection::open_in_memory().unwrap();
        super::migrations().to_latest(&mut conn).unwrap();
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .unwrap();
        assert_eq!(version, super::SCHEMA_VERSION as i64);
    }
}

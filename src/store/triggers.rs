//! Triggers the app makes from its code when a roster is opened (the
//! history's, the text limits'), each family named by a prefix: compared
//! with what the file has, replaced whole when they differ, dropped while
//! migrations run.

use rusqlite::Connection;

/// A family of triggers: the names' prefix ("history_", "limit_").
#[derive(Clone, Copy, Debug)]
pub struct Family(pub &'static str);

impl Family {
    /// `LIKE` pattern for the family's names (`_` taken literally).
    fn pattern(self) -> String {
        format!("{}%", self.0.replace('_', "\\_"))
    }

    /// The family's triggers in the file, as (name, SQL), by name.
    pub fn existing(self, conn: &Connection) -> rusqlite::Result<Vec<(String, String)>> {
        conn.prepare_cached(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'trigger' AND name LIKE ?1 ESCAPE '\\' ORDER BY name",
        )?
        .query_map([self.pattern()], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
    }

    /// Whether the file has exactly `wanted` (sorted by name).
    pub fn is(self, conn: &Connection, wanted: &[(String, String)]) -> rusqlite::Result<bool> {
        Ok(self.existing(conn)? == wanted)
    }

    /// Replaces the family's triggers with `wanted`, in one transaction.
    pub fn replace(
        self,
        conn: &mut Connection,
        wanted: &[(String, String)],
    ) -> rusqlite::Result<()> {
        let tx = conn.transaction()?;
        for (name, _) in self.existing(&tx)? {
            tx.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
        }
        for (_, sql) in wanted {
            tx.execute_batch(sql)?;
        }
        tx.commit()
    }

    /// Drops the family's triggers (migrations run without them).
    pub fn drop_all(self, conn: &Connection) -> rusqlite::Result<()> {
        for (name, _) in self.existing(conn)? {
            conn.execute_batch(&format!("DROP TRIGGER \"{name}\";"))?;
        }
        Ok(())
    }
}

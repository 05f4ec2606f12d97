//! Files kept with their records, inside the roster: a document row names
//! its record and its content by checksum; the bytes are kept once per
//! content, outside the history, so that undoing a removal finds them.

use rusqlite::{OptionalExtension as _, Row};

use super::error::{Constraint, constraint};
use super::rows::{found, from_sql_error};
use super::{Result, Store, StoreError};
use crate::domain::{
    DistrictId, Document, DocumentId, DocumentOwner, GrantId, MembershipId, NewDocument,
};

const DOCUMENT_COLUMNS: &str =
    "id, district_id, membership_id, grant_id, name, media_type, size, sha256, added_at, added_by";

impl Document {
    fn from_row(row: &Row<'_>) -> rusqlite::Result<Self> {
        let district: Option<i64> = row.get(1)?;
        let membership: Option<i64> = row.get(2)?;
        let grant: Option<i64> = row.get(3)?;
        // The schema's CHECK holds exactly one of the three.
        let owner = match (district, membership, grant) {
            (Some(id), _, _) => DocumentOwner::District(DistrictId(id)),
            (_, Some(id), _) => DocumentOwner::Letter(MembershipId(id)),
            (_, _, Some(id)) => DocumentOwner::Grant(GrantId(id)),
            (None, None, None) => {
                return Err(super::rows::unknown(1, "document owner", "none"));
            }
        };
        Ok(Document {
            id: DocumentId(row.get(0)?),
            owner,
            name: row.get(4)?,
            media_type: row.get(5)?,
            size: row.get::<_, i64>(6)?.max(0) as u64,
            sha256: row.get(7)?,
            added_at: row.get(8)?,
            added_by: row.get(9)?,
        })
    }
}

/// The owner's column and id, for a query.
fn owner_column(owner: DocumentOwner) -> (&'static str, i64) {
    match owner {
        DocumentOwner::District(id) => ("district_id", id.0),
        DocumentOwner::Letter(id) => ("membership_id", id.0),
        DocumentOwner::Grant(id) => ("grant_id", id.0),
    }
}

/// What the roster's file holds, for the Import & Export section.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Storage {
    /// The database file's size (its pages), in bytes.
    pub file_bytes: u64,
    /// Space SQLite keeps free inside the file for later writes.
    pub free_bytes: u64,
    /// Documents on records, and their bytes (a file kept on two records
    /// counts twice here, once in the file).
    pub documents: u64,
    pub document_bytes: u64,
    /// Files no record holds any more, kept so Undo can bring them back.
    pub removed_files: u64,
    pub removed_bytes: u64,
    /// The change history's size (what Undo and History read).
    pub history_bytes: u64,
}

impl Store {
    /// Keeps `file` on `owner`, as one change: what Undo takes back.
    pub fn add_document(
        &mut self,
        owner: DocumentOwner,
        file: &NewDocument,
        added_by: &str,
    ) -> Result<DocumentId> {
        let (column, id) = owner_column(owner);
        if let Some(same) = self
            .documents_of(owner)?
            .into_iter()
            .find(|d| d.sha256 == file.sha256)
        {
            return Err(StoreError::Refused(format!(
                "This {} keeps that file already, as “{}”.",
                owner.noun(),
                same.name
            )));
        }
        let change = self.change()?;
        change
            .prepare_cached(
                "INSERT OR IGNORE INTO document_content (sha256, bytes) VALUES (?1, ?2)",
            )?
            .execute((&file.sha256, &file.bytes))?;
        let inserted = change
            .prepare_cached(&format!(
                "INSERT INTO document ({column}, name, media_type, size, sha256, added_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
            ))?
            .execute((
                id,
                &file.name,
                &file.media_type,
                file.bytes.len() as i64,
                &file.sha256,
                added_by,
            ));
        match inserted {
            Ok(_) => {}
            Err(error) if constraint(&error) == Some(Constraint::ForeignKey) => {
                return Err(StoreError::MissingReference(owner.noun()));
            }
            Err(error) => return Err(error.into()),
        }
        let document = DocumentId(change.last_insert_rowid());
        change.commit()?;
        Ok(document)
    }

    /// The documents kept on a record, newest first.
    pub fn documents_of(&self, owner: DocumentOwner) -> Result<Vec<Document>> {
        let (column, id) = owner_column(owner);
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM document WHERE {column} = ?1
             ORDER BY added_at DESC, id DESC"
        );
        self.conn
            .prepare_cached(&sql)?
            .query_map([id], Document::from_row)?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    /// Every document on every record, in the order they were added.
    pub fn all_documents(&self) -> Result<Vec<Document>> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM document ORDER BY id");
        self.conn
            .prepare_cached(&sql)?
            .query_map([], Document::from_row)?
            .collect::<rusqlite::Result<_>>()
            .map_err(from_sql_error)
    }

    pub fn document(&self, id: DocumentId) -> Result<Document> {
        let sql = format!("SELECT {DOCUMENT_COLUMNS} FROM document WHERE id = ?1");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.0], Document::from_row)
            .optional()
            .map_err(from_sql_error)?
            .ok_or(StoreError::NotFound("document"))
    }

    /// A document's bytes, as they were added.
    pub fn document_bytes(&self, id: DocumentId) -> Result<Vec<u8>> {
        self.conn
            .prepare_cached(
                "SELECT c.bytes FROM document d JOIN document_content c ON c.sha256 = d.sha256
                 WHERE d.id = ?1",
            )?
            .query_row([id.0], |row| row.get(0))
            .optional()?
            .ok_or(StoreError::NotFound("document"))
    }

    /// Takes a document off its record, as one change. Its bytes stay in
    /// the file so that Undo can bring it back.
    pub fn remove_document(&mut self, id: DocumentId) -> Result<()> {
        let change = self.change()?;
        let changed = change
            .prepare_cached("DELETE FROM document WHERE id = ?1")?
            .execute([id.0])?;
        found(changed, "document")?;
        change.commit()
    }

    /// What the file holds: documents, removed files, history, free space.
    pub fn storage(&self) -> Result<Storage> {
        let pragma = |name: &str| -> Result<u64> {
            let value: i64 = self
                .conn
                .query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))?;
            Ok(value.max(0) as u64)
        };
        let page_size = pragma("page_size")?;
        let (documents, document_bytes, removed_files, removed_bytes, history_bytes) =
            self.conn.query_row(
                "SELECT (SELECT count(*) FROM document),
                        (SELECT coalesce(sum(size), 0) FROM document),
                        (SELECT count(*) FROM document_content c
                          WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.sha256 = c.sha256)),
                        (SELECT coalesce(sum(length(bytes)), 0) FROM document_content c
                          WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.sha256 = c.sha256)),
                        (SELECT coalesce(sum(length(row_key) + coalesce(length(before), 0)
                                              + coalesce(length(after), 0)), 0) FROM change_log)",
                [],
                |row| {
                    let get = |i| row.get::<_, i64>(i).map(|v| v.max(0) as u64);
                    Ok((get(0)?, get(1)?, get(2)?, get(3)?, get(4)?))
                },
            )?;
        Ok(Storage {
            file_bytes: pragma("page_count")? * page_size,
            free_bytes: pragma("freelist_count")? * page_size,
            documents,
            document_bytes,
            removed_files,
            removed_bytes,
            history_bytes,
        })
    }

    /// Lets the files no record holds go, and gives their space back to the
    /// disk: undoing their removal is no longer possible (Undo says so).
    /// How many files went.
    pub fn let_removed_documents_go(&mut self) -> Result<u64> {
        self.verify()?;
        let gone = self.conn.execute(
            "DELETE FROM document_content
             WHERE NOT EXISTS (SELECT 1 FROM document d WHERE d.sha256 = document_content.sha256)",
            [],
        )?;
        self.conn.execute_batch("VACUUM")?;
        Ok(gone as u64)
    }
}

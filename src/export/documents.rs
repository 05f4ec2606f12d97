//! Every kept document saved out into a folder: one folder per district,
//! and in it one per record ("Letter 2027-2028", "Grant - Iowa BIG
//! 2025-10-06", "District"), each file under the name it was kept by.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::domain::{Document, DocumentOwner};
use crate::io::save::{SaveError, save_bytes};
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum DocumentsError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{} is not a folder: documents are saved into a folder.", .0.display())]
    NotAFolder(PathBuf),
    #[error("Could not make the folder {}: {source}", path.display())]
    MakeFolder {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where a document lives, in words: its district and its record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub district: String,
    /// "Letter 2027-2028", "Grant - Iowa BIG 2025-10-06", "District".
    pub record: String,
}

impl Place {
    /// "Adair County's letter for 2027-2028", for messages.
    pub fn words(&self) -> String {
        match self.record.as_str() {
            "District" => self.district.clone(),
            record => format!("{} · {record}", self.district),
        }
    }
}

/// Where `owner` lives.
pub fn place_of(store: &Store, owner: DocumentOwner) -> Result<Place, StoreError> {
    Ok(match owner {
        DocumentOwner::District(id) => Place {
            district: store.district(id)?.fields.name,
            record: "District".to_owned(),
        },
        DocumentOwner::Letter(id) => {
            let membership = store.membership(id)?;
            Place {
                district: store.district(membership.district_id)?.fields.name,
                record: format!("Letter {}", membership.year),
            }
        }
        DocumentOwner::Grant(id) => {
            let grant = store.grant(id)?;
            Place {
                district: store.district(grant.fields.district)?.fields.name,
                record: format!(
                    "Grant - {} {}",
                    grant.fields.destination,
                    grant.fields.travel_start.format("%Y-%m-%d")
                ),
            }
        }
    })
}

/// A document saved (or, in a dry run, that would be).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedDocument {
    pub document: Document,
    pub path: PathBuf,
}

/// A file or folder name without the characters systems refuse.
fn safe_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_matches('.').to_owned();
    if clean.is_empty() {
        "unnamed".to_owned()
    } else {
        clean
    }
}

/// Saves every document into `folder` (made if missing); a name taken
/// twice in one place gets " (2)". A dry run saves nothing.
pub fn export_documents(
    store: &Store,
    folder: &Path,
    dry_run: bool,
) -> Result<Vec<SavedDocument>, DocumentsError> {
    if folder.exists() && !folder.is_dir() {
        return Err(DocumentsError::NotAFolder(folder.to_path_buf()));
    }
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut saved = Vec::new();
    for document in store.all_documents()? {
        let place = place_of(store, document.owner)?;
        let place_folder = folder
            .join(safe_name(&place.district))
            .join(safe_name(&place.record));
        let name = safe_name(&document.name);
        let (stem, extension) = match name.rsplit_once('.') {
            Some((stem, ext)) if !stem.is_empty() => (stem.to_owned(), format!(".{ext}")),
            _ => (name.clone(), String::new()),
        };
        let mut path = place_folder.join(&name);
        let mut number = 2;
        while !taken.insert(path.clone()) {
            path = place_folder.join(format!("{stem} ({number}){extension}"));
            number += 1;
        }
        if !dry_run {
            std::fs::create_dir_all(&place_folder).map_err(|source| {
                DocumentsError::MakeFolder {
                    path: place_folder.clone(),
                    source,
                }
            })?;
            save_bytes(&path, &store.document_bytes(document.id)?)?;
        }
        saved.push(SavedDocument { document, path });
    }
    Ok(saved)
}

/// Writes a document to `folder/<id>/<name>` for the system's viewer to
/// open: the exact bytes kept.
pub fn viewer_copy(
    store: &Store,
    id: crate::domain::DocumentId,
    folder: &Path,
) -> Result<PathBuf, DocumentsError> {
    let document = store.document(id)?;
    let place = folder.join(id.0.to_string());
    std::fs::create_dir_all(&place).map_err(|source| DocumentsError::MakeFolder {
        path: place.clone(),
        source,
    })?;
    let path = place.join(safe_name(&document.name));
    save_bytes(&path, &store.document_bytes(id)?)?;
    Ok(path)
}

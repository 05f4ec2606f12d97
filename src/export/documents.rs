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
    /// The same file was there already: left as it is.
    pub already_there: bool,
}

/// A file or folder name without the characters systems refuse, at most
/// 180 bytes (room for " (2)" under the usual 255), never ending in a dot.
fn safe_name(name: &str) -> String {
    let clean = crate::io::save::file_name_part(name, usize::MAX);
    let clean = clean.trim_start_matches("..");
    if clean.is_empty() {
        return "unnamed".to_owned();
    }
    shortened(clean, 180)
}

/// `name` cut to at most `bytes`, keeping its extension.
fn shortened(name: &str, bytes: usize) -> String {
    if name.len() <= bytes {
        return name.to_owned();
    }
    let (stem, extension) = split_extension(name);
    let room = bytes.saturating_sub(extension.len()).max(1);
    let mut end = room.min(stem.len());
    while !stem.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{extension}", &stem[..end])
}

/// "receipt.pdf" as ("receipt", ".pdf"); a name with no stem keeps it all.
fn split_extension(name: &str) -> (&str, &str) {
    match name.rfind('.') {
        Some(at) if at > 0 => (&name[..at], &name[at..]),
        _ => (name, ""),
    }
}

/// Saves every document into `folder` (made if missing). Nothing is ever
/// written over a file that is there: the same file is left as it is, a
/// different one keeps its name and the document gets " (2)". Every place
/// is checked before anything is written. A dry run saves nothing.
pub fn export_documents(
    store: &Store,
    folder: &Path,
    dry_run: bool,
) -> Result<Vec<SavedDocument>, DocumentsError> {
    if folder.exists() && !folder.is_dir() {
        return Err(DocumentsError::NotAFolder(folder.to_path_buf()));
    }
    let mut taken: HashSet<PathBuf> = HashSet::new();
    let mut planned = Vec::new();
    for document in store.all_documents()? {
        let place = place_of(store, document.owner)?;
        let place_folder = folder
            .join(safe_name(&place.district))
            .join(safe_name(&place.record));
        if place_folder.exists() && !place_folder.is_dir() {
            return Err(DocumentsError::NotAFolder(place_folder));
        }
        let name = safe_name(&document.name);
        let (stem, extension) = split_extension(&name);
        let mut path = place_folder.join(&name);
        let mut number = 2;
        let mut already_there = false;
        loop {
            if taken.contains(&path) {
                // Another document of this export has the name.
            } else if std::fs::symlink_metadata(&path).is_err() {
                break;
            } else if path.is_file()
                && std::fs::read(&path)
                    .is_ok_and(|b| crate::domain::document::sha256_hex(&b) == document.sha256)
            {
                already_there = true;
                break;
            }
            path = place_folder.join(format!("{stem} ({number}){extension}"));
            number += 1;
        }
        taken.insert(path.clone());
        planned.push((document, place_folder, path, already_there));
    }
    let mut saved = Vec::with_capacity(planned.len());
    for (document, place_folder, path, already_there) in planned {
        if !dry_run && !already_there {
            std::fs::create_dir_all(&place_folder).map_err(|source| {
                DocumentsError::MakeFolder {
                    path: place_folder.clone(),
                    source,
                }
            })?;
            save_bytes(&path, &store.document_bytes(document.id)?)?;
        }
        saved.push(SavedDocument {
            document,
            path,
            already_there,
        });
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

//! Each district's Letter of Commitment for a school year, as a Word
//! document pre-filled from the roster, written into a folder, one file
//! per district named after it.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::{ContactRole, DistrictId, SchoolYear};
use crate::io::docx::DocxError;
use crate::io::letter_document::{LetterTemplate, LetterValues};
use crate::io::save::{SaveError, save_bytes};
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum LettersError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{district}'s letter could not be made: {source}")]
    Word { district: String, source: DocxError },
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{} is not a folder: letters are written into a folder, one file per district.", .0.display())]
    NotAFolder(PathBuf),
    #[error("{} is there and is not a file (a folder?): a letter cannot be written in its place. Nothing was written.", .0.display())]
    NotAFile(PathBuf),
    #[error("Could not read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Could not make the folder {}: {source}", path.display())]
    MakeFolder {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A letter written (or, in a dry run, that would be).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenLetter {
    pub district: DistrictId,
    pub district_name: String,
    pub path: PathBuf,
    /// What became of it: written, written over an unanswered letter, or
    /// not written because the file there must be kept.
    pub outcome: Written,
    /// Pre-filled from the roster: superintendent, points of contact,
    /// last year's goal.
    pub superintendent: bool,
    pub points_of_contact: usize,
    pub last_goal: bool,
}

/// What became of one letter's file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Written {
    New,
    /// Over a letter as the app wrote it (nothing answered in it).
    Replaced,
    /// A file of that name holds something else (a returned letter with
    /// the district's answers, another document): left as it is, and why.
    Kept(&'static str),
}

/// What is at `path` already, and whether a new letter may go there.
fn what_is_at(path: &std::path::Path) -> Result<Written, LettersError> {
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(Written::New);
    };
    if !meta.is_file() {
        return Err(LettersError::NotAFile(path.to_path_buf()));
    }
    let bytes = std::fs::read(path).map_err(|source| LettersError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(
        match crate::io::letter_document::read_letter(&bytes, &name) {
            Ok(found) if found.has_district_answers() => {
                Written::Kept("it holds the district's answers (a returned letter?)")
            }
            Ok(_) => Written::Replaced,
            Err(_) => Written::Kept("it is not a letter the app wrote"),
        },
    )
}

/// "Adair County - Letter of Commitment 2027-2028.docx", without the
/// characters a file name may not hold, short enough for any disk.
pub fn letter_file_name(district: &str, year: SchoolYear) -> String {
    letter_file_name_with(district, "", year)
}

/// The file name with `suffix` after the district's (cut) name.
fn letter_file_name_with(district: &str, suffix: &str, year: SchoolYear) -> String {
    // 150 bytes of name leave room for the rest under the usual 255.
    let name = crate::io::save::file_name_part(district, 150);
    format!(
        "{}{suffix} - Letter of Commitment {year}.docx",
        name.trim_start_matches('.')
    )
}

/// What goes into `district`'s letter for `year`: its people as this
/// year's letter names them (or last year's, or the district's active
/// contacts), and last year's learning goal and plans as a reminder.
pub fn letter_values(
    store: &Store,
    district: DistrictId,
    year: SchoolYear,
    today: NaiveDate,
) -> Result<LetterValues, StoreError> {
    let record = store.district(district)?;
    let contacts = store.contacts_of(district)?;
    let this_year = store.membership_of(district, year)?;
    let last_year = store.membership_of(district, year.previous())?;
    let contact = |id| contacts.iter().find(|c| c.id == id);
    let active = |role| {
        contacts
            .iter()
            .filter(move |c| c.fields.active && c.fields.role == role)
    };
    let superintendent = [&this_year, &last_year]
        .iter()
        .find_map(|m| m.as_ref()?.letter.superintendent.and_then(contact))
        .or_else(|| active(ContactRole::Superintendent).next())
        .map(|c| (c.fields.name.clone(), c.fields.email.clone()));
    let named = [&this_year, &last_year]
        .iter()
        .filter_map(|m| m.as_ref())
        .map(|m| &m.letter.points_of_contact)
        .find(|list| !list.is_empty());
    let points_of_contact = match named {
        Some(ids) => ids.iter().filter_map(|id| contact(*id)).collect::<Vec<_>>(),
        None => active(ContactRole::PointOfContact).collect(),
    }
    .into_iter()
    .map(|c| {
        (
            c.fields.name.clone(),
            c.fields.title.clone(),
            c.fields.email.clone(),
        )
    })
    .collect();
    let (last_goal, last_plans, kde_designee) = last_year
        .map(|m| {
            (
                m.letter.learning_goal,
                m.letter.plans,
                m.letter.kde_signatory,
            )
        })
        .unwrap_or_default();
    Ok(LetterValues {
        district: record.fields.name,
        kde_number: record.fields.kde_number,
        year: Some(year),
        superintendent,
        points_of_contact,
        last_goal,
        last_plans,
        kde_designee,
        date: today.format("%B %-d, %Y").to_string(),
    })
}

/// Which letters to write, from what, where.
#[derive(Clone, Debug)]
pub struct LettersRequest {
    pub year: SchoolYear,
    pub districts: Vec<DistrictId>,
    pub template: LetterTemplate,
    pub folder: PathBuf,
    pub today: NaiveDate,
    /// Make every letter, write none.
    pub dry_run: bool,
}

/// Writes each district's letter into the folder (made if missing).
/// `progress` is told how many are done; `false` stops.
pub fn write_letters(
    store: &Store,
    request: &LettersRequest,
    progress: &mut dyn FnMut(usize) -> bool,
) -> Result<Vec<WrittenLetter>, LettersError> {
    let LettersRequest {
        year,
        districts,
        template,
        folder,
        today,
        dry_run,
    } = request;
    let (year, today, dry_run) = (*year, *today, *dry_run);
    if folder.exists() && !folder.is_dir() {
        return Err(LettersError::NotAFolder(folder.to_path_buf()));
    }
    if !dry_run && !folder.exists() {
        std::fs::create_dir_all(folder).map_err(|source| LettersError::MakeFolder {
            path: folder.to_path_buf(),
            source,
        })?;
    }
    // Every letter is made, and every place checked, before any is written:
    // a problem stops the run with nothing half done.
    let mut seen = std::collections::HashSet::new();
    let mut planned = Vec::with_capacity(districts.len());
    for (done, district) in districts.iter().enumerate() {
        if !progress(done) {
            return Ok(Vec::new());
        }
        if !seen.insert(*district) {
            continue;
        }
        let values = letter_values(store, *district, year, today)?;
        let bytes = template
            .write_letter(&values)
            .map_err(|source| LettersError::Word {
                district: values.district.clone(),
                source,
            })?;
        let mut path = folder.join(letter_file_name(&values.district, year));
        // Two names that make one file name ("Bath/County", "Bath-County")
        // are told apart by their KDE numbers.
        if planned
            .iter()
            .any(|(other, _): &(WrittenLetter, Vec<u8>)| other.path == path)
        {
            let suffix = format!(" (KDE {})", values.kde_number);
            path = folder.join(letter_file_name_with(&values.district, &suffix, year));
        }
        let outcome = what_is_at(&path)?;
        planned.push((
            WrittenLetter {
                district: *district,
                district_name: values.district,
                path,
                outcome,
                superintendent: values.superintendent.is_some(),
                points_of_contact: values.points_of_contact.len(),
                last_goal: !values.last_goal.trim().is_empty(),
            },
            bytes,
        ));
    }
    if !dry_run {
        for (letter, bytes) in &planned {
            if !matches!(letter.outcome, Written::Kept(_)) {
                save_bytes(&letter.path, bytes)?;
            }
        }
    }
    Ok(planned.into_iter().map(|(letter, _)| letter).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_says_whose_letter_and_holds_no_forbidden_character() {
        let year = SchoolYear::starting(2027).unwrap();
        assert_eq!(
            letter_file_name("Adair County", year),
            "Adair County - Letter of Commitment 2027-2028.docx"
        );
        assert_eq!(
            letter_file_name("A/B: C?", year),
            "A-B- C- - Letter of Commitment 2027-2028.docx"
        );
    }
}

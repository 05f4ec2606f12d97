//! Saving exported tables: as CSV or XLSX, written beside the target and
//! renamed into place, so a failed or cancelled export leaves no
//! half-written file (and an existing file untouched).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::table::Sheet;
use super::{csv_export, xlsx_export};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    /// The format a file name asks for, by its extension.
    pub fn of_path(path: &Path) -> Option<Self> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "xlsx" => Some(Self::Xlsx),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("Could not write {}: {}", path.display(), io_words(source))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("Could not build the workbook {}: {message}", path.display())]
    Workbook { path: PathBuf, message: String },
    #[error("Could not write {}: the folder {} does not exist", path.display(), folder.display())]
    NoFolder { path: PathBuf, folder: PathBuf },
    #[error("Could not write {}: {} is a file, not a folder", path.display(), folder.display())]
    NotAFolder { path: PathBuf, folder: PathBuf },
    #[error(
        "Could not write {}: a file name is at most 255 bytes long. Choose a shorter name.",
        path.display()
    )]
    NameTooLong { path: PathBuf },
    #[error("A CSV file holds one table; {count} were given for {}", path.display())]
    SeveralTables { path: PathBuf, count: usize },
    #[error(
        "{} is a database (or part of one): an export never replaces it. Choose another file name.",
        path.display()
    )]
    WouldReplaceDatabase { path: PathBuf },
    #[error("{} is {what}. Choose another file name.", path.display())]
    CannotReplace { path: PathBuf, what: &'static str },
}

/// Refuses `path` if it is a database (or one of its side files): nothing
/// the app exports is ever written over one.
pub fn refuse_a_database(path: &Path) -> Result<(), SaveError> {
    // What is there already must be a plain file the user may write: an
    // export is renamed into place, which would replace a link, a device
    // or a pipe, and a read-only file.
    if let Ok(meta) = std::fs::symlink_metadata(path) {
        let what = if meta.file_type().is_symlink() {
            Some("a link to another file: name the file itself")
        } else if !meta.is_file() {
            Some("not a file (a device, a pipe or a folder)")
        } else if meta.permissions().readonly() {
            Some("read-only: an export does not replace it")
        } else {
            None
        };
        if let Some(what) = what {
            return Err(SaveError::CannotReplace {
                path: path.to_path_buf(),
                what,
            });
        }
    }
    if crate::store::is_database_file(path) {
        return Err(SaveError::WouldReplaceDatabase {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The folder `path` goes in is there and is a folder.
fn check_folder(path: &Path, folder: &Path) -> Result<(), SaveError> {
    if folder.is_dir() {
        return Ok(());
    }
    let (path, folder) = (path.to_path_buf(), folder.to_path_buf());
    Err(if folder.exists() {
        SaveError::NotAFolder { path, folder }
    } else {
        SaveError::NoFolder { path, folder }
    })
}

/// What a write to `path` would meet, said before writing anything (a dry
/// run says it too): a database there, a folder that is not there, a name
/// too long for the disk.
pub fn check_destination(path: &Path) -> Result<(), SaveError> {
    refuse_a_database(path)?;
    if path.file_name().is_some_and(|name| name.len() > 255) {
        return Err(SaveError::NameTooLong {
            path: path.to_path_buf(),
        });
    }
    check_folder(path, folder_of(path))
}

/// The folder `path` is in ("." for a bare name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// A file being written beside its target, renamed into place when done.
struct Beside<'a> {
    path: &'a Path,
    folder: &'a Path,
    temp: tempfile::NamedTempFile,
}

impl<'a> Beside<'a> {
    /// A temporary file in `path`'s folder; never for a database, and only
    /// in a folder that is there.
    fn new(path: &'a Path) -> Result<Self, SaveError> {
        check_destination(path)?;
        let folder = folder_of(path);
        // The temporary file's own name would only confuse: report the target.
        let temp = crate::store::files::temp_in(folder, crate::store::files::Purpose::Export)
            .map_err(|e| io_error(path, std::io::Error::from(e.kind())))?;
        Ok(Self { path, folder, temp })
    }

    /// Synced and renamed into place.
    fn finish(self) -> Result<(), SaveError> {
        self.temp
            .as_file()
            .sync_all()
            .map_err(|e| io_error(self.path, e))?;
        self.temp
            .persist(self.path)
            .map_err(|e| io_error(self.path, e.error))?;
        crate::store::files::sync_folder(self.folder);
        Ok(())
    }
}

/// `text` made fit to be (part of) a file name on Windows, macOS and
/// Linux: the characters they refuse become "-", no space or dot at its
/// ends, at most `max_bytes` long (cut between characters).
pub fn file_name_part(text: &str, max_bytes: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '-',
            c if c.is_control() => '-',
            c => c,
        })
        .collect();
    let mut clean = clean.trim();
    if clean.len() > max_bytes {
        let mut end = max_bytes;
        while !clean.is_char_boundary(end) {
            end -= 1;
        }
        clean = &clean[..end];
    }
    clean.trim().trim_end_matches('.').trim_end().to_owned()
}

/// What went wrong with a file, in words: without the system's error code
/// or the temporary file's name that only confuse.
pub fn io_words(error: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match error.kind() {
        K::StorageFull => "the disk is full".to_owned(),
        K::QuotaExceeded => "the disk quota is used up".to_owned(),
        K::PermissionDenied => "permission denied".to_owned(),
        K::ReadOnlyFilesystem => "the disk is read-only".to_owned(),
        K::NotFound => "no such file or folder".to_owned(),
        K::IsADirectory => "it is a folder".to_owned(),
        K::NotADirectory => "part of the path is a file, not a folder".to_owned(),
        K::InvalidFilename => {
            "the name is too long, or holds characters the disk does not allow".to_owned()
        }
        _ => {
            let text = error.to_string();
            let text = text.split(" at path ").next().unwrap_or(&text);
            // The system's own code, wherever it is said, and a reason said
            // twice ("X: X").
            let text = match text.find(" (os error") {
                Some(at) => &text[..at],
                None => text,
            };
            match text.split_once(": ") {
                Some((a, b)) if a == b => a.to_owned(),
                _ => text.to_owned(),
            }
        }
    }
}

fn io_error(path: &Path, source: std::io::Error) -> SaveError {
    SaveError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `sheets` to `path`. `progress` is told how many rows are done and
/// returns `false` to cancel; then nothing is written and `Ok(false)` is
/// returned.
pub fn save_sheets(
    path: &Path,
    format: FileFormat,
    sheets: &[Sheet],
    mut progress: impl FnMut(usize) -> bool,
) -> Result<bool, SaveError> {
    let io = |source| io_error(path, source);
    let mut beside = Beside::new(path)?;
    let finished = match format {
        FileFormat::Csv => {
            let [sheet] = sheets else {
                return Err(SaveError::SeveralTables {
                    path: path.to_path_buf(),
                    count: sheets.len(),
                });
            };
            csv_export::write_csv(sheet, beside.temp.as_file_mut(), progress).map_err(io)?
        }
        FileFormat::Xlsx => {
            let bytes = xlsx_export::workbook_bytes(sheets, &mut progress).map_err(|e| {
                SaveError::Workbook {
                    path: path.to_path_buf(),
                    message: e.to_string(),
                }
            })?;
            match bytes {
                Some(bytes) => {
                    beside.temp.write_all(&bytes).map_err(io)?;
                    true
                }
                None => false,
            }
        }
    };
    if !finished {
        return Ok(false);
    }
    beside.finish()?;
    Ok(true)
}

/// Writes `bytes` (a letter, a kept document) to `path` the same way:
/// beside it first, then renamed into place; never over a database.
pub fn save_bytes(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let mut beside = Beside::new(path)?;
    beside
        .temp
        .write_all(bytes)
        .map_err(|e| io_error(path, e))?;
    beside.finish()
}

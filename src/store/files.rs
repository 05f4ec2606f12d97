//! Files the app writes beside a target (an export, a backup, a restored
//! roster): made under a temporary name, synced, then renamed into place, so
//! a crash never leaves half a file under the real name. A temporary file is
//! held (locked) while it is written; one that nobody holds is a leftover of
//! a run that was killed, and the next run in that folder removes it.

use std::fs::File;
use std::io;
use std::path::Path;

use tempfile::NamedTempFile;

/// The start of every temporary file's name: `.iln-export-…`, `.iln-backup-…`.
const PREFIX: &str = ".iln-";

/// What a temporary file is for, in its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Export,
    Backup,
    Restore,
}

impl Purpose {
    fn prefix(self) -> &'static str {
        match self {
            Self::Export => ".iln-export-",
            Self::Backup => ".iln-backup-",
            Self::Restore => ".iln-restore-",
        }
    }
}

/// A new temporary file in `folder`, held while it is written, with the
/// permissions new files get there (the user's umask applies). Leftovers of
/// killed runs in the folder are removed first.
pub fn temp_in(folder: &Path, purpose: Purpose) -> io::Result<NamedTempFile> {
    sweep(folder);
    let mut builder = tempfile::Builder::new();
    builder.prefix(purpose.prefix());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let temp = builder.tempfile_in(folder)?;
    hold(temp.as_file());
    Ok(temp)
}

/// Removes the temporary files of killed runs in `folder` (and the journal
/// files SQLite kept beside them): ours by their name, and free (no run
/// holds them). A journal file whose temporary file is gone is a leftover
/// too: a run closes its SQLite connection before it renames the file.
pub fn sweep(folder: &Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = [Purpose::Export, Purpose::Backup, Purpose::Restore]
            .iter()
            .any(|p| name.starts_with(p.prefix()));
        if !name.starts_with(PREFIX) || !ours {
            continue;
        }
        let path = entry.path();
        if let Some(main) = COMPANIONS.iter().find_map(|s| name.strip_suffix(s)) {
            if !folder.join(main).exists() {
                let _ = std::fs::remove_file(&path);
            }
        } else if is_free(&path) {
            // Journals first: a sweep cut short leaves the file, which the
            // next sweep finds again.
            for suffix in COMPANIONS {
                let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
            }
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The files SQLite keeps beside a database while it is open.
const COMPANIONS: [&str; 3] = ["-journal", "-wal", "-shm"];

/// Makes a rename into `folder` survive a power cut (on systems where a
/// folder can be synced).
pub fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(unix)]
fn hold(file: &File) {
    // Advisory: only another run of the app's sweep asks for it.
    let _ = file.try_lock();
}

#[cfg(not(unix))]
fn hold(_file: &File) {}

/// Whether no run holds the temporary file at `path`.
#[cfg(unix)]
fn is_free(path: &Path) -> bool {
    File::open(path).is_ok_and(|file| file.try_lock().is_ok())
}

/// Without advisory locks: free once an hour old (no export or backup of a
/// roster takes that long).
#[cfg(not(unix))]
fn is_free(path: &Path) -> bool {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .is_some_and(|age| age > std::time::Duration::from_secs(3600))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leftover_is_swept_and_a_file_being_written_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let leftover = dir.path().join(".iln-export-abc123");
        std::fs::write(&leftover, b"half").unwrap();
        std::fs::write(dir.path().join(".iln-backup-def-journal"), b"j").unwrap();
        std::fs::write(dir.path().join(".iln-backup-def"), b"half").unwrap();
        let orphan = dir.path().join(".iln-backup-ghi-journal");
        std::fs::write(&orphan, b"j").unwrap();
        let someone_elses = dir.path().join(".iln-notes.txt");
        std::fs::write(&someone_elses, b"keep").unwrap();
        let writing = temp_in(dir.path(), Purpose::Export).unwrap();
        assert!(!leftover.exists(), "swept");
        assert!(!dir.path().join(".iln-backup-def").exists());
        assert!(!dir.path().join(".iln-backup-def-journal").exists());
        assert!(!orphan.exists(), "its file is gone");
        assert!(someone_elses.exists(), "not ours");
        let journal = format!("{}-journal", writing.path().display());
        std::fs::write(&journal, b"j").unwrap();
        sweep(dir.path());
        assert!(writing.path().exists(), "held while written");
        assert!(Path::new(&journal).exists(), "beside a file being written");
    }

    #[cfg(unix)]
    #[test]
    fn new_files_follow_the_umask() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let temp = temp_in(dir.path(), Purpose::Export).unwrap();
        let mode = std::fs::metadata(temp.path()).unwrap().permissions().mode() & 0o777;
        assert_ne!(mode, 0o600, "not private to the user like a scratch file");
        assert_eq!(mode & 0o600, 0o600);
    }
}

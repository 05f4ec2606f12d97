//! A file kept with the record it proves: the signed Letter of Commitment,
//! a grant's application, receipts and trip report, a district's papers.

use std::fmt;

use sha2::{Digest as _, Sha256};

use super::district::DistrictId;
use super::grant::GrantId;
use super::membership::MembershipId;

/// The largest file the roster keeps. A signed letter or a receipt is far
/// smaller; a limit keeps one careless drop (a video) from bloating every
/// backup.
pub const MAX_BYTES: usize = 25 * 1024 * 1024;

/// The longest file name kept (most file systems allow 255 bytes).
pub const MAX_NAME: usize = 255;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocumentId(pub i64);

/// The record a document belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DocumentOwner {
    District(DistrictId),
    Letter(MembershipId),
    Grant(GrantId),
}

impl DocumentOwner {
    /// "district", "letter", "grant application": how messages name it.
    pub fn noun(self) -> &'static str {
        match self {
            Self::District(_) => "district",
            Self::Letter(_) => "letter",
            Self::Grant(_) => "grant application",
        }
    }
}

/// A kept file's description (its bytes are read only when asked for).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: DocumentId,
    pub owner: DocumentOwner,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
    /// UTC, as SQLite writes it: "2026-11-27T10:15:03.123Z".
    pub added_at: String,
    pub added_by: String,
}

/// A file ready to be kept: checked name, type and checksum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDocument {
    pub name: String,
    pub media_type: String,
    pub sha256: String,
    pub bytes: Vec<u8>,
}

/// Why a file cannot be kept.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    #[error("“{name}” is {size}; the roster keeps files up to {limit}.")]
    TooLarge {
        name: String,
        size: String,
        limit: String,
    },
    #[error("The file has no name.")]
    NoName,
}

impl NewDocument {
    /// Checks a file to keep: its name (the last part of a path, trimmed,
    /// at most `MAX_NAME` characters) and its size.
    pub fn new(name: &str, bytes: Vec<u8>) -> Result<Self, DocumentError> {
        let name = file_name(name);
        if name.is_empty() {
            return Err(DocumentError::NoName);
        }
        if bytes.len() > MAX_BYTES {
            let (size, limit) = sizes_apart(bytes.len() as u64, MAX_BYTES as u64);
            return Err(DocumentError::TooLarge { name, size, limit });
        }
        Ok(Self {
            media_type: media_type_of(&name).to_owned(),
            sha256: sha256_hex(&bytes),
            name,
            bytes,
        })
    }
}

/// The name a file is kept under: the last part of `path` (either slash),
/// without control characters, trimmed, at most `MAX_NAME` characters.
pub fn file_name(path: &str) -> String {
    let last = path.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = last.chars().filter(|c| !c.is_control()).collect();
    clean.trim().chars().take(MAX_NAME).collect()
}

/// SHA-256 of `bytes` in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .fold(String::with_capacity(64), |mut hex, byte| {
            use fmt::Write as _;
            let _ = write!(hex, "{byte:02x}");
            hex
        })
}

/// The media type of a file by its extension; `application/octet-stream`
/// when the extension says nothing.
pub fn media_type_of(name: &str) -> &'static str {
    let extension = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "doc" => "application/msword",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xls" => "application/vnd.ms-excel",
        "csv" => "text/csv",
        "txt" => "text/plain",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "heic" => "image/heic",
        "gif" => "image/gif",
        "eml" => "message/rfc822",
        "msg" => "application/vnd.ms-outlook",
        _ => "application/octet-stream",
    }
}

/// A short word for a file's type, as a list shows it: "PDF", "Word".
pub fn kind_label(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "PDF",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        | "application/msword" => "Word",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        | "application/vnd.ms-excel"
        | "text/csv" => "Spreadsheet",
        "text/plain" => "Text",
        "message/rfc822" | "application/vnd.ms-outlook" => "Email",
        image if image.starts_with("image/") => "Image",
        _ => "File",
    }
}

/// "812 bytes", "14.2 KB", "3.1 MB": sizes as people read them (1 KB =
/// 1,024 bytes, as file managers on Windows count).
pub fn size_text(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        super::count(bytes as usize, "byte", "bytes")
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.2} GB", b / (KB * KB * KB))
    }
}

/// A size and a limit in words that tell them apart: "26.0 MB" and "25.0
/// MB", or, where they would read the same, their bytes.
pub fn sizes_apart(size: u64, limit: u64) -> (String, String) {
    let (a, b) = (size_text(size), size_text(limit));
    if a != b {
        return (a, b);
    }
    let bytes = |n: u64| format!("{} bytes", super::limits::thousands(n as usize));
    (bytes(size), format!("{} ({b})", bytes(limit)))
}

/// Who is adding a file: the computer's user name, as the system knows it.
pub fn current_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|key| {
            std::env::var(key)
                .ok()
                .filter(|name| !name.trim().is_empty())
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_keeps_its_last_name_part_and_a_checksum() {
        let file = NewDocument::new("C:\\Users\\rc\\Signed LoC.PDF", b"abc".to_vec()).unwrap();
        assert_eq!(file.name, "Signed LoC.PDF");
        assert_eq!(file.media_type, "application/pdf");
        assert_eq!(
            file.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn a_file_over_the_limit_is_refused_with_both_sizes() {
        let error = NewDocument::new("video.mp4", vec![0; 30 * 1024 * 1024]).unwrap_err();
        assert_eq!(
            NewDocument::new("big.bin", vec![0; MAX_BYTES + 1])
                .unwrap_err()
                .to_string(),
            "“big.bin” is 26,214,401 bytes; the roster keeps files up to 26,214,400 bytes (25.0 MB)."
        );
        assert_eq!(
            error.to_string(),
            "“video.mp4” is 30.0 MB; the roster keeps files up to 25.0 MB."
        );
        assert!(NewDocument::new("ok.bin", vec![0; MAX_BYTES]).is_ok());
        assert_eq!(
            NewDocument::new("  /tmp/ ", vec![1]).unwrap_err(),
            DocumentError::NoName
        );
    }

    #[test]
    fn sizes_read_as_people_read_them() {
        assert_eq!(size_text(1), "1 byte");
        assert_eq!(size_text(812), "812 bytes");
        assert_eq!(size_text(14_540), "14.2 KB");
        assert_eq!(size_text(3_250_000), "3.1 MB");
    }
}

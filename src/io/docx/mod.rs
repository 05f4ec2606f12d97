//! Word documents (`.docx`): the zip package and its parts, text put into
//! a template's `{placeholders}`, the content controls (tagged fields) a
//! filled document holds, its plain text, and its custom properties.
//!
//! A package is read whole into memory with limits on its parts, so a
//! crafted file (a zip bomb, thousands of parts) is refused, not followed.

use std::collections::BTreeMap;
use std::io::{Cursor, Read as _, Write as _};

mod controls;
mod fill;
mod properties;
mod xml_text;

pub use controls::{Control, ControlValue, controls_of, text_of};
pub use fill::{Filled, fill_placeholders, placeholders_in};
pub use properties::{custom_properties, with_custom_properties};

/// The main part of every Word document.
pub const DOCUMENT_PART: &str = "word/document.xml";

/// The most a package may unpack to: far beyond any letter with pictures.
const MAX_UNPACKED: u64 = 100 * 1024 * 1024;
/// The most parts a package may have.
const MAX_PARTS: usize = 2_000;

#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("it is not a Word document (.docx): {0}")]
    NotAPackage(String),
    #[error("it is a zip file, but not a Word document: it has no {DOCUMENT_PART}")]
    NoDocument,
    #[error("it is too large to read: it unpacks to more than {} MB", MAX_UNPACKED / 1024 / 1024)]
    TooLarge,
    #[error("its text is damaged ({part}): {reason}")]
    BadXml { part: String, reason: String },
    #[error("it could not be written: {0}")]
    Write(String),
}

/// A `.docx` file's parts, by name, in the order the file had them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Package {
    parts: Vec<(String, Vec<u8>)>,
}

impl Package {
    /// Reads a `.docx` file's bytes.
    pub fn read(bytes: &[u8]) -> Result<Self, DocxError> {
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| DocxError::NotAPackage(e.to_string()))?;
        if archive.len() > MAX_PARTS {
            return Err(DocxError::NotAPackage(format!(
                "it has {} parts",
                archive.len()
            )));
        }
        let mut parts = Vec::with_capacity(archive.len());
        let mut total: u64 = 0;
        for index in 0..archive.len() {
            let mut entry = archive
                .by_index(index)
                .map_err(|e| DocxError::NotAPackage(e.to_string()))?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_owned();
            // The size the zip claims may lie: read at most what is left.
            let mut data = Vec::new();
            let left = MAX_UNPACKED - total;
            (&mut entry)
                .take(left + 1)
                .read_to_end(&mut data)
                .map_err(|e| DocxError::NotAPackage(e.to_string()))?;
            total += data.len() as u64;
            if total > MAX_UNPACKED {
                return Err(DocxError::TooLarge);
            }
            parts.push((name, data));
        }
        let package = Self { parts };
        if package.part(DOCUMENT_PART).is_none() {
            return Err(DocxError::NoDocument);
        }
        Ok(package)
    }

    /// A package of the given parts (a template kept as its parts).
    pub fn from_parts(parts: impl IntoIterator<Item = (String, Vec<u8>)>) -> Self {
        Self {
            parts: parts.into_iter().collect(),
        }
    }

    /// The parts whose text a reader sees: the body, then its headers and
    /// footers.
    pub fn text_parts(&self) -> Vec<String> {
        let mut names = vec![DOCUMENT_PART.to_owned()];
        names.extend(
            self.parts
                .iter()
                .map(|(name, _)| name)
                .filter(|name| {
                    let file = name.strip_prefix("word/").unwrap_or_default();
                    (file.starts_with("header") || file.starts_with("footer"))
                        && file.ends_with(".xml")
                        && !file.contains('/')
                })
                .cloned(),
        );
        names
    }

    /// The parts that declare a DOCTYPE.
    pub fn parts_declaring_a_doctype(&self) -> Vec<String> {
        self.parts
            .iter()
            .filter(|(_, data)| {
                data.windows(9)
                    .any(|w| w.eq_ignore_ascii_case(b"<!DOCTYPE"))
            })
            .map(|(name, _)| name.clone())
            .collect()
    }

    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, data)| data.as_slice())
    }

    /// A part as text (every part we read is UTF-8 XML).
    pub fn text_part(&self, name: &str) -> Result<Option<&str>, DocxError> {
        self.part(name)
            .map(|data| {
                std::str::from_utf8(data).map_err(|e| DocxError::BadXml {
                    part: name.to_owned(),
                    reason: e.to_string(),
                })
            })
            .transpose()
    }

    /// The main document's XML.
    pub fn document_xml(&self) -> Result<&str, DocxError> {
        self.text_part(DOCUMENT_PART)?.ok_or(DocxError::NoDocument)
    }

    /// Replaces (or adds) a part.
    pub fn set_part(&mut self, name: &str, data: Vec<u8>) {
        match self.parts.iter_mut().find(|(n, _)| n == name) {
            Some((_, slot)) => *slot = data,
            None => self.parts.push((name.to_owned(), data)),
        }
    }

    /// The package as a `.docx` file's bytes: `[Content_Types].xml` first,
    /// as Word writes it.
    pub fn write(&self) -> Result<Vec<u8>, DocxError> {
        let error = |e: &dyn std::fmt::Display| DocxError::Write(e.to_string());
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        let mut ordered: BTreeMap<(bool, usize), &(String, Vec<u8>)> = BTreeMap::new();
        for (index, part) in self.parts.iter().enumerate() {
            ordered.insert((part.0 != "[Content_Types].xml", index), part);
        }
        for (name, data) in ordered.values() {
            zip.start_file(name.as_str(), options)
                .map_err(|e| error(&e))?;
            zip.write_all(data).map_err(|e| error(&e))?;
        }
        Ok(zip.finish().map_err(|e| error(&e))?.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_reads_back_as_written() {
        let package = Package::from_parts([
            (DOCUMENT_PART.to_owned(), b"<w:document/>".to_vec()),
            ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
        ]);
        let bytes = package.write().unwrap();
        let read = Package::read(&bytes).unwrap();
        assert_eq!(read.part(DOCUMENT_PART), Some(&b"<w:document/>"[..]));
        // The content types come first in the file.
        assert_eq!(read.parts[0].0, "[Content_Types].xml");
    }

    #[test]
    fn what_is_not_a_word_document_says_so() {
        assert!(matches!(
            Package::read(b"not a zip"),
            Err(DocxError::NotAPackage(_))
        ));
        let other = Package::from_parts([("a.txt".to_owned(), b"x".to_vec())])
            .write()
            .unwrap();
        assert!(matches!(Package::read(&other), Err(DocxError::NoDocument)));
    }

    #[test]
    fn a_zip_bomb_is_refused() {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(DOCUMENT_PART, options).unwrap();
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..101 {
            zip.write_all(&zeros).unwrap();
        }
        let bytes = zip.finish().unwrap().into_inner();
        assert!(bytes.len() < 1024 * 1024, "{}", bytes.len());
        assert!(matches!(Package::read(&bytes), Err(DocxError::TooLarge)));
    }
}

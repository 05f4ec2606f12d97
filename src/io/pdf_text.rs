//! The text of a PDF (a returned letter saved as PDF), page by page, for
//! reading it by its headings. Best effort: a scanned letter has no text.

/// The largest PDF read (a letter is well under a megabyte).
const MAX_BYTES: usize = 30 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("it is not a PDF file")]
    NotAPdf,
    #[error("the PDF could not be read: {0}")]
    Unreadable(String),
    #[error("the PDF has no text to read (a scan or a picture of the letter?)")]
    NoText,
}

/// The PDF's text, its pages one after another.
pub fn pdf_text(bytes: &[u8]) -> Result<String, PdfError> {
    if !bytes.starts_with(b"%PDF") {
        return Err(PdfError::NotAPdf);
    }
    if bytes.len() > MAX_BYTES {
        return Err(PdfError::Unreadable("it is larger than 30 MB".to_owned()));
    }
    // The parser is third-party code reading a file anyone could have made:
    // a panic in it becomes an error for this file, not the app's end.
    let read = super::contain::contained(|| -> Result<String, PdfError> {
        let document =
            lopdf::Document::load_mem(bytes).map_err(|e| PdfError::Unreadable(e.to_string()))?;
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        document
            .extract_text(&pages)
            .map_err(|e| PdfError::Unreadable(e.to_string()))
    });
    let text = match read {
        Ok(result) => result?,
        Err(_) => return Err(PdfError::Unreadable("its contents are damaged".to_owned())),
    };
    if text.trim().is_empty() {
        return Err(PdfError::NoText);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_bytes_are_an_error_not_a_panic() {
        assert!(matches!(pdf_text(b"hello"), Err(PdfError::NotAPdf)));
        let mut noise = b"%PDF-1.7\n".to_vec();
        let mut state = 0x2545_F491_u32;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            noise.push(state as u8);
        }
        assert!(pdf_text(&noise).is_err());
    }
}

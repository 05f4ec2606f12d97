//! Text from the bytes of any CSV-like file (a spreadsheet saved as CSV, a
//! participant report): one decoder, so every importer reads the same
//! encodings the same way.

/// Why a file's bytes are not text to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextError {
    /// Nothing but blanks.
    Empty,
    /// NUL bytes or many control characters: a binary file.
    Binary,
}

/// Text from the file's bytes: by byte-order mark, else UTF-16 by its zero
/// bytes, else UTF-8, else Windows-1252 (what Excel on Windows writes).
pub fn decode(bytes: &[u8]) -> Result<String, TextError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(TextError::Empty);
    }
    let encoding = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, _)) => encoding,
        None => {
            let sample = &bytes[..bytes.len().min(4096)];
            let zeros_at = |parity| {
                sample
                    .iter()
                    .skip(parity)
                    .step_by(2)
                    .filter(|&&b| b == 0)
                    .count()
            };
            let half = sample.len() / 2;
            if half > 0 && zeros_at(1) * 3 > half * 2 && zeros_at(0) == 0 {
                encoding_rs::UTF_16LE
            } else if half > 0 && zeros_at(0) * 3 > half * 2 && zeros_at(1) == 0 {
                encoding_rs::UTF_16BE
            } else if std::str::from_utf8(bytes).is_ok() {
                encoding_rs::UTF_8
            } else {
                encoding_rs::WINDOWS_1252
            }
        }
    };
    let (text, _, _) = encoding.decode(bytes);
    let controls = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'))
        .count();
    if text.contains('\0') || controls * 20 > text.chars().count() {
        return Err(TextError::Binary);
    }
    // A byte-order mark kept by the decoder is not text.
    Ok(text.trim_start_matches('\u{feff}').to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_encoding_people_send() {
        let utf16le: Vec<u8> = "Name\tEmail\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(
            decode(&utf16le).unwrap(),
            "Name\tEmail\n",
            "UTF-16 without a mark"
        );
        assert_eq!(
            decode(b"\xef\xbb\xbfCaf\xc3\xa9").unwrap(),
            "Café",
            "UTF-8 with a mark"
        );
        assert_eq!(decode(b"Caf\xe9").unwrap(), "Café", "Windows-1252");
        assert_eq!(decode(b"  \n"), Err(TextError::Empty));
        assert_eq!(
            decode(b"PK\x03\x04\0\0\x14\0\x08\0ab\0\0"),
            Err(TextError::Binary)
        );
    }
}

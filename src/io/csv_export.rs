//! CSV files Excel opens cleanly: UTF-8 with a byte-order mark (so accents
//! survive), CRLF line ends, every text cell neutralised.

use std::io::Write;

use super::table::{Cell, Sheet};

/// Writes the sheet's header, rows and footer. `progress` is called after
/// each row and returns `false` to stop (the caller then discards the file).
pub fn write_csv(
    sheet: &Sheet,
    out: impl Write,
    mut progress: impl FnMut(usize) -> bool,
) -> std::io::Result<bool> {
    let mut out = std::io::BufWriter::new(out);
    out.write_all("\u{feff}".as_bytes())?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    let header: Vec<String> = sheet
        .columns
        .iter()
        .map(|c| Cell::text(c.header.clone()).to_csv())
        .collect();
    writer.write_record(&header)?;
    for (i, row) in sheet.rows.iter().chain(sheet.footer.iter()).enumerate() {
        writer.write_record(row.iter().map(Cell::to_csv))?;
        if !progress(i + 1) {
            return Ok(false);
        }
    }
    writer.flush()?;
    Ok(true)
}

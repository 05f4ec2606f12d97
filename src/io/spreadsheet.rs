//! Reading a table someone made in a spreadsheet: CSV (UTF-8, with or
//! without a byte-order mark, or Windows-1252 as Excel on Windows writes it;
//! commas, semicolons or tabs) or an Excel workbook's first sheet. Blank
//! rows are skipped, cells trimmed, and the header row found below any
//! title or merged group-header rows.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader as _};

use super::contain::contained;
use super::table::{clean_cell, restore_neutralized};

/// The largest table read: more than any district list or report, small
/// enough that no crafted file can fill the memory or keep the app busy.
pub const MAX_ROWS: usize = 100_000;
/// Columns in a row.
pub const MAX_COLUMNS: usize = 500;
/// Bytes in a file (a workbook's are compressed: its cells are counted too).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;
/// Bytes in one cell: far above any field's limit, so a long value is
/// refused by its field, naming its row and column.
pub const MAX_CELL_BYTES: usize = 1024 * 1024;

/// A row of cells, with its row number in the file as a person counts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawRow {
    pub number: usize,
    pub cells: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawTable {
    pub headers: Vec<String>,
    /// The row number of the header row.
    pub header_row: usize,
    pub rows: Vec<RawRow>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("Could not read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a spreadsheet this can read ({reason}). Use a .csv, .xlsx or .xls file.", path.display())]
    Unreadable { path: PathBuf, reason: String },
    #[error("{} could not be read as a CSV table: {reason}.", path.display())]
    NotCsv { path: PathBuf, reason: String },
    #[error("{} has no table: no row with at least two column headings.", path.display())]
    NoTable { path: PathBuf },
    #[error("{} is damaged: {reason}. Open it in Excel and save it again, or save it as CSV.", path.display())]
    Damaged { path: PathBuf, reason: String },
    #[error("{} is too large to be a table this reads: {reason}.", path.display())]
    TooLarge { path: PathBuf, reason: String },
}

/// Reads the table in the file at `path`, by its extension (a workbook's
/// first sheet).
pub fn read_table(
    path: &Path,
    known_headers: &dyn Fn(&str) -> bool,
) -> Result<RawTable, ReadError> {
    read_sheet(path, None, known_headers)
}

/// The names of a workbook's sheets, in order; a CSV file has none.
pub fn sheet_names(path: &Path) -> Result<Vec<String>, ReadError> {
    let extension = extension_of(path);
    if !matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods") {
        return Ok(Vec::new());
    }
    let read = || -> Result<Vec<String>, String> {
        let workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
        Ok(workbook.sheet_names())
    };
    contained(read)
        .and_then(|names| names)
        .map_err(|reason| ReadError::Unreadable {
            path: path.to_path_buf(),
            reason,
        })
}

fn extension_of(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// Reads the table on sheet `sheet` of a workbook (its first sheet when
/// `None`), or in a CSV file (which has one table, whatever the sheet).
pub fn read_sheet(
    path: &Path,
    sheet: Option<&str>,
    known_headers: &dyn Fn(&str) -> bool,
) -> Result<RawTable, ReadError> {
    let extension = extension_of(path);
    let meta = std::fs::metadata(path).map_err(|source| ReadError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // A pipe or a device could wait forever or never end.
    if !meta.is_file() {
        return Err(ReadError::Unreadable {
            path: path.to_path_buf(),
            reason: "it is not a file but a device, a pipe or a folder".to_owned(),
        });
    }
    let size = meta.len();
    if size > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge {
            path: path.to_path_buf(),
            reason: format!(
                "{} MB, at most {} MB",
                size / (1024 * 1024),
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        });
    }
    let rows = match extension.as_str() {
        "xlsx" | "xlsm" => xlsx_rows(path, sheet)?,
        "xls" | "ods" => workbook_rows(path, sheet)?,
        _ if sheet.is_some() => {
            return Err(ReadError::Unreadable {
                path: path.to_path_buf(),
                reason: "it is a text table, with no sheets to choose from".to_owned(),
            });
        }
        _ => {
            let bytes = read_at_most(path, MAX_FILE_BYTES).map_err(|source| ReadError::Io {
                path: path.to_path_buf(),
                source,
            })?;
            if bytes.starts_with(b"PK\x03\x04") {
                return Err(ReadError::NotCsv {
                    path: path.to_path_buf(),
                    reason: "it is an Excel workbook with another name: rename it to end in .xlsx"
                        .to_owned(),
                });
            }
            csv_rows(&bytes).map_err(|reason| ReadError::NotCsv {
                path: path.to_path_buf(),
                reason,
            })?
        }
    };
    into_table(rows, known_headers).ok_or_else(|| ReadError::NoTable {
        path: path.to_path_buf(),
    })
}

/// Rows of a CSV file's cells, numbered from 1.
pub fn csv_rows(bytes: &[u8]) -> Result<Vec<RawRow>, String> {
    let text = match super::text::decode(bytes) {
        Ok(text) => text,
        Err(super::text::TextError::Empty) => return Ok(Vec::new()),
        Err(super::text::TextError::Binary) => return Err("it is a binary file".to_owned()),
    };
    let text = text.as_str();
    let first_lines: String = text.lines().take(10).collect();
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_lines.matches(char::from(*d)).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    if let Some(long) = text.lines().map(str::len).max()
        && long > MAX_CELL_BYTES * 4
    {
        return Err(format!(
            "a line of {} kB, too long for a table",
            long / 1024
        ));
    }
    let mut rows = Vec::new();
    // Line numbers are counted from byte offsets: the reader's own count
    // does not follow CRLF files or blank lines as a person would.
    let mut counted_to = 0;
    let mut line = 1;
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        if rows.len() >= MAX_ROWS {
            return Err(format!("more than {MAX_ROWS} rows"));
        }
        if record.len() > MAX_COLUMNS {
            return Err(format!(
                "a row of {} columns, more than {MAX_COLUMNS}",
                record.len()
            ));
        }
        if record.iter().any(|c| c.len() > MAX_CELL_BYTES) {
            return Err(format!(
                "a cell of more than {} kB (row {})",
                MAX_CELL_BYTES / 1024,
                rows.len() + 1
            ));
        }
        let start = record
            .position()
            .map_or(counted_to, |p| p.byte() as usize)
            .min(text.len());
        // The reader may place a record at the line ends before it.
        let bytes = text.as_bytes();
        let start = start
            + bytes[start..]
                .iter()
                .take_while(|&&b| b == b'\r' || b == b'\n')
                .count();
        line += text.as_bytes()[counted_to.min(start)..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        let number = line;
        rows.push(RawRow {
            number,
            // The app's own CSV made formula-like text inert with an
            // apostrophe: it is taken off again.
            cells: record
                .iter()
                .map(|c| clean_cell(restore_neutralized(c.trim())))
                .collect(),
        });
    }
    Ok(rows)
}

/// Rows of an Excel workbook's first sheet, numbered as Excel numbers
/// them, read cell by cell: a sheet that claims a far corner (XFD1048576)
/// costs only the cells it has.
fn xlsx_rows(path: &Path, sheet: Option<&str>) -> Result<Vec<RawRow>, ReadError> {
    let damaged = |reason: String| ReadError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let too_large = |reason: String| ReadError::TooLarge {
        path: path.to_path_buf(),
        reason,
    };
    enum Stop {
        /// Not a workbook at all.
        Unreadable(String),
        Damaged(String),
        TooLarge(String),
    }
    let read = || -> Result<Vec<RawRow>, Stop> {
        let mut workbook: calamine::Xlsx<_> =
            calamine::open_workbook(path).map_err(|e: calamine::XlsxError| {
                // A zip file is a workbook, damaged; anything else is not one.
                let zip = std::fs::read(path).is_ok_and(|bytes| bytes.starts_with(b"PK\x03\x04"));
                if zip {
                    Stop::Damaged(e.to_string())
                } else {
                    Stop::Unreadable(e.to_string())
                }
            })?;
        let names = workbook.sheet_names();
        let first = match sheet {
            None => names
                .into_iter()
                .next()
                .ok_or_else(|| Stop::Damaged("it has no sheets".to_owned()))?,
            Some(wanted) => names
                .iter()
                .find(|name| name.eq_ignore_ascii_case(wanted))
                .cloned()
                .ok_or_else(|| Stop::Unreadable(no_such_sheet(wanted, &names)))?,
        };
        let mut cells = workbook
            .worksheet_cells_reader(&first)
            .map_err(|e| Stop::Damaged(e.to_string()))?;
        let mut rows: std::collections::BTreeMap<u32, Vec<String>> = Default::default();
        let mut count = 0usize;
        let mut first_column = u32::MAX;
        while let Some(cell) = cells
            .next_cell()
            .map_err(|e| Stop::Damaged(e.to_string()))?
        {
            let (row, column) = cell.get_position();
            let text = cell_text(&Data::from(cell.get_value().clone()));
            if text.is_empty() {
                continue;
            }
            count += 1;
            if row as usize >= MAX_ROWS * 10 || count > MAX_ROWS * MAX_COLUMNS / 10 {
                return Err(Stop::TooLarge(format!("more than {MAX_ROWS} rows")));
            }
            if column as usize >= MAX_COLUMNS {
                return Err(Stop::TooLarge(format!("more than {MAX_COLUMNS} columns")));
            }
            if text.len() > MAX_CELL_BYTES {
                return Err(Stop::TooLarge(format!(
                    "a cell of more than {} kB (row {})",
                    MAX_CELL_BYTES / 1024,
                    row + 1
                )));
            }
            first_column = first_column.min(column);
            let cells = rows.entry(row).or_default();
            if cells.len() <= column as usize {
                cells.resize(column as usize + 1, String::new());
            }
            cells[column as usize] = text;
        }
        if rows.len() > MAX_ROWS {
            return Err(Stop::TooLarge(format!("more than {MAX_ROWS} rows")));
        }
        // The table starts at the sheet's first used column, as Excel shows it.
        let skip = first_column.min(MAX_COLUMNS as u32) as usize;
        Ok(rows
            .into_iter()
            .map(|(row, mut cells)| {
                cells.drain(..skip.min(cells.len()));
                RawRow {
                    number: row as usize + 1,
                    cells,
                }
            })
            .collect())
    };
    match contained(read) {
        Ok(Ok(rows)) => Ok(rows),
        Ok(Err(Stop::Unreadable(reason))) => Err(ReadError::Unreadable {
            path: path.to_path_buf(),
            reason,
        }),
        Ok(Err(Stop::Damaged(reason))) => Err(damaged(reason)),
        Ok(Err(Stop::TooLarge(reason))) => Err(too_large(reason)),
        Err(panic) => Err(damaged(panic)),
    }
}

/// Rows of an older Excel (.xls) or OpenDocument workbook's first sheet,
/// numbered as the program numbers them.
fn workbook_rows(path: &Path, sheet: Option<&str>) -> Result<Vec<RawRow>, ReadError> {
    let unreadable = |reason: String| ReadError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let read = || -> Result<Vec<RawRow>, String> {
        let mut workbook = calamine::open_workbook_auto(path).map_err(|e| e.to_string())?;
        let range = match sheet {
            None => workbook
                .worksheet_range_at(0)
                .ok_or_else(|| "it has no sheets".to_owned())?
                .map_err(|e| e.to_string())?,
            Some(wanted) => {
                let names = workbook.sheet_names();
                let name = names
                    .iter()
                    .find(|name| name.eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| no_such_sheet(wanted, &names))?;
                workbook.worksheet_range(name).map_err(|e| e.to_string())?
            }
        };
        let (height, width) = range.get_size();
        if height > MAX_ROWS || width > MAX_COLUMNS {
            return Err(format!(
                "a sheet of {height} rows and {width} columns, more than a table this reads"
            ));
        }
        let first_row = range.start().map_or(0, |(row, _)| row as usize);
        Ok(range
            .rows()
            .enumerate()
            .map(|(i, cells)| RawRow {
                number: first_row + i + 1,
                cells: cells.iter().map(cell_text).collect(),
            })
            .collect())
    };
    contained(read).and_then(|rows| rows).map_err(unreadable)
}

/// "it has no sheet named “Letters” (its sheets: Sheet1, Sheet2)".
fn no_such_sheet(wanted: &str, names: &[String]) -> String {
    format!(
        "it has no sheet named “{wanted}” (its sheets: {})",
        names.join(", ")
    )
}

fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => clean_cell(s),
        Data::Int(n) => n.to_string(),
        // Whole numbers as integers: an NCES ID typed as 2100070 stays so.
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        // Excel counts days from December 30, 1899.
        Data::DateTime(dt) => chrono::NaiveDate::from_ymd_opt(1899, 12, 30)
            .and_then(|epoch| {
                epoch.checked_add_signed(chrono::Duration::days(dt.as_f64().floor() as i64))
            })
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e:?}"),
    }
}

/// Finds the header row and keeps the non-blank rows under it. The header
/// is the first row with a known heading among two or more filled cells;
/// failing that, the first row with two or more filled cells.
fn into_table(rows: Vec<RawRow>, known_headers: &dyn Fn(&str) -> bool) -> Option<RawTable> {
    let filled = |row: &RawRow| row.cells.iter().filter(|c| !c.is_empty()).count();
    let header_at = rows
        .iter()
        .position(|r| filled(r) >= 2 && r.cells.iter().any(|c| known_headers(c)))
        .or_else(|| rows.iter().position(|r| filled(r) >= 2))?;
    let header = &rows[header_at];
    let headers = header.cells.clone();
    let header_row = header.number;
    let width = headers.len();
    let rows = rows
        .into_iter()
        .skip(header_at + 1)
        .filter(|r| filled(r) > 0)
        .map(|mut r| {
            r.cells.resize(width.max(r.cells.len()), String::new());
            r
        })
        .collect();
    Some(RawTable {
        headers,
        header_row,
        rows,
    })
}

/// The file's bytes, never more than `limit` of them (a file may grow, or
/// say less than it holds).
pub fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(h: &str) -> bool {
        ["name", "kde number"].contains(&h.to_lowercase().as_str())
    }

    #[test]
    fn a_title_and_a_group_header_above_the_table_are_passed_over() {
        let text = "Districts to add,,\r\nDistrict info,,Contact\r\nName,KDE number,Email\r\n , , \r\nAllen County ,005, pat@allen.kyschools.us\r\n\r\nAdair County,001,\r\n";
        let table = into_table(csv_rows(text.as_bytes()).unwrap(), &known).unwrap();
        assert_eq!(table.headers, ["Name", "KDE number", "Email"]);
        assert_eq!(table.header_row, 3);
        let cells: Vec<_> = table
            .rows
            .iter()
            .map(|r| (r.number, r.cells[0].as_str()))
            .collect();
        assert_eq!(
            cells,
            [(5, "Allen County"), (7, "Adair County")],
            "blank rows skipped, numbers kept"
        );
        assert_eq!(table.rows[0].cells[2], "pat@allen.kyschools.us", "trimmed");
    }

    #[test]
    fn windows_1252_and_semicolons_are_read() {
        let bytes = b"Name;Notes\r\nBellevue Independent;Caf\xe9 meeting\r\n";
        let table = into_table(csv_rows(bytes).unwrap(), &known).unwrap();
        assert_eq!(
            table.rows[0].cells,
            ["Bellevue Independent", "Café meeting"]
        );
    }

    proptest::proptest! {
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..1024)) {
            if let Ok(rows) = csv_rows(&bytes) {
                let _ = into_table(rows, &known);
            }
        }
    }
}

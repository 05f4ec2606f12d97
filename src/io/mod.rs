//! Files that come in and go out: the bundled list of Kentucky's districts,
//! participant reports, spreadsheets in (CSV, XLSX) and out.

pub mod contain;
pub mod csv_export;
pub mod docx;
pub mod eml;
pub mod ics;
pub mod kept_file;
pub mod letter_document;
pub mod map_picture;
pub mod participant_report;
pub mod pdf_text;
pub mod save;
pub mod spreadsheet;
pub mod table;
pub mod text;
pub mod xlsx_export;

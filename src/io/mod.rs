//! Files that come in and go out: the bundled list of Kentucky's districts,
//! and (later) spreadsheets and participant reports.

pub mod kentucky_districts;
pub mod participant_report;

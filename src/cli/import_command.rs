//! `import`'s subcommands and the arguments every import of records takes.

use std::path::PathBuf;

use clap::Subcommand;

use super::{parse_mark, parse_year};
use crate::domain::SchoolYear;

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A returned Letter of Commitment (.docx, or a PDF saved from it): its
    /// fields fill the district's letter for the year, which becomes
    /// Received (Active once both parties signed), and the file is kept on
    /// it. Prints each field beside what the letter held.
    Letter {
        file: PathBuf,
        /// The district, when the file does not say (KDE number or name).
        #[arg(long, value_name = "KDE#")]
        district: Option<String>,
        /// The school year, when the file does not say.
        #[arg(long, value_parser = parse_year)]
        year: Option<SchoolYear>,
        /// Say what it found and would fill, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Do not keep the file on the letter.
        #[arg(long)]
        no_attach: bool,
        /// The day it came in, like 5/12/2027 (default: today, or the day
        /// KDE countersigned it if earlier).
        #[arg(long, value_name = "DATE")]
        received: Option<String>,
    },
    /// Districts and their people from a CSV or XLSX file (the app's own
    /// roster and contacts exports among them). Existing districts (same
    /// NCES ID, KDE number or name) are updated; a blank cell leaves what the
    /// roster has. Any row that cannot be imported, or that would rename a
    /// district found by its number, stops the import: nothing is written.
    Districts {
        file: PathBuf,
        /// Check the file and say what would happen, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// A blank cell empties its field (instead of leaving it).
        #[arg(long)]
        blanks_clear: bool,
        /// Accept rows that rename a district found by its KDE number or
        /// NCES ID.
        #[arg(long)]
        allow_renames: bool,
        /// Import the rows that can be, in one transaction, and list every
        /// refused row with its reason (without it: all or nothing).
        #[arg(long)]
        skip_invalid: bool,
    },
    /// A Zoom or Teams participant report for a convening. People matched by
    /// email (a contact's, or a district's domain) mark their district
    /// attended; the others are listed, not guessed.
    Attendance {
        /// The convening's number (shown in exports and the app).
        #[arg(long, value_name = "ID")]
        convening: i64,
        file: PathBuf,
        /// Say what would be recorded, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Record it even though the report's meeting was on another day
        /// than the convening.
        #[arg(long)]
        force: bool,
    },
    /// Letters of Commitment from a member list: one row per district and
    /// school year ("2023-24", "SY24"), the status or the dates that imply
    /// it, signatories, people, goals, big ideas and action areas (ticks, or
    /// one column listing them). Checked as the letter form checks them.
    Memberships {
        file: PathBuf,
        #[command(flatten)]
        options: RecordImportArgs,
        /// Import a row that breaks a letter's rule as far as it is valid
        /// (e.g. as Received, without signatures).
        #[arg(long)]
        as_far_as_valid: bool,
    },
    /// Attendance from a tracker grid: districts down, a column per
    /// convening headed by its date or name, a mark in each cell (X, ✓, P,
    /// A, E, Excused, blank…). Convenings not on the roster are made from
    /// the headings.
    AttendanceGrid {
        file: PathBuf,
        #[command(flatten)]
        options: RecordImportArgs,
        #[command(flatten)]
        marks: MarkArgs,
        /// Import a row with marks refused (a district not yet a member
        /// that day) without them.
        #[arg(long)]
        as_far_as_valid: bool,
    },
    /// Attendance from a list: one row per district per convening (date,
    /// convening, mark).
    AttendanceList {
        file: PathBuf,
        #[command(flatten)]
        options: RecordImportArgs,
        #[command(flatten)]
        marks: MarkArgs,
    },
    /// Travel Fund Grant applications from a ledger: district, destination,
    /// travel dates, amounts, status or the dates that imply it. A decided
    /// application of a district without an active letter is accepted with
    /// the reason "imported from the ledger".
    Grants {
        file: PathBuf,
        #[command(flatten)]
        options: RecordImportArgs,
    },
    /// A whole roster from the workbook `export everything` writes (into an
    /// empty roster, or to bring one up to date).
    Workbook {
        file: PathBuf,
        /// Say what would be imported, writing nothing.
        #[arg(long)]
        dry_run: bool,
        /// Import the rows that can be, and list every refused row.
        #[arg(long)]
        skip_invalid: bool,
    },
}

/// What every import of records takes.
#[derive(Debug, clap::Args)]
pub struct RecordImportArgs {
    /// The workbook's sheet to read (default: its first).
    #[arg(long, value_name = "NAME")]
    pub(super) sheet: Option<String>,
    /// The school year of dates written without one ("9/12", "Sep 12"),
    /// and of rows that do not say theirs, like 2024-2025.
    #[arg(long, value_parser = parse_year)]
    pub(super) year: Option<SchoolYear>,
    /// Check the file and say what would happen, writing nothing.
    #[arg(long)]
    pub(super) dry_run: bool,
    /// Import the rows that can be, in one transaction, and list every
    /// refused row with its reason (without it: all or nothing).
    #[arg(long)]
    pub(super) skip_invalid: bool,
}

/// What a tracker's marks mean, beyond the usual ones.
#[derive(Debug, clap::Args)]
pub struct MarkArgs {
    /// A mark and its meaning (attended, absent, excused or none), like
    /// `--mark ✓=attended --mark L=absent`; may be repeated.
    #[arg(long = "mark", value_name = "MARK=MEANING", value_parser = parse_mark)]
    pub(super) marks: Vec<(String, Option<crate::domain::AttendanceStatus>)>,
}

//! The command line: the same binary exports, imports and backs up without
//! opening a window. Each command prints what it did, or fails with a
//! one-line reason (and a non-zero exit status).

use std::path::PathBuf;

use anyhow::bail;
use clap::{Parser, Subcommand, ValueEnum};

use crate::domain::{ConveningId, SchoolYear};
use crate::export::Table;
use crate::import::ImportOptions;
use crate::store::Store;

mod documents;
mod drafts;
mod export;
mod import_command;
mod imports;
mod records;
mod settings;
mod undo;

use crate::import::records::RecordKind;
use export::export;
use imports::{Accept, import_attendance, import_districts};
use records::{Leniency, Reading, import_records, import_workbook, parse_mark};
use settings::{SettingChanges, settings};

pub use import_command::{ImportCommand, MarkArgs, RecordImportArgs};

/// The roster of the Kentucky Innovative Learning Network: districts and
/// their people, Letters of Commitment, convenings and Travel Fund Grants.
///
/// Without a command, opens the window.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    /// The database file to use (created if missing). Without it, roster.sqlite3
    /// in your data folder.
    #[arg(long, value_name = "PATH", global = true)]
    pub db: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Export a table to a CSV or XLSX file.
    Export {
        /// What to export.
        table: TableArg,
        /// The school year, like 2025-2026 (default: the current one).
        #[arg(long, value_parser = parse_year)]
        year: Option<SchoolYear>,
        /// The file format (default: from the output file's extension).
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        /// The file to write (for documents: the folder).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// For a calendar: only this convening, by its number or its date
        /// (2026-09-10).
        #[arg(long, value_name = "ID|DATE")]
        convening: Option<String>,
        /// For a map: what colours the districts (standing, attendance,
        /// grants or coop; default standing).
        #[arg(long, value_name = "COLOURING")]
        color: Option<String>,
        /// Say what would be written, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Write each district's Letter of Commitment for a school year as a
    /// Word document pre-filled from the roster (district, year,
    /// superintendent, points of contact, last year's goal), one file per
    /// district, named after it. Without --district: every district invited
    /// for that year.
    Letters {
        /// The school year, like 2027-2028.
        #[arg(long, value_parser = parse_year)]
        year: SchoolYear,
        /// The folder to write the letters into (made if missing).
        #[arg(short, long, value_name = "FOLDER")]
        output: PathBuf,
        /// A district by its KDE number or name; may be repeated.
        #[arg(long, value_name = "KDE#")]
        district: Vec<String>,
        /// A Word template of your own, with placeholders such as {district},
        /// {year}, {superintendent} (default: the app's letter).
        #[arg(long, value_name = "FILE.docx")]
        template: Option<PathBuf>,
        /// Make the letters and say where they would go, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// E-mail drafts from a template, one per district of a list, written
    /// as .eml files the mail program opens ready to send (marked unsent),
    /// and logged on each district. `--list` names the templates.
    Drafts {
        /// Name the templates, with their subjects.
        #[arg(long)]
        list: bool,
        /// The template, as `--list` names it (renewal-invitation, ...).
        #[arg(long, value_name = "NAME", required_unless_present = "list")]
        template: Option<String>,
        /// renewals, flagged, members, convening:ID or grant:ID.
        #[arg(long, value_name = "LIST", required_unless_present = "list")]
        to: Option<String>,
        /// The school year (default: the current one).
        #[arg(long, value_parser = parse_year)]
        year: Option<SchoolYear>,
        /// Also to this address (or person of the network, by name), on
        /// every draft; may be repeated. The people of the network marked
        /// "Cc on drafts" are copied too.
        #[arg(long, value_name = "EMAIL|NAME")]
        cc: Vec<String>,
        /// Do not copy the people of the network marked "Cc on drafts".
        #[arg(long)]
        no_default_cc: bool,
        /// The folder to write the drafts into (made if missing).
        #[arg(short, long, value_name = "FOLDER", required_unless_present = "list")]
        output: Option<PathBuf>,
        /// Say what would be written, writing and logging nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Show an e-mail template as the roster keeps it, with its
    /// placeholders; or reword it (--subject, --body-file) or give it back
    /// the app's own text (--reset), as the drafts dialog's "Keep this
    /// wording" does.
    EmailTemplate {
        /// The template, as `drafts --list` names it (renewal-invitation, ...).
        name: String,
        /// Its new subject (one line; placeholders such as {district}).
        #[arg(long, value_name = "TEXT")]
        subject: Option<String>,
        /// A text file holding its new text (UTF-8 or Windows' own).
        #[arg(long, value_name = "FILE")]
        body_file: Option<PathBuf>,
        /// Give it back the app's own subject and text.
        #[arg(long, conflicts_with_all = ["subject", "body_file"])]
        reset: bool,
        /// Check the new wording and say what would be kept, keeping nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Save the app's Letter of Commitment as a Word template to edit (its
    /// placeholders and fields as they are), for `letters --template`.
    LetterTemplate {
        /// The .docx file to write.
        #[arg(short, long, value_name = "FILE.docx")]
        output: PathBuf,
    },
    /// Keep a file (a signed letter, an application, receipts, a trip report)
    /// inside the roster, on a letter, a grant application or a district.
    #[command(group(clap::ArgGroup::new("record").required(true).args(["letter", "grant", "district"])))]
    Attach {
        file: PathBuf,
        /// The district (KDE number or name) whose letter it goes on; with --year.
        #[arg(long, value_name = "KDE#")]
        letter: Option<String>,
        /// The grant application's number (shown on its form).
        #[arg(long, value_name = "NUMBER")]
        grant: Option<i64>,
        /// The district (KDE number or name).
        #[arg(long, value_name = "KDE#")]
        district: Option<String>,
        /// The letter's school year (default: the current one).
        #[arg(long, value_parser = parse_year)]
        year: Option<SchoolYear>,
        /// Check everything and say where it would go, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import into the database.
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Copy the database to a file (SQLite's online backup).
    Backup {
        /// The backup file to write.
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Put a backup in place of the roster, after checking it whole. The
    /// current file is kept aside (roster.before-restore-….sqlite3).
    Restore {
        /// The backup file: one of backups/, or any copy made with backup.
        backup: PathBuf,
        /// Check the backup and say what it holds, changing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check the roster file with the app's own SQLite: integrity, links
    /// between records, schema version, and how many of each record. Exit
    /// status 0 only when all is well. Reads only.
    Check,
    /// List every setting with its meaning and default, or change some:
    /// the attendance rule, how participant reports are read, and how long
    /// an application may wait for a decision.
    Settings {
        #[command(flatten)]
        changes: SettingChanges,
        /// Say what would change, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// List the newest changes, each with the number `undo --change` takes.
    History {
        /// How many changes, newest first.
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Undo the last change, or (with --change) one change on its own when
    /// no later change touched the same records.
    Undo {
        /// The change's number, as `history` lists it.
        #[arg(long, value_name = "NUMBER")]
        change: Option<i64>,
        /// Say what would be undone, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Redo the last undo.
    Redo {
        /// Say what would be redone, writing nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Fill a new database with a realistic, made-up network to try the app
    /// on: the 171 real districts, memberships, convenings, attendance and
    /// grants over several school years.
    Demo {
        /// How many school years, ending with the current one.
        #[arg(long, default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..=30))]
        years: u32,
        /// Multiplies each district's people and grant applications (stress testing).
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=50))]
        scale: u32,
        /// The same seed makes the same roster.
        #[arg(long, default_value_t = 2025)]
        seed: u64,
    },
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum TableArg {
    Roster,
    Contacts,
    Memberships,
    Attendance,
    Convenings,
    Grants,
    /// Every change made during the school year, in words.
    History,
    /// Each active member with its three nearest peers (what they share,
    /// co-op, miles), for planning consultancies.
    Peers,
    /// The year report for leadership: one workbook (XLSX only).
    YearReport,
    /// The whole roster, every year, a sheet per table (XLSX only): what
    /// `import workbook` reads back.
    Everything,
    /// Every kept document, into a folder: one per district, and in it one
    /// per record.
    Documents,
    /// The year's convenings as a calendar file (.ics) that Outlook, Google
    /// and Apple calendars import; --convening for one of them.
    Calendar,
    /// The year's map of Kentucky's districts as a picture (.png or .svg),
    /// coloured by --color, with its legend.
    Map,
}

impl TableArg {
    fn table(self) -> Option<Table> {
        Some(match self {
            TableArg::Roster => Table::Roster,
            TableArg::Contacts => Table::Contacts,
            TableArg::Memberships => Table::Memberships,
            TableArg::Attendance => Table::Attendance,
            TableArg::Convenings => Table::Convenings,
            TableArg::Grants => Table::Grants,
            TableArg::History => Table::History,
            TableArg::Peers => Table::Peers,
            TableArg::YearReport
            | TableArg::Everything
            | TableArg::Documents
            | TableArg::Calendar
            | TableArg::Map => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    Csv,
    Xlsx,
}

fn parse_year(text: &str) -> Result<SchoolYear, String> {
    text.parse()
        .map_err(|e: crate::domain::school_year::ParseSchoolYearError| e.to_string())
}

/// Runs a command against the database at `db`; returns what to print.
/// Commands that only read (export, backup, check) never make a roster:
/// they need one at `db`, and work on a read-only file too.
pub fn run(command: Command, db: &std::path::Path) -> anyhow::Result<String> {
    match command {
        Command::Check => check(db),
        Command::Settings { changes, dry_run } => settings(db, &changes, dry_run),
        Command::History { limit } => undo::history(db, limit),
        Command::Undo { change, dry_run } => undo::undo(db, change, dry_run),
        Command::Redo { dry_run } => undo::redo(db, dry_run),
        Command::Restore { backup, dry_run } => restore(db, &backup, dry_run),
        Command::Import {
            what:
                ImportCommand::Districts {
                    file,
                    dry_run,
                    blanks_clear,
                    allow_renames,
                    skip_invalid,
                },
        } => {
            let options = ImportOptions { blanks_clear };
            let accept = Accept {
                renames: allow_renames,
                skipping_invalid: skip_invalid,
            };
            import_districts(db, &file, dry_run, options, accept)
        }
        Command::Import {
            what:
                ImportCommand::Attendance {
                    convening,
                    file,
                    dry_run,
                    force,
                },
        } => import_attendance(db, ConveningId(convening), &file, dry_run, force),
        Command::Import {
            what:
                ImportCommand::Memberships {
                    file,
                    options,
                    as_far_as_valid,
                },
        } => record_import(
            db,
            RecordKind::Memberships,
            &file,
            &options,
            &[],
            as_far_as_valid,
        ),
        Command::Import {
            what:
                ImportCommand::AttendanceGrid {
                    file,
                    options,
                    marks,
                    as_far_as_valid,
                },
        } => record_import(
            db,
            RecordKind::AttendanceGrid,
            &file,
            &options,
            &marks.marks,
            as_far_as_valid,
        ),
        Command::Import {
            what:
                ImportCommand::AttendanceList {
                    file,
                    options,
                    marks,
                },
        } => record_import(
            db,
            RecordKind::AttendanceList,
            &file,
            &options,
            &marks.marks,
            false,
        ),
        Command::Import {
            what: ImportCommand::Grants { file, options },
        } => record_import(db, RecordKind::Grants, &file, &options, &[], false),
        Command::Import {
            what:
                ImportCommand::Workbook {
                    file,
                    dry_run,
                    skip_invalid,
                },
        } => import_workbook(db, &file, dry_run, skip_invalid),
        Command::Export {
            table: TableArg::Calendar,
            year,
            output,
            convening,
            dry_run,
            ..
        } => export::calendar(
            db,
            year.unwrap_or_else(SchoolYear::current),
            convening.as_deref(),
            &output,
            dry_run,
        ),
        Command::Export {
            table: TableArg::Map,
            year,
            output,
            color,
            dry_run,
            format,
            convening,
        } => {
            if format.is_some() {
                anyhow::bail!("A map's kind is its name's: end it in .png or .svg (no --format).");
            }
            if convening.is_some() {
                anyhow::bail!("--convening is for a calendar; a map shows the whole year.");
            }
            export::map(
                db,
                year.unwrap_or_else(SchoolYear::current),
                color.as_deref(),
                &output,
                dry_run,
            )
        }
        Command::Export { color: Some(_), .. } => {
            anyhow::bail!("--color is for a map: export map --color coop -o map.png")
        }
        Command::Export {
            convening: Some(_), ..
        } => anyhow::bail!(
            "--convening is for a calendar: export calendar --convening ID -o FILE.ics"
        ),
        Command::Export {
            table,
            year,
            format,
            output,
            dry_run,
            ..
        } => export(
            db,
            table,
            year.unwrap_or_else(SchoolYear::current),
            format,
            &output,
            dry_run,
        ),
        Command::Letters {
            year,
            output,
            district,
            template,
            dry_run,
        } => documents::letters(db, year, &output, &district, template.as_deref(), dry_run),
        Command::LetterTemplate { output } => documents::save_template(&output),
        Command::EmailTemplate {
            name,
            subject,
            body_file,
            reset,
            dry_run,
        } => {
            let change = if reset {
                drafts::Reword::Reset
            } else if subject.is_some() || body_file.is_some() {
                drafts::Reword::To { subject, body_file }
            } else {
                drafts::Reword::Show
            };
            drafts::email_template(db, &name, change, dry_run)
        }
        Command::Drafts {
            list,
            template,
            to,
            year,
            cc,
            no_default_cc,
            output,
            dry_run,
        } => {
            if list {
                return drafts::list(db);
            }
            let (Some(template), Some(to), Some(output)) = (template, to, output) else {
                bail!("Say --template, --to and -o (or --list).");
            };
            drafts::drafts(
                db,
                &drafts::DraftsArgs {
                    template: &template,
                    to: &to,
                    year: year.unwrap_or_else(SchoolYear::current),
                    cc: &cc,
                    default_cc: !no_default_cc,
                    output: &output,
                    dry_run,
                },
            )
        }
        Command::Attach {
            file,
            letter,
            grant,
            district,
            year,
            dry_run,
        } => {
            let to = match (&letter, grant, &district) {
                (Some(letter), _, _) => {
                    documents::AttachTo::Letter(letter, year.unwrap_or_else(SchoolYear::current))
                }
                (None, Some(grant), _) => documents::AttachTo::Grant(grant),
                (None, None, Some(district)) => documents::AttachTo::District(district),
                (None, None, None) => {
                    bail!("Say where to keep it: --letter, --grant or --district.")
                }
            };
            documents::attach(db, &file, to, dry_run)
        }
        Command::Import {
            what:
                ImportCommand::Letter {
                    file,
                    district,
                    year,
                    dry_run,
                    no_attach,
                    received,
                },
        } => documents::import_letter(
            db,
            &file,
            documents::LetterArgs {
                district: district.as_deref(),
                year,
                received: received.as_deref(),
                dry_run,
                attach: !no_attach,
            },
        ),
        Command::Backup { output } => {
            Store::open_read_only(db)?.backup_to(&output)?;
            Ok(format!(
                "Backed up {} to {}",
                db.display(),
                output.display()
            ))
        }
        Command::Demo { years, scale, seed } => demo(db, years, scale, seed),
    }
}

fn record_import(
    db: &std::path::Path,
    kind: RecordKind,
    file: &std::path::Path,
    options: &RecordImportArgs,
    marks: &[(String, Option<crate::domain::AttendanceStatus>)],
    as_far_as_valid: bool,
) -> anyhow::Result<String> {
    import_records(
        db,
        kind,
        file,
        &Reading {
            sheet: options.sheet.as_deref(),
            year: options.year,
            marks,
        },
        options.dry_run,
        &Leniency {
            skip_invalid: options.skip_invalid,
            as_far_as_valid,
        },
    )
}

/// Fills an empty roster with a made-up network of `years` school years.
fn demo(db: &std::path::Path, years: u32, scale: u32, seed: u64) -> anyhow::Result<String> {
    let mut store = Store::open(db)?;
    let summary = crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            years,
            scale,
            seed,
            last: SchoolYear::current(),
        },
    )?;
    Ok(format!(
        "Made {} districts, {} contacts, {} letters, {} convenings and {} grant applications over {} in {}",
        summary.districts,
        summary.contacts,
        summary.memberships,
        summary.convenings,
        summary.grants,
        crate::domain::count(years as usize, "school year", "school years"),
        db.display()
    ))
}

fn restore(
    db: &std::path::Path,
    backup: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<String> {
    // A mistyped --db must not become a new roster; the user's own default
    // one may be restored before it exists (a new computer).
    if !db.exists() && crate::store::default_path().as_deref() != Some(db) {
        bail!(
            "There is no roster at {}: restore replaces a roster. Check the path; to start a \
             roster from this backup there, copy the backup to it.",
            db.display()
        );
    }
    let contents = crate::store::backups::inspect(backup)?;
    let holds = format!(
        "{} holds {} districts and {} memberships",
        backup.display(),
        contents.districts,
        contents.memberships
    );
    if dry_run {
        return Ok(format!("{holds}. Nothing was changed."));
    }
    let same = |a: &std::path::Path, b: &std::path::Path| {
        a.canonicalize()
            .ok()
            .is_some_and(|a| b.canonicalize().ok() == Some(a))
    };
    if same(db, backup) {
        bail!(
            "{} is the roster itself: choose a backup of it",
            backup.display()
        );
    }
    // The roster must not be open elsewhere (a damaged one may be replaced).
    if let Err(error @ crate::store::OpenError::Locked { .. }) = Store::open_read_only(db) {
        return Err(error.into());
    }
    let now = chrono::Local::now().naive_local();
    let aside = crate::store::backups::restore(db, backup, now)?;
    let kept = aside.map_or_else(String::new, |a| {
        format!(" The previous file is kept as {}.", a.display())
    });
    Ok(format!(
        "Restored {} from {} ({} districts, {} memberships).{kept}",
        db.display(),
        backup.display(),
        contents.districts,
        contents.memberships
    ))
}

fn check(db: &std::path::Path) -> anyhow::Result<String> {
    let report = crate::store::read_only::check(db)?;
    let mut lines = vec![format!("{}", db.display())];
    lines.push(format!(
        "schema version {} (this version of ILN Roster writes {})",
        report.schema_version,
        crate::store::SCHEMA_VERSION
    ));
    lines.push(format!("integrity: {}", report.integrity.join("; ")));
    lines.push(if report.broken_links.is_empty() {
        "links between records: ok".to_owned()
    } else {
        format!(
            "links between records: {} broken ({})",
            report.broken_links.len(),
            report.broken_links.join("; ")
        )
    });
    for (what, count) in &report.counts {
        lines.push(format!("{what}: {count}"));
    }
    if report.is_sound() {
        lines.push("All is well.".to_owned());
        Ok(lines.join("\n"))
    } else {
        bail!(
            "{} needs attention: {}",
            db.display(),
            lines[1..].join("; ")
        )
    }
}

/// Text from a file on one line of output: a line break or any other
/// control character in it is shown escaped, so a cell cannot pass for a
/// line of the command's own.
pub(super) fn in_one_line(text: &str) -> String {
    for_terminal(text, false)
}

/// `text` safe to print: control characters (an escape sequence, a bell)
/// are shown escaped; line breaks stay when `keep_line_breaks`.
pub fn for_terminal(text: &str, keep_line_breaks: bool) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() && !(keep_line_breaks && c == '\n') {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

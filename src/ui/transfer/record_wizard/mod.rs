//! The import wizard for everything beyond districts: a year's letters, an
//! attendance grid or list, a grant ledger, or the whole-roster workbook.
//! The same steps as the district import: choose the file (and its sheet),
//! say which column is which (and, for attendance, what each mark means),
//! review what every row would do, confirm. The review is the import itself
//! run and rolled back on the store's thread, so it always says what the
//! import will do; the import then writes it as one change.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{RichText, Ui};

use crate::import::records::{Col, RecordKind, SheetImport, SheetReport};
use crate::import::workbook::Workbook;
use crate::io::spreadsheet::RawTable;
use crate::ui::file_picker::FilePicker;
use crate::ui::style;
use crate::ui::widgets::confirm_modal;

mod meaning;
mod rows;

use meaning::{mapping_ui, marks_ui, new_convenings_ui, year_ui};
use rows::{counts_ui, rows_ui};

/// What the user says the file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportTarget {
    Districts,
    Records(RecordKind),
    /// The whole roster (`Export → Everything`).
    Workbook,
}

impl ImportTarget {
    pub const ALL: [Self; 6] = [
        Self::Districts,
        Self::Records(RecordKind::Memberships),
        Self::Records(RecordKind::AttendanceGrid),
        Self::Records(RecordKind::AttendanceList),
        Self::Records(RecordKind::Grants),
        Self::Workbook,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Districts => "Districts and contacts",
            Self::Records(kind) => kind.label(),
            Self::Workbook => "Whole roster (Everything workbook)",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Self::Districts => {
                "A row per district (and, optionally, a contact per row): the district list, a contacts export"
            }
            Self::Records(kind) => kind.describe(),
            Self::Workbook => {
                "The workbook Export → Everything writes: every table, every year. Into an empty roster it makes the same network"
            }
        }
    }
}

/// A file as the wizard read it.
pub enum Loaded {
    Table(RawTable),
    Workbook(Arc<Workbook>),
}

/// What the job that read the file brings back.
pub struct LoadedFile {
    pub path: PathBuf,
    /// The workbook's sheets (none for a CSV file).
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub content: Loaded,
}

/// What the wizard asks the app to run on the store's thread.
#[derive(Clone)]
pub enum RecordsWork {
    Sheet(SheetImport),
    Workbook(Arc<Workbook>),
}

impl RecordsWork {
    pub fn rows(&self) -> usize {
        match self {
            Self::Sheet(sheet) => sheet.table.rows.len(),
            Self::Workbook(book) => crate::import::workbook::row_count(book),
        }
    }
}

/// What the wizard asks of the app.
pub enum RecordsRequest {
    /// Read this file (this sheet of it) for `target`.
    Read {
        target: ImportTarget,
        path: PathBuf,
        sheet: Option<String>,
    },
    /// Run the import and roll it back: the review.
    Review(RecordsWork),
    /// Run it and keep it.
    Import(RecordsWork),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Show {
    All,
    Changes,
    Problems,
}

pub(super) struct Review {
    path: PathBuf,
    target: ImportTarget,
    sheets: Vec<String>,
    sheet: Option<String>,
    work: RecordsWork,
    /// The marks the file's attendance cells hold, for their meanings.
    marks: Vec<String>,
    /// The last review's (or import's) sheets, rows and what they do.
    reports: Vec<(String, SheetReport)>,
    /// The mapping or marks changed since: a new review is on its way.
    pending: bool,
    /// The titles being typed for the convenings the import makes.
    titles: BTreeMap<(NaiveDate, String), String>,
    show: Show,
    confirming: bool,
}

pub struct RecordWizard {
    picker: FilePicker,
    review: Option<Review>,
    note: Option<(String, bool)>,
}

impl Default for RecordWizard {
    fn default() -> Self {
        Self {
            picker: FilePicker::new(
                "Spreadsheet",
                &["csv", "xlsx", "xls", "ods", "txt"],
                "/path/to/spreadsheet.xlsx",
                "Read file",
            ),
            review: None,
            note: None,
        }
    }
}

/// Reads the file for `target` (on the job's thread).
pub fn load(target: ImportTarget, path: &Path, sheet: Option<&str>) -> Result<LoadedFile, String> {
    use crate::io::spreadsheet;
    let sheets = spreadsheet::sheet_names(path).map_err(|e| e.to_string())?;
    let content = match target {
        ImportTarget::Workbook => Loaded::Workbook(Arc::new(
            crate::import::workbook::read(path).map_err(|e| e.to_string())?,
        )),
        ImportTarget::Records(kind) => Loaded::Table(
            spreadsheet::read_sheet(path, sheet, &|h| {
                crate::import::records::is_known_heading(kind, h)
            })
            .map_err(|e| e.to_string())?,
        ),
        ImportTarget::Districts => Loaded::Table(
            spreadsheet::read_sheet(path, sheet, &crate::import::is_known_heading)
                .map_err(|e| e.to_string())?,
        ),
    };
    let sheet = sheet.map(str::to_owned).or_else(|| sheets.first().cloned());
    Ok(LoadedFile {
        path: path.to_path_buf(),
        sheets,
        sheet,
        content,
    })
}

impl RecordWizard {
    pub fn is_reviewing(&self) -> bool {
        self.review.is_some()
    }

    /// The file the app read; a review of it is then asked for.
    pub fn loaded(
        &mut self,
        target: ImportTarget,
        read: Result<LoadedFile, String>,
    ) -> Option<RecordsRequest> {
        let file = match read {
            Ok(file) => file,
            Err(message) => {
                self.note = Some((message, true));
                return None;
            }
        };
        let work = match (target, file.content) {
            (ImportTarget::Records(kind), Loaded::Table(table)) => {
                if table.rows.is_empty() {
                    self.note = Some((
                        format!(
                            "{} has headings but no rows to import.",
                            file.path.display()
                        ),
                        true,
                    ));
                    return None;
                }
                RecordsWork::Sheet(SheetImport::new(kind, table))
            }
            (_, Loaded::Workbook(book)) => RecordsWork::Workbook(book),
            (_, Loaded::Table(_)) => return None,
        };
        let marks = marks_in(&work);
        self.note = None;
        self.review = Some(Review {
            path: file.path,
            target,
            sheets: file.sheets,
            sheet: file.sheet,
            work: work.clone(),
            marks,
            reports: Vec::new(),
            pending: true,
            titles: BTreeMap::new(),
            show: Show::All,
            confirming: false,
        });
        Some(RecordsRequest::Review(work))
    }

    /// The review (a dry run) came back, or failed.
    pub fn reviewed(&mut self, result: Result<Vec<(String, SheetReport)>, String>) {
        let Some(review) = &mut self.review else {
            return;
        };
        review.pending = false;
        match result {
            Ok(reports) => review.reports = reports,
            Err(message) => {
                review.reports.clear();
                self.note = Some((message, true));
            }
        }
    }

    /// The import was written (or not); the review is read again, so that
    /// its rows now show as they stand (another sheet may be chosen next).
    pub fn finished(&mut self, result: Result<String, String>) -> Option<RecordsRequest> {
        match result {
            Ok(summary) => {
                self.note = Some((summary, false));
                let review = self.review.as_mut()?;
                if let RecordsWork::Sheet(sheet) = &mut review.work {
                    sheet.choices.clear();
                }
                review.pending = true;
                Some(RecordsRequest::Review(review.work.clone()))
            }
            Err(message) => {
                self.note = Some((message, true));
                None
            }
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, target: ImportTarget) -> Option<RecordsRequest> {
        let mut request = None;
        match &mut self.review {
            None => {
                ui.add_space(style::GAP);
                if let Some(path) = self.picker.ui(ui) {
                    request = Some(RecordsRequest::Read {
                        target,
                        path,
                        sheet: None,
                    });
                }
            }
            Some(review) => {
                let mut start_over = false;
                request = review_ui(ui, review, &mut start_over);
                if start_over {
                    self.review = None;
                    self.note = None;
                }
            }
        }
        if let Some((note, is_error)) = &self.note {
            ui.add_space(style::GAP);
            if *is_error {
                style::error_text(ui, note);
            } else {
                ui.label(RichText::new(format!("✔ {note}")).color(style::success_color(ui)));
            }
        }
        request
    }
}

/// Every distinct mark in the file's attendance cells, as written.
fn marks_in(work: &RecordsWork) -> Vec<String> {
    let RecordsWork::Sheet(sheet) = work else {
        return Vec::new();
    };
    let columns: Vec<usize> = match sheet.kind {
        RecordKind::AttendanceGrid => sheet
            .mapping
            .0
            .iter()
            .enumerate()
            .filter(|(_, f)| **f == Some(Col::ConveningColumn))
            .map(|(i, _)| i)
            .collect(),
        RecordKind::AttendanceList => sheet.mapping.column_of(Col::Status).into_iter().collect(),
        _ => return Vec::new(),
    };
    let mut seen = BTreeSet::new();
    let mut marks = Vec::new();
    for row in &sheet.table.rows {
        for column in &columns {
            let mark = row.cells.get(*column).map_or("", |c| c.trim());
            if seen.insert(mark.to_lowercase()) {
                marks.push(mark.to_owned());
            }
        }
    }
    marks
}

fn review_ui(ui: &mut Ui, review: &mut Review, start_over: &mut bool) -> Option<RecordsRequest> {
    let mut request = None;
    let mut changed = false;
    ui.horizontal(|ui| {
        let name = review.path.file_name().map_or_else(
            || review.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        ui.label(RichText::new(format!("📋 {name}")).strong());
        style::muted(ui, review.target.label());
        if review.sheets.len() > 1 && review.target != ImportTarget::Workbook {
            let mut chosen = review.sheet.clone();
            let label = ui.label("Sheet");
            egui::ComboBox::from_id_salt("import_sheet")
                .selected_text(chosen.clone().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for sheet in &review.sheets {
                        ui.selectable_value(&mut chosen, Some(sheet.clone()), sheet);
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("Import the workbook's sheets one after another");
            if chosen != review.sheet {
                request = Some(RecordsRequest::Read {
                    target: review.target,
                    path: review.path.clone(),
                    sheet: chosen,
                });
            }
        }
        if ui
            .button("Start over")
            .on_hover_text("Choose another file; nothing has been saved")
            .clicked()
        {
            *start_over = true;
        }
    });
    if request.is_some() {
        return request;
    }
    ui.add_space(style::GAP);
    if let RecordsWork::Sheet(sheet) = &mut review.work {
        changed |= mapping_ui(ui, sheet);
        if matches!(
            sheet.kind,
            RecordKind::Memberships
                | RecordKind::AttendanceGrid
                | RecordKind::AttendanceList
                | RecordKind::Grants
        ) {
            ui.add_space(style::GAP);
            changed |= year_ui(ui, sheet);
        }
        if !review.marks.is_empty() {
            ui.add_space(style::GAP);
            changed |= marks_ui(ui, sheet, &review.marks);
        }
        let made = review
            .reports
            .first()
            .map(|(_, r)| r.new_convenings.clone())
            .unwrap_or_default();
        if !made.is_empty() {
            ui.add_space(style::GAP);
            changed |= new_convenings_ui(ui, sheet, &made, &mut review.titles);
        }
        if let Some(problem) = sheet.mapping.problem(sheet.kind) {
            ui.add_space(style::GAP);
            style::error_text(ui, &problem);
            return None;
        }
    }
    if changed {
        review.marks = marks_in(&review.work);
        review.pending = true;
        return Some(RecordsRequest::Review(review.work.clone()));
    }
    ui.add_space(style::GAP);
    counts_ui(ui, review);
    ui.add_space(style::GAP / 2.0);
    rows_ui(ui, review);
    if review.confirming {
        let chosen: usize = review.reports.iter().map(|(_, r)| r.chosen()).sum();
        let text = format!(
            "Import {} into the roster? It is saved as one change (undo takes all of it back): \
             all of it, or (if anything fails) none of it.",
            style::count(chosen, "row", "rows")
        );
        match confirm_modal(ui.ctx(), "confirm_record_import", "Import", &text, "Import") {
            Some(true) => {
                review.confirming = false;
                request = Some(RecordsRequest::Import(review.work.clone()));
            }
            Some(false) => review.confirming = false,
            None => {}
        }
    }
    request
}

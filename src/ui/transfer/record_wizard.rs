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
use egui_extras::{Column, TableBuilder};

use crate::domain::validate::display_date;
use crate::domain::{AttendanceStatus, ConveningKind};
use crate::import::Choice;
use crate::import::records::{Col, RecordKind, RowResult, SheetImport, SheetReport};
use crate::import::workbook::Workbook;
use crate::io::spreadsheet::RawTable;
use crate::ui::file_picker::FilePicker;
use crate::ui::style;
use crate::ui::widgets::confirm_modal;
use strum::VariantArray as _;

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
enum Show {
    All,
    Changes,
    Problems,
}

struct Review {
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

/// The school year of dates written without one ("9/12"), and of rows
/// that do not say theirs; `true` when it changed.
fn year_ui(ui: &mut Ui, sheet: &mut SheetImport) -> bool {
    let before = sheet.year;
    ui.horizontal(|ui| {
        let label = ui.label("School year of the file");
        let now = crate::domain::SchoolYear::containing(crate::domain::today());
        egui::ComboBox::from_id_salt("import_year")
            .selected_text(
                sheet
                    .year
                    .map_or_else(|| "as its dates say".to_owned(), |y| y.to_string()),
            )
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut sheet.year, None, "as its dates say");
                let mut year = now.next();
                for _ in 0..15 {
                    ui.selectable_value(&mut sheet.year, Some(year), year.to_string());
                    year = year.previous();
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "For dates written without a year (“9/12”, “Sep 12”) and rows that do not say \
                 their school year: the year the file's title names",
            );
    });
    sheet.year != before
}

/// The convenings the import makes, each with its title and kind to
/// change; `true` when one changed.
fn new_convenings_ui(
    ui: &mut Ui,
    sheet: &mut SheetImport,
    made: &[crate::import::records::NewConvening],
    titles: &mut BTreeMap<(NaiveDate, String), String>,
) -> bool {
    let mut changed = false;
    ui.label(RichText::new("New convenings").strong())
        .on_hover_text(
            "Not on the roster yet: made from the file's headings. Give each its title and kind",
        );
    egui::Grid::new("new_convenings")
        .num_columns(4)
        .spacing([style::GAP, style::GAP / 2.0])
        .show(ui, |ui| {
            for convening in made {
                let key = (convening.held_on, convening.from_file.clone());
                let date = ui.label(display_date(convening.held_on));
                let typed = titles
                    .entry(key.clone())
                    .or_insert_with(|| convening.title.clone());
                let response = ui.add_sized(
                    [260.0, style::ROW_HEIGHT],
                    egui::TextEdit::singleline(typed).id_salt((
                        "new_convening_title",
                        key.0,
                        key.1.clone(),
                    )),
                );
                let response = response
                    .labelled_by(date.id)
                    .on_hover_text("Its title (Enter or leave the field to use it)");
                let mut kind = convening.kind;
                egui::ComboBox::from_id_salt(("new_convening_kind", key.0, key.1.clone()))
                    .width(200.0)
                    .selected_text(kind.label())
                    .show_ui(ui, |ui| {
                        for choice in ConveningKind::VARIANTS {
                            ui.selectable_value(&mut kind, *choice, choice.label());
                        }
                    })
                    .response
                    .labelled_by(date.id)
                    .on_hover_text("What kind of convening it was");
                if convening.unmarked > 0 {
                    ui.label(
                        RichText::new(format!(
                            "⚠ {} on the roster that day the file gives no mark: they count as absent",
                            style::count(convening.unmarked, "member", "members")
                        ))
                        .color(style::warning_color(ui)),
                    );
                } else {
                    ui.label("");
                }
                let title = typed.trim().to_owned();
                let done_typing = response.lost_focus() && !title.is_empty();
                if (done_typing && title != convening.title) || kind != convening.kind {
                    let title = if title.is_empty() {
                        convening.title.clone()
                    } else {
                        title
                    };
                    sheet.convening_names.insert(key, (title, kind));
                    changed = true;
                }
                ui.end_row();
            }
        });
    changed
}

const COLUMN_WIDTH: f32 = 150.0;

/// A choice per column of the file; `true` when one changed.
fn mapping_ui(ui: &mut Ui, sheet: &mut SheetImport) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Columns").strong());
    let fields = sheet.kind.fields();
    let step = COLUMN_WIDTH + ui.spacing().item_spacing.x;
    let per_line = ((ui.available_width() + ui.spacing().item_spacing.x) / step).floor();
    let per_line = (per_line as usize).max(1);
    let headers = sheet.table.headers.clone();
    for line in (0..headers.len()).collect::<Vec<_>>().chunks(per_line) {
        ui.horizontal(|ui| {
            for &column in line {
                let Some(slot) = sheet.mapping.0.get_mut(column) else {
                    continue;
                };
                let before = *slot;
                ui.vertical(|ui| {
                    ui.set_width(COLUMN_WIDTH);
                    let heading = &headers[column];
                    let shown = if heading.is_empty() {
                        format!("Column {}", column + 1)
                    } else {
                        heading.clone()
                    };
                    let label = ui.add(
                        egui::Label::new(RichText::new(&shown).color(style::muted_color(ui)))
                            .truncate(),
                    );
                    egui::ComboBox::from_id_salt(("record_column", column))
                        .width(COLUMN_WIDTH)
                        .truncate()
                        .selected_text(
                            slot.map_or_else(|| "— not imported —".to_owned(), Col::label),
                        )
                        .show_ui(ui, |ui| {
                            ui.selectable_value(slot, None, "— not imported —");
                            for field in &fields {
                                ui.selectable_value(slot, Some(*field), field.label());
                            }
                        })
                        .response
                        .labelled_by(label.id)
                        .on_hover_text(format!("What the file's “{shown}” column holds"));
                });
                changed |= *slot != before;
            }
        });
    }
    changed
}

/// How wide each mark and its meaning are.
const MARK_WIDTH: f32 = 210.0;

/// What each mark in the file means, changeable; `true` when one changed.
fn marks_ui(ui: &mut Ui, sheet: &mut SheetImport, marks: &[String]) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Marks").strong()).on_hover_text(
        "What each mark found in the file means; change any that your tracker uses otherwise",
    );
    let step = MARK_WIDTH + ui.spacing().item_spacing.x;
    let per_line = ((ui.available_width() + ui.spacing().item_spacing.x) / step).floor();
    let per_line = (per_line as usize).max(1);
    egui::Grid::new("import_marks")
        .num_columns(per_line * 2)
        .spacing([style::GAP, style::GAP / 2.0])
        .show(ui, |ui| {
            for line in marks.chunks(per_line) {
                for mark in line {
                    changed |= mark_ui(ui, sheet, mark);
                }
                ui.end_row();
            }
        });
    changed
}

/// One mark and its meaning; `true` when the meaning changed.
fn mark_ui(ui: &mut Ui, sheet: &mut SheetImport, mark: &str) -> bool {
    let meaning = sheet.marks.read(mark);
    let mut chosen: Option<Option<AttendanceStatus>> = meaning.clone().ok();
    let shown_mark = if mark.is_empty() {
        "(blank)".to_owned()
    } else {
        format!("“{}”", style::drawable(ui, mark))
    };
    {
        let label = ui.label(RichText::new(&shown_mark).strong());
        let text = match chosen {
            Some(Some(status)) => status.label().to_owned(),
            Some(None) => "no line".to_owned(),
            None => "⚠ unknown".to_owned(),
        };
        egui::ComboBox::from_id_salt(("mark", mark.to_lowercase()))
            .width(110.0)
            .selected_text(text)
            .show_ui(ui, |ui| {
                for status in [
                    AttendanceStatus::Attended,
                    AttendanceStatus::Absent,
                    AttendanceStatus::Excused,
                ] {
                    ui.selectable_value(&mut chosen, Some(Some(status)), status.label());
                }
                ui.selectable_value(&mut chosen, Some(None), "no line");
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(format!("What {shown_mark} means"));
    }
    match chosen {
        Some(new) if meaning.as_ref().ok() != Some(&new) => {
            sheet.marks.set(mark, new);
            true
        }
        _ => false,
    }
}

fn counts_ui(ui: &mut Ui, review: &mut Review) {
    let count = |result: RowResult| {
        review
            .reports
            .iter()
            .map(|(_, r)| r.count(result))
            .sum::<usize>()
    };
    let rows: usize = review.reports.iter().map(|(_, r)| r.rows.len()).sum();
    let changes = count(RowResult::New) + count(RowResult::Update);
    let problems = count(RowResult::Problem) + count(RowResult::Partly);
    let chosen: usize = review.reports.iter().map(|(_, r)| r.chosen()).sum();
    ui.horizontal(|ui| {
        ui.label("Show");
        for (show, text) in [
            (Show::All, format!("All {rows}")),
            (Show::Changes, format!("New or updated {changes}")),
            (Show::Problems, format!("⚠ Problems {problems}")),
        ] {
            ui.selectable_value(&mut review.show, show, text);
        }
        if review.pending {
            ui.spinner();
            style::muted(ui, "Reading every row…");
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let label = format!("Import {}…", style::count(chosen, "row", "rows"));
            if ui
                .add_enabled(chosen > 0 && !review.pending, egui::Button::new(label))
                .on_hover_text("Review the summary, then save every chosen row at once")
                .on_disabled_hover_text("Tick Import on at least one row that changes something")
                .clicked()
            {
                review.confirming = true;
            }
        });
    });
    if !review.pending && rows > 0 && changes == 0 && problems == 0 {
        ui.label(
            RichText::new("✔ Nothing to change: every row is on the roster as it is.")
                .color(style::success_color(ui)),
        );
    }
}

fn rows_ui(ui: &mut Ui, review: &mut Review) {
    let several = review.reports.len() > 1;
    let show = review.show;
    let visible: Vec<(usize, usize)> = review
        .reports
        .iter()
        .enumerate()
        .flat_map(|(s, (_, report))| {
            report.rows.iter().enumerate().filter_map(move |(r, row)| {
                let shown = match show {
                    Show::All => true,
                    Show::Changes => matches!(row.result, RowResult::New | RowResult::Update),
                    Show::Problems => matches!(row.result, RowResult::Problem | RowResult::Partly),
                };
                shown.then_some((s, r))
            })
        })
        .collect();
    if visible.is_empty() {
        style::muted(
            ui,
            if review.pending {
                "Reading the rows…"
            } else {
                "No rows of this kind."
            },
        );
        return;
    }
    let editable = matches!(review.work, RecordsWork::Sheet(_));
    let mut toggled: Option<(usize, usize, Choice)> = None;
    TableBuilder::new(ui)
        .id_salt("record_import_rows")
        .striped(true)
        .resizable(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(60.0))
        .column(Column::exact(if several { 150.0 } else { 60.0 }))
        .column(Column::exact(110.0))
        .column(Column::initial(260.0).at_least(120.0).clip(true))
        .column(Column::remainder().at_least(200.0).clip(true))
        .min_scrolled_height(200.0)
        .header(style::HEADER_HEIGHT, |mut header| {
            for title in ["Import", "Row", "Result", "Record", "What it does"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(style::ROW_HEIGHT, visible.len(), |mut table_row| {
                let (s, r) = visible[table_row.index()];
                let (sheet_name, report) = &review.reports[s];
                let row = &report.rows[r];
                table_row.col(|ui| {
                    let mut import = row.choice == Choice::Import && row.can_import();
                    let enabled = editable && row.can_import();
                    let response = ui
                        .add_enabled(enabled, egui::Checkbox::without_text(&mut import))
                        .on_hover_text(format!("Import row {}", row.number))
                        .on_disabled_hover_text(match row.result {
                            RowResult::Unchanged => "On the roster as it is",
                            RowResult::Problem => "Fix this row in the file to import it",
                            _ => "A whole roster is imported whole",
                        });
                    if response.changed() {
                        toggled = Some((s, r, if import { Choice::Import } else { Choice::Skip }));
                    }
                });
                table_row.col(|ui| {
                    if several {
                        ui.label(format!("{sheet_name} {}", row.number));
                    } else {
                        ui.label(row.number.to_string());
                    }
                });
                table_row.col(|ui| {
                    let color = match row.result {
                        RowResult::New => style::success_color(ui),
                        RowResult::Update | RowResult::Partly => style::warning_color(ui),
                        RowResult::Unchanged => style::muted_color(ui),
                        RowResult::Problem => style::error_color(ui),
                    };
                    style::badge(ui, row.result.label(), color);
                });
                table_row.col(|ui| {
                    let subject = style::drawable(ui, &row.subject);
                    ui.add(egui::Label::new(subject).truncate().selectable(false));
                });
                table_row.col(|ui| {
                    let details = style::drawable(ui, &row.details);
                    let text = if row.result == RowResult::Problem {
                        RichText::new(&details).color(style::error_color(ui))
                    } else {
                        RichText::new(&details)
                    };
                    ui.add(egui::Label::new(text).truncate().selectable(false))
                        .on_hover_text(details);
                });
            });
        });
    if let Some((s, r, choice)) = toggled {
        let number = {
            let row = &mut review.reports[s].1.rows[r];
            row.choice = choice;
            row.number
        };
        if let RecordsWork::Sheet(sheet) = &mut review.work {
            sheet.choices.insert(number, choice);
        }
    }
}

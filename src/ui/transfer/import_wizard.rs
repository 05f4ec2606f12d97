//! The district import wizard: choose a spreadsheet, say which column is
//! which, review what every row would do (choosing import or skip), then
//! confirm. Nothing is written before that, and then all of it at once.

use std::path::Path;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::Contact;
use crate::import::{self, Choice, Field, ImportOptions, Mapping, Outcome, PlannedRow};
use crate::io::spreadsheet::RawTable;
use crate::store::DistrictListItem;
use crate::ui::TransferRequest;
use crate::ui::file_picker::FilePicker;
use crate::ui::style;
use crate::ui::widgets::confirm_modal;

pub struct ImportWizard {
    picker: FilePicker,
    review: Option<Review>,
    /// Why the last file could not be read, or what the last import did.
    note: Option<(String, bool)>,
}

impl Default for ImportWizard {
    fn default() -> Self {
        Self {
            picker: FilePicker::new(
                "Spreadsheet",
                &["csv", "xlsx", "xls", "ods", "txt"],
                "/path/to/districts.xlsx",
                "Read file",
            ),
            review: None,
            note: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Show {
    All,
    Problems,
    New,
    Updates,
}

struct Review {
    file_name: String,
    table: RawTable,
    mapping: Mapping,
    options: ImportOptions,
    roster: Vec<DistrictListItem>,
    /// Every district's people, as the roster has them.
    contacts: Vec<Contact>,
    rows: Vec<PlannedRow>,
    /// Per row: what it would do, in words.
    details: Vec<String>,
    /// Per row: the district's name as the file has it.
    names: Vec<String>,
    show: Show,
    confirming: bool,
    /// Rows chosen that cannot be imported (kept from the confirm step).
    problem: Option<String>,
}

impl Review {
    fn new(
        path: &Path,
        table: RawTable,
        roster: Vec<DistrictListItem>,
        contacts: Vec<Contact>,
    ) -> Self {
        let mapping = Mapping::guess(&table.headers);
        let mut review = Self {
            file_name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into(),
            ),
            table,
            mapping,
            options: ImportOptions::default(),
            roster,
            contacts,
            rows: Vec::new(),
            details: Vec::new(),
            names: Vec::new(),
            show: Show::All,
            confirming: false,
            problem: None,
        };
        review.replan();
        review
    }

    /// Re-reads every row with the current mapping and options (after
    /// either changes).
    fn replan(&mut self) {
        self.rows = import::plan(
            &self.table,
            &self.mapping,
            &self.roster,
            &self.contacts,
            self.options,
        );
        self.details = self.rows.iter().map(|r| r.outcome.describe()).collect();
        let name_column = self.mapping.0.iter().position(|f| *f == Some(Field::Name));
        self.names = self
            .table
            .rows
            .iter()
            .map(|row| {
                name_column
                    .and_then(|i| row.cells.get(i))
                    .map_or_else(String::new, |name| name.trim().to_owned())
            })
            .collect();
    }

    fn counts(&self) -> (usize, usize, usize, usize) {
        let (mut new, mut updates, mut problems, mut chosen) = (0, 0, 0, 0);
        for row in &self.rows {
            match row.outcome {
                Outcome::New { .. } => new += 1,
                Outcome::Existing { .. } | Outcome::WithRow(_) => updates += 1,
                Outcome::Invalid(_) => problems += 1,
            }
            if row.choice == Choice::Import {
                chosen += 1;
            }
        }
        (new, updates, problems, chosen)
    }

    fn shown(&self, row: &PlannedRow) -> bool {
        match self.show {
            Show::All => true,
            Show::Problems => matches!(row.outcome, Outcome::Invalid(_)),
            Show::New => matches!(row.outcome, Outcome::New { .. }),
            Show::Updates => matches!(row.outcome, Outcome::Existing { .. }),
        }
    }
}

impl ImportWizard {
    /// The file the app read for it, or why it could not.
    pub fn loaded(
        &mut self,
        path: &Path,
        read: Result<RawTable, String>,
        roster: Vec<DistrictListItem>,
        contacts: Vec<Contact>,
    ) {
        match read {
            Ok(table) if table.rows.is_empty() => {
                self.note = Some((
                    format!("{} has headings but no rows to import.", path.display()),
                    true,
                ));
            }
            Ok(table) => {
                self.note = None;
                self.review = Some(Review::new(path, table, roster, contacts));
            }
            Err(message) => self.note = Some((message, true)),
        }
    }

    /// The import was written (or not): back to the start, saying so.
    pub fn finished(&mut self, result: Result<String, String>) {
        match result {
            Ok(summary) => {
                self.review = None;
                self.note = Some((summary, false));
            }
            Err(message) => self.note = Some((message, true)),
        }
    }

    /// Whether a file is being reviewed (the wizard then has the section).
    pub fn is_reviewing(&self) -> bool {
        self.review.is_some()
    }

    pub fn ui(&mut self, ui: &mut Ui) -> Option<TransferRequest> {
        let mut request = None;
        match &mut self.review {
            None => {
                ui.add_space(style::GAP);
                if let Some(path) = self.picker.ui(ui) {
                    request = Some(TransferRequest::Read(path));
                }
                self.note_ui(ui);
            }
            Some(review) => {
                style::subheading(ui, "Import districts and contacts");
                let mut start_over = false;
                request = review_ui(ui, review, &mut start_over);
                if start_over {
                    self.review = None;
                }
                self.note_ui(ui);
            }
        }
        request
    }

    fn note_ui(&self, ui: &mut Ui) {
        if let Some((note, is_error)) = &self.note {
            ui.add_space(style::GAP);
            if *is_error {
                style::error_text(ui, note);
            } else {
                ui.label(RichText::new(format!("✔ {note}")).color(style::success_color(ui)));
            }
        }
    }
}

fn review_ui(ui: &mut Ui, review: &mut Review, start_over: &mut bool) -> Option<TransferRequest> {
    let mut request = None;
    ui.horizontal(|ui| {
        ui.label(RichText::new(format!("📋 {}", review.file_name)).strong());
        style::muted(
            ui,
            format!(
                "{}, headings on row {}",
                style::count(review.table.rows.len(), "row", "rows"),
                review.table.header_row
            ),
        );
        if ui
            .button("Start over")
            .on_hover_text("Choose another file; nothing has been saved")
            .clicked()
        {
            *start_over = true;
        }
    });
    ui.add_space(style::GAP);
    let mut replan = mapping_ui(ui, review);
    replan |= ui
        .checkbox(&mut review.options.blanks_clear, "Blank cells clear fields")
        .on_hover_text("Off: a blank cell leaves what the roster has. On: it empties that field.")
        .changed();
    if replan {
        review.replan();
    }
    ui.add_space(style::GAP);
    if let Some(problem) = review.mapping.problem() {
        style::error_text(ui, &problem);
        return None;
    }

    let (new, updates, problems, chosen) = review.counts();
    ui.horizontal(|ui| {
        ui.label("Show");
        for (show, text) in [
            (Show::All, format!("All {}", review.rows.len())),
            (Show::New, format!("New {new}")),
            (Show::Updates, format!("On the roster {updates}")),
            (Show::Problems, format!("⚠ Problems {problems}")),
        ] {
            ui.selectable_value(&mut review.show, show, text);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let label = format!("Import {}…", style::count(chosen, "row", "rows"));
            if ui
                .add_enabled(chosen > 0, egui::Button::new(label))
                .on_hover_text("Review the summary, then save every chosen row at once")
                .on_disabled_hover_text("Tick Import on at least one row")
                .clicked()
            {
                review.confirming = true;
            }
        });
    });
    if let Some(problem) = &review.problem {
        style::error_text(ui, problem);
    }
    if problems == 0 && !review.rows.iter().any(|r| r.outcome.changes_anything()) {
        ui.label(
            RichText::new("✔ Nothing to change: every row is on the roster as it is.")
                .color(style::success_color(ui)),
        );
    }
    ui.add_space(style::GAP / 2.0);
    rows_table_ui(ui, review);

    if review.confirming {
        let adds = review
            .rows
            .iter()
            .filter(|r| r.choice == Choice::Import && matches!(r.outcome, Outcome::New { .. }))
            .count();
        let text = format!(
            "Add {} and update {} on the roster? This is saved as one step: all of it, \
             or (if anything fails) none of it.",
            style::count(adds, "new district", "new districts"),
            style::count(chosen - adds, "district", "districts"),
        );
        match confirm_modal(ui.ctx(), "confirm_import", "Import", &text, "Import") {
            Some(true) => {
                review.confirming = false;
                match import::actions(&review.rows) {
                    Ok(actions) => request = Some(TransferRequest::Commit(actions)),
                    Err(problems) => {
                        review.show = Show::Problems;
                        review.problem = Some(problems.join("; "));
                    }
                }
            }
            Some(false) => review.confirming = false,
            None => {}
        }
    }
    request
}

/// How wide each column's heading and choice are in the mapping.
const COLUMN_WIDTH: f32 = 150.0;

/// A combo box per column of the file; `true` when one changed.
fn mapping_ui(ui: &mut Ui, review: &mut Review) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Columns").strong());
    // Every column in view, on as many lines as the width needs.
    let step = COLUMN_WIDTH + ui.spacing().item_spacing.x;
    let per_line = ((ui.available_width() + ui.spacing().item_spacing.x) / step).floor();
    let per_line = (per_line as usize).max(1);
    let headers = &review.table.headers;
    for line in (0..headers.len()).collect::<Vec<_>>().chunks(per_line) {
        ui.horizontal(|ui| {
            for &column in line {
                let Some(slot) = review.mapping.0.get_mut(column) else {
                    continue;
                };
                changed |= column_choice_ui(ui, column, &headers[column], slot);
            }
        });
    }
    changed
}

/// One column's heading and what it holds; `true` when the choice changed.
fn column_choice_ui(ui: &mut Ui, column: usize, heading: &str, slot: &mut Option<Field>) -> bool {
    let before = *slot;
    ui.vertical(|ui| {
        ui.set_width(COLUMN_WIDTH);
        let shown = if heading.is_empty() {
            format!("Column {}", column + 1)
        } else {
            heading.to_owned()
        };
        let label = ui
            .add(egui::Label::new(RichText::new(&shown).color(style::muted_color(ui))).truncate());
        egui::ComboBox::from_id_salt(("import_column", column))
            .width(COLUMN_WIDTH)
            .truncate()
            .selected_text(slot.map_or("— not imported —", Field::label))
            .show_ui(ui, |ui| {
                ui.selectable_value(slot, None, "— not imported —");
                for field in Field::ALL {
                    ui.selectable_value(slot, Some(field), field.label());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(format!("What the file's “{shown}” column holds"));
    });
    *slot != before
}

fn rows_table_ui(ui: &mut Ui, review: &mut Review) {
    let visible: Vec<usize> = (0..review.rows.len())
        .filter(|&i| review.shown(&review.rows[i]))
        .collect();
    if visible.is_empty() {
        style::muted(ui, "No rows of this kind.");
        return;
    }
    TableBuilder::new(ui)
        .id_salt("import_rows")
        .striped(true)
        .resizable(false)
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(60.0))
        .column(Column::exact(60.0))
        .column(Column::exact(130.0))
        .column(Column::initial(220.0).at_least(120.0).clip(true))
        .column(Column::remainder().at_least(200.0).clip(true))
        .min_scrolled_height(200.0)
        .header(style::HEADER_HEIGHT, |mut header| {
            for title in ["Import", "Row", "Result", "District", "What it does"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(style::ROW_HEIGHT, visible.len(), |mut table_row| {
                let index = visible[table_row.index()];
                let details = &review.details[index];
                let names = &review.names;
                let row = &mut review.rows[index];
                table_row.col(|ui| {
                    let mut import = row.choice == Choice::Import;
                    let valid =
                        matches!(row.outcome, Outcome::New { .. } | Outcome::Existing { .. });
                    let why_not = match row.outcome {
                        Outcome::WithRow(first) => format!("Imported with row {first}"),
                        _ => "Fix this row in the file to import it".to_owned(),
                    };
                    let response = ui
                        .add_enabled(valid, egui::Checkbox::without_text(&mut import))
                        .on_hover_text(format!("Import row {}", row.number))
                        .on_disabled_hover_text(why_not);
                    if response.changed() {
                        row.choice = if import { Choice::Import } else { Choice::Skip };
                    }
                });
                table_row.col(|ui| {
                    ui.label(row.number.to_string());
                });
                table_row.col(|ui| {
                    let (text, color) = match &row.outcome {
                        Outcome::New { .. } => ("New", style::success_color(ui)),
                        Outcome::Existing {
                            caution: Some(_), ..
                        } => ("⚠ Check", style::warning_color(ui)),
                        outcome @ Outcome::Existing { .. } if outcome.changes_anything() => {
                            ("Update", style::warning_color(ui))
                        }
                        Outcome::Existing { .. } => ("Unchanged", style::muted_color(ui)),
                        Outcome::WithRow(_) => ("With a row", style::muted_color(ui)),
                        Outcome::Invalid(_) => ("⚠ Problem", style::error_color(ui)),
                    };
                    style::badge(ui, text, color);
                });
                table_row.col(|ui| {
                    let name = match &row.outcome {
                        Outcome::New { fields, .. } => fields.name.as_str(),
                        Outcome::Existing { name, .. } => name.as_str(),
                        Outcome::WithRow(_) | Outcome::Invalid(_) => names[index].as_str(),
                    };
                    ui.add(egui::Label::new(name).truncate().selectable(false));
                });
                table_row.col(|ui| {
                    let text = match &row.outcome {
                        Outcome::Invalid(_) => RichText::new(details).color(style::error_color(ui)),
                        _ => RichText::new(details),
                    };
                    ui.add(egui::Label::new(text).truncate().selectable(false))
                        .on_hover_text(details);
                });
            });
        });
}

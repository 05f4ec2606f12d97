//! The review's counts, its Import button, and its rows, each with a tick.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::{RecordsWork, Review, Show};
use crate::import::Choice;
use crate::import::records::RowResult;
use crate::ui::style;

pub(super) fn counts_ui(ui: &mut Ui, review: &mut Review) {
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

pub(super) fn rows_ui(ui: &mut Ui, review: &mut Review) {
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

//! What the file's columns, marks and headings mean: each column's field,
//! the file's school year, each mark's meaning, and the convenings the
//! import makes.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use egui::{RichText, Ui};
use strum::VariantArray as _;

use crate::domain::validate::display_date;
use crate::domain::{AttendanceStatus, ConveningKind};
use crate::import::records::{Col, SheetImport};
use crate::ui::style;

/// The school year of dates written without one ("9/12"), and of rows
/// that do not say theirs; `true` when it changed.
pub(super) fn year_ui(ui: &mut Ui, sheet: &mut SheetImport) -> bool {
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
pub(super) fn new_convenings_ui(
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
pub(super) fn mapping_ui(ui: &mut Ui, sheet: &mut SheetImport) -> bool {
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
pub(super) fn marks_ui(ui: &mut Ui, sheet: &mut SheetImport, marks: &[String]) -> bool {
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

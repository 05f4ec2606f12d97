//! The year's attendance grid: districts down, convenings across, a rate
//! per district, and those under the threshold flagged.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use strum::VariantArray as _;

use super::sheet::status_color;
use crate::domain::convening::attendance_rate;
use crate::domain::validate::display_date;
use crate::domain::{
    AttendanceRules, AttendanceStatus, Convening, ConveningId, DistrictId, ExcusedPolicy, Rate,
};
use crate::store::{AttendanceGrid, recorded_cells};
use crate::ui::style;
use crate::ui::widgets::{SortOrder, sort_header, still_editing};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum GridColumn {
    District,
    Rate,
}

/// The grid with its rates worked out once per load or settings change.
pub struct GridView {
    grid: AttendanceGrid,
    rates: Vec<Rate>,
    order: Vec<usize>,
    /// The rules as shown (while the threshold is dragged, ahead of
    /// `stored`).
    rules: AttendanceRules,
    stored: AttendanceRules,
    pub sort: SortOrder<GridColumn>,
}

/// A click on a cell: open that sheet at that district.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CellClick {
    pub convening: ConveningId,
    pub district: DistrictId,
}

impl GridView {
    pub fn new(grid: AttendanceGrid, rules: AttendanceRules, sort: SortOrder<GridColumn>) -> Self {
        let mut view = Self {
            grid,
            rates: Vec::new(),
            order: Vec::new(),
            rules,
            stored: rules,
            sort,
        };
        view.recompute();
        view
    }

    fn recompute(&mut self) {
        let grid = &self.grid;
        self.rates = grid
            .rows
            .iter()
            .map(|row| attendance_rate(row.span, recorded_cells(grid, row), self.rules))
            .collect();
        self.resort();
    }

    fn resort(&mut self) {
        let (rows, rates, sort) = (&self.grid.rows, &self.rates, self.sort);
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by(|&a, &b| {
            let by = match sort.column {
                GridColumn::District => std::cmp::Ordering::Equal,
                // No rate yet sorts after every rate.
                GridColumn::Rate => crate::ui::widgets::blanks_last(
                    rates[a].percent().map(|p| (p * 100.0) as i64),
                    rates[b].percent().map(|p| (p * 100.0) as i64),
                ),
            };
            sort.apply(by.then_with(|| {
                rows[a]
                    .district_name
                    .to_lowercase()
                    .cmp(&rows[b].district_name.to_lowercase())
            }))
        });
        self.order = order;
    }

    /// The districts in the order shown.
    pub fn district_order(&self) -> Vec<DistrictId> {
        self.order
            .iter()
            .map(|&i| self.grid.rows[i].district_id)
            .collect()
    }

    /// District names from the top, with their rate labels (for tests).
    pub fn rows(&self) -> Vec<(String, String)> {
        self.order
            .iter()
            .map(|&i| {
                (
                    self.grid.rows[i].district_name.clone(),
                    self.rates[i].label(),
                )
            })
            .collect()
    }

    /// Draws the settings bar and the grid. Returns changed rules (to be
    /// saved) and a clicked cell.
    pub fn ui(&mut self, ui: &mut Ui) -> (Option<AttendanceRules>, Option<CellClick>) {
        let changed = self.settings_ui(ui);
        legend_ui(ui, self.rules);
        ui.add_space(style::GAP);
        if self.grid.rows.is_empty() || self.grid.convenings.is_empty() {
            let text = if self.grid.convenings.is_empty() {
                "No convenings this year yet. Add one in the list."
            } else {
                "No member districts this year yet: a district appears once its letter is received."
            };
            style::empty_state(ui, "📅", "Nothing to show yet", text, |_| {});
            return (changed, None);
        }
        (changed, self.table_ui(ui))
    }

    /// The rules to save, once an edit of them is finished.
    fn settings_ui(&mut self, ui: &mut Ui) -> Option<AttendanceRules> {
        let before = self.rules;
        let mut editing = false;
        ui.horizontal_wrapped(|ui| {
            let flagged = self.rates.iter().filter(|r| r.is_under(self.rules)).count();
            let color = if flagged > 0 {
                style::warning_color(ui)
            } else {
                style::muted_color(ui)
            };
            ui.label(
                RichText::new(format!(
                    "⚠ {flagged} under {}%",
                    self.rules.threshold_percent
                ))
                .color(color),
            );
            ui.separator();
            let label = ui.label("Flag under");
            let threshold = ui
                .add(
                    egui::DragValue::new(&mut self.rules.threshold_percent)
                        .range(0..=100)
                        .suffix(" %"),
                )
                .labelled_by(label.id)
                .on_hover_text(
                    "Districts attending less than this share of convenings are flagged",
                );
            let label = ui.label("after");
            let after = ui
                .add(
                    egui::DragValue::new(&mut self.rules.min_convenings)
                        .range(0..=50)
                        .suffix(" convenings"),
                )
                .labelled_by(label.id)
                .on_hover_text(
                    "No district is flagged before this many convenings have counted for it",
                );
            editing = still_editing(&threshold) || still_editing(&after);
            ui.separator();
            egui::ComboBox::from_id_salt("excused_policy")
                .width(260.0)
                .selected_text(self.rules.excused.label())
                .show_ui(ui, |ui| {
                    for policy in ExcusedPolicy::VARIANTS.iter().copied() {
                        ui.selectable_value(&mut self.rules.excused, policy, policy.label());
                    }
                })
                .response
                .on_hover_text("How an excused absence counts in the rate");
        });
        if self.rules != before {
            self.recompute();
        }
        (self.rules != self.stored && !editing).then_some(self.rules)
    }

    fn table_ui(&mut self, ui: &mut Ui) -> Option<CellClick> {
        const CELL: f32 = 44.0;
        let mut clicked = None;
        let mut sort = self.sort;
        egui::ScrollArea::horizontal()
            .id_salt("attendance_grid_scroll")
            .show(ui, |ui| {
                let mut table = TableBuilder::new(ui)
                    .id_salt("attendance_grid")
                    .striped(true)
                    .cell_layout(egui::Layout::centered_and_justified(
                        egui::Direction::LeftToRight,
                    ))
                    .auto_shrink([true, false])
                    .column(Column::exact(190.0).clip(true))
                    .column(Column::exact(70.0));
                for _ in &self.grid.convenings {
                    table = table.column(Column::exact(CELL));
                }
                table
                    .header(style::HEADER_HEIGHT + 14.0, |mut header| {
                        header.col(|ui| {
                            sort_header(ui, "District", GridColumn::District, &mut sort);
                        });
                        header.col(|ui| {
                            sort_header(ui, "Rate", GridColumn::Rate, &mut sort);
                        });
                        for (convening, recorded) in
                            self.grid.convenings.iter().zip(&self.grid.recorded)
                        {
                            header.col(|ui| convening_heading_ui(ui, convening, *recorded));
                        }
                    })
                    .body(|body| {
                        body.rows(style::ROW_HEIGHT, self.order.len(), |mut row| {
                            let index = self.order[row.index()];
                            let line = &self.grid.rows[index];
                            let rate = self.rates[index];
                            row.col(|ui| {
                                ui.with_layout(
                                    egui::Layout::left_to_right(egui::Align::Center),
                                    |ui| {
                                        ui.add(
                                            egui::Label::new(&line.district_name)
                                                .selectable(false)
                                                .truncate(),
                                        );
                                    },
                                );
                            });
                            row.col(|ui| rate_ui(ui, rate, self.rules));
                            for (c, convening) in self.grid.convenings.iter().enumerate() {
                                row.col(|ui| {
                                    let member = line.counts_on(convening.fields.held_on);
                                    let (text, tip) =
                                        cell_text(ui, line.cells[c], member, self.grid.recorded[c]);
                                    let response = ui
                                        .add(egui::Button::new(text).frame(false).min_size(
                                            egui::vec2(CELL - 6.0, style::ROW_HEIGHT - 4.0),
                                        ))
                                        .on_hover_text(format!(
                                            "{} · {}\n{tip}\nClick to open the sheet",
                                            line.district_name, convening.fields.title
                                        ));
                                    if response.clicked() {
                                        clicked = Some(CellClick {
                                            convening: convening.id,
                                            district: line.district_id,
                                        });
                                    }
                                });
                            }
                        });
                    });
            });
        if sort != self.sort {
            self.sort = sort;
            self.resort();
        }
        clicked
    }
}

/// A convening's column heading: its date, weak until it is recorded.
fn convening_heading_ui(ui: &mut Ui, convening: &Convening, recorded: bool) {
    let date = convening.fields.held_on.format("%-m/%-d").to_string();
    let (text, note) = if recorded {
        (RichText::new(date).strong(), "")
    } else {
        (
            RichText::new(date).weak(),
            "\nNot recorded yet: does not count",
        )
    };
    ui.label(text).on_hover_text(format!(
        "{}\n{}{note}",
        convening.fields.title,
        display_date(convening.fields.held_on)
    ));
}

/// A district's rate, flagged when under the rules' threshold.
fn rate_ui(ui: &mut Ui, rate: Rate, rules: AttendanceRules) {
    let text = if rate.is_under(rules) {
        RichText::new(format!("⚠ {}", rate.label())).color(style::warning_color(ui))
    } else {
        RichText::new(rate.label())
    };
    ui.label(text).on_hover_text(format!(
        "{} of {} convenings counted while a member",
        rate.attended, rate.counted
    ));
}

/// What a cell shows and says: the district's status that day, whether it
/// was a member then, and whether the convening is recorded.
fn cell_text(
    ui: &Ui,
    status: Option<AttendanceStatus>,
    member: bool,
    recorded: bool,
) -> (RichText, String) {
    match (status, member, recorded) {
        (Some(status), false, _) => (
            RichText::new(format!("({})", status.symbol())).weak(),
            format!(
                "{}, but not a member on this date: kept, not counted",
                status.label()
            ),
        ),
        (Some(status), true, _) => (
            RichText::new(status.symbol()).color(status_color(ui, status)),
            status.label().to_owned(),
        ),
        (None, true, true) => (
            RichText::new(NO_LINE).color(status_color(ui, AttendanceStatus::Absent)),
            "No line on the sheet: counts as absent".to_owned(),
        ),
        (None, true, false) => (RichText::new(""), "Not recorded yet".to_owned()),
        (None, false, _) => (RichText::new(""), "Not a member on this date".to_owned()),
    }
}

/// What a recorded convening shows for a member with no line on its sheet.
const NO_LINE: &str = "○";

/// What each mark in the grid means, and the rule that flags a district.
fn legend_ui(ui: &mut Ui, rules: AttendanceRules) {
    ui.horizontal_wrapped(|ui| {
        style::muted(ui, "Legend:");
        for status in AttendanceStatus::VARIANTS.iter().copied() {
            ui.label(RichText::new(status.symbol()).color(status_color(ui, status)));
            style::muted(ui, status.label());
        }
        ui.label(RichText::new(NO_LINE).color(status_color(ui, AttendanceStatus::Absent)));
        style::muted(ui, "No line: counts as absent");
        ui.label(RichText::new("(✔)").weak());
        style::muted(ui, "Not a member that day: not counted");
        ui.label(RichText::new("9/12").weak());
        style::muted(ui, "Not recorded yet");
        ui.separator();
        style::muted(ui, format!("⚠ {}", rules.describe()));
    });
}

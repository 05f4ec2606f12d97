//! The year's applications, with a totals row under them.

use crate::ui::table_rows::{SortColumn, TableRows};
use std::cmp::Ordering;

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::{GrantId, GrantStatus, Money};
use crate::store::GrantRow;
use crate::ui::style;
use crate::ui::widgets::{blanks_last, sort_header};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum GrantColumn {
    District,
    Destination,
    Dates,
    Travelers,
    Requested,
    Awarded,
    Status,
}

impl GrantColumn {
    pub const ALL: [Self; 7] = [
        Self::District,
        Self::Destination,
        Self::Dates,
        Self::Travelers,
        Self::Requested,
        Self::Awarded,
        Self::Status,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::District => "District",
            Self::Destination => "Destination",
            Self::Dates => "Travel",
            Self::Travelers => "Travelers",
            Self::Requested => "Requested",
            Self::Awarded => "Awarded",
            Self::Status => "Status",
        }
    }

    fn width(self) -> Column {
        match self {
            // Sized so that every column shows beside an open form on a
            // 1280-wide laptop; the destination gives way first.
            Self::District => Column::initial(160.0).at_least(90.0).clip(true),
            Self::Destination => Column::remainder()
                .at_least(80.0)
                .resizable(false)
                .clip(true),
            Self::Dates => Column::initial(96.0).at_least(80.0),
            Self::Travelers => Column::initial(66.0).at_least(50.0),
            Self::Requested | Self::Awarded => Column::initial(84.0).at_least(76.0),
            Self::Status => Column::initial(124.0).at_least(100.0).clip(true),
        }
    }
}

impl SortColumn<GrantRow> for GrantColumn {
    fn compare(self, a: &GrantRow, b: &GrantRow) -> Ordering {
        let (x, y) = (&a.grant.fields, &b.grant.fields);
        let by = match self {
            Self::District => a
                .district_name
                .to_lowercase()
                .cmp(&b.district_name.to_lowercase()),
            Self::Destination => x
                .destination
                .to_lowercase()
                .cmp(&y.destination.to_lowercase()),
            Self::Dates => Ordering::Equal,
            Self::Travelers => x.travelers.cmp(&y.travelers),
            Self::Requested => x.requested.cmp(&y.requested),
            Self::Awarded => blanks_last(x.awarded, y.awarded),
            Self::Status => a.grant.status.cmp(&b.grant.status),
        };
        by.then(x.travel_start.cmp(&y.travel_start))
            .then(a.grant.id.cmp(&b.grant.id))
    }
}

/// Why a row is marked, beside its status.
pub struct RowFlags {
    pub attention: Option<&'static str>,
    pub terminated: bool,
}

pub fn grants_table_ui(
    ui: &mut Ui,
    table: &mut TableRows<GrantRow, GrantColumn>,
    flags: &[RowFlags],
    selected: Option<GrantId>,
) -> Option<GrantId> {
    let (rows, view, sort) = table.parts();
    let mut clicked = None;
    let mut table = TableBuilder::new(ui)
        .id_salt("grants_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false]);
    for column in GrantColumn::ALL {
        table = table.column(column.width());
    }
    let requested: Money = view.iter().map(|&i| rows[i].grant.fields.requested).sum();
    let awarded: Money = view
        .iter()
        .filter(|&&i| rows[i].grant.status.commits_funds())
        .filter_map(|&i| rows[i].grant.fields.awarded)
        .sum();
    table
        .header(style::HEADER_HEIGHT, |mut header| {
            for column in GrantColumn::ALL {
                header.col(|ui| {
                    sort_header(ui, column.label(), column, sort);
                });
            }
        })
        .body(|body| {
            // One more row than shown: the totals.
            body.rows(style::ROW_HEIGHT, view.len() + 1, |mut row| {
                let index = row.index();
                if index == view.len() {
                    row.col(|ui| {
                        ui.label(RichText::new(format!("Totals ({})", view.len())).strong())
                            .on_hover_text(format!(
                                "{} shown",
                                style::count(view.len(), "application", "applications")
                            ));
                    });
                    for _ in 0..3 {
                        row.col(|_| {});
                    }
                    for amount in [requested, awarded] {
                        row.col(|ui| {
                            style::number_ui(ui, RichText::new(amount.to_string()).strong());
                        });
                    }
                    row.col(|_| {});
                    return;
                }
                let item = &rows[view[index]];
                let fields = &item.grant.fields;
                let status = item.grant.status;
                row.set_selected(selected == Some(item.grant.id));
                let dates = travel_dates(fields.travel_start, fields.travel_end);
                let place = match (fields.city.is_empty(), fields.state.is_empty()) {
                    (false, false) => {
                        format!("{}, {} {}", fields.destination, fields.city, fields.state)
                    }
                    _ => fields.destination.clone(),
                };
                let awarded = match (status, fields.awarded) {
                    (GrantStatus::Declined, _) => "—".to_owned(),
                    (_, Some(amount)) => amount.to_string(),
                    (_, None) => String::new(),
                };
                for text in [item.district_name.clone(), place, dates] {
                    row.col(|ui| {
                        // A clipped name or place can be read whole on hover.
                        ui.add(egui::Label::new(&text).selectable(false).truncate());
                    });
                }
                for number in [
                    fields.travelers.to_string(),
                    fields.requested.to_string(),
                    awarded,
                ] {
                    row.col(|ui| {
                        style::number_ui(ui, number);
                    });
                }
                row.col(|ui| {
                    ui.add(egui::Label::new(status_text(ui, status)).selectable(false));
                    let flag = &flags[view[index]];
                    if flag.terminated {
                        ui.label(RichText::new("⚠").color(style::error_color(ui)))
                            .on_hover_text(
                                "The district's membership was terminated: check this application",
                            );
                    }
                    if let Some(reason) = flag.attention {
                        ui.label(RichText::new("⚑").color(style::warning_color(ui)))
                            .on_hover_text(reason);
                    }
                });
                if row.response().clicked() {
                    clicked = Some(item.grant.id);
                }
            });
        });
    clicked
}

/// "Sep 10–12", "Sep 30 – Oct 2", "Sep 10": the year is the table's.
fn travel_dates(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    use chrono::Datelike as _;
    if start == end {
        start.format("%b %-d").to_string()
    } else if start.month() == end.month() {
        format!("{}–{}", start.format("%b %-d"), end.day())
    } else {
        format!("{} – {}", start.format("%b %-d"), end.format("%b %-d"))
    }
}

pub fn status_color(ui: &Ui, status: GrantStatus) -> egui::Color32 {
    match status {
        GrantStatus::Draft | GrantStatus::Withdrawn => style::muted_color(ui),
        GrantStatus::Submitted | GrantStatus::UnderReview => ui.visuals().hyperlink_color,
        GrantStatus::Awarded | GrantStatus::Paid | GrantStatus::Closed => style::success_color(ui),
        GrantStatus::Declined => style::error_color(ui),
    }
}

pub fn status_text(ui: &Ui, status: GrantStatus) -> RichText {
    RichText::new(format!("{} {}", status.symbol(), status.label())).color(status_color(ui, status))
}

//! The year's standings: one row per district, sortable, virtualised.

use crate::domain::Coded as _;
use crate::ui::table_rows::{SortColumn, TableRows};
use std::cmp::Ordering;

use egui::{Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::DistrictId;
use crate::domain::validate::display_date;
use crate::store::YearStanding;
use crate::ui::style;
use crate::ui::widgets::{blanks_last, sort_header};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MembershipColumn {
    District,
    Cooperative,
    Standing,
    LastYear,
    Invited,
    Received,
    Countersigned,
}

impl MembershipColumn {
    pub const ALL: [Self; 7] = [
        Self::District,
        Self::Cooperative,
        Self::Standing,
        Self::LastYear,
        Self::Invited,
        Self::Received,
        Self::Countersigned,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::District => "District",
            Self::Cooperative => "Co-op",
            Self::Standing => "Standing",
            Self::LastYear => "Last year",
            Self::Invited => "Invited",
            Self::Received => "Received",
            Self::Countersigned => "Signed",
        }
    }

    fn width(self) -> Column {
        match self {
            // Sized so that every column shows beside the letter's form on a
            // 1280-wide laptop; a long name is cut, whole on hover.
            Self::District => Column::initial(136.0).at_least(110.0).clip(true),
            Self::Cooperative => Column::initial(54.0).at_least(50.0),
            Self::Standing => Column::initial(108.0).at_least(90.0),
            Self::LastYear => Column::initial(80.0).at_least(70.0),
            Self::Invited | Self::Received => Column::initial(82.0).at_least(70.0),
            Self::Countersigned => Column::remainder().at_least(80.0).resizable(false),
        }
    }
}

impl SortColumn<YearStanding> for MembershipColumn {
    fn compare(self, a: &YearStanding, b: &YearStanding) -> Ordering {
        let dates = |row: &YearStanding| {
            row.membership
                .as_ref()
                .map(|m| (m.invited_on, m.received_on, m.countersigned_on))
        };
        let by_column = match self {
            Self::District => Ordering::Equal,
            Self::Cooperative => blanks_last(a.cooperative, b.cooperative),
            Self::Standing => a.standing.cmp(&b.standing),
            Self::LastYear => blanks_last(a.last_year, b.last_year),
            Self::Invited => blanks_last(dates(a).and_then(|d| d.0), dates(b).and_then(|d| d.0)),
            Self::Received => blanks_last(dates(a).and_then(|d| d.1), dates(b).and_then(|d| d.1)),
            Self::Countersigned => {
                blanks_last(dates(a).and_then(|d| d.2), dates(b).and_then(|d| d.2))
            }
        };
        by_column.then_with(|| {
            a.district_name
                .to_lowercase()
                .cmp(&b.district_name.to_lowercase())
        })
    }
}

pub fn standings_table_ui(
    ui: &mut Ui,
    table: &mut TableRows<YearStanding, MembershipColumn>,
    selected: Option<DistrictId>,
    scroll_to: Option<usize>,
) -> Option<DistrictId> {
    let (rows, view, sort) = table.parts();
    let mut clicked = None;
    let mut table = TableBuilder::new(ui)
        .id_salt("memberships_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false]);
    for column in MembershipColumn::ALL {
        table = table.column(column.width().clip(true));
    }
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    table
        .header(style::HEADER_HEIGHT, |mut header| {
            for column in MembershipColumn::ALL {
                header.col(|ui| {
                    sort_header(ui, column.label(), column, sort);
                });
            }
        })
        .body(|body| {
            body.rows(style::ROW_HEIGHT, view.len(), |mut row| {
                let item = &rows[view[row.index()]];
                row.set_selected(selected == Some(item.district_id));
                let date =
                    |pick: fn(&crate::store::MembershipSummary) -> Option<chrono::NaiveDate>| {
                        item.membership
                            .as_ref()
                            .and_then(pick)
                            .map(display_date)
                            .unwrap_or_default()
                    };
                for column in MembershipColumn::ALL {
                    row.col(|ui| {
                        let text = match column {
                            MembershipColumn::District => egui::RichText::new(&item.district_name),
                            MembershipColumn::Cooperative => egui::RichText::new(
                                item.cooperative.map(|c| c.code()).unwrap_or_default(),
                            ),
                            MembershipColumn::Standing => style::standing_text(ui, item.standing),
                            MembershipColumn::LastYear => match item.last_year {
                                Some(status) => style::standing_text(ui, status.into()),
                                None => egui::RichText::new(""),
                            },
                            MembershipColumn::Invited => {
                                egui::RichText::new(date(|m| m.invited_on))
                            }
                            MembershipColumn::Received => {
                                egui::RichText::new(date(|m| m.received_on))
                            }
                            MembershipColumn::Countersigned => {
                                egui::RichText::new(date(|m| m.countersigned_on))
                            }
                        };
                        let label = ui.add(egui::Label::new(text).selectable(false));
                        if column == MembershipColumn::Standing
                            && let Some(date) = item.terminating_on
                        {
                            label.on_hover_text(format!(
                                "Terminating on {}: active until then",
                                crate::domain::validate::display_date(date)
                            ));
                        }
                    });
                }
                if row.response().clicked() {
                    clicked = Some(item.district_id);
                }
            });
        });
    clicked
}

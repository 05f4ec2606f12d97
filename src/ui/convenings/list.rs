//! The year's convenings: sortable by any header, filtered by the search box.

use crate::ui::table_rows::{SortColumn, TableRows};
use std::cmp::Ordering;

use egui::Ui;
use egui_extras::{Column, TableBuilder};

use crate::domain::ConveningId;
use crate::domain::validate::display_date;
use crate::store::ConveningRow;
use crate::ui::style;
use crate::ui::widgets::sort_header;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ConveningColumn {
    Date,
    Title,
    Kind,
    Attending,
    Location,
}

impl ConveningColumn {
    const ALL: [Self; 5] = [
        Self::Date,
        Self::Title,
        Self::Kind,
        Self::Attending,
        Self::Location,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::Date => "Date",
            Self::Title => "Title",
            Self::Kind => "Kind",
            Self::Attending => "Attending",
            Self::Location => "Location or link",
        }
    }

    fn width(self) -> Column {
        match self {
            Self::Date => Column::initial(100.0).at_least(80.0),
            Self::Title => Column::initial(220.0).at_least(120.0).clip(true),
            Self::Kind => Column::initial(150.0).at_least(90.0).clip(true),
            Self::Attending => Column::initial(96.0).at_least(70.0),
            Self::Location => Column::remainder()
                .at_least(100.0)
                .resizable(false)
                .clip(true),
        }
    }

    fn text(self, row: &ConveningRow) -> String {
        let fields = &row.convening.fields;
        match self {
            Self::Date => display_date(fields.held_on),
            Self::Title => fields.title.clone(),
            Self::Kind => fields.kind.label().to_owned(),
            Self::Attending if row.recorded => row.attended.to_string(),
            Self::Attending => "not recorded".to_owned(),
            Self::Location => fields.location.clone(),
        }
    }
}

impl SortColumn<ConveningRow> for ConveningColumn {
    fn compare(self, a: &ConveningRow, b: &ConveningRow) -> Ordering {
        let (x, y) = (&a.convening.fields, &b.convening.fields);
        let by = match self {
            Self::Date => Ordering::Equal,
            Self::Title => x.title.to_lowercase().cmp(&y.title.to_lowercase()),
            Self::Kind => x.kind.cmp(&y.kind),
            // Not yet recorded sorts after any count.
            Self::Attending => crate::ui::widgets::blanks_last(
                a.recorded.then_some(a.attended),
                b.recorded.then_some(b.attended),
            ),
            Self::Location => x.location.to_lowercase().cmp(&y.location.to_lowercase()),
        };
        by.then(x.held_on.cmp(&y.held_on))
            .then(a.convening.id.cmp(&b.convening.id))
    }
}

/// The convenings row a search finds by.
pub fn searched_by(row: &ConveningRow) -> String {
    let f = &row.convening.fields;
    format!("{} {} {}", f.title, f.kind.label(), f.location)
}

/// Draws the table of the convenings shown; returns a clicked convening.
pub fn convenings_table_ui(
    ui: &mut Ui,
    list: &mut TableRows<ConveningRow, ConveningColumn>,
    search: &str,
    selected: Option<ConveningId>,
) -> Option<ConveningId> {
    list.refresh(search, &(), |_, _| true);
    if list.view().is_empty() {
        style::empty_state(
            ui,
            "🔍",
            "Nothing to show",
            &format!("No convening matches “{}”.", search.trim()),
            |_| {},
        );
        return None;
    }
    let mut clicked = None;
    let mut table = TableBuilder::new(ui)
        .id_salt("convenings_table")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false]);
    for column in ConveningColumn::ALL {
        table = table.column(column.width());
    }
    let (rows, view, sort) = list.parts();
    table
        .header(style::HEADER_HEIGHT, |mut header| {
            for column in ConveningColumn::ALL {
                header.col(|ui| {
                    sort_header(ui, column.label(), column, sort);
                });
            }
        })
        .body(|body| {
            body.rows(style::ROW_HEIGHT, view.len(), |mut row| {
                let item = &rows[view[row.index()]];
                row.set_selected(selected == Some(item.convening.id));
                for column in ConveningColumn::ALL {
                    row.col(|ui| {
                        let text = column.text(item);
                        if column == ConveningColumn::Attending && item.recorded {
                            style::number_ui(ui, text);
                        } else {
                            ui.add(egui::Label::new(text).selectable(false).truncate());
                        }
                    });
                }
                if row.response().clicked() {
                    clicked = Some(item.convening.id);
                }
            });
        });
    clicked
}

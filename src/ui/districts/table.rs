//! The roster table: sortable by any header, virtualised rows.

use crate::domain::Coded as _;
use crate::ui::table_rows::{SortColumn, TableRows};
use std::cmp::Ordering;

use egui::{Sense, Ui};
use egui_extras::{Column, TableBuilder};

use crate::domain::DistrictId;
use crate::store::DistrictListItem;
use crate::ui::style;
use crate::ui::widgets::{blanks_last, sort_header};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DistrictColumn {
    Name,
    KdeNumber,
    County,
    Kind,
    Cooperative,
    Superintendent,
    Contacts,
}

impl DistrictColumn {
    pub const ALL: [Self; 7] = [
        Self::Name,
        Self::KdeNumber,
        Self::County,
        Self::Kind,
        Self::Cooperative,
        Self::Superintendent,
        Self::Contacts,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::KdeNumber => "KDE #",
            Self::County => "County",
            Self::Kind => "Type",
            Self::Cooperative => "Co-op",
            Self::Superintendent => "Superintendent",
            Self::Contacts => "Contacts",
        }
    }

    fn width(self) -> Column {
        match self {
            Self::Name => Column::initial(180.0).at_least(120.0),
            Self::KdeNumber => Column::initial(54.0).at_least(50.0),
            Self::County => Column::initial(90.0).at_least(60.0),
            Self::Kind => Column::initial(88.0).at_least(60.0),
            Self::Cooperative => Column::initial(58.0).at_least(50.0),
            Self::Superintendent => Column::remainder().at_least(100.0).resizable(false),
            Self::Contacts => Column::exact(70.0),
        }
    }

    fn cell_text(self, item: &DistrictListItem) -> String {
        let fields = &item.district.fields;
        match self {
            Self::Name => fields.name.clone(),
            Self::KdeNumber => fields.kde_number.clone(),
            Self::County => fields.county.clone(),
            Self::Kind => fields.kind.label().to_owned(),
            Self::Cooperative => fields
                .cooperative
                .map(|c| c.code().to_owned())
                .unwrap_or_default(),
            Self::Superintendent => item.superintendent.clone().unwrap_or_default(),
            Self::Contacts => item.contact_count.to_string(),
        }
    }
}

impl SortColumn<DistrictListItem> for DistrictColumn {
    /// Orders two rows by this column, then by name so the order is stable.
    fn compare(self, a: &DistrictListItem, b: &DistrictListItem) -> Ordering {
        let (x, y) = (&a.district.fields, &b.district.fields);
        let by_column = match self {
            Self::Name => Ordering::Equal,
            Self::KdeNumber => x.kde_number.cmp(&y.kde_number),
            Self::County => x.county.to_lowercase().cmp(&y.county.to_lowercase()),
            Self::Kind => x.kind.cmp(&y.kind),
            Self::Cooperative => blanks_last(x.cooperative, y.cooperative),
            Self::Superintendent => {
                blanks_last(a.superintendent.as_ref(), b.superintendent.as_ref())
            }
            Self::Contacts => a.contact_count.cmp(&b.contact_count),
        };
        by_column.then_with(|| x.name.to_lowercase().cmp(&y.name.to_lowercase()))
    }
}

#[derive(Default)]
pub struct TableOutput {
    pub clicked: Option<DistrictId>,
    pub sort_changed: bool,
}

/// Draws the rows shown, in order. Only the visible rows are laid out, so
/// the cost does not grow with the roster.
pub fn districts_table_ui(
    ui: &mut Ui,
    table: &mut TableRows<DistrictListItem, DistrictColumn>,
    selected: Option<DistrictId>,
    scroll_to: Option<usize>,
) -> TableOutput {
    let (rows, view, sort) = table.parts();
    let mut output = TableOutput::default();
    let mut table = TableBuilder::new(ui)
        .id_salt("districts_table")
        .striped(true)
        .resizable(true)
        .sense(Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .auto_shrink([false, false]);
    for column in DistrictColumn::ALL {
        table = table.column(column.width().clip(true));
    }
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    table
        .header(style::HEADER_HEIGHT, |mut header| {
            for column in DistrictColumn::ALL {
                header.col(|ui| {
                    output.sort_changed |= sort_header(ui, column.label(), column, sort);
                });
            }
        })
        .body(|body| {
            body.rows(style::ROW_HEIGHT, view.len(), |mut row| {
                let item = &rows[view[row.index()]];
                let district = &item.district;
                row.set_selected(selected == Some(district.id));
                for column in DistrictColumn::ALL {
                    row.col(|ui| {
                        let text = column.cell_text(item);
                        // Not selectable: a click on the text selects the row.
                        if column == DistrictColumn::Contacts {
                            style::number_ui(ui, text);
                        } else if district.archived && column == DistrictColumn::Name {
                            ui.add(
                                egui::Label::new(egui::RichText::new(text).italics().weak())
                                    .selectable(false),
                            )
                            .on_hover_text("Archived");
                        } else {
                            ui.add(egui::Label::new(text).selectable(false));
                        }
                    });
                }
                if row.response().clicked() {
                    output.clicked = Some(district.id);
                }
            });
        });
    output
}

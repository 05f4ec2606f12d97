//! XLSX workbooks: a title row naming the year, a styled and frozen header
//! row with an autofilter, sensible widths, real dates, currency and
//! percentages, and formula-like text kept as inert text.

use rust_xlsxwriter::{
    Chart, ChartLegendPosition, ChartType, Color, Format, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::table::{Cell, Figure, Sheet, SheetChart, is_formula_like};

const TITLE_ROW: u32 = 0;
const HEADER_ROW: u32 = 2;

struct Formats {
    title: Format,
    header: Format,
    text: Format,
    inert_text: Format,
    date: Format,
    money: Format,
    percent: Format,
    integer: Format,
}

impl Formats {
    fn new(bold: bool) -> Self {
        let base = if bold {
            Format::new().set_bold()
        } else {
            Format::new()
        };
        Self {
            title: Format::new().set_bold().set_font_size(14),
            header: Format::new()
                .set_bold()
                .set_font_color(Color::White)
                .set_background_color(Color::RGB(0x1F4E79))
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap(),
            text: base.clone(),
            // Excel keeps quote-prefixed cells as text even when edited.
            inert_text: base.clone().set_quote_prefix(),
            date: base.clone().set_num_format("mmm d, yyyy"),
            money: base.clone().set_num_format("$#,##0.00"),
            percent: base.clone().set_num_format("0.0%"),
            integer: base.set_num_format("0"),
        }
    }
}

/// Writes the sheets to one workbook in memory. `progress` is called after
/// each row and returns `false` to stop; then `Ok(None)` is returned.
pub fn workbook_bytes(
    sheets: &[Sheet],
    mut progress: impl FnMut(usize) -> bool,
) -> Result<Option<Vec<u8>>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut done = 0;
    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        if !write_sheet(worksheet, sheet, &mut || {
            done += 1;
            progress(done)
        })? {
            return Ok(None);
        }
    }
    workbook.save_to_buffer().map(Some)
}

/// Writes one sheet; `row_done` is called after each row, `false` to stop.
fn write_sheet(
    worksheet: &mut Worksheet,
    sheet: &Sheet,
    row_done: &mut dyn FnMut() -> bool,
) -> Result<bool, XlsxError> {
    let name: String = sheet
        .name
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .take(31)
        .collect();
    worksheet.set_name(&name)?;
    let plain = Formats::new(false);
    let bold = Formats::new(true);
    worksheet.write_string_with_format(TITLE_ROW, 0, &sheet.title, &plain.title)?;
    for (c, column) in sheet.columns.iter().enumerate() {
        let col = c as u16;
        worksheet.write_string_with_format(HEADER_ROW, col, &column.header, &plain.header)?;
        worksheet.set_column_width(col, column.width)?;
    }
    let mut row = HEADER_ROW + 1;
    for cells in &sheet.rows {
        write_row(worksheet, row, cells, &plain)?;
        row += 1;
        if !row_done() {
            return Ok(false);
        }
    }
    let last_data_row = row.saturating_sub(1).max(HEADER_ROW);
    if let Some(footer) = &sheet.footer {
        write_row(worksheet, row + 1, footer, &bold)?;
    }
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    worksheet.autofilter(HEADER_ROW, 0, last_data_row, last_col)?;
    worksheet.set_freeze_panes(HEADER_ROW + 1, 0)?;
    worksheet.set_landscape();
    worksheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    for (index, figure) in sheet.figures.iter().enumerate() {
        // Beside the table, one under the other.
        let row = HEADER_ROW + index as u32 * CHART_ROWS;
        let col = sheet.columns.len() as u16 + 1;
        match figure {
            Figure::Chart(chart) => {
                worksheet.insert_chart(row, col, &bar_chart(&name, chart))?;
            }
            Figure::Picture { png, scale } => {
                let image = rust_xlsxwriter::Image::new_from_buffer(png)?
                    .set_scale_width(*scale)
                    .set_scale_height(*scale);
                worksheet.insert_image(row, col, &image)?;
            }
        }
    }
    Ok(true)
}

/// Rows a chart takes, with a gap under it.
const CHART_ROWS: u32 = 17;

/// Bars of the table's numbers, named by its headings and first column.
fn bar_chart(sheet_name: &str, spec: &SheetChart) -> Chart {
    let mut chart = Chart::new(ChartType::Column);
    chart.title().set_name(&spec.title);
    let first = HEADER_ROW + 1 + spec.rows.start as u32;
    let last = (HEADER_ROW + spec.rows.end as u32).max(first);
    for &column in &spec.columns {
        let col = column as u16;
        chart
            .add_series()
            .set_name((sheet_name, HEADER_ROW, col))
            .set_categories((sheet_name, first, 0, last, 0))
            .set_values((sheet_name, first, col, last, col));
    }
    chart.y_axis().set_num_format(&spec.axis_format);
    chart.legend().set_position(ChartLegendPosition::Bottom);
    chart.set_width(560).set_height(320);
    chart
}

/// The most characters an Excel cell holds.
const CELL_CHARACTERS: usize = 32_767;

/// `text` cut to what a cell holds, marked as cut: a value stored before
/// the roster's limits never makes an export fail.
fn fitted(text: &str) -> std::borrow::Cow<'_, str> {
    const MARK: &str = " […]";
    if text.chars().count() <= CELL_CHARACTERS {
        return text.into();
    }
    let keep = CELL_CHARACTERS - MARK.chars().count();
    let mut cut: String = text.chars().take(keep).collect();
    cut.push_str(MARK);
    cut.into()
}

fn write_row(
    worksheet: &mut Worksheet,
    row: u32,
    cells: &[Cell],
    f: &Formats,
) -> Result<(), XlsxError> {
    for (c, cell) in cells.iter().enumerate() {
        let col = c as u16;
        match cell {
            Cell::Empty => {}
            Cell::Text(text) if is_formula_like(text) => {
                worksheet.write_string_with_format(row, col, fitted(text), &f.inert_text)?;
            }
            Cell::Text(text) => {
                worksheet.write_string_with_format(row, col, fitted(text), &f.text)?;
            }
            Cell::Integer(n) => {
                worksheet.write_number_with_format(row, col, *n as f64, &f.integer)?;
            }
            Cell::Date(date) => {
                worksheet.write_date_with_format(row, col, date, &f.date)?;
            }
            Cell::Money(money) => {
                worksheet.write_number_with_format(
                    row,
                    col,
                    money.cents() as f64 / 100.0,
                    &f.money,
                )?;
            }
            Cell::Percent(share) => {
                worksheet.write_number_with_format(row, col, *share, &f.percent)?;
            }
            Cell::Change(value, unit) => {
                let format = f.text.clone().set_num_format(unit.excel_format());
                worksheet.write_number_with_format(row, col, *value, &format)?;
            }
        }
    }
    Ok(())
}

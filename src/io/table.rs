//! A table on its way to a file: a title, typed columns and rows. Exports
//! build one of these from what a screen shows; the CSV and XLSX writers
//! turn it into a file.

use chrono::NaiveDate;

use crate::domain::Money;

/// What a column holds, which decides how the spreadsheet formats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Integer,
    Date,
    Money,
    Percent,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ColumnSpec {
    pub header: String,
    pub kind: ColumnKind,
    /// Width in characters, as Excel measures it.
    pub width: f64,
}

impl ColumnSpec {
    pub fn new(header: &str, kind: ColumnKind, width: f64) -> Self {
        Self {
            header: header.to_owned(),
            kind,
            width,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Integer(i64),
    Date(NaiveDate),
    Money(Money),
    /// A share from 0.0 to 1.0.
    Percent(f64),
    /// A change from one year to the next, signed: a number a spreadsheet
    /// can sum and sort, shown "+3", "−$15,600.00" or "−3.0 pts", a fall
    /// in red.
    Change(f64, ChangeUnit),
}

/// What a [`Cell::Change`] counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeUnit {
    Count,
    /// In dollars.
    Dollars,
    /// Percentage points: 81 % to 78 % is −3.0 pts, not −3 %.
    Points,
}

impl ChangeUnit {
    /// Excel's format: positive, negative (red), zero.
    pub fn excel_format(self) -> &'static str {
        match self {
            Self::Count => "+#,##0;[Red]-#,##0;0",
            Self::Dollars => "+$#,##0.00;[Red]-$#,##0.00;$0.00",
            Self::Points => "+0.0\" pts\";[Red]-0.0\" pts\";0.0\" pts\"",
        }
    }
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Self {
        let value = value.into();
        if value.is_empty() {
            Self::Empty
        } else {
            Self::Text(value)
        }
    }

    pub fn date(value: Option<NaiveDate>) -> Self {
        value.map_or(Self::Empty, Self::Date)
    }

    pub fn money(value: Option<Money>) -> Self {
        value.map_or(Self::Empty, Self::Money)
    }

    /// The cell as CSV text: dates ISO, money as plain decimals (what a
    /// spreadsheet reads back as a number), text neutralised.
    pub fn to_csv(&self) -> String {
        match self {
            Self::Empty => String::new(),
            Self::Text(text) => neutralize(text).into_owned(),
            Self::Integer(n) => n.to_string(),
            Self::Date(d) => d.format("%Y-%m-%d").to_string(),
            Self::Money(m) => format!("{}.{:02}", m.cents() / 100, m.cents() % 100),
            Self::Percent(p) => format!("{:.1}%", p * 100.0),
            Self::Change(value, unit) => {
                let sign = if *value < 0.0 {
                    "-"
                } else if *value > 0.0 {
                    "+"
                } else {
                    ""
                };
                let size = value.abs();
                match unit {
                    ChangeUnit::Count => format!("{sign}{size:.0}"),
                    ChangeUnit::Dollars => format!("{sign}{size:.2}"),
                    ChangeUnit::Points => format!("{sign}{size:.1} pts"),
                }
            }
        }
    }
}

/// A bar chart drawn beside a sheet's table (in a workbook; a CSV file
/// has the table only).
#[derive(Clone, Debug, PartialEq)]
pub struct SheetChart {
    pub title: String,
    /// The table's rows it draws, one group of bars each, labelled by the
    /// first column.
    pub rows: std::ops::Range<usize>,
    /// The columns it draws, one series each, named by their headings.
    pub columns: Vec<usize>,
    /// Excel's number format for the value axis, e.g. "$#,##0".
    pub axis_format: String,
}

/// One sheet of a workbook, or one CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// The worksheet's tab name (31 characters at most).
    pub name: String,
    /// The title row above the table, e.g. "ILN roster 2025-2026".
    pub title: String,
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<Vec<Cell>>,
    /// A bold row under the table, e.g. totals.
    pub footer: Option<Vec<Cell>>,
    /// Beside the table: charts of its numbers, pictures.
    pub figures: Vec<Figure>,
}

/// What a worksheet shows beside its table (a CSV file has none).
#[derive(Clone, Debug, PartialEq)]
pub enum Figure {
    Chart(SheetChart),
    /// A PNG picture, drawn at `scale` of its size.
    Picture {
        png: Vec<u8>,
        scale: f64,
    },
}

/// Whether a spreadsheet would read `text` as a formula: it starts with
/// `=`, `+`, `-`, `@`, a tab or a carriage return.
pub fn is_formula_like(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Text made inert for a spreadsheet: a leading apostrophe on anything it
/// could take for a formula (CSV/formula injection).
pub fn neutralize(text: &str) -> std::borrow::Cow<'_, str> {
    // Text that already looks neutralized ("'=x", "'\ta") gets its own
    // apostrophe too, so that reading it back takes off only that one.
    if is_formula_like(text) || looks_neutralized(text) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// The text an exported cell held before [`neutralize`]: its leading
/// apostrophe taken off again, so the app's own CSV reads back unchanged.
pub fn restore_neutralized(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if is_formula_like(rest) || looks_neutralized(rest) => rest,
        _ => text,
    }
}

/// Apostrophes before formula-like text: what [`neutralize`] writes.
fn looks_neutralized(text: &str) -> bool {
    text.strip_prefix('\'')
        .is_some_and(|rest| is_formula_like(rest) || looks_neutralized(rest))
}

/// A cell's text as the app keeps it: trimmed, with line breaks as `\n`
/// and without the control characters a terminal or another program would
/// act on: an escape sequence in a name goes whole (`ESC [ 31 m`, a title
/// set with `ESC ] … BEL`), any other control character alone; tabs and line
/// breaks stay.
pub fn clean_cell(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut kept = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' | '\u{9b}' | '\u{9d}' => {
                // CSI (ESC [ or U+009B): parameters, then a final byte @ to ~.
                // OSC (ESC ] or U+009D): anything up to BEL or ESC \.
                let kind = match c {
                    '\u{9b}' => Some('['),
                    '\u{9d}' => Some(']'),
                    _ => chars.next_if(|n| *n == '[' || *n == ']'),
                };
                match kind {
                    Some('[') => {
                        for n in chars.by_ref() {
                            if ('@'..='~').contains(&n) {
                                break;
                            }
                        }
                    }
                    Some(_) => {
                        while let Some(n) = chars.next() {
                            if n == '\u{7}' || n == '\u{9c}' {
                                break;
                            }
                            if n == '\u{1b}' && chars.next_if_eq(&'\\').is_some() {
                                break;
                            }
                        }
                    }
                    None => {}
                }
            }
            c if c.is_control() && c != '\t' && c != '\n' => {}
            c => kept.push(c),
        }
    }
    kept.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_keeps_no_control_characters() {
        assert_eq!(clean_cell(" Adair\u{1b}[2J County\u{7} "), "Adair County");
        assert_eq!(clean_cell("\u{1b}[31mEvil\u{1b}[0m Name"), "Evil Name");
        assert_eq!(clean_cell("New\u{1b}]0;pwned\u{7} Place"), "New Place");
        assert_eq!(clean_cell("Cut\u{1b}"), "Cut");
        assert_eq!(
            clean_cell("line one\r\nline two\rthree"),
            "line one\nline two\nthree"
        );
        assert_eq!(clean_cell("a\tb\u{85}c\u{9b}"), "a\tbc");
    }

    #[test]
    fn a_neutralised_cell_reads_back_as_it_was() {
        for text in [
            "=SUM(A1)", "+1", "-5", "@home", "\tx", "plain", "'quoted", "",
        ] {
            assert_eq!(restore_neutralized(&neutralize(text)), text, "{text:?}");
        }
        assert_eq!(restore_neutralized("'plain"), "'plain", "not the export's");
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        for text in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-2",
            "@SUM(A1)",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralize(text), format!("'{text}"), "{text:?}");
        }
        for text in ["Allen County", "(502) 564-4201", "a=b", "", "'quoted"] {
            assert_eq!(neutralize(text), text);
        }
        // Text that a reader would take for already neutralized comes back.
        for text in ["'\ta", "'=x", "''=x"] {
            assert_eq!(restore_neutralized(&neutralize(text)), text, "{text:?}");
        }
    }

    #[test]
    fn cells_are_written_for_csv() {
        assert_eq!(
            Cell::Money(Money::from_cents(125_050).unwrap()).to_csv(),
            "1250.50"
        );
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()).to_csv(),
            "2025-07-01"
        );
        assert_eq!(Cell::Percent(0.755).to_csv(), "75.5%");
        assert_eq!(Cell::text("=1+1").to_csv(), "'=1+1");
    }
}

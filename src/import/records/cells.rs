//! Reading a row's cells for a record import: each field's text, a problem
//! naming its column, and the values people type (districts as they write
//! them, dates, amounts, ticks, lists, statuses).

use std::collections::HashMap;

use chrono::NaiveDate;

use super::columns::{Col, RecordMapping};
use crate::domain::district::name_key;
use crate::domain::validate;
use crate::domain::{DistrictId, Money, SchoolYear};
use crate::io::spreadsheet::RawRow;
use crate::store::DistrictListItem;

/// One row of the file, read through the mapping.
pub struct RowCells<'a> {
    pub row: &'a RawRow,
    pub headers: &'a [String],
    pub mapping: &'a RecordMapping,
}

impl<'a> RowCells<'a> {
    /// Row `row` of the sheet, read through its mapping.
    pub fn of(sheet: &'a super::SheetImport, row: &'a RawRow) -> Self {
        Self {
            row,
            headers: &sheet.table.headers,
            mapping: &sheet.mapping,
        }
    }
}

impl RowCells<'_> {
    /// The field's cell, trimmed; `None` when blank or not in the file.
    pub fn get(&self, field: Col) -> Option<&str> {
        let column = self.mapping.column_of(field)?;
        let text = self.row.cells.get(column)?.trim();
        (!text.is_empty()).then_some(text)
    }

    /// The field's text, blank when it has none.
    pub fn text(&self, field: Col) -> String {
        self.get(field).unwrap_or_default().to_owned()
    }

    /// Whether the file has a column for the field.
    pub fn has(&self, field: Col) -> bool {
        self.mapping.column_of(field).is_some()
    }

    /// "Received on (column D “LoC received”)": where a problem is.
    pub fn at(&self, field: Col) -> String {
        match self.mapping.column_of(field) {
            Some(column) => column_name(column, self.headers.get(column).map(String::as_str)),
            None => field.label(),
        }
    }

    /// The field's date, read in school year `year`; a problem names the column.
    pub fn date(
        &self,
        field: Col,
        year: SchoolYear,
        problems: &mut Vec<String>,
    ) -> Option<NaiveDate> {
        let text = self.get(field)?;
        match validate::optional_date_in(text, year) {
            Ok(date) => date,
            Err(message) => {
                problems.push(format!("{}: {message}", self.at(field)));
                None
            }
        }
    }

    /// The field's amount, as people type it ("$1,250", "1250.00", "USD 80").
    pub fn money(&self, field: Col, problems: &mut Vec<String>) -> Option<Money> {
        let text = self.get(field)?;
        match read_money(text) {
            Ok(money) => Some(money),
            Err(message) => {
                problems.push(format!("{}: {message}", self.at(field)));
                None
            }
        }
    }
}

/// A column as a person finds it: its letter and heading.
pub fn column_name(column: usize, heading: Option<&str>) -> String {
    let letter = column_letter(column);
    match heading.map(str::trim).filter(|h| !h.is_empty()) {
        Some(heading) => format!("column {letter} “{heading}”"),
        None => format!("column {letter}"),
    }
}

/// Excel's name for a column: A … Z, AA …
pub fn column_letter(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(char::from(b'A' + (column % 26) as u8));
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.iter().rev().collect()
}

/// An amount as ledgers write it; a number a spreadsheet computed
/// (0.30000000000000004) is taken to the cent.
pub fn read_money(text: &str) -> Result<Money, String> {
    let cleaned = text
        .trim()
        .trim_start_matches("USD")
        .trim_end_matches("USD")
        .replace(' ', "");
    Money::parse(&cleaned).or_else(|problem| {
        let number: f64 = cleaned.parse().map_err(|_| problem.clone())?;
        let cents = (number * 100.0).round();
        let close = ((number * 100.0) - cents).abs() < 1e-6;
        if close && number.is_finite() && number >= 0.0 && cents < 1e15 {
            Money::from_cents(cents as i64).ok_or(problem)
        } else {
            Err(problem)
        }
    })
}

/// Whether the row sums up the others ("Totals (23 applications)") rather
/// than being one of them.
pub fn is_totals_row(cells: &RowCells<'_>) -> bool {
    cells.row.cells.first().is_some_and(|first| {
        let first = first.trim().to_lowercase();
        first.starts_with("total") || first == "sum"
    })
}

/// A school year a file gives, within the years a roster keeps: from
/// 2000-2001 to next school year.
pub fn plausible_year(
    year: crate::domain::SchoolYear,
) -> Result<crate::domain::SchoolYear, String> {
    let next = crate::domain::SchoolYear::containing(crate::domain::today()).next();
    if year.start_year() < 2000 || year > next {
        Err(format!(
            "{year} is not a school year of the network (2000-2001 to {next})"
        ))
    } else {
        Ok(year)
    }
}

/// A tick in a column of ticks: yes, x, ✓, 1, true; blank, no, 0 are not.
pub fn is_ticked(text: &str) -> Result<bool, String> {
    match text.trim().to_lowercase().as_str() {
        "" | "no" | "n" | "0" | "false" | "-" | "—" => Ok(false),
        "yes" | "y" | "x" | "✓" | "✔" | "1" | "true" | "checked" | "☑" => Ok(true),
        other => Err(format!("“{other}” is neither a tick nor blank")),
    }
}

/// The items of a list cell: "a; b", "a, b", one per line.
pub fn items(text: &str) -> Vec<String> {
    let separator = if text.contains(';') || text.contains('\n') {
        &[';', '\n'][..]
    } else {
        &[','][..]
    };
    text.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Finds the roster's district a row means, by name (as people write it:
/// "Adair", "Adair Co.", "Adair County Schools"), KDE number or NCES ID.
pub struct DistrictFinder {
    by_key: HashMap<String, (DistrictId, String)>,
    by_kde: HashMap<String, (DistrictId, String)>,
    by_nces: HashMap<String, (DistrictId, String)>,
}

impl DistrictFinder {
    pub fn new(roster: &[DistrictListItem]) -> Self {
        let mut finder = Self {
            by_key: HashMap::new(),
            by_kde: HashMap::new(),
            by_nces: HashMap::new(),
        };
        for item in roster {
            let fields = &item.district.fields;
            let entry = (item.district.id, fields.name.clone());
            finder.by_key.insert(name_key(&fields.name), entry.clone());
            finder
                .by_kde
                .insert(fields.kde_number.clone(), entry.clone());
            if let Some(nces) = &fields.nces_id {
                finder.by_nces.insert(nces.clone(), entry);
            }
        }
        finder
    }

    /// The district the row names, with its name on the roster. Every way
    /// the row names it (NCES ID, KDE number, name) must agree.
    pub fn find(&self, cells: &RowCells<'_>) -> Result<(DistrictId, String), String> {
        let mut found: Vec<(Col, String, (DistrictId, String))> = Vec::new();
        if let Some(nces) = cells.get(Col::NcesId) {
            let district = self.by_nces.get(nces.trim()).ok_or_else(|| {
                format!(
                    "{}: no district with NCES ID {nces} on the roster",
                    cells.at(Col::NcesId)
                )
            })?;
            found.push((Col::NcesId, format!("NCES ID {nces}"), district.clone()));
        }
        if let Some(kde) = cells.get(Col::KdeNumber) {
            let padded = format!("{:0>3}", kde.trim());
            let district = self.by_kde.get(&padded).ok_or_else(|| {
                format!(
                    "{}: no district with KDE number {kde} on the roster",
                    cells.at(Col::KdeNumber)
                )
            })?;
            found.push((
                Col::KdeNumber,
                format!("KDE number {padded}"),
                district.clone(),
            ));
        }
        if let Some(name) = cells.get(Col::District) {
            let district = self
                .by_name(name)
                .map_err(|problem| format!("{}: {problem}", cells.at(Col::District)))?;
            found.push((Col::District, format!("“{name}”"), district));
        }
        let Some((_, first_named, first)) = found.first() else {
            return Err("No district named on this row".to_owned());
        };
        if let Some((_, named, other)) = found.iter().find(|(_, _, d)| d.0 != first.0) {
            return Err(format!(
                "{first_named} is {} but {named} is {}: which district is it?",
                first.1, other.1
            ));
        }
        Ok(first.clone())
    }

    /// The district with this KDE number ("1" is "001").
    pub fn by_kde_number(&self, kde: &str) -> Option<(DistrictId, String)> {
        self.by_kde.get(&format!("{:0>3}", kde.trim())).cloned()
    }

    /// A district by its name as people write it; a name that could be
    /// the county's district or the independent one is asked about.
    pub fn by_name(&self, name: &str) -> Result<(DistrictId, String), String> {
        let key = name_key(name);
        if let Some(found) = self.by_key.get(key.trim_end_matches('.').trim()) {
            return Ok(found.clone());
        }
        let candidates = self.candidates(name);
        match candidates.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(format!(
                "no district named “{name}” on the roster (add it under Districts, or import the district list first)"
            )),
            [a, b, ..] => Err(format!("“{name}” could be {} or {}: write which", a.1, b.1)),
        }
    }

    /// The districts a name could mean, its words read as people write them.
    fn candidates(&self, name: &str) -> Vec<(DistrictId, String)> {
        let key = name_key(name);
        let key = key.trim_end_matches('.').trim();
        let bare = key
            .trim_end_matches(" schools")
            .trim_end_matches(" public")
            .trim_end_matches(" school district")
            .trim_end_matches(" district")
            .trim();
        let stem = bare
            .trim_end_matches(" co")
            .trim_end_matches(" county")
            .trim_end_matches(" ind")
            .trim_end_matches(" indep")
            .trim_end_matches(" independent")
            .trim();
        let said_county = bare != stem && (bare.ends_with(" co") || bare.ends_with(" county"));
        let said_independent = bare != stem && !said_county;
        let mut found: Vec<(DistrictId, String)> = Vec::new();
        for (candidate, allowed) in [
            (bare.to_owned(), true),
            (format!("{stem} county"), !said_independent),
            (format!("{stem} independent"), !said_county),
        ] {
            if let Some(district) = self.by_key.get(&candidate).filter(|_| allowed)
                && !found.contains(district)
            {
                found.push(district.clone());
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn amounts_and_ticks_as_people_type_them() {
        assert_eq!(read_money("$1,250").unwrap().cents(), 125_000);
        assert_eq!(read_money("USD 80.5").unwrap().cents(), 8_050);
        assert!(read_money("lots").is_err());
        assert!(is_ticked("✓").unwrap());
        assert!(!is_ticked("").unwrap());
        assert!(is_ticked("maybe").is_err());
        assert_eq!(items("a; b;; c"), ["a", "b", "c"]);
        assert_eq!(items("a, b"), ["a", "b"]);
    }
}

//! `export`: a table, the year report or the whole roster to a spreadsheet,
//! never over a database, in the format its name says.

use anyhow::bail;

use super::{FormatArg, TableArg};
use crate::domain::SchoolYear;
use crate::io::save::{FileFormat, save_sheets};
use crate::store::Store;

/// Writes a table (or the year report) to a spreadsheet, never over a
/// database; the format is the name's unless said.
pub(super) fn export(
    db: &std::path::Path,
    table: TableArg,
    year: SchoolYear,
    format: Option<FormatArg>,
    output: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<String> {
    if matches!(table, TableArg::Documents) {
        return super::documents::export_all_documents(db, output, dry_run);
    }
    let store = Store::open_read_only(db)?;
    crate::io::save::refuse_a_database(output)?;
    let extension = output
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase());
    if let Some(extension) = &extension
        && ["sqlite3", "sqlite", "db", "db3"].contains(&extension.as_str())
    {
        bail!(
            "{} is named as a database: an export is a spreadsheet. End the name in \
             .csv or .xlsx.",
            output.display()
        );
    }
    if output.as_os_str() == "-" {
        bail!(
            "An export is written to a file, not to the terminal: give a name ending in \
             .csv or .xlsx."
        );
    }
    let asked = format.map(|f| match f {
        FormatArg::Csv => FileFormat::Csv,
        FormatArg::Xlsx => FileFormat::Xlsx,
    });
    let format = match (asked, FileFormat::of_path(output)) {
        // A CSV named .xlsx is a file Excel refuses to open.
        (Some(asked), Some(named)) if asked != named => bail!(
            "{} is named as .{} but --format says {}: make them agree.",
            output.display(),
            named.extension(),
            asked.extension()
        ),
        (Some(format), _) | (None, Some(format)) => format,
        // The year report is a workbook: its name says so too.
        (None, None) if matches!(table, TableArg::YearReport | TableArg::Everything) => bail!(
            "This is an Excel workbook of several sheets: end the name of {} in .xlsx.",
            output.display()
        ),
        (None, None) => bail!(
            "Which kind of file is {}? End the name in .csv or .xlsx, or say --format csv \
             or --format xlsx.",
            output.display()
        ),
    };
    let today = crate::domain::today();
    // What the write would meet is said by a dry run too.
    crate::io::save::check_destination(output)?;
    if matches!(table, TableArg::Everything) {
        if format == FileFormat::Csv {
            bail!("The whole roster is a workbook of several sheets: name the file .xlsx");
        }
        let sheets = crate::export::everything::everything(&store)?;
        let rows: usize = sheets.iter().map(|s| s.rows.len()).sum();
        if !dry_run {
            save_sheets(output, format, &sheets, |_| true)?;
        }
        return Ok(format!(
            "{} the whole roster ({} sheets, {rows} rows) to {}",
            wrote(dry_run),
            sheets.len(),
            output.display()
        ));
    }
    let Some(table) = table.table() else {
        if format == FileFormat::Csv {
            bail!("The year report is a workbook of several sheets: name the file .xlsx");
        }
        if dry_run {
            return Ok(format!(
                "Would write the {year} year report to {}",
                output.display()
            ));
        }
        let count = crate::export::year_report::save(&store, year, today, output)?;
        let mut said = format!(
            "Wrote the {year} year report ({count} sheets) to {}",
            output.display()
        );
        let map = crate::export::map::network_map(&store, year, today)?;
        let unplaced = map.unplaced();
        if !unplaced.is_empty() {
            said.push_str(&format!(
                "\nNot on its map (no county or location the map knows): {}",
                unplaced.join(", ")
            ));
        }
        return Ok(said);
    };
    let sheet = table.sheet(&store, year, today)?;
    let rows = sheet.rows.len();
    if !dry_run {
        save_sheets(output, format, std::slice::from_ref(&sheet), |_| true)?;
    }
    Ok(format!(
        "{} {rows} rows to {}",
        wrote(dry_run),
        output.display()
    ))
}

/// `export calendar`: the year's convenings, or one, as an `.ics`.
pub(super) fn calendar(
    db: &std::path::Path,
    year: SchoolYear,
    convening: Option<&str>,
    output: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<String> {
    use crate::export::calendar::{CalendarOf, write_calendar};
    let store = Store::open_read_only(db)?;
    let of = match convening {
        None => CalendarOf::Year(year),
        Some(which) => CalendarOf::One(find_convening(&store, which)?),
    };
    let count = write_calendar(&store, of, output, dry_run)?;
    let what = match of {
        CalendarOf::Year(year) => format!(
            "the {year} convenings ({})",
            crate::domain::count(count, "event", "events")
        ),
        CalendarOf::One(id) => format!("“{}”", store.convening(id)?.fields.title),
    };
    Ok(format!("{} {what} to {}", wrote(dry_run), output.display()))
}

/// A convening by its number, or by its date when it is the only one.
pub(super) fn find_convening(
    store: &Store,
    which: &str,
) -> anyhow::Result<crate::domain::ConveningId> {
    use crate::domain::ConveningId;
    if let Ok(number) = which.trim().parse::<i64>() {
        store.convening(ConveningId(number)).map_err(|_| {
            anyhow::anyhow!(
                "There is no convening number {number}: `export convenings` lists their numbers"
            )
        })?;
        return Ok(ConveningId(number));
    }
    let day = crate::domain::validate::optional_date(which)
        .ok()
        .flatten()
        .ok_or_else(|| anyhow::anyhow!("--convening “{which}”: give its number or its date"))?;
    let on_the_day: Vec<_> = store
        .convenings_in(SchoolYear::containing(day))?
        .into_iter()
        .filter(|row| row.convening.fields.held_on == day)
        .collect();
    match on_the_day.as_slice() {
        [one] => Ok(one.convening.id),
        [] => bail!("There is no convening on {day}"),
        many => bail!(
            "{} convenings are on {day}: give the number of one ({})",
            many.len(),
            many.iter()
                .map(|r| format!("{} {}", r.convening.id.0, r.convening.fields.title))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn wrote(dry_run: bool) -> &'static str {
    if dry_run { "Would write" } else { "Wrote" }
}

/// `export map`: the year's map as a PNG or SVG picture.
pub(super) fn map(
    db: &std::path::Path,
    year: SchoolYear,
    colour: Option<&str>,
    output: &std::path::Path,
    dry_run: bool,
) -> anyhow::Result<String> {
    use crate::domain::reach::MapColouring;
    let colouring = match colour {
        None => MapColouring::default(),
        Some(key) => MapColouring::from_key(key).ok_or_else(|| {
            anyhow::anyhow!("--color “{key}”: say standing, attendance, grants or coop")
        })?,
    };
    let store = Store::open_read_only(db)?;
    let map = crate::export::map::network_map(&store, year, crate::domain::today())?;
    let unplaced = map.unplaced();
    let bytes = crate::export::map::write_map(&map, colouring, output, dry_run)?;
    let mut said = format!(
        "{} the {year} map by {} ({} KB) to {}",
        wrote(dry_run),
        colouring.label().to_lowercase(),
        bytes.div_ceil(1024),
        output.display()
    );
    if !unplaced.is_empty() {
        said.push_str(&format!(
            "\nNot on the map (no county or location the map knows): {}",
            unplaced.join(", ")
        ));
    }
    Ok(said)
}

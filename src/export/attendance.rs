//! Convenings and attendance as tables: the year's grid with rates, the
//! list of convenings, and one convening's sheet.

use super::{arrange, col};
use crate::domain::convening::attendance_rate;
use crate::domain::{AttendanceRules, ConveningId, DistrictId, SchoolYear};
use crate::io::table::{Cell, ColumnKind as K, Sheet};
use crate::store::{Store, StoreError, recorded_cells};

/// The attendance grid: a column per convening and the district's rate.
pub fn attendance_grid(
    store: &Store,
    year: SchoolYear,
    order: Option<&[DistrictId]>,
) -> Result<Sheet, StoreError> {
    let grid = store.attendance_grid(year)?;
    let rules: AttendanceRules = store.attendance_rules()?;
    let mut columns = vec![
        col("District", K::Text, 28.0),
        col("Rate", K::Percent, 8.0),
        col("Attended", K::Integer, 9.0),
        col("Counted", K::Integer, 9.0),
        col(&format!("Under {}%", rules.threshold_percent), K::Text, 9.0),
    ];
    columns.extend(grid.convenings.iter().map(|c| {
        col(
            &format!(
                "{} {}",
                c.fields.held_on.format("%-m/%-d/%Y"),
                c.fields.title
            ),
            K::Text,
            12.0,
        )
    }));
    let ordered = arrange((0..grid.rows.len()).collect::<Vec<_>>(), order, |&i| {
        grid.rows[i].district_id
    });
    let rows = ordered
        .into_iter()
        .map(|i| {
            let line = &grid.rows[i];
            let rate = attendance_rate(line.span, recorded_cells(&grid, line), rules);
            let mut row = vec![
                Cell::text(&line.district_name),
                rate.percent()
                    .map_or(Cell::Empty, |p| Cell::Percent(p / 100.0)),
                Cell::Integer(i64::from(rate.attended)),
                Cell::Integer(i64::from(rate.counted)),
                Cell::text(if rate.is_under(rules) { "Yes" } else { "" }),
            ];
            row.extend(line.cells.iter().zip(&grid.convenings).map(
                |(cell, convening)| match cell {
                    None => Cell::Empty,
                    Some(status) if line.counts_on(convening.fields.held_on) => {
                        Cell::text(status.label())
                    }
                    Some(status) => Cell::text(format!("{} (not a member)", status.label())),
                },
            ));
            row
        })
        .collect();
    Ok(Sheet {
        name: "Attendance".into(),
        title: format!("ILN attendance {year}"),
        columns,
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

pub fn convenings(
    store: &Store,
    year: SchoolYear,
    order: Option<&[ConveningId]>,
) -> Result<Sheet, StoreError> {
    let rows = arrange(store.convenings_in(year)?, order, |c| c.convening.id)
        .into_iter()
        .map(|row| {
            let f = &row.convening.fields;
            vec![
                Cell::Date(f.held_on),
                Cell::text(f.time_text()),
                Cell::text(&f.title),
                Cell::text(f.kind.label()),
                Cell::text(&f.location),
                if row.recorded {
                    Cell::Integer(row.attended as i64)
                } else {
                    Cell::Empty
                },
                Cell::text(&f.notes),
                Cell::Integer(row.convening.id.0),
            ]
        })
        .collect();
    Ok(Sheet {
        name: "Convenings".into(),
        title: format!("ILN convenings {year}"),
        columns: vec![
            col("Date", K::Date, 13.0),
            col("Time", K::Text, 22.0),
            col("Title", K::Text, 34.0),
            col("Kind", K::Text, 22.0),
            col("Location or link", K::Text, 36.0),
            col("Districts attending", K::Integer, 10.0),
            col("Notes", K::Text, 40.0),
            // What `iln-roster import attendance --convening` takes.
            col("No.", K::Integer, 6.0),
        ],
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

/// One convening's attendance sheet as saved.
pub fn convening_attendance(store: &Store, convening: ConveningId) -> Result<Sheet, StoreError> {
    let details = store.convening(convening)?;
    let rows = store
        .attendance_sheet(convening)?
        .into_iter()
        .map(|line| {
            let saved = line.saved.as_ref();
            let came: Vec<&str> = line
                .people
                .iter()
                .filter(|(id, _)| saved.is_some_and(|a| a.people.contains(id)))
                .map(|(_, name)| name.as_str())
                .collect();
            vec![
                Cell::text(&line.district_name),
                Cell::text(saved.map(|a| a.status.label()).unwrap_or("Not recorded")),
                Cell::text(came.join("; ")),
                Cell::text(saved.map(|a| a.note.clone()).unwrap_or_default()),
            ]
        })
        .collect();
    Ok(Sheet {
        name: "Attendance sheet".into(),
        title: format!(
            "{} — {}",
            details.fields.title,
            details.fields.held_on.format("%b %-d, %Y")
        ),
        columns: vec![
            col("District", K::Text, 28.0),
            col("Attendance", K::Text, 12.0),
            col("Who came", K::Text, 40.0),
            col("Note", K::Text, 40.0),
        ],
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

//! The year report for leadership: one workbook with a summary (the
//! Overview's headline figures beside last year's), the roster, the
//! attendance grid, the grants ledger, and the goals members chose.

use std::path::Path;

use chrono::NaiveDate;

use super::{attendance_grid, col, grants, roster};
use crate::bundled::kentucky_districts::ENROLLMENT_YEAR;
use crate::domain::reach::{MapColouring, StudentReach, by_cooperative, share};
use crate::domain::{Money, SchoolYear};
use crate::io::save::{FileFormat, SaveError, save_sheets};
use crate::io::table::{Cell, ChangeUnit, ColumnKind as K, Figure, Sheet, SheetChart};
use crate::store::overview::YearFigures;
use crate::store::{Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Save(#[from] SaveError),
}

/// Every sheet of the report for `year`, as of `today`.
pub fn sheets(store: &Store, year: SchoolYear, today: NaiveDate) -> Result<Vec<Sheet>, StoreError> {
    let overview = store.overview(year, today)?;
    let before = store.overview(year.previous(), today)?;
    let mut attendance = attendance_grid(store, year, None)?;
    attendance.name = "Attendance".into();
    let mut ledger = grants(store, year, today, None)?;
    ledger.name = "Grants".into();
    let members = overview.figures.active.max(1) as f64;
    let goals = Sheet {
        name: "Goals".into(),
        title: format!(
            "Action areas chosen by the {} active members, {year}",
            overview.figures.active
        ),
        columns: vec![
            col("Action area", K::Text, 48.0),
            col("Members", K::Integer, 10.0),
            col("Share of members", K::Percent, 16.0),
        ],
        rows: overview
            .action_areas
            .iter()
            .map(|(area, n)| {
                vec![
                    Cell::text(area.label()),
                    Cell::Integer(*n as i64),
                    Cell::Percent(*n as f64 / members),
                ]
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };
    let learning = learning_goals(store, year)?;
    let network = super::map::network_map(store, year, today)?;
    let mut summary = summary(year, &overview.figures, &before.figures);
    // The map of members beside the figures. Drawing it cannot fail on
    // what the roster holds; were it ever to, the figures stand alone.
    if let Ok(png) = network.picture(MapColouring::Standing).png(1.0) {
        summary.figures.push(Figure::Picture { png, scale: 0.55 });
    }
    Ok(vec![
        summary,
        reach(&network),
        roster(store, year, today, None)?,
        attendance,
        ledger,
        goals,
        learning,
    ])
}

/// Members by cooperative (of each cooperative's districts), and the
/// students in member districts (of all districts' students).
fn reach(network: &super::map::NetworkMap) -> Sheet {
    let cooperatives = by_cooperative(&network.districts);
    let mut rows: Vec<Vec<Cell>> = cooperatives
        .iter()
        .map(|reach| {
            vec![
                Cell::text(
                    reach
                        .cooperative
                        .map_or("No cooperative", |c| c.full_name()),
                ),
                Cell::Integer(reach.members as i64),
                Cell::Integer(reach.districts as i64),
                Cell::Percent(share(reach.members as u64, reach.districts as u64)),
            ]
        })
        .collect();
    let members: usize = cooperatives.iter().map(|r| r.members).sum();
    let districts: usize = cooperatives.iter().map(|r| r.districts).sum();
    rows.push(vec![
        Cell::text("All districts"),
        Cell::Integer(members as i64),
        Cell::Integer(districts as i64),
        Cell::Percent(share(members as u64, districts as u64)),
    ]);
    let students = StudentReach::of(&network.districts);
    Sheet {
        name: "Reach".into(),
        title: format!(
            "Members by cooperative, {}: members of each cooperative's districts",
            network.year
        ),
        columns: vec![
            col("Cooperative", K::Text, 52.0),
            col("Members", K::Integer, 12.0),
            col("Districts", K::Integer, 12.0),
            col("Share", K::Percent, 10.0),
        ],
        rows,
        footer: Some(vec![
            Cell::text(format!(
                "Students in member districts (enrollment {ENROLLMENT_YEAR})"
            )),
            Cell::Integer(students.in_members as i64),
            Cell::Integer(students.in_all as i64),
            Cell::Percent(share(students.in_members, students.in_all)),
        ]),
        figures: Vec::new(),
    }
}

/// Writes the report to `path` (always an Excel workbook).
pub fn save(
    store: &Store,
    year: SchoolYear,
    today: NaiveDate,
    path: &Path,
) -> Result<usize, ReportError> {
    let sheets = sheets(store, year, today)?;
    save_sheets(path, FileFormat::Xlsx, &sheets, |_| true)?;
    Ok(sheets.len())
}

fn summary(year: SchoolYear, now: &YearFigures, before: &YearFigures) -> Sheet {
    // A count this year, last year, and the difference.
    let counted = |label: &str, figure: fn(&YearFigures) -> usize| {
        let (a, b) = (figure(now), figure(before));
        vec![
            Cell::text(label),
            Cell::Integer(a as i64),
            Cell::Integer(b as i64),
            Cell::Change(a as f64 - b as f64, ChangeUnit::Count),
        ]
    };
    // An amount this year, last year, and the difference in dollars.
    let amount = |label: &str, figure: fn(&YearFigures) -> Option<Money>| {
        let (a, b) = (figure(now), figure(before));
        let change = match (a, b) {
            (Some(a), Some(b)) => {
                Cell::Change((a.cents() - b.cents()) as f64 / 100.0, ChangeUnit::Dollars)
            }
            _ => Cell::Empty,
        };
        vec![Cell::text(label), Cell::money(a), Cell::money(b), change]
    };
    let rate = |r: Option<f64>| r.map_or(Cell::Empty, |r| Cell::Percent(r / 100.0));
    let remaining = |f: &YearFigures| match f.remaining() {
        Some(Ok(left)) => Cell::Money(left),
        Some(Err(over)) => Cell::text(format!("{over} over")),
        None => Cell::Empty,
    };
    let rows = vec![
        counted("Active members", |f| f.active),
        counted("Letters pending", |f| f.pending),
        counted("Lapsed", |f| f.lapsed),
        counted("Terminated", |f| f.terminated),
        counted("Convenings held", |f| f.convenings_held),
        vec![
            Cell::text("Average attendance rate"),
            rate(now.average_rate),
            rate(before.average_rate),
            match (now.average_rate, before.average_rate) {
                // Rates are in percent: their difference is in points.
                (Some(a), Some(b)) => Cell::Change(a - b, ChangeUnit::Points),
                _ => Cell::Empty,
            },
        ],
        amount("Travel fund", |f| f.fund),
        amount("Awarded", |f| Some(f.awarded)),
        amount("Paid", |f| Some(f.paid)),
        vec![
            Cell::text("Fund remaining"),
            remaining(now),
            remaining(before),
            match (signed_remaining(now), signed_remaining(before)) {
                (Some(a), Some(b)) => Cell::Change((a - b) as f64 / 100.0, ChangeUnit::Dollars),
                _ => Cell::Empty,
            },
        ],
        counted("Applications waiting for a decision", |f| {
            f.applications_waiting
        }),
    ];
    Sheet {
        name: "Summary".into(),
        title: format!("Kentucky Innovative Learning Network: year report {year}"),
        columns: vec![
            col("Figure", K::Text, 36.0),
            col(&year.to_string(), K::Text, 16.0),
            col(&year.previous().to_string(), K::Text, 16.0),
            col("Change", K::Text, 16.0),
        ],
        rows,
        footer: None,
        // Beside the table: this year against last, counts and money apart
        // so neither dwarfs the other.
        figures: vec![
            Figure::Chart(SheetChart {
                title: "Members and convenings".into(),
                rows: 0..5,
                columns: vec![1, 2],
                axis_format: "#,##0".into(),
            }),
            Figure::Chart(SheetChart {
                title: "Travel Fund".into(),
                rows: 6..9,
                columns: vec![1, 2],
                axis_format: "$#,##0".into(),
            }),
        ],
    }
}

/// What is left of the fund in cents, negative when awards overran it.
fn signed_remaining(figures: &YearFigures) -> Option<i64> {
    figures.remaining().map(|left| match left {
        Ok(left) => left.cents(),
        Err(over) => -over.cents(),
    })
}

/// Each active member's learning goal, big ideas and action areas.
fn learning_goals(store: &Store, year: SchoolYear) -> Result<Sheet, StoreError> {
    let names: std::collections::HashMap<_, _> = store
        .district_list()?
        .into_iter()
        .map(|d| (d.district.id, d.district.fields.name))
        .collect();
    let mut rows: Vec<Vec<Cell>> = store
        .memberships_in(year)?
        .into_iter()
        .filter(|m| m.status == crate::domain::MembershipStatus::Active)
        .map(|m| {
            let join = |labels: Vec<&str>| labels.join("; ");
            vec![
                Cell::text(names.get(&m.district_id).cloned().unwrap_or_default()),
                Cell::text(&m.letter.learning_goal),
                Cell::text(join(m.letter.big_ideas.iter().map(|b| b.label()).collect())),
                Cell::text(join(
                    m.letter.action_areas.iter().map(|a| a.label()).collect(),
                )),
            ]
        })
        .collect();
    rows.sort_by_key(|row| match &row[0] {
        Cell::Text(name) => name.to_lowercase(),
        _ => String::new(),
    });
    Ok(Sheet {
        name: "Learning goals".into(),
        title: format!("Learning goals of the active members, {year}"),
        columns: vec![
            col("District", K::Text, 28.0),
            col("Learning goal", K::Text, 60.0),
            col("Big ideas", K::Text, 40.0),
            col("Action areas", K::Text, 60.0),
        ],
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

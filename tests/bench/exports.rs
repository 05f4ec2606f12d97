//! Exporting the roster and the attendance grid of the 10-year demo roster
//! to CSV and XLSX (reading the store and writing the file), beside the
//! time the `sqlite3` command-line shell takes to write the same rows as CSV;
//! and the whole `iln-roster export roster` process (start, open, read,
//! write, exit) at both scales, beside the shell's whole process.

#[path = "common.rs"]
mod common;

use std::process::{Command, Stdio};

use criterion::{Criterion, criterion_group, criterion_main};
use iln_roster::domain::SchoolYear;
use iln_roster::export::Table;
use iln_roster::io::save::{FileFormat, save_sheets};
use iln_roster::store::Store;

/// The same rows as the app's exports, straight from SQL.
const ROSTER_SQL: &str = "SELECT d.name, d.kde_number, d.nces_id, d.county, d.kind, d.cooperative,
       (SELECT group_concat(c.name, '; ') FROM contact c WHERE c.district_id = d.id AND c.role = 'superintendent'),
       (SELECT group_concat(c.email, '; ') FROM contact c WHERE c.district_id = d.id AND c.role = 'superintendent'),
       (SELECT group_concat(c.name, '; ') FROM contact c WHERE c.district_id = d.id AND c.role = 'point_of_contact'),
       (SELECT group_concat(c.email, '; ') FROM contact c WHERE c.district_id = d.id AND c.role = 'point_of_contact'),
       m.status, m.invited_on, m.received_on, m.district_signed_on, m.kde_signed_on, d.email_domain, d.notes
FROM district d LEFT JOIN membership m ON m.district_id = d.id AND m.school_year = ?1
ORDER BY d.name";
const ATTENDANCE_SQL: &str = "SELECT d.name, c.held_on, c.title, a.status
FROM attendance a JOIN district d ON d.id = a.district_id JOIN convening c ON c.id = a.convening_id
WHERE c.held_on BETWEEN ?1 AND ?2 ORDER BY d.name, c.held_on";

fn sqlite3_csv(db: &std::path::Path, sql: &str, out: &std::path::Path) -> bool {
    let Ok(file) = std::fs::File::create(out) else {
        return false;
    };
    Command::new("sqlite3")
        .arg("-csv")
        .arg(db)
        .arg(sql)
        .stdout(Stdio::from(file))
        .status()
        .is_ok_and(|s| s.success())
}

fn exports(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = common::demo_database(dir.path(), 1);
    let year = SchoolYear::current();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).expect("a folder");
    let store = Store::open(&db).expect("the demo");
    let mut group = c.benchmark_group("export");
    for (table, name) in [(Table::Roster, "roster"), (Table::Attendance, "attendance")] {
        for format in [FileFormat::Csv, FileFormat::Xlsx] {
            let target = out.join(format!("{name}.{}", format.extension()));
            group.bench_function(format!("{name}/{}", format.extension()), |b| {
                b.iter(|| {
                    let sheet = table
                        .sheet(&store, year, iln_roster::domain::today())
                        .expect("the table");
                    save_sheets(&target, format, std::slice::from_ref(&sheet), |_| true)
                        .expect("the file")
                })
            });
        }
    }
    // The shell needs the file to itself: the app holds an exclusive lock.
    drop(store);
    let start = year.first_day().format("%Y-%m-%d").to_string();
    let end = year.last_day().format("%Y-%m-%d").to_string();
    let roster_sql = ROSTER_SQL.replace("?1", &year.start_year().to_string());
    let attendance_sql = ATTENDANCE_SQL
        .replace("?1", &format!("'{start}'"))
        .replace("?2", &format!("'{end}'"));
    let target = out.join("sqlite3.csv");
    if sqlite3_csv(&db, &roster_sql, &target) {
        group.bench_function("roster/sqlite3-cli", |b| {
            b.iter(|| sqlite3_csv(&db, &roster_sql, &target))
        });
        group.bench_function("attendance/sqlite3-cli", |b| {
            b.iter(|| sqlite3_csv(&db, &attendance_sql, &target))
        });
    } else {
        println!("sqlite3 is not installed: no comparison");
    }
    group.finish();
}

/// The command a user runs, as a whole process, on the 10-year demo roster
/// and on its `--scale 10` version.
fn export_process(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let year = SchoolYear::current();
    let roster_sql = ROSTER_SQL.replace("?1", &year.start_year().to_string());
    let target = dir.path().join("roster.csv");
    let mut group = c.benchmark_group("process");
    for scale in [1, 10] {
        let db = common::demo_database(dir.path(), scale);
        group.bench_function(format!("export roster x{scale}"), |b| {
            b.iter(|| {
                // An export never replaces a file it did not make.
                let _ = std::fs::remove_file(&target);
                let status = Command::new(env!("CARGO_BIN_EXE_iln-roster"))
                    .args(["export", "roster", "-o"])
                    .arg(&target)
                    .arg("--db")
                    .arg(&db)
                    .stdout(Stdio::null())
                    .status()
                    .expect("the app runs");
                assert!(status.success());
            })
        });
        if sqlite3_csv(&db, &roster_sql, &target) {
            group.bench_function(format!("sqlite3-cli x{scale}"), |b| {
                b.iter(|| sqlite3_csv(&db, &roster_sql, &target))
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = exports, export_process, map_pictures
}
criterion_main!(benches);

/// The map leaving the app: the year's network read, and its picture as
/// SVG and as PNG (rendered off-screen), on the 10-year demo roster.
fn map_pictures(c: &mut Criterion) {
    use iln_roster::domain::reach::MapColouring;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = common::demo_database(dir.path(), 1);
    let store = iln_roster::store::Store::open(&path).expect("the demo");
    let year = iln_roster::domain::SchoolYear::current();
    let today = iln_roster::domain::today();
    let mut group = c.benchmark_group("map");
    group.sample_size(10);
    group.bench_function("read the year's network", |b| {
        b.iter(|| iln_roster::export::map::network_map(&store, year, today).expect("the map"));
    });
    let network = iln_roster::export::map::network_map(&store, year, today).expect("the map");
    group.bench_function("picture as SVG", |b| {
        b.iter(|| network.picture(MapColouring::Cooperative).svg());
    });
    group.bench_function("picture as PNG", |b| {
        b.iter(|| {
            network
                .picture(MapColouring::Cooperative)
                .png(1.0)
                .expect("the PNG")
        });
    });
    group.finish();
}

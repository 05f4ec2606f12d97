//! Moving the 10-year demo roster: `export everything` to a workbook, then
//! reading that workbook and importing it into an empty roster, as
//! `iln-roster import workbook` does (every sheet, one change).

#[path = "common.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use iln_roster::export::everything::everything;
use iln_roster::import::workbook;
use iln_roster::io::save::{FileFormat, save_sheets};
use iln_roster::store::Store;

fn moving(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = common::demo_database(dir.path(), 1);
    let store = Store::open(&db).expect("the demo");
    let file = dir.path().join("everything.xlsx");
    let mut group = c.benchmark_group("whole_roster");
    group.sample_size(10);
    group.bench_function("export_everything", |b| {
        b.iter(|| {
            let sheets = everything(&store).expect("the sheets");
            save_sheets(&file, FileFormat::Xlsx, &sheets, |_| true).expect("written")
        })
    });
    let mut round = 0;
    group.bench_function("import_workbook_into_empty_roster", |b| {
        b.iter(|| {
            round += 1;
            let mut empty =
                Store::open(&dir.path().join(format!("moved-{round}.sqlite3"))).expect("a roster");
            let book = workbook::read(&file).expect("the workbook");
            let today = iln_roster::domain::today();
            workbook::import(&mut empty, &book, true, today, &mut |_| true).expect("imported")
        })
    });
    group.finish();
}

criterion_group!(benches, moving);
criterion_main!(benches);

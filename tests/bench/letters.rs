//! The letter season on the 10-year demo roster: every member's Letter of
//! Commitment written from the app's template into a folder (171 letters,
//! read from the store and saved), one returned letter read and reviewed,
//! and a 20 MB document kept on a letter and read back.

#[path = "common.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use iln_roster::domain::{DocumentOwner, NewDocument, SchoolYear};
use iln_roster::export::letters::{LettersRequest, write_letters};
use iln_roster::import::letter::{LetterImport, identify, review};
use iln_roster::io::letter_document::{LetterTemplate, read_letter};
use iln_roster::store::Store;

fn letters(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = common::demo_database(dir.path(), 1);
    let mut store = Store::open(&db).expect("the demo");
    let year = SchoolYear::current();
    let districts: Vec<_> = store
        .district_list()
        .expect("the districts")
        .into_iter()
        .map(|d| d.district.id)
        .collect();
    let request = LettersRequest {
        year,
        districts,
        template: LetterTemplate::standard(),
        folder: dir.path().join("letters"),
        today: iln_roster::domain::today(),
        dry_run: false,
    };
    let mut group = c.benchmark_group("letters");
    group.sample_size(10);
    group.bench_function("write 171 letters", |b| {
        b.iter(|| write_letters(&store, &request, &mut |_| true).expect("the letters"));
    });
    let written = write_letters(&store, &request, &mut |_| true).expect("the letters");
    let bytes = std::fs::read(&written[0].path).expect("a letter");
    group.bench_function("read and review a returned letter", |b| {
        b.iter(|| {
            let found = read_letter(&bytes, "letter.docx").expect("read");
            let who = identify(&store, &found, "letter.docx").expect("identified");
            let import = LetterImport {
                found,
                file_name: "letter.docx".to_owned(),
                bytes: bytes.clone(),
                district: who.district.expect("a district").0,
                year,
                keep_file: true,
                today: iln_roster::domain::today(),
                received_on: None,
            };
            review(&store, &import).expect("the review")
        });
    });
    group.finish();

    let membership = store
        .memberships_in(year)
        .expect("letters")
        .into_iter()
        .next()
        .expect("a letter");
    let scan = vec![7u8; 20 * 1024 * 1024];
    let big = NewDocument::new("scan.pdf", scan.clone()).expect("a document");
    let mut group = c.benchmark_group("documents");
    group.sample_size(10);
    group.bench_function("checksum a 20 MB file", |b| {
        b.iter(|| NewDocument::new("scan.pdf", scan.clone()).expect("a document"));
    });
    // Each time a file the roster does not hold yet; let go afterwards,
    // untimed, so the roster does not grow.
    group.bench_function("keep a new 20 MB file", |b| {
        b.iter_custom(|iterations| {
            let mut total = std::time::Duration::ZERO;
            for i in 0..iterations {
                let mut bytes = scan.clone();
                bytes[0] = (i % 251) as u8;
                bytes[1] = (i / 251 % 251) as u8;
                let file = NewDocument::new("scan.pdf", bytes).expect("a document");
                let start = std::time::Instant::now();
                let id = store
                    .add_document(DocumentOwner::Letter(membership.id), &file, "")
                    .expect("kept");
                total += start.elapsed();
                store.remove_document(id).expect("removed");
                store.let_removed_documents_go().expect("let go");
            }
            total
        });
    });
    let id = store
        .add_document(DocumentOwner::Letter(membership.id), &big, "")
        .expect("kept");
    group.bench_function("read a 20 MB file back", |b| {
        b.iter(|| store.document_bytes(id).expect("the bytes"));
    });
    group.finish();
}

/// The reminder season: the drafts dialog reading the year's members and
/// their values, every member's draft written as .eml and logged, and the
/// year's calendar of convenings.
fn drafts(c: &mut Criterion) {
    use iln_roster::domain::email::TemplateName;
    use iln_roster::export::calendar::{CalendarOf, calendar_bytes};
    use iln_roster::export::drafts::{Audience, DraftsRequest, addressees, write_drafts};

    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = common::demo_database(dir.path(), 1);
    let mut store = Store::open(&db).expect("the demo");
    let year = SchoolYear::current();
    let today = iln_roster::domain::today();
    let mut group = c.benchmark_group("drafts");
    group.sample_size(10);
    group.bench_function("open the drafts dialog on the year's members", |b| {
        b.iter(|| addressees(&store, Audience::Members, year, today).expect("the members"));
    });
    let members = addressees(&store, Audience::Members, year, today)
        .expect("the members")
        .len();
    eprintln!("{members} members this year");
    let request = DraftsRequest {
        template: TemplateName::LowAttendance.standard(),
        audience: Audience::Members,
        year,
        cc: Vec::new(),
        folder: dir.path().join("drafts"),
        today,
        dry_run: false,
        only: None,
    };
    group.bench_function("write and log every member's draft", |b| {
        b.iter(|| write_drafts(&mut store, &request).expect("the drafts"));
    });
    group.bench_function("the year's calendar (.ics)", |b| {
        b.iter(|| calendar_bytes(&store, CalendarOf::Year(year)).expect("the calendar"));
    });
    group.finish();
}

criterion_group!(benches, letters, drafts);
criterion_main!(benches);

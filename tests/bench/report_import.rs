//! Importing a 10,000-row participant report into the 10-year demo roster:
//! reading the file, matching every participant, and recording attendance,
//! as `iln-roster import attendance` does.

#[path = "common.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use iln_roster::domain::SchoolYear;
use iln_roster::domain::participants::{Matcher, ParticipantMatch};
use iln_roster::io::participant_report::read_participant_report;
use iln_roster::store::{ReportAttendee, ReportRecord, Store};

/// A Zoom report: the network's contacts (some rejoining), and strangers.
fn zoom_report(store: &Store, rows: usize) -> Vec<u8> {
    let contacts = store.all_contacts().expect("contacts");
    let mut text = String::from(
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n",
    );
    for i in 0..rows {
        let (name, email) = match contacts.get(i % (contacts.len() + 50)) {
            Some(c) => (c.fields.name.clone(), c.fields.email.clone()),
            None => (format!("Guest {i}"), format!("guest{i}@example.org")),
        };
        text.push_str(&format!(
            "{name},{email},10/08/2025 09:58:12 AM,10/08/2025 11:00:00 AM,62,No\n"
        ));
    }
    text.into_bytes()
}

fn import(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let db = common::demo_database(dir.path(), 1);
    let mut store = Store::open(&db).expect("the demo");
    let report = zoom_report(&store, 10_000);
    let convening = store
        .convenings_in(SchoolYear::current())
        .expect("convenings")
        .first()
        .expect("a convening")
        .convening
        .id;
    c.bench_function("participant_report/10000_rows", |b| {
        b.iter(|| {
            let parsed = read_participant_report(&report).expect("the report");
            let (contacts, districts) = store.matching_keys().expect("keys");
            let rules = store.report_rules().expect("the settings");
            let matcher = Matcher::new(&contacts, &districts, &rules);
            let attendees: Vec<ReportAttendee> = parsed
                .participants
                .iter()
                .filter_map(|p| match matcher.find(p) {
                    ParticipantMatch::Contact { contact, district } => Some(ReportAttendee {
                        district,
                        contact: Some(contact),
                        new_contact: None,
                        minutes: p.minutes,
                    }),
                    ParticipantMatch::Domain { district } => Some(ReportAttendee {
                        district,
                        contact: None,
                        new_contact: None,
                        minutes: p.minutes,
                    }),
                    _ => None,
                })
                .collect();
            store
                .record_report_attendance(
                    convening,
                    &attendees,
                    &ReportRecord {
                        fingerprint: parsed.fingerprint(),
                        file_name: "zoom.csv".to_owned(),
                        people: parsed.participants.len(),
                    },
                )
                .expect("recorded")
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10).measurement_time(std::time::Duration::from_secs(3));
    targets = import
}
criterion_main!(benches);

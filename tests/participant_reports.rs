//! Participant reports from Zoom and Teams, read from the fixture files
//! under tests/fixtures/reports and matched against a roster.

use chrono::NaiveDate;
use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::participants::{
    ContactKey, ParticipantMatch, ReportRules, match_participant,
};
use iln_roster::domain::{ContactFields, ContactId, ContactRole, DistrictDraft, DistrictId};
use iln_roster::io::participant_report::{ReportError, ReportSource, read_participant_report};
use iln_roster::store::Store;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn a_zoom_report_with_meeting_details_above_the_table() {
    let report = read_participant_report(&fixture("zoom_with_details.csv")).unwrap();
    assert_eq!(report.source, ReportSource::Zoom);
    assert_eq!(
        report.meeting.as_deref(),
        Some("KY ILN Monthly Convening – September")
    );
    let names: Vec<&str> = report
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "Rob Collins",
            "Travis Hamby",
            "J. Ellis",
            "Morgan Blake",
            "Riley Chen",
            "Casey Moore",
            "iPad"
        ]
    );
    let hamby = &report.participants[1];
    assert_eq!(
        (hamby.rows, hamby.minutes),
        (2, Some(57)),
        "two rows merged, minutes from their times (57 min 9 s; Zoom rounds each row up)"
    );
    let ellis = &report.participants[2];
    assert_eq!(ellis.original_name.as_deref(), Some("Jordan Ellis"));
    assert_eq!(
        report.participants[3].email.as_deref(),
        Some("morgan.blake@adair.kyschools.us"),
        "lower-cased"
    );
    let guest = &report.participants[5];
    assert!(
        guest.guest && guest.email.is_none(),
        "a guest without email is kept"
    );
}

#[test]
fn one_person_on_several_rows_is_one_participant() {
    let report = read_participant_report(&fixture("zoom_rejoins.csv")).unwrap();
    assert_eq!(report.participants.len(), 2);
    assert_eq!(report.participants[0].rows, 3);
    assert_eq!(report.participants[0].minutes, Some(59));
    assert_eq!(
        report.participants[1].name, "Blake, Morgan",
        "quoted commas stay in the name"
    );
}

/// A blank row left in the table (a file edited by hand) drops nobody after
/// it.
#[test]
fn a_blank_row_in_the_table_drops_nobody() {
    let report = read_participant_report(
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\r\n\
          Travis Hamby,travis.hamby@allen.kyschools.us,10/08/2025 10:00:00 AM,10/08/2025 11:00:00 AM,60\r\n\
          ,,,,\r\n\
          \r\n\
          Pat Doe,pat.doe@boone.kyschools.us,10/08/2025 10:00:00 AM,10/08/2025 11:00:00 AM,60\r\n",
    )
    .unwrap();
    let names: Vec<&str> = report
        .participants
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(names, ["Travis Hamby", "Pat Doe"]);
}

#[test]
fn a_teams_report_in_utf16_with_tabs() {
    let report = read_participant_report(&fixture("teams_attendance_utf16.csv")).unwrap();
    assert_eq!(report.source, ReportSource::Teams);
    assert_eq!(
        report.meeting_date,
        NaiveDate::from_ymd_opt(2025, 10, 8),
        "Teams writes the year in two digits: 10/8/25 is 2025"
    );
    assert_eq!(
        report.meeting.as_deref(),
        Some("KY ILN Monthly Convening – October")
    );
    let people: Vec<(&str, Option<&str>, Option<u32>)> = report
        .participants
        .iter()
        .map(|p| (p.name.as_str(), p.email.as_deref(), p.minutes))
        .collect();
    assert_eq!(
        people,
        [
            (
                "Travis Hamby",
                Some("travis.hamby@allen.kyschools.us"),
                Some(62)
            ),
            (
                "Morgan Blake",
                Some("morgan.blake@adair.kyschools.us"),
                Some(60)
            ),
            ("Sam Ortiz", None, Some(30)),
            (
                "Rob Collins",
                Some("robert.collins@education.ky.gov"),
                Some(63)
            ),
        ],
        "the participants table only; the activity section below is not read twice"
    );
    assert!(report.participants[1].guest, "(External) is a guest marker");
}

#[test]
fn files_that_are_not_reports_say_what_was_expected() {
    assert_eq!(
        read_participant_report(&fixture("empty.csv")),
        Err(ReportError::Empty)
    );
    assert_eq!(
        read_participant_report(&fixture("random.bin")),
        Err(ReportError::Binary)
    );
    let error = read_participant_report(&fixture("not_a_report.csv")).unwrap_err();
    assert_eq!(error, ReportError::NoParticipantTable);
    assert!(
        error
            .to_string()
            .contains("Expected the participants CSV from Zoom")
    );
    assert_eq!(
        read_participant_report(b"Name,Email,Join Time\r\n\r\n"),
        Err(ReportError::NoParticipants)
    );
}

#[test]
fn participants_are_matched_by_contact_email_then_domain_then_suggested_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
    store.add_districts(&kentucky_districts().unwrap()).unwrap();
    let list = store.district_list().unwrap();
    let district = |name: &str| {
        list.iter()
            .find(|d| d.district.fields.name == name)
            .unwrap()
            .district
            .clone()
    };
    let (allen, adair, barren) = (
        district("Allen County"),
        district("Adair County"),
        district("Barren County"),
    );
    let hamby = store
        .insert_contact(
            allen.id,
            &ContactFields {
                name: "Travis Hamby".into(),
                email: "travis.hamby@allen.kyschools.us".into(),
                role: ContactRole::Superintendent,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let casey = store
        .insert_contact(
            barren.id,
            &ContactFields {
                name: "Casey Moore".into(),
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    for (d, domain) in [
        (&allen, "allen.kyschools.us"),
        (&adair, "adair.kyschools.us"),
    ] {
        let mut fields = d.fields.clone();
        fields.email_domain = domain.into();
        let fields = DistrictDraft::from(&fields)
            .validate(Some(d.id), [])
            .unwrap();
        store.update_district(d.id, &fields).unwrap();
    }
    let (contacts, districts) = store.matching_keys().unwrap();

    let report = read_participant_report(&fixture("zoom_with_details.csv")).unwrap();
    let outcome = |name: &str| {
        let p = report.participants.iter().find(|p| p.name == name).unwrap();
        match_participant(p, &contacts, &districts, &ReportRules::default())
    };
    assert_eq!(
        outcome("Travis Hamby"),
        ParticipantMatch::Contact {
            contact: hamby,
            district: allen.id
        }
    );
    assert_eq!(
        outcome("J. Ellis"),
        ParticipantMatch::Domain { district: allen.id }
    );
    assert_eq!(
        outcome("Morgan Blake"),
        ParticipantMatch::Domain { district: adair.id }
    );
    assert!(
        matches!(outcome("Casey Moore"), ParticipantMatch::Suggestion { contact: Some(c), .. } if c == casey)
    );
    assert_eq!(
        outcome("Riley Chen"),
        ParticipantMatch::Unmatched,
        "barren has no domain on file"
    );
    assert_eq!(
        outcome("Rob Collins"),
        ParticipantMatch::Organiser,
        "KDE staff organise: they belong to no district"
    );
    assert_eq!(outcome("iPad"), ParticipantMatch::Unmatched);
}

proptest::proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2048)) {
        let _ = read_participant_report(&bytes);
    }

    #[test]
    fn arbitrary_text_with_a_header_never_panics(body in "\\PC{0,400}") {
        let text = format!("Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes)\n{body}");
        let _ = read_participant_report(text.as_bytes());
    }
}

/// Teams' older attendance list: a row per action, UTF-16 in either byte
/// order, no emails. Joins and leaves pair into minutes; someone never
/// seen leaving stayed until the list's last action.
#[test]
fn teams_older_attendance_list_in_both_byte_orders() {
    for name in ["teams_list_utf16le.csv", "teams_list_utf16be.csv"] {
        let report = read_participant_report(&fixture(name)).unwrap();
        assert_eq!(report.source, ReportSource::TeamsList, "{name}");
        assert_eq!(
            report.meeting_date,
            NaiveDate::from_ymd_opt(2025, 10, 8),
            "{name}"
        );
        let people: Vec<(&str, Option<u32>, usize, bool)> = report
            .participants
            .iter()
            .map(|p| (p.name.as_str(), p.minutes, p.rows, p.guest))
            .collect();
        assert_eq!(
            people,
            [
                ("Rob Collins", Some(70), 1, false),
                ("Travis Hamby", Some(57), 2, false),
                ("Morgan Blake", Some(20), 1, true),
                ("Sam Ortiz", Some(25), 1, false),
            ],
            "{name}"
        );
        assert!(report.participants.iter().all(|p| p.email.is_none()));
    }
}

/// With no emails, everyone is listed for the user: a name only suggests.
#[test]
fn a_list_without_emails_only_suggests() {
    let report = read_participant_report(&fixture("teams_list_utf16le.csv")).unwrap();
    let contacts = vec![ContactKey {
        id: ContactId(1),
        district: DistrictId(5),
        name: "Travis Hamby".into(),
        email: "travis.hamby@allen.kyschools.us".into(),
    }];
    for participant in &report.participants {
        let found = match_participant(participant, &contacts, &[], &ReportRules::default());
        assert_eq!(found.certain_district(), None, "{}", participant.name);
    }
}

/// Zoom's waiting room is not time in the meeting; organisers are known by
/// their domain; a brief visit does not count once a minimum is set.
#[test]
fn waiting_room_organisers_and_the_minimum() {
    let report = read_participant_report(&fixture("zoom_waiting_room_organisers.csv")).unwrap();
    let travis = report
        .participants
        .iter()
        .find(|p| p.name == "Travis Hamby")
        .unwrap();
    assert_eq!((travis.minutes, travis.rows), (Some(59), 1));
    assert!(
        report
            .participants
            .iter()
            .all(|p| p.name != "Waiting Wendy"),
        "only ever in the waiting room"
    );
    assert_eq!(report.meeting_date, NaiveDate::from_ymd_opt(2025, 11, 12));
    let rules = ReportRules {
        min_minutes: 10,
        ..ReportRules::default()
    };
    let organisers: Vec<&str> = report
        .participants
        .iter()
        .filter(|p| match_participant(p, &[], &[], &rules) == ParticipantMatch::Organiser)
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(organisers, ["Rob Collins", "Kim Park"]);
    let short: Vec<&str> = report
        .participants
        .iter()
        .filter(|p| rules.too_short(p))
        .map(|p| p.name.as_str())
        .collect();
    assert_eq!(short, ["Morgan Blake"]);
}

/// The same people with the same minutes make the same fingerprint,
/// whatever the file's encoding.
#[test]
fn a_report_has_the_same_fingerprint_in_either_byte_order() {
    let le = read_participant_report(&fixture("teams_list_utf16le.csv")).unwrap();
    let be = read_participant_report(&fixture("teams_list_utf16be.csv")).unwrap();
    assert_eq!(le.fingerprint(), be.fingerprint());
    let zoom = read_participant_report(&fixture("zoom_rejoins.csv")).unwrap();
    assert_ne!(le.fingerprint(), zoom.fingerprint());
}

/// A file that writes dates day first is read so throughout, and a span
/// longer than a day is a misread, not a meeting.
#[test]
fn day_first_dates_are_read_as_the_file_writes_them() {
    let text = "Name,Email,Join Time,Leave Time,Duration (Minutes)\n\
                Pat Doe,pat@allen.kyschools.us,07/10/2026 09:00,07/10/2026 10:00,60\n\
                Lee Roe,lee@allen.kyschools.us,13/10/2026 10:00,13/10/2026 10:30,30\n\
                Kim Poe,kim@allen.kyschools.us,07/10/2026 09:00,07/10/2099 11:00,45\n";
    let report = read_participant_report(text.as_bytes()).unwrap();
    assert_eq!(report.meeting_date, NaiveDate::from_ymd_opt(2026, 10, 7));
    let minutes: Vec<Option<u32>> = report.participants.iter().map(|p| p.minutes).collect();
    assert_eq!(
        minutes,
        [Some(60), Some(30), Some(45)],
        "a 73-year span is not time in the meeting"
    );
}

/// The same people in another order are the same report; a report with no
/// time at all has no known day; Teams' list keeps someone only seen
/// leaving (there from the list's first action) and counts what it passed
/// over.
#[test]
fn order_missing_times_and_rows_passed_over() {
    let report = read_participant_report(&fixture("zoom_rejoins.csv")).unwrap();
    let mut reversed = report.clone();
    reversed.participants.reverse();
    assert_eq!(report.fingerprint(), reversed.fingerprint());

    let no_times =
        read_participant_report(b"Name,User Email,Duration (Minutes)\nPat,pat@x.org,30\n").unwrap();
    assert!(no_times.dates_unreadable);

    let list = "Full Name\tUser Action\tTimestamp\n\
                Rob Collins\tJoined\t10/8/2025, 9:55:00 AM\n\
                Olivia Gibson\tLeft\t10/8/2025, 10:25:00 AM\n\
                Pat Doe\tWaved\t10/8/2025, 10:00:00 AM\n\
                Sam Ortiz\tJoined\tbanana\n\
                Rob Collins\tLeft\t10/8/2025, 11:05:00 AM\n";
    let report = read_participant_report(list.as_bytes()).unwrap();
    let people: Vec<(&str, Option<u32>)> = report
        .participants
        .iter()
        .map(|p| (p.name.as_str(), p.minutes))
        .collect();
    assert_eq!(
        people,
        [("Rob Collins", Some(70)), ("Olivia Gibson", Some(30))]
    );
    assert_eq!(
        report.passed_over, 2,
        "an unknown action and a time that cannot be read"
    );
}

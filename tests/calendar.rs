//! Calendar invitations: a convening's `.ics` parsed back with an
//! independent iCalendar parser (the `ical` crate): its time in Kentucky's
//! Eastern or Central time with the zone's definition, the same UID after
//! a change with a higher SEQUENCE, an all-day event for a convening
//! without a time, its organiser; and `export calendar` on the command line.

mod common;

use chrono::NaiveTime;
use common::cli::{assert_fails_saying, roster, stdout};
use ical::parser::ical::component::{IcalCalendar, IcalEvent};
use iln_roster::domain::{
    ConveningFields, ConveningId, ConveningKind, KentuckyTime, NetworkPersonFields, NetworkRole,
};
use iln_roster::export::calendar::{CalendarOf, calendar_bytes};
use iln_roster::store::Store;

fn parse(bytes: &[u8]) -> IcalCalendar {
    let mut calendars = ical::IcalParser::new(std::io::BufReader::new(bytes));
    let calendar = calendars.next().expect("a calendar").expect("it parses");
    assert!(calendars.next().is_none(), "one calendar per file");
    calendar
}

/// A property's value and its parameters.
fn property<'a>(event: &'a IcalEvent, name: &str) -> (&'a str, Vec<(String, Vec<String>)>) {
    let found = event
        .properties
        .iter()
        .find(|p| p.name == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", event.properties));
    (
        found.value.as_deref().unwrap_or_default(),
        found.params.clone().unwrap_or_default(),
    )
}

fn fall_convening(store: &mut Store) -> ConveningId {
    let organiser = store
        .insert_network_person(&NetworkPersonFields {
            name: "Dana Frost".into(),
            organisation: "KDE Division of Innovation".into(),
            email: "dana.frost@education.ky.gov".into(),
            role: NetworkRole::KdeStaff,
            active: true,
            ..NetworkPersonFields::default()
        })
        .unwrap();
    store
        .insert_convening(&ConveningFields {
            held_on: common::date(2026, 9, 10),
            title: "Fall convening, West; “Deeper learning”".into(),
            kind: ConveningKind::InPerson,
            location: "WKU, Bowling Green, KY".into(),
            starts_at: NaiveTime::from_hms_opt(9, 0, 0),
            ends_at: NaiveTime::from_hms_opt(15, 30, 0),
            time_zone: KentuckyTime::Central,
            description: "Bring your team's learning goal.\nLunch is provided.".into(),
            organiser: Some(organiser),
            notes: "Ask about parking (not for the invitation)".into(),
        })
        .unwrap()
}

#[test]
fn a_convening_parses_back_with_its_central_time_and_organiser() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
    let id = fall_convening(&mut store);
    let calendar = parse(&calendar_bytes(&store, CalendarOf::One(id)).unwrap());
    assert_eq!(calendar.events.len(), 1);
    let event = &calendar.events[0];
    assert_eq!(
        property(event, "SUMMARY").0,
        "Fall convening\\, West\\; “Deeper learning”"
    );
    assert_eq!(
        property(event, "DESCRIPTION").0,
        "Bring your team's learning goal.\\nLunch is provided."
    );
    assert_eq!(property(event, "LOCATION").0, "WKU\\, Bowling Green\\, KY");
    let (start, params) = property(event, "DTSTART");
    assert_eq!(start, "20260910T090000");
    assert_eq!(
        params,
        vec![("TZID".to_owned(), vec!["America/Chicago".to_owned()])]
    );
    assert_eq!(property(event, "DTEND").0, "20260910T153000");
    assert_eq!(property(event, "SEQUENCE").0, "0");
    let (organiser, params) = property(event, "ORGANIZER");
    assert_eq!(organiser, "mailto:dana.frost@education.ky.gov");
    assert!(
        params
            .iter()
            .any(|(k, v)| k == "CN" && v[0].contains("Dana Frost"))
    );
    // The consultant's notes stay in the app.
    let text = String::from_utf8(calendar_bytes(&store, CalendarOf::One(id)).unwrap()).unwrap();
    assert!(!text.contains("parking"));
    // The zone it names is defined in the file; the other is not.
    let zones: Vec<&str> = calendar
        .timezones
        .iter()
        .flat_map(|z| &z.properties)
        .filter(|p| p.name == "TZID")
        .filter_map(|p| p.value.as_deref())
        .collect();
    assert_eq!(zones, ["America/Chicago"]);
    // A time zone has no DTSTAMP or UID of its own (RFC 5545 allows none).
    let zone_text =
        &text[text.find("BEGIN:VTIMEZONE").unwrap()..text.find("END:VTIMEZONE").unwrap()];
    assert!(
        !zone_text.contains("DTSTAMP") && !zone_text.contains("UID"),
        "{zone_text}"
    );
    // Lines are CRLF and folded at 75 octets, as RFC 5545 says.
    assert!(text.lines().all(|line| line.len() <= 76), "{text}");
    assert!(text.contains("\r\n"));
}

#[test]
fn a_changed_convening_keeps_its_uid_and_counts_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
    let id = fall_convening(&mut store);
    let uid_and_sequence = |store: &Store| {
        let calendar = parse(&calendar_bytes(store, CalendarOf::One(id)).unwrap());
        let event = &calendar.events[0];
        (
            property(event, "UID").0.to_owned(),
            property(event, "SEQUENCE").0.to_owned(),
        )
    };
    let (uid, sequence) = uid_and_sequence(&store);
    assert_eq!(sequence, "0");
    assert!(
        uid.len() > 30 && uid.ends_with("@iln-roster.education.ky.gov"),
        "{uid}"
    );

    // Moved an hour later: the same entry, a newer version of it.
    let mut fields = store.convening(id).unwrap().fields;
    fields.starts_at = NaiveTime::from_hms_opt(10, 0, 0);
    store.update_convening(id, &fields).unwrap();
    assert_eq!(uid_and_sequence(&store), (uid.clone(), "1".to_owned()));

    // The consultant's own notes are not the calendar's business.
    fields.notes = "Parking at the south lot".into();
    store.update_convening(id, &fields).unwrap();
    assert_eq!(uid_and_sequence(&store), (uid.clone(), "1".to_owned()));

    // Undo takes the convening back to 9:00, which calendars that have
    // version 1 must take as news: the sequence goes on up, never back.
    // Redo (10:00 again) is news once more.
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(
        store.convening(id).unwrap().fields.starts_at,
        NaiveTime::from_hms_opt(9, 0, 0)
    );
    assert_eq!(uid_and_sequence(&store), (uid.clone(), "2".to_owned()));
    store.redo().unwrap();
    assert_eq!(uid_and_sequence(&store), (uid.clone(), "3".to_owned()));
    store.redo().unwrap();
    assert_eq!(
        uid_and_sequence(&store),
        (uid.clone(), "3".to_owned()),
        "notes only"
    );
    store.undo().unwrap();
    assert_eq!(
        uid_and_sequence(&store),
        (uid.clone(), "3".to_owned()),
        "notes only"
    );

    // Another convening is another entry.
    let other = store
        .insert_convening(&ConveningFields {
            held_on: common::date(2026, 10, 8),
            title: "October call".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    let calendar = parse(&calendar_bytes(&store, CalendarOf::One(other)).unwrap());
    assert_ne!(property(&calendar.events[0], "UID").0, uid);
}

#[test]
fn a_convening_without_a_time_is_an_all_day_event_and_eastern_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
    store
        .insert_convening(&ConveningFields {
            held_on: common::date(2026, 10, 8),
            title: "October call".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    store
        .insert_convening(&ConveningFields {
            held_on: common::date(2026, 11, 12),
            title: "November call".into(),
            starts_at: NaiveTime::from_hms_opt(15, 30, 0),
            location: "https://kde.zoom.us/j/123".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    let year = iln_roster::domain::SchoolYear::containing(common::date(2026, 10, 8));
    let calendar = parse(&calendar_bytes(&store, CalendarOf::Year(year)).unwrap());
    assert_eq!(calendar.events.len(), 2);
    let (start, params) = property(&calendar.events[0], "DTSTART");
    assert_eq!(start, "20261008");
    assert!(params.iter().any(|(k, v)| k == "VALUE" && v == &["DATE"]));
    assert_eq!(property(&calendar.events[0], "DTEND").0, "20261009");
    let (start, params) = property(&calendar.events[1], "DTSTART");
    assert_eq!(start, "20261112T153000");
    assert_eq!(params[0].1, ["America/New_York"]);
    // Without an end, an hour.
    assert_eq!(property(&calendar.events[1], "DTEND").0, "20261112T163000");
    assert_eq!(
        property(&calendar.events[1], "URL").0,
        "https://kde.zoom.us/j/123"
    );
}

#[test]
fn export_calendar_writes_the_year_or_one_convening_and_refuses_wrong_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        fall_convening(&mut store);
    }
    let year = "--year=2026-2027";
    let out = dir.path().join("convenings.ics");
    let path = out.to_str().unwrap();

    let dry = roster(&db, &["export", "calendar", year, "-o", path, "--dry-run"]);
    assert!(dry.status.success(), "{dry:?}");
    assert!(stdout(&dry).contains("Would write the 2026-2027 convenings (1 event)"));
    assert!(!out.exists());

    let done = roster(&db, &["export", "calendar", year, "-o", path]);
    assert!(done.status.success(), "{done:?}");
    let calendar = parse(&std::fs::read(&out).unwrap());
    assert_eq!(calendar.events.len(), 1);

    let one = dir.path().join("fall.ics");
    let by_date = roster(
        &db,
        &[
            "export",
            "calendar",
            "--convening",
            "2026-09-10",
            "-o",
            one.to_str().unwrap(),
        ],
    );
    assert!(by_date.status.success(), "{by_date:?}");
    assert!(stdout(&by_date).contains("“Fall convening"));

    assert_fails_saying(
        &roster(&db, &["export", "calendar", year, "-o", "x.xlsx"]),
        "end its name in .ics",
    );
    assert_fails_saying(
        &roster(&db, &["export", "calendar", "--year=2020-2021", "-o", path]),
        "no convenings in 2020-2021",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["export", "calendar", "--convening", "99", "-o", path],
        ),
        "no convening number 99",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["export", "calendar", year, "-o", db.to_str().unwrap()],
        ),
        "database",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["export", "convenings", "--convening", "1", "-o", "x.csv"],
        ),
        "--convening is for a calendar",
    );
}

#[test]
fn a_convening_invitation_draft_carries_its_calendar_entry() {
    use iln_roster::domain::email::TemplateName;
    use iln_roster::domain::{ContactFields, ContactRole};
    use iln_roster::export::drafts::{Audience, DraftsRequest, write_drafts};
    use mail_parser::{MessageParser, MimeHeaders as _};

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
    common::with_kentucky(&mut store);
    common::make_active(&mut store, "Warren County");
    let warren = common::id_of(&store, "Warren County");
    store
        .insert_contact(
            warren,
            &ContactFields {
                name: "Rob Clayton".into(),
                email: "rob.clayton@warren.kyschools.us".into(),
                role: ContactRole::Superintendent,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let id = store
        .insert_convening(&ConveningFields {
            held_on: common::day(120),
            title: "Winter convening".into(),
            location: "Bowling Green".into(),
            starts_at: NaiveTime::from_hms_opt(9, 0, 0),
            ends_at: NaiveTime::from_hms_opt(15, 0, 0),
            time_zone: KentuckyTime::Central,
            ..ConveningFields::default()
        })
        .unwrap();
    let template = store
        .email_template(TemplateName::ConveningInvitation)
        .unwrap();
    let made = write_drafts(
        &mut store,
        &DraftsRequest {
            template,
            audience: Audience::Convening(id),
            year: common::this_year(),
            cc: Vec::new(),
            folder: dir.path().join("drafts"),
            today: common::today(),
            dry_run: false,
            only: None,
        },
    )
    .unwrap();
    assert_eq!(made.prepared.len(), 1, "{:?}", made.skipped);
    let bytes = std::fs::read(&made.prepared[0].path).unwrap();
    let message = MessageParser::default().parse(&bytes).unwrap();
    let body = message.body_text(0).unwrap();
    assert!(
        body.contains("(9:00 AM – 3:00 PM CT) at Bowling Green"),
        "{body}"
    );
    let attachment = message.attachment(0).expect("the calendar entry");
    assert!(attachment.attachment_name().unwrap().ends_with(".ics"));
    let content_type = attachment.content_type().expect("its type");
    assert_eq!(content_type.ctype(), "text");
    assert_eq!(content_type.subtype(), Some("calendar"));
    assert_eq!(
        content_type.attribute("charset"),
        Some("utf-8"),
        "UTF-8 titles read as written"
    );
    let calendar = parse(attachment.contents());
    assert_eq!(
        property(&calendar.events[0], "SUMMARY").0,
        "Winter convening"
    );
}

//! Convenings and attendance in the store, on temporary database files.

mod common;

use common::{Roster, date, id_of, signed_in, year};
use std::collections::BTreeSet;

use chrono::NaiveDate;
use iln_roster::domain::participants::ReportRules;
use iln_roster::domain::{
    Attendance, AttendanceRules, AttendanceStatus, ContactFields, ContactId, ContactRole,
    ConveningFields, ConveningKind, DistrictId, ExcusedPolicy, Letter, MembershipStatus,
    convening::attendance_rate,
};
use iln_roster::store::{ReportAttendee, ReportRecord, Store, StoreError, recorded_cells};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    allen: DistrictId,
    adair: DistrictId,
    boone: DistrictId,
}

/// Allen active from August, Adair received in November, Boone only invited.
fn network() -> Fixture {
    let Roster { dir, mut store } = Roster::kentucky();
    let id = |name: &str| id_of(&store, name);
    let (allen, adair, boone) = (id("Allen County"), id("Adair County"), id("Boone County"));
    let active = signed_in(year());
    store
        .save_membership(allen, year(), MembershipStatus::Active, &active)
        .unwrap();
    let received = Letter {
        received_on: Some(date(2025, 11, 1)),
        ..Letter::default()
    };
    store
        .save_membership(adair, year(), MembershipStatus::Received, &received)
        .unwrap();
    let invited = Letter {
        invited_on: Some(date(2025, 5, 1)),
        ..Letter::default()
    };
    store
        .save_membership(boone, year(), MembershipStatus::Invited, &invited)
        .unwrap();
    Fixture {
        _dir: dir,
        store,
        allen,
        adair,
        boone,
    }
}

fn call(on: NaiveDate, title: &str) -> ConveningFields {
    ConveningFields {
        held_on: on,
        title: title.into(),
        kind: ConveningKind::Virtual,
        location: "https://zoom.us/j/81234567890".into(),
        notes: String::new(),
        ..ConveningFields::default()
    }
}

fn line(district: DistrictId, status: AttendanceStatus) -> Attendance {
    Attendance {
        district,
        status,
        people: BTreeSet::new(),
        note: String::new(),
    }
}

#[test]
fn a_sheet_lists_the_districts_that_were_members_on_the_day() {
    let mut f = network();
    let september = f
        .store
        .insert_convening(&call(date(2025, 9, 10), "September call"))
        .unwrap();
    let december = f
        .store
        .insert_convening(&call(date(2025, 12, 10), "December call"))
        .unwrap();
    let names = |store: &Store, id| {
        store
            .attendance_sheet(id)
            .unwrap()
            .into_iter()
            .map(|l| (l.district_id, l.member))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&f.store, september),
        [(f.allen, true)],
        "Adair's letter came in November"
    );
    assert_eq!(
        names(&f.store, december),
        [(f.adair, true), (f.allen, true)]
    );
    // A non-member with a saved line stays on the sheet.
    f.store
        .save_attendance_sheet(
            september,
            &[
                line(f.allen, AttendanceStatus::Attended),
                line(f.boone, AttendanceStatus::Attended),
            ],
        )
        .unwrap();
    assert_eq!(
        names(&f.store, september),
        [(f.allen, true), (f.boone, false)]
    );
    let year_list = f.store.convenings_in(year()).unwrap();
    assert_eq!(year_list.len(), 2);
    assert_eq!(
        (year_list[0].attended, year_list[0].recorded),
        (1, true),
        "Boone's line is kept but not counted: it was not a member"
    );
    assert_eq!((year_list[1].attended, year_list[1].recorded), (0, false));
}

#[test]
fn a_sheet_is_saved_whole_or_not_at_all() {
    let mut f = network();
    let allen_person = f
        .store
        .insert_contact(
            f.allen,
            &ContactFields {
                name: "Travis Hamby".into(),
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let adair_person = f
        .store
        .insert_contact(
            f.adair,
            &ContactFields {
                name: "Morgan Blake".into(),
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let december = f
        .store
        .insert_convening(&call(date(2025, 12, 10), "December call"))
        .unwrap();
    let mut allen = line(f.allen, AttendanceStatus::Attended);
    allen.people.insert(allen_person);
    allen.note = "Brought two principals".into();
    f.store
        .save_attendance_sheet(
            december,
            &[allen.clone(), line(f.adair, AttendanceStatus::Excused)],
        )
        .unwrap();

    // Naming another district's contact fails the whole save.
    let mut wrong = line(f.adair, AttendanceStatus::Attended);
    wrong.people.insert(allen_person);
    let error = f
        .store
        .save_attendance_sheet(december, &[line(f.allen, AttendanceStatus::Absent), wrong])
        .unwrap_err();
    assert!(matches!(error, StoreError::Refused(_)), "{error:?}");

    let sheet = f.store.attendance_sheet(december).unwrap();
    let saved: Vec<_> = sheet.iter().filter_map(|l| l.saved.clone()).collect();
    assert_eq!(
        saved,
        [line(f.adair, AttendanceStatus::Excused), allen],
        "the first save is intact"
    );
    assert_eq!(sheet[0].people, [(adair_person, "Morgan Blake".to_owned())]);
    let error = f.store.delete_contact(allen_person).unwrap_err();
    assert!(matches!(error, StoreError::ContactInUse(_)), "{error:?}");
}

#[test]
fn the_grid_and_rates_follow_membership_dates() {
    let mut f = network();
    let calls = [
        date(2025, 9, 10),
        date(2025, 10, 8),
        date(2025, 11, 12),
        date(2025, 12, 10),
        date(2026, 1, 14),
    ];
    let ids: Vec<_> = calls
        .iter()
        .map(|d| f.store.insert_convening(&call(*d, "Monthly call")).unwrap())
        .collect();
    use AttendanceStatus::{Absent, Attended, Excused};
    f.store
        .save_attendance_sheet(ids[0], &[line(f.allen, Attended)])
        .unwrap();
    f.store
        .save_attendance_sheet(ids[1], &[line(f.allen, Absent)])
        .unwrap();
    f.store
        .save_attendance_sheet(ids[2], &[line(f.allen, Attended), line(f.adair, Attended)])
        .unwrap();
    f.store
        .save_attendance_sheet(ids[3], &[line(f.allen, Attended), line(f.adair, Excused)])
        .unwrap();
    // January's sheet is not saved yet: it does not count.

    let grid = f.store.attendance_grid(year()).unwrap();
    assert_eq!(grid.convenings.len(), 5);
    assert_eq!(grid.recorded, [true, true, true, true, false]);
    let names: Vec<&str> = grid.rows.iter().map(|r| r.district_name.as_str()).collect();
    assert_eq!(
        names,
        ["Adair County", "Allen County"],
        "members only: Boone is invited"
    );
    let rate = |row: usize, rules| {
        attendance_rate(
            grid.rows[row].span,
            recorded_cells(&grid, &grid.rows[row]),
            rules,
        )
    };
    let rules = AttendanceRules::default();
    assert_eq!(rate(1, rules).label(), "75%");
    assert_eq!(
        rate(0, rules).label(),
        "100%",
        "Adair: one counted, the excused one left out"
    );
    let strict = AttendanceRules {
        excused: ExcusedPolicy::AsAbsent,
        ..rules
    };
    assert_eq!(rate(0, strict).label(), "50%");
    assert_eq!(
        grid.rows[0].cells,
        [None, None, Some(Attended), Some(Excused), None]
    );
}

#[test]
fn attendance_settings_are_kept() {
    let mut f = network();
    assert_eq!(
        f.store.attendance_rules().unwrap(),
        AttendanceRules::default()
    );
    let rules = AttendanceRules {
        threshold_percent: 60,
        excused: ExcusedPolicy::AsAttended,
        min_convenings: 5,
    };
    f.store.set_attendance_rules(rules).unwrap();
    assert_eq!(f.store.attendance_rules().unwrap(), rules);
}

#[test]
fn recording_a_report_twice_changes_nothing_the_second_time() {
    let mut f = network();
    let hamby = allens_superintendent(&mut f);
    // Allen and Adair are members by then; Boone was only invited.
    let september = f
        .store
        .insert_convening(&call(date(2025, 11, 12), "November call"))
        .unwrap();
    let newcomer = ContactFields {
        name: "Riley Chen".into(),
        email: "riley.chen@adair.kyschools.us".into(),
        active: true,
        ..ContactFields::default()
    };
    let first = [
        ReportAttendee {
            district: f.allen,
            contact: Some(hamby),
            new_contact: None,
            minutes: None,
        },
        ReportAttendee {
            district: f.adair,
            contact: None,
            new_contact: Some(newcomer),
            minutes: None,
        },
        ReportAttendee {
            district: f.boone,
            contact: None,
            new_contact: None,
            minutes: None,
        },
    ];
    let summary = f
        .store
        .record_report_attendance(september, &first, &report("first"))
        .unwrap();
    assert_eq!(
        (
            summary.districts_marked,
            summary.people_added,
            summary.contacts_created,
            summary.not_members
        ),
        (2, 2, 1, 1)
    );
    let sheet = f.store.attendance_sheet(september).unwrap();
    assert!(
        sheet.iter().all(|line| line.district_id != f.boone),
        "a district that was not a member is not recorded"
    );

    // The second time the newcomer is a contact, found by email.
    let (contacts, _) = f.store.matching_keys().unwrap();
    let riley = contacts
        .iter()
        .find(|c| c.email == "riley.chen@adair.kyschools.us")
        .unwrap()
        .id;
    let again = [
        ReportAttendee {
            district: f.allen,
            contact: Some(hamby),
            new_contact: None,
            minutes: None,
        },
        ReportAttendee {
            district: f.adair,
            contact: Some(riley),
            new_contact: None,
            minutes: None,
        },
    ];
    let summary = f
        .store
        .record_report_attendance(september, &again, &report("again"))
        .unwrap();
    assert_eq!(
        (
            summary.districts_marked,
            summary.people_added,
            summary.contacts_created
        ),
        (0, 0, 0)
    );
    assert_eq!(f.store.contacts_of(f.adair).unwrap().len(), 1);
}

/// A line saved while the district was a member stays when the convening
/// moves to a day it was not one, but no count takes it: not the list's
/// "attending", not the grid's rate, not the sheet's members.
#[test]
fn a_line_from_a_day_the_district_was_not_a_member_is_kept_but_not_counted() {
    let mut f = network();
    // Adair's letter came in on Nov 1.
    let november = f
        .store
        .insert_convening(&call(date(2025, 11, 12), "November call"))
        .unwrap();
    let attended = |district| line(district, AttendanceStatus::Attended);
    f.store
        .save_attendance_sheet(november, &[attended(f.allen), attended(f.adair)])
        .unwrap();
    let attending = |f: &Fixture| f.store.convenings_in(year()).unwrap()[0].attended;
    assert_eq!(attending(&f), 2);

    // Moved to October: Adair was not a member yet.
    f.store
        .update_convening(november, &call(date(2025, 10, 15), "November call"))
        .unwrap();
    assert_eq!(attending(&f), 1, "only members count as attending");
    let sheet = f.store.attendance_sheet(november).unwrap();
    let adair = sheet.iter().find(|l| l.district_id == f.adair).unwrap();
    assert!(!adair.member && adair.saved.is_some(), "kept, shown apart");
    let grid = f.store.attendance_grid(year()).unwrap();
    let row = grid.rows.iter().find(|r| r.district_id == f.adair).unwrap();
    assert_eq!(row.cells[0], Some(AttendanceStatus::Attended));
    assert!(!row.counts_on(date(2025, 10, 15)));
    let rate = iln_roster::domain::convening::attendance_rate(
        row.span,
        iln_roster::store::recorded_cells(&grid, row),
        AttendanceRules::default(),
    );
    assert_eq!(rate.counted, 0, "not in its rate");
}

/// Allen's superintendent, whose email a report matches.
fn allens_superintendent(f: &mut Fixture) -> ContactId {
    f.store
        .insert_contact(
            f.allen,
            &ContactFields {
                name: "Travis Hamby".into(),
                email: "travis.hamby@allen.kyschools.us".into(),
                role: ContactRole::Superintendent,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap()
}

/// The report a recording came from, as the tests name it.
fn report(fingerprint: &str) -> ReportRecord {
    ReportRecord {
        fingerprint: fingerprint.to_owned(),
        file_name: format!("{fingerprint}.csv"),
        people: 2,
    }
}

/// Minutes in the meeting are kept with the attendance they support (the
/// line the most of its people's, each person their own), shown on the
/// sheet, kept when the sheet is saved, and the report is known again.
#[test]
fn minutes_are_kept_with_the_attendance_and_a_report_is_known_again() {
    let mut f = network();
    let hamby = allens_superintendent(&mut f);
    let call_id = f
        .store
        .insert_convening(&call(date(2025, 11, 12), "November call"))
        .unwrap();
    assert_eq!(f.store.report_recorded(call_id, "abc").unwrap(), None);
    let attendees = [
        ReportAttendee {
            district: f.allen,
            contact: Some(hamby),
            new_contact: None,
            minutes: Some(57),
        },
        ReportAttendee {
            district: f.allen,
            contact: None,
            new_contact: None,
            minutes: Some(63),
        },
    ];
    f.store
        .record_report_attendance(call_id, &attendees, &report("abc"))
        .unwrap();
    let sheet = f.store.attendance_sheet(call_id).unwrap();
    let allen = sheet.iter().find(|l| l.district_id == f.allen).unwrap();
    assert_eq!(allen.minutes, Some(63));
    assert_eq!(allen.person_minutes.get(&hamby), Some(&57));
    let (recorded_on, file) = f.store.report_recorded(call_id, "abc").unwrap().unwrap();
    assert_eq!(file, "abc.csv");
    assert_eq!(recorded_on, chrono::Local::now().date_naive());
    let (attended, noted) = f.store.recorded_attendance(call_id).unwrap();
    assert!(attended.contains(&f.allen) && noted.contains(&hamby));

    // Saving the sheet (a note typed) keeps the minutes.
    let mut lines: Vec<Attendance> = sheet.iter().filter_map(|l| l.saved.clone()).collect();
    lines[0].note = "Stayed to the end".into();
    f.store.save_attendance_sheet(call_id, &lines).unwrap();
    let sheet = f.store.attendance_sheet(call_id).unwrap();
    let allen = sheet.iter().find(|l| l.district_id == f.allen).unwrap();
    assert_eq!(allen.minutes, Some(63));
    assert_eq!(allen.person_minutes.get(&hamby), Some(&57));

    // Undo takes the recording back whole, report included.
    f.store.undo().unwrap();
    f.store.undo().unwrap();
    assert_eq!(f.store.report_recorded(call_id, "abc").unwrap(), None);
}

#[test]
fn report_settings_are_kept() {
    let mut f = network();
    assert_eq!(f.store.report_rules().unwrap(), ReportRules::default());
    let rules = ReportRules {
        min_minutes: 15,
        organiser_domains: vec!["education.ky.gov".into(), "kde.ky.gov".into()],
    };
    f.store.set_report_rules(&rules).unwrap();
    assert_eq!(f.store.report_rules().unwrap(), rules);
}

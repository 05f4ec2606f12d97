// Amounts in cents are written dollars_cents, e.g. 4_500_00 for $4,500.00.
#![allow(clippy::inconsistent_digit_grouping)]

//! Change history and undo/redo in the store: one entry per change with its
//! rows before and after, none for a failed change, and undo that puts the
//! database back exactly (checked over random sequences of changes).

mod common;

use common::{Roster, date, year};
use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::{
    Attendance, AttendanceRules, AttendanceStatus, ContactFields, ContactRole, ConveningFields,
    DistrictFields, DistrictId, ExcusedPolicy, GrantFields, GrantStatus, Letter, MembershipStatus,
    Money,
};
use iln_roster::store::Store;
use iln_roster::store::history::{HistoryFilter, RowAction};
use proptest::prelude::*;

fn district(name: &str, kde: &str) -> DistrictFields {
    DistrictFields {
        name: name.into(),
        kde_number: kde.into(),
        county: "Adair".into(),
        ..DistrictFields::default()
    }
}

fn trip(district: DistrictId) -> GrantFields {
    GrantFields {
        city: "Cedar Rapids".into(),
        state: "IA".into(),
        travelers: 3,
        ..GrantFields::new(
            district,
            year(),
            "Iowa BIG",
            (date(2025, 10, 6), date(2025, 10, 8)),
            Money::from_cents(4_500_00).unwrap(),
        )
    }
}

fn signed() -> Letter {
    Letter {
        received_on: Some(date(2025, 8, 1)),
        district_signatory: "Superintendent".into(),
        district_signed_on: Some(date(2025, 8, 1)),
        kde_signatory: "Rob Collins".into(),
        kde_signed_on: Some(date(2025, 8, 5)),
        ..Letter::default()
    }
}

fn entries(store: &Store) -> usize {
    store.history(&HistoryFilter::default()).unwrap().len()
}

#[test]
fn each_change_is_one_entry_with_its_rows_before_and_after() {
    let mut store = Roster::empty();
    let id = store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    let mut fields = district("Test Academy", "950");
    fields.notes = "Pilot".into();
    store.update_district(id, &fields).unwrap();
    store.set_district_archived(id, true).unwrap();

    let history = store.history(&HistoryFilter::default()).unwrap();
    assert_eq!(history.len(), 3);
    // Newest first.
    let update = &history[1];
    assert_eq!(update.rows.len(), 1);
    let row = &update.rows[0];
    assert_eq!(row.table, "district");
    assert_eq!(row.action, RowAction::Update);
    assert_eq!(row.changed_fields(), ["notes"]);
    assert_eq!(row.before.as_ref().unwrap()["notes"], "");
    assert_eq!(row.after.as_ref().unwrap()["notes"], "Pilot");
    assert_eq!(update.summary, "Changed district Test Academy: Notes Pilot");
    assert_eq!(history[2].summary, "Added district Test Academy");
    assert_eq!(history[0].rows[0].changed_fields(), ["archived_at"]);

    // Saving without a change records nothing.
    store.update_district(id, &fields).unwrap();
    assert_eq!(entries(&store), 3);
}

#[test]
fn every_kind_of_record_is_recorded() {
    let mut store = Roster::empty();
    let id = store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    let contact = store
        .insert_contact(
            id,
            &ContactFields {
                name: "Pat Doe".into(),
                role: ContactRole::Superintendent,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    store
        .save_membership(id, year(), MembershipStatus::Active, &signed())
        .unwrap();
    let convening = store
        .insert_convening(&ConveningFields {
            held_on: date(2025, 9, 10),
            title: "Fall convening".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    store
        .save_attendance_sheet(
            convening,
            &[Attendance {
                district: id,
                status: AttendanceStatus::Attended,
                people: [contact].into(),
                note: String::new(),
            }],
        )
        .unwrap();
    store
        .save_grant(None, GrantStatus::Draft, &trip(id), common::today())
        .unwrap();
    store
        .set_attendance_rules(AttendanceRules {
            threshold_percent: 60,
            excused: ExcusedPolicy::default(),
            min_convenings: 2,
        })
        .unwrap();
    store
        .set_grant_fund(year(), Money::from_cents(10_000_00).unwrap())
        .unwrap();

    let history = store.history(&HistoryFilter::default()).unwrap();
    assert_eq!(history.len(), 8, "one entry per change");
    let tables: Vec<&str> = history
        .iter()
        .rev()
        .map(|e| e.rows[0].table.as_str())
        .collect();
    assert_eq!(
        tables,
        [
            "district",
            "contact",
            "membership",
            "convening",
            "attendance",
            "grant_application",
            "setting",
            "grant_fund"
        ]
    );
    // A record's own history.
    let key = format!("{{\"id\":{}}}", id.0);
    let own = store
        .history(&HistoryFilter {
            record: Some(("district".into(), key)),
            ..HistoryFilter::default()
        })
        .unwrap();
    assert_eq!(own.len(), 1);
    // The district's form lists its contacts' changes too.
    let with_people = store.district_history(id.0).unwrap();
    assert_eq!(with_people.len(), 2);
    assert_eq!(
        with_people[0].summary,
        "Added contact Pat Doe (Test Academy)"
    );
}

#[test]
fn a_failed_change_leaves_no_entry() {
    let mut store = Roster::empty();
    store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    // Same KDE number: refused by the database.
    assert!(store.insert_district(&district("Other", "950")).is_err());
    // An import that fails half-way rolls back, history included.
    assert_eq!(entries(&store), 1);
    let id = store.district_list().unwrap()[0].district.id;
    store
        .save_membership(id, year(), MembershipStatus::Active, &signed())
        .unwrap();
    assert!(store.delete_district(id).is_err(), "it has history");
    assert_eq!(entries(&store), 2);
}

#[test]
fn undo_and_redo_round_trip_a_delete_and_an_import_sized_change() {
    let mut store = Roster::empty();
    store.add_districts(&kentucky_districts().unwrap()).unwrap();
    let start = store.content_snapshot().unwrap();
    let adair = store.district_list().unwrap()[0].district.id;
    store
        .insert_contact(
            adair,
            &ContactFields {
                name: "Pat Doe".into(),
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let with_contact = store.content_snapshot().unwrap();
    store.delete_district(adair).unwrap();
    assert_ne!(store.content_snapshot().unwrap(), with_contact);

    assert_eq!(
        store.undo().unwrap().as_deref(),
        Some("Deleted district Adair County and 1 more record")
    );
    assert_eq!(
        store.content_snapshot().unwrap(),
        with_contact,
        "district and contact back"
    );
    assert!(store.redo().unwrap().is_some());
    assert!(store.district(adair).is_err());
    store.undo().unwrap();
    store.undo().unwrap();
    assert_eq!(store.content_snapshot().unwrap(), start);
    // Undo of the 171 districts takes them all at once.
    store.undo().unwrap();
    assert!(store.district_list().unwrap().is_empty());
    assert_eq!(store.undo().unwrap(), None, "nothing left to undo");
    // A new change ends what could be redone.
    store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    assert_eq!(store.redo().unwrap(), None);
}

#[test]
fn one_change_is_undone_on_its_own_unless_a_later_one_touched_its_records() {
    let mut store = Roster::empty();
    let academy = store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    let school = store
        .insert_district(&district("Test School", "951"))
        .unwrap();
    let noted = |note: &str, name: &str, kde: &str| DistrictFields {
        notes: note.into(),
        ..district(name, kde)
    };
    store
        .update_district(academy, &noted("First note", "Test Academy", "950"))
        .unwrap();
    store
        .update_district(school, &noted("School note", "Test School", "951"))
        .unwrap();
    store
        .update_district(academy, &noted("Second note", "Test Academy", "950"))
        .unwrap();
    let id_of = |store: &Store, summary: &str| {
        store
            .history(&HistoryFilter::default())
            .unwrap()
            .into_iter()
            .find(|e| e.summary.ends_with(summary))
            .unwrap()
            .id
    };

    // The school's note: nothing later touched the school.
    let school_note = id_of(&store, "School note");
    assert_eq!(
        store.undo_one(school_note).unwrap(),
        "Changed district Test School: Notes School note"
    );
    assert_eq!(store.district(school).unwrap().fields.notes, "");
    assert_eq!(
        store.district(academy).unwrap().fields.notes,
        "Second note",
        "the later change to another record stays"
    );
    let again = store.undo_one(school_note).unwrap_err().to_string();
    assert!(again.contains("is already undone"), "{again}");

    // The academy's first note: its second note came later.
    let first_note = id_of(&store, "Notes First note");
    let refused = store.undo_one(first_note).unwrap_err().to_string();
    assert!(
        refused.contains("later changes touched the same records or depend on them")
            && refused.contains("First note → Second note")
            && refused.contains("Undo those first"),
        "{refused}"
    );
    assert_eq!(store.district(academy).unwrap().fields.notes, "Second note");
    // Once the later one is undone, the first can go on its own.
    let second_note = id_of(&store, "Second note");
    store.undo_one(second_note).unwrap();
    store.undo_one(first_note).unwrap();
    assert_eq!(store.district(academy).unwrap().fields.notes, "");
    // Ctrl+Z still works on what is left, and redo brings back the last undo.
    assert!(store.redo().unwrap().is_some());
    assert_eq!(store.district(academy).unwrap().fields.notes, "First note");
}

#[test]
fn a_change_others_depend_on_is_not_undone_on_its_own() {
    let mut store = Roster::empty();
    let academy = store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    store
        .insert_contact(
            academy,
            &ContactFields {
                name: "Pat Doe".into(),
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let before = store.content_snapshot().unwrap();
    let history = store.history(&HistoryFilter::default()).unwrap();
    let (added, contact) = (history[1].id, history[0].id);
    // Found without writing (a dry run says the same), naming the change.
    let checked = store.check_undo_one(added).unwrap_err().to_string();
    let refused = store.undo_one(added).unwrap_err().to_string();
    assert_eq!(checked, refused);
    assert!(
        refused.contains(&format!(
            "#{contact} “Added contact Pat Doe (Test Academy)”"
        )),
        "{refused}"
    );
    assert_eq!(store.content_snapshot().unwrap(), before, "nothing changed");
    assert_eq!(entries(&store), 2, "a refused undo leaves no entry");
}

#[test]
fn a_letter_is_not_undone_from_under_the_attendance_that_counts_it() {
    let mut store = Roster::kentucky();
    let adair = store.district_list().unwrap()[0].district.id;
    store
        .save_membership(adair, year(), MembershipStatus::Active, &signed())
        .unwrap();
    let letter = store.history(&HistoryFilter::default()).unwrap()[0].id;
    let call = store
        .insert_convening(&ConveningFields {
            held_on: date(2025, 9, 10),
            title: "September call".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    store
        .save_attendance_sheet(
            call,
            &[Attendance {
                district: adair,
                status: AttendanceStatus::Attended,
                people: Default::default(),
                note: String::new(),
            }],
        )
        .unwrap();
    let refused = store.undo_one(letter).unwrap_err().to_string();
    assert!(
        refused.contains("depend on them") && refused.contains("attendance"),
        "{refused}"
    );
    assert!(
        store.membership_of(adair, year()).unwrap().is_some(),
        "kept"
    );
}

#[test]
fn a_saved_attendance_sheet_is_named_by_its_convening() {
    let mut store = Roster::kentucky();
    let list = store.district_list().unwrap();
    let (adair, allen) = (list[0].district.id, list[1].district.id);
    for district in [adair, allen] {
        store
            .save_membership(district, year(), MembershipStatus::Active, &signed())
            .unwrap();
    }
    let call = store
        .insert_convening(&ConveningFields {
            held_on: date(2025, 9, 10),
            title: "September call".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    let line = |district, status| Attendance {
        district,
        status,
        people: Default::default(),
        note: String::new(),
    };
    store
        .save_attendance_sheet(
            call,
            &[
                line(adair, AttendanceStatus::Attended),
                line(allen, AttendanceStatus::Absent),
            ],
        )
        .unwrap();
    assert_eq!(
        store.history(&HistoryFilter::default()).unwrap()[0].summary,
        "Recorded attendance at September call (Sep 10, 2025): 1 attended, 1 absent"
    );
}

#[test]
fn a_change_undone_redone_and_undone_again_is_undone() {
    let mut store = Roster::empty();
    let academy = store
        .insert_district(&district("Test Academy", "950"))
        .unwrap();
    let mut fields = district("Test Academy", "950");
    fields.notes = "Pilot".into();
    store.update_district(academy, &fields).unwrap();
    let noted = store.history(&HistoryFilter::default()).unwrap()[0].id;
    store.undo().unwrap();
    store.redo().unwrap();
    store.undo().unwrap();
    assert_eq!(store.district(academy).unwrap().fields.notes, "");
    let refused = store.undo_one(noted).unwrap_err().to_string();
    assert!(refused.contains("is already undone"), "{refused}");
    let shown = store.history(&HistoryFilter::default()).unwrap();
    let original = shown.iter().find(|e| e.id == noted).unwrap();
    assert!(original.undone, "History marks it undone");
}

#[test]
fn start_next_year_is_undone_at_once() {
    let mut store = Roster::empty();
    store.add_districts(&kentucky_districts().unwrap()).unwrap();
    for d in store.district_list().unwrap().iter().take(5) {
        store
            .save_membership(d.district.id, year(), MembershipStatus::Active, &signed())
            .unwrap();
    }
    let before = store.content_snapshot().unwrap();
    assert_eq!(store.start_next_year(year(), date(2026, 5, 1)).unwrap(), 5);
    assert!(store.undo().unwrap().is_some());
    assert_eq!(store.content_snapshot().unwrap(), before);
}

#[derive(Clone, Debug)]
enum Op {
    AddDistrict(u16),
    Rename(usize, u16),
    Archive(usize, bool),
    Delete(usize),
    AddContact(usize),
    Letter(usize),
    Convening(u8),
    Fund(u32),
    Undo,
    Redo,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (100u16..999).prop_map(Op::AddDistrict),
        (0usize..8, 0u16..999).prop_map(|(i, n)| Op::Rename(i, n)),
        (0usize..8, any::<bool>()).prop_map(|(i, a)| Op::Archive(i, a)),
        (0usize..8).prop_map(Op::Delete),
        (0usize..8).prop_map(Op::AddContact),
        (0usize..8).prop_map(Op::Letter),
        (1u8..28).prop_map(Op::Convening),
        (1u32..100_000).prop_map(Op::Fund),
        Just(Op::Undo),
        Just(Op::Redo),
    ]
}

/// Applies a change (refused ones, such as duplicates, change nothing).
fn apply(store: &mut Store, op: &Op) {
    let ids: Vec<DistrictId> = store
        .district_list()
        .unwrap()
        .iter()
        .map(|d| d.district.id)
        .collect();
    let pick = |i: usize| ids.get(i % ids.len().max(1)).copied();
    let result = match op {
        Op::AddDistrict(n) => store
            .insert_district(&district(&format!("District {n}"), &format!("{n:03}")))
            .map(|_| ()),
        Op::Rename(i, n) => match pick(*i) {
            Some(id) => {
                let mut fields = store.district(id).unwrap().fields;
                fields.name = format!("Renamed {n}");
                store.update_district(id, &fields)
            }
            None => return,
        },
        Op::Archive(i, archived) => match pick(*i) {
            Some(id) => store.set_district_archived(id, *archived),
            None => return,
        },
        Op::Delete(i) => match pick(*i) {
            Some(id) => store.delete_district(id),
            None => return,
        },
        Op::AddContact(i) => match pick(*i) {
            Some(id) => store
                .insert_contact(
                    id,
                    &ContactFields {
                        name: "Pat Doe".into(),
                        active: true,
                        ..ContactFields::default()
                    },
                )
                .map(|_| ()),
            None => return,
        },
        Op::Letter(i) => match pick(*i) {
            Some(id) => store
                .save_membership(id, year(), MembershipStatus::Active, &signed())
                .map(|_| ()),
            None => return,
        },
        Op::Convening(day) => store
            .insert_convening(&ConveningFields {
                held_on: date(2025, 10, u32::from(*day)),
                title: format!("Convening {day}"),
                ..ConveningFields::default()
            })
            .map(|_| ()),
        Op::Fund(cents) => {
            store.set_grant_fund(year(), Money::from_cents(i64::from(*cents)).unwrap())
        }
        Op::Undo | Op::Redo => return,
    };
    let _refused_or_done = result;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn undoing_everything_returns_to_the_start(ops in prop::collection::vec(op(), 1..25)) {
        let mut store = Roster::empty();
        store.insert_district(&district("Adair County", "001")).unwrap();
        let start = store.content_snapshot().unwrap();
        let mut undoable = 0usize;
        for op in &ops {
            match op {
                // Undo and redo move along the same stack: count through them.
                // Never past the start: what came before is not ours to undo.
                Op::Undo if undoable > 0 => {
                    prop_assert!(store.undo().unwrap().is_some());
                    undoable -= 1;
                }
                Op::Undo => {}
                Op::Redo => { if store.redo().unwrap().is_some() { undoable += 1; } }
                other => {
                    let before = entries(&store);
                    apply(&mut store, other);
                    // A change that changed nothing leaves no entry to undo.
                    undoable += entries(&store) - before;
                }
            }
        }
        for _ in 0..undoable {
            prop_assert!(store.undo().unwrap().is_some());
        }
        prop_assert_eq!(store.content_snapshot().unwrap(), start);
    }
}

/// A form reads its record at a change; a save from it over a later change
/// to that record (an undo here) is refused, while other records' changes
/// do not matter. Every kind of record a form edits is told apart.
#[test]
fn a_save_over_a_later_change_to_its_record_is_refused() {
    use iln_roster::store::{Record, StoreError};
    let mut store = Roster::empty();
    let allen = store
        .insert_district(&district("Allen County", "005"))
        .unwrap();
    let adair = store
        .insert_district(&district("Adair County", "001"))
        .unwrap();
    store
        .save_membership(allen, year(), MembershipStatus::Active, &signed())
        .unwrap();
    let convening = store
        .insert_convening(&ConveningFields {
            held_on: date(2025, 9, 10),
            title: "September call".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    let grant = store
        .save_grant(None, GrantStatus::Draft, &trip(allen), common::today())
        .unwrap();
    let seen = store.latest_change().unwrap();
    let records = [
        Record::District(allen),
        Record::Letter(allen, year()),
        Record::Convening(convening),
        Record::AttendanceSheet(convening),
        Record::Grant(grant),
    ];
    for record in records {
        store.ensure_unchanged_since(record, seen).unwrap();
    }

    // Another district's change touches none of them.
    let mut renamed = district("Adair County Schools", "001");
    renamed.notes = "x".into();
    store.update_district(adair, &renamed).unwrap();
    for record in records {
        assert!(!store.changed_since(record, seen).unwrap(), "{record:?}");
    }

    // Each change, then undone: the record changed after `seen` either way.
    store
        .update_district(allen, &district("Allen Co.", "005"))
        .unwrap();
    store.undo().unwrap();
    let mut letter = signed();
    letter.learning_goal = "Grade growth".into();
    store
        .save_membership(allen, year(), MembershipStatus::Active, &letter)
        .unwrap();
    store
        .save_attendance_sheet(
            convening,
            &[Attendance {
                district: allen,
                status: AttendanceStatus::Attended,
                people: Default::default(),
                note: String::new(),
            }],
        )
        .unwrap();
    let moved = ConveningFields {
        held_on: date(2025, 9, 11),
        title: "September call".into(),
        ..ConveningFields::default()
    };
    store.update_convening(convening, &moved).unwrap();
    let mut fields = trip(allen);
    fields.city = "Des Moines".into();
    store
        .save_grant(Some(grant), GrantStatus::Draft, &fields, common::today())
        .unwrap();
    for record in records {
        assert!(
            matches!(
                store.ensure_unchanged_since(record, seen),
                Err(StoreError::ChangedElsewhere(_))
            ),
            "{record:?}"
        );
    }
    let now = store.latest_change().unwrap();
    for record in records {
        store.ensure_unchanged_since(record, now).unwrap();
    }
}

/// Another program writing to the file (or a write of the app's outside a
/// change) cannot slip past the history: the write is refused.
#[test]
fn a_write_outside_a_change_cannot_bypass_the_history() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&path).unwrap();
        store
            .insert_district(&district("Allen County", "005"))
            .unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    for sql in [
        "INSERT INTO district (name, name_key, kde_number, kind) VALUES ('Adair', 'adair', '001', 'county')",
        "UPDATE district SET notes = 'behind its back'",
        "DELETE FROM district",
    ] {
        assert!(conn.execute(sql, []).is_err(), "{sql}");
    }
    drop(conn);
    let store = Store::open(&path).unwrap();
    let list = store.district_list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].district.fields.notes, "");
}

/// A change says which tables it wrote, so that only what shows them is
/// read again; an undo writes the same tables back.
#[test]
fn the_tables_a_change_wrote_are_known() {
    use iln_roster::store::StoredTable;
    let mut store = Roster::empty();
    let before = store.latest_change().unwrap();
    assert!(store.tables_changed_since(before).unwrap().is_empty());
    store
        .add_districts(&iln_roster::bundled::kentucky_districts::kentucky_districts().unwrap())
        .unwrap();
    let after_districts = store.latest_change().unwrap();
    assert_eq!(
        store
            .tables_changed_since(before)
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        [StoredTable::District]
    );
    let year = iln_roster::domain::SchoolYear::current();
    store
        .set_grant_fund(year, iln_roster::domain::Money::from_cents(100).unwrap())
        .unwrap();
    assert_eq!(
        store
            .tables_changed_since(after_districts)
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        [StoredTable::GrantFund]
    );
    let after_fund = store.latest_change().unwrap();
    store.undo().unwrap();
    assert_eq!(
        store
            .tables_changed_since(after_fund)
            .unwrap()
            .into_iter()
            .collect::<Vec<_>>(),
        [StoredTable::GrantFund]
    );
}

#[test]
fn a_change_of_a_letter_s_people_alone_is_named() {
    let mut roster = Roster::kentucky();
    let adair = roster.id("Adair County");
    let pat = roster
        .insert_contact(
            adair,
            &ContactFields {
                name: "Pat Doe".into(),
                role: ContactRole::PointOfContact,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let mut letter = signed();
    letter.points_of_contact = vec![pat];
    roster
        .save_membership(adair, year(), MembershipStatus::Active, &letter)
        .unwrap();
    letter.points_of_contact.clear();
    roster
        .save_membership(adair, year(), MembershipStatus::Active, &letter)
        .unwrap();
    let history = roster.history(&HistoryFilter::default()).unwrap();
    assert_eq!(
        history[0].summary,
        "Changed the points of contact on 1 letter"
    );
}

// Amounts in cents are written dollars_cents, e.g. 4_500_00 for $4,500.00.
#![allow(clippy::inconsistent_digit_grouping)]

//! Travel Fund Grants in the store, on temporary database files.

mod common;

use common::{Roster, date, id_of, signed_in, year};

use iln_roster::domain::{
    ContactFields, DistrictId, GrantFields, GrantStatus, Letter, MembershipStatus, Money, Standing,
};
use iln_roster::store::{SCHEMA_VERSION, Store, StoreError};

fn cents(c: i64) -> Money {
    Money::from_cents(c).unwrap()
}

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    allen: DistrictId,
    adair: DistrictId,
}

/// Allen active in 2025-2026; Adair only received.
fn network() -> Fixture {
    let Roster { dir, mut store } = Roster::kentucky();
    let id = |name: &str| id_of(&store, name);
    let (allen, adair) = (id("Allen County"), id("Adair County"));
    let active = signed_in(year());
    store
        .save_membership(allen, year(), MembershipStatus::Active, &active)
        .unwrap();
    let received = Letter {
        received_on: Some(date(2025, 8, 1)),
        ..Letter::default()
    };
    store
        .save_membership(adair, year(), MembershipStatus::Received, &received)
        .unwrap();
    Fixture {
        _dir: dir,
        store,
        allen,
        adair,
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
            cents(4_500_00),
        )
    }
}

#[test]
fn an_application_runs_its_course_with_its_history_in_order() {
    let mut f = network();
    let mut fields = trip(f.allen);
    let id = f
        .store
        .save_grant(None, GrantStatus::Draft, &fields, common::today())
        .unwrap();
    fields.received_on = Some(date(2025, 9, 1));
    f.store
        .save_grant(Some(id), GrantStatus::Submitted, &fields, common::today())
        .unwrap();
    f.store
        .save_grant(Some(id), GrantStatus::UnderReview, &fields, common::today())
        .unwrap();
    fields.decided_on = Some(date(2025, 9, 15));
    fields.awarded = Some(cents(4_000_00));
    f.store
        .save_grant(Some(id), GrantStatus::Awarded, &fields, common::today())
        .unwrap();
    fields.paid_on = Some(date(2025, 10, 20));
    fields.paid = Some(cents(3_912_40));
    f.store
        .save_grant(Some(id), GrantStatus::Paid, &fields, common::today())
        .unwrap();
    fields.report_on = Some(date(2025, 11, 12));
    f.store
        .save_grant(Some(id), GrantStatus::Closed, &fields, common::today())
        .unwrap();

    let saved = f.store.grant(id).unwrap();
    assert_eq!(saved.status, GrantStatus::Closed);
    assert_eq!(saved.fields, fields);
    use GrantStatus as S;
    let history: Vec<_> = f
        .store
        .grant_history(id)
        .unwrap()
        .into_iter()
        .map(|c| (c.from, c.to))
        .collect();
    assert_eq!(
        history,
        [
            (None, S::Draft),
            (Some(S::Draft), S::Submitted),
            (Some(S::Submitted), S::UnderReview),
            (Some(S::UnderReview), S::Awarded),
            (Some(S::Awarded), S::Paid),
            (Some(S::Paid), S::Closed),
        ]
    );
    let rows = f.store.grants_in(year(), common::today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].district_name.as_str(), rows[0].standing),
        ("Allen County", Standing::Active)
    );
    assert_eq!(f.store.grants_of_district(f.allen).unwrap().len(), 1);
}

#[test]
fn the_store_refuses_what_the_rules_refuse() {
    let mut f = network();
    let mut fields = trip(f.adair);
    fields.received_on = Some(date(2025, 9, 1));
    let error = f
        .store
        .save_grant(None, GrantStatus::Submitted, &fields, common::today())
        .unwrap_err();
    assert!(
        matches!(&error, StoreError::Refused(m) if m.contains("Adair County has no active Letter of Commitment for 2025-2026")),
        "{error:?}"
    );
    fields.override_reason = "Countersignature pending".into();
    let id = f
        .store
        .save_grant(None, GrantStatus::Submitted, &fields, common::today())
        .unwrap();
    assert_eq!(
        f.store.grant(id).unwrap().fields.override_reason,
        "Countersignature pending"
    );

    // No skipping to Paid, and an award above the request is refused.
    fields.awarded = Some(cents(9_000_00));
    fields.decided_on = Some(date(2025, 9, 2));
    let error = f
        .store
        .save_grant(Some(id), GrantStatus::Paid, &fields, common::today())
        .unwrap_err();
    assert!(matches!(error, StoreError::Refused(_)));
    assert_eq!(
        f.store.grant(id).unwrap().status,
        GrantStatus::Submitted,
        "nothing written"
    );
    assert_eq!(f.store.grant_history(id).unwrap().len(), 1);

    // The applicant must be the district's own.
    let stranger = f
        .store
        .insert_contact(
            f.allen,
            &ContactFields {
                name: "Pat".into(),
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let with_stranger = GrantFields {
        applicant: Some(stranger),
        ..trip(f.adair)
    };
    assert!(matches!(
        f.store
            .save_grant(None, GrantStatus::Draft, &with_stranger, common::today()),
        Err(StoreError::Refused(_))
    ));
}

#[test]
fn each_year_has_its_fund() {
    let mut f = network();
    assert_eq!(f.store.grant_fund(year()).unwrap(), None);
    f.store.set_grant_fund(year(), cents(50_000_00)).unwrap();
    f.store
        .set_grant_fund(year().next(), cents(60_000_00))
        .unwrap();
    f.store.set_grant_fund(year(), cents(55_000_00)).unwrap();
    assert_eq!(f.store.grant_fund(year()).unwrap(), Some(cents(55_000_00)));
    assert_eq!(
        f.store.grant_fund(year().next()).unwrap(),
        Some(cents(60_000_00))
    );
    assert_eq!(f.store.decision_days().unwrap(), 30);
    f.store.set_decision_days(21).unwrap();
    assert_eq!(f.store.decision_days().unwrap(), 21);
}

#[test]
fn a_district_with_applications_has_history() {
    let mut f = network();
    f.store
        .save_grant(None, GrantStatus::Draft, &trip(f.allen), common::today())
        .unwrap();
    assert!(matches!(
        f.store.delete_district(f.allen),
        Err(StoreError::HasHistory(_))
    ));
}

#[test]
fn the_grants_migration_keeps_older_data() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("older.sqlite3");
    {
        // A file as the version before grants left it: schema 3, with data.
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../src/store/migrations/0001_districts_contacts.sql"),
            include_str!("../src/store/migrations/0002_memberships.sql"),
            include_str!("../src/store/migrations/0003_convenings.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "PRAGMA user_version = 3;
             INSERT INTO district (name, kde_number, kind) VALUES ('Allen County', '005', 'county');
             INSERT INTO membership (district_id, school_year, status, received_on, district_signatory,
                 district_signed_on, kde_signatory, kde_signed_on)
               VALUES (1, 2025, 'active', '2025-08-01', 'S', '2025-08-01', 'K', '2025-08-05');
             INSERT INTO convening (held_on, title, kind) VALUES ('2025-09-10', 'September call', 'virtual');
             INSERT INTO attendance (convening_id, district_id, status) VALUES (1, 1, 'attended');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION as i64);
    let allen = store.district_list().unwrap()[0].district.id;
    assert_eq!(
        store.membership_years(allen, common::today()).unwrap(),
        [(year(), MembershipStatus::Active)]
    );
    assert_eq!(store.convenings_in(year()).unwrap()[0].attended, 1);
    store
        .save_grant(None, GrantStatus::Draft, &trip(allen), common::today())
        .unwrap();
}

//! Letters of Commitment in the store, on temporary database files.

mod common;

use common::{Roster, date, signed_in, year_starting};
use iln_roster::domain::{
    ActionArea, BigIdea, ContactFields, ContactRole, Letter, MembershipStatus, NoticeBy, Standing,
};
use iln_roster::store::{SCHEMA_VERSION, Store, StoreError};

#[test]
fn a_letter_moves_from_invited_to_active_with_its_history_in_order() {
    let mut f = Roster::kentucky();
    let allen = f.id("Allen County");
    let y = year_starting(2025);
    let mut letter = Letter {
        invited_on: Some(date(2025, 5, 1)),
        ..Letter::default()
    };
    let id = f
        .store
        .save_membership(allen, y, MembershipStatus::Invited, &letter)
        .unwrap();
    letter.received_on = Some(date(2025, 8, 4));
    letter.learning_goal = "How might portraits of a learner shape local assessment?".into();
    letter.big_ideas.insert(BigIdea::AssessmentInnovation);
    letter
        .action_areas
        .extend([ActionArea::PortraitOfALearner, ActionArea::LocalAssessment]);
    assert_eq!(
        f.store
            .save_membership(allen, y, MembershipStatus::Received, &letter)
            .unwrap(),
        id
    );
    letter.district_signatory = "Travis Hamby".into();
    letter.district_signed_on = Some(date(2025, 8, 4));
    letter.kde_signatory = "Rob Collins".into();
    letter.kde_signed_on = Some(date(2025, 8, 11));
    f.store
        .save_membership(allen, y, MembershipStatus::Active, &letter)
        .unwrap();
    // Saving again without a status change adds no history.
    f.store
        .save_membership(allen, y, MembershipStatus::Active, &letter)
        .unwrap();

    let saved = f.store.membership(id).unwrap();
    assert_eq!(saved.status, MembershipStatus::Active);
    assert_eq!(saved.letter, letter);
    let history: Vec<_> = f
        .store
        .status_changes(id)
        .unwrap()
        .into_iter()
        .map(|c| (c.from, c.to))
        .collect();
    use MembershipStatus as S;
    assert_eq!(
        history,
        [
            (None, S::Invited),
            (Some(S::Invited), S::Received),
            (Some(S::Received), S::Active)
        ]
    );
    assert_eq!(
        f.store.membership_years(allen, common::today()).unwrap(),
        [(y, S::Active)]
    );
}

#[test]
fn an_illegal_change_is_refused_and_writes_nothing() {
    let mut f = Roster::kentucky();
    let allen = f.id("Allen County");
    let y = year_starting(2025);
    let received = Letter {
        received_on: Some(date(2025, 8, 4)),
        ..Letter::default()
    };
    let id = f
        .store
        .save_membership(allen, y, MembershipStatus::Received, &received)
        .unwrap();
    let error = f
        .store
        .save_membership(allen, y, MembershipStatus::Active, &received)
        .unwrap_err();
    match error {
        StoreError::Refused(message) => {
            assert!(message.contains("To mark it Active, fill in"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        f.store.membership(id).unwrap().status,
        MembershipStatus::Received
    );
    assert_eq!(f.store.status_changes(id).unwrap().len(), 1);
}

#[test]
fn one_membership_per_district_per_year() {
    let f = Roster::kentucky();
    let allen = f.id("Allen County");
    let Roster {
        dir: _dir,
        mut store,
    } = f;
    store
        .save_membership(
            allen,
            year_starting(2024),
            MembershipStatus::Active,
            &signed_in(year_starting(2024)),
        )
        .unwrap();
    store
        .save_membership(
            allen,
            year_starting(2024),
            MembershipStatus::Active,
            &signed_in(year_starting(2024)),
        )
        .unwrap();
    assert_eq!(
        store
            .membership_years(allen, common::today())
            .unwrap()
            .len(),
        1
    );
    let path = store.path().to_path_buf();
    drop(store);
    // The database itself refuses a second letter for the same year.
    let conn = rusqlite::Connection::open(&path).unwrap();
    let error = conn
        .execute(
            "INSERT INTO membership (district_id, school_year, status, invited_on) VALUES (?1, 2024, 'invited', '2024-05-01')",
            [allen.0],
        )
        .unwrap_err();
    assert!(error.to_string().contains("UNIQUE"), "{error}");
}

#[test]
fn the_database_refuses_an_active_letter_without_signatures() {
    let f = Roster::kentucky();
    let allen = f.id("Allen County");
    let path = f.store.path().to_path_buf();
    drop(f.store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let error = conn
        .execute(
            "INSERT INTO membership (district_id, school_year, status, received_on) VALUES (?1, 2024, 'active', '2024-08-01')",
            [allen.0],
        )
        .unwrap_err();
    assert!(error.to_string().contains("CHECK"), "{error}");
}

#[test]
fn a_letter_names_only_its_districts_contacts_who_then_cannot_be_removed() {
    let mut f = Roster::kentucky();
    let allen = f.id("Allen County");
    let adair = f.id("Adair County");
    let person = |name: &str, role| ContactFields {
        name: name.into(),
        role,
        active: true,
        ..ContactFields::default()
    };
    let hamby = f
        .store
        .insert_contact(allen, &person("Travis Hamby", ContactRole::Superintendent))
        .unwrap();
    let ellis = f
        .store
        .insert_contact(allen, &person("Jordan Ellis", ContactRole::PointOfContact))
        .unwrap();
    let stranger = f
        .store
        .insert_contact(adair, &person("Morgan Blake", ContactRole::PointOfContact))
        .unwrap();

    let mut letter = Letter {
        superintendent: Some(hamby),
        points_of_contact: vec![ellis, stranger],
        ..signed_in(year_starting(2024))
    };
    let error = f
        .store
        .save_membership(
            allen,
            year_starting(2024),
            MembershipStatus::Active,
            &letter,
        )
        .unwrap_err();
    assert!(matches!(error, StoreError::Refused(_)), "{error:?}");
    letter.points_of_contact = vec![ellis];
    let id = f
        .store
        .save_membership(
            allen,
            year_starting(2024),
            MembershipStatus::Active,
            &letter,
        )
        .unwrap();
    assert_eq!(
        f.store.membership(id).unwrap().letter.points_of_contact,
        [ellis]
    );

    let error = f.store.delete_contact(ellis).unwrap_err();
    assert!(
        matches!(&error, StoreError::ContactInUse(name) if name == "Jordan Ellis"),
        "{error:?}"
    );
    f.store.delete_contact(stranger).unwrap();
}

#[test]
fn a_district_with_a_letter_has_history_and_is_not_deleted() {
    let mut f = Roster::kentucky();
    let allen = f.id("Allen County");
    f.store
        .save_membership(
            allen,
            year_starting(2024),
            MembershipStatus::Active,
            &signed_in(year_starting(2024)),
        )
        .unwrap();
    let error = f.store.delete_district(allen).unwrap_err();
    assert!(
        matches!(&error, StoreError::HasHistory(name) if name == "Allen County"),
        "{error:?}"
    );
}

#[test]
fn standings_count_lapsed_and_terminated() {
    let mut f = Roster::kentucky();
    let [allen, adair, boone, bell] = [
        "Allen County",
        "Adair County",
        "Boone County",
        "Bell County",
    ]
    .map(|n| f.id(n));
    for district in [allen, adair, boone] {
        f.store
            .save_membership(
                district,
                year_starting(2024),
                MembershipStatus::Active,
                &signed_in(year_starting(2024)),
            )
            .unwrap();
    }
    let terminated = Letter {
        terminated_on: Some(date(2025, 1, 15)),
        terminated_by: Some(NoticeBy::District),
        termination_reason: "New priorities".into(),
        ..signed_in(year_starting(2024))
    };
    f.store
        .save_membership(
            bell,
            year_starting(2024),
            MembershipStatus::Active,
            &signed_in(year_starting(2024)),
        )
        .unwrap();
    f.store
        .save_membership(
            bell,
            year_starting(2024),
            MembershipStatus::Terminated,
            &terminated,
        )
        .unwrap();
    let received = Letter {
        received_on: Some(date(2025, 7, 1)),
        ..Letter::default()
    };
    f.store
        .save_membership(
            adair,
            year_starting(2025),
            MembershipStatus::Received,
            &received,
        )
        .unwrap();

    let standings = f
        .store
        .year_standings(year_starting(2025), common::today())
        .unwrap();
    assert_eq!(standings.len(), 171);
    let of = |id| {
        standings
            .iter()
            .find(|s| s.district_id == id)
            .unwrap()
            .standing
    };
    assert_eq!(of(allen), Standing::Lapsed);
    assert_eq!(of(boone), Standing::Lapsed);
    assert_eq!(of(adair), Standing::Received);
    assert_eq!(
        of(bell),
        Standing::NotMember,
        "terminated last year is not lapsed"
    );
    let last = f
        .store
        .year_standings(year_starting(2024), common::today())
        .unwrap();
    assert_eq!(
        last.iter()
            .find(|s| s.district_id == bell)
            .unwrap()
            .standing,
        Standing::Terminated
    );
    assert_eq!(
        last.iter()
            .filter(|s| s.standing == Standing::Active)
            .count(),
        3
    );
}

#[test]
fn starting_next_year_invites_the_active_members_once() {
    let mut f = Roster::kentucky();
    let names = ["Allen County", "Adair County", "Boone County"];
    for name in names {
        let id = f.id(name);
        f.store
            .save_membership(
                id,
                year_starting(2024),
                MembershipStatus::Active,
                &signed_in(year_starting(2024)),
            )
            .unwrap();
    }
    let adair = f.id("Adair County");
    let already = Letter {
        received_on: Some(date(2025, 7, 2)),
        ..Letter::default()
    };
    f.store
        .save_membership(
            adair,
            year_starting(2025),
            MembershipStatus::Received,
            &already,
        )
        .unwrap();

    let preview: Vec<String> = f
        .store
        .districts_to_invite(year_starting(2024))
        .unwrap()
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(preview, ["Allen County", "Boone County"]);
    assert_eq!(
        f.store
            .start_next_year(year_starting(2024), date(2025, 5, 1))
            .unwrap(),
        2
    );
    assert_eq!(
        f.store
            .start_next_year(year_starting(2024), date(2025, 5, 2))
            .unwrap(),
        0,
        "nothing twice"
    );
    assert!(
        f.store
            .districts_to_invite(year_starting(2024))
            .unwrap()
            .is_empty()
    );

    let allen = f
        .store
        .membership_of(f.id("Allen County"), year_starting(2025))
        .unwrap()
        .unwrap();
    assert_eq!(allen.status, MembershipStatus::Invited);
    assert_eq!(allen.letter.invited_on, Some(date(2025, 5, 1)));
    assert_eq!(f.store.status_changes(allen.id).unwrap().len(), 1);
    assert_eq!(
        f.store
            .membership_of(adair, year_starting(2025))
            .unwrap()
            .unwrap()
            .status,
        MembershipStatus::Received,
        "a letter already in is left alone"
    );
    // Invitations cannot be dated after the year they are for.
    let error = f
        .store
        .start_next_year(year_starting(2024), date(2026, 7, 1))
        .unwrap_err();
    assert!(matches!(error, StoreError::Refused(_)));
}

#[test]
fn renewals_list_who_was_active_and_has_not_renewed_with_their_people() {
    let mut f = Roster::kentucky();
    let [allen, adair, boone] = ["Allen County", "Adair County", "Boone County"].map(|n| f.id(n));
    for district in [allen, adair, boone] {
        f.store
            .save_membership(
                district,
                year_starting(2024),
                MembershipStatus::Active,
                &signed_in(year_starting(2024)),
            )
            .unwrap();
    }
    let contact = |name: &str, email: &str, role, active| ContactFields {
        name: name.into(),
        email: email.into(),
        role,
        active,
        ..ContactFields::default()
    };
    f.store
        .insert_contact(
            allen,
            &contact(
                "Travis Hamby",
                "travis.hamby@allen.kyschools.us",
                ContactRole::Superintendent,
                true,
            ),
        )
        .unwrap();
    f.store
        .insert_contact(
            allen,
            &contact(
                "Jordan Ellis",
                "jordan.ellis@allen.kyschools.us",
                ContactRole::PointOfContact,
                true,
            ),
        )
        .unwrap();
    f.store
        .insert_contact(
            allen,
            &contact(
                "Old Friend",
                "old@allen.kyschools.us",
                ContactRole::PointOfContact,
                false,
            ),
        )
        .unwrap();
    f.store
        .insert_contact(
            allen,
            &contact(
                "Board Clerk",
                "clerk@allen.kyschools.us",
                ContactRole::Other,
                true,
            ),
        )
        .unwrap();
    let invited = Letter {
        invited_on: Some(date(2025, 5, 1)),
        ..Letter::default()
    };
    f.store
        .save_membership(
            adair,
            year_starting(2025),
            MembershipStatus::Invited,
            &invited,
        )
        .unwrap();
    let received = Letter {
        received_on: Some(date(2025, 7, 9)),
        ..Letter::default()
    };
    f.store
        .save_membership(
            boone,
            year_starting(2025),
            MembershipStatus::Received,
            &received,
        )
        .unwrap();

    let renewals = f.store.renewals(year_starting(2025)).unwrap();
    let names: Vec<_> = renewals
        .iter()
        .map(|r| (r.district_name.as_str(), r.standing))
        .collect();
    assert_eq!(
        names,
        [
            ("Adair County", Standing::Invited),
            ("Allen County", Standing::Lapsed)
        ]
    );
    assert_eq!(renewals[0].invited_on, Some(date(2025, 5, 1)));
    let people: Vec<_> = renewals[1]
        .people
        .iter()
        .map(|p| p.email.as_str())
        .collect();
    assert_eq!(
        people,
        [
            "travis.hamby@allen.kyschools.us",
            "jordan.ellis@allen.kyschools.us"
        ]
    );
}

#[test]
fn the_membership_migration_keeps_a_foundation_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foundation.sqlite3");
    {
        // A file as the first version of the app left it: schema 1 with data.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(include_str!(
            "../src/store/migrations/0001_districts_contacts.sql"
        ))
        .unwrap();
        conn.execute_batch(
            "PRAGMA user_version = 1;
             INSERT INTO district (name, kde_number, nces_id, county, kind, cooperative)
               VALUES ('Allen County', '005', '2100070', 'Allen', 'county', 'GRREC');
             INSERT INTO contact (district_id, name, email, role) VALUES (1, 'Travis Hamby', 't@allen.kyschools.us', 'superintendent');",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION as i64);
    let list = store.district_list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].district.fields.name, "Allen County");
    assert_eq!(list[0].superintendent.as_deref(), Some("Travis Hamby"));
    let allen = list[0].district.id;
    store
        .save_membership(
            allen,
            year_starting(2024),
            MembershipStatus::Active,
            &signed_in(year_starting(2024)),
        )
        .unwrap();
    assert_eq!(
        store
            .membership_years(allen, common::today())
            .unwrap()
            .len(),
        1
    );
}

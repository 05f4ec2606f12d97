//! The app under a fixed clock: one sequence of a consultant's work — a
//! letter received, one countersigned, a convening and its sheet, a grant
//! application left undecided — run on an autumn day and on a spring day,
//! with every date relative to that day, shows the same on every screen.

mod common;

use chrono::{Days, NaiveDate};
use common::{id_of, open_app_on};
use iln_roster::domain::clock::fix_today;
use iln_roster::domain::{
    Attendance, AttendanceStatus, ConveningFields, ConveningKind, GrantFields, GrantStatus, Letter,
    MembershipStatus, Money, SchoolYear,
};
use iln_roster::ui::Section;

/// What each screen shows, as the tests read it.
#[derive(Debug, PartialEq)]
struct Shown {
    membership_counts: String,
    grid_rows: Vec<(String, String)>,
    fund_awarded: Money,
    attention: Vec<String>,
    grants_shown: Vec<String>,
}

fn the_sequence_on(today: NaiveDate) -> Shown {
    fix_today(Some(today));
    let ago = |days: u64| today.checked_sub_days(Days::new(days)).unwrap();
    let year = SchoolYear::current();
    assert_eq!(
        year,
        SchoolYear::containing(today),
        "the app's year follows the clock"
    );
    let mut app = open_app_on(today, Section::Overview, |store| {
        // One convening is enough to flag, for this short sequence.
        let rules = iln_roster::domain::AttendanceRules {
            min_convenings: 1,
            ..Default::default()
        };
        store.set_attendance_rules(rules).unwrap();
        let allen = id_of(store, "Allen County");
        let adair = id_of(store, "Adair County");
        let signed = Letter {
            received_on: Some(ago(30)),
            district_signatory: "Superintendent".into(),
            district_signed_on: Some(ago(29)),
            kde_signatory: "KDE designee".into(),
            kde_signed_on: Some(ago(28)),
            ..Letter::default()
        };
        store
            .save_membership(allen, year, MembershipStatus::Active, &signed)
            .unwrap();
        let received = Letter {
            received_on: Some(ago(10)),
            ..Letter::default()
        };
        store
            .save_membership(adair, year, MembershipStatus::Received, &received)
            .unwrap();
        let call = store
            .insert_convening(&ConveningFields {
                held_on: ago(5),
                title: "Network call".into(),
                kind: ConveningKind::Virtual,
                location: String::new(),
                notes: String::new(),
                ..ConveningFields::default()
            })
            .unwrap();
        store
            .save_attendance_sheet(
                call,
                &[
                    Attendance {
                        district: allen,
                        status: AttendanceStatus::Attended,
                        people: Default::default(),
                        note: String::new(),
                    },
                    Attendance {
                        district: adair,
                        status: AttendanceStatus::Absent,
                        people: Default::default(),
                        note: String::new(),
                    },
                ],
            )
            .unwrap();
        store
            .set_grant_fund(year, Money::from_cents(500_000).unwrap())
            .unwrap();
        let grant = GrantFields {
            received_on: Some(ago(40)),
            ..GrantFields::new(
                allen,
                year,
                "Iowa BIG",
                (ago(20), ago(18)),
                Money::from_cents(100_000).unwrap(),
            )
        };
        store
            .save_grant(None, GrantStatus::Submitted, &grant, common::today())
            .unwrap();
    });
    // Needs attention is grouped by kind, each group with its count.
    for group in ["Letters (1)", "Attendance (1)", "Travel grants (1)"] {
        assert!(app.shows(group), "{group} on the Overview");
    }
    let state = app.harness.state_mut();
    let attention = state
        .overview()
        .expect("the overview")
        .attention
        .iter()
        .map(|item| {
            format!("{item:?}")
                .split(" {")
                .next()
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    let shown = Shown {
        membership_counts: state.membership_counts(),
        grid_rows: state.attendance_grid_rows(),
        fund_awarded: state.grant_fund().awarded,
        attention,
        grants_shown: state.visible_grant_destinations(),
    };
    fix_today(None);
    shown
}

#[test]
fn the_same_work_shows_the_same_on_an_autumn_and_a_spring_day() {
    let autumn = the_sequence_on(NaiveDate::from_ymd_opt(2026, 10, 15).unwrap());
    let spring = the_sequence_on(NaiveDate::from_ymd_opt(2027, 5, 20).unwrap());
    assert_eq!(autumn, spring);
    assert_eq!(
        autumn.attention,
        ["PendingLetter", "UnderThreshold", "Grant"]
    );
    assert!(!autumn.grid_rows.is_empty());
}

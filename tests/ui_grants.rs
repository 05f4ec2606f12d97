// Amounts in cents are written dollars_cents, e.g. 4_500_00 for $4,500.00.
#![allow(clippy::inconsistent_digit_grouping)]

//! The Travel Grants screen driven headless: an application from entry to
//! award with the fund bar following, the eligibility refusal and its
//! override, and the warning before an award overruns the fund.

mod common;

use common::{AppUnderTest, day, id_of, open_app, this_year};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::domain::{
    DistrictId, GrantFields, GrantStatus, Letter, MembershipStatus, Money, Purpose,
};
use iln_roster::store::Store;
use iln_roster::ui::Section;

type Fixture = AppUnderTest;

fn iso(days: u64) -> String {
    day(days).format("%Y-%m-%d").to_string()
}

fn cents(c: i64) -> Money {
    Money::from_cents(c).unwrap()
}

/// Allen is an active member this year; Adair is not. The fund is set.
fn grants(fund: i64, prepare: impl FnOnce(&mut Store)) -> Fixture {
    open_app(Section::Grants, |store| {
        let allen = id_of(store, "Allen County");
        let active = Letter {
            received_on: Some(day(1)),
            district_signatory: "Superintendent".into(),
            district_signed_on: Some(day(2)),
            kde_signatory: "Rob Collins".into(),
            kde_signed_on: Some(day(3)),
            ..Letter::default()
        };
        store
            .save_membership(allen, this_year(), MembershipStatus::Active, &active)
            .unwrap();
        store.set_grant_fund(this_year(), cents(fund)).unwrap();
        prepare(store);
    })
}

/// A conference trip of the district's, submitted on day 40.
fn grant_for(district: DistrictId, destination: &str) -> GrantFields {
    GrantFields {
        purpose: Purpose::Conference,
        city: "Nashville".into(),
        state: "TN".into(),
        travelers: 2,
        received_on: Some(day(40)),
        ..GrantFields::new(
            district,
            this_year(),
            destination,
            (day(120), day(122)),
            cents(1_000_00),
        )
    }
}

/// An application of Allen's under review, asking for `requested`.
fn under_review(store: &mut Store, destination: &str, requested: i64, awarded: Option<i64>) {
    let allen = id_of(store, "Allen County");
    let mut fields = GrantFields {
        requested: cents(requested),
        ..grant_for(allen, destination)
    };
    let id = store
        .save_grant(None, GrantStatus::Submitted, &fields, common::today())
        .unwrap();
    store
        .save_grant(Some(id), GrantStatus::UnderReview, &fields, common::today())
        .unwrap();
    if let Some(awarded) = awarded {
        fields.awarded = Some(cents(awarded));
        fields.decided_on = Some(day(50));
        store
            .save_grant(Some(id), GrantStatus::Awarded, &fields, common::today())
            .unwrap();
    }
}

/// What the tests ask of the app beyond what every UI test asks.
trait GrantsApp {
    fn statuses(&self) -> Vec<(String, GrantStatus)>;
    fn save_enabled(&self) -> bool;
}

impl GrantsApp for Fixture {
    fn statuses(&self) -> Vec<(String, GrantStatus)> {
        let rows = self
            .store()
            .grants_in(this_year(), common::today())
            .unwrap();
        rows.into_iter()
            .map(|r| (r.grant.fields.destination, r.grant.status))
            .collect()
    }

    fn save_enabled(&self) -> bool {
        !self
            .harness
            .get_by_role_and_label(Role::Button, "Save")
            .accesskit_node()
            .is_disabled()
    }
}

#[test]
fn an_application_is_entered_and_awarded_and_the_fund_bar_follows() {
    let mut app = grants(10_000_00, |_| {});
    assert!(app.shows("Fund $10,000.00"));
    assert!(app.shows("Remaining $10,000.00"));
    app.click("➕ New application");
    app.pick_district("District", "allen");
    app.type_into("Destination", "Iowa BIG");
    app.type_into("City", "Cedar Rapids");
    app.type_into("State", "IA");
    app.type_into("Travel starts", &iso(100));
    app.type_into("Travel ends", &iso(102));
    app.type_into("Requested", "$4,500");
    app.click_button("📥 Submitted");
    app.type_into("Received on", &iso(60));
    app.click_button("Save");
    assert_eq!(
        app.statuses(),
        [("Iowa BIG".to_owned(), GrantStatus::Submitted)]
    );

    app.click_button("⏳ Under review");
    app.click_button("Save");
    app.click_button("✔ Awarded");
    assert!(!app.save_enabled(), "an award needs its amount and date");
    app.type_into("Decided on", &iso(70));
    app.type_into("Awarded", "5000");
    assert!(app.shows("⚠ Cannot be more than the $4,500.00 requested"));
    app.harness
        .get_by_role_and_label(Role::TextInput, "Awarded")
        .focus();
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.harness.key_press(Key::Backspace);
    app.harness.run();
    app.type_into("Awarded", "4,000");
    app.click_button("Save");
    assert_eq!(
        app.statuses(),
        [("Iowa BIG".to_owned(), GrantStatus::Awarded)]
    );
    assert_eq!(app.harness.state().grant_fund().awarded, cents(4_000_00));
    assert!(app.shows("Awarded $4,000.00"));
    assert!(app.shows("Remaining $6,000.00"));
    assert!(app.shows("Totals (1)"));
}

#[test]
fn a_non_member_is_refused_with_the_reason_until_overridden() {
    let mut app = grants(10_000_00, |_| {});
    app.click("➕ New application");
    // The picker searches as the user types and marks who may apply.
    app.harness
        .get_by_role_and_label(Role::ComboBox, "District")
        .click();
    app.run();
    app.type_keys("a");
    assert!(app.shows("✔ Allen County"), "a member is marked");
    assert!(app.shows("○ Adair County (no active letter this year)"));
    app.type_keys("dair");
    assert!(!app.shows("✔ Allen County"), "the search narrows the list");
    app.press(Key::Enter);
    let reason = format!(
        "⚠ Adair County has no active Letter of Commitment for {}",
        this_year()
    );
    assert!(
        app.shows(&reason),
        "shown as soon as the district is chosen"
    );
    app.type_into("Destination", "Summit Learning");
    app.type_into("Travel starts", &iso(100));
    app.type_into("Travel ends", &iso(101));
    app.type_into("Requested", "1200");
    app.click_button("📥 Submitted");
    app.type_into("Received on", &iso(60));
    assert!(!app.save_enabled(), "not without an override");
    app.type_into(
        "Reason to accept anyway",
        "Letter signed; KDE countersignature pending",
    );
    assert!(app.save_enabled());
    app.click_button("Save");
    let rows = app.store().grants_in(this_year(), common::today()).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].grant.status, GrantStatus::Submitted);
    assert_eq!(
        rows[0].grant.fields.override_reason,
        "Letter signed; KDE countersignature pending"
    );
}

#[test]
fn an_award_over_the_fund_is_warned_about_with_the_numbers() {
    let mut app = grants(5_000_00, |store| {
        under_review(store, "Deeper Learning", 4_000_00, Some(4_000_00));
        under_review(store, "Big Picture Learning", 2_500_00, None);
    });
    assert!(app.shows("Remaining $1,000.00"));
    app.click("Big Picture Learning, Nashville TN");
    app.click_button("✔ Awarded");
    app.type_into("Decided on", &iso(70));
    app.type_into("Awarded", "2,000");
    app.click_button("Save");
    assert!(app.shows("Over the year's fund"));
    let text = app
        .harness
        .get_by_label_contains("past its fund")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    for figure in [
        "Fund: $5,000.00",
        "Already awarded: $4,000.00",
        "This award: $2,000.00",
        "Over by: $1,000.00",
    ] {
        assert!(text.contains(figure), "{figure} in {text}");
    }
    app.click("Go back");
    assert!(
        app.statuses()
            .contains(&("Big Picture Learning".to_owned(), GrantStatus::UnderReview)),
        "nothing saved"
    );

    app.click_button("Save");
    app.click("Award anyway");
    assert!(
        app.statuses()
            .contains(&("Big Picture Learning".to_owned(), GrantStatus::Awarded))
    );
    assert!(app.shows("Over by $1,000.00"), "the fund bar says so");
}

#[test]
fn an_award_reads_in_the_users_words_in_history() {
    let mut app = grants(10_000_00, |store| {
        under_review(store, "Iowa BIG", 2_000_00, None);
    });
    app.click("Iowa BIG, Nashville TN");
    app.click_button("✔ Awarded");
    app.type_into("Decided on", &iso(70));
    app.type_into("Awarded", "1,100");
    app.click_button("Save");
    app.go_to(iln_roster::ui::Section::History);
    let trip = day(120).format("%b %-d, %Y");
    let entry = format!("Changed Allen County's application to Iowa BIG ({trip}): ");
    // Newest first: the award, then the review it came from.
    let line = app
        .harness
        .get_all_by_label_contains(&entry)
        .next()
        .map(|node| {
            let node = node.accesskit_node();
            node.label().or(node.value()).unwrap_or_default().to_owned()
        })
        .unwrap_or_default();
    for words in [
        "Status Under review → Awarded",
        "Awarded $1,100.00",
        "Decided on ",
    ] {
        assert!(line.contains(words), "{words} in {line}");
    }
    for database_words in ["cents", "under_review", "grant status"] {
        assert!(!line.contains(database_words), "{database_words} in {line}");
    }
}

#[test]
fn more_names_than_travelers_is_pointed_out() {
    let mut app = grants(10_000_00, |_| {});
    app.click("➕ New application");
    assert!(!app.shows_containing("named for"));
    app.focus("Traveler names");
    app.type_keys("Ana Ruiz, Ben Cole, Cy Young");
    assert!(
        app.shows_containing("3 travelers named for 1 traveler"),
        "the form says the count and the names disagree"
    );
}

#[test]
fn needs_attention_finds_what_waits_too_long() {
    let today = common::today();
    let mut app = grants(10_000_00, |store| {
        for (destination, days_ago) in [("Waiting long", 45), ("Just in", 5)] {
            let allen = id_of(store, "Allen County");
            let fields = GrantFields {
                received_on: Some(today - chrono::Duration::days(days_ago)),
                ..grant_for(allen, destination)
            };
            store
                .save_grant(None, GrantStatus::Submitted, &fields, common::today())
                .unwrap();
        }
    });
    assert_eq!(
        app.harness.state_mut().visible_grant_destinations().len(),
        2
    );
    app.click("⚑ Needs attention 1");
    assert_eq!(
        app.harness.state_mut().visible_grant_destinations(),
        ["Waiting long"]
    );
}

#[test]
fn the_form_panel_folds_away_while_no_application_is_open() {
    let mut app = grants(10_000_00, |store| {
        under_review(store, "Iowa BIG", 1_000_00, None)
    });
    let has_save = |app: &Fixture| {
        app.harness
            .query_by_role_and_label(Role::Button, "Save")
            .is_some()
    };
    assert!(!has_save(&app), "no form while nothing is selected");
    assert!(!app.shows("No application selected"));

    app.click("Iowa BIG, Nashville TN");
    assert!(has_save(&app), "selecting a row opens its form");
    assert!(app.field("Destination").value().is_some());

    app.press(Key::Escape);
    assert!(
        !has_save(&app),
        "closing the form gives the table its room back"
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

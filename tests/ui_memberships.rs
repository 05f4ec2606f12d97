//! The Memberships screen driven headless: a renewal season from invitation
//! to countersigned letter, starting the next year, and chasing renewals.

mod common;

use chrono::{Days, NaiveDate};
use common::{AppUnderTest, id_of, iso, open_app, this_year};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::domain::{ContactFields, ContactRole, Letter, MembershipStatus, SchoolYear};
use iln_roster::store::Store;
use iln_roster::ui::Section;

type Fixture = AppUnderTest;

/// A day of `year`, counted from July 1.
fn day_of(year: SchoolYear, days_after_july_1: u64) -> NaiveDate {
    year.first_day()
        .checked_add_days(Days::new(days_after_july_1))
        .unwrap()
}

fn countersigned(year: SchoolYear) -> Letter {
    Letter {
        received_on: Some(day_of(year, 30)),
        district_signatory: "Superintendent".into(),
        district_signed_on: Some(day_of(year, 31)),
        kde_signatory: "Rob Collins".into(),
        kde_signed_on: Some(day_of(year, 40)),
        ..Letter::default()
    }
}

/// The app on the Memberships screen over Kentucky's districts, after
/// `prepare` has written what the test needs.
fn memberships(prepare: impl FnOnce(&mut Store)) -> Fixture {
    open_app(Section::Memberships, prepare)
}

/// What the tests ask of the app beyond what every UI test asks.
trait MembershipsApp {
    fn status_of(&self, name: &str, year: SchoolYear) -> Option<MembershipStatus>;
}

impl MembershipsApp for Fixture {
    fn status_of(&self, name: &str, year: SchoolYear) -> Option<MembershipStatus> {
        let store = self.store();
        store
            .membership_of(id_of(store, name), year)
            .unwrap()
            .map(|m| m.status)
    }
}

#[test]
fn a_letter_is_recorded_from_invited_to_active_and_the_counts_follow() {
    let year = this_year();
    let mut app = memberships(|store| {
        let allen = id_of(store, "Allen County");
        store
            .save_membership(
                allen,
                year.previous(),
                MembershipStatus::Active,
                &countersigned(year.previous()),
            )
            .unwrap();
        let invited = Letter {
            invited_on: Some(day_of(year.previous(), 300)),
            ..Letter::default()
        };
        store
            .save_membership(allen, year, MembershipStatus::Invited, &invited)
            .unwrap();
    });
    assert_eq!(app.harness.state().membership_counts(), "1 invited");
    assert!(app.shows("1 invited"));
    app.click("Allen County");
    assert!(app.shows(&format!("Letter of Commitment {year}")));

    // Received: the form says what is missing until the date is in.
    app.click_button("✉ Received");
    assert!(app.shows("⚠ To mark it Received, fill in the date received"));
    app.type_into("Received on", &iso(day_of(year, 45)));
    app.click_button("Save");

    assert_eq!(
        app.status_of("Allen County", year),
        Some(MembershipStatus::Received)
    );
    assert!(app.shows("1 received"));

    // Active: needs both signatures.
    app.click_button("✔ Active");
    assert!(
        app.harness
            .get_by_role_and_label(Role::Button, "Save")
            .accesskit_node()
            .is_disabled()
    );
    app.type_into("District signatory", "Travis Hamby");
    app.type_into("District signed on", &iso(day_of(year, 46)));
    app.type_into("KDE signatory", "Rob Collins");
    app.type_into("KDE signed on", &iso(day_of(year, 50)));
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    assert_eq!(
        app.status_of("Allen County", year),
        Some(MembershipStatus::Active)
    );
    assert_eq!(app.harness.state().membership_counts(), "1 active");
    assert!(app.shows("Status history"));
}

#[test]
fn a_date_outside_the_school_year_is_refused_with_its_reason() {
    let year = this_year();
    let mut app = memberships(|_| {});
    app.click("Bell County");
    app.click_button("Record a letter");
    let before_the_year = year.previous().first_day().pred_opt().unwrap();
    app.harness
        .get_by_role_and_label(Role::TextInput, "Received on")
        .focus();
    app.harness.run();
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.harness.key_press(Key::Backspace);
    app.harness.run();
    app.type_into("Received on", &iso(before_the_year));
    let message = format!(
        "⚠ Must fall in {} or {year} ({} – {})",
        year.previous(),
        year.previous().first_day().format("%b %-d, %Y"),
        year.last_day().format("%b %-d, %Y")
    );
    assert!(app.shows(&message), "expected {message}");
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    assert_eq!(
        app.status_of("Bell County", year),
        None,
        "nothing was written"
    );
}

#[test]
fn starting_next_year_invites_the_active_members_and_never_twice() {
    let year = this_year();
    let mut app = memberships(|store| {
        for name in ["Allen County", "Adair County"] {
            let id = id_of(store, name);
            store
                .save_membership(id, year, MembershipStatus::Active, &countersigned(year))
                .unwrap();
        }
    });
    let next = year.next();
    app.click(&format!("Start {next}…"));
    assert!(app.shows(&format!("2 districts will be invited for {next}")));
    app.click("Invite 2");
    assert_eq!(app.harness.state().year(), next, "the new year is shown");
    assert!(app.shows(&format!("Invited 2 districts for {next}.")));
    assert_eq!(app.harness.state().membership_counts(), "2 invited");
    // Then their letters are offered, to write into a folder.
    assert!(app.shows(&format!("Letters of Commitment {next}")));
    assert!(app.shows(&format!("The districts invited for {next} (2)")));
    app.click_button("Cancel");
    assert!(!app.shows(&format!("Letters of Commitment {next}")));
    assert_eq!(
        app.status_of("Allen County", next),
        Some(MembershipStatus::Invited)
    );

    app.harness.state_mut().set_year(year);
    app.harness.run();
    app.click(&format!("Start {next}…"));
    assert!(app.shows(&format!(
        "No district to invite: every district active in {year} already has a letter for {next}."
    )));
    app.click("Close");
    let invited = app
        .store()
        .year_standings(next, common::today())
        .unwrap()
        .into_iter()
        .filter(|s| s.membership.is_some())
        .count();
    assert_eq!(invited, 2, "no duplicates");
}

#[test]
fn renewals_list_the_lapsed_and_copy_their_emails_for_outlook() {
    let year = this_year();
    let mut app = memberships(|store| {
        let allen = id_of(store, "Allen County");
        let adair = id_of(store, "Adair County");
        for id in [allen, adair] {
            store
                .save_membership(
                    id,
                    year.previous(),
                    MembershipStatus::Active,
                    &countersigned(year.previous()),
                )
                .unwrap();
        }
        let person = |name: &str, email: &str, role| ContactFields {
            name: name.into(),
            email: email.into(),
            role,
            active: true,
            ..ContactFields::default()
        };
        store
            .insert_contact(
                allen,
                &person(
                    "Travis Hamby",
                    "travis.hamby@allen.kyschools.us",
                    ContactRole::Superintendent,
                ),
            )
            .unwrap();
        store
            .insert_contact(
                allen,
                &person(
                    "Jordan Ellis",
                    "jordan.ellis@allen.kyschools.us",
                    ContactRole::PointOfContact,
                ),
            )
            .unwrap();
        store
            .insert_contact(
                adair,
                &person(
                    "Morgan Blake",
                    "morgan.blake@adair.kyschools.us",
                    ContactRole::Superintendent,
                ),
            )
            .unwrap();
        let invited = Letter {
            invited_on: Some(day_of(year.previous(), 300)),
            ..Letter::default()
        };
        store
            .save_membership(adair, year, MembershipStatus::Invited, &invited)
            .unwrap();
    });
    app.click("Renewals (2)");
    assert!(app.shows("Allen County") && app.shows("Adair County"));
    assert!(app.shows("⚠ Lapsed"));
    assert!(app.shows("Travis Hamby"));
    let days = (common::today() - day_of(year.previous(), 300)).num_days();
    assert!(app.shows(&days.to_string()), "days since Adair was invited");

    app.harness.get_by_label("📋 Copy emails").click();
    app.harness.step();
    assert_eq!(
        app.copied(),
        [
            "Morgan Blake <morgan.blake@adair.kyschools.us>; Travis Hamby <travis.hamby@allen.kyschools.us>; Jordan Ellis <jordan.ellis@allen.kyschools.us>"
        ]
    );
    app.harness.run();
    assert!(app.shows("Copied 3 email addresses for Outlook's To line."));
}

#[test]
fn the_district_form_shows_its_membership_history() {
    let year = this_year();
    let mut app = memberships(|store| {
        let allen = id_of(store, "Allen County");
        store
            .save_membership(
                allen,
                year.previous(),
                MembershipStatus::Active,
                &countersigned(year.previous()),
            )
            .unwrap();
    });
    app.harness
        .key_press_modifiers(Modifiers::COMMAND, Key::Num2);
    app.harness.run();
    app.click("Allen County");
    assert!(app.shows("Membership"));
    app.click(&year.previous().to_string());
    assert_eq!(
        app.harness.state().year(),
        year.previous(),
        "the letter's year is shown"
    );
    assert!(app.shows(&format!("Letter of Commitment {}", year.previous())));
}

#[test]
fn the_status_history_gives_the_days_the_letter_carries() {
    let year = this_year();
    let mut app = memberships(|store| {
        let allen = id_of(store, "Allen County");
        let invited = Letter {
            invited_on: Some(day_of(year, 3)),
            ..Letter::default()
        };
        store
            .save_membership(allen, year, MembershipStatus::Invited, &invited)
            .unwrap();
        let signed = Letter {
            invited_on: Some(day_of(year, 3)),
            ..countersigned(year)
        };
        store
            .save_membership(allen, year, MembershipStatus::Active, &signed)
            .unwrap();
    });
    app.click("Allen County");
    let shown = |date: NaiveDate| iln_roster::domain::validate::display_date(date);
    let signed = countersigned(year);
    let last_signature = signed.district_signed_on.max(signed.kde_signed_on).unwrap();
    // Each day is in the table's row and in the form's status history.
    let times = |text: String| app.harness.query_all_by_label(&text).count();
    assert_eq!(
        times(shown(day_of(year, 3))),
        2,
        "invited on the letter's day"
    );
    assert_eq!(
        times(shown(last_signature)),
        2,
        "active from the later signature, not the day it was typed in"
    );
    assert!(
        !app.shows_containing("recorded "),
        "no step without its date"
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

#[test]
fn the_standing_chips_count_what_the_search_finds() {
    let mut app = memberships(|store| {
        common::make_active(store, "Allen County");
        common::make_active(store, "Adair County");
    });
    assert!(app.shows_containing("Active 2"));
    app.type_into("Search", "allen");
    assert!(
        app.shows_containing("Active 1"),
        "the chip follows the search"
    );
    assert!(!app.shows_containing("Active 2"));
    assert!(
        app.shows_containing("2 active"),
        "the year's counts above stay the year's"
    );
}

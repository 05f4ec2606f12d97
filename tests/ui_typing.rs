//! Every keystroke is kept: long values typed one key at a time into every
//! text field of every form, through each change of the form between valid
//! and invalid (messages appearing and going around the field), are stored
//! whole.

mod common;

use common::*;
use egui::Key;
use iln_roster::domain::{ContactRole, GrantStatus, MembershipStatus, Money};
use iln_roster::ui::Section;

#[test]
fn a_district_and_its_contact_typed_key_by_key_are_stored_whole() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("➕ New district");
    app.type_fields(&[
        ("Name", "Cumberland Valley Innovation District"),
        // Invalid until the third digit, then valid.
        ("KDE number", "998"),
        // Invalid until the seventh digit.
        ("NCES LEA ID", "2199998"),
        ("County", "Harlan"),
        // Not a domain until it has its dot and a letter after it.
        ("Email domain", "cvid.kyschools.us"),
        (
            "Notes",
            "Joined after the spring tour.\nAsks for a call in May.",
        ),
    ]);
    app.press_command(Key::S);
    let id = id_of(app.store(), "Cumberland Valley Innovation District");
    let stored = app.store().district(id).unwrap().fields;
    assert_eq!(stored.kde_number, "998");
    assert_eq!(stored.nces_id.as_deref(), Some("2199998"));
    assert_eq!(stored.county, "Harlan");
    assert_eq!(stored.email_domain, "cvid.kyschools.us");
    assert_eq!(
        stored.notes,
        "Joined after the spring tour.\nAsks for a call in May."
    );

    app.click("➕ Add contact");
    app.type_fields(&[
        ("Contact name", "Dr. Jordan Ellis-Whitaker"),
        ("Title", "Chief Academic Officer"),
        // Not an email until its domain has a dot.
        ("Email", "jordan.ellis@cvid.kyschools.us"),
        ("Phone", "606.555.0142 x12"),
    ]);
    app.press_command(Key::S);
    let contacts = app.store().contacts_of(id).unwrap();
    assert_eq!(contacts.len(), 1, "{}", app.status());
    let contact = &contacts[0].fields;
    assert_eq!(contact.name, "Dr. Jordan Ellis-Whitaker");
    assert_eq!(contact.title, "Chief Academic Officer");
    assert_eq!(contact.email, "jordan.ellis@cvid.kyschools.us");
    assert_eq!(contact.phone, "(606) 555-0142 ext. 12");
    assert_eq!(contact.role, ContactRole::PointOfContact);
}

#[test]
fn a_letter_typed_key_by_key_is_stored_whole_and_active_once_both_signed() {
    let mut app = open_app(Section::Memberships, |_| {});
    app.click("Allen County");
    app.click("Record a letter");
    let reflections = "We opened two micro-schools.\nAttendance rose by 4 points.";
    app.type_fields(&[
        // "2025-08-1" is a date already; the last key makes another one.
        ("Received on", &iso(day(45))),
        ("Reflections on the previous year", reflections),
        (
            "Plans of action",
            "Portrait of a learner defenses in every grade 5 and 8",
        ),
        (
            "Learning goal or inquiry question",
            "How do defenses of learning change teaching?",
        ),
        ("District signatory", "Travis Hamby, Superintendent"),
        ("District signed on", &iso(day(46))),
        ("KDE signatory", "Rob Collins"),
        ("KDE signed on", &iso(day(50))),
    ]);
    app.press_command(Key::S);
    let allen = id_of(app.store(), "Allen County");
    let stored = app
        .store()
        .membership_of(allen, this_year())
        .unwrap()
        .expect("the letter was saved");
    assert_eq!(
        stored.status,
        MembershipStatus::Active,
        "both signatures dated: Active without clicking its chip"
    );
    let letter = stored.letter;
    assert_eq!(letter.received_on, Some(day(45)));
    assert_eq!(letter.reflections, reflections);
    assert_eq!(
        letter.learning_goal,
        "How do defenses of learning change teaching?"
    );
    assert_eq!(letter.district_signatory, "Travis Hamby, Superintendent");
    assert_eq!(letter.district_signed_on, Some(day(46)));
    assert_eq!(letter.kde_signed_on, Some(day(50)));
}

#[test]
fn a_convening_typed_key_by_key_is_stored_whole() {
    let mut app = open_app(Section::Convenings, |_| {});
    app.click("➕ New convening");
    app.type_fields(&[
        ("Date", &iso(day(70))),
        ("Title", "Fall convening: portraits of a learner"),
        ("Location or link", "https://kde.zoom.us/j/5550142"),
        ("Notes", "Agenda:\n1. Welcome\n2. District spotlights"),
    ]);
    app.press_command(Key::S);
    let rows = app.store().convenings_in(this_year()).unwrap();
    assert_eq!(rows.len(), 1, "{}", app.status());
    let fields = &rows[0].convening.fields;
    assert_eq!(fields.held_on, day(70));
    assert_eq!(fields.title, "Fall convening: portraits of a learner");
    assert_eq!(fields.location, "https://kde.zoom.us/j/5550142");
    assert_eq!(fields.notes, "Agenda:\n1. Welcome\n2. District spotlights");
}

#[test]
fn a_grant_typed_key_by_key_is_stored_whole_through_every_status() {
    let mut app = open_app(Section::Grants, |store| {
        make_active(store, "Allen County");
        store
            .insert_convening(&iln_roster::domain::ConveningFields {
                held_on: day(200),
                title: "Winter convening".into(),
                kind: iln_roster::domain::ConveningKind::InPerson,
                location: String::new(),
                notes: String::new(),
                ..iln_roster::domain::ConveningFields::default()
            })
            .unwrap();
    });
    app.click("➕ New application");
    app.pick_district("District", "Allen County");
    app.click_button("📥 Submitted");
    app.type_fields(&[
        ("Destination", "Iowa BIG, a school in Cedar Rapids"),
        ("City", "Cedar Rapids"),
        // A state code is wrong at "I", right at "IA".
        ("State", "IA"),
        ("Travel starts", &iso(day(100))),
        ("Travel ends", &iso(day(102))),
        ("Traveler names", "Pat Doe\nLee Smith"),
        // "$4" is an amount already: the form turns valid mid-typing.
        ("Requested", "$45,000"),
        ("Received on", &iso(day(60))),
        ("Notes", "Asked for the spring cohort."),
    ]);
    app.press_command(Key::S);

    let saved = app_grant(&app);
    assert_eq!(saved.status, GrantStatus::Submitted, "{}", app.status());
    assert_eq!(
        saved.fields.requested,
        Money::from_cents(4_500_000).unwrap()
    );
    assert_eq!(
        saved.fields.destination,
        "Iowa BIG, a school in Cedar Rapids"
    );
    assert_eq!(saved.fields.traveler_names, "Pat Doe\nLee Smith");
    assert_eq!(saved.fields.travel_end, day(102));
    assert_eq!(saved.fields.received_on, Some(day(60)));

    app.click_button("⏳ Under review");
    app.press_command(Key::S);
    app.click_button("✔ Awarded");
    app.type_fields(&[("Decided on", &iso(day(70))), ("Awarded", "$42,500.50")]);
    app.press_command(Key::S);
    app.click_button("💵 Paid");
    app.type_fields(&[("Paid on", &iso(day(110))), ("Paid", "42,500.50")]);
    app.press_command(Key::S);
    app.click_button("🏁 Closed");
    app.type_fields(&[("Shared on", &iso(day(200)))]);
    let winter = format!("{} · Winter convening", day(200).format("%b %-d"));
    app.choose("At convening", &winter);
    app.press_command(Key::S);
    let closed = app_grant(&app);
    assert_eq!(closed.status, GrantStatus::Closed, "{}", app.status());
    assert_eq!(closed.fields.decided_on, Some(day(70)));
    assert_eq!(closed.fields.awarded, Money::from_cents(4_250_050));
    assert_eq!(closed.fields.paid, Money::from_cents(4_250_050));
    assert_eq!(closed.fields.paid_on, Some(day(110)));
    assert_eq!(closed.fields.report_on, Some(day(200)));
}

fn app_grant(app: &AppUnderTest) -> iln_roster::domain::GrantApplication {
    let rows = app.store().grants_in(this_year(), common::today()).unwrap();
    assert_eq!(rows.len(), 1, "{}", app.status());
    rows[0].grant.clone()
}

/// A message appears under a field once the user has been in it (or tried
/// to save), never on fields above the one being typed in.
#[test]
fn messages_appear_on_the_fields_reached_not_above_the_one_typed_in() {
    let mut app = open_app(Section::Grants, |store| make_active(store, "Allen County"));
    app.click("➕ New application");
    app.click_button("📥 Submitted");
    let requested_at = app.field("Requested").rect().top();
    app.focus("Requested");
    app.type_keys("$4");
    assert!(!app.shows("⚠ Destination is required"), "not reached yet");
    assert!(!app.shows("⚠ Choose the district applying"));
    assert_eq!(
        app.field("Requested").rect().top(),
        requested_at,
        "it did not move"
    );
    assert!(
        app.shows_containing("To mark it Submitted, fix: District, Destination"),
        "said once, under Save"
    );
    app.press_command(Key::S);
    assert!(
        app.shows("⚠ Destination is required"),
        "after trying to save"
    );
    assert!(
        app.store()
            .grants_in(this_year(), common::today())
            .unwrap()
            .is_empty()
    );
}

/// Types `text` one key at a time into `field`, checking after each key
/// that the field has not moved.
fn type_in_place(app: &mut AppUnderTest, field: &str, text: &str) {
    app.focus(field);
    let at = app.field(field).rect();
    for c in text.chars() {
        app.type_keys(&c.to_string());
        assert_eq!(app.field(field).rect(), at, "{field} moved at {c:?}");
    }
}

/// The line under Save keeps its size as messages come and go (none, one
/// line, two lines), so the fields below it never move while typed in.
#[test]
fn the_line_under_save_never_moves_the_fields_below_it() {
    let mut app = open_app(Section::Grants, |store| make_active(store, "Allen County"));
    app.click("➕ New application");
    // Nothing said yet; the first key makes the form say what it needs.
    type_in_place(&mut app, "Destination", "Iowa BIG");
    type_in_place(&mut app, "Requested", "$1,250.5");

    app.go_to(Section::Memberships);
    app.click_button("Discard changes");
    app.click("Adair County");
    app.click("Record a letter");
    app.retype("Received on", "");
    // Invalid, valid ("Saving makes it Received"), invalid, valid again.
    type_in_place(
        &mut app,
        "Received on",
        &format!("8/15/{}", day(45).format("%Y")),
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

//! Open forms show what the store holds after every change: an undo of a
//! saved change is never written back by the next save; a form with unsaved
//! edits whose record changed asks; Ctrl+Z follows one rule; Esc puts a form
//! back and clears its messages; Enter saves; a dragged setting is one
//! change.

mod common;

use common::*;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use iln_roster::domain::{
    ContactFields, ContactRole, ConveningFields, ConveningKind, GrantFields, GrantStatus, Letter,
    MembershipStatus, Money,
};
use iln_roster::store::Store;
use iln_roster::store::history::HistoryFilter;
use iln_roster::ui::Section;

fn allen(app: &AppUnderTest) -> iln_roster::domain::DistrictFields {
    let id = id_of(app.store(), "Allen County");
    app.store().district(id).unwrap().fields
}

fn add_call(store: &mut Store, days: u64, title: &str) {
    store
        .insert_convening(&ConveningFields {
            held_on: day(days),
            title: title.into(),
            kind: ConveningKind::Virtual,
            location: String::new(),
            notes: String::new(),
            ..ConveningFields::default()
        })
        .unwrap();
}

/// Allen is active, with an application to Iowa BIG under review.
fn under_review(store: &mut Store) {
    make_active(store, "Allen County");
    let fields = GrantFields {
        city: "Cedar Rapids".into(),
        state: "IA".into(),
        received_on: Some(day(40)),
        ..GrantFields::new(
            id_of(store, "Allen County"),
            this_year(),
            "Iowa BIG",
            (day(100), day(102)),
            Money::from_cents(250_000).unwrap(),
        )
    };
    let id = store
        .save_grant(None, GrantStatus::Submitted, &fields, common::today())
        .unwrap();
    store
        .save_grant(Some(id), GrantStatus::UnderReview, &fields, common::today())
        .unwrap();
}

fn the_grant(app: &AppUnderTest) -> GrantFields {
    app.store().grants_in(this_year(), common::today()).unwrap()[0]
        .grant
        .fields
        .clone()
}

#[test]
fn an_undone_district_change_stays_undone_when_another_field_is_saved() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    app.retype("Notes", "Renewal call on Monday");
    app.press_command(Key::S);
    assert_eq!(allen(&app).notes, "Renewal call on Monday");

    // The cursor is still in Notes, but nothing is unsaved: Ctrl+Z undoes
    // the saved change, and the form shows it.
    app.press_command(Key::Z);
    assert_eq!(allen(&app).notes, "", "{}", app.status());
    assert_eq!(app.field_text("Notes"), "", "the form follows the undo");

    app.retype("County", "Allen Co.");
    app.press_command(Key::S);
    let stored = allen(&app);
    assert_eq!(stored.county, "Allen Co.");
    assert_eq!(stored.notes, "", "the undone note is not written back");
}

#[test]
fn an_undone_letter_change_stays_undone_when_another_field_is_saved() {
    let mut app = open_app(Section::Memberships, |store| {
        let letter = Letter {
            received_on: Some(day(10)),
            ..Letter::default()
        };
        let allen = id_of(store, "Allen County");
        store
            .save_membership(allen, this_year(), MembershipStatus::Received, &letter)
            .unwrap();
    });
    app.click("Allen County");
    app.retype(
        "Learning goal or inquiry question",
        "How do we grade growth?",
    );
    app.press_command(Key::S);
    app.press_command(Key::Z);
    assert_eq!(app.field_text("Learning goal or inquiry question"), "");
    app.retype("Plans of action", "Two lab classrooms");
    app.press_command(Key::S);
    let id = id_of(app.store(), "Allen County");
    let letter = app
        .store()
        .membership_of(id, this_year())
        .unwrap()
        .unwrap()
        .letter;
    assert_eq!(letter.plans, "Two lab classrooms");
    assert_eq!(
        letter.learning_goal, "",
        "the undone goal is not written back"
    );
}

#[test]
fn an_undone_convening_change_stays_undone_when_another_field_is_saved() {
    let mut app = open_app(Section::Convenings, |store| {
        add_call(store, 60, "September call")
    });
    app.click("September call");
    app.retype("Title", "September call (moved)");
    app.press_command(Key::S);
    app.press_command(Key::Z);
    assert_eq!(app.field_text("Title"), "September call");
    app.retype("Location or link", "https://kde.zoom.us/j/1");
    app.press_command(Key::S);
    let convening = &app.store().convenings_in(this_year()).unwrap()[0].convening;
    assert_eq!(convening.fields.location, "https://kde.zoom.us/j/1");
    assert_eq!(convening.fields.title, "September call");
}

#[test]
fn an_undone_grant_change_stays_undone_when_another_field_is_saved() {
    let mut app = open_app(Section::Grants, under_review);
    app.click("Iowa BIG, Cedar Rapids IA");
    app.retype("City", "Des Moines");
    app.press_command(Key::S);
    assert_eq!(the_grant(&app).city, "Des Moines");
    app.press_command(Key::Z);
    assert_eq!(app.field_text("City"), "Cedar Rapids");
    app.retype("Notes", "Two teachers and a principal");
    app.press_command(Key::S);
    let fields = the_grant(&app);
    assert_eq!(fields.notes, "Two teachers and a principal");
    assert_eq!(
        fields.city, "Cedar Rapids",
        "the undone city is not written back"
    );
}

#[test]
fn unsaved_edits_over_a_record_changed_by_an_undo_ask_which_to_keep() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    app.retype("Notes", "Renewal call on Monday");
    app.press_command(Key::S);
    app.retype("County", "Allen Co.");
    // The top bar's Undo, while the form has unsaved edits.
    app.click_button("Undo");
    assert_eq!(allen(&app).notes, "", "the undo ran");
    assert!(app.shows("⚠ Allen County was changed elsewhere"));
    assert!(
        !app.enabled("Save"),
        "nothing is saved until the user chooses"
    );
    assert_eq!(app.field_text("County"), "Allen Co.", "the edits are kept");
    app.press_command(Key::S);
    assert_eq!(
        allen(&app).county,
        "Allen",
        "Ctrl+S waits for the choice too"
    );

    app.click_button("Keep my edits");
    assert_eq!(
        app.field_text("Notes"),
        "",
        "untouched fields take the stored value"
    );
    assert_eq!(app.field_text("County"), "Allen Co.");
    app.press_command(Key::S);
    let stored = allen(&app);
    assert_eq!(
        (stored.county.as_str(), stored.notes.as_str()),
        ("Allen Co.", "")
    );

    // The other answer drops the edits.
    app.retype("Notes", "Second note");
    app.press_command(Key::S);
    app.retype("County", "Allen Cty");
    app.click_button("Undo");
    app.click_button("Take the stored version");
    assert_eq!(app.field_text("County"), "Allen Co.");
    assert_eq!(app.field_text("Notes"), "");
    assert!(!app.shows("⚠ Allen County was changed elsewhere"));
}

#[test]
fn ctrl_z_with_unsaved_typing_undoes_the_typing_not_a_saved_change() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    app.retype("Notes", "Saved note");
    app.press_command(Key::S);
    app.focus("County");
    app.press(Key::End);
    app.type_keys(" typed");
    assert_eq!(app.field_text("County"), "Allen typed");
    app.press_command(Key::Z);
    assert_eq!(app.field_text("County"), "Allen", "the typing is undone");
    assert_eq!(allen(&app).notes, "Saved note", "the saved change stays");
}

#[test]
fn esc_puts_the_form_back_and_clears_its_messages() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    app.retype("KDE number", "5");
    let error = "⚠ Must be exactly 3 digits, e.g. 005";
    assert!(app.shows(error));
    app.press_command(Key::S);
    assert_eq!(
        allen(&app).kde_number,
        "005",
        "a form showing an error is not saved"
    );
    app.press(Key::Escape);
    assert_eq!(app.field_text("KDE number"), "005");
    assert!(!app.shows(error));
    assert!(!app.shows_containing("To save, fix"));
}

#[test]
fn a_form_that_cannot_be_saved_names_the_fields_to_fix() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("➕ New district");
    app.retype("Name", "Cumberland Valley");
    assert!(!app.enabled("Save"));
    assert!(
        app.shows("⚠ To save, fix: KDE number"),
        "named, though the field was never reached"
    );
    assert!(
        !app.shows("⚠ Must be exactly 3 digits, e.g. 005"),
        "not marked"
    );
    app.retype("KDE number", "998");
    assert!(app.enabled("Save"));
    assert!(!app.shows_containing("To save, fix"));
}

#[test]
fn esc_on_a_new_filled_in_form_asks_before_discarding_it() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("➕ New district");
    app.retype("Name", "Cumberland Valley");
    app.press(Key::Escape);
    assert!(app.shows("Unsaved changes"));
    app.click_button("Keep editing");
    assert_eq!(app.field_text("Name"), "Cumberland Valley");
    app.press(Key::Escape);
    app.click_button("Discard changes");
    assert!(
        app.harness
            .query_by_role_and_label(Role::TextInput, "Name")
            .is_none(),
        "the new form is closed"
    );
}

#[test]
fn enter_in_a_field_saves_each_form() {
    let mut app = open_app(Section::Districts, |store| {
        under_review(store);
        add_call(store, 60, "September call");
        let allen = id_of(store, "Allen County");
        store
            .insert_contact(
                allen,
                &ContactFields {
                    name: "Travis Hamby".into(),
                    role: ContactRole::Superintendent,
                    active: true,
                    ..ContactFields::default()
                },
            )
            .unwrap();
    });
    app.click("Allen County");
    app.retype("County", "Allen Co.\n");
    assert_eq!(allen(&app).county, "Allen Co.", "district form");

    app.click("Edit Travis Hamby");
    app.retype("Title", "Superintendent\n");
    let id = id_of(app.store(), "Allen County");
    assert_eq!(
        app.store().contacts_of(id).unwrap()[0].fields.title,
        "Superintendent",
        "contact form"
    );

    app.go_to(Section::Memberships);
    app.click("Allen County");
    app.retype("District signatory", "Travis Hamby\n");
    let letter = app.store().membership_of(id, this_year()).unwrap().unwrap();
    assert_eq!(
        letter.letter.district_signatory, "Travis Hamby",
        "letter form"
    );

    app.go_to(Section::Convenings);
    app.click("September call");
    app.retype("Title", "September convening\n");
    let title = &app.store().convenings_in(this_year()).unwrap()[0]
        .convening
        .fields
        .title;
    assert_eq!(title, "September convening", "convening form");

    app.go_to(Section::Grants);
    app.click("Iowa BIG, Cedar Rapids IA");
    app.retype("City", "Des Moines\n");
    assert_eq!(the_grant(&app).city, "Des Moines", "grant form");
}

fn setting_changes(app: &AppUnderTest) -> usize {
    app.store()
        .history(&HistoryFilter {
            tables: vec!["setting".to_owned()],
            ..HistoryFilter::default()
        })
        .unwrap()
        .len()
}

/// Drags a number field to the right in steps, a frame each, and lets go.
fn drag_right(app: &mut AppUnderTest, field: &str, steps: usize) {
    let rect = app
        .harness
        .get_by_role_and_label(Role::SpinButton, field)
        .rect();
    let mut at = rect.center();
    app.harness.drag_at(at);
    app.run();
    for _ in 0..steps {
        at.x += 3.0;
        app.harness.hover_at(at);
        app.run();
    }
    app.harness.drop_at(at);
    app.run();
}

#[test]
fn dragging_a_setting_is_one_change_in_the_history() {
    let mut app = open_app(Section::Convenings, |_| {});
    app.click("Attendance grid");
    let before = setting_changes(&app);
    let threshold = app.store().attendance_rules().unwrap().threshold_percent;
    drag_right(&mut app, "Flag under", 12);
    let after = app.store().attendance_rules().unwrap().threshold_percent;
    assert!(
        after > threshold,
        "the drag changed it: {threshold} → {after}"
    );
    assert_eq!(setting_changes(&app), before + 1, "one change for one drag");

    app.go_to(Section::Grants);
    let before = setting_changes(&app);
    let days = app.store().decision_days().unwrap();
    drag_right(&mut app, "Decide within", 12);
    assert!(app.store().decision_days().unwrap() > days);
    assert_eq!(setting_changes(&app), before + 1, "one change for one drag");
}

#[test]
fn a_districts_history_follows_a_contact_saved_in_its_form() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    assert!(app.shows("History (1)"), "added with the Kentucky list");
    app.click("➕ Add contact");
    app.retype("Contact name", "Pat Doe");
    app.press_command(Key::S);
    assert!(
        app.shows("History (2)"),
        "the contact's change is listed at once"
    );
    app.press_command(Key::Z);
    assert!(app.shows("History (3)"), "and so is its undo");
}

#[test]
fn unsaved_edits_are_asked_about_before_another_section_or_year() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    app.retype("County", "Allen Co.");
    app.go_to(Section::Grants);
    assert!(app.shows("Unsaved changes"));
    app.click_button("Keep editing");
    assert_eq!(app.harness.state().section(), Section::Districts);
    assert_eq!(app.field_text("County"), "Allen Co.");

    app.harness.state_mut().set_year(this_year().previous());
    app.run();
    assert!(app.shows("Unsaved changes"));
    app.click_button("Discard changes");
    assert_eq!(app.harness.state().year(), this_year().previous());
    assert_eq!(allen(&app).county, "Allen", "nothing was saved");
}

#[test]
fn esc_on_a_new_filled_in_contact_asks_before_dropping_it() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Allen County");
    app.click("➕ Add contact");
    app.retype("Contact name", "Pat Doe");
    app.press(Key::Escape);
    assert!(app.shows("Unsaved changes"));
    app.click_button("Keep editing");
    assert_eq!(app.field_text("Contact name"), "Pat Doe");
    app.press(Key::Escape);
    app.click_button("Discard changes");
    assert!(
        app.harness
            .query_by_role_and_label(Role::TextInput, "Contact name")
            .is_none()
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

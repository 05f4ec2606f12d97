//! The Settings section: every setting in one place, changed there and
//! seen wherever the app uses it; Ctrl+, opens it.

mod common;

use common::*;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use iln_roster::domain::{ExcusedPolicy, Money};
use iln_roster::ui::Section;

fn spin_button<'a>(app: &'a AppUnderTest, label: &'a str) -> egui_kittest::Node<'a> {
    app.harness.get_by_role_and_label(Role::SpinButton, label)
}

#[test]
fn ctrl_comma_lists_every_setting_with_its_meaning_and_default() {
    let mut app = open_app(Section::Overview, |_| {});
    app.press_command(Key::Comma);
    assert_eq!(app.harness.state().section(), Section::Settings);
    for label in [
        "Flag districts under",
        "Flag only after",
        "Excused absences",
        "Minimum time in the meeting",
        "Organisers' email domains",
        "Decide applications within",
        "Fund for the year",
        "Theme",
    ] {
        assert!(app.shows(label), "{label}");
    }
    assert!(app.shows_containing("Default: 75 %."));
    assert!(app.shows_containing("Default: 30 days."));
}

#[test]
fn a_setting_changed_here_is_stored_used_by_the_grid_and_reset_to_its_default() {
    let mut app = open_app(Section::Settings, |store| {
        make_active(store, "Allen County")
    });
    spin_button(&app, "Flag districts under").set_value_accesskit(60.0);
    app.run();
    assert_eq!(
        app.store().attendance_rules().unwrap().threshold_percent,
        60
    );

    app.go_to(Section::Convenings);
    app.click_button("Attendance grid");
    assert_eq!(
        spin_button(&app, "Flag under").value().as_deref(),
        Some("60 %"),
        "the grid's control shows the same value"
    );

    app.go_to(Section::Settings);
    app.choose("Excused absences", "Excused absences count as absent");
    assert_eq!(
        app.store().attendance_rules().unwrap().excused,
        ExcusedPolicy::AsAbsent
    );
    app.harness
        .get_all_by_role_and_label(Role::Button, "Default")
        .next()
        .unwrap()
        .click();
    app.run();
    let rules = app.store().attendance_rules().unwrap();
    assert_eq!(
        rules.threshold_percent, 75,
        "the first Default is the threshold's"
    );
    assert_eq!(rules.excused, ExcusedPolicy::AsAbsent, "the others stay");

    app.press_command(Key::Z);
    assert_eq!(
        app.store().attendance_rules().unwrap().threshold_percent,
        60
    );
}

#[test]
fn typed_settings_are_checked_before_they_are_stored() {
    let mut app = open_app(Section::Settings, |_| {});
    app.retype("Organisers' email domains", "bad domain");
    app.press(Key::Tab);
    assert!(app.shows_containing("“bad” is not an email domain"));
    assert_eq!(
        app.store().report_rules().unwrap().organiser_domains,
        ["education.ky.gov"]
    );
    app.retype("Organisers' email domains", "kde.ky.gov, education.ky.gov");
    app.press(Key::Tab);
    assert_eq!(
        app.store().report_rules().unwrap().organiser_domains,
        ["kde.ky.gov", "education.ky.gov"]
    );

    app.retype("Fund for the year", "sixty");
    app.press(Key::Tab);
    assert!(app.store().grant_fund(this_year()).unwrap().is_none());
    app.retype("Fund for the year", "$45,000");
    app.press(Key::Tab);
    assert_eq!(
        app.store().grant_fund(this_year()).unwrap(),
        Money::from_cents(4_500_000)
    );
    assert_eq!(app.field_text("Fund for the year"), "$45,000.00");

    spin_button(&app, "Decide applications within").set_value_accesskit(14.0);
    app.run();
    assert_eq!(app.store().decision_days().unwrap(), 14);
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

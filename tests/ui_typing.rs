//! Every keystroke is kept: long values typed one key at a time, through
//! every valid/invalid change of the form around them, are stored whole.

mod common;

use common::*;
use iln_roster::domain::{GrantStatus, Money};
use iln_roster::ui::Section;

#[test]
fn a_grant_typed_key_by_key_is_stored_whole() {
    let mut app = open_app(Section::Grants, |store| make_active(store, "Allen County"));
    app.click("➕ New application");
    app.choose("District", "Allen County");
    app.click_button("📥 Submitted");
    for (field, text) in [
        ("Destination", "Iowa BIG, a school in Cedar Rapids"),
        ("City", "Cedar Rapids"),
        ("State", "IA"),
        ("Travel starts", &iso(day(100))),
        ("Travel ends", &iso(day(102))),
        ("Requested", "$45,000"),
        ("Received on", &iso(day(60))),
    ] {
        app.focus(field);
        app.type_keys(text);
        assert_eq!(app.field_text(field), text, "{field}");
    }
    app.press_command(egui::Key::S);
    let rows = app.store().grants_in(this_year()).unwrap();
    assert_eq!(rows.len(), 1, "{}", app.status());
    let grant = &rows[0].grant;
    assert_eq!(grant.status, GrantStatus::Submitted);
    assert_eq!(
        grant.fields.requested,
        Money::from_cents(4_500_000).unwrap()
    );
    assert_eq!(grant.fields.travel_start, day(100));
    assert_eq!(grant.fields.received_on, Some(day(60)));
    assert_eq!(
        grant.fields.destination,
        "Iowa BIG, a school in Cedar Rapids"
    );
}

//! The README's keyboard table, key by key, in the real app.

mod common;

use common::*;
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::ui::Section;

#[test]
fn ctrl_and_a_number_opens_each_section_in_the_navigations_order() {
    let mut app = open_app(Section::Overview, |_| {});
    for section in Section::ALL {
        app.go_to(section);
        assert_eq!(app.harness.state().section(), section);
    }
}

#[test]
fn ctrl_n_starts_a_new_record_where_there_is_one_to_start() {
    let mut app = open_app(Section::Districts, |store| {
        make_active(store, "Allen County")
    });
    app.press_command(Key::N);
    assert!(app.shows("New district"));
    app.press(Key::Escape);
    app.go_to(Section::Convenings);
    app.press_command(Key::N);
    assert!(app.shows("New convening"));
    app.press(Key::Escape);
    app.go_to(Section::Grants);
    app.press_command(Key::N);
    assert!(app.shows("New application"));
}

#[test]
fn ctrl_f_searches_and_the_arrows_move_the_selection() {
    let mut app = open_app(Section::Districts, |_| {});
    app.press_command(Key::F);
    app.type_keys("county");
    let first = app.harness.state_mut().visible_district_names()[0].clone();
    assert_eq!(first, "Adair County", "the search narrowed the table");
    app.press(Key::Escape);
    app.click(&first);
    app.press(Key::ArrowDown);
    assert_eq!(app.field_text("Name"), "Allen County", "↓: the next row");
    app.press(Key::ArrowUp);
    assert_eq!(app.field_text("Name"), "Adair County", "↑: the row above");
}

#[test]
fn ctrl_e_exports_the_table_on_screen_and_nothing_elsewhere() {
    let mut app = open_app(Section::Districts, |_| {});
    app.press_command(Key::F);
    app.type_keys("adair");
    app.press_command(Key::E);
    assert!(
        app.shows_containing("The 1 row shown on screen × "),
        "the export dialog, for what the table shows"
    );
    app.press(Key::Escape);
    app.go_to(Section::Overview);
    app.press_command(Key::E);
    assert!(
        !app.shows_containing("shown on screen"),
        "no table, no export"
    );
    app.go_to(Section::Grants);
    assert!(
        !app.shows_containing("shown on screen"),
        "an earlier Ctrl+E does not wait for the next table"
    );
}

#[test]
fn tab_moves_through_a_form_in_reading_order() {
    let mut app = open_app(Section::Districts, |_| {});
    app.press_command(Key::N);
    app.focus("Name");
    for next in ["KDE number", "NCES LEA ID"] {
        app.press(Key::Tab);
        assert!(app.field(next).is_focused(), "Tab goes on to {next}");
    }
    app.press(Key::Tab);
    let focused = app
        .harness
        .query_by(|node| node.is_focused())
        .map(|node| node.accesskit_node().label().unwrap_or_default());
    assert_eq!(focused.as_deref(), Some("Type"), "then the choice of type");
}

#[test]
fn ctrl_o_asks_which_database_to_open() {
    let mut app = open_app(Section::Overview, |_| {});
    app.press_command(Key::O);
    assert!(app.shows("Open a roster database"));
}

#[test]
fn ctrl_z_and_ctrl_shift_z_undo_and_redo_a_saved_change_in_any_section() {
    let mut app = open_app(Section::Districts, |_| {});
    app.click("Adair County");
    app.retype("County", "Adair Co.");
    app.press_command(Key::S);
    let county = |app: &AppUnderTest| {
        let id = id_of(app.store(), "Adair County");
        app.store().district(id).unwrap().fields.county
    };
    app.go_to(Section::History);
    app.press_command(Key::Z);
    assert_eq!(county(&app), "Adair");
    app.press_shift_command(Key::Z);
    assert_eq!(county(&app), "Adair Co.");
    assert!(
        app.harness
            .query_by_role_and_label(Role::Button, "Undo")
            .is_some()
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

#[test]
fn f1_lists_every_shortcut_and_escape_puts_it_away() {
    let mut app = open_app(Section::Districts, |_| {});
    app.press(Key::F1);
    assert!(app.shows("Keyboard shortcuts"));
    for meaning in [
        "Save the changes in the form",
        "Filter the table by what you type",
        "Redo the change just undone",
        "Go to Travel Grants",
    ] {
        assert!(app.shows(meaning), "{meaning} is listed");
    }
    app.press(Key::Escape);
    assert!(!app.shows("Keyboard shortcuts"));
}

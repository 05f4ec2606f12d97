//! The Map section, headless: a county clicked opens its district, the
//! tooltip says its standing, the colourings change the legend, and the
//! search finds a district on the map.

mod common;

use common::{make_active, open_app_sized};
use egui_kittest::kittest::Queryable as _;
use iln_roster::ui::Section;
use iln_roster::ui::map::county_on_screen;

const SIZE: egui::Vec2 = egui::vec2(1280.0, 800.0);

/// Kentucky's districts (the app under test starts with them), two
/// members.
fn network(store: &mut iln_roster::store::Store) {
    make_active(store, "Owsley County");
    make_active(store, "Adair County");
}

#[test]
fn a_county_hovered_says_its_standing_and_clicked_opens_its_district() {
    let mut app = open_app_sized(SIZE, Section::Map, network);
    assert!(app.shows("Active (2)"), "the legend counts the members");
    assert!(app.shows("Not a member (169)"));
    assert!(app.shows("2 of 171 districts are members."));

    let area = app.harness.get_by_label("Map of Kentucky").rect();
    let owsley = county_on_screen(area, "Owsley").unwrap();
    app.harness.hover_at(owsley);
    app.run();
    assert!(app.shows("Owsley County"), "the tooltip names it");
    let active = format!("{} Active", iln_roster::domain::Standing::Active.symbol());
    assert!(app.shows(&active), "and its standing");

    for pressed in [true, false] {
        app.harness.event(egui::Event::PointerButton {
            pos: owsley,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    app.run();
    assert_eq!(app.harness.state().section(), Section::Districts);
    assert!(
        app.harness.query_all_by_label("Owsley County").count() >= 2,
        "listed, and its form open"
    );
}

#[test]
fn each_colouring_has_its_legend_and_the_search_finds_on_the_map() {
    let mut app = open_app_sized(SIZE, Section::Map, network);
    app.click_button("Cooperative");
    assert!(
        app.shows("KVEC (15)"),
        "Owsley's cooperative and its 15 districts"
    );
    assert!(app.shows("No cooperative (1)"));
    app.click_button("Attendance");
    assert!(app.shows("No convening counted yet (2)"));
    app.click_button("Travel grants");
    assert!(app.shows("No application (171)"));
    app.click_button("Membership");
    assert!(app.shows("Active (2)"));

    app.type_into("Search", "owsley");
    assert_eq!(app.harness.state().map_found(), ["Owsley County"]);
    app.retype("Search", "Fulton");
    assert_eq!(
        app.harness.state().map_found(),
        ["Fulton County", "Fulton Independent"]
    );
}

#[test]
fn save_picture_writes_the_map_the_window_shows() {
    let mut app = open_app_sized(SIZE, Section::Map, network);
    app.click_button("Cooperative");
    app.click_button("Save picture…");
    let wrong = app.folder().join("map.jpg");
    app.retype("Save as", &wrong.display().to_string());
    app.click_button("Save picture");
    assert!(
        app.shows_containing("ends in .png or .svg"),
        "refused where it is"
    );
    assert!(!wrong.exists());

    let target = app.folder().join("coops.svg");
    app.retype("Save as", &target.display().to_string());
    app.click_button("Save picture");
    let svg = std::fs::read_to_string(&target).expect("the picture");
    assert!(svg.contains("cooperative"), "the colouring shown");
    assert!(svg.contains("KVEC (15)"));
    assert!(app.status().starts_with("Saved the"), "{}", app.status());
}

//! Pixel snapshots of the screens people look at most, at a 1280×720
//! laptop size in both themes: the Overview, the attendance grid, and a
//! grant application's form. Drawn with wgpu, so behind a feature:
//!
//! ```text
//! cargo test --features snapshots --test ui_snapshots
//! UPDATE_SNAPSHOTS=1 cargo test --features snapshots --test ui_snapshots   # after a deliberate change
//! ```
//!
//! The pictures are `tests/snapshots/*.png`; a failing one leaves a
//! `.new.png` and a `.diff.png` beside it.
#![cfg(feature = "snapshots")]

mod common;

use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iln_roster::store::Store;
use iln_roster::ui::{App, Section};

const SMALL_LAPTOP: egui::Vec2 = egui::vec2(1280.0, 720.0);

/// The app on a two-year demo roster, in `theme`, on `section`.
fn app_on_demo(
    dir: &std::path::Path,
    theme: egui::Theme,
    section: Section,
) -> Harness<'static, App> {
    let path = dir.join("demo.sqlite3");
    common::demo_roster(&path, 2, 11);
    let mut harness = Harness::builder()
        .with_size(SMALL_LAPTOP)
        .with_theme(theme)
        .wgpu()
        .build_eframe(move |cc| App::new(cc, Store::open(&path)));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, section.shortcut_key());
    harness.run();
    harness
}

fn name(screen: &str, theme: egui::Theme) -> String {
    let theme = match theme {
        egui::Theme::Dark => "dark",
        egui::Theme::Light => "light",
    };
    format!("{screen}_1280x720_{theme}")
}

/// A snapshot of `section` (after `open`, on screen) in `theme`, on its
/// own roster: one window on a roster at a time, as on the laptop.
fn looks_as_before(
    screen: &str,
    section: Section,
    theme: egui::Theme,
    open: impl FnOnce(&mut Harness<'static, App>),
) {
    // A fixed place, not a random temporary one: the status bar shows the
    // roster's path, and it is part of the picture.
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name(screen, theme));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let mut harness = app_on_demo(&dir, theme, section);
    open(&mut harness);
    harness.snapshot(name(screen, theme));
}

fn grid(harness: &mut Harness<'static, App>) {
    harness
        .get_by_role_and_label(Role::Button, "Attendance grid")
        .click();
    harness.run();
}

fn first_application(harness: &mut Harness<'static, App>) {
    harness.key_press(Key::ArrowDown);
    harness.run();
}

#[test]
fn the_overview_in_light() {
    looks_as_before("overview", Section::Overview, egui::Theme::Light, |_| {});
}

#[test]
fn the_overview_in_dark() {
    looks_as_before("overview", Section::Overview, egui::Theme::Dark, |_| {});
}

#[test]
fn the_grid_in_light() {
    looks_as_before("grid", Section::Convenings, egui::Theme::Light, grid);
}

#[test]
fn the_grid_in_dark() {
    looks_as_before("grid", Section::Convenings, egui::Theme::Dark, grid);
}

#[test]
fn a_grant_form_in_light() {
    looks_as_before(
        "grant_form",
        Section::Grants,
        egui::Theme::Light,
        first_application,
    );
}

#[test]
fn a_grant_form_in_dark() {
    looks_as_before(
        "grant_form",
        Section::Grants,
        egui::Theme::Dark,
        first_application,
    );
}

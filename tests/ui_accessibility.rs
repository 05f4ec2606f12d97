//! Every control in every section has a name a screen reader can say (and
//! a test can find it by): buttons, fields, pickers, checkboxes. A control
//! named only by an icon ("📅") has no name.

mod common;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::store::Store;
use iln_roster::ui::{App, Section};

const CONTROLS: [Role; 8] = [
    Role::Button,
    Role::TextInput,
    Role::MultilineTextInput,
    Role::ComboBox,
    Role::CheckBox,
    Role::SpinButton,
    Role::RadioButton,
    Role::Slider,
];

/// The controls on screen with no name in words, as "Role: label".
fn unnamed(harness: &Harness<'_, App>) -> Vec<String> {
    let mut found = Vec::new();
    for role in CONTROLS {
        for node in harness.query_all_by_role(role) {
            let label = node.accesskit_node().label().unwrap_or_default();
            if !label.chars().any(char::is_alphanumeric) {
                found.push(format!("{role:?}: {label:?} at {:?}", node.rect().min));
            }
        }
    }
    found
}

#[test]
fn every_control_in_every_section_has_a_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    common::demo_roster(&path, 2, 3);
    let mut harness = Harness::builder()
        .with_size(common::LAPTOP)
        .build_eframe(move |cc| App::new(cc, Store::open(&path)));
    harness.run();
    let mut problems = Vec::new();
    for section in Section::ALL {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, section.shortcut_key());
        harness.run();
        problems.extend(
            unnamed(&harness)
                .into_iter()
                .map(|p| format!("{section:?} {p}")),
        );
        // With a record open: the form's controls too.
        if matches!(
            section,
            Section::Districts | Section::Memberships | Section::Convenings | Section::Grants
        ) {
            harness.key_press(egui::Key::ArrowDown);
            harness.run();
            problems.extend(
                unnamed(&harness)
                    .into_iter()
                    .map(|p| format!("{section:?} form {p}")),
            );
            harness.key_press(egui::Key::Escape);
            harness.run();
        }
    }
    assert!(
        problems.is_empty(),
        "unnamed controls:\n{}",
        problems.join("\n")
    );
}

//! Choosing a database file: the screen shown when one cannot be opened, and
//! the "Open database…" dialog. Native file dialogs where the desktop offers
//! them; a typed path always works.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::style;
use crate::store::OpenError;

const FILE_EXTENSIONS: [&str; 4] = ["sqlite3", "sqlite", "db", "iln"];

/// The path field and the buttons to fill it, shared by both places.
#[derive(Default)]
pub struct OpenDatabaseDialog {
    path: String,
    note: Option<String>,
}

impl OpenDatabaseDialog {
    /// `Some(Some(path))` to open `path`, `Some(None)` when cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        let mut result = None;
        let modal = egui::Modal::new(egui::Id::unique("open_database")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.label(RichText::new("Open a roster database").heading());
            ui.add_space(style::GAP);
            style::muted(
                ui,
                "Choose an existing file, or name a new one to start an empty roster.",
            );
            ui.add_space(style::GAP);
            if let Some(path) = self.path_ui(ui) {
                result = Some(Some(path));
            }
            ui.add_space(style::GAP);
            if ui.button("Cancel").clicked() {
                result = Some(None);
            }
        });
        if modal.should_close() && result.is_none() {
            result = Some(None);
        }
        result
    }

    /// The path field with Browse… and New… buttons; returns a path to open.
    pub fn path_ui(&mut self, ui: &mut Ui) -> Option<PathBuf> {
        let mut open = None;
        ui.horizontal(|ui| {
            let label = ui.label("File");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .hint_text("/path/to/roster.sqlite3")
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed = self.path.trim();
            if (ui
                .add_enabled(!typed.is_empty(), egui::Button::new("Open"))
                .clicked()
                || entered)
                && !typed.is_empty()
            {
                open = Some(PathBuf::from(typed));
            }
        });
        ui.horizontal(|ui| {
            if ui
                .button("Browse…")
                .on_hover_text("Pick an existing database file")
                .clicked()
            {
                match rfd::FileDialog::new()
                    .add_filter("Roster database", &FILE_EXTENSIONS)
                    .pick_file()
                {
                    Some(path) => open = Some(path),
                    None => self.note_no_dialog(),
                }
            }
            if ui
                .button("New database…")
                .on_hover_text("Choose where to create a new, empty roster")
                .clicked()
            {
                match rfd::FileDialog::new()
                    .add_filter("Roster database", &FILE_EXTENSIONS)
                    .set_file_name("roster.sqlite3")
                    .save_file()
                {
                    Some(path) => open = Some(path),
                    None => self.note_no_dialog(),
                }
            }
        });
        if let Some(note) = &self.note {
            style::muted(ui, note);
        }
        open
    }

    fn note_no_dialog(&mut self) {
        self.note = Some(
            "No file was chosen. If no file dialog appeared, type the file's path above."
                .to_owned(),
        );
    }
}

/// The screen shown instead of the sections when the database could not be
/// opened: what happened, and ways forward. Returns a path to try.
pub fn open_failed_ui(
    ui: &mut Ui,
    error: &OpenError,
    picker: &mut OpenDatabaseDialog,
) -> Option<PathBuf> {
    let mut open = None;
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.15).min(120.0));
        ui.label(
            RichText::new("⚠")
                .size(40.0)
                .color(style::warning_color(ui)),
        );
        ui.label(RichText::new("The roster database could not be opened").heading());
        ui.add_space(style::GAP);
    });
    ui.vertical_centered(|ui| {
        ui.set_max_width(620.0);
        ui.label(RichText::new(error.to_string()).size(14.0));
        ui.add_space(style::SECTION_GAP);
        if ui
            .button("Try again")
            .on_hover_text("Open the same file again")
            .clicked()
        {
            open = Some(error.path().to_path_buf());
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        ui.add_space(style::GAP);
        style::muted(ui, "Or open another file, or start a new roster:");
        ui.add_space(style::GAP);
        if let Some(path) = picker.path_ui(ui) {
            open = Some(path);
        }
    });
    open
}

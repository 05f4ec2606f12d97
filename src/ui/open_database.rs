//! Choosing a database file: the screen shown when one cannot be opened, and
//! the "Open database…" dialog. Native file dialogs where the desktop offers
//! them; a typed path always works.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::file_picker::FilePicker;
use super::style;
use crate::store::OpenError;

const FILE_EXTENSIONS: [&str; 4] = ["sqlite3", "sqlite", "db", "iln"];

/// The path field and the buttons to fill it, shared by both places.
pub struct OpenDatabaseDialog {
    picker: FilePicker,
}

impl Default for OpenDatabaseDialog {
    fn default() -> Self {
        Self {
            picker: FilePicker::new(
                "Roster database",
                &FILE_EXTENSIONS,
                "/path/to/roster.sqlite3",
                "Open",
            ),
        }
    }
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

    /// The path field with Browse… and New database…; returns a path to open.
    pub fn path_ui(&mut self, ui: &mut Ui) -> Option<PathBuf> {
        let mut open = self.picker.ui(ui);
        if ui
            .button("New database…")
            .on_hover_text("Choose where to create a new, empty roster")
            .clicked()
        {
            open = open.or_else(|| self.picker.choose_new("roster.sqlite3"));
        }
        open
    }
}

/// The screen shown instead of the sections when the database could not be
/// opened: what happened, and ways forward: try again, restore the newest
/// good backup (`backup_taken`, for a damaged file), or open another file.
pub fn open_failed_ui(
    ui: &mut Ui,
    error: &OpenError,
    backup_taken: Option<&str>,
    picker: &mut OpenDatabaseDialog,
) -> Option<FailedChoice> {
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
            open = Some(FailedChoice::Open(error.path().to_path_buf()));
        }
        if let Some(taken) = backup_taken {
            ui.add_space(style::GAP);
            if ui
                .button(RichText::new(format!("Restore the backup of {taken}")).strong())
                .on_hover_text(
                    "The newest backup that passes its check. The damaged file is kept aside, unchanged.",
                )
                .clicked()
            {
                open = Some(FailedChoice::RestoreBackup);
            }
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        ui.add_space(style::GAP);
        style::muted(ui, "Or open another file, or start a new roster:");
        ui.add_space(style::GAP);
        if let Some(path) = picker.path_ui(ui) {
            open = Some(FailedChoice::Open(path));
        }
    });
    open
}

/// What the user chose on the screen shown when opening failed.
pub enum FailedChoice {
    Open(PathBuf),
    RestoreBackup,
}

//! What the roster's one file holds: its size, the documents kept in it,
//! the history, and the removed files Undo could still bring back; with
//! "Export documents…" and "Let them go…".

use egui::{RichText, Ui};

use crate::domain::document::size_text;
use crate::store::{Storage, Store, StoreError};
use crate::ui::command::Command;
use crate::ui::style;

/// The figures, read when the section is drawn after a change.
#[derive(Default)]
pub struct StorageView {
    storage: Option<Storage>,
    confirm_let_go: bool,
}

impl StorageView {
    /// Forgets the figures: the next draw reads them again.
    pub fn forget(&mut self) {
        self.storage = None;
    }

    pub fn ui(
        &mut self,
        ui: &mut Ui,
        store: &Store,
        commands: &mut Vec<Command>,
        notice: &mut Option<String>,
    ) -> Result<(), StoreError> {
        let storage = match self.storage {
            Some(storage) => storage,
            None => *self.storage.insert(store.storage()?),
        };
        style::subheading(ui, "Documents and the roster's size");
        style::muted(
            ui,
            "Files kept on letters, grant applications and districts live inside the roster, \
             so a backup carries them.",
        );
        ui.add_space(style::GAP);
        egui::Grid::new("storage_figures")
            .num_columns(3)
            .spacing([style::SECTION_GAP, style::GAP / 2.0])
            .show(ui, |ui| {
                ui.label(RichText::new("Roster file").strong());
                ui.label(size_text(storage.file_bytes));
                style::muted(ui, store.path().display().to_string());
                ui.end_row();

                ui.label(RichText::new("Documents").strong());
                ui.label(format!(
                    "{} · {}",
                    crate::domain::count(storage.documents as usize, "file", "files"),
                    size_text(storage.document_bytes)
                ));
                if ui
                    .add_enabled(
                        storage.documents > 0,
                        egui::Button::new("Export documents…"),
                    )
                    .on_hover_text(
                        "Save every kept document into a folder: one per district, and in it \
                         one per letter, application or the district",
                    )
                    .clicked()
                {
                    export_documents(store, notice);
                }
                ui.end_row();

                ui.label(RichText::new("History").strong());
                ui.label(size_text(storage.history_bytes));
                style::muted(ui, "Every change, for Undo and the History section");
                ui.end_row();

                ui.label(RichText::new("Removed files").strong());
                ui.label(format!(
                    "{} · {}",
                    crate::domain::count(storage.removed_files as usize, "file", "files"),
                    size_text(storage.removed_bytes)
                ));
                ui.horizontal(|ui| {
                    style::muted(ui, "Kept so that Undo can bring them back");
                    if storage.removed_files > 0 && ui.button("Let them go…").clicked() {
                        self.confirm_let_go = true;
                    }
                });
                ui.end_row();
            });
        if self.confirm_let_go {
            let answer = crate::ui::widgets::confirm_modal(
                ui.ctx(),
                "let_removed_files_go",
                "Let removed files go?",
                &format!(
                    "{} ({}) that no record keeps any more will leave the roster, and its file \
                     will shrink. Undo can no longer bring them back; backups made before \
                     still have them.",
                    crate::domain::count(storage.removed_files as usize, "file", "files"),
                    size_text(storage.removed_bytes)
                ),
                "Let them go",
            );
            if let Some(yes) = answer {
                self.confirm_let_go = false;
                if yes {
                    commands.push(Command::LetRemovedDocumentsGo);
                }
            }
        }
        Ok(())
    }
}

/// "Export documents…": a folder, then every document saved into it.
fn export_documents(store: &Store, notice: &mut Option<String>) {
    let Some(folder) = rfd::FileDialog::new()
        .set_directory(crate::ui::file_picker::documents_folder())
        .pick_folder()
    else {
        return;
    };
    *notice = Some(
        match crate::export::documents::export_documents(store, &folder, false) {
            Ok(saved) => format!(
                "Saved {} into {}.",
                crate::domain::count(saved.len(), "document", "documents"),
                folder.display()
            ),
            Err(error) => error.to_string(),
        },
    );
}

//! "Back up now…" (a copy where the user chooses) and "Restore…" (the
//! automatic backups with what each holds, checked before it is used).

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::style;
use crate::store::backups::{self, BackupContents, BackupFile};

/// The "Back up now…" dialog: where to save the copy.
pub struct BackUpDialog {
    path: String,
    pub error: Option<String>,
}

impl BackUpDialog {
    pub fn new(today: chrono::NaiveDate) -> Self {
        let folder = directories::UserDirs::new()
            .and_then(|d| {
                d.document_dir()
                    .filter(|p| p.is_dir())
                    .map(Path::to_path_buf)
            })
            .unwrap_or_else(|| PathBuf::from("."));
        Self {
            path: folder
                .join(format!(
                    "ILN roster backup {}.sqlite3",
                    today.format("%Y-%m-%d")
                ))
                .display()
                .to_string(),
            error: None,
        }
    }

    /// `Some(Some(path))` to back up there, `Some(None)` when cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("back_up_now")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new("Back up the roster").heading());
            style::muted(
                ui,
                "A complete copy of the database, taken safely while the app is open. \
                 Keep it somewhere other than this laptop: a USB stick or a shared drive.",
            );
            ui.add_space(style::GAP);
            ui.horizontal(|ui| {
                let label = ui.label("Save to");
                ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(440.0))
                    .labelled_by(label.id);
            });
            if let Some(error) = &self.error {
                style::error_text(ui, error);
            }
            ui.add_space(style::GAP);
            ui.horizontal(|ui| {
                let typed = self.path.trim();
                if ui
                    .add_enabled(!typed.is_empty(), egui::Button::new("Back up"))
                    .clicked()
                {
                    answer = Some(Some(PathBuf::from(typed)));
                }
                if ui
                    .button("Choose location…")
                    .on_hover_text("Pick the folder and name in your system's save dialog")
                    .clicked()
                {
                    let name = Path::new(typed)
                        .file_name()
                        .map_or_else(|| "ILN roster backup.sqlite3".into(), |n| n.to_string_lossy().into_owned());
                    match rfd::FileDialog::new()
                        .add_filter("Roster database", &["sqlite3"])
                        .set_file_name(name)
                        .save_file()
                    {
                        Some(path) => answer = Some(Some(path)),
                        None => {
                            self.error = Some(
                                "No location was chosen. If no dialog appeared, type the path above."
                                    .to_owned(),
                            );
                        }
                    }
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(None);
                }
            });
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(None);
        }
        answer
    }
}

/// The "Restore…" dialog: the automatic backups, newest first, each checked.
pub struct RestoreDialog {
    rows: Vec<(BackupFile, Result<BackupContents, String>)>,
    folder: PathBuf,
    chosen: Option<usize>,
    confirming: bool,
}

impl RestoreDialog {
    /// Reads and checks every backup of `database` (when the dialog opens).
    pub fn new(database: &Path) -> Self {
        let rows = backups::list(database)
            .into_iter()
            .map(|file| {
                let contents = backups::inspect(&file.path).map_err(|e| e.to_string());
                (file, contents)
            })
            .collect();
        Self {
            rows,
            folder: backups::folder_for(database),
            chosen: None,
            confirming: false,
        }
    }

    /// `Some(Some(backup))` to restore it, `Some(None)` when cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<Option<PathBuf>> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("restore_backup")).show(ctx, |ui| {
            ui.set_width(640.0);
            ui.label(RichText::new("Restore a backup").heading());
            style::muted(
                ui,
                format!(
                    "Automatic backups in {}. The current file is kept aside, unchanged.",
                    self.folder.display()
                ),
            );
            ui.add_space(style::GAP);
            if self.rows.is_empty() {
                ui.label("There are no backups yet. One is made each time the app opens a roster that changed.");
            } else {
                self.table_ui(ui);
            }
            ui.add_space(style::GAP);
            ui.horizontal(|ui| {
                let ready = self
                    .chosen
                    .is_some_and(|i| self.rows.get(i).is_some_and(|(_, c)| c.is_ok()));
                if ui
                    .add_enabled(ready, egui::Button::new("Restore…"))
                    .on_disabled_hover_text("Choose a backup that passed its check")
                    .clicked()
                {
                    self.confirming = true;
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(None);
                }
            });
            if self.confirming
                && let Some((file, _)) = self.chosen.and_then(|i| self.rows.get(i))
            {
                ui.add_space(style::GAP);
                ui.label(
                    RichText::new(format!(
                        "Replace the roster with the backup of {}? Changes made since are in the file kept aside.",
                        file.taken_at.format("%-m/%-d/%Y %-I:%M %p")
                    ))
                    .color(style::warning_color(ui)),
                );
                if ui.button("Restore this backup").clicked() {
                    answer = Some(Some(file.path.clone()));
                }
            }
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(None);
        }
        answer
    }

    fn table_ui(&mut self, ui: &mut Ui) {
        TableBuilder::new(ui)
            .id_salt("backups_table")
            .striped(true)
            .sense(egui::Sense::click())
            .max_scroll_height(300.0)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(170.0))
            .column(Column::exact(80.0))
            .column(Column::exact(80.0))
            .column(Column::exact(100.0))
            .column(Column::remainder())
            .header(style::HEADER_HEIGHT, |mut header| {
                for title in ["Taken", "Size", "Districts", "Memberships", "Check"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(style::ROW_HEIGHT, self.rows.len(), |mut row| {
                    let index = row.index();
                    let (file, contents) = &self.rows[index];
                    row.set_selected(self.chosen == Some(index));
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(
                                file.taken_at.format("%-m/%-d/%Y %-I:%M %p").to_string(),
                            )
                            .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(format!("{} KB", file.size.div_ceil(1024)))
                                .selectable(false),
                        );
                    });
                    let (districts, memberships) = contents
                        .as_ref()
                        .map_or((String::new(), String::new()), |c| {
                            (c.districts.to_string(), c.memberships.to_string())
                        });
                    row.col(|ui| {
                        ui.add(egui::Label::new(districts).selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(memberships).selectable(false));
                    });
                    row.col(|ui| match contents {
                        Ok(_) => {
                            ui.label(RichText::new("✔ Whole").color(style::success_color(ui)));
                        }
                        Err(error) => {
                            ui.label(RichText::new("⚠ Damaged").color(style::error_color(ui)))
                                .on_hover_text(error);
                        }
                    });
                    if row.response().clicked() {
                        self.chosen = Some(index);
                        self.confirming = false;
                    }
                });
            });
    }
}

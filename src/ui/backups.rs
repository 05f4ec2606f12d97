//! "Back up now…" (a copy where the user chooses) and "Restore…" (the
//! automatic backups with what each holds, checked before it is used).

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::file_picker::FilePicker;
use super::style;
use crate::store::backups::{self, BackupContents, BackupFile};

/// The "Back up now…" dialog: where to save the copy.
pub struct BackUpDialog {
    path: String,
    pub error: Option<String>,
}

impl BackUpDialog {
    pub fn new(today: chrono::NaiveDate) -> Self {
        let folder = super::file_picker::documents_folder();
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

/// The "Restore…" dialog: the automatic backups, newest first, each
/// checked, or a backup file the user chooses (checked the same way).
pub struct RestoreDialog {
    rows: Vec<(BackupFile, Result<BackupContents, String>)>,
    folder: PathBuf,
    chosen: Option<usize>,
    /// A file chosen instead, and what its check found.
    picker: FilePicker,
    file: Option<(PathBuf, Result<BackupContents, String>)>,
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
        let mut picker = FilePicker::new(
            "Roster database",
            &["sqlite3", "db"],
            "/path/to/ILN roster backup.sqlite3",
            "Check",
        )
        .labelled("Backup file");
        picker.focus_first(false);
        Self {
            rows,
            folder: backups::folder_for(database),
            chosen: None,
            picker,
            file: None,
            confirming: false,
        }
    }

    /// The backup to restore: the chosen file, else the chosen row, if it
    /// passed its check. With when it was taken, for the question.
    fn choice(&self) -> Option<(PathBuf, String)> {
        if let Some((path, contents)) = &self.file {
            return contents
                .is_ok()
                .then(|| (path.clone(), format!("the file {}", path.display())));
        }
        let (file, contents) = self.chosen.and_then(|i| self.rows.get(i))?;
        contents.is_ok().then(|| {
            (
                file.path.clone(),
                format!(
                    "the backup of {}",
                    file.taken_at.format("%-m/%-d/%Y %-I:%M %p")
                ),
            )
        })
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
            style::subheading(ui, "Or a backup file");
            if let Some(path) = self.picker.ui(ui) {
                let contents = backups::inspect(&path).map_err(|e| e.to_string());
                self.file = Some((path, contents));
                self.chosen = None;
                self.confirming = false;
            }
            match &self.file {
                Some((_, Ok(contents))) => {
                    ui.label(
                        RichText::new(format!(
                            "✔ Whole: {} districts, {} memberships",
                            contents.districts, contents.memberships
                        ))
                        .color(style::success_color(ui)),
                    );
                }
                Some((_, Err(error))) => {
                    style::error_text(ui, error);
                }
                None => {}
            }
            ui.add_space(style::GAP);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(self.choice().is_some(), egui::Button::new("Use this backup…"))
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
                && let Some((path, what)) = self.choice()
            {
                ui.add_space(style::GAP);
                ui.label(
                    RichText::new(format!(
                        "Replace the roster with {what}? Changes made since are in the file kept aside."
                    ))
                    .color(style::warning_color(ui)),
                );
                if ui.button("Restore this backup").clicked() {
                    answer = Some(Some(path));
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
                        self.file = None;
                        self.confirming = false;
                    }
                });
            });
    }
}

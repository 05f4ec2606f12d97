//! The "Export…" dialog every table opens: Excel or CSV, where to save, and
//! what will be in the file. The file itself is written off the UI thread.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::io::save::FileFormat;
use crate::ui::ExportRequest;
use crate::ui::style;

/// Where the user decided to save.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportTarget {
    pub path: PathBuf,
    pub format: FileFormat,
}

pub enum ExportAnswer {
    Save(ExportTarget),
    Cancel,
}

pub struct ExportDialog {
    pub request: ExportRequest,
    format: FileFormat,
    folder: PathBuf,
    path: String,
    error: Option<String>,
    /// What is at the file the typed path writes, looked at once per path
    /// (not every frame): its path, and whether it is a database or exists.
    looked_at: Option<(String, FileFormat, WrittenFile)>,
}

/// The file an export would write, as it is on disk.
#[derive(Clone, Debug)]
struct WrittenFile {
    path: PathBuf,
    is_database: bool,
    exists: bool,
}

impl ExportDialog {
    pub fn new(request: ExportRequest) -> Self {
        let folder = crate::ui::file_picker::documents_folder();
        let format = FileFormat::Xlsx;
        let path = folder
            .join(format!("{}.{}", request.file_stem(), format.extension()))
            .display()
            .to_string();
        Self {
            request,
            format,
            folder,
            path,
            error: None,
            looked_at: None,
        }
    }

    /// The file the typed path writes, looked at again only when the path
    /// or the format changes.
    fn written_file(&mut self) -> WrittenFile {
        let key = (self.path.trim().to_owned(), self.format);
        match &self.looked_at {
            Some((path, format, file)) if (path, format) == (&key.0, &key.1) => file.clone(),
            _ => {
                let path = self.target_path(Path::new(&key.0)).0;
                let file = WrittenFile {
                    is_database: crate::store::is_database_file(&path),
                    exists: path.exists(),
                    path,
                };
                self.looked_at = Some((key.0, key.1, file.clone()));
                file
            }
        }
    }

    pub fn show_error(&mut self, message: String) {
        self.error = Some(message);
    }

    pub fn ui(&mut self, ctx: &egui::Context) -> Option<ExportAnswer> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique("export_dialog")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new(format!("Export “{}”", self.request.title)).heading());
            let rows = style::count(self.request.rows(), "row", "rows");
            let shape = match self.request.sheets.as_slice() {
                [sheet] => format!(
                    "The {rows} shown on screen × {}: every field, not only the screen's columns.",
                    style::count(sheet.columns.len(), "column", "columns")
                ),
                sheets => format!("{} sheets, {rows} in all.", sheets.len()),
            };
            style::muted(ui, shape);
            ui.add_space(style::GAP);
            answer = self.fields_ui(ui);
        });
        if modal.should_close() && answer.is_none() {
            answer = Some(ExportAnswer::Cancel);
        }
        answer
    }

    fn fields_ui(&mut self, ui: &mut Ui) -> Option<ExportAnswer> {
        let mut answer = None;
        if self.request.is_workbook() {
            self.format = FileFormat::Xlsx;
        }
        ui.horizontal(|ui| {
            ui.label("Format");
            let before = self.format;
            if self.request.is_workbook() {
                ui.disable();
            }
            ui.radio_value(&mut self.format, FileFormat::Xlsx, "Excel workbook (.xlsx)")
                .on_hover_text("Styled header, filters, real dates and amounts");
            ui.radio_value(&mut self.format, FileFormat::Csv, "CSV (.csv)")
                .on_hover_text("Plain text any program reads; UTF-8 so accents survive Excel");
            if self.format != before {
                self.path = with_extension(&self.path, self.format);
            }
        });
        let mut entered = false;
        ui.horizontal(|ui| {
            let label = ui.label("Save to");
            let field = ui
                .add(egui::TextEdit::singleline(&mut self.path).desired_width(420.0))
                .labelled_by(label.id);
            // Enter in the path exports, as the Export button does.
            entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
        let typed = PathBuf::from(self.path.trim());
        // Said of the file that will be written, which takes the format's
        // extension (a typed "roster.sqlite3" is written as "roster.xlsx").
        let written = self.written_file();
        if !self.path.trim().is_empty() {
            let name = written
                .path
                .file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            if written.path != typed {
                style::muted(ui, format!("Saves as {name}"));
            }
            if written.is_database {
                style::error_text(
                    ui,
                    &format!("{name} is a database: an export never replaces it."),
                );
            } else if written.exists {
                ui.label(
                    RichText::new(format!("{name} exists; exporting replaces it."))
                        .color(style::warning_color(ui)),
                );
            }
        }
        if let Some(error) = &self.error {
            style::error_text(ui, error);
        }
        ui.add_space(style::GAP);
        ui.horizontal(|ui| {
            let ready = !self.path.trim().is_empty();
            if ui
                .add_enabled(ready, egui::Button::new("Export"))
                .on_hover_text("Write the file at the path above (Enter)")
                .clicked()
                || (entered && ready)
            {
                answer = Some(self.target(typed.clone()));
            }
            if ui
                .button("Choose location…")
                .on_hover_text("Pick the folder and name in your system's save dialog")
                .clicked()
            {
                answer = self.choose().map(|path| self.target(path));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(ExportAnswer::Cancel);
            }
        });
        answer
    }

    /// The native save dialog; where there is none, says so.
    fn choose(&mut self) -> Option<PathBuf> {
        let name = format!("{}.{}", self.request.file_stem(), self.format.extension());
        let folder = Path::new(self.path.trim())
            .parent()
            .filter(|p| p.is_dir())
            .map_or_else(|| self.folder.clone(), Path::to_path_buf);
        let chosen = rfd::FileDialog::new()
            .add_filter(
                match self.format {
                    FileFormat::Xlsx => "Excel workbook",
                    FileFormat::Csv => "CSV",
                },
                &[self.format.extension()],
            )
            .set_directory(folder)
            .set_file_name(name)
            .save_file();
        if chosen.is_none() {
            self.error = Some(
                "No location was chosen. If no dialog appeared, type the path above and press Export."
                    .to_owned(),
            );
        }
        chosen
    }

    /// The answer for `path`, the format following its extension if it has one.
    fn target(&self, path: PathBuf) -> ExportAnswer {
        let (path, format) = self.target_path(&path);
        ExportAnswer::Save(ExportTarget { path, format })
    }

    /// The file written for a typed `path`, and its format: the extension
    /// decides the format; without one it is the format chosen above.
    fn target_path(&self, path: &Path) -> (PathBuf, FileFormat) {
        let format = match FileFormat::of_path(path) {
            _ if self.request.is_workbook() => FileFormat::Xlsx,
            Some(format) => format,
            None => self.format,
        };
        let path = if FileFormat::of_path(path) == Some(format) {
            path.to_path_buf()
        } else {
            path.with_extension(format.extension())
        };
        (path, format)
    }
}

fn with_extension(path: &str, format: FileFormat) -> String {
    let trimmed = path.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    Path::new(trimmed)
        .with_extension(format.extension())
        .display()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::table::Sheet;

    #[test]
    fn file_names_come_from_the_title_and_are_safe() {
        let sheet = |title: &str| Sheet {
            name: "x".into(),
            title: title.into(),
            columns: Vec::new(),
            rows: Vec::new(),
            footer: None,
            figures: Vec::new(),
        };
        assert_eq!(
            ExportRequest::new(sheet("ILN roster 2025-2026")).file_stem(),
            "ILN roster 2025-2026"
        );
        assert_eq!(
            ExportRequest::new(sheet("Fall 10/2 convening: \"Deeper\"")).file_stem(),
            "Fall 10-2 convening Deeper"
        );
        assert_eq!(ExportRequest::new(sheet(" .. ")).file_stem(), "ILN export");
        assert_eq!(
            ExportRequest::new(sheet("ILN Travel Fund Grants 2026-2027 · fund $60,000.00"))
                .file_stem(),
            "ILN Travel Fund Grants 2026-2027"
        );
    }

    #[test]
    fn switching_format_changes_the_extension() {
        assert_eq!(
            with_extension("/tmp/ILN roster 2025-2026.xlsx", FileFormat::Csv),
            "/tmp/ILN roster 2025-2026.csv"
        );
        assert_eq!(with_extension("  ", FileFormat::Csv), "");
    }
}

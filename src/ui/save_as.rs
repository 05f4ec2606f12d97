//! "Save as": a file name to write something to (a calendar, a map), with
//! Browse… for the system's dialog, checked for the kinds of file it may
//! be before the command that writes it is given.

use std::path::PathBuf;

use egui::RichText;

use crate::ui::file_picker::documents_folder;
use crate::ui::style;

pub struct SaveAsDialog {
    title: &'static str,
    /// What the file holds and what to do with it, in words.
    explanation: String,
    /// The extensions it may have, the first the one suggested.
    extensions: &'static [&'static str],
    /// The kind of file, for the system dialog's filter ("Calendar").
    kind: &'static str,
    button: &'static str,
    path: String,
    error: Option<String>,
}

/// What the dialog was told.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveAs {
    Save(PathBuf),
    Cancel,
}

impl SaveAsDialog {
    /// Suggests `file_name` in the documents folder.
    pub fn new(
        title: &'static str,
        explanation: String,
        (kind, extensions): (&'static str, &'static [&'static str]),
        button: &'static str,
        file_name: &str,
    ) -> Self {
        Self {
            title,
            explanation,
            extensions,
            kind,
            button,
            path: documents_folder().join(file_name).display().to_string(),
            error: None,
        }
    }

    /// The dialog; `Some` once the user saved or cancelled.
    pub fn ui(&mut self, ctx: &egui::Context) -> Option<SaveAs> {
        let mut answer = None;
        let modal = egui::Modal::new(egui::Id::unique(self.title)).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new(self.title).heading());
            style::muted(ui, &self.explanation);
            ui.add_space(style::GAP);
            ui.horizontal(|ui| {
                let label = ui.label("Save as");
                ui.add(egui::TextEdit::singleline(&mut self.path).desired_width(360.0))
                    .labelled_by(label.id);
                if ui.button("Browse…").clicked() {
                    let name = std::path::Path::new(self.path.trim())
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    if let Some(path) = rfd::FileDialog::new()
                        .add_filter(self.kind, self.extensions)
                        .set_file_name(name)
                        .save_file()
                    {
                        self.path = path.display().to_string();
                    }
                }
            });
            if let Some(error) = &self.error {
                style::error_text(ui, error);
            }
            ui.add_space(style::SECTION_GAP);
            ui.horizontal(|ui| {
                if ui.button("Cancel").clicked() {
                    answer = Some(SaveAs::Cancel);
                }
                let path = PathBuf::from(self.path.trim());
                if ui
                    .add_enabled(
                        !self.path.trim().is_empty(),
                        egui::Button::new(RichText::new(self.button).strong()),
                    )
                    .clicked()
                {
                    let fits = path
                        .extension()
                        .is_some_and(|e| self.extensions.iter().any(|x| e.eq_ignore_ascii_case(x)));
                    if fits {
                        answer = Some(SaveAs::Save(path));
                    } else {
                        let names: Vec<String> =
                            self.extensions.iter().map(|x| format!(".{x}")).collect();
                        self.error = Some(format!(
                            "A {} file's name ends in {}",
                            self.kind.to_lowercase(),
                            names.join(" or ")
                        ));
                    }
                }
            });
        });
        if modal.should_close() {
            answer = answer.or(Some(SaveAs::Cancel));
        }
        answer
    }
}

//! Choosing a file: a path field anyone can type into, and the desktop's
//! native file dialog where one is available (where none is, the dialog
//! answers at once as if cancelled, so the typed path always works).

use std::path::PathBuf;

use egui::Ui;

use super::style;

/// Where files the user saves go first: the Documents folder, or home, or
/// (failing both) where the app runs, always written out in full.
pub fn documents_folder() -> PathBuf {
    let folder = directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .filter(|d| d.is_dir())
                .map(std::path::Path::to_path_buf)
                // Without a desktop's folder settings: the usual place, if there.
                .or_else(|| Some(dirs.home_dir().join("Documents")).filter(|d| d.is_dir()))
                .or_else(|| Some(dirs.home_dir().to_path_buf()))
        })
        .unwrap_or_else(|| PathBuf::from("."));
    std::path::absolute(&folder).unwrap_or(folder)
}

pub struct FilePicker {
    path: String,
    note: Option<String>,
    /// What the files are, for the dialog's filter: "Roster database".
    kind: &'static str,
    extensions: &'static [&'static str],
    hint: &'static str,
    /// The button that takes the typed path: "Open", "Import".
    action: &'static str,
    /// Put the cursor in the path field the first time it is shown.
    focus: bool,
    /// The path field's label.
    label: &'static str,
}

impl FilePicker {
    pub fn new(
        kind: &'static str,
        extensions: &'static [&'static str],
        hint: &'static str,
        action: &'static str,
    ) -> Self {
        Self {
            path: String::new(),
            note: None,
            kind,
            extensions,
            hint,
            action,
            focus: true,
            label: "File",
        }
    }

    /// Names the path field (where another "File" field may be on screen).
    pub fn labelled(mut self, label: &'static str) -> Self {
        self.label = label;
        self
    }

    /// Whether the path field takes the cursor when first shown (not where
    /// it is one choice among others).
    pub fn focus_first(&mut self, focus: bool) {
        self.focus = focus;
    }

    /// The path field, its action button and Browse…; returns a chosen path.
    pub fn ui(&mut self, ui: &mut Ui) -> Option<PathBuf> {
        let mut chosen = None;
        ui.horizontal(|ui| {
            let label = ui.label(self.label);
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.path)
                        .hint_text(self.hint)
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
            if std::mem::take(&mut self.focus) {
                response.request_focus();
            }
            let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let typed = self.path.trim();
            let clicked = ui
                .add_enabled(!typed.is_empty(), egui::Button::new(self.action))
                .clicked();
            if (clicked || entered) && !typed.is_empty() {
                chosen = Some(PathBuf::from(typed));
            }
            if ui
                .button("Browse…")
                .on_hover_text(format!("Pick a {} file", self.kind.to_lowercase()))
                .clicked()
            {
                chosen = self.dialog().pick_file();
                if chosen.is_none() {
                    self.note_nothing_chosen();
                }
            }
        });
        if let Some(note) = &self.note {
            style::muted(ui, note);
        }
        chosen
    }

    /// The native "save as" dialog, starting on `file_name`.
    pub fn choose_new(&mut self, file_name: &str) -> Option<PathBuf> {
        let chosen = self.dialog().set_file_name(file_name).save_file();
        if chosen.is_none() {
            self.note_nothing_chosen();
        }
        chosen
    }

    fn dialog(&self) -> rfd::FileDialog {
        // No extensions: any file (a document to keep).
        if self.extensions.is_empty() {
            return rfd::FileDialog::new();
        }
        rfd::FileDialog::new().add_filter(self.kind, self.extensions)
    }

    fn note_nothing_chosen(&mut self) {
        self.note = Some(
            "No file was chosen. If no file dialog appeared, type the file's path above."
                .to_owned(),
        );
    }
}

/// A folder to write into: its path, typed or picked with Browse….
pub fn folder_field_ui(ui: &mut Ui, label: &str, folder: &mut String) {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(egui::TextEdit::singleline(folder).desired_width(380.0))
            .labelled_by(label.id);
        if ui
            .button("Browse…")
            .on_hover_text("Pick the folder")
            .clicked()
            && let Some(picked) = rfd::FileDialog::new().pick_folder()
        {
            *folder = picked.display().to_string();
        }
    });
}

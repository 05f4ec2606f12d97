//! "Write letters…": each district's Letter of Commitment for a year as a
//! Word document pre-filled from the roster, into a folder, one file per
//! district; from the app's template or one the user chose.

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::domain::{DistrictId, MembershipStatus, SchoolYear};
use crate::export::letters::{LettersRequest, Written, WrittenLetter, write_letters};
use crate::io::letter_document::LetterTemplate;
use crate::store::{Store, StoreError};
use crate::ui::file_picker::{FilePicker, documents_folder};
use crate::ui::style;

/// Which districts get a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Whom {
    /// Invited for the year, their letters not back yet.
    Invited,
    /// Every district with a letter for the year.
    WithALetter,
}

pub struct WriteLettersDialog {
    year: SchoolYear,
    whom: Whom,
    /// The districts of each choice, read when the dialog opens and after
    /// a change.
    invited: Vec<DistrictId>,
    with_a_letter: Vec<DistrictId>,
    template: LetterTemplate,
    template_picker: FilePicker,
    template_error: Option<String>,
    folder: String,
    result: Option<Result<Vec<WrittenLetter>, String>>,
}

/// What the dialog asks of the screen.
pub enum Asked {
    Close,
    /// Open the folder the letters went to.
    OpenFolder(PathBuf),
}

impl WriteLettersDialog {
    pub fn open(store: &Store, year: SchoolYear) -> Result<Self, StoreError> {
        let mut dialog = Self {
            year,
            whom: Whom::Invited,
            invited: Vec::new(),
            with_a_letter: Vec::new(),
            template: LetterTemplate::standard(),
            template_picker: FilePicker::new(
                "Word template",
                &["docx"],
                "Path of a .docx template (optional)",
                "Use",
            )
            .labelled("Template"),
            template_error: None,
            folder: documents_folder()
                .join(format!("Letters of Commitment {year}"))
                .display()
                .to_string(),
            result: None,
        };
        dialog.template_picker.focus_first(false);
        dialog.reload(store)?;
        Ok(dialog)
    }

    /// Reads again whom the letters go to (after a change: the year just
    /// started has its invitations now).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        let letters = store.memberships_in(self.year)?;
        self.invited = letters
            .iter()
            .filter(|m| m.status == MembershipStatus::Invited)
            .map(|m| m.district_id)
            .collect();
        self.with_a_letter = letters.iter().map(|m| m.district_id).collect();
        if self.invited.is_empty() && !self.with_a_letter.is_empty() {
            self.whom = Whom::WithALetter;
        }
        Ok(())
    }

    fn chosen(&self) -> &[DistrictId] {
        match self.whom {
            Whom::Invited => &self.invited,
            Whom::WithALetter => &self.with_a_letter,
        }
    }

    pub fn ui(&mut self, ctx: &egui::Context, store: &Store) -> Option<Asked> {
        let mut asked = None;
        let modal = egui::Modal::new(egui::Id::unique("write_letters")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new(format!("Letters of Commitment {}", self.year)).heading());
            style::muted(
                ui,
                "One Word document per district, pre-filled with its name, the year, its \
                 superintendent and points of contact, and last year's goal as a reminder. \
                 Districts fill the fields and return it; drop it on this screen to read it in.",
            );
            ui.add_space(style::GAP);
            if let Some(result) = &self.result {
                asked = result_ui(ui, result, &self.folder);
                return;
            }
            self.choices_ui(ui);
            ui.add_space(style::SECTION_GAP);
            ui.horizontal(|ui| {
                if ui.button("Cancel").clicked() {
                    asked = Some(Asked::Close);
                }
                let count = self.chosen().len();
                let label = crate::domain::count(count, "letter", "letters");
                if ui
                    .add_enabled(
                        count > 0 && !self.folder.trim().is_empty(),
                        egui::Button::new(RichText::new(format!("Write {label}")).strong()),
                    )
                    .clicked()
                {
                    self.write(store);
                }
            });
        });
        if modal.should_close() && asked.is_none() {
            asked = Some(Asked::Close);
        }
        asked
    }

    fn choices_ui(&mut self, ui: &mut Ui) {
        ui.label(RichText::new("For").strong());
        ui.radio_value(
            &mut self.whom,
            Whom::Invited,
            format!(
                "The districts invited for {} ({})",
                self.year,
                self.invited.len()
            ),
        );
        ui.radio_value(
            &mut self.whom,
            Whom::WithALetter,
            format!(
                "Every district with a letter for {} ({})",
                self.year,
                self.with_a_letter.len()
            ),
        );
        ui.add_space(style::GAP);
        ui.horizontal(|ui| {
            ui.label(RichText::new("From").strong());
            style::muted(ui, &self.template.name);
            if !self.template.is_standard() && ui.button("Use the app's letter").clicked() {
                self.template = LetterTemplate::standard();
            }
            if ui
                .button("Save it to edit…")
                .on_hover_text(
                    "Save the app's letter as a Word file to edit (keep its {placeholders} and \
                     fields), then choose it here as the template",
                )
                .clicked()
            {
                self.save_standard_template();
            }
        });
        if let Some(path) = self.template_picker.ui(ui) {
            self.choose_template(&path);
        }
        if let Some(error) = &self.template_error {
            style::error_text(ui, error);
        }
        if !self.template.is_standard() {
            for line in self.template.report().lines() {
                let warning = line.starts_with('⚠');
                let color = if warning {
                    style::warning_color(ui)
                } else {
                    style::muted_color(ui)
                };
                ui.label(RichText::new(style::drawable(ui, &line)).color(color));
            }
        }
        ui.add_space(style::GAP);
        crate::ui::file_picker::folder_field_ui(ui, "Into", &mut self.folder);
    }

    fn save_standard_template(&mut self) {
        let Some(path) = rfd::FileDialog::new()
            .set_directory(documents_folder())
            .set_file_name("Letter of Commitment template.docx")
            .add_filter("Word document", &["docx"])
            .save_file()
        else {
            return;
        };
        let saved = LetterTemplate::standard()
            .to_docx()
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::io::save::save_bytes(&path, &bytes).map_err(|e| e.to_string())
            });
        self.template_error = saved.err();
    }

    fn choose_template(&mut self, path: &std::path::Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let read = std::fs::read(path)
            .map_err(|e| format!("Could not read {}: {e}", path.display()))
            .and_then(|bytes| {
                LetterTemplate::read(&bytes, &name)
                    .map_err(|e| format!("{name} cannot be a letter template: {e}."))
            });
        match read {
            Ok(template) => {
                self.template = template;
                self.template_error = None;
            }
            Err(error) => self.template_error = Some(error),
        }
    }

    fn write(&mut self, store: &Store) {
        let request = LettersRequest {
            year: self.year,
            districts: self.chosen().to_vec(),
            template: self.template.clone(),
            folder: PathBuf::from(self.folder.trim()),
            today: crate::domain::today(),
            dry_run: false,
        };
        self.result =
            Some(write_letters(store, &request, &mut |_| true).map_err(|e| e.to_string()));
    }
}

fn result_ui(
    ui: &mut Ui,
    result: &Result<Vec<WrittenLetter>, String>,
    folder: &str,
) -> Option<Asked> {
    let mut asked = None;
    match result {
        Ok(written) => {
            let kept: Vec<String> = written
                .iter()
                .filter_map(|w| match w.outcome {
                    Written::Kept(why) => Some(format!("{}: {why}", w.district_name)),
                    _ => None,
                })
                .collect();
            ui.label(
                RichText::new(format!(
                    "✔ Wrote {} into {folder}",
                    crate::domain::count(written.len() - kept.len(), "letter", "letters")
                ))
                .color(style::success_color(ui)),
            );
            if !kept.is_empty() {
                ui.label(
                    RichText::new(format!("Left as they are: {}.", kept.join("; ")))
                        .color(style::warning_color(ui)),
                );
            }
            let without: Vec<&str> = written
                .iter()
                .filter(|w| !w.superintendent || w.points_of_contact == 0)
                .map(|w| w.district_name.as_str())
                .collect();
            if !without.is_empty() {
                style::muted(
                    ui,
                    format!(
                        "No superintendent or point of contact on file for {}: their letters \
                         leave those lines for the district to fill.",
                        without.join(", ")
                    ),
                );
            }
        }
        Err(error) => {
            style::error_text(ui, error);
        }
    }
    ui.add_space(style::SECTION_GAP);
    ui.horizontal(|ui| {
        if ui.button("Close").clicked() {
            asked = Some(Asked::Close);
        }
        if result.is_ok() && ui.button("Open the folder").clicked() {
            asked = Some(Asked::OpenFolder(PathBuf::from(folder.trim())));
        }
    });
    asked
}

//! "Add to calendar": where to save a convening's (or the year's) `.ics`.

use egui::RichText;

use crate::export::calendar::CalendarOf;
use crate::ui::command::Command;
use crate::ui::file_picker::documents_folder;
use crate::ui::{ScreenContext, style};

pub struct CalendarDialog {
    of: CalendarOf,
    /// What the file holds, in words.
    what: String,
    path: String,
    error: Option<String>,
}

impl CalendarDialog {
    pub fn new(of: CalendarOf, what: String, file_name: &str) -> Self {
        Self {
            of,
            what,
            path: documents_folder().join(file_name).display().to_string(),
            error: None,
        }
    }

    /// The dialog; `true` when it is done.
    pub fn ui(&mut self, ctx: &egui::Context, cx: &mut ScreenContext<'_>) -> bool {
        let mut done = false;
        let modal = egui::Modal::new(egui::Id::unique("add_to_calendar")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new("Add to calendar").heading());
            style::muted(
                ui,
                format!(
                    "{} as an .ics file: open it (or attach it to an e-mail) and Outlook, \
                     Google or Apple calendar adds it. Saved again after a change, it updates \
                     the same entry.",
                    self.what
                ),
            );
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
                        .add_filter("Calendar", &["ics"])
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
                    done = true;
                }
                let path = std::path::PathBuf::from(self.path.trim());
                let ready = !self.path.trim().is_empty();
                if ui
                    .add_enabled(
                        ready,
                        egui::Button::new(RichText::new("Save calendar file").strong()),
                    )
                    .clicked()
                {
                    if path
                        .extension()
                        .is_some_and(|e| e.eq_ignore_ascii_case("ics"))
                    {
                        cx.commands
                            .push(Command::SaveCalendar { of: self.of, path });
                        done = true;
                    } else {
                        self.error = Some("A calendar file's name ends in .ics".to_owned());
                    }
                }
            });
        });
        done || modal.should_close()
    }
}

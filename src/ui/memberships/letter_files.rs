//! The Memberships screen's files: letters written out ("Write letters…",
//! and after starting a year), returned letters dropped or chosen and
//! reviewed, and the documents kept on the open letter.

use std::path::PathBuf;

use egui::Ui;

use super::MembershipsScreen;
use super::returned_letter::{Decision, ReturnedLetter, is_letter_file, letter_owner};
use super::write_letters::{Asked, WriteLettersDialog};
use crate::domain::SchoolYear;
use crate::store::StoreError;
use crate::ui::ScreenContext;
use crate::ui::command::Command;
use crate::ui::file_picker::FilePicker;

impl MembershipsScreen {
    /// "Letters ▾": write the year's letters, or read a returned one.
    pub(super) fn letters_menu_ui(&mut self, ui: &mut Ui, cx: &ScreenContext<'_>) {
        ui.menu_button("Letters ▾", |ui| {
            if ui
                .button("Write letters…")
                .on_hover_text(format!(
                    "Each district's Letter of Commitment for {}, as a Word document pre-filled \
                     from the roster",
                    cx.year
                ))
                .clicked()
            {
                self.open_write_letters(cx, cx.year);
                ui.close();
            }
            if ui
                .button("Read a returned letter…")
                .on_hover_text(
                    "A letter a district sent back (.docx or .pdf): its fields fill the form, \
                     after a review. Or drop it on this screen.",
                )
                .clicked()
            {
                ui.close();
                self.letter_picker = Some(FilePicker::new(
                    "Letter of Commitment",
                    &["docx", "pdf"],
                    "Path of the returned letter (.docx or .pdf)",
                    "Read",
                ));
            }
        });
    }

    pub(super) fn open_write_letters(&mut self, cx: &ScreenContext<'_>, year: SchoolYear) {
        match WriteLettersDialog::open(cx.store, year) {
            Ok(dialog) => self.write_letters = Some(dialog),
            Err(error) => self.file_error = Some(error.to_string()),
        }
    }

    fn read_returned(&mut self, cx: &ScreenContext<'_>, path: &std::path::Path) {
        let form = self.editor.as_ref().map(|e| (e.district, e.year));
        self.returned = Some(ReturnedLetter::read(cx.store, path, form, cx.year));
    }

    /// Files dropped on the screen: a returned letter is read for review;
    /// any other file is kept on the open letter.
    pub(super) fn dropped_ui(&mut self, ui: &Ui, cx: &mut ScreenContext<'_>) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (letters, others): (Vec<PathBuf>, Vec<PathBuf>) =
            dropped.into_iter().partition(|p| is_letter_file(p));
        if let Some(first) = letters.first() {
            self.read_returned(cx, first);
            if letters.len() > 1 {
                *cx.notice = Some(format!(
                    "Reading {}; drop the other letters one at a time.",
                    first.display()
                ));
            }
        }
        if others.is_empty() {
            return;
        }
        match self.editor.as_mut().and_then(|e| e.documents.as_mut()) {
            Some(documents) => cx.commands.push(Command::AttachFiles {
                owner: documents.owner,
                paths: others,
            }),
            None => {
                *cx.notice = Some(
                    "Open a district's letter (recorded or invited) to keep files on it."
                        .to_owned(),
                );
            }
        }
    }

    /// The documents panel's actions, and the letter modals.
    pub(super) fn letter_files_ui(
        &mut self,
        ctx: &egui::Context,
        cx: &mut ScreenContext<'_>,
    ) -> Result<(), StoreError> {
        if let Some(documents) = self.editor.as_mut().and_then(|e| e.documents.as_mut())
            && let Some(action) = documents.take_action()
        {
            documents.handle(action, cx);
        }
        if let Some(picker) = &mut self.letter_picker {
            let mut chosen = None;
            let mut close = false;
            let modal =
                egui::Modal::new(egui::Id::unique("read_returned_letter")).show(ctx, |ui| {
                    ui.set_width(560.0);
                    ui.label(egui::RichText::new("Read a returned letter").heading());
                    crate::ui::style::muted(
                        ui,
                        "A Letter of Commitment a district sent back, as Word (.docx) or PDF. \
                     Nothing is written until you confirm its review.",
                    );
                    ui.add_space(crate::ui::style::GAP);
                    chosen = picker.ui(ui);
                    ui.add_space(crate::ui::style::GAP);
                    close = ui.button("Cancel").clicked();
                });
            if let Some(path) = chosen {
                self.letter_picker = None;
                self.read_returned(cx, &path);
            } else if close || modal.should_close() {
                self.letter_picker = None;
            }
        }
        if let Some(dialog) = &mut self.write_letters {
            match dialog.ui(ctx, cx.store) {
                Some(Asked::Close) => self.write_letters = None,
                Some(Asked::OpenFolder(folder)) => {
                    *cx.open = Some(folder);
                    self.write_letters = None;
                }
                None => {}
            }
        }
        if let Some(returned) = &mut self.returned {
            let districts: Vec<_> = self
                .table
                .rows()
                .iter()
                .map(|r| (r.district_id, r.district_name.clone()))
                .collect();
            let Some(decision) = returned.ui(ctx, cx.store, &districts) else {
                return Ok(());
            };
            match &decision {
                Decision::TakeIn(district, year) => {
                    cx.commands.extend(returned.command(&decision));
                    if *year == cx.year {
                        self.selected = Some(*district);
                        self.open_letter(cx.store, *district)?;
                    }
                }
                Decision::Attach(district, year) => {
                    match letter_owner(cx.store, *district, *year) {
                        Ok(owner) => cx.commands.push(Command::AttachFiles {
                            owner,
                            paths: vec![returned.path().to_path_buf()],
                        }),
                        Err(message) => {
                            *cx.notice = Some(message);
                            return Ok(());
                        }
                    }
                }
                Decision::Cancel => {}
            }
            self.returned = None;
        }
        Ok(())
    }
}

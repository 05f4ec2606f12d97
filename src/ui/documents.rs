//! The documents kept on a record (a letter, a grant application, a
//! district), as its form lists them: open with the system's viewer, save
//! out, remove (Undo brings it back), attach by path, Browse… or dropping
//! files on the window while the form is open.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::file_picker::FilePicker;
use super::screen::ScreenContext;
use super::style::{self, Note};
use crate::domain::document::{MAX_BYTES, kind_label, size_text};
use crate::domain::validate::local_day;
use crate::domain::{Document, DocumentId, DocumentOwner};
use crate::store::{Store, StoreError};
use crate::ui::command::Command;

/// Something the user asked of a document, done once the form is drawn.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentAction {
    Attach(Vec<PathBuf>),
    Open(DocumentId),
    SaveAs(DocumentId),
    Remove(DocumentId),
}

pub struct DocumentsPanel {
    pub owner: DocumentOwner,
    /// What the record keeps, read when the form opens and after a change.
    documents: Vec<Document>,
    /// "Attach…" opened: where the path is typed or browsed for.
    picker: Option<FilePicker>,
    note: Option<Note>,
    action: Option<DocumentAction>,
    /// Remove was clicked: asked once more in the row.
    confirm_remove: Option<DocumentId>,
}

impl DocumentsPanel {
    pub fn read(store: &Store, owner: DocumentOwner) -> Result<Self, StoreError> {
        Ok(Self {
            owner,
            documents: store.documents_of(owner)?,
            picker: None,
            note: None,
            action: None,
            confirm_remove: None,
        })
    }

    /// Reads the list again (after a change).
    pub fn reload(&mut self, store: &Store) -> Result<(), StoreError> {
        self.documents = store.documents_of(self.owner)?;
        Ok(())
    }

    pub fn show_error(&mut self, message: &str) {
        self.note = Some(Note::Error(message.to_owned()));
    }

    /// Files dropped on the window while the form is open.
    pub fn take_dropped(&mut self, ui: &Ui) {
        let dropped: Vec<PathBuf> = ui.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if !dropped.is_empty() {
            self.action = Some(DocumentAction::Attach(dropped));
        }
    }

    /// The list, under its heading, with Attach….
    pub fn ui(&mut self, ui: &mut Ui) {
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        ui.horizontal(|ui| {
            style::subheading(ui, &format!("Documents ({})", self.documents.len()));
            if ui
                .button("Attach…")
                .on_hover_text(format!(
                    "Keep a file on this {} (a signed letter, receipts, a report), up to {}",
                    self.owner.noun(),
                    size_text(MAX_BYTES as u64)
                ))
                .clicked()
            {
                self.picker = Some(
                    FilePicker::new("Any", &[], "Path of the file to keep", "Attach")
                        .labelled("File to keep"),
                );
            }
        });
        let hovering = ui.input(|i| !i.raw.hovered_files.is_empty());
        if hovering {
            ui.label(
                RichText::new(format!(
                    "Drop to keep the files on this {}",
                    self.owner.noun()
                ))
                .color(style::success_color(ui)),
            );
        }
        if let Some(picker) = &mut self.picker
            && let Some(path) = picker.ui(ui)
        {
            self.action = Some(DocumentAction::Attach(vec![path]));
            self.picker = None;
        }
        if let Some(note) = &self.note {
            style::message_strip(ui, Some(note));
        }
        if self.documents.is_empty() {
            style::muted(
                ui,
                format!(
                    "None yet. Drop files on the window, or Attach… (up to {} each).",
                    size_text(MAX_BYTES as u64)
                ),
            );
            return;
        }
        for document in &self.documents {
            if let Some(action) = document_row_ui(ui, document, &mut self.confirm_remove) {
                self.note = None;
                self.action = Some(action);
            }
        }
    }

    /// What the user asked of the documents this frame.
    pub fn take_action(&mut self) -> Option<DocumentAction> {
        self.action.take()
    }

    /// Does what was asked: reading and saving out here, keeping and
    /// removing as commands (one change each, undoable).
    pub fn handle(&mut self, action: DocumentAction, cx: &mut ScreenContext<'_>) {
        match action {
            DocumentAction::Attach(paths) => cx.commands.push(Command::AttachFiles {
                owner: self.owner,
                paths,
            }),
            DocumentAction::Remove(id) => cx.commands.push(Command::RemoveDocument(id)),
            DocumentAction::Open(id) => {
                match crate::export::documents::viewer_copy(cx.store, id, &viewer_folder()) {
                    Ok(path) => *cx.open = Some(path),
                    Err(error) => self.show_error(&format!("Could not open it: {error}")),
                }
            }
            DocumentAction::SaveAs(id) => self.save_as(id, cx),
        }
    }

    fn save_as(&mut self, id: DocumentId, cx: &mut ScreenContext<'_>) {
        let Some(document) = self.documents.iter().find(|d| d.id == id) else {
            return;
        };
        let Some(path) = rfd::FileDialog::new()
            .set_directory(super::file_picker::documents_folder())
            .set_file_name(&document.name)
            .save_file()
        else {
            return;
        };
        let saved = cx
            .store
            .document_bytes(id)
            .map_err(|e| e.to_string())
            .and_then(|bytes| {
                crate::io::save::save_bytes(&path, &bytes).map_err(|e| e.to_string())
            });
        match saved {
            Ok(()) => {
                *cx.notice = Some(format!("Saved “{}” as {}.", document.name, path.display()))
            }
            Err(error) => self.show_error(&error),
        }
    }
}

/// Where documents opened for viewing are written: the system's temporary
/// folder, never the roster's.
pub fn viewer_folder() -> PathBuf {
    std::env::temp_dir().join("iln-roster-documents")
}

/// One document: its name (which opens it), kind, size, when and by whom
/// it was added, and its actions.
fn document_row_ui(
    ui: &mut Ui,
    document: &Document,
    confirm_remove: &mut Option<DocumentId>,
) -> Option<DocumentAction> {
    let mut action = None;
    ui.horizontal(|ui| {
        let name = style::drawable(ui, &document.name);
        if ui
            .link(name)
            .on_hover_text("Open it with the system's viewer")
            .clicked()
        {
            action = Some(DocumentAction::Open(document.id));
        }
        let added = local_day(&document.added_at)
            .map(crate::domain::validate::display_date)
            .unwrap_or_default();
        let by = if document.added_by.is_empty() {
            String::new()
        } else {
            format!(" by {}", document.added_by)
        };
        style::muted(
            ui,
            format!(
                "{} · {} · added {added}{by}",
                kind_label(&document.media_type),
                size_text(document.size)
            ),
        )
        .on_hover_text(format!("SHA-256 {}", document.sha256));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if *confirm_remove == Some(document.id) {
                if ui.button("Keep").clicked() {
                    *confirm_remove = None;
                }
                if ui
                    .button(RichText::new("Remove it").color(style::error_color(ui)))
                    .on_hover_text("Take it off the record; Undo brings it back")
                    .clicked()
                {
                    *confirm_remove = None;
                    action = Some(DocumentAction::Remove(document.id));
                }
            } else {
                if style::icon_button(ui, "🗑", &format!("Remove “{}”", document.name)).clicked()
                {
                    *confirm_remove = Some(document.id);
                }
                if style::icon_button(ui, "💾", &format!("Save “{}” as…", document.name)).clicked()
                {
                    action = Some(DocumentAction::SaveAs(document.id));
                }
            }
        });
    });
    action
}

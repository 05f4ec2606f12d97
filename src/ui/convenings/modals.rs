//! The Convenings section's dialogs: leaving unsaved edits, deleting a
//! convening, and choosing a participant report to import.

use egui::RichText;

use super::ConveningsScreen;
use super::import::{ImportPreview, ReportContext};
use crate::domain::validate::display_date;
use crate::io::participant_report::read_participant_report_file;
use crate::store::{Store, StoreError};
use crate::ui::command::Command;
use crate::ui::widgets::confirm_modal;
use crate::ui::widgets::discard_to_go_on;
use crate::ui::{Screen, ScreenContext, style};

impl ConveningsScreen {
    pub(super) fn modals_ui(
        &mut self,
        ctx: &egui::Context,
        cx: &mut ScreenContext<'_>,
    ) -> Result<(), StoreError> {
        let title = self.unsaved_title();
        if let Some(intent) = discard_to_go_on(ctx, &mut self.waiting, &title) {
            self.discard_changes();
            self.perform(intent, cx.store, cx.today)?;
        }
        if let Some(id) = self.confirm_delete
            && let Some(row) = self.list.rows().iter().find(|r| r.convening.id == id)
        {
            let text = format!(
                "Delete “{}” ({}) and its attendance sheet?",
                row.convening.fields.title,
                display_date(row.convening.fields.held_on)
            );
            match confirm_modal(ctx, "delete_convening", "Delete convening", &text, "Delete") {
                Some(true) => {
                    cx.commands.push(Command::DeleteConvening(id));
                    self.confirm_delete = None;
                }
                Some(false) => self.confirm_delete = None,
                None => {}
            }
        }
        self.choose_report_ui(ctx, cx.store)
    }

    /// Asks for the report file, reads it, and opens the preview.
    fn choose_report_ui(&mut self, ctx: &egui::Context, store: &Store) -> Result<(), StoreError> {
        let Some((convening, picker, error)) = &mut self.choosing_report else {
            return Ok(());
        };
        let mut chosen = None;
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("import_report")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.label(RichText::new("Import a participant report").heading());
            ui.add_space(style::GAP);
            style::muted(ui, "The participants CSV from Zoom (Reports › Usage › Participants), or the attendance report or attendance list downloaded from Microsoft Teams.");
            ui.add_space(style::GAP);
            chosen = picker.ui(ui);
            if let Some(message) = error.as_deref() {
                style::error_text(ui, message);
            }
            ui.add_space(style::GAP);
            close = ui.button("Cancel").clicked();
        });
        if close || modal.should_close() {
            self.choosing_report = None;
            return Ok(());
        }
        let Some(path) = chosen else { return Ok(()) };
        let convening = *convening;
        match read_participant_report_file(&path) {
            Ok(report) => {
                let (contacts, districts) = store.matching_keys()?;
                let (attended, noted) = store.recorded_attendance(convening)?;
                let fingerprint = report.fingerprint();
                let file_name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let context = ReportContext {
                    contacts,
                    districts,
                    members: store.members_on(convening)?,
                    rules: store.report_rules()?,
                    attended,
                    noted,
                    recorded_before: store.report_recorded(convening, &fingerprint)?,
                    recorded_elsewhere: store.report_recorded_elsewhere(convening, &fingerprint)?,
                    fingerprint,
                };
                self.import = Some(ImportPreview::new(
                    store.convening(convening)?,
                    file_name,
                    report,
                    context,
                ));
                self.choosing_report = None;
            }
            Err(problem) => *error = Some(problem.to_string()),
        }
        Ok(())
    }
}

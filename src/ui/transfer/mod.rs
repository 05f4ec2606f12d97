//! The Import & Export section: every table of the year as a file, and the
//! district import wizard. Each table's own "Export…" opens the same dialog
//! for exactly what that table shows.

mod export_dialog;
mod import_wizard;

pub use export_dialog::{ExportAnswer, ExportDialog, ExportRequest, ExportTarget};
pub use import_wizard::{ImportWizard, WizardRequest};

use egui::{RichText, Ui};

use super::ScreenContext;
use super::style;
use crate::export::Table;
use crate::store::StoreError;

#[derive(Default)]
pub struct TransferScreen {
    pub wizard: ImportWizard,
}

/// What each export holds, in the words the section shows.
fn describe(table: Table) -> (&'static str, &'static str) {
    match table {
        Table::Roster => (
            "Roster",
            "Every district with its co-op, superintendent, points of contact and letter",
        ),
        Table::Contacts => ("Contacts", "One row per person, for mailings"),
        Table::Memberships => (
            "Memberships",
            "Every Letter of Commitment field: dates, signers, goals, action areas",
        ),
        Table::Attendance => (
            "Attendance grid",
            "Districts × convenings with each district's rate",
        ),
        Table::Convenings => ("Convenings", "Date, title, place and how many attended"),
        Table::Grants => (
            "Travel grants",
            "Applications with amounts, status and the year's totals",
        ),
    }
}

impl TransferScreen {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut ScreenContext<'_>,
    ) -> Result<Option<WizardRequest>, StoreError> {
        let mut chosen = None;
        ui.add_space(style::GAP);
        style::heading(ui, "Import & Export");
        style::subheading(ui, &format!("Export {}", cx.year));
        style::muted(
            ui,
            "Excel workbooks (styled, filtered, real dates and amounts) or CSV. Each table's \
             own “Export…” button saves just what it shows.",
        );
        ui.add_space(style::GAP);
        egui::Grid::new("export_tables")
            .num_columns(3)
            .spacing([style::SECTION_GAP, style::GAP])
            .show(ui, |ui| {
                for table in Table::ALL {
                    let (name, text) = describe(table);
                    ui.label(RichText::new(name).strong());
                    style::muted(ui, text);
                    if ui
                        .button("Export…")
                        .on_hover_text(format!("Save the {} for {}", name.to_lowercase(), cx.year))
                        .clicked()
                    {
                        chosen = Some(table);
                    }
                    ui.end_row();
                }
            });
        if let Some(table) = chosen {
            *cx.export = Some(ExportRequest::new(table.sheet(cx.store, cx.year)?));
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        Ok(self.wizard.ui(ui))
    }
}

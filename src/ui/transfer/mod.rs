//! The Import & Export section: every table of the year as a file, and the
//! district import wizard. Each table's own "Export…" opens the same dialog
//! for exactly what that table shows.

mod export_dialog;
mod import_wizard;
mod record_wizard;
mod storage;

pub use export_dialog::{ExportAnswer, ExportDialog, ExportTarget};
pub use import_wizard::ImportWizard;
pub use record_wizard::{
    ImportTarget, LoadedFile, RecordWizard, RecordsRequest, RecordsWork, load,
};

use egui::{RichText, Ui};

use super::style;
use super::{
    AfterChange, ExportRequest, ReadContext, Screen, ScreenContext, Shows, TransferRequest,
};
use crate::export::Table;
use crate::store::StoreError;

pub struct TransferScreen {
    pub wizard: ImportWizard,
    pub records: RecordWizard,
    /// What the file to import holds.
    pub target: ImportTarget,
    storage: storage::StorageView,
}

impl Default for TransferScreen {
    fn default() -> Self {
        Self {
            wizard: ImportWizard::default(),
            records: RecordWizard::default(),
            target: ImportTarget::Districts,
            storage: storage::StorageView::default(),
        }
    }
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
        Table::History => (
            "History",
            "Every change made during the year, in words, newest first",
        ),
        Table::Peers => (
            "Peer pairs",
            "Each active member with its three nearest peers, for consultancies",
        ),
    }
}

impl Screen for TransferScreen {
    fn shows(&self) -> Shows {
        // The roster's size follows every change; read when drawn.
        Shows::Everything
    }

    fn reload(&mut self, _: &ReadContext<'_>, _: &AfterChange<'_>) -> Result<(), StoreError> {
        self.storage.forget();
        Ok(())
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        ui.add_space(style::GAP);
        style::heading(ui, "Import & Export");
        // A file under review takes the whole section: its rows need the room.
        let request = if self.wizard.is_reviewing() {
            self.wizard.ui(ui)
        } else if self.records.is_reviewing() {
            style::subheading(ui, &format!("Import: {}", self.target.label()));
            self.records
                .ui(ui, self.target)
                .map(TransferRequest::Records)
        } else {
            egui::ScrollArea::vertical()
                .id_salt("transfer_section")
                .auto_shrink([false; 2])
                .show(ui, |ui| self.section_ui(ui, cx))
                .inner?
        };
        if request.is_some() {
            *cx.transfer = request;
        }
        Ok(())
    }
}

impl TransferScreen {
    /// Exports, backups and the start of an import, one under the other.
    fn section_ui(
        &mut self,
        ui: &mut Ui,
        cx: &mut ScreenContext<'_>,
    ) -> Result<Option<TransferRequest>, StoreError> {
        let mut chosen = None;
        let mut report = false;
        let mut everything = false;
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
                ui.label(RichText::new("Year report").strong());
                style::muted(
                    ui,
                    "One workbook for leadership: summary against last year with the map of members, reach by cooperative, roster, attendance, grants, goals",
                );
                if ui
                    .button("Export…")
                    .on_hover_text(format!("Save the {} year report", cx.year))
                    .clicked()
                {
                    report = true;
                }
                ui.end_row();
                ui.label(RichText::new("Everything").strong());
                style::muted(
                    ui,
                    "The whole roster, every year, a sheet per table: to move it to another \
                     computer, or keep it readable anywhere. Import it as “Whole roster”",
                );
                if ui
                    .button("Export…")
                    .on_hover_text("Save the whole roster, every school year, as one workbook")
                    .clicked()
                {
                    everything = true;
                }
                ui.end_row();
            });
        if everything {
            let sheets = crate::export::everything::everything(cx.store)?;
            *cx.export = Some(ExportRequest::workbook(
                format!("ILN roster everything {}", cx.today.format("%Y-%m-%d")),
                sheets,
            ));
        }
        if report {
            let sheets = crate::export::year_report::sheets(cx.store, cx.year, cx.today)?;
            *cx.export = Some(ExportRequest::workbook(
                format!("ILN year report {}", cx.year),
                sheets,
            ));
        }
        if let Some(table) = chosen {
            *cx.export = Some(ExportRequest::new(
                table.sheet(cx.store, cx.year, cx.today)?,
            ));
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        let mut request = backups_ui(ui, cx.store);
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        if let Some(import) = self.import_ui(ui) {
            request = Some(import);
        }
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        self.storage.ui(ui, cx.store, cx.commands, cx.notice)?;
        Ok(request)
    }

    /// The start of an import: what the file holds, then the file.
    fn import_ui(&mut self, ui: &mut Ui) -> Option<TransferRequest> {
        style::subheading(ui, "Import");
        style::muted(
            ui,
            "From a CSV or Excel file: the network's districts, its past letters, attendance \
             and grants as you kept them, or a whole roster. Columns are matched by their \
             headings; you review every row before anything is saved.",
        );
        ui.add_space(style::GAP);
        ui.horizontal(|ui| {
            let label = ui.label("The file holds");
            egui::ComboBox::from_id_salt("import_target")
                .width(280.0)
                .selected_text(self.target.label())
                .show_ui(ui, |ui| {
                    for target in ImportTarget::ALL {
                        ui.selectable_value(&mut self.target, target, target.label())
                            .on_hover_text(target.describe());
                    }
                })
                .response
                .labelled_by(label.id)
                .on_hover_text("What the spreadsheet holds: its rows are read as these");
        });
        style::muted(ui, self.target.describe());
        match self.target {
            ImportTarget::Districts => self.wizard.ui(ui),
            target => self.records.ui(ui, target).map(TransferRequest::Records),
        }
    }
}

fn backups_ui(ui: &mut Ui, store: &crate::store::Store) -> Option<TransferRequest> {
    let mut request = None;
    style::subheading(ui, "Backups");
    ui.horizontal(|ui| {
        style::muted(
            ui,
            format!(
                "A backup is made each time the app opens a roster that changed, in {} \
                 (the last 10 and one a month for a year are kept).",
                crate::store::backups::folder_for(store.path()).display()
            ),
        );
    });
    ui.horizontal(|ui| {
        if ui
            .button("Back up now…")
            .on_hover_text("Save a complete copy of the roster where you choose")
            .clicked()
        {
            request = Some(TransferRequest::BackUpNow);
        }
        if ui
            .button("Restore…")
            .on_hover_text("Go back to one of the automatic backups")
            .clicked()
        {
            request = Some(TransferRequest::Restore);
        }
    });
    request
}

//! Exports, spreadsheet reading and imports, each on its own thread: the
//! frame starts them, shows their progress with Cancel, and takes their
//! result. An import takes the store with it, so nothing else can write
//! while it runs; it comes back whole whatever happens.

use std::path::PathBuf;

use super::{App, Database};
use crate::import;
use crate::import::records::SheetReport;
use crate::io::save::{SaveError, save_sheets};
use crate::io::spreadsheet::{RawTable, ReadError, read_table};
use crate::store::ImportAction;
use crate::store::{ImportSummary, Store, StoreError};
use crate::ui::TransferRequest;
use crate::ui::job::Job;
use crate::ui::style;
use crate::ui::transfer::{
    ExportAnswer, ExportDialog, ExportTarget, ImportTarget, LoadedFile, RecordsRequest, RecordsWork,
};

/// What a records import's run brings back: the store, and each sheet's
/// rows and what they did.
type RecordsRun = (Store, Result<Vec<(String, SheetReport)>, StoreError>);

pub enum RunningJob {
    Export {
        job: Job<Result<bool, SaveError>>,
        target: ExportTarget,
    },
    Read {
        job: Job<Result<RawTable, ReadError>>,
        path: PathBuf,
    },
    Import {
        job: Job<(Store, Result<ImportSummary, StoreError>)>,
    },
    ReadRecords {
        job: Job<Result<LoadedFile, String>>,
        target: ImportTarget,
    },
    /// A review (kept false: rolled back) or an import of records.
    Records { job: Job<RecordsRun>, keep: bool },
}

impl RunningJob {
    fn progress_ui(&self, ctx: &egui::Context) {
        match self {
            Self::Export { job, .. } => job.progress_ui(ctx),
            Self::Read { job, .. } => job.progress_ui(ctx),
            Self::Import { job } => job.progress_ui(ctx),
            Self::ReadRecords { job, .. } => job.progress_ui(ctx),
            Self::Records { job, .. } => job.progress_ui(ctx),
        }
    }
}

impl App {
    /// Whether a job is running (tests wait for it).
    pub fn is_busy(&self) -> bool {
        self.job.is_some()
    }

    /// The export dialog, while no export runs.
    pub(super) fn export_dialog_ui(&mut self, ctx: &egui::Context) {
        if self.job.is_some() {
            return;
        }
        let Some(dialog) = &mut self.export_dialog else {
            return;
        };
        match dialog.ui(ctx) {
            Some(ExportAnswer::Save(target)) => {
                let sheets = dialog.request.sheets.clone();
                let total = dialog.request.rows();
                let title = format!("Exporting {}", target.path.display());
                let path = target.path.clone();
                let format = target.format;
                let job = Job::spawn(ctx, title, total, move |progress| {
                    save_sheets(&path, format, &sheets, |done| progress.step(done))
                });
                self.job = Some(RunningJob::Export { job, target });
            }
            Some(ExportAnswer::Cancel) => self.export_dialog = None,
            None => {}
        }
    }

    pub(super) fn wizard_request(&mut self, ctx: &egui::Context, request: TransferRequest) {
        match request {
            TransferRequest::Read(path) => {
                let title = format!("Reading {}", path.display());
                let to_read = path.clone();
                let job = Job::spawn(ctx, title, 0, move |_| {
                    read_table(&to_read, &import::is_known_heading)
                });
                self.job = Some(RunningJob::Read { job, path });
            }
            TransferRequest::Commit(actions) => self.start_import(ctx, actions),
            TransferRequest::BackUpNow => self.open_back_up_dialog(),
            TransferRequest::Restore => self.open_restore_dialog(),
            TransferRequest::Records(request) => self.records_request(ctx, request),
        }
    }

    fn records_request(&mut self, ctx: &egui::Context, request: RecordsRequest) {
        match request {
            RecordsRequest::Read {
                target,
                path,
                sheet,
            } => {
                let title = format!("Reading {}", path.display());
                let job = Job::spawn(ctx, title, 0, move |_| {
                    crate::ui::transfer::load(target, &path, sheet.as_deref())
                });
                self.job = Some(RunningJob::ReadRecords { job, target });
            }
            RecordsRequest::Review(work) => self.start_records(ctx, work, false),
            RecordsRequest::Import(work) => self.start_records(ctx, work, true),
        }
    }

    /// Runs a records import on its own thread with the store: kept, or
    /// (a review) rolled back.
    fn start_records(&mut self, ctx: &egui::Context, work: RecordsWork, keep: bool) {
        let path = match &self.database {
            Database::Open(store) => store.path().to_path_buf(),
            _ => return,
        };
        let Database::Open(mut store) = std::mem::replace(&mut self.database, Database::Busy(path))
        else {
            return;
        };
        let rows = work.rows();
        let title = if keep {
            format!("Importing {}", style::count(rows, "row", "rows"))
        } else {
            format!("Reading {}", style::count(rows, "row", "rows"))
        };
        let today = self.today();
        let job = Job::spawn(ctx, title, rows, move |progress| {
            let mut proceed = |done| progress.step(done);
            let result = match &work {
                RecordsWork::Sheet(sheet) => crate::import::records::run(
                    &mut store,
                    std::slice::from_ref(sheet),
                    keep,
                    today,
                    &mut proceed,
                )
                .map(|reports| {
                    reports
                        .into_iter()
                        .map(|r| (sheet.kind.label().to_owned(), r))
                        .collect()
                }),
                RecordsWork::Workbook(book) => {
                    crate::import::workbook::import(&mut store, book, keep, today, &mut proceed)
                        .map(|report| report.sheets)
                }
            };
            (store, result)
        });
        self.job = Some(RunningJob::Records { job, keep });
    }

    fn start_import(&mut self, ctx: &egui::Context, actions: Vec<ImportAction>) {
        let path = match &self.database {
            Database::Open(store) => store.path().to_path_buf(),
            _ => return,
        };
        let Database::Open(mut store) = std::mem::replace(&mut self.database, Database::Busy(path))
        else {
            return;
        };
        let title = format!("Importing {} districts", actions.len());
        let job = Job::spawn(ctx, title, actions.len(), move |progress| {
            let result = store.apply_import(&actions, |done| progress.step(done));
            (store, result)
        });
        self.job = Some(RunningJob::Import { job });
    }

    /// Shows the running job's progress, and takes its result once done.
    pub(super) fn job_ui(&mut self, ctx: &egui::Context) {
        let Some(running) = &mut self.job else {
            return;
        };
        match running {
            RunningJob::Export { job, target } => {
                let Some(result) = job.poll() else {
                    return running.progress_ui(ctx);
                };
                let target = target.clone();
                self.job = None;
                self.export_finished(&target, result);
            }
            RunningJob::Read { job, path } => {
                let Some(result) = job.poll() else {
                    return running.progress_ui(ctx);
                };
                let path = path.clone();
                self.job = None;
                let read = match result {
                    Ok(Ok(table)) => Ok(table),
                    Ok(Err(error)) => Err(error.to_string()),
                    Err(panic) => Err(format!("Could not read {}: {panic}", path.display())),
                };
                let Some(store) = self.store() else { return };
                let on_file = store
                    .district_list()
                    .and_then(|roster| Ok((roster, store.all_contacts()?)));
                match on_file {
                    Ok((roster, contacts)) => {
                        self.screens
                            .transfer
                            .wizard
                            .loaded(&path, read, roster, contacts);
                    }
                    Err(error) => self.set_error(error.to_string()),
                }
            }
            RunningJob::Import { job } => {
                let Some(result) = job.poll() else {
                    return running.progress_ui(ctx);
                };
                self.job = None;
                self.import_finished(result);
            }
            RunningJob::ReadRecords { job, target } => {
                let Some(result) = job.poll() else {
                    return running.progress_ui(ctx);
                };
                let target = *target;
                self.job = None;
                let read =
                    result.unwrap_or_else(|panic| Err(format!("Could not read the file: {panic}")));
                if let Some(next) = self.screens.transfer.records.loaded(target, read) {
                    self.records_request(ctx, next);
                }
            }
            RunningJob::Records { job, keep } => {
                let Some(result) = job.poll() else {
                    return running.progress_ui(ctx);
                };
                let keep = *keep;
                self.job = None;
                self.records_finished(ctx, result, keep);
            }
        }
    }

    /// Takes back the store a job wrote with, and its outcome in words;
    /// `None` when no store was away.
    fn store_back<T>(
        &mut self,
        result: Result<(Store, Result<T, StoreError>), String>,
    ) -> Option<Result<T, String>> {
        let Database::Busy(path) = &self.database else {
            return None;
        };
        let path = path.clone();
        Some(match result {
            Ok((store, outcome)) => {
                self.database = Database::Open(store);
                outcome.map_err(|e| e.to_string())
            }
            Err(panic) => {
                // The thread took the store down with it: open the file again
                // (the transaction it was in was never committed).
                self.switch_database(Store::open(&path));
                Err(format!("The import failed and nothing was saved: {panic}"))
            }
        })
    }

    fn records_finished(
        &mut self,
        ctx: &egui::Context,
        result: Result<RecordsRun, String>,
        keep: bool,
    ) {
        let Some(outcome) = self.store_back(result) else {
            return;
        };
        let wizard = &mut self.screens.transfer.records;
        if !keep {
            wizard.reviewed(outcome);
            return;
        }
        let message = outcome.map(|reports| {
            let parts: Vec<String> = reports
                .iter()
                .map(|(sheet, report)| format!("{sheet}: {}", report.summary(false)))
                .collect();
            format!("Imported. {}.", parts.join(". "))
        });
        match &message {
            Ok(text) => self.set_info(text.clone()),
            Err(text) => self.set_error(text.clone()),
        }
        let next = self.screens.transfer.records.finished(message);
        self.follow_store(super::AfterChange::default());
        if let Some(next) = next {
            self.records_request(ctx, next);
        }
    }

    fn export_finished(
        &mut self,
        target: &ExportTarget,
        result: Result<Result<bool, SaveError>, String>,
    ) {
        match result {
            Ok(Ok(true)) => {
                let rows = self
                    .export_dialog
                    .take()
                    .map_or(0, |dialog| dialog.request.rows());
                self.set_info(format!(
                    "Exported {} to {}.",
                    style::count(rows, "row", "rows"),
                    target.path.display()
                ));
            }
            Ok(Ok(false)) => {
                self.export_dialog = None;
                self.set_info("Export cancelled; no file was written.");
            }
            Ok(Err(error)) => {
                let message = error.to_string();
                if let Some(dialog) = &mut self.export_dialog {
                    dialog.show_error(message.clone());
                }
                self.set_error(message);
            }
            Err(panic) => self.set_error(format!("The export failed: {panic}")),
        }
    }

    fn import_finished(
        &mut self,
        result: Result<(Store, Result<ImportSummary, StoreError>), String>,
    ) {
        let Some(outcome) = self.store_back(result) else {
            return;
        };
        let message = outcome.map(|summary| {
            let mut text = format!(
                "Imported: {} added, {} updated",
                style::count(summary.added, "district", "districts"),
                summary.updated
            );
            if summary.contacts_added + summary.contacts_updated > 0 {
                text.push_str(&format!(
                    "; {} added, {} updated",
                    style::count(summary.contacts_added, "contact", "contacts"),
                    summary.contacts_updated
                ));
            }
            text.push('.');
            text
        });
        match &message {
            Ok(text) => self.set_info(text.clone()),
            Err(text) => self.set_error(text.clone()),
        }
        self.screens.transfer.wizard.finished(message);
        self.follow_store(super::AfterChange::default());
    }

    pub(super) fn open_export_dialog(&mut self, request: crate::ui::ExportRequest) {
        self.export_dialog = Some(ExportDialog::new(request));
    }
}

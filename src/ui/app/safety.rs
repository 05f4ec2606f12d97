//! The safety net around the database: an automatic backup when a changed
//! roster is opened, "Back up now…", and restoring a backup (also offered
//! when the file is damaged).

use std::path::PathBuf;

use super::{App, Database, OpeningCheck};
use crate::store::backups;
use crate::store::{OpenError, Store, StoreError};
use crate::ui::backups::{BackUpDialog, RestoreDialog};

impl App {
    /// Once a newly opened roster's first frame is on screen: checks the
    /// whole file (a damaged one is closed and its backups offered), then
    /// backs it up if it changed since its last backup.
    pub(super) fn check_after_first_frame(&mut self, ctx: &egui::Context) {
        match self.opening_check {
            OpeningCheck::Done => return,
            OpeningCheck::FirstFrame => {
                self.opening_check = OpeningCheck::Due;
                ctx.request_repaint();
                return;
            }
            OpeningCheck::Due => self.opening_check = OpeningCheck::Done,
        }
        let Database::Open(store) = &mut self.database else {
            return;
        };
        match store.verify() {
            Ok(()) => self.automatic_backup(),
            Err(StoreError::Damaged(detail)) => {
                let path = store.path().to_path_buf();
                self.switch_database(Err(OpenError::Damaged { path, detail }));
            }
            Err(error) => self.set_error(error.to_string()),
        }
    }

    /// Backs the open database up if it changed since its last backup.
    pub(super) fn automatic_backup(&mut self) {
        let Database::Open(store) = &self.database else {
            return;
        };
        if let Err(error) = store.automatic_backup(chrono::Local::now().naive_local()) {
            self.set_error(format!("The automatic backup failed: {error}"));
        }
    }

    pub(super) fn open_back_up_dialog(&mut self) {
        self.back_up_dialog = Some(BackUpDialog::new(self.today()));
    }

    /// The path of the database in use, open or not.
    fn database_path(&self) -> PathBuf {
        match &self.database {
            Database::Open(store) => store.path().to_path_buf(),
            Database::Failed(error) => error.path().to_path_buf(),
            Database::Busy(path) => path.clone(),
        }
    }

    pub(super) fn open_restore_dialog(&mut self) {
        self.restore_dialog = Some(RestoreDialog::new(&self.database_path()));
    }

    pub(super) fn safety_dialogs_ui(&mut self, ctx: &egui::Context) {
        if let Some(dialog) = &mut self.back_up_dialog {
            match dialog.ui(ctx) {
                Some(Some(target)) => {
                    let Database::Open(store) = &self.database else {
                        return;
                    };
                    match store.backup_to(&target) {
                        Ok(()) => {
                            self.back_up_dialog = None;
                            self.set_info(format!("Backed up to {}.", target.display()));
                        }
                        Err(error) => dialog.error = Some(error.to_string()),
                    }
                }
                Some(None) => self.back_up_dialog = None,
                None => {}
            }
        }
        if let Some(dialog) = &mut self.restore_dialog {
            match dialog.ui(ctx) {
                Some(Some(backup)) => {
                    self.restore_dialog = None;
                    self.restore(backup);
                }
                Some(None) => self.restore_dialog = None,
                None => {}
            }
        }
    }

    /// Closes the database, puts `backup` in its place (the current file
    /// kept aside), and opens it.
    pub(super) fn restore(&mut self, backup: PathBuf) {
        let path = self.database_path();
        // Dropping the store closes the file (and its lock) first.
        self.database = Database::Busy(path.clone());
        let restored = backups::restore(&path, &backup, chrono::Local::now().naive_local());
        self.switch_database(Store::open(&path));
        match restored {
            Ok(aside) => {
                let kept = aside.map_or_else(String::new, |a| {
                    format!(" The previous file is kept as {}.", a.display())
                });
                self.set_info(format!("Restored the backup {}.{kept}", backup.display()));
            }
            Err(error) => self.set_error(error.to_string()),
        }
    }

    /// The newest backup that passes its check, for a damaged file.
    pub(super) fn latest_good_backup(error: &OpenError) -> Option<backups::BackupFile> {
        if !matches!(error, OpenError::Damaged { .. }) {
            return None;
        }
        backups::list(error.path())
            .into_iter()
            .find(|b| backups::inspect(&b.path).is_ok())
    }
}

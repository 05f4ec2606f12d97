//! Applies the commands gathered during a frame: one store call each, then
//! the screens re-read what changed, and the status bar says what happened.

use super::apply::apply;
use super::{App, Command, Database};
use crate::store::Store;
use crate::ui::AfterChange;

impl App {
    pub(super) fn run_commands(&mut self) {
        if let Some(path) = self.open_request.take() {
            self.open_database(path);
        }
        for command in std::mem::take(&mut self.commands) {
            self.run_command(command);
        }
    }

    fn run_command(&mut self, command: Command) {
        let Database::Open(store) = &mut self.database else {
            return;
        };
        let today = crate::domain::today();
        match apply(store, &command, today) {
            Ok(applied) => {
                if let Some(year) = applied.show_year {
                    self.year = year;
                }
                self.set_info(applied.message);
                self.follow_store(AfterChange {
                    command: Some(&command),
                    created: applied.created,
                });
            }
            Err(error) => {
                let message = error.to_string();
                self.screens
                    .get_mut(self.state.section)
                    .show_error(&command, &message);
                self.set_error(message);
                // A refused save may have met a record changed elsewhere:
                // the forms show it.
                self.follow_store(AfterChange::default());
            }
        }
    }

    fn open_database(&mut self, path: std::path::PathBuf) {
        if self.store().is_some_and(|store| store.path() == path) {
            return;
        }
        match Store::open(&path) {
            Ok(store) => {
                self.switch_database(Ok(store));
                self.set_info(format!("Opened {}", path.display()));
            }
            Err(error) if self.store().is_some() => self.set_error(error.to_string()),
            Err(error) => self.switch_database(Err(error)),
        }
    }
}

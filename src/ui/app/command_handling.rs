//! Applies the commands gathered during a frame: one store call each, then
//! the screens re-read what changed, and the status bar says what happened.

use super::{App, Command, Database};
use crate::domain::DistrictId;
use crate::io::kentucky_districts::kentucky_districts;
use crate::store::Store;

/// What a successful command did.
struct Applied {
    message: String,
    /// A district to select afterwards (one just added).
    select: Option<DistrictId>,
}

impl Applied {
    fn said(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            select: None,
        }
    }
}

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
        match apply(store, &command) {
            Ok(applied) => {
                let result = self.districts.reload(store, applied.select);
                self.set_info(applied.message);
                if let Err(error) = result {
                    self.set_error(error.to_string());
                }
            }
            Err(error) => {
                self.districts.show_error(&command, &error.to_string());
                self.set_error(error.to_string());
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

fn apply(store: &mut Store, command: &Command) -> anyhow::Result<Applied> {
    Ok(match command {
        Command::SaveDistrict {
            id: Some(id),
            fields,
        } => {
            store.update_district(*id, fields)?;
            Applied {
                message: format!("Saved {}.", fields.name),
                select: Some(*id),
            }
        }
        Command::SaveDistrict { id: None, fields } => {
            let id = store.insert_district(fields)?;
            Applied {
                message: format!("Added {}.", fields.name),
                select: Some(id),
            }
        }
        Command::SetDistrictArchived { id, archived } => {
            store.set_district_archived(*id, *archived)?;
            let name = store.district(*id)?.fields.name;
            let verb = if *archived { "Archived" } else { "Restored" };
            Applied {
                message: format!("{verb} {name}."),
                select: Some(*id),
            }
        }
        Command::DeleteDistrict(id) => {
            let name = store.district(*id)?.fields.name;
            store.delete_district(*id)?;
            Applied::said(format!("Deleted {name}."))
        }
        Command::SaveContact {
            district,
            id,
            fields,
        } => {
            match id {
                Some(id) => store.update_contact(*id, fields)?,
                None => {
                    store.insert_contact(*district, fields)?;
                }
            }
            Applied::said(format!("Saved contact {}.", fields.name))
        }
        Command::DeleteContact { id, .. } => {
            let name = store.contact(*id)?.fields.name;
            store.delete_contact(*id)?;
            Applied::said(format!("Removed contact {name}."))
        }
        Command::AddKentuckyDistricts => {
            let list = kentucky_districts()?;
            let summary = store.add_districts(&list)?;
            Applied::said(match summary.already_present {
                0 => format!("Added {} Kentucky districts.", summary.added),
                present => format!(
                    "Added {} Kentucky districts ({present} were already in the roster).",
                    summary.added
                ),
            })
        }
    })
}

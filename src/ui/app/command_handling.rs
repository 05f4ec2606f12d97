//! Applies the commands gathered during a frame: one store call each, then
//! the screens re-read what changed, and the status bar says what happened.

use chrono::NaiveDate;

use super::{App, Command, Database};
use crate::domain::SchoolYear;
use crate::io::kentucky_districts::kentucky_districts;
use crate::store::{Record, Store};
use crate::ui::style::count;
use crate::ui::{AfterChange, Created};

/// What a successful command did.
struct Applied {
    message: String,
    /// The year to show afterwards (the one just started, or the year of a
    /// record saved in another).
    show_year: Option<SchoolYear>,
    /// A record it added, for its screen to select.
    created: Option<Created>,
}

impl Applied {
    fn said(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            show_year: None,
            created: None,
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

fn apply(store: &mut Store, command: &Command, today: NaiveDate) -> anyhow::Result<Applied> {
    Ok(match command {
        Command::SaveDistrict {
            id: Some(id),
            fields,
            seen,
        } => {
            store.ensure_unchanged_since(Record::District(*id), *seen)?;
            store.update_district(*id, fields)?;
            Applied::said(format!("Saved {}.", fields.name))
        }
        Command::SaveDistrict {
            id: None, fields, ..
        } => {
            let id = store.insert_district(fields)?;
            Applied {
                created: Some(Created::District(id)),
                ..Applied::said(format!("Added {}.", fields.name))
            }
        }
        Command::SetDistrictArchived { id, archived } => {
            store.set_district_archived(*id, *archived)?;
            let name = store.district(*id)?.fields.name;
            let verb = if *archived { "Archived" } else { "Restored" };
            Applied::said(format!("{verb} {name}."))
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
            seen,
        } => {
            match id {
                Some(id) => {
                    store.ensure_unchanged_since(Record::Contact(*id), *seen)?;
                    store.update_contact(*id, fields)?;
                }
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
        Command::SaveLetter {
            district,
            year,
            status,
            letter,
            seen,
        } => {
            store.ensure_unchanged_since(Record::Letter(*district, *year), *seen)?;
            store.save_membership(*district, *year, *status, letter)?;
            let name = store.district(*district)?.fields.name;
            Applied::said(format!(
                "Saved {name}'s letter for {year} ({}).",
                status.label()
            ))
        }
        Command::StartNextYear { from } => {
            let invited = store.start_next_year(*from, today)?;
            let next = from.next();
            let noun = if invited == 1 {
                "district"
            } else {
                "districts"
            };
            Applied {
                show_year: Some(next),
                ..Applied::said(format!("Invited {invited} {noun} for {next}."))
            }
        }
        Command::SaveConvening { id, fields, seen } => {
            let created = match id {
                Some(id) => {
                    store.ensure_unchanged_since(Record::Convening(*id), *seen)?;
                    store.update_convening(*id, fields)?;
                    None
                }
                None => Some(Created::Convening(store.insert_convening(fields)?)),
            };
            let year = fields.year();
            Applied {
                // A convening dated in another school year is shown there.
                show_year: Some(year),
                created,
                ..Applied::said(format!("Saved “{}” ({year}).", fields.title))
            }
        }
        Command::DeleteConvening(id) => {
            let title = store.convening(*id)?.fields.title;
            store.delete_convening(*id)?;
            Applied::said(format!("Deleted “{title}”."))
        }
        Command::SaveAttendanceSheet {
            convening,
            lines,
            seen,
        } => {
            store.ensure_unchanged_since(Record::AttendanceSheet(*convening), *seen)?;
            store.save_attendance_sheet(*convening, lines)?;
            let attended = lines
                .iter()
                .filter(|l| l.status == crate::domain::AttendanceStatus::Attended)
                .count();
            Applied::said(format!(
                "Saved the attendance sheet: {attended} of {} districts attended.",
                lines.len()
            ))
        }
        Command::SetAttendanceRules(rules) => {
            store.set_attendance_rules(*rules)?;
            Applied::said(format!(
                "Flagging districts under {}%; {}.",
                rules.threshold_percent,
                rules.excused.label().to_lowercase()
            ))
        }
        Command::SaveGrant {
            id,
            status,
            fields,
            seen,
        } => {
            if let Some(id) = id {
                store.ensure_unchanged_since(Record::Grant(*id), *seen)?;
            }
            let saved = store.save_grant(*id, *status, fields, today)?;
            let name = store.district(fields.district)?.fields.name;
            Applied {
                show_year: Some(fields.year),
                created: id.is_none().then_some(Created::Grant(saved)),
                ..Applied::said(format!(
                    "Saved {name}'s application to {} ({}).",
                    fields.destination,
                    status.label()
                ))
            }
        }
        Command::SetGrantFund { year, amount } => {
            store.set_grant_fund(*year, *amount)?;
            Applied::said(format!("The fund for {year} is {amount}."))
        }
        Command::SetDecisionDays(days) => {
            store.set_decision_days(*days)?;
            Applied::said(format!(
                "Applications undecided after {days} days need attention."
            ))
        }
        Command::Undo => Applied::said(match store.undo()? {
            Some(summary) => format!("Undid: {summary}."),
            None => "Nothing to undo.".to_owned(),
        }),
        Command::Redo => Applied::said(match store.redo()? {
            Some(summary) => format!("Redid: {summary}."),
            None => "Nothing to redo.".to_owned(),
        }),
        Command::SetReportRules(rules) => {
            store.set_report_rules(rules)?;
            Applied::said(format!(
                "Reports count people in the meeting for at least {} min; organisers: {}.",
                rules.min_minutes,
                if rules.organiser_domains.is_empty() {
                    "none".to_owned()
                } else {
                    rules.domains_text()
                }
            ))
        }
        Command::RecordReport {
            convening,
            attendees,
            report,
        } => {
            let summary = store.record_report_attendance(*convening, attendees, report)?;
            let mut message = if summary.districts_marked + summary.people_added == 0 {
                "Nothing changed: everyone in this report was already recorded.".to_owned()
            } else {
                format!(
                    "Marked {} attended, noted {}, added {}.",
                    count(summary.districts_marked, "district", "districts"),
                    count(summary.people_added, "person", "people"),
                    count(summary.contacts_created, "contact", "contacts")
                )
            };
            if summary.not_members > 0 {
                message.push_str(&format!(
                    " {} not members that day were not recorded.",
                    count(summary.not_members, "district", "districts")
                ));
            }
            Applied::said(message)
        }
    })
}

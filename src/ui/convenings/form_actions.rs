//! What a convening's form asks of its screen: a calendar file, invitation
//! drafts, its members' emails, its sheet, a report to import, a deletion.

use super::form::ConveningAction;
use super::{ConveningsScreen, Intent};
use crate::domain::email::TemplateName;
use crate::export::calendar::{CalendarOf, calendar_file_name};
use crate::export::drafts::Audience;
use crate::store::{Store, StoreError};
use crate::ui::ScreenContext;
use crate::ui::drafts_dialog::{DraftsDialog, copy_emails_of};
use crate::ui::file_picker::FilePicker;
use crate::ui::save_as::SaveAsDialog;

impl ConveningsScreen {
    /// What the form asked for: the sheet, a report to import, a deletion.
    pub(super) fn form_action(
        &mut self,
        ctx: &egui::Context,
        action: ConveningAction,
        cx: &mut ScreenContext<'_>,
    ) -> Result<(), StoreError> {
        match action {
            ConveningAction::AddToCalendar(id) => {
                let of = CalendarOf::One(id);
                let title = cx.store.convening(id)?.fields.title;
                self.calendar = Some(calendar_dialog(cx.store, of, &format!("“{title}”"))?);
            }
            ConveningAction::Invite(id) => {
                let title = cx.store.convening(id)?.fields.title;
                self.drafts = Some(DraftsDialog::open(
                    cx.store,
                    Audience::Convening(id),
                    cx.year,
                    cx.today,
                    TemplateName::ConveningInvitation,
                    title,
                )?);
            }
            ConveningAction::CopyEmails(id) => {
                *cx.notice = Some(copy_emails_of(
                    ctx,
                    cx.store,
                    Audience::Convening(id),
                    cx.year,
                    cx.today,
                )?);
            }
            ConveningAction::OpenSheet(id) => {
                self.request(Intent::OpenSheet(id, None), cx.store, cx.today)?;
            }
            ConveningAction::Import(id) => {
                let picker = FilePicker::new(
                    "Participant report",
                    &["csv", "txt", "tsv"],
                    "/path/to/participants.csv",
                    "Import",
                );
                self.choosing_report = Some((id, picker, None));
            }
            ConveningAction::Delete(id) => self.confirm_delete = Some(id),
        }
        Ok(())
    }
}

/// "Add to calendar" for one convening or the year (`what`, in words).
pub(super) fn calendar_dialog(
    store: &Store,
    of: CalendarOf,
    what: &str,
) -> Result<(CalendarOf, SaveAsDialog), StoreError> {
    let dialog = SaveAsDialog::new(
        "Add to calendar",
        format!(
            "{what} as an .ics file: open it (or attach it to an e-mail) and Outlook, Google \
             or Apple calendar adds it. Saved again after a change, it updates the same entry."
        ),
        ("Calendar", &["ics"]),
        "Save calendar file",
        &calendar_file_name(store, of)?,
    );
    Ok((of, dialog))
}

//! The Renewals view's actions: copy everyone's emails for Outlook's To
//! line, or make a draft per district from a template ("Drafts…"), which
//! the renewals list then shows as "last reminded today".

use egui::Ui;

use super::MembershipsScreen;
use super::renewals::visible_renewals;
use crate::domain::email::{Recipient, TemplateName};
use crate::export::drafts::Audience;
use crate::ui::ScreenContext;
use crate::ui::drafts_dialog::DraftsDialog;
use crate::ui::widgets::{copy_emails, copy_emails_button};

impl MembershipsScreen {
    pub(super) fn renewal_actions_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        // What the list shows (searched, and filtered): what is copied and
        // written to.
        let shown: Vec<&crate::store::Renewal> =
            visible_renewals(&self.renewals, cx.search, self.quiet_since(cx.today)).collect();
        let people: Vec<Recipient> = shown
            .iter()
            .flat_map(|r| &r.people)
            .filter(|p| !p.email.trim().is_empty())
            .map(|p| Recipient {
                name: p.name.clone(),
                email: p.email.clone(),
            })
            .collect();
        if copy_emails_button(
            ui,
            !people.is_empty(),
            "The superintendents and points of contact of the districts listed, as Outlook's \
             To line takes them",
        ) {
            *cx.notice = Some(copy_emails(ui.ctx(), &people));
        }
        if ui
            .add_enabled(!shown.is_empty(), egui::Button::new("✉ Drafts…"))
            .on_hover_text(
                "An e-mail draft per district from a template, as .eml files Outlook opens \
                 ready to send; each is logged on its district",
            )
            .clicked()
        {
            match DraftsDialog::open(
                cx.store,
                Audience::Renewals,
                cx.year,
                cx.today,
                TemplateName::RenewalInvitation,
                format!("renewals {}", cx.year),
            ) {
                Ok(dialog) if shown.len() < self.renewals.len() => {
                    let districts = shown.iter().map(|r| r.district_id).collect();
                    self.drafts_dialog = Some(dialog.only(districts));
                }
                Ok(dialog) => self.drafts_dialog = Some(dialog),
                Err(error) => *cx.notice = Some(error.to_string()),
            }
        }
        // Drawn right to left: the filter sits left of the actions.
        ui.checkbox(&mut self.only_quiet, "Not reminded this week")
            .on_hover_text("Only the districts nobody wrote to in the last 7 days");
    }

    /// With "Not reminded this week": the day before which a reminder no
    /// longer counts.
    pub(super) fn quiet_since(&self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        self.only_quiet
            .then(|| today.checked_sub_days(chrono::Days::new(super::renewals::QUIET_DAYS)))
            .flatten()
    }

    /// The "Drafts…" dialog, while open.
    pub(super) fn drafts_dialog_ui(&mut self, ctx: &egui::Context, cx: &mut ScreenContext<'_>) {
        if let Some(dialog) = &mut self.drafts_dialog
            && dialog.ui(ctx, cx).is_some()
        {
            self.drafts_dialog = None;
        }
    }
}

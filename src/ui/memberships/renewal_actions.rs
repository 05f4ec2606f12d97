//! The Renewals view's actions: copy everyone's emails for Outlook's To
//! line, or make a draft per district from a template ("Drafts…"), which
//! the renewals list then shows as "last reminded today".

use std::path::PathBuf;

use egui::{RichText, Ui};
use strum::VariantArray as _;

use super::MembershipsScreen;
use super::renewals::renewal_emails;
use crate::domain::email::{Recipient, TemplateName};
use crate::export::drafts::{Audience, DraftsRequest};
use crate::ui::ScreenContext;
use crate::ui::command::Command;
use crate::ui::file_picker::documents_folder;
use crate::ui::style;

/// "Drafts…": a template, a folder and who else is copied.
pub struct DraftsDialog {
    template: TemplateName,
    folder: String,
    cc: String,
    error: Option<String>,
}

impl DraftsDialog {
    fn new(year: crate::domain::SchoolYear) -> Self {
        Self {
            template: TemplateName::RenewalInvitation,
            folder: documents_folder()
                .join(format!("Renewal drafts {year}"))
                .display()
                .to_string(),
            cc: String::new(),
            error: None,
        }
    }
}

impl MembershipsScreen {
    pub(super) fn renewal_actions_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        let emails = renewal_emails(&self.renewals);
        let count = if emails.is_empty() {
            0
        } else {
            emails.split("; ").count()
        };
        if ui
            .add_enabled(count > 0, egui::Button::new("📋 Copy emails"))
            .on_hover_text(format!(
                "Copy {count} addresses, separated by \"; \" for Outlook"
            ))
            .clicked()
        {
            ui.ctx().copy_text(emails);
            *cx.notice = Some(format!("Copied {count} email addresses."));
        }
        if ui
            .add_enabled(!self.renewals.is_empty(), egui::Button::new("✉ Drafts…"))
            .on_hover_text(
                "An e-mail draft per district from a template, as .eml files Outlook opens \
                 ready to send; each is logged on its district",
            )
            .clicked()
        {
            self.drafts_dialog = Some(DraftsDialog::new(cx.year));
        }
    }

    /// The "Drafts…" dialog, while open.
    pub(super) fn drafts_dialog_ui(&mut self, ctx: &egui::Context, cx: &mut ScreenContext<'_>) {
        let Some(dialog) = &mut self.drafts_dialog else {
            return;
        };
        let count = self.renewals.len();
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("renewal_drafts")).show(ctx, |ui| {
            ui.set_width(540.0);
            ui.label(RichText::new(format!("E-mail drafts: renewals {}", cx.year)).heading());
            style::muted(
                ui,
                "One draft per district, to its superintendent and points of contact, \
                 written as an .eml file Outlook opens ready to send.",
            );
            ui.add_space(style::GAP);
            ui.horizontal(|ui| {
                let label = ui.label("Template");
                egui::ComboBox::from_id_salt("drafts_template")
                    .selected_text(dialog.template.label())
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for name in TemplateName::VARIANTS {
                            ui.selectable_value(&mut dialog.template, *name, name.label());
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            style::muted(
                ui,
                format!("Subject: {}", dialog.template.standard().subject),
            );
            ui.horizontal(|ui| {
                let label = ui.label("Cc");
                ui.add(
                    egui::TextEdit::singleline(&mut dialog.cc)
                        .hint_text("you@education.ky.gov (optional)")
                        .desired_width(300.0),
                )
                .labelled_by(label.id);
            });
            crate::ui::file_picker::folder_field_ui(ui, "Into", &mut dialog.folder);
            if let Some(error) = &dialog.error {
                style::error_text(ui, error);
            }
            ui.add_space(style::SECTION_GAP);
            ui.horizontal(|ui| {
                close = ui.button("Cancel").clicked();
                let label = format!("Write {}", crate::domain::count(count, "draft", "drafts"));
                if ui
                    .add_enabled(
                        !dialog.folder.trim().is_empty(),
                        egui::Button::new(RichText::new(label).strong()),
                    )
                    .clicked()
                {
                    let cc: Vec<&str> = dialog
                        .cc
                        .split([',', ';'])
                        .map(str::trim)
                        .filter(|e| !e.is_empty())
                        .collect();
                    match cc
                        .iter()
                        .find(|e| !email_address::EmailAddress::is_valid(e))
                    {
                        Some(bad) => {
                            dialog.error = Some(format!("“{bad}” is not an email address"))
                        }
                        None => {
                            cx.commands
                                .push(Command::WriteDrafts(Box::new(DraftsRequest {
                                    template: dialog.template.standard(),
                                    audience: Audience::Renewals,
                                    year: cx.year,
                                    cc: cc
                                        .iter()
                                        .map(|e| Recipient {
                                            name: String::new(),
                                            email: (*e).to_owned(),
                                        })
                                        .collect(),
                                    folder: PathBuf::from(dialog.folder.trim()),
                                    today: cx.today,
                                    dry_run: false,
                                })));
                            close = true;
                        }
                    }
                }
            });
        });
        if close || modal.should_close() {
            self.drafts_dialog = None;
        }
    }
}

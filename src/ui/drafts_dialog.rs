//! "Drafts…": e-mail drafts for a list the app shows (renewals, the grid's
//! flagged districts, what needs attention, a convening's members, a
//! grant's applicant). Choose a template (reword it and keep it), see it
//! filled for each district, then open short ones in the mail program one
//! by one (`mailto:`) or write them all as `.eml` drafts into a folder.
//! Every draft is logged on its district.
//!
//! The districts and their values are read once, when the dialog opens;
//! each frame only fills the template's text.

use std::path::PathBuf;

use egui::{RichText, Ui};
use strum::VariantArray as _;

use super::ScreenContext;
use super::command::Command;
use super::file_picker::{documents_folder, folder_field_ui};
use super::style;
use crate::domain::email::{EmailTemplate, PLACEHOLDERS, Recipient, TemplateName};
use crate::domain::{NetworkPerson, SchoolYear};
use crate::export::drafts::{
    Addressee, Audience, DraftsRequest, Enclosure, addressees, log_entries,
};
use crate::io::eml::{fits_a_link, mailto};
use crate::store::{Store, StoreError};

pub struct DraftsDialog {
    title: String,
    audience: Audience,
    year: SchoolYear,
    addressees: Vec<Addressee>,
    /// The template as edited here, and as the roster keeps it.
    template: EmailTemplate,
    kept: EmailTemplate,
    /// Every template as the roster keeps it (read once).
    templates: Vec<EmailTemplate>,
    editing: bool,
    /// The district the preview shows.
    preview: usize,
    /// People of the network to copy, each ticked or not.
    network: Vec<(NetworkPerson, bool)>,
    other_cc: String,
    folder: String,
    error: Option<String>,
    /// Only these districts of the audience (a filtered list).
    only: Option<Vec<crate::domain::DistrictId>>,
}

/// "Copy emails" for a list the drafts reach (a convening's members, a
/// grant's applicant): the people a draft would be addressed to, copied
/// as Outlook's To line takes them. Read on the click, not per frame.
pub fn copy_emails_of(
    ctx: &egui::Context,
    store: &Store,
    audience: Audience,
    year: SchoolYear,
    today: chrono::NaiveDate,
) -> Result<String, StoreError> {
    let list = addressees(store, audience, year, today)?;
    Ok(super::widgets::copy_emails(
        ctx,
        list.iter().flat_map(|a| &a.to),
    ))
}

/// What the dialog asks of its screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftsOutcome {
    Close,
}

impl DraftsDialog {
    /// Reads the audience's districts and the templates once.
    pub fn open(
        store: &Store,
        audience: Audience,
        year: SchoolYear,
        today: chrono::NaiveDate,
        template: TemplateName,
        title: impl Into<String>,
    ) -> Result<Self, StoreError> {
        let templates = TemplateName::VARIANTS
            .iter()
            .map(|name| store.email_template(*name))
            .collect::<Result<Vec<_>, _>>()?;
        let kept = store.email_template(template)?;
        let title = title.into();
        let network = store
            .network_people()?
            .into_iter()
            .filter(|p| p.fields.active && !p.fields.email.is_empty())
            .map(|p| {
                let ticked = p.fields.cc_on_drafts;
                (p, ticked)
            })
            .collect();
        Ok(Self {
            // A title may hold what a folder's name cannot (a colon).
            folder: documents_folder()
                .join(crate::io::save::file_name_part(
                    &format!("{title} drafts"),
                    120,
                ))
                .display()
                .to_string(),
            title,
            audience,
            year,
            addressees: addressees(store, audience, year, today)?,
            template: kept.clone(),
            kept,
            templates,
            editing: false,
            preview: 0,
            network,
            other_cc: String::new(),
            error: None,
            only: None,
        })
    }

    /// Keeps only these districts of the audience (the list as filtered).
    pub fn only(mut self, districts: Vec<crate::domain::DistrictId>) -> Self {
        self.addressees.retain(|a| districts.contains(&a.district));
        self.only = Some(districts);
        self
    }

    /// The dialog, while open; `Some(Close)` when it is done.
    pub fn ui(&mut self, ctx: &egui::Context, cx: &mut ScreenContext<'_>) -> Option<DraftsOutcome> {
        let mut outcome = None;
        let modal = egui::Modal::new(egui::Id::unique("drafts_dialog")).show(ctx, |ui| {
            ui.set_width(620.0);
            ui.label(RichText::new(format!("E-mail drafts: {}", self.title)).heading());
            style::muted(
                ui,
                format!(
                    "One draft per district ({}), to its superintendent and points of contact. \
                     Each draft is logged on its district.",
                    crate::domain::count(self.addressees.len(), "district", "districts")
                ),
            );
            ui.add_space(style::GAP);
            self.template_ui(ui, cx);
            ui.add_space(style::GAP);
            self.cc_ui(ui);
            ui.add_space(style::GAP);
            egui::ScrollArea::vertical()
                .id_salt("drafts_preview")
                .max_height(300.0)
                .show(ui, |ui| self.preview_ui(ui, cx));
            ui.add_space(style::GAP);
            folder_field_ui(ui, "Into", &mut self.folder);
            if let Some(error) = &self.error {
                style::error_text(ui, error);
            }
            ui.add_space(style::SECTION_GAP);
            ui.horizontal(|ui| {
                if ui.button("Close").clicked() {
                    outcome = Some(DraftsOutcome::Close);
                }
                let count = self.addressees.len();
                let label = format!(
                    "Write {} as .eml",
                    crate::domain::count(count, "draft", "drafts")
                );
                let ready =
                    count > 0 && !self.folder.trim().is_empty() && self.template.check().is_ok();
                if ui
                    .add_enabled(ready, egui::Button::new(RichText::new(label).strong()))
                    .on_hover_text(
                        "Files Outlook and other mail programs open as drafts, ready to send",
                    )
                    .clicked()
                    && let Some(cc) = self.cc()
                {
                    cx.commands
                        .push(Command::WriteDrafts(Box::new(DraftsRequest {
                            template: self.template.clone(),
                            audience: self.audience,
                            year: self.year,
                            cc,
                            folder: PathBuf::from(self.folder.trim()),
                            today: cx.today,
                            dry_run: false,
                            only: self.only.clone(),
                        })));
                    outcome = Some(DraftsOutcome::Close);
                }
            });
        });
        if modal.should_close() {
            outcome = Some(DraftsOutcome::Close);
        }
        outcome
    }

    /// The template chosen, and its words to reword.
    fn template_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        ui.horizontal(|ui| {
            let label = ui.label("Template");
            let mut chosen = self.template.name;
            egui::ComboBox::from_id_salt("drafts_template")
                .selected_text(chosen.label())
                .width(260.0)
                .show_ui(ui, |ui| {
                    for name in TemplateName::VARIANTS {
                        ui.selectable_value(&mut chosen, *name, name.label());
                    }
                })
                .response
                .labelled_by(label.id);
            if chosen != self.template.name
                && let Some(kept) = self.templates.iter().find(|t| t.name == chosen)
            {
                self.kept = kept.clone();
                self.template = kept.clone();
            }
            ui.toggle_value(&mut self.editing, "✏ Edit template")
                .on_hover_text("Reword the subject and text; placeholders are filled per district");
        });
        if !self.editing {
            return;
        }
        ui.horizontal(|ui| {
            let label = ui.label("Subject");
            ui.add(egui::TextEdit::singleline(&mut self.template.subject).desired_width(540.0))
                .labelled_by(label.id);
        });
        let label = ui.label("Text");
        ui.add(
            egui::TextEdit::multiline(&mut self.template.body)
                .desired_rows(6)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
        let known: Vec<String> = PLACEHOLDERS
            .iter()
            .map(|(n, _)| format!("{{{n}}}"))
            .collect();
        style::muted(ui, format!("Placeholders: {}", known.join(" ")));
        let problem = self.template.check().err();
        if let Some(problem) = &problem {
            style::error_text(
                ui,
                &format!("{problem} Nothing can be made until it is fixed."),
            );
        }
        ui.horizontal(|ui| {
            let changed = self.template != self.kept;
            if ui
                .add_enabled(
                    changed && problem.is_none(),
                    egui::Button::new("Keep this wording"),
                )
                .on_hover_text("Use it for every draft from now on")
                .clicked()
            {
                cx.commands
                    .push(Command::SaveEmailTemplate(self.template.clone()));
                self.kept = self.template.clone();
                if let Some(slot) = self
                    .templates
                    .iter_mut()
                    .find(|t| t.name == self.template.name)
                {
                    *slot = self.template.clone();
                }
            }
            let standard = self.template.name.standard();
            if ui
                .add_enabled(
                    self.template != standard,
                    egui::Button::new("Restore the app's text"),
                )
                .clicked()
            {
                self.template = standard;
            }
        });
    }

    /// Who is copied: people of the network, and other addresses.
    fn cc_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Cc");
            for (person, ticked) in &mut self.network {
                ui.checkbox(ticked, &person.fields.name)
                    .on_hover_text(person.address().unwrap_or_default());
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Other Cc");
            ui.add(
                egui::TextEdit::singleline(&mut self.other_cc)
                    .hint_text("name@education.ky.gov; another@…")
                    .desired_width(360.0),
            )
            .labelled_by(label.id);
        });
    }

    /// The people of the network ticked for Cc.
    fn ticked_cc(&self) -> Vec<Recipient> {
        self.network
            .iter()
            .filter(|(_, ticked)| *ticked)
            .filter_map(|(p, _)| p.recipient())
            .collect()
    }

    /// Everyone copied, or the address that is not one (said).
    fn cc(&mut self) -> Option<Vec<Recipient>> {
        let mut cc = self.ticked_cc();
        for typed in self.other_cc.split([',', ';']).map(str::trim) {
            if typed.is_empty() {
                continue;
            }
            match crate::domain::email::recipient_from(typed) {
                Ok(recipient) => {
                    if !cc
                        .iter()
                        .any(|c| c.email.eq_ignore_ascii_case(&recipient.email))
                    {
                        cc.push(recipient);
                    }
                }
                Err(why) => {
                    self.error = Some(format!("Cc: {why}"));
                    return None;
                }
            }
        }
        self.error = None;
        Some(cc)
    }

    /// The template filled for one district at a time, with each district
    /// to open in the mail program.
    fn preview_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        if self.addressees.is_empty() {
            style::muted(
                ui,
                "No district is on this list: there is nobody to write to.",
            );
            return;
        }
        self.preview = self.preview.min(self.addressees.len() - 1);
        ui.horizontal(|ui| {
            let label = ui.label("Preview for");
            let names: Vec<&str> = self.addressees.iter().map(|a| a.name.as_str()).collect();
            egui::ComboBox::from_id_salt("drafts_preview_for")
                .selected_text(names[self.preview])
                .width(260.0)
                .show_ui(ui, |ui| {
                    for (index, name) in names.iter().enumerate() {
                        ui.selectable_value(&mut self.preview, index, *name);
                    }
                })
                .response
                .labelled_by(label.id);
        });
        let cc = self.ticked_cc();
        let enclosure = Enclosure::of(self.template.name, self.audience);
        let addressee = &self.addressees[self.preview];
        match addressee.draft(&self.template, &cc) {
            Err(error) => {
                style::error_text(ui, &format!("Left out: {error}"));
            }
            Ok(draft) => {
                let frame = egui::Frame::group(ui.style()).inner_margin(8.0);
                frame.show(ui, |ui| {
                    let to = crate::domain::email::to_line(&draft.to);
                    ui.label(format!(
                        "To: {}",
                        if to.is_empty() { "nobody on file" } else { &to }
                    ));
                    if !draft.cc.is_empty() {
                        ui.label(format!("Cc: {}", crate::domain::email::to_line(&draft.cc)));
                    }
                    ui.label(RichText::new(format!("Subject: {}", draft.subject)).strong());
                    ui.add(egui::Label::new(&draft.body).wrap());
                    if let Some(enclosure) = enclosure {
                        style::muted(ui, format!("📎 {}", enclosure.label()));
                    }
                });
                let link_fits = fits_a_link(&draft) && enclosure.is_none() && !draft.to.is_empty();
                let button = ui
                    .add_enabled(link_fits, egui::Button::new("✉ Open in mail program"))
                    .on_hover_text("Opens this one draft in the mail program, and logs it")
                    .on_disabled_hover_text(
                        "Long messages, messages with a file and districts with no address \
                         go as .eml files",
                    );
                if button.clicked() {
                    ui.ctx().open_url(egui::OpenUrl::new_tab(mailto(&draft)));
                    cx.commands.push(Command::LogDrafts(log_entries(
                        self.template.name,
                        cx.today,
                        &[(addressee.district, &draft)],
                    )));
                    // On to the next district.
                    self.preview = (self.preview + 1) % self.addressees.len();
                }
            }
        }
    }
}

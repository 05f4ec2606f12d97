//! A returned Letter of Commitment, dropped on the Memberships screen (or a
//! letter's form) or chosen with "Read a returned letter…": read, its
//! district and year worked out and confirmed, each field shown beside what
//! the form holds, nothing written until "Fill the letter".

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use crate::domain::{DistrictId, DocumentOwner, MembershipStatus, SchoolYear};
use crate::import::letter::{
    FieldResult, Identified, LetterImport, LetterOutcome, identify, review,
};
use crate::io::letter_document::{LetterFound, ReadHow, read_letter};
use crate::store::Store;
use crate::ui::command::Command;
use crate::ui::style;

/// Whether a file is one a returned letter comes as.
pub fn is_letter_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx") || e.eq_ignore_ascii_case("pdf"))
}

pub struct ReturnedLetter {
    path: PathBuf,
    file_name: String,
    bytes: Vec<u8>,
    /// What the letter says, or why it could not be read.
    found: Result<LetterFound, String>,
    identified: Identified,
    district: Option<DistrictId>,
    year: SchoolYear,
    keep_file: bool,
    /// The day it came in, as typed (today, or when KDE countersigned it).
    received: String,
    /// The user said to fill this district's letter though the file is
    /// another's (or another year's).
    anyway: bool,
    /// The review for the district and year chosen (read when they change).
    outcome: Option<Result<LetterOutcome, String>>,
}

/// What the user decided in the review.
pub enum Decision {
    /// Fill the district's letter for the year.
    TakeIn(DistrictId, SchoolYear),
    /// Keep the unreadable file on the letter anyway.
    Attach(DistrictId, SchoolYear),
    Cancel,
}

impl ReturnedLetter {
    /// Reads the file; `form` is the letter whose form it was dropped on.
    pub fn read(
        store: &Store,
        path: &Path,
        form: Option<(DistrictId, SchoolYear)>,
        year_shown: SchoolYear,
    ) -> Self {
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let bytes = match crate::io::kept_file::read_file_to_keep(path) {
            Ok(file) => Ok(file.bytes),
            Err(error) => Err(error.to_string()),
        };
        let (bytes, found) = match bytes {
            Ok(bytes) => {
                let found = read_letter(&bytes, &file_name).map_err(|e| e.to_string());
                (bytes, found)
            }
            Err(error) => (Vec::new(), Err(error)),
        };
        let identified = found
            .as_ref()
            .ok()
            .and_then(|f| identify(store, f, &file_name).ok())
            .unwrap_or_default();
        let district = form
            .map(|(d, _)| d)
            .or_else(|| identified.district.as_ref().map(|(d, _)| *d));
        let year = form
            .map(|(_, y)| y)
            .or(identified.year)
            .unwrap_or(year_shown);
        let mut letter = Self {
            path: path.to_path_buf(),
            file_name,
            bytes,
            found,
            identified,
            district,
            year,
            keep_file: true,
            received: String::new(),
            anyway: false,
            outcome: None,
        };
        if let (Ok(found), Some(district)) = (&letter.found, letter.district) {
            let day = letter.import(found.clone(), district).received();
            letter.received = crate::domain::validate::edit_date(Some(day));
        }
        letter.refresh(store);
        letter
    }

    /// The received day typed, when it reads as one.
    fn received_on(&self) -> Option<chrono::NaiveDate> {
        crate::domain::validate::optional_date_in(&self.received, self.year)
            .ok()
            .flatten()
    }

    fn conflicts(&self) -> Vec<String> {
        self.district
            .map(|d| self.identified.conflicts(d, self.year))
            .unwrap_or_default()
    }

    /// Reads the review again for the district and year chosen.
    pub fn refresh(&mut self, store: &Store) {
        self.outcome = match (&self.found, self.district) {
            (Ok(found), Some(district)) => Some(
                review(store, &self.import(found.clone(), district)).map_err(|e| e.to_string()),
            ),
            _ => None,
        };
    }

    fn import(&self, found: LetterFound, district: DistrictId) -> LetterImport {
        LetterImport {
            found,
            file_name: self.file_name.clone(),
            bytes: self.bytes.clone(),
            district,
            year: self.year,
            keep_file: self.keep_file,
            today: crate::domain::today(),
            received_on: self.received_on(),
        }
    }

    /// The command that does what was decided.
    pub fn command(&self, decision: &Decision) -> Option<Command> {
        match decision {
            Decision::TakeIn(district, _) => {
                let found = self.found.as_ref().ok()?.clone();
                Some(Command::TakeInLetter(Box::new(
                    self.import(found, *district),
                )))
            }
            Decision::Attach(..) | Decision::Cancel => None,
        }
    }

    /// The file, to keep on a letter (when it could not be read).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The review, in a modal; what the user decided, if they did.
    pub fn ui(
        &mut self,
        ctx: &egui::Context,
        store: &Store,
        districts: &[(DistrictId, String)],
    ) -> Option<Decision> {
        let mut decision = None;
        let mut changed = false;
        let modal = egui::Modal::new(egui::Id::unique("returned_letter")).show(ctx, |ui| {
            ui.set_width(720.0);
            ui.label(RichText::new("Returned letter").heading());
            style::muted(ui, &self.file_name);
            ui.add_space(style::GAP);
            changed = self.who_ui(ui, districts);
            ui.add_space(style::GAP);
            match &self.found {
                Err(reason) => {
                    style::error_text(ui, &format!("It could not be read: {reason}"));
                    style::muted(ui, "It can still be kept on the letter, to read yourself.");
                }
                Ok(found) => {
                    let how = match found.how {
                        Some(ReadHow::Fields) => format!("{}, read from its fields.", found.kind),
                        _ => format!(
                            "{}, read by its headings (best effort): check each field.",
                            found.kind
                        ),
                    };
                    style::muted(ui, how);
                    self.review_ui(ui);
                }
            }
            ui.add_space(style::SECTION_GAP);
            decision = self.buttons_ui(ui);
        });
        if modal.should_close() && decision.is_none() {
            decision = Some(Decision::Cancel);
        }
        if changed {
            self.refresh(store);
        }
        decision
    }

    /// Which district and year, how the app knows, and the choice.
    fn who_ui(&mut self, ui: &mut Ui, districts: &[(DistrictId, String)]) -> bool {
        let mut changed = false;
        for line in &self.identified.how {
            style::muted(ui, format!("• {line}"));
        }
        if self.found.is_ok() && self.identified.district.is_none() {
            ui.label(
                RichText::new("The file does not say which district it is for: choose it.")
                    .color(style::warning_color(ui)),
            );
        }
        ui.horizontal(|ui| {
            let label = ui.label("District");
            let shown = self
                .district
                .and_then(|d| districts.iter().find(|(id, _)| *id == d))
                .map_or("Choose…", |(_, name)| name.as_str());
            egui::ComboBox::from_id_salt("returned_letter_district")
                .selected_text(shown)
                .width(240.0)
                .show_ui(ui, |ui| {
                    for (id, name) in districts {
                        if ui
                            .selectable_label(self.district == Some(*id), name)
                            .clicked()
                        {
                            self.district = Some(*id);
                            changed = true;
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.add_space(style::GAP);
            let label = ui.label("School year");
            egui::ComboBox::from_id_salt("returned_letter_year")
                .selected_text(self.year.to_string())
                .show_ui(ui, |ui| {
                    let current = SchoolYear::current();
                    let mut year = current.next();
                    for _ in 0..6 {
                        if ui
                            .selectable_label(self.year == year, year.to_string())
                            .clicked()
                        {
                            self.year = year;
                            changed = true;
                        }
                        year = year.previous();
                    }
                })
                .response
                .labelled_by(label.id);
        });
        if self.found.is_ok() {
            ui.horizontal(|ui| {
                let label = ui.label("Received on");
                let response = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.received)
                            .hint_text(style::DATE_HINT)
                            .desired_width(110.0),
                    )
                    .labelled_by(label.id);
                if response.lost_focus() {
                    changed = true;
                }
                match self.received_on() {
                    None if !self.received.trim().is_empty() => {
                        style::error_text(ui, "Not a date");
                    }
                    Some(day) if day > crate::domain::today() => {
                        style::error_text(ui, "That day has not come yet");
                    }
                    _ => {}
                }
            });
        }
        if let Some(named) = &self.identified.unknown {
            ui.label(
                RichText::new(format!(
                    "⚠ The letter is for {named}, which is not on the roster."
                ))
                .color(style::warning_color(ui)),
            );
        }
        let conflicts = self.conflicts();
        if !conflicts.is_empty() {
            for conflict in &conflicts {
                ui.label(RichText::new(format!("⚠ {conflict}")).color(style::warning_color(ui)));
            }
            let name = self
                .district
                .and_then(|d| districts.iter().find(|(id, _)| *id == d))
                .map_or("this district", |(_, n)| n.as_str());
            ui.checkbox(
                &mut self.anyway,
                format!("Fill {name}'s letter for {} with it anyway", self.year),
            );
        }
        if changed {
            self.anyway = false;
        }
        changed
    }

    fn review_ui(&mut self, ui: &mut Ui) {
        let Some(outcome) = &self.outcome else {
            return;
        };
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(error) => {
                style::error_text(ui, error);
                return;
            }
        };
        ui.add_space(style::GAP);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .auto_shrink([false, true])
            .id_salt("returned_letter_fields")
            .show(ui, |ui| {
                egui::Grid::new("returned_letter_grid")
                    .num_columns(4)
                    .striped(true)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        ui.label(RichText::new("Field").strong());
                        ui.label(RichText::new("On the form now").strong());
                        ui.label(RichText::new("In the returned letter").strong());
                        ui.label("");
                        ui.end_row();
                        for field in &outcome.fields {
                            let muted = field.result == FieldResult::Keeps;
                            ui.label(&field.label);
                            let cell = |ui: &mut Ui, text: &str| {
                                let text = if text.is_empty() { "—" } else { text };
                                ui.add(
                                    egui::Label::new(style::drawable(ui, text))
                                        .wrap()
                                        .halign(egui::Align::Min),
                                );
                            };
                            for text in [&field.now, &field.letter] {
                                ui.scope(|ui| {
                                    ui.set_min_width(240.0);
                                    ui.set_max_width(240.0);
                                    cell(ui, text);
                                });
                            }
                            let color = match field.result {
                                FieldResult::Conflict => style::warning_color(ui),
                                FieldResult::Fills => style::success_color(ui),
                                _ => style::muted_color(ui),
                            };
                            let _ = muted;
                            ui.label(RichText::new(field.result.label()).color(color));
                            ui.end_row();
                        }
                    });
            });
        ui.add_space(style::GAP);
        let status = |s: Option<MembershipStatus>| s.map_or("no letter", MembershipStatus::label);
        ui.label(
            RichText::new(format!(
                "Status: {} → {}",
                status(outcome.status_before),
                status(outcome.status_after)
            ))
            .strong(),
        );
        let details = &outcome.row.details;
        if let Some(refusal) = &outcome.refusal {
            style::error_text(ui, refusal);
        } else if outcome.can_import() {
            style::muted(ui, details);
        } else {
            style::error_text(ui, details);
        }
        ui.checkbox(&mut self.keep_file, "Keep the file on the letter")
            .on_hover_text("The signed letter, a click away from its record");
    }

    fn buttons_ui(&self, ui: &mut Ui) -> Option<Decision> {
        let mut decision = None;
        ui.horizontal(|ui| {
            if ui.button("Cancel").clicked() {
                decision = Some(Decision::Cancel);
            }
            let Some(district) = self.district else {
                return;
            };
            let refused = matches!(&self.outcome, Some(Ok(o)) if o.refusal.is_some());
            match &self.found {
                Err(_) => {
                    if ui
                        .button(RichText::new("Keep it on the letter").strong())
                        .on_hover_text("Keep the file on the district's letter for the year")
                        .clicked()
                    {
                        decision = Some(Decision::Attach(district, self.year));
                    }
                }
                Ok(_) if refused => {
                    if ui
                        .button(RichText::new("Keep it on the letter").strong())
                        .on_hover_text("Keep the file on the district's letter for the year")
                        .clicked()
                    {
                        decision = Some(Decision::Attach(district, self.year));
                    }
                }
                Ok(_) => {
                    let ready = matches!(&self.outcome, Some(Ok(o)) if o.can_import())
                        && (self.anyway || self.conflicts().is_empty())
                        && (self.received.trim().is_empty()
                            || self.received_on().is_some_and(|d| d <= crate::domain::today()));
                    if ui
                        .add_enabled(ready, egui::Button::new(RichText::new("Fill the letter").strong()))
                        .on_hover_text("Fill the letter with what the returned one says, as one change (Undo takes it back)")
                        .clicked()
                    {
                        decision = Some(Decision::TakeIn(district, self.year));
                    }
                }
            }
        });
        decision
    }
}

/// Where an unreadable letter is kept: the district's letter for the year.
pub fn letter_owner(
    store: &Store,
    district: DistrictId,
    year: SchoolYear,
) -> Result<DocumentOwner, String> {
    match store.membership_of(district, year) {
        Ok(Some(membership)) => Ok(DocumentOwner::Letter(membership.id)),
        Ok(None) => Err(format!(
            "There is no letter for {year} to keep it on: record or invite it first."
        )),
        Err(error) => Err(error.to_string()),
    }
}

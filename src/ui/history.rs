//! The History section: every change to the roster, newest first, with what
//! each did to which record, field by field. Also the "History" list shown
//! in a record's own form.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::command::Command;
use super::{AfterChange, ReadContext, Screen, ScreenContext, Shows, style};
use crate::domain::validate::local_time;
use crate::export::history::history_sheet;
use crate::store::history::{ChangeKind, HistoryEntry, HistoryFilter};
use crate::store::history_words::RecordWords;
use crate::store::{Store, StoreError};
use crate::ui::ExportRequest;
use crate::ui::widgets::export_button;

/// How many changes the section reads at a time.
const SHOWN: usize = 500;

/// The parts of the roster a change can belong to, as the filter offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Area {
    All,
    Districts,
    Memberships,
    Convenings,
    Grants,
    Settings,
}

impl Area {
    const ALL: [Self; 6] = [
        Self::All,
        Self::Districts,
        Self::Memberships,
        Self::Convenings,
        Self::Grants,
        Self::Settings,
    ];

    fn label(self) -> &'static str {
        match self {
            Self::All => "Everything",
            Self::Districts => "Districts and contacts",
            Self::Memberships => "Memberships",
            Self::Convenings => "Convenings and attendance",
            Self::Grants => "Travel grants",
            Self::Settings => "Settings",
        }
    }

    fn tables(self) -> &'static [&'static str] {
        match self {
            Self::All => &[],
            Self::Districts => &["district", "contact"],
            Self::Memberships => &[
                "membership",
                "membership_contact",
                "membership_status_change",
            ],
            Self::Convenings => &["convening", "attendance", "attendance_person"],
            Self::Grants => &["grant_application", "grant_status_change", "grant_fund"],
            Self::Settings => &["setting"],
        }
    }
}

pub struct HistoryScreen {
    area: Area,
    since: String,
    since_error: Option<String>,
    entries: Vec<HistoryEntry>,
    /// Each entry's local time and lower-case summary, made once per read.
    times: Vec<String>,
    haystacks: Vec<String>,
    /// The entries the search shows, and the search they were found for.
    shown: Vec<usize>,
    shown_for: Option<String>,
    selected: Option<i64>,
    /// Why undoing the selected entry on its own was refused.
    undo_refused: Option<(i64, String)>,
    /// The filter `entries` were read with; read again when it changes.
    loaded: Option<(Area, String)>,
}

impl Default for HistoryScreen {
    fn default() -> Self {
        Self {
            area: Area::All,
            since: String::new(),
            since_error: None,
            entries: Vec::new(),
            times: Vec::new(),
            haystacks: Vec::new(),
            shown: Vec::new(),
            shown_for: None,
            selected: None,
            undo_refused: None,
            loaded: None,
        }
    }
}

impl HistoryScreen {
    /// Reads the entries for the area and date chosen, unless they are read.
    fn read(&mut self, store: &Store) -> Result<(), StoreError> {
        let key = (self.area, self.since.trim().to_owned());
        if self.loaded.as_ref() == Some(&key) {
            return Ok(());
        }
        let since = match crate::domain::validate::optional_date(&key.1) {
            Ok(date) => {
                self.since_error = None;
                date.map(crate::domain::validate::local_day_start_utc)
            }
            Err(message) => {
                self.since_error = Some(message);
                None
            }
        };
        self.entries = store.history(&HistoryFilter {
            tables: self.area.tables().iter().map(|t| (*t).to_owned()).collect(),
            since,
            limit: SHOWN,
            ..HistoryFilter::default()
        })?;
        self.times = self.entries.iter().map(|e| local_time(&e.at)).collect();
        self.haystacks = self
            .entries
            .iter()
            .map(|e| e.summary.to_lowercase())
            .collect();
        self.shown_for = None;
        self.loaded = Some(key);
        Ok(())
    }
}

impl Screen for HistoryScreen {
    fn shows(&self) -> Shows {
        Shows::Everything
    }

    /// Forgets what was read: it is read again when next drawn.
    fn reload(&mut self, _: &ReadContext<'_>, _: &AfterChange<'_>) -> Result<(), StoreError> {
        self.loaded = None;
        Ok(())
    }

    fn show_error(&mut self, command: &Command, message: &str) {
        if let Command::UndoOne(id) = command {
            self.undo_refused = Some((*id, message.to_owned()));
        }
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.read(cx.store)?;
        ui.add_space(style::GAP);
        let mut export = false;
        ui.horizontal(|ui| {
            style::heading(ui, "History");
            style::muted(
                ui,
                "Every change, newest first. Ctrl+Z undoes the last saved one, wherever the cursor is (while a form has unsaved typing, it undoes the typing).",
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                export = export_button(ui);
            });
        });
        ui.add_space(style::GAP);
        self.filters_ui(ui, cx.search);
        ui.add_space(style::GAP);
        let search = cx.search.trim().to_lowercase();
        if self.shown_for.as_ref() != Some(&search) {
            self.shown = (0..self.entries.len())
                .filter(|&i| self.haystacks[i].contains(&search))
                .collect();
            self.shown_for = Some(search);
        }
        if self.shown.is_empty() {
            style::empty_state(
                ui,
                "📋",
                "No changes to show",
                "Changes appear here as you add and edit records.",
                |_| {},
            );
            return Ok(());
        }
        let selected = self
            .selected
            .and_then(|id| self.entries.iter().find(|e| e.id == id));
        if let Some(entry) = selected {
            egui::Panel::bottom("history_details")
                .resizable(true)
                .default_size(240.0)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("history_details_scroll")
                        .show(ui, |ui| {
                            let refused = self
                                .undo_refused
                                .as_ref()
                                .filter(|(id, _)| *id == entry.id)
                                .map(|(_, why)| why.as_str());
                            if entry_details_ui(ui, entry, refused) {
                                cx.commands.push(Command::UndoOne(entry.id));
                            }
                        });
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| self.table_ui(ui));
        if export {
            let shown: Vec<HistoryEntry> = self
                .shown
                .iter()
                .map(|&i| self.entries[i].clone())
                .collect();
            let title = format!("ILN history {}", self.area.label().to_lowercase());
            *cx.export = Some(ExportRequest::new(history_sheet(&title, &shown)));
        }
        Ok(())
    }
}

impl HistoryScreen {
    /// Which area, since when, and the top bar's search.
    fn filters_ui(&mut self, ui: &mut Ui, search: &str) {
        ui.horizontal(|ui| {
            let label = ui.label("Show");
            egui::ComboBox::from_id_salt("history_area")
                .selected_text(self.area.label())
                .width(220.0)
                .show_ui(ui, |ui| {
                    for area in Area::ALL {
                        ui.selectable_value(&mut self.area, area, area.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("Since");
            ui.add(
                egui::TextEdit::singleline(&mut self.since)
                    .hint_text(style::DATE_HINT)
                    .desired_width(110.0),
            )
            .labelled_by(label.id)
            .on_hover_text("Only changes on or after this date");
            if let Some(error) = &self.since_error {
                style::error_text(ui, error);
            }
            if !search.trim().is_empty() {
                style::muted(ui, format!("Filtered by “{}”", search.trim()));
            }
        });
    }

    /// The changes shown, newest first; a click selects one.
    fn table_ui(&mut self, ui: &mut Ui) {
        let shown = &self.shown;
        TableBuilder::new(ui)
            .id_salt("history_table")
            .striped(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(170.0))
            .column(Column::remainder().at_least(300.0).clip(true))
            .column(Column::exact(90.0))
            .header(style::HEADER_HEIGHT, |mut header| {
                for title in ["When", "What changed", ""] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(style::ROW_HEIGHT, shown.len(), |mut row| {
                    let index = shown[row.index()];
                    let entry = &self.entries[index];
                    row.set_selected(self.selected == Some(entry.id));
                    row.col(|ui| {
                        ui.add(egui::Label::new(&self.times[index]).selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(&entry.summary)
                                .truncate()
                                .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        if entry.undone {
                            style::badge(ui, "Undone", style::muted_color(ui));
                        }
                    });
                    if row.response().clicked() {
                        self.selected = Some(entry.id);
                        self.undo_refused = None;
                    }
                });
            });
    }
}

fn record_details_ui(ui: &mut Ui, index: usize, record: &RecordWords) {
    ui.label(RichText::new(format!("{} {}", record.verb, record.record)).strong());
    if record.fields.is_empty() {
        return;
    }
    egui::Grid::new(("record_fields", index))
        .num_columns(3)
        .spacing([style::GAP * 2.0, 2.0])
        .show(ui, |ui| {
            for field in &record.fields {
                style::muted(ui, &field.label);
                ui.label(or_dash(&field.before));
                ui.label(format!("➡ {}", or_dash(&field.after)));
                ui.end_row();
            }
        });
}

fn or_dash(text: &str) -> &str {
    if text.is_empty() { "—" } else { text }
}

/// The chosen entry, record by record; whether the user asked to undo it.
fn entry_details_ui(ui: &mut Ui, entry: &HistoryEntry, refused: Option<&str>) -> bool {
    ui.label(RichText::new(&entry.summary).heading());
    let mut undo = false;
    ui.horizontal(|ui| {
        style::muted(
            ui,
            format!("{} · change #{}", local_time(&entry.at), entry.id),
        )
        .on_hover_text("The number `iln-roster undo --change` takes");
        if entry.undone {
            style::badge(ui, "Undone", style::muted_color(ui));
        } else if entry.kind != ChangeKind::Undo {
            undo = ui
                .button("↺ Undo this change")
                .on_hover_text(
                    "Undo this change on its own, leaving later ones. Refused, naming \
                     them, when a later change touched the same records.",
                )
                .clicked();
        }
    });
    if let Some(why) = refused {
        style::error_text(ui, why);
    }
    ui.add_space(style::GAP);
    for (index, record) in entry.records.iter().take(200).enumerate() {
        record_details_ui(ui, index, record);
    }
    if entry.records.len() > 200 {
        style::muted(
            ui,
            format!("…and {} more records", entry.records.len() - 200),
        );
    }
    undo
}

/// A record's own changes, for the History tab of its form.
pub fn record_history_ui(ui: &mut Ui, entries: &[HistoryEntry]) {
    if entries.is_empty() {
        style::muted(ui, "No changes recorded yet.");
        return;
    }
    for entry in entries {
        ui.horizontal(|ui| {
            style::muted(ui, local_time(&entry.at));
            if entry.undone {
                style::badge(ui, "Undone", style::muted_color(ui));
            }
            // A long name never widens the form it is listed in.
            ui.add(egui::Label::new(&entry.summary).truncate())
                .on_hover_text(&entry.summary);
        });
    }
}

//! A convening's attendance sheet: every district that was a member that
//! day, marked attended, absent or excused, with who came and a note.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};
use strum::VariantArray as _;

use crate::domain::validate::display_date;
use crate::domain::{Attendance, AttendanceStatus, Convening, DistrictId};
use crate::store::{ChangeId, SheetLine};
use crate::ui::command::{Command, UiCommand};
use crate::ui::record_form::{CHOOSE_FIRST, Edits, Followed, RecordEditor, form_id};
use crate::ui::style;
use crate::ui::widgets::export_button;

/// What the sheet asks of its screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetAction {
    Back,
    /// Export the sheet as saved.
    Export,
}

pub struct SheetEditor {
    pub convening: Convening,
    form_id: egui::Id,
    lines: Vec<SheetLine>,
    /// One line per entry of `lines`, in its order.
    edits: Edits<Vec<Attendance>>,
    /// Whether the sheet was ever saved (a first save is offered even if
    /// nothing was changed from "all absent").
    recorded: bool,
    scroll_to: Option<usize>,
    pub save_error: Option<String>,
}

/// The sheet's lines as stored, or all absent where none is.
fn stored_lines(lines: &[SheetLine]) -> Vec<Attendance> {
    lines
        .iter()
        .map(|line| {
            line.saved.clone().unwrap_or_else(|| Attendance {
                district: line.district_id,
                status: AttendanceStatus::Absent,
                people: Default::default(),
                note: String::new(),
            })
        })
        .collect()
}

impl SheetEditor {
    pub fn new(
        convening: Convening,
        lines: Vec<SheetLine>,
        focus: Option<DistrictId>,
        seen: ChangeId,
    ) -> Self {
        Self {
            recorded: lines.iter().any(|l| l.saved.is_some()),
            scroll_to: focus.and_then(|d| lines.iter().position(|l| l.district_id == d)),
            form_id: form_id("attendance_sheet", Some(convening.id.0)),
            convening,
            edits: Edits::new(stored_lines(&lines), seen),
            lines,
            save_error: None,
        }
    }

    /// Follows the sheet as stored after a change (here or elsewhere;
    /// `saved_here` when it was this sheet's own save).
    pub fn follow(
        &mut self,
        convening: Convening,
        lines: Vec<SheetLine>,
        latest: ChangeId,
        saved_here: bool,
    ) {
        let stored = stored_lines(&lines);
        // Districts may have joined or left the sheet: the user's lines
        // follow their districts into the new order.
        if lines
            .iter()
            .map(|l| l.district_id)
            .ne(self.lines.iter().map(|l| l.district_id))
        {
            self.edits.realign(|old| {
                stored
                    .iter()
                    .map(|line| {
                        old.iter()
                            .find(|a| a.district == line.district)
                            .cloned()
                            .unwrap_or_else(|| line.clone())
                    })
                    .collect()
            });
        }
        if self.edits.follow(stored, latest, saved_here) == Followed::Reloaded {
            self.save_error = None;
        }
        self.recorded = lines.iter().any(|l| l.saved.is_some());
        self.convening = convening;
        self.lines = lines;
    }

    pub fn save(&mut self) -> Option<Command> {
        if self.edits.has_conflict() {
            self.save_error = Some(CHOOSE_FIRST.to_owned());
            return None;
        }
        if self.recorded && !self.edits.is_dirty() {
            return None;
        }
        Some(Command::SaveAttendanceSheet {
            convening: self.convening.id,
            lines: self.edits.draft.clone(),
            seen: self.edits.seen(),
        })
    }

    /// Returns what the user asked for beyond editing the sheet.
    pub fn ui(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) -> Option<SheetAction> {
        let mut action = None;
        ui.horizontal(|ui| {
            if ui
                .button("⏴ Convenings")
                .on_hover_text("Back to the list of convenings")
                .clicked()
            {
                action = Some(SheetAction::Back);
            }
            style::heading(ui, &self.convening.fields.title);
            style::muted(ui, display_date(self.convening.fields.held_on));
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if export_button(ui) {
                    action = Some(SheetAction::Export);
                }
            });
        });
        ui.add_space(style::GAP / 2.0);
        if self.edits.conflict_ui(ui, "This attendance sheet") {
            self.save_error = None;
        }
        // Members that day are counted; a line kept from a district that
        // was not one (the date moved) is shown, but not counted.
        // A member with no saved line and none chosen here counts as absent,
        // but is told apart: the stored count is the absences recorded.
        let members: Vec<(&Attendance, bool)> = self
            .edits
            .draft
            .iter()
            .zip(&self.lines)
            .filter(|(_, line)| line.member)
            .map(|(attendance, line)| {
                let unrecorded = line.saved.is_none()
                    && attendance.status == AttendanceStatus::Absent
                    && attendance.people.is_empty();
                (attendance, unrecorded)
            })
            .collect();
        let count = |status| {
            members
                .iter()
                .filter(|(a, unrecorded)| a.status == status && !unrecorded)
                .count()
        };
        let unrecorded = members.iter().filter(|(_, unrecorded)| *unrecorded).count();
        let mut summary = format!(
            "{} attended · {} absent · {} excused",
            count(AttendanceStatus::Attended),
            count(AttendanceStatus::Absent),
            count(AttendanceStatus::Excused),
        );
        if unrecorded > 0 {
            summary.push_str(&format!(" · {unrecorded} with no line (counted as absent)"));
        }
        summary.push_str(&format!(", of {} districts", members.len()));
        let outside = self.lines.len() - members.len();
        if outside > 0 {
            summary.push_str(&format!(
                " (and {} not a member that day: kept, not counted)",
                style::count(outside, "line", "lines")
            ));
        }
        ui.horizontal_wrapped(|ui| {
            style::muted(ui, summary);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let dirty = self.has_unsaved_changes();
                let can_save = (dirty || !self.recorded) && !self.edits.has_conflict();
                if UiCommand::SaveRecord.button(ui, can_save) {
                    commands.extend(self.save());
                }
                if UiCommand::CancelEdit.button(ui, dirty) {
                    self.cancel();
                }
                ui.separator();
                for status in [AttendanceStatus::Absent, AttendanceStatus::Attended] {
                    let label = format!("Mark all {}", status.label().to_lowercase());
                    if ui
                        .button(label)
                        .on_hover_text("A starting point; change any line after")
                        .clicked()
                    {
                        for line in &mut self.edits.draft {
                            line.status = status;
                        }
                    }
                }
            });
        });
        if let Some(error) = &self.save_error {
            style::error_text(ui, error);
        }
        ui.add_space(style::GAP);
        if self.lines.is_empty() {
            style::empty_state(
                ui,
                "📅",
                "No member districts on this date",
                "A district is on the sheet once its Letter of Commitment for the year was received.",
                |_| {},
            );
            return action;
        }
        self.table_ui(ui);
        action
    }

    fn table_ui(&mut self, ui: &mut Ui) {
        let mut table = TableBuilder::new(ui)
            .id_salt("attendance_sheet")
            .striped(true)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .auto_shrink([false, false])
            .column(Column::initial(190.0).at_least(120.0).clip(true))
            .column(Column::initial(290.0).at_least(250.0))
            .column(Column::initial(150.0).at_least(100.0))
            .column(Column::initial(80.0).at_least(60.0))
            .column(Column::remainder().at_least(120.0));
        if let Some(row) = self.scroll_to.take() {
            table = table.scroll_to_row(row, Some(egui::Align::Center));
        }
        let lines = &self.lines;
        let form_id = self.form_id;
        let draft = &mut self.edits.draft;
        table
            .header(style::HEADER_HEIGHT, |mut header| {
                for title in ["District", "Attendance", "Who came", "Minutes", "Note"] {
                    header.col(|ui| {
                        let label = ui.label(RichText::new(title).strong());
                        if title == "Minutes" {
                            label.on_hover_text(
                                "Time in the meeting, from a participant report: the most any of the district's people spent",
                            );
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(style::ROW_HEIGHT + 4.0, lines.len(), |mut row| {
                    let index = row.index();
                    let line = &lines[index];
                    let attendance = &mut draft[index];
                    row.col(|ui| {
                        let name = RichText::new(&line.district_name);
                        let label = ui.add(egui::Label::new(if line.member {
                            name
                        } else {
                            name.italics()
                        }));
                        if !line.member {
                            label.on_hover_text(
                                "Not a member on this date: its saved line is kept, not counted",
                            );
                        }
                    });
                    row.col(|ui| {
                        for status in AttendanceStatus::VARIANTS.iter().copied() {
                            let text = format!("{} {}", status.symbol(), status.label());
                            let selected = attendance.status == status;
                            let color = status_color(ui, status);
                            if ui
                                .add(style::status_toggle(ui, selected, text, color))
                                .on_hover_text(format!(
                                    "{}: {}",
                                    line.district_name,
                                    status.label()
                                ))
                                .clicked()
                            {
                                attendance.status = status;
                            }
                        }
                    });
                    row.col(|ui| people_menu_ui(ui, line, attendance));
                    row.col(|ui| minutes_ui(ui, line));
                    row.col(|ui| {
                        ui.add(
                            egui::TextEdit::singleline(&mut attendance.note)
                                .id(form_id.with(("note", line.district_id)))
                                .hint_text("Note")
                                .desired_width(ui.available_width()),
                        )
                        .on_hover_text(format!("Note for {}", line.district_name));
                    });
                });
            });
    }
}

impl RecordEditor for SheetEditor {
    fn has_unsaved_changes(&self) -> bool {
        self.edits.is_dirty()
    }

    fn title(&self) -> String {
        format!("the attendance sheet of {}", self.convening.fields.title)
    }

    fn cancel(&mut self) {
        self.edits.cancel();
        self.save_error = None;
    }

    fn is_new(&self) -> bool {
        false
    }
}

/// The line's minutes in the meeting, each person's on hover.
fn minutes_ui(ui: &mut Ui, line: &SheetLine) {
    let Some(minutes) = line.minutes else {
        style::muted(ui, "—");
        return;
    };
    let label = ui.label(format!("{minutes} min"));
    let people: Vec<String> = line
        .people
        .iter()
        .filter_map(|(id, name)| Some(format!("{name}: {} min", line.person_minutes.get(id)?)))
        .collect();
    if !people.is_empty() {
        label.on_hover_text(people.join("\n"));
    }
}

/// A menu of the district's contacts to tick who came.
fn people_menu_ui(ui: &mut Ui, line: &SheetLine, attendance: &mut Attendance) {
    let label = match attendance.people.len() {
        0 => "Nobody named".to_owned(),
        1 => "1 person".to_owned(),
        n => format!("{n} people"),
    };
    if line.people.is_empty() {
        style::muted(ui, "No contacts on file");
        return;
    }
    ui.menu_button(label, |ui| {
        for (id, name) in &line.people {
            let mut came = attendance.people.contains(id);
            let text = match line.person_minutes.get(id) {
                Some(minutes) => format!("{name} ({minutes} min)"),
                None => name.clone(),
            };
            if ui.checkbox(&mut came, text).changed() {
                if came {
                    attendance.people.insert(*id);
                    attendance.status = AttendanceStatus::Attended;
                } else {
                    attendance.people.remove(id);
                }
            }
        }
    })
    .response
    .on_hover_text(format!("Which of {}'s contacts came", line.district_name));
}

/// The colour of an attendance mark, always with its symbol.
pub fn status_color(ui: &Ui, status: AttendanceStatus) -> egui::Color32 {
    match status {
        AttendanceStatus::Attended => style::success_color(ui),
        AttendanceStatus::Absent => style::error_color(ui),
        AttendanceStatus::Excused => style::warning_color(ui),
    }
}

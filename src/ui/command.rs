//! What the user can ask for. `UiCommand` is an action with its label,
//! tooltip and keyboard shortcut defined once; `Command` is a change to the
//! data, gathered while drawing and run after the frame.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::section::Section;
use crate::domain::participants::ReportRules;
use crate::domain::{
    Attendance, AttendanceRules, ContactFields, ContactId, ConveningFields, ConveningId,
    DistrictFields, DistrictId, DocumentId, DocumentOwner, GrantFields, GrantId, GrantStatus,
    Letter, MembershipStatus, Money, SchoolYear,
};
use crate::store::{ChangeId, ReportAttendee, ReportRecord};

/// What Ctrl+Z does, said wherever it applies.
pub const UNDO_RULE: &str = "Undo the last saved change, wherever the cursor is. \
    While a form has unsaved typing, Ctrl+Z in its field undoes the typing instead.";

/// Actions offered by buttons, menus and keyboard shortcuts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    NewRecord,
    SaveRecord,
    CancelEdit,
    FocusSearch,
    SelectPrevious,
    SelectNext,
    OpenDatabase,
    Undo,
    Redo,
    ShowShortcuts,
    Export,
    GoTo(Section),
}

impl UiCommand {
    /// Every command that has a keyboard shortcut, in the order they are tried.
    pub fn all() -> impl Iterator<Item = Self> {
        [
            Self::NewRecord,
            Self::SaveRecord,
            Self::CancelEdit,
            Self::FocusSearch,
            Self::SelectPrevious,
            Self::SelectNext,
            Self::OpenDatabase,
            Self::ShowShortcuts,
            Self::Export,
            // Before Undo: Ctrl+Z would also match Ctrl+Shift+Z.
            Self::Redo,
            Self::Undo,
        ]
        .into_iter()
        .chain(Section::ALL.into_iter().map(Self::GoTo))
    }

    pub fn text(self) -> String {
        match self {
            Self::NewRecord => "New".to_owned(),
            Self::SaveRecord => "Save".to_owned(),
            Self::CancelEdit => "Cancel".to_owned(),
            Self::FocusSearch => "Search".to_owned(),
            Self::SelectPrevious => "Previous row".to_owned(),
            Self::SelectNext => "Next row".to_owned(),
            Self::OpenDatabase => "Open database…".to_owned(),
            Self::Undo => "Undo".to_owned(),
            Self::Redo => "Redo".to_owned(),
            Self::ShowShortcuts => "Keyboard shortcuts".to_owned(),
            Self::Export => "Export…".to_owned(),
            Self::GoTo(section) => section.label().to_owned(),
        }
    }

    pub fn tooltip(self) -> String {
        match self {
            Self::NewRecord => "Add a new one here: a district, a convening".to_owned(),
            Self::SaveRecord => "Save the changes in the form".to_owned(),
            Self::CancelEdit => {
                "Put the form back as it was saved; with nothing changed, close it".to_owned()
            }
            Self::FocusSearch => "Filter the table by what you type".to_owned(),
            Self::SelectPrevious => "Select the row above".to_owned(),
            Self::SelectNext => "Select the row below".to_owned(),
            Self::OpenDatabase => "Open another roster database file".to_owned(),
            Self::Undo => UNDO_RULE.to_owned(),
            Self::Redo => "Redo the change just undone".to_owned(),
            Self::ShowShortcuts => "Every keyboard shortcut of the app".to_owned(),
            Self::Export => {
                "Save what the table shows (its filter and sort) as an Excel or CSV file".to_owned()
            }
            Self::GoTo(section) => format!("Go to {}", section.label()),
        }
    }

    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| KeyboardShortcut::new(Modifiers::COMMAND, key);
        match self {
            Self::NewRecord => Some(command(Key::N)),
            Self::SaveRecord => Some(command(Key::S)),
            Self::CancelEdit => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
            Self::FocusSearch => Some(command(Key::F)),
            Self::SelectPrevious => Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowUp)),
            Self::SelectNext => Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowDown)),
            Self::OpenDatabase => Some(command(Key::O)),
            Self::Undo => Some(command(Key::Z)),
            Self::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Self::ShowShortcuts => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
            Self::Export => Some(command(Key::E)),
            Self::GoTo(section) => Some(command(section.shortcut_key())),
        }
    }

    /// Keys that a focused text field needs for itself: plain keys, and
    /// undo and redo while the form has unsaved typing (see [`UNDO_RULE`]).
    pub fn yields_to_text_field(self, unsaved_typing: bool) -> bool {
        let plain = self.shortcut().is_some_and(|s| s.modifiers.is_none())
            && !matches!(self, Self::CancelEdit);
        plain || (unsaved_typing && matches!(self, Self::Undo | Self::Redo))
    }

    /// The label with its shortcut, for tooltips: "Save (Ctrl+S)".
    pub fn tooltip_with_shortcut(self, ctx: &egui::Context) -> String {
        match self.shortcut() {
            Some(shortcut) => format!("{} ({})", self.tooltip(), ctx.format_shortcut(&shortcut)),
            None => self.tooltip(),
        }
    }

    /// A button showing the command's text, with its tooltip and shortcut.
    pub fn button(self, ui: &mut egui::Ui, enabled: bool) -> bool {
        let tooltip = self.tooltip_with_shortcut(ui.ctx());
        ui.add_enabled(enabled, egui::Button::new(self.text()))
            .on_hover_text(tooltip)
            .on_disabled_hover_text(self.tooltip())
            .clicked()
    }

    /// A menu entry showing the command's shortcut on the right.
    pub fn menu_item(self, ui: &mut egui::Ui) -> bool {
        let mut button = egui::Button::new(self.text());
        if let Some(shortcut) = self.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        ui.add(button).on_hover_text(self.tooltip()).clicked()
    }
}

/// A change to the data, applied after the frame that asked for it.
#[must_use]
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// `seen` (in every save of a record): the newest change when the
    /// form read the record; a save over a later change is refused.
    SaveDistrict {
        id: Option<DistrictId>,
        fields: DistrictFields,
        seen: ChangeId,
    },
    SetDistrictArchived {
        id: DistrictId,
        archived: bool,
    },
    DeleteDistrict(DistrictId),
    SaveContact {
        district: DistrictId,
        id: Option<ContactId>,
        fields: ContactFields,
        seen: ChangeId,
    },
    DeleteContact {
        district: DistrictId,
        id: ContactId,
    },
    AddKentuckyDistricts,
    /// Records a district's letter for a year with the given status.
    SaveLetter {
        district: DistrictId,
        year: SchoolYear,
        status: MembershipStatus,
        letter: Letter,
        seen: ChangeId,
    },
    /// Invites every district active in `from` for the year after.
    StartNextYear {
        from: SchoolYear,
    },
    SaveConvening {
        id: Option<ConveningId>,
        fields: ConveningFields,
        seen: ChangeId,
    },
    DeleteConvening(ConveningId),
    /// Replaces a convening's whole attendance sheet.
    SaveAttendanceSheet {
        convening: ConveningId,
        lines: Vec<Attendance>,
        seen: ChangeId,
    },
    SetAttendanceRules(AttendanceRules),
    SaveGrant {
        id: Option<GrantId>,
        status: GrantStatus,
        /// Boxed: the largest change, kept off the enum's common size.
        fields: Box<GrantFields>,
        seen: ChangeId,
    },
    SetGrantFund {
        year: SchoolYear,
        amount: Money,
    },
    SetDecisionDays(i64),
    /// Reverses the last change (of any section).
    Undo,
    Redo,
    /// One change chosen in History, undone on its own.
    UndoOne(i64),
    /// Records the people of a participant report the user confirmed.
    RecordReport {
        convening: ConveningId,
        attendees: Vec<ReportAttendee>,
        report: ReportRecord,
    },
    /// Keeps how participant reports are read.
    SetReportRules(ReportRules),
    /// Keeps files (chosen or dropped) on a record, as one change.
    AttachFiles {
        owner: DocumentOwner,
        paths: Vec<std::path::PathBuf>,
    },
    RemoveDocument(DocumentId),
    /// Lets go of the files no record keeps (and gives their space back).
    LetRemovedDocumentsGo,
    /// Fills a letter from a returned one the user reviewed, as one change.
    TakeInLetter(Box<crate::import::letter::LetterImport>),
    /// E-mail drafts for a list, written and logged on each district.
    WriteDrafts(Box<crate::export::drafts::DraftsRequest>),
    /// Drafts opened one by one in the mail program (`mailto:`), logged.
    LogDrafts(Vec<crate::store::ContactEntry>),
    /// Keeps a reworded e-mail template (the app's own text: back to it).
    SaveEmailTemplate(crate::domain::email::EmailTemplate),
    /// "Add to calendar": a convening's or the year's `.ics`.
    SaveCalendar {
        of: crate::export::calendar::CalendarOf,
        path: std::path::PathBuf,
    },
    SaveNetworkPerson {
        id: Option<crate::domain::NetworkPersonId>,
        fields: crate::domain::NetworkPersonFields,
    },
    DeleteNetworkPerson(crate::domain::NetworkPersonId),
    /// The year's map as a PNG or SVG picture.
    SaveMap {
        year: SchoolYear,
        colouring: crate::domain::reach::MapColouring,
        path: std::path::PathBuf,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_commands_share_a_shortcut() {
        let mut seen = std::collections::HashMap::new();
        for command in UiCommand::all() {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if let Some(other) = seen.insert((shortcut.modifiers, shortcut.logical_key), command) {
                panic!("{command:?} and {other:?} share a shortcut");
            }
        }
        assert!(seen.len() >= 7);
    }

    #[test]
    fn every_command_has_text_and_a_tooltip() {
        for command in UiCommand::all() {
            assert!(!command.text().is_empty(), "{command:?}");
            assert!(!command.tooltip().is_empty(), "{command:?}");
        }
    }
}

//! The one way a record is edited: a `RecordForm` holds the user's edits over the
//! stored record (`Edits`), what is wrong with them, which messages are
//! shown, why the last save failed, and the record's changes. Every
//! editor (district, letter, convening, grant) is a `RecordForm` plus what only
//! it needs; Save, Cancel, following the store and a vanished record work
//! the same in each.

mod edits;

use std::sync::atomic::{AtomicU64, Ordering};

use serde::Serialize;
use serde::de::DeserializeOwned;

pub use edits::{CHOOSE_FIRST, Edits, Followed};

use crate::domain::FieldErrors;
use crate::store::ChangeId;
use crate::store::history::HistoryEntry;
use crate::ui::style::ShownErrors;

/// A new id for a form's fields: `kind` and the record's id, or a fresh
/// number for a new record, so no two forms (and no two records) share the
/// state egui keeps for a text field (cursor, typing undo).
pub fn form_id(kind: &str, record: Option<i64>) -> egui::Id {
    static NEW_FORMS: AtomicU64 = AtomicU64::new(0);
    match record {
        Some(id) => egui::Id::unique((kind, id)),
        None => egui::Id::unique((kind, "new", NEW_FORMS.fetch_add(1, Ordering::Relaxed))),
    }
}

/// A record's form: `D` the draft as the fields hold it, `F` its fields.
pub struct RecordForm<D, F: Ord> {
    /// What its fields are known by (`form_id`).
    pub id: egui::Id,
    pub edits: Edits<D>,
    /// What is wrong with the draft, by field.
    pub errors: FieldErrors<F>,
    /// Which of `errors` the user has reached.
    pub shown: ShownErrors,
    /// Why the last save failed, shown beside Save.
    pub save_error: Option<String>,
    /// Every change to the record, newest first.
    pub changes: Vec<HistoryEntry>,
}

impl<D, F> RecordForm<D, F>
where
    D: Clone + PartialEq + Serialize + DeserializeOwned,
    F: Ord,
{
    /// The form of `stored`, read when `seen` was the newest change.
    pub fn new(id: egui::Id, stored: D, seen: ChangeId) -> Self {
        Self {
            id,
            edits: Edits::new(stored, seen),
            errors: FieldErrors::default(),
            shown: ShownErrors::default(),
            save_error: None,
            changes: Vec::new(),
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.edits.is_dirty()
    }

    /// Whether the user has changed the record or tried to save it: from
    /// then on, what stops a save is said.
    pub fn engaged(&self) -> bool {
        self.edits.is_dirty() || self.shown.any()
    }

    /// Puts the form back as last read, and clears what was said about it.
    pub fn cancel(&mut self) {
        self.edits.cancel();
        self.clear_messages();
    }

    pub fn clear_messages(&mut self) {
        self.errors = FieldErrors::default();
        self.shown.clear();
        self.save_error = None;
    }

    /// Follows the record as now stored (see `Edits::follow`); what was
    /// said about the old one goes when the form shows the new one.
    pub fn follow(&mut self, stored: D, latest: ChangeId, saved_here: bool) -> Followed {
        let followed = self.edits.follow(stored, latest, saved_here);
        if followed == Followed::Reloaded {
            self.clear_messages();
        }
        followed
    }

    /// Whether a save can be asked for: not while the user has to choose
    /// between their edits and a changed stored record (said beside Save),
    /// and not for a stored record without edits.
    pub fn ready_to_save(&mut self, is_new: bool) -> bool {
        if self.edits.has_conflict() {
            self.save_error = Some(CHOOSE_FIRST.to_owned());
            return false;
        }
        is_new || self.edits.is_dirty()
    }

    /// The checked record to save, or (`None`) every field's error shown.
    pub fn checked<T>(&mut self, checked: Result<T, FieldErrors<F>>) -> Option<T> {
        match checked {
            Ok(valid) => Some(valid),
            Err(errors) => {
                self.errors = errors;
                self.shown.show_all();
                None
            }
        }
    }

    /// The question over a form whose record changed under unsaved edits
    /// (see `Edits::conflict_ui`). `true` once answered: what was said is
    /// cleared, and the form checks its draft again.
    pub fn conflict_ui(&mut self, ui: &mut egui::Ui, what: &str) -> bool {
        let answered = self.edits.conflict_ui(ui, what);
        if answered {
            self.clear_messages();
        }
        answered
    }

    /// Keeps the draft's errors current as the user types.
    pub fn recheck<T>(&mut self, checked: Result<T, FieldErrors<F>>) {
        self.errors = checked.err().unwrap_or_default();
    }

    /// The record is gone (an undo removed it): the form becomes a new
    /// record's (`id`, over `empty`) with the user's draft, saying `why`.
    pub fn record_gone(&mut self, id: egui::Id, empty: D, why: &str) {
        let draft = self.edits.draft.clone();
        *self = Self::new(id, empty, ChangeId::default());
        self.edits.draft = draft;
        self.save_error = Some(why.to_owned());
    }
}

/// An open record editor, as the screen around it guards its edits.
pub trait RecordEditor {
    fn has_unsaved_changes(&self) -> bool;
    /// Names the record, for the "discard?" question.
    fn title(&self) -> String;
    /// A record not stored yet: discarding its edits closes its form.
    fn is_new(&self) -> bool;
    /// Puts the form back as the record is stored.
    fn cancel(&mut self);
}

/// What a screen asks of the editor it may have open.
pub trait OpenEditor {
    fn has_unsaved_changes(&self) -> bool;
    fn unsaved_title(&self) -> String;
    /// Drops the edits: a new record's form closes, another goes back to
    /// the stored record.
    fn discard_changes(&mut self);
}

impl<E: RecordEditor> OpenEditor for Option<E> {
    fn has_unsaved_changes(&self) -> bool {
        self.as_ref().is_some_and(E::has_unsaved_changes)
    }

    fn unsaved_title(&self) -> String {
        self.as_ref().map_or_else(String::new, E::title)
    }

    fn discard_changes(&mut self) {
        match self {
            Some(editor) if editor.is_new() => *self = None,
            Some(editor) => editor.cancel(),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
    enum Field {
        Name,
    }

    fn form(name: &str) -> RecordForm<String, Field> {
        RecordForm::new(form_id("test", Some(1)), name.to_owned(), ChangeId(1))
    }

    fn invalid() -> Result<(), FieldErrors<Field>> {
        let mut errors = FieldErrors::default();
        errors.add(Field::Name, "Enter a name.");
        Err(errors)
    }

    #[test]
    fn a_failed_save_shows_every_error_and_cancel_clears_them() {
        let mut form = form("Allen");
        form.edits.draft.clear();
        assert!(form.ready_to_save(false));
        assert_eq!(form.checked(invalid()), None);
        assert!(form.shown.shows("anything"));
        assert_eq!(form.errors.get(Field::Name), Some("Enter a name."));
        form.cancel();
        assert_eq!(form.edits.draft, "Allen");
        assert!(form.errors.is_empty() && !form.shown.any() && !form.is_dirty());
    }

    #[test]
    fn save_waits_for_the_users_choice_after_a_change_underneath() {
        let mut form = form("Allen");
        assert!(!form.ready_to_save(false), "nothing to save");
        assert!(form.ready_to_save(true), "a new record is saved as it is");
        form.edits.draft = "Allen County".into();
        assert_eq!(
            form.follow("Allen Co".into(), ChangeId(2), false),
            Followed::Conflict
        );
        assert!(!form.ready_to_save(false));
        assert_eq!(form.save_error.as_deref(), Some(CHOOSE_FIRST));
    }

    #[test]
    fn a_vanished_record_keeps_the_draft_as_a_new_one() {
        let mut form = form("Allen");
        form.edits.draft = "Allen County".into();
        form.record_gone(form_id("test", None), String::new(), "It was removed.");
        assert_eq!(form.edits.draft, "Allen County");
        assert_eq!(form.edits.base(), "");
        assert_eq!(form.edits.seen(), ChangeId::default());
        assert_eq!(form.save_error.as_deref(), Some("It was removed."));
    }
}

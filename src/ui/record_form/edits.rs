//! The user's edits over the record as last read from the store, kept in
//! step with the store after every change made anywhere (an undo, an
//! import, another form).
//!
//! After a change, a form without unsaved edits shows the stored record. A
//! form with unsaved edits whose record changed underneath says so and lets
//! the user keep their edits (merged over the stored record: fields they did
//! not touch take the stored values) or take the stored record. Until they
//! choose, Save is refused, and the store refuses a save from a form that
//! read its record before the last change to it (see `store::versions`).

use egui::{RichText, Ui};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::store::ChangeId;
use crate::ui::style;

/// What Save says while the user has not yet chosen between their edits and
/// the stored record.
pub const CHOOSE_FIRST: &str =
    "The stored record changed: keep your edits or take the stored version first.";

/// A form's draft over the record as it was read.
#[derive(Clone, Debug)]
pub struct Edits<D> {
    /// The record as last read from the store (as the form shows it).
    base: D,
    pub draft: D,
    /// The newest change when `base` was read.
    seen: ChangeId,
    /// The stored record, when it changed under unsaved edits.
    conflict: Option<(D, ChangeId)>,
}

/// What following the store did to a form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Followed {
    /// The record is as the form read it.
    Unchanged,
    /// The form had no unsaved edits (or they are what was stored): it now
    /// shows the stored record.
    Reloaded,
    /// The record changed under unsaved edits: the user chooses.
    Conflict,
}

impl<D: Clone + PartialEq + Serialize + DeserializeOwned> Edits<D> {
    pub fn new(stored: D, seen: ChangeId) -> Self {
        Self {
            draft: stored.clone(),
            base: stored,
            seen,
            conflict: None,
        }
    }

    /// The record as the form read it.
    pub fn base(&self) -> &D {
        &self.base
    }

    /// The newest change when the form read its record (sent with a save).
    pub fn seen(&self) -> ChangeId {
        self.seen
    }

    pub fn is_dirty(&self) -> bool {
        self.draft != self.base
    }

    pub fn has_conflict(&self) -> bool {
        self.conflict.is_some()
    }

    /// Puts the form back as last read: the stored record, if it changed.
    pub fn cancel(&mut self) {
        if let Some((stored, seen)) = self.conflict.take() {
            self.base = stored;
            self.seen = seen;
        }
        self.draft = self.base.clone();
    }

    /// Follows the record as the store now holds it (`latest` is the newest
    /// change). What the form shows is never replaced under unsaved edits,
    /// unless `saved_here`: the change was this form's own save (what is
    /// stored is the draft, as the store tidied it).
    pub fn follow(&mut self, stored: D, latest: ChangeId, saved_here: bool) -> Followed {
        if saved_here {
            *self = Self::new(stored, latest);
            return Followed::Reloaded;
        }
        if stored == self.base {
            self.seen = latest;
            self.conflict = None;
            return Followed::Unchanged;
        }
        if !self.is_dirty() || stored == self.draft {
            *self = Self::new(stored, latest);
            return Followed::Reloaded;
        }
        self.conflict = Some((stored, latest));
        Followed::Conflict
    }

    /// The fields the stored record changed since the form read it, as
    /// words ("notes", "received on"), for the question to the user.
    pub fn changed_underneath(&self) -> Vec<String> {
        let Some((stored, _)) = &self.conflict else {
            return Vec::new();
        };
        let (Ok(Value::Object(base)), Ok(Value::Object(stored))) = (
            serde_json::to_value(&self.base),
            serde_json::to_value(stored),
        ) else {
            return Vec::new();
        };
        stored
            .iter()
            .filter(|(key, value)| base.get(*key) != Some(value))
            .map(|(key, _)| key.replace('_', " "))
            .collect()
    }

    /// Keeps the user's edits over the stored record: the fields they
    /// changed keep their value, the others take the stored one.
    pub fn keep_mine(&mut self) {
        let Some((stored, seen)) = self.conflict.take() else {
            return;
        };
        self.draft = merge(&self.base, &self.draft, &stored).unwrap_or_else(|| self.draft.clone());
        self.base = stored;
        self.seen = seen;
    }

    /// Rewrites the record as read, the draft and any stored record in
    /// conflict alike (when the record's shape changes, e.g. the lines of a
    /// sheet).
    pub fn realign(&mut self, rewrite: impl Fn(&D) -> D) {
        self.base = rewrite(&self.base);
        self.draft = rewrite(&self.draft);
        if let Some((stored, _)) = &mut self.conflict {
            *stored = rewrite(stored);
        }
    }

    /// Drops the user's edits for the stored record.
    pub fn take_stored(&mut self) {
        self.cancel();
    }
}

/// Three-way merge of a record: each field the user changed from `base`
/// keeps the user's value; every other field takes `stored`'s. Records
/// nested in records are merged field by field too.
fn merge<D: Serialize + DeserializeOwned>(base: &D, mine: &D, stored: &D) -> Option<D> {
    let base = serde_json::to_value(base).ok()?;
    let mine = serde_json::to_value(mine).ok()?;
    let stored = serde_json::to_value(stored).ok()?;
    serde_json::from_value(merge_values(&base, mine, stored)).ok()
}

fn merge_values(base: &Value, mine: Value, stored: Value) -> Value {
    match (base, mine, stored) {
        (Value::Object(base), Value::Object(mut mine), Value::Object(stored)) => {
            for (key, stored_value) in stored {
                let merged = match (base.get(&key), mine.remove(&key)) {
                    (Some(base_value), Some(mine_value)) => {
                        merge_values(base_value, mine_value, stored_value)
                    }
                    (_, Some(mine_value)) => mine_value,
                    (_, None) => stored_value,
                };
                mine.insert(key, merged);
            }
            Value::Object(mine)
        }
        (base, mine, stored) => {
            if mine == *base {
                stored
            } else {
                mine
            }
        }
    }
}

impl<D: Clone + PartialEq + Serialize + DeserializeOwned> Edits<D> {
    /// The question above a form whose record (`what`) changed under
    /// unsaved edits; the user's answer is applied here. `true` once they
    /// answer: the form then clears its messages and checks itself again.
    pub fn conflict_ui(&mut self, ui: &mut Ui, what: &str) -> bool {
        if !self.has_conflict() {
            return false;
        }
        let mut answered = false;
        let color = style::warning_color(ui);
        egui::Frame::group(ui.style())
            .stroke(egui::Stroke::new(1.0, color))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.label(
                    RichText::new(format!("⚠ {what} was changed elsewhere"))
                        .strong()
                        .color(color),
                );
                let fields = self.changed_underneath();
                let what_changed = if fields.is_empty() {
                    String::new()
                } else {
                    format!(" (changed: {})", fields.join(", "))
                };
                ui.label(format!(
                    "An undo, a redo or an import changed the stored record{what_changed} while you had unsaved edits here."
                ));
                ui.horizontal_wrapped(|ui| {
                    if ui
                        .button("Keep my edits")
                        .on_hover_text(
                            "Your changes stay; the fields you did not touch take the stored values",
                        )
                        .clicked()
                    {
                        self.keep_mine();
                        answered = true;
                    }
                    if ui
                        .button("Take the stored version")
                        .on_hover_text("Drop your unsaved edits and show what is stored")
                        .clicked()
                    {
                        self.take_stored();
                        answered = true;
                    }
                });
            });
        ui.add_space(style::GAP / 2.0);
        answered
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Card {
        name: String,
        notes: String,
        inner: Inner,
    }

    #[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Inner {
        a: u32,
        b: u32,
    }

    fn card(name: &str, notes: &str, a: u32, b: u32) -> Card {
        Card {
            name: name.into(),
            notes: notes.into(),
            inner: Inner { a, b },
        }
    }

    #[test]
    fn a_form_without_edits_shows_the_stored_record() {
        let mut edits = Edits::new(card("Allen", "", 1, 1), ChangeId(1));
        let followed = edits.follow(card("Allen", "undone", 1, 1), ChangeId(2), false);
        assert_eq!(followed, Followed::Reloaded);
        assert_eq!(edits.draft.notes, "undone");
        assert_eq!(edits.seen(), ChangeId(2));
        assert!(!edits.is_dirty());
    }

    #[test]
    fn unsaved_edits_are_never_replaced_silently() {
        let mut edits = Edits::new(card("Allen", "note", 1, 1), ChangeId(1));
        edits.draft.name = "Allen County".into();
        edits.draft.inner.b = 5;
        let followed = edits.follow(card("Allen", "", 2, 1), ChangeId(3), false);
        assert_eq!(followed, Followed::Conflict);
        assert_eq!(edits.draft, card("Allen County", "note", 1, 5));
        assert_eq!(edits.seen(), ChangeId(1), "a save is still refused");

        assert_eq!(edits.changed_underneath(), ["inner", "notes"]);
        edits.keep_mine();
        assert_eq!(
            edits.draft,
            card("Allen County", "", 2, 5),
            "untouched fields take the stored values"
        );
        assert_eq!(edits.seen(), ChangeId(3));
        assert!(!edits.has_conflict());
    }

    #[test]
    fn taking_the_stored_record_drops_the_edits() {
        let mut edits = Edits::new(card("Allen", "note", 1, 1), ChangeId(1));
        edits.draft.notes = "mine".into();
        edits.follow(card("Allen", "theirs", 1, 1), ChangeId(2), false);
        edits.take_stored();
        assert_eq!(edits.draft, card("Allen", "theirs", 1, 1));
        assert!(!edits.is_dirty());
        assert_eq!(edits.seen(), ChangeId(2));
    }

    #[test]
    fn the_forms_own_save_is_followed_without_a_question() {
        let mut edits = Edits::new(card("Allen", "", 1, 1), ChangeId(1));
        edits.draft.notes = " saved ".into();
        let followed = edits.follow(card("Allen", "saved", 1, 1), ChangeId(2), true);
        assert_eq!(followed, Followed::Reloaded);
        assert_eq!(edits.draft.notes, "saved", "as the store tidied it");
        assert!(!edits.is_dirty());
    }
}

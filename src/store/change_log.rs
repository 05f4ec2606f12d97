//! What the change log keeps of one change: each row it touched, before
//! and after, and whether it was the user's change, an undo or a redo.

use serde_json::{Map, Value};

/// Columns that only keep time or help searching: not a change to a record.
pub(super) const BOOKKEEPING: [&str; 4] = ["created_at", "updated_at", "changed_at", "name_key"];

/// One row a change touched.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedRow {
    pub table: String,
    pub action: RowAction,
    pub key: Map<String, Value>,
    pub before: Option<Map<String, Value>>,
    pub after: Option<Map<String, Value>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowAction {
    Insert,
    Update,
    Delete,
}

impl LoggedRow {
    /// The fields whose values differ (all of them for an insert or delete).
    pub fn changed_fields(&self) -> Vec<String> {
        let empty = Map::new();
        let before = self.before.as_ref().unwrap_or(&empty);
        let after = self.after.as_ref().unwrap_or(&empty);
        let mut fields: Vec<String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| !BOOKKEEPING.contains(&k.as_str()))
            .filter(|k| before.get(*k) != after.get(*k))
            .cloned()
            .collect();
        fields.dedup();
        let mut seen = std::collections::HashSet::new();
        fields.retain(|f| seen.insert(f.clone()));
        fields
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangeKind {
    Change,
    Undo,
    Redo,
}

impl ChangeKind {
    /// As `change_set.kind` keeps it.
    pub fn code(self) -> &'static str {
        match self {
            Self::Change => "change",
            Self::Undo => "undo",
            Self::Redo => "redo",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Change, Self::Undo, Self::Redo]
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

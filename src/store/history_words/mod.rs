//! A change in the words the screens use: each record named as the user
//! knows it (a district, "Allen County's application to Iowa BIG"), each
//! field by its form label, money as "$1,100.00", statuses and dates as the
//! screens show them. Bookkeeping rows (status history, a letter's list of
//! contacts, who came to a convening) are folded into the change they
//! belong to; a bulk action is named as the user did it.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde_json::{Map, Value};

mod bulk;

use super::change_log::{ChangeKind, LoggedRow, RowAction};
use crate::domain::validate::display_date;
use crate::domain::{
    AttendanceStatus, Coded, ContactRole, ConveningKind, DistrictKind, GrantStatus,
    MembershipStatus, Money, NoticeBy, Purpose, SchoolYear, count,
};
use bulk::{bulk_action, details_only};

/// Tables whose rows only keep a record's detail: folded into its change.
pub(super) const BOOKKEEPING_TABLES: [&str; 5] = [
    "grant_status_change",
    "membership_status_change",
    "membership_contact",
    "attendance_person",
    "attendance_report",
];

/// Columns never worth a word (ids, timestamps, keys kept for searching).
const SILENT_COLUMNS: [&str; 6] = [
    "id",
    "created_at",
    "updated_at",
    "changed_at",
    "name_key",
    "archived_at",
];

/// The names records are known by, read once for a history.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub(super) districts: HashMap<i64, String>,
    pub(super) contacts: HashMap<i64, String>,
    pub(super) convenings: HashMap<i64, String>,
    /// "Adair County's letter for 2026-2027", "Adair County's application
    /// to Iowa BIG": what a kept document is on.
    pub(super) records: HashMap<(&'static str, i64), String>,
}

impl Names {
    /// What every district, contact and convening is called now.
    pub(super) fn read(conn: &rusqlite::Connection) -> rusqlite::Result<Self> {
        let map = |sql: &str| -> rusqlite::Result<HashMap<i64, String>> {
            conn.prepare_cached(sql)?
                .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
                .collect()
        };
        // A convening by its title and its day, as the screens write it.
        let convenings = conn
            .prepare_cached("SELECT id, title, held_on FROM convening")?
            .query_map([], |row| {
                let (title, held_on): (String, String) = (row.get(1)?, row.get(2)?);
                Ok((row.get(0)?, format!("{title} ({})", text_date(&held_on))))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut records = HashMap::new();
        let mut statement = conn.prepare_cached(
            "SELECT m.id, d.name, m.school_year FROM membership m
             JOIN district d ON d.id = m.district_id
             WHERE EXISTS (SELECT 1 FROM change_log l WHERE l.table_name = 'document')",
        )?;
        let letters = statement.query_map([], |row| {
            let (id, name, start): (i64, String, i32) = (row.get(0)?, row.get(1)?, row.get(2)?);
            let year = SchoolYear::starting(start)
                .map(|y| y.to_string())
                .unwrap_or_default();
            Ok((id, format!("{name}'s letter for {year}")))
        })?;
        for letter in letters {
            let (id, words) = letter?;
            records.insert(("membership", id), words);
        }
        let mut statement = conn.prepare_cached(
            "SELECT g.id, d.name, g.destination FROM grant_application g
             JOIN district d ON d.id = g.district_id
             WHERE EXISTS (SELECT 1 FROM change_log l WHERE l.table_name = 'document')",
        )?;
        let grants = statement.query_map([], |row| {
            let (id, name, destination): (i64, String, String) =
                (row.get(0)?, row.get(1)?, row.get(2)?);
            Ok((id, format!("{name}'s application to {destination}")))
        })?;
        for grant in grants {
            let (id, words) = grant?;
            records.insert(("grant", id), words);
        }
        Ok(Self {
            districts: map("SELECT id, name FROM district")?,
            contacts: map("SELECT id, name FROM contact")?,
            convenings,
            records,
        })
    }

    /// Adds what deleted records were called, from the rows of a change.
    pub(super) fn learn(&mut self, rows: &[LoggedRow]) {
        for row in rows {
            let (Some(fields), Some(id)) =
                (row.fields(), row.key.get("id").and_then(Value::as_i64))
            else {
                continue;
            };
            let text = |name: &str| fields.get(name).and_then(Value::as_str).map(str::to_owned);
            let names = match row.table.as_str() {
                "district" => &mut self.districts,
                "contact" => &mut self.contacts,
                "convening" => &mut self.convenings,
                _ => continue,
            };
            if let Some(name) = text("name").or_else(|| text("title")) {
                names.entry(id).or_insert(name);
            }
        }
    }

    fn name(map: &HashMap<i64, String>, id: Option<i64>) -> String {
        id.and_then(|id| map.get(&id).cloned())
            .unwrap_or_else(|| "a removed record".to_owned())
    }

    fn district(&self, fields: &Map<String, Value>) -> String {
        Self::name(&self.districts, int(fields, "district_id"))
    }
}

/// One field's change, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldWords {
    pub label: String,
    /// Empty when the field had no value.
    pub before: String,
    pub after: String,
}

/// One record a change touched, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordWords {
    /// "Added", "Changed" or "Deleted".
    pub verb: &'static str,
    /// "Allen County's application to Iowa BIG (Oct 6, 2025)".
    pub record: String,
    pub fields: Vec<FieldWords>,
}

impl LoggedRow {
    /// The row's fields as they stand (after, or before a delete).
    fn fields(&self) -> Option<&Map<String, Value>> {
        self.after.as_ref().or(self.before.as_ref())
    }

    /// The row as undoing it wrote it, read forwards: what was undone.
    fn reversed(&self) -> Self {
        Self {
            table: self.table.clone(),
            action: match self.action {
                RowAction::Insert => RowAction::Delete,
                RowAction::Delete => RowAction::Insert,
                RowAction::Update => RowAction::Update,
            },
            key: self.key.clone(),
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// Each record the change touched, bookkeeping rows folded away, the one
/// that names the change best first (a district before its contacts).
pub fn records_in_words(rows: &[LoggedRow], names: &Names) -> Vec<RecordWords> {
    const ORDER: [&str; 8] = [
        "district",
        "grant_application",
        "convening",
        "membership",
        "contact",
        "attendance",
        "grant_fund",
        "setting",
    ];
    let rank = |row: &&LoggedRow| {
        ORDER
            .iter()
            .position(|table| *table == row.table)
            .unwrap_or(ORDER.len())
    };
    let mut main: Vec<&LoggedRow> = rows
        .iter()
        .filter(|row| !BOOKKEEPING_TABLES.contains(&row.table.as_str()))
        .collect();
    main.sort_by_key(rank);
    main.into_iter()
        .filter_map(|row| record_words(row, names))
        .collect()
}

/// The line the History lists for a change: "Changed Allen County's
/// application to Iowa BIG (Oct 6, 2025): Status Under review → Awarded,
/// Awarded $1,100.00", "Added 171 districts", "Undid: deleted district …".
pub fn summary_in_words(kind: ChangeKind, rows: &[LoggedRow], names: &Names) -> String {
    match kind {
        ChangeKind::Change => forwards(rows, names),
        ChangeKind::Redo => format!("Redid: {}", lower_first(&forwards(rows, names))),
        ChangeKind::Undo => {
            let undone: Vec<LoggedRow> = rows.iter().map(LoggedRow::reversed).collect();
            format!("Undid: {}", lower_first(&forwards(&undone, names)))
        }
    }
}

fn forwards(rows: &[LoggedRow], names: &Names) -> String {
    if let Some(report) = report_import(rows, names) {
        return report;
    }
    let records = records_in_words(rows, names);
    let Some(first) = records.first() else {
        return details_only(rows).unwrap_or_else(|| "No change".to_owned());
    };
    // Settings are few and short: each is named.
    if records.iter().all(|r| r.verb == "Set") {
        let each: Vec<&str> = records.iter().map(|r| r.record.as_str()).collect();
        return format!("Set {}", each.join(", "));
    }
    if records.iter().all(|r| matches!(r.verb, "Set" | "Reset")) {
        let each: Vec<String> = records
            .iter()
            .map(|r| format!("{} {}", r.verb, r.record))
            .collect();
        return each.join("; ");
    }
    if let Some(sheet) = attendance_sheet(rows, names) {
        return sheet;
    }
    if let Some(bulk) = bulk_action(rows) {
        return bulk;
    }
    let mut text = format!("{} {}", first.verb, first.record);
    if first.verb == "Changed" && !first.fields.is_empty() && first.fields.len() <= 3 {
        let fields: Vec<String> = first
            .fields
            .iter()
            .map(FieldWords::short_sentence)
            .collect();
        text.push_str(&format!(": {}", fields.join(", ")));
    }
    let more = records.len() - 1;
    if more > 0 {
        text.push_str(&format!(
            " and {}",
            count(more, "more record", "more records")
        ));
    }
    text
}

/// A participant report recorded: "Imported zoom.csv into Fall convening
/// (Sep 12, 2026): 6 districts".
fn report_import(rows: &[LoggedRow], names: &Names) -> Option<String> {
    let report = rows
        .iter()
        .find(|row| row.table == "attendance_report" && row.action == RowAction::Insert)?;
    let fields = report.fields()?;
    let convening = Names::name(&names.convenings, int(fields, "convening_id"));
    let file = fields
        .get("file_name")
        .and_then(Value::as_str)
        .filter(|f| !f.is_empty())
        .unwrap_or("a participant report");
    let districts = rows
        .iter()
        .filter(|row| row.table == "attendance" && row.action != RowAction::Delete)
        .count();
    Some(format!(
        "Imported {file} into {convening}: {}",
        count(districts, "district marked", "districts marked")
    ))
}

/// A convening's attendance saved at once, named by the convening:
/// "Recorded attendance at September call (Sep 10, 2025): 12 attended, 3 absent".
fn attendance_sheet(rows: &[LoggedRow], names: &Names) -> Option<String> {
    let lines: Vec<&LoggedRow> = rows
        .iter()
        .filter(|row| !BOOKKEEPING_TABLES.contains(&row.table.as_str()))
        .collect();
    if lines.len() < 2 || lines.iter().any(|row| row.table != "attendance") {
        return None;
    }
    let convening = |row: &&LoggedRow| row.fields().map(|f| int(f, "convening_id"));
    let first = convening(&lines[0])?;
    if lines.iter().any(|row| convening(row) != Some(first)) {
        return None;
    }
    let status_count = |status: &str| {
        lines
            .iter()
            .filter(|row| row.action != RowAction::Delete)
            .filter(|row| {
                row.after
                    .as_ref()
                    .and_then(|f| f.get("status"))
                    .and_then(Value::as_str)
                    == Some(status)
            })
            .count()
    };
    let mut parts: Vec<String> = [
        ("attended", status_count("attended")),
        ("absent", status_count("absent")),
        ("excused", status_count("excused")),
    ]
    .into_iter()
    .filter(|(_, n)| *n > 0)
    .map(|(word, n)| format!("{n} {word}"))
    .collect();
    let removed = lines
        .iter()
        .filter(|row| row.action == RowAction::Delete)
        .count();
    if removed > 0 {
        parts.push(count(removed, "line removed", "lines removed"));
    }
    Some(format!(
        "Recorded attendance at {}: {}",
        Names::name(&names.convenings, first),
        parts.join(", ")
    ))
}

/// "district" / "districts" for a table's records.
pub(super) fn kind_of_record(table: &str) -> (&'static str, &'static str) {
    match table {
        "district" => ("district", "districts"),
        "contact" => ("contact", "contacts"),
        "membership" => ("letter", "letters"),
        "convening" => ("convening", "convenings"),
        "attendance" => ("attendance line", "attendance lines"),
        "grant_application" => ("application", "applications"),
        "grant_fund" => ("fund", "funds"),
        "setting" => ("setting", "settings"),
        "document" => ("document", "documents"),
        "contact_log" => ("message", "messages"),
        "network_person" => ("person of the network", "people of the network"),
        "email_template" => ("e-mail template", "e-mail templates"),
        _ => ("record", "records"),
    }
}

fn record_words(row: &LoggedRow, names: &Names) -> Option<RecordWords> {
    let fields = row.fields()?;
    if row.table == "setting" {
        let value =
            |map: &Option<Map<String, Value>>| map.as_ref().map(|m| m.get("value").cloned());
        if row.action == RowAction::Update && value(&row.before) == value(&row.after) {
            return None;
        }
        // Rules are written whole: a first write of a default changes nothing.
        if row.action == RowAction::Insert && is_default_setting(fields) {
            return None;
        }
        return Some(setting_words(row.action, fields));
    }
    let verb = match row.action {
        RowAction::Insert => "Added",
        RowAction::Update => "Changed",
        RowAction::Delete => "Deleted",
    };
    let record = record_name(&row.table, fields, names);
    let changed = match row.action {
        RowAction::Update => changed_fields(row, names),
        RowAction::Insert | RowAction::Delete => Vec::new(),
    };
    if row.action == RowAction::Update && changed.is_empty() {
        return None;
    }
    Some(RecordWords {
        verb,
        record,
        fields: changed,
    })
}

fn is_default_setting(fields: &Map<String, Value>) -> bool {
    let text = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or_default();
    super::settings::setting_of_key(text("key"))
        .is_some_and(|setting| setting.stored_value_shown(text("value")) == setting.default_shown())
}

/// A setting as the Settings section names it: "Set Decide applications
/// within to 14 days", "Reset Flag districts under to its default".
fn setting_words(action: RowAction, fields: &Map<String, Value>) -> RecordWords {
    let text = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or_default();
    let (label, value) = match super::settings::setting_of_key(text("key")) {
        Some(setting) => (
            setting.label().to_owned(),
            setting.stored_value_shown(text("value")),
        ),
        None => (
            text("key").replace(['_', '.'], " "),
            text("value").to_owned(),
        ),
    };
    match action {
        RowAction::Delete => RecordWords {
            verb: "Reset",
            record: format!("{label} to its default"),
            fields: Vec::new(),
        },
        RowAction::Insert | RowAction::Update => RecordWords {
            verb: "Set",
            record: format!("{label} to {value}"),
            fields: Vec::new(),
        },
    }
}

/// How the user knows the record.
fn record_name(table: &str, fields: &Map<String, Value>, names: &Names) -> String {
    let text = |name: &str| {
        fields
            .get(name)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let date = |name: &str| text_date(&text(name));
    let year = || school_year(fields).map_or_else(String::new, |y| y.to_string());
    match table {
        "district" => format!("district {}", text("name")),
        "contact" => format!("contact {} ({})", text("name"), names.district(fields)),
        "membership" => format!("{}'s letter for {}", names.district(fields), year()),
        "grant_application" => format!(
            "{}'s application to {} ({})",
            names.district(fields),
            text("destination"),
            date("travel_start")
        ),
        "convening" => format!("convening {} ({})", text("title"), date("held_on")),
        "attendance" => format!(
            "{}'s attendance at {}",
            names.district(fields),
            Names::name(&names.convenings, int(fields, "convening_id"))
        ),
        "grant_fund" => format!("the Travel Fund for {}", year()),
        "setting" => format!("setting “{}”", text("key").replace('_', " ")),
        "contact_log" => format!(
            "message “{}” to {}",
            text("subject"),
            names.district(fields)
        ),
        "network_person" => format!("{} of the network", text("name")),
        "email_template" => format!(
            "the e-mail template “{}”",
            crate::domain::email::TemplateName::from_key(&text("name"))
                .map_or_else(|| text("name"), |t| t.label().to_owned())
        ),
        "document" => {
            let on = if fields.get("district_id").is_some_and(|v| !v.is_null()) {
                format!(" on {}", names.district(fields))
            } else if let Some(id) = int(fields, "membership_id") {
                names
                    .records
                    .get(&("membership", id))
                    .map_or_else(|| " on a letter".to_owned(), |r| format!(" on {r}"))
            } else {
                int(fields, "grant_id")
                    .and_then(|id| names.records.get(&("grant", id)))
                    .map_or_else(
                        || " on a grant application".to_owned(),
                        |r| format!(" on {r}"),
                    )
            };
            format!("document “{}”{on}", text("name"))
        }
        other => other.replace('_', " "),
    }
}

fn changed_fields(row: &LoggedRow, names: &Names) -> Vec<FieldWords> {
    let empty = Map::new();
    let before = row.before.as_ref().unwrap_or(&empty);
    let after = row.after.as_ref().unwrap_or(&empty);
    let mut fields: Vec<FieldWords> = row
        .changed_fields()
        .iter()
        .filter(|column| !SILENT_COLUMNS.contains(&column.as_str()))
        .map(|column| FieldWords {
            label: label(&row.table, column),
            before: value_words(&row.table, column, before.get(column), names),
            after: value_words(&row.table, column, after.get(column), names),
        })
        .collect();
    // A move of status says the most: it comes first.
    fields.sort_by_key(|field| field.label != "Status");
    fields
}

impl FieldWords {
    /// "Status Under review → Awarded", "Awarded $1,100.00", "Notes cleared".
    /// "Plans A → B", every word of both.
    pub fn sentence(&self) -> String {
        self.said(&|text: &str| text.to_owned())
    }

    /// The sentence on one short line, for a change's summary: a long value
    /// (reflections pasted whole) is cut, its lines joined.
    pub fn short_sentence(&self) -> String {
        self.said(&|text: &str| {
            let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
            if line.chars().count() > 60 {
                format!("{}…", line.chars().take(59).collect::<String>())
            } else {
                line
            }
        })
    }

    fn said(&self, short: &dyn Fn(&str) -> String) -> String {
        match (self.before.is_empty(), self.after.is_empty()) {
            (true, false) => format!("{} {}", self.label, short(&self.after)),
            (false, true) => format!("{} cleared", self.label),
            _ => format!(
                "{} {} → {}",
                self.label,
                short(&self.before),
                short(&self.after)
            ),
        }
    }
}

/// A column by its form label.
fn label(table: &str, column: &str) -> String {
    let known = match (table, column) {
        (_, "kde_number") => "KDE number",
        (_, "nces_id") => "NCES LEA ID",
        (_, "email_domain") => "Email domain",
        (_, "district_id") => "District",
        (_, "school_year") => "School year",
        (_, "superintendent_id") => "Superintendent",
        (_, "applicant_id") => "Applicant",
        (_, "report_convening_id") => "At convening",
        (_, "convening_id") => "Convening",
        (_, "contact_id") => "Contact",
        ("convening", "held_on") => "Date",
        ("convening", "location") => "Location or link",
        ("district", "kind") => "Type",
        ("grant_application", "travel_start") => "Travel starts",
        ("grant_application", "travel_end") => "Travel ends",
        ("grant_application", "report_on") => "Shared on",
        ("grant_application", "decline_reason") => "Reason declined",
        ("grant_application", "override_reason") => "Reason to accept anyway",
        ("grant_fund", "amount_cents") => "Fund",
        ("membership", "terminated_by") => "Notice given by",
        ("membership", "termination_reason") => "Reason",
        ("membership", "kde_signatory") => "KDE signatory",
        ("membership", "kde_signed_on") => "KDE signed on",
        _ => "",
    };
    if !known.is_empty() {
        return known.to_owned();
    }
    let words = column
        .trim_end_matches("_cents")
        .trim_start_matches("idea_")
        .trim_start_matches("area_")
        .replace('_', " ");
    capitalized(&words)
}

/// A stored value as the screens show it ("" when there is none).
fn value_words(table: &str, column: &str, value: Option<&Value>, names: &Names) -> String {
    let Some(value) = value.filter(|v| !v.is_null()) else {
        return String::new();
    };
    let id = value.as_i64();
    if column.ends_with("_cents") {
        return id
            .and_then(Money::from_cents)
            .map_or_else(|| value.to_string(), |m| m.to_string());
    }
    match column {
        "district_id" => return Names::name(&names.districts, id),
        "superintendent_id" | "applicant_id" | "contact_id" => {
            return Names::name(&names.contacts, id);
        }
        "convening_id" | "report_convening_id" => return Names::name(&names.convenings, id),
        "school_year" => {
            return id
                .and_then(|y| SchoolYear::starting(i32::try_from(y).ok()?))
                .map_or_else(|| value.to_string(), |y| y.to_string());
        }
        _ => {}
    }
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Bool(on) => yes_no(*on),
        Value::Number(n) if is_flag(column) => yes_no(n.as_i64() == Some(1)),
        other => other.to_string(),
    };
    if column.ends_with("_on") || matches!(column, "travel_start" | "travel_end") {
        return text_date(&text);
    }
    coded_label(table, column, &text).unwrap_or(text)
}

/// A code's label, for the columns that keep one.
fn coded_label(table: &str, column: &str, code: &str) -> Option<String> {
    fn of<T: Coded>(code: &str, label: fn(T) -> &'static str) -> Option<String> {
        T::from_code(code).map(|t| label(t).to_owned())
    }
    match (table, column) {
        ("grant_application", "status") => of(code, GrantStatus::label),
        ("membership", "status") => of(code, MembershipStatus::label),
        ("attendance", "status") => of(code, AttendanceStatus::label),
        ("convening", "kind") => of(code, ConveningKind::label),
        ("district", "kind") => of(code, DistrictKind::label),
        ("contact", "role") => of(code, ContactRole::label),
        ("grant_application", "purpose") => of(code, Purpose::label),
        ("membership", "terminated_by") => of(code, NoticeBy::label),
        _ => None,
    }
}

fn is_flag(column: &str) -> bool {
    column == "active" || column.starts_with("idea_") || column.starts_with("area_")
}

fn yes_no(on: bool) -> String {
    if on { "Yes" } else { "No" }.to_owned()
}

fn text_date(text: &str) -> String {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_or_else(|_| text.to_owned(), display_date)
}

fn int(fields: &Map<String, Value>, name: &str) -> Option<i64> {
    fields.get(name).and_then(Value::as_i64)
}

pub(super) fn school_year(fields: &Map<String, Value>) -> Option<SchoolYear> {
    SchoolYear::starting(i32::try_from(int(fields, "school_year")?).ok()?)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_lowercase().chain(chars).collect())
        .unwrap_or_default()
}

pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

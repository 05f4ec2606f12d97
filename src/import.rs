//! Importing districts and their people from someone's spreadsheet, the
//! app's own exports included: which column is which (guessed from the
//! headings, changeable), what each row would do (add, update a district on
//! the roster field by field, or nothing), and why a row cannot be
//! imported, naming its row and column.
//!
//! A blank cell never erases what is stored unless the user asks for it
//! (`ImportOptions::blanks_clear`); a row whose name and number point at
//! different districts is never a silent rename.

use std::collections::HashMap;

use crate::domain::district::name_key;
use crate::domain::{
    Contact, ContactDraft, ContactFields, ContactRole, Cooperative, DistrictDraft, DistrictFields,
    DistrictId, DistrictKind,
};
use crate::io::spreadsheet::{RawRow, RawTable};
use crate::store::{ContactImport, DistrictListItem, ImportAction};

/// A field a column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    Name,
    KdeNumber,
    NcesId,
    County,
    Kind,
    Cooperative,
    EmailDomain,
    Notes,
    ContactName,
    ContactTitle,
    ContactEmail,
    ContactPhone,
    ContactRole,
    ContactActive,
    /// The names of the district's superintendents, separated by "; ".
    Superintendents,
    SuperintendentEmails,
    /// The names of its points of contact, separated by "; ".
    PointsOfContact,
    PointOfContactEmails,
}

impl Field {
    pub const ALL: [Self; 18] = [
        Self::Name,
        Self::KdeNumber,
        Self::NcesId,
        Self::County,
        Self::Kind,
        Self::Cooperative,
        Self::EmailDomain,
        Self::Notes,
        Self::ContactName,
        Self::ContactTitle,
        Self::ContactEmail,
        Self::ContactPhone,
        Self::ContactRole,
        Self::ContactActive,
        Self::Superintendents,
        Self::SuperintendentEmails,
        Self::PointsOfContact,
        Self::PointOfContactEmails,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "District name",
            Self::KdeNumber => "KDE number",
            Self::NcesId => "NCES LEA ID",
            Self::County => "County",
            Self::Kind => "Type",
            Self::Cooperative => "Cooperative",
            Self::EmailDomain => "Email domain",
            Self::Notes => "Notes",
            Self::ContactName => "Contact name",
            Self::ContactTitle => "Contact title",
            Self::ContactEmail => "Contact email",
            Self::ContactPhone => "Contact phone",
            Self::ContactRole => "Contact role",
            Self::ContactActive => "Contact active",
            Self::Superintendents => "Superintendents",
            Self::SuperintendentEmails => "Superintendent emails",
            Self::PointsOfContact => "Points of contact",
            Self::PointOfContactEmails => "Point of contact emails",
        }
    }

    /// Headings people and other programs use for this field (the app's own
    /// exports' among them).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Self::Name => &[
                "district",
                "district name",
                "district_name",
                "name",
                "lea name",
                "lea_name",
            ],
            Self::KdeNumber => &[
                "kde #",
                "number",
                "kde number",
                "kde",
                "kde_dist_number",
                "kde district number",
                "district number",
                "dist no",
            ],
            Self::NcesId => &[
                "nces lea id",
                "nces id",
                "nces_leaid",
                "leaid",
                "lea id",
                "nces",
            ],
            Self::County => &["county", "county name"],
            Self::Kind => &["type", "district type", "district_type", "kind"],
            Self::Cooperative => &[
                "co-op",
                "coop",
                "cooperative",
                "coop_2016_17",
                "educational cooperative",
            ],
            Self::EmailDomain => &["email domain", "domain", "email_domain"],
            Self::Notes => &["notes", "note", "comments"],
            // "Name" is a person's once a column names the district.
            Self::ContactName => &["contact", "contact name", "person", "full name", "name"],
            Self::ContactTitle => &["title", "contact title", "position", "job title"],
            Self::ContactEmail => &["email", "contact email", "e-mail", "email address"],
            Self::ContactPhone => &["phone", "contact phone", "telephone", "phone number"],
            Self::ContactRole => &["role", "contact role"],
            Self::ContactActive => &["active", "contact active"],
            Self::Superintendents => &["superintendent", "superintendents", "superintendent name"],
            Self::SuperintendentEmails => &["superintendent email", "superintendent emails"],
            Self::PointsOfContact => &[
                "points of contact",
                "point of contact name",
                "point of contact",
                "iln point of contact",
                "poc",
                "pocs",
            ],
            Self::PointOfContactEmails => &[
                "point of contact emails",
                "point of contact email",
                "poc email",
                "poc emails",
            ],
        }
    }

    pub fn is_contact(self) -> bool {
        !matches!(
            self,
            Self::Name
                | Self::KdeNumber
                | Self::NcesId
                | Self::County
                | Self::Kind
                | Self::Cooperative
                | Self::EmailDomain
                | Self::Notes
        )
    }
}

/// A heading reduced to what it means, so that people's spellings meet:
/// case, punctuation and word order do not count, and the abbreviations
/// people write are read as the words they stand for ("Supt. E-mail" and
/// "superintendent email" are one heading; "KDE #", "KDE No." and "KDE
/// Number" another).
pub fn canonical_heading(heading: &str) -> String {
    let lower = heading.trim().to_lowercase().replace("e-mail", "email");
    let spaced: String = lower
        .chars()
        .map(|c| match c {
            '#' => ' ',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    let mut words: Vec<&str> = spaced.split_whitespace().collect();
    if lower.contains('#') {
        words.push("number");
    }
    // "co-op" is one word.
    if let Some(at) = words.windows(2).position(|w| w == ["co", "op"]) {
        words.splice(at..at + 2, ["coop"]);
    }
    let mut words: Vec<&str> = words
        .into_iter()
        .map(|word| match word {
            "no" | "num" | "nbr" | "nr" | "numbers" => "number",
            "dist" | "districts" => "district",
            "supt" | "supts" | "sup" | "superintendents" => "superintendent",
            "pocs" => "poc",
            "emails" | "mail" => "email",
            "tel" | "telephone" | "phones" => "phone",
            "leaid" => "nces",
            "notes" | "comment" | "comments" => "note",
            "cooperative" | "cooperatives" => "coop",
            "points" => "point",
            "contacts" => "contact",
            other => other,
        })
        .collect();
    // "Point of contact" is a POC; "NCES LEA ID" and "LEA ID" are the NCES ID.
    if words.contains(&"point") && words.contains(&"contact") {
        words.retain(|w| !matches!(*w, "point" | "contact" | "of"));
        words.push("poc");
    }
    if words.contains(&"nces") || (words.contains(&"lea") && words.contains(&"id")) {
        words.retain(|w| !matches!(*w, "lea" | "id"));
        words.push("nces");
    }
    words.retain(|w| !matches!(*w, "of" | "the" | "address"));
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// Every field's headings, made canonical once.
static CANONICAL_ALIASES: std::sync::LazyLock<Vec<(Field, String)>> =
    std::sync::LazyLock::new(|| {
        Field::ALL
            .iter()
            .flat_map(|field| {
                field
                    .aliases()
                    .iter()
                    .map(|alias| (*field, canonical_heading(alias)))
            })
            .collect()
    });

impl Field {
    /// Whether `canonical` (a `canonical_heading`) is one of this field's.
    fn is_named(self, canonical: &str) -> bool {
        CANONICAL_ALIASES
            .iter()
            .any(|(field, alias)| *field == self && alias == canonical)
    }
}

/// Whether a heading names any field (used to find the header row).
pub fn is_known_heading(heading: &str) -> bool {
    let canonical = canonical_heading(heading);
    !canonical.is_empty() && Field::ALL.iter().any(|f| f.is_named(&canonical))
}

/// For each column of the table, the field it fills, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping(pub Vec<Option<Field>>);

impl Mapping {
    /// Guesses from the headings; each field is given to one column at most.
    pub fn guess(headers: &[String]) -> Self {
        let mut taken = Vec::new();
        let columns = headers
            .iter()
            .map(|heading| {
                let canonical = canonical_heading(heading);
                let field = Field::ALL
                    .into_iter()
                    .find(|f| !taken.contains(f) && f.is_named(&canonical));
                taken.extend(field);
                field
            })
            .collect();
        Self(columns)
    }

    fn column_of(&self, field: Field) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }

    /// What is missing for an import to make sense.
    pub fn problem(&self) -> Option<String> {
        if self.column_of(Field::Name).is_none() {
            return Some("Choose the column with the district's name.".to_owned());
        }
        let repeated = Field::ALL
            .into_iter()
            .find(|f| self.0.iter().filter(|c| **c == Some(*f)).count() > 1);
        repeated.map(|f| format!("Two columns are set to “{}”; keep one.", f.label()))
    }
}

/// How the file's cells are taken.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ImportOptions {
    /// A blank cell clears the field (by default it leaves what is stored).
    pub blanks_clear: bool,
}

/// A field an update changes, with its value before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub before: String,
    pub after: String,
}

/// A person a row adds to a district, or changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContactChange {
    Add(ContactFields),
    Update {
        id: crate::domain::ContactId,
        name: String,
        changes: Vec<FieldChange>,
        fields: ContactFields,
    },
}

/// What a row of the file will do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A district not yet on the roster.
    New {
        fields: DistrictFields,
        contacts: Vec<ContactFields>,
    },
    /// A district already on the roster (same NCES ID, KDE number or name).
    Existing {
        id: DistrictId,
        name: String,
        /// What it would become: the roster's values, with the file's on top.
        fields: DistrictFields,
        changes: Vec<FieldChange>,
        contacts: Vec<ContactChange>,
        /// Why the user must decide before it is imported (a rename by its
        /// number): such a row is left unticked.
        caution: Option<String>,
    },
    /// Another row of a district an earlier row has (a contacts file has a
    /// row per person): its people are imported with that row.
    WithRow(usize),
    /// Cannot be imported; each message names the column.
    Invalid(Vec<String>),
}

impl Outcome {
    /// Whether importing the row would change anything.
    pub fn changes_anything(&self) -> bool {
        match self {
            Self::New { .. } => true,
            Self::Existing {
                changes, contacts, ..
            } => !changes.is_empty() || !contacts.is_empty(),
            Self::WithRow(_) | Self::Invalid(_) => false,
        }
    }

    /// The district the row is about, when it is one.
    pub fn district_name(&self) -> Option<&str> {
        match self {
            Self::New { fields, .. } => Some(&fields.name),
            Self::Existing { name, .. } => Some(name),
            Self::WithRow(_) | Self::Invalid(_) => None,
        }
    }

    /// What the row does, in words: "Adds the district in Allen County;
    /// adds contact Pat Doe", "Changes County: Allen ➡ Allen Co.".
    pub fn describe(&self) -> String {
        match self {
            Self::New { fields, contacts } => {
                let county = if fields.county.is_empty() {
                    String::new()
                } else {
                    format!(" in {} County", fields.county)
                };
                let mut text = format!("Adds the district{county}");
                for contact in contacts {
                    text.push_str(&format!("; adds {} {}", contact.role.label(), contact.name));
                }
                text
            }
            Self::Existing {
                changes,
                contacts,
                caution,
                ..
            } => {
                let mut parts: Vec<String> = Vec::new();
                if let Some(caution) = caution {
                    parts.push(format!("⚠ {caution}"));
                }
                parts.extend(changes.iter().map(change_text));
                for contact in contacts {
                    parts.push(match contact {
                        ContactChange::Add(fields) => {
                            format!("adds {} {}", fields.role.label(), fields.name)
                        }
                        ContactChange::Update { name, changes, .. } => format!(
                            "{name}: {}",
                            changes
                                .iter()
                                .map(change_text)
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    });
                }
                if parts.is_empty() {
                    "Already on the roster as it is".to_owned()
                } else {
                    parts.join("; ")
                }
            }
            Self::WithRow(row) => format!("Its people are taken with row {row}"),
            Self::Invalid(messages) => sentence(&messages.join("; ")),
        }
    }

    fn fields(&self) -> Option<&DistrictFields> {
        match self {
            Self::New { fields, .. } | Self::Existing { fields, .. } => Some(fields),
            Self::WithRow(_) | Self::Invalid(_) => None,
        }
    }

    /// Takes a later row's people into this (the first) row of the district.
    /// Takes the people of a later row of the same district. A person
    /// written twice must be written the same way: otherwise the later row
    /// is refused (which of the two is right is the user's to say).
    fn take_people_of(&mut self, later: Outcome) -> Result<(), String> {
        let later_people: Vec<ContactChange> = match later {
            Self::New { contacts, .. } => contacts.into_iter().map(ContactChange::Add).collect(),
            Self::Existing { contacts, .. } => contacts,
            Self::WithRow(_) | Self::Invalid(_) => Vec::new(),
        };
        let earlier_people: Vec<ContactChange> = match &*self {
            Self::New { contacts, .. } => {
                contacts.iter().cloned().map(ContactChange::Add).collect()
            }
            Self::Existing { contacts, .. } => contacts.clone(),
            Self::WithRow(_) | Self::Invalid(_) => Vec::new(),
        };
        let mut new_people = Vec::new();
        for person in later_people {
            match earlier_people.iter().find(|e| e.is_same_person(&person)) {
                Some(earlier) => {
                    let differences = contact_changes(earlier.fields(), person.fields());
                    if !differences.is_empty() {
                        return Err(format!(
                            "{} is on an earlier row with other details ({}): keep one row for them",
                            person.fields().name,
                            differences
                                .iter()
                                .map(|c| format!(
                                    "{} {} or {}",
                                    c.field,
                                    shown(&c.before),
                                    shown(&c.after)
                                ))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ));
                    }
                }
                None => new_people.push(person),
            }
        }
        for person in new_people {
            match (&mut *self, person) {
                (Self::New { contacts, .. }, ContactChange::Add(fields)) => contacts.push(fields),
                (Self::Existing { contacts, .. }, person) => contacts.push(person),
                _ => {}
            }
        }
        Ok(())
    }
}

impl ContactChange {
    /// The person as the import would leave them.
    fn fields(&self) -> &ContactFields {
        match self {
            Self::Add(fields) | Self::Update { fields, .. } => fields,
        }
    }

    fn is_same_person(&self, other: &Self) -> bool {
        match (self, other) {
            (Self::Update { id: a, .. }, Self::Update { id: b, .. }) => a == b,
            (Self::Add(a), Self::Add(b)) => same_person(a, b),
            _ => false,
        }
    }
}

/// One person written twice: the same email, or (without one) the same name.
fn same_person(a: &ContactFields, b: &ContactFields) -> bool {
    if !a.email.is_empty() || !b.email.is_empty() {
        a.email.eq_ignore_ascii_case(&b.email)
    } else {
        name_key(&a.name) == name_key(&b.name)
    }
}

/// A value in a message: "(blank)" for nothing.
fn shown(value: &str) -> String {
    if value.is_empty() {
        "(blank)".to_owned()
    } else {
        value.to_owned()
    }
}

fn change_text(change: &FieldChange) -> String {
    format!(
        "{}: {} ➡ {}",
        change.field,
        shown(&change.before),
        shown(&change.after)
    )
}

/// The user's choice for a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    Import,
    Skip,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlannedRow {
    /// The row number in the file.
    pub number: usize,
    pub outcome: Outcome,
    pub choice: Choice,
}

impl PlannedRow {
    /// "Row 14, KDE number: Must be exactly 3 digits…" lines.
    pub fn problems(&self) -> Vec<String> {
        match &self.outcome {
            Outcome::Invalid(messages) => messages
                .iter()
                .map(|m| format!("Row {}, {m}", self.number))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// Works out what every row would do against the roster as it is
/// (`roster`, and every district's people in `contacts`).
pub fn plan(
    table: &RawTable,
    mapping: &Mapping,
    roster: &[DistrictListItem],
    contacts: &[Contact],
    options: ImportOptions,
) -> Vec<PlannedRow> {
    // Where each district's first row is, in `planned`.
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut planned: Vec<PlannedRow> = Vec::new();
    for row in &table.rows {
        let reader = RowReader {
            row,
            headers: &table.headers,
            mapping,
            options,
        };
        let mut outcome = plan_row(&reader, roster, contacts);
        // A district's later rows (a contacts file has one per person) add
        // their people to its first row, if they say the same of it.
        if let Some(key) = outcome.fields().map(|f| name_key(&f.name)) {
            match first_row.get(&key) {
                None => {
                    first_row.insert(key, planned.len());
                }
                Some(&at) => {
                    let first = &mut planned[at];
                    outcome = match (first.outcome.fields(), outcome.fields()) {
                        (Some(earlier), Some(later)) if earlier != later => {
                            let differences = district_changes(earlier, later)
                                .iter()
                                .map(|c| {
                                    format!(
                                        "{} {} or {}",
                                        c.field,
                                        shown(&c.before),
                                        shown(&c.after)
                                    )
                                })
                                .collect::<Vec<_>>()
                                .join(", ");
                            Outcome::Invalid(vec![format!(
                                "the same district as row {}, but with other details ({differences}): \
                                 make its rows agree",
                                first.number
                            )])
                        }
                        _ => match first.outcome.take_people_of(outcome) {
                            Ok(()) => Outcome::WithRow(first.number),
                            Err(problem) => Outcome::Invalid(vec![problem]),
                        },
                    };
                }
            }
        }
        planned.push(PlannedRow {
            number: row.number,
            outcome,
            choice: Choice::Skip,
        });
    }
    flag_rows_that_share_a_district_key(&mut planned);
    for row in &mut planned {
        row.choice = match &row.outcome {
            Outcome::Existing {
                caution: Some(_), ..
            } => Choice::Skip,
            outcome if outcome.changes_anything() => Choice::Import,
            _ => Choice::Skip,
        };
    }
    planned
}

/// Refuses a row that would be another district than an earlier row yet
/// shares its KDE number, NCES ID or name, and a row that would change a
/// district an earlier row (under another name) already changes. Found
/// here, before anything is written, so that the review and the import
/// always agree; the earlier row stays.
fn flag_rows_that_share_a_district_key(planned: &mut [PlannedRow]) {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Target {
        Roster(DistrictId),
        NewAt(usize),
    }
    // (what, key) → (row number, target, what the row calls the district)
    let mut seen: HashMap<(&'static str, String), (usize, Target, String)> = HashMap::new();
    for (at, row) in planned.iter_mut().enumerate() {
        let (target, fields) = match &row.outcome {
            Outcome::New { fields, .. } => (Target::NewAt(at), fields.clone()),
            Outcome::Existing { id, fields, .. } => (Target::Roster(*id), fields.clone()),
            Outcome::WithRow(_) | Outcome::Invalid(_) => continue,
        };
        let mut problems = Vec::new();
        if let Target::Roster(id) = target
            && let Some((row, _, name)) = seen.get(&("district", id.0.to_string()))
        {
            problems.push(format!(
                "row {row} ({name}) already changes this district of the roster: make them one row"
            ));
        }
        let keys = [
            (
                "KDE number",
                fields.kde_number.clone(),
                fields.kde_number.clone(),
            ),
            (
                "NCES ID",
                fields.nces_id.clone().unwrap_or_default(),
                fields.nces_id.clone().unwrap_or_default(),
            ),
            ("name", name_key(&fields.name), fields.name.clone()),
        ];
        for (what, key, shown_value) in &keys {
            if key.is_empty() {
                continue;
            }
            if let Some((row, other, name)) = seen.get(&(*what, key.clone()))
                && *other != target
            {
                problems.push(format!(
                    "its {what} {shown_value} is also on row {row} ({name}), another district: \
                     each district has its own"
                ));
            }
        }
        if problems.is_empty() {
            let number = row.number;
            for (what, key, _) in keys {
                if !key.is_empty() {
                    seen.entry((what, key))
                        .or_insert((number, target, fields.name.clone()));
                }
            }
            if let Target::Roster(id) = target {
                seen.entry(("district", id.0.to_string())).or_insert((
                    number,
                    target,
                    fields.name.clone(),
                ));
            }
        } else {
            row.outcome = Outcome::Invalid(problems);
        }
    }
}

/// The store's changes for the rows chosen; `Err` lists rows still invalid
/// yet chosen (which the caller must not write).
pub fn actions(rows: &[PlannedRow]) -> Result<Vec<ImportAction>, Vec<String>> {
    let problems: Vec<String> = rows
        .iter()
        .filter(|r| r.choice == Choice::Import)
        .flat_map(PlannedRow::problems)
        .collect();
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(rows
        .iter()
        .filter(|r| r.choice == Choice::Import && r.outcome.changes_anything())
        .filter_map(|r| match &r.outcome {
            Outcome::New { fields, contacts } => Some(ImportAction::Add {
                fields: fields.clone(),
                contacts: contacts.clone(),
            }),
            Outcome::Existing {
                id,
                fields,
                contacts,
                ..
            } => Some(ImportAction::Update {
                id: *id,
                fields: fields.clone(),
                contacts: contacts
                    .iter()
                    .map(|c| match c {
                        ContactChange::Add(fields) => ContactImport::Add(fields.clone()),
                        ContactChange::Update { id, fields, .. } => ContactImport::Update {
                            id: *id,
                            fields: fields.clone(),
                        },
                    })
                    .collect(),
            }),
            Outcome::WithRow(_) | Outcome::Invalid(_) => None,
        })
        .collect())
}

/// A cell as the file has it: no such column, blank, or a value.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Cell<'a> {
    Absent,
    Blank,
    Value(&'a str),
}

impl<'a> Cell<'a> {
    fn value(&self) -> Option<&'a str> {
        match self {
            Self::Value(value) => Some(value),
            _ => None,
        }
    }
}

/// One row's cells by field, and how blanks are taken.
struct RowReader<'a> {
    row: &'a RawRow,
    headers: &'a [String],
    mapping: &'a Mapping,
    options: ImportOptions,
}

impl<'a> RowReader<'a> {
    fn cell(&self, field: Field) -> Cell<'a> {
        let Some(column) = self.mapping.column_of(field) else {
            return Cell::Absent;
        };
        match self.row.cells.get(column).map(|c| c.trim()) {
            Some(value) if !value.is_empty() => Cell::Value(value),
            _ => Cell::Blank,
        }
    }

    fn value(&self, field: Field) -> Option<&'a str> {
        self.cell(field).value()
    }

    /// What a field becomes from the stored `current`: the cell's value, or
    /// (for a blank cell, when blanks clear) nothing, or as it is.
    fn apply(&self, field: Field, current: &mut String) {
        match self.cell(field) {
            Cell::Value(value) => *current = value.to_owned(),
            Cell::Blank if self.options.blanks_clear => current.clear(),
            Cell::Blank | Cell::Absent => {}
        }
    }

    /// "column “KDE #”", or the field's name when no column has it.
    fn heading(&self, field: Field) -> String {
        self.mapping
            .column_of(field)
            .and_then(|i| self.headers.get(i))
            .map_or_else(|| field.label().to_owned(), |h| format!("column “{h}”"))
    }
}

fn plan_row(reader: &RowReader<'_>, roster: &[DistrictListItem], contacts: &[Contact]) -> Outcome {
    let mut problems = Vec::new();
    // A number typed into Excel loses its leading zeros: 5 is KDE 005.
    let kde = reader.value(Field::KdeNumber).map(|k| {
        if k.len() < 3 && k.bytes().all(|b| b.is_ascii_digit()) {
            format!("{k:0>3}")
        } else {
            k.to_owned()
        }
    });
    let nces = reader.value(Field::NcesId);
    let name = reader.value(Field::Name);

    // Each key on its own: they must agree on one district.
    let by = |matches: &dyn Fn(&DistrictFields) -> bool| {
        roster.iter().find(|item| matches(&item.district.fields))
    };
    let by_nces = nces.and_then(|n| by(&|f| f.nces_id.as_deref() == Some(n)));
    let by_kde = kde.as_deref().and_then(|k| by(&|f| f.kde_number == k));
    let by_name = name.and_then(|n| by(&|f| name_key(n) == name_key(&f.name)));
    let keyed: Vec<(&str, &DistrictListItem)> = [
        ("NCES ID", by_nces),
        ("KDE number", by_kde),
        ("name", by_name),
    ]
    .into_iter()
    .filter_map(|(key, item)| item.map(|item| (key, item)))
    .collect();
    if let Some((first_key, first)) = keyed.first()
        && let Some((other_key, other)) = keyed
            .iter()
            .find(|(_, item)| item.district.id != first.district.id)
    {
        return Outcome::Invalid(vec![format!(
            "its {first_key} is {}'s but its {other_key} is {}'s: correct the row in the file",
            first.district.fields.name, other.district.fields.name
        )]);
    }
    let existing = keyed.first().map(|(_, item)| *item);
    // Found by its number, but named otherwise: a rename the user decides.
    let caution = match (existing, name) {
        (Some(item), Some(name))
            if by_name.is_none() && name_key(name) != name_key(&item.district.fields.name) =>
        {
            let key = if by_nces.is_some() {
                "NCES ID"
            } else {
                "KDE number"
            };
            Some(format!(
                "renames {} to {name}, whose {key} it has: import it only if the district was renamed",
                item.district.fields.name
            ))
        }
        _ => None,
    };

    let mut draft = existing.map_or_else(DistrictDraft::default, |item| {
        DistrictDraft::from(&item.district.fields)
    });
    // The same name written another way ("adair  county") is the name on
    // file: it is not a change to write over it.
    if let Some(name) = name
        && existing.is_none_or(|item| name_key(name) != name_key(&item.district.fields.name))
    {
        draft.name = name.to_owned();
    }
    if let Some(kde) = kde {
        draft.kde_number = kde;
    }
    reader.apply(Field::NcesId, &mut draft.nces_id);
    reader.apply(Field::County, &mut draft.county);
    match reader.value(Field::Kind) {
        Some(kind) => match DistrictKind::from_code(kind) {
            Some(kind) => draft.kind = kind,
            None => problems.push(format!(
                "{}: “{kind}” is not County or Independent",
                reader.heading(Field::Kind)
            )),
        },
        None if existing.is_none() && draft.name.to_lowercase().ends_with("independent") => {
            draft.kind = DistrictKind::Independent;
        }
        None => {}
    }
    match reader.cell(Field::Cooperative) {
        Cell::Value(coop) => match Cooperative::parse_optional(coop) {
            Ok(coop) => draft.cooperative = coop,
            Err(message) => {
                problems.push(format!("{}: {message}", reader.heading(Field::Cooperative)))
            }
        },
        Cell::Blank if reader.options.blanks_clear => draft.cooperative = None,
        Cell::Blank | Cell::Absent => {}
    }
    reader.apply(Field::EmailDomain, &mut draft.email_domain);
    reader.apply(Field::Notes, &mut draft.notes);
    if name.is_none() && existing.is_none() {
        problems.push(format!(
            "{}: a district needs a name",
            reader.heading(Field::Name)
        ));
    }

    let others: Vec<_> = roster
        .iter()
        .map(|item| crate::domain::DistrictKeys {
            id: item.district.id,
            name: &item.district.fields.name,
            kde_number: &item.district.fields.kde_number,
            nces_id: item.district.fields.nces_id.as_deref(),
        })
        .collect();
    let unchanged = existing.filter(|item| draft == DistrictDraft::from(&item.district.fields));
    let fields = match draft.validate(existing.map(|e| e.district.id), others) {
        // What the file says is what is stored (as it is stored).
        Ok(_) if unchanged.is_some() => unchanged.map(|item| item.district.fields.clone()),
        Ok(fields) => Some(fields),
        Err(errors) => {
            use crate::domain::DistrictField as D;
            for (field, message) in errors.iter() {
                let column = match field {
                    D::Name => Field::Name,
                    D::KdeNumber => Field::KdeNumber,
                    D::NcesId => Field::NcesId,
                    D::EmailDomain => Field::EmailDomain,
                    D::County => Field::County,
                    D::Kind => Field::Kind,
                    D::Cooperative => Field::Cooperative,
                    D::Notes => Field::Notes,
                };
                // No column for it: the row is most likely a district
                // the roster does not have (say, a misspelt name).
                problems.push(if existing.is_none() && reader.mapping.column_of(column).is_none() {
                    format!(
                        "{} is not on the roster, and to add it the file needs a {} column ({})",
                        name.unwrap_or("the district"),
                        column.label(),
                        message.to_lowercase().trim_end_matches('.'),
                    )
                } else {
                    format!("{}: {message}", reader.heading(column))
                });
            }
            None
        }
    };

    let on_file: Vec<&Contact> = existing.map_or_else(Vec::new, |item| {
        contacts
            .iter()
            .filter(|c| c.district_id == item.district.id)
            .collect()
    });
    let people = match people_of(reader) {
        Ok(people) => people,
        Err(mut messages) => {
            problems.append(&mut messages);
            Vec::new()
        }
    };
    let mut contact_changes = Vec::new();
    for person in &people {
        match person.plan(reader, &on_file) {
            Ok(Some(change)) => contact_changes.push(change),
            Ok(None) => {}
            Err(mut messages) => problems.append(&mut messages),
        }
    }

    match (fields, problems.is_empty()) {
        (Some(fields), true) => match existing {
            Some(item) => Outcome::Existing {
                id: item.district.id,
                name: item.district.fields.name.clone(),
                changes: district_changes(&item.district.fields, &fields),
                fields,
                contacts: contact_changes,
                caution,
            },
            None => Outcome::New {
                fields,
                contacts: contact_changes
                    .into_iter()
                    .filter_map(|c| match c {
                        ContactChange::Add(fields) => Some(fields),
                        ContactChange::Update { .. } => None,
                    })
                    .collect(),
            },
        },
        _ => Outcome::Invalid(problems),
    }
}

/// A person a row names: the cells of one contact's columns, or one entry
/// of a "Superintendents" or "Points of contact" list.
struct Person<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    /// Cells only the one-contact columns have (title, phone, active).
    single_row: bool,
    role: Option<ContactRole>,
    /// Which columns the person came from, for messages.
    name_field: Field,
}

/// Everyone a row names.
fn people_of<'a>(reader: &RowReader<'a>) -> Result<Vec<Person<'a>>, Vec<String>> {
    let mut people = Vec::new();
    let mut problems = Vec::new();
    let single = [
        Field::ContactName,
        Field::ContactTitle,
        Field::ContactEmail,
        Field::ContactPhone,
    ];
    if single.iter().any(|f| reader.value(*f).is_some()) {
        let role = match reader.value(Field::ContactRole).map(str::to_lowercase) {
            None => None,
            Some(r) if r.contains("super") => Some(ContactRole::Superintendent),
            Some(r) if r.contains("contact") || r == "poc" => Some(ContactRole::PointOfContact),
            Some(_) => Some(ContactRole::Other),
        };
        people.push(Person {
            name: reader.value(Field::ContactName),
            email: reader.value(Field::ContactEmail),
            single_row: true,
            role,
            name_field: Field::ContactName,
        });
    }
    // The roster's own columns: a list of names beside a list of emails,
    // in the same order ("Pat Doe; Lee Smith" / "pat@…; lee@…").
    for (names, emails, role) in [
        (
            Field::Superintendents,
            Field::SuperintendentEmails,
            ContactRole::Superintendent,
        ),
        (
            Field::PointsOfContact,
            Field::PointOfContactEmails,
            ContactRole::PointOfContact,
        ),
    ] {
        let list = |field| -> Vec<&'a str> {
            reader
                .value(field)
                .map(|cell| cell.split(';').map(str::trim).collect())
                .unwrap_or_default()
        };
        let (names_list, emails_list) = (list(names), list(emails));
        if names_list.is_empty() && emails_list.is_empty() {
            continue;
        }
        if !emails_list.is_empty() && emails_list.len() != names_list.len() {
            problems.push(format!(
                "{}: {} names but {} emails in {}; write one email per name (blank for none)",
                reader.heading(names),
                names_list.len(),
                emails_list.len(),
                reader.heading(emails)
            ));
            continue;
        }
        for (i, name) in names_list.iter().enumerate() {
            let email = emails_list.get(i).copied().filter(|e| !e.is_empty());
            people.push(Person {
                name: Some(*name).filter(|n| !n.is_empty()),
                email,
                single_row: false,
                role: Some(role),
                name_field: names,
            });
        }
    }
    if problems.is_empty() {
        Ok(people)
    } else {
        Err(problems)
    }
}

impl Person<'_> {
    /// What the person means for the district's people on file: added,
    /// changed, or nothing (`None`).
    fn plan(
        &self,
        reader: &RowReader<'_>,
        on_file: &[&Contact],
    ) -> Result<Option<ContactChange>, Vec<String>> {
        let found = on_file.iter().find(|c| {
            self.email.is_some_and(|e| {
                !c.fields.email.is_empty() && c.fields.email.eq_ignore_ascii_case(e)
            })
        });
        let found = found.or_else(|| {
            on_file.iter().find(|c| {
                self.name
                    .is_some_and(|n| name_key(&c.fields.name) == name_key(n))
            })
        });
        let mut draft = found.map_or_else(
            || ContactDraft {
                role: ContactRole::PointOfContact,
                active: true,
                ..ContactDraft::default()
            },
            |c| ContactDraft::from(&c.fields),
        );
        if let Some(name) = self.name {
            draft.name = name.to_owned();
        }
        if let Some(email) = self.email {
            draft.email = email.to_owned();
        }
        if self.single_row {
            reader.apply(Field::ContactTitle, &mut draft.title);
            reader.apply(Field::ContactPhone, &mut draft.phone);
            if self.email.is_none() {
                reader.apply(Field::ContactEmail, &mut draft.email);
            }
            match reader.value(Field::ContactActive).map(str::to_lowercase) {
                Some(active) if ["yes", "y", "true", "1", "active"].contains(&active.as_str()) => {
                    draft.active = true;
                }
                Some(active)
                    if ["no", "n", "false", "0", "inactive"].contains(&active.as_str()) =>
                {
                    draft.active = false;
                }
                Some(active) => {
                    return Err(vec![format!(
                        "{}: “{active}” is not Yes or No",
                        reader.heading(Field::ContactActive)
                    )]);
                }
                None => {}
            }
        }
        if let Some(role) = self.role {
            draft.role = role;
        }
        // What the file says is what is stored: nothing to check or tidy.
        if found.is_some_and(|c| draft == ContactDraft::from(&c.fields)) {
            return Ok(None);
        }
        let fields = draft.validate().map_err(|errors| {
            use crate::domain::ContactField as C;
            errors
                .iter()
                .map(|(field, message)| {
                    let column = match field {
                        C::Name => self.name_field,
                        C::Title => Field::ContactTitle,
                        C::Email => Field::ContactEmail,
                        C::Phone => Field::ContactPhone,
                        C::Role => Field::ContactRole,
                    };
                    format!("{}: {message}", reader.heading(column))
                })
                .collect::<Vec<_>>()
        })?;
        Ok(match found {
            None => Some(ContactChange::Add(fields)),
            Some(contact) if contact.fields == fields => None,
            Some(contact) => Some(ContactChange::Update {
                id: contact.id,
                name: contact.fields.name.clone(),
                changes: contact_changes(&contact.fields, &fields),
                fields,
            }),
        })
    }
}

/// The district's fields an update changes, each before and after.
pub fn district_changes(before: &DistrictFields, after: &DistrictFields) -> Vec<FieldChange> {
    let coop = |f: &DistrictFields| {
        f.cooperative
            .map(|c| c.code().to_owned())
            .unwrap_or_default()
    };
    let nces = |f: &DistrictFields| f.nces_id.clone().unwrap_or_default();
    [
        (Field::Name, before.name.clone(), after.name.clone()),
        (
            Field::KdeNumber,
            before.kde_number.clone(),
            after.kde_number.clone(),
        ),
        (Field::NcesId, nces(before), nces(after)),
        (Field::County, before.county.clone(), after.county.clone()),
        (
            Field::Kind,
            before.kind.label().to_owned(),
            after.kind.label().to_owned(),
        ),
        (Field::Cooperative, coop(before), coop(after)),
        (
            Field::EmailDomain,
            before.email_domain.clone(),
            after.email_domain.clone(),
        ),
        (Field::Notes, before.notes.clone(), after.notes.clone()),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(field, before, after)| FieldChange {
        field: field.label(),
        before,
        after,
    })
    .collect()
}

fn contact_changes(before: &ContactFields, after: &ContactFields) -> Vec<FieldChange> {
    let yes_no = |active: bool| if active { "Yes" } else { "No" }.to_owned();
    [
        ("name", before.name.clone(), after.name.clone()),
        ("title", before.title.clone(), after.title.clone()),
        ("email", before.email.clone(), after.email.clone()),
        ("phone", before.phone.clone(), after.phone.clone()),
        (
            "role",
            before.role.label().to_owned(),
            after.role.label().to_owned(),
        ),
        ("active", yes_no(before.active), yes_no(after.active)),
    ]
    .into_iter()
    .filter(|(_, before, after)| before != after)
    .map(|(field, before, after)| FieldChange {
        field,
        before,
        after,
    })
    .collect()
}

/// `text` with its first letter capitalised, to stand on its own.
fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

#[cfg(test)]
mod heading_tests {
    use super::*;

    fn guessed(headings: &[&str]) -> Vec<Option<Field>> {
        let headers: Vec<String> = headings.iter().map(|h| (*h).to_owned()).collect();
        Mapping::guess(&headers).0
    }

    #[test]
    fn headings_as_people_abbreviate_them() {
        use Field as F;
        assert_eq!(
            guessed(&[
                "Dist.",
                "KDE No.",
                "LEA ID",
                "Supt",
                "Supt. E-Mail",
                "POC",
                "poc e-mail",
                "Tel",
                "Co-op",
                "Comments",
                "Favourite colour",
            ]),
            [
                Some(F::Name),
                Some(F::KdeNumber),
                Some(F::NcesId),
                Some(F::Superintendents),
                Some(F::SuperintendentEmails),
                Some(F::PointsOfContact),
                Some(F::PointOfContactEmails),
                Some(F::ContactPhone),
                Some(F::Cooperative),
                Some(F::Notes),
                None,
            ]
        );
        for number in [
            "#",
            "KDE #",
            "Num",
            "Nbr",
            "district number",
            "Number (KDE)",
        ] {
            assert_eq!(
                guessed(&["District", number])[1],
                Some(F::KdeNumber),
                "{number}"
            );
        }
        for email in ["E-mail", "EMAIL", "Mail", "Email Address"] {
            assert_eq!(
                guessed(&["District", email])[1],
                Some(F::ContactEmail),
                "{email}"
            );
        }
        assert_eq!(
            guessed(&["Superintendent e-mail", "District"]),
            [Some(F::SuperintendentEmails), Some(F::Name)],
            "a heading naming a role fills that role's contact, in any order"
        );
        assert_eq!(
            guessed(&["NCES LEA ID", "Point of Contact Email"]),
            [Some(F::NcesId), Some(F::PointOfContactEmails)]
        );
    }
}

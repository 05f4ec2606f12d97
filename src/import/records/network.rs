//! The whole-roster workbook's people of the network: found again by name,
//! else by email; validated as the form validates them.

use strum::VariantArray as _;

use super::cells::{RowCells, is_ticked};
use super::{Action, Col, RecordRow, RowResult, SheetImport};
use crate::domain::district::name_key;
use crate::domain::validate::FieldLabel as _;
use crate::domain::{NetworkPerson, NetworkPersonDraft, NetworkRole};
use crate::store::{Store, StoreError};

fn read_role(text: &str) -> Result<NetworkRole, String> {
    let key = name_key(text);
    NetworkRole::VARIANTS
        .iter()
        .copied()
        .find(|role| {
            let code: &'static str = role.into();
            name_key(role.label()) == key || code.replace('_', " ") == key
        })
        .ok_or_else(|| {
            let roles: Vec<&str> = NetworkRole::VARIANTS.iter().map(|r| r.label()).collect();
            format!("“{text}” is not a role: {}", roles.join(", "))
        })
}

pub fn plan(store: &Store, sheet: &SheetImport) -> Result<Vec<RecordRow>, StoreError> {
    let people = store.network_people()?;
    let mut seen = std::collections::HashMap::new();
    let mut rows = Vec::new();
    for raw in &sheet.table.rows {
        let cells = RowCells::of(sheet, raw);
        let name = cells.text(Col::PersonName);
        let existing = NetworkPerson::named(&people, &name).or_else(|| {
            let email = cells.text(Col::Email).to_lowercase();
            people
                .iter()
                .find(|p| !email.is_empty() && p.fields.email.to_lowercase() == email)
        });
        let kept = existing
            .map(|p| NetworkPersonDraft::from(&p.fields))
            .unwrap_or_default();
        let mut problems = Vec::new();
        let mut tick = |col: Col, kept: bool| match cells.get(col) {
            None => kept,
            Some(text) => is_ticked(text).unwrap_or_else(|message| {
                problems.push(format!("{}: {message}", cells.at(col)));
                kept
            }),
        };
        let cc_on_drafts = tick(Col::CcOnDrafts, kept.cc_on_drafts);
        let active = match cells.get(Col::Active) {
            None if existing.is_none() => true,
            _ => tick(Col::Active, kept.active),
        };
        let role = match cells.get(Col::NetworkRole) {
            None => kept.role,
            Some(text) => read_role(text).unwrap_or_else(|message| {
                problems.push(format!("{}: {message}", cells.at(Col::NetworkRole)));
                kept.role
            }),
        };
        let text = |col: Col, kept: &str| {
            cells
                .get(col)
                .map_or_else(|| kept.to_owned(), str::to_owned)
        };
        let draft = NetworkPersonDraft {
            name: name.clone(),
            title: text(Col::Title, &kept.title),
            organisation: text(Col::Organisation, &kept.organisation),
            email: text(Col::Email, &kept.email),
            phone: text(Col::Phone, &kept.phone),
            role,
            cc_on_drafts,
            active,
        };
        let fields = match draft.validate() {
            Ok(fields) => fields,
            Err(errors) => {
                problems.extend(
                    errors
                        .iter()
                        .map(|(field, message)| format!("{}: {message}", field.label())),
                );
                rows.push(RecordRow::problem(raw.number, name, &problems));
                continue;
            }
        };
        if !problems.is_empty() {
            rows.push(RecordRow::problem(raw.number, name, &problems));
            continue;
        }
        if let Some(first) = seen.insert(name_key(&fields.name), raw.number) {
            rows.push(RecordRow::problem(
                raw.number,
                name,
                &[format!("the same person as row {first}")],
            ));
            continue;
        }
        let row = match existing {
            None => RecordRow::new(
                raw.number,
                fields.name.clone(),
                RowResult::New,
                format!("Adds {} ({})", fields.name, fields.role.label()),
                Some(Action::NetworkPerson(None, fields)),
            ),
            Some(stored) => {
                let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
                let changes = super::field_changes(
                    [
                        ("Name", stored.fields.name.clone(), fields.name.clone()),
                        ("Title", stored.fields.title.clone(), fields.title.clone()),
                        (
                            "Organisation",
                            stored.fields.organisation.clone(),
                            fields.organisation.clone(),
                        ),
                        ("Email", stored.fields.email.clone(), fields.email.clone()),
                        ("Phone", stored.fields.phone.clone(), fields.phone.clone()),
                        (
                            "Role",
                            stored.fields.role.label().to_owned(),
                            fields.role.label().to_owned(),
                        ),
                        (
                            "Cc on drafts",
                            yes(stored.fields.cc_on_drafts),
                            yes(fields.cc_on_drafts),
                        ),
                        ("Active", yes(stored.fields.active), yes(fields.active)),
                    ],
                    |_| false,
                );
                let (result, details) = if changes.is_empty() {
                    (
                        RowResult::Unchanged,
                        "Already on the roster as it is".to_owned(),
                    )
                } else {
                    (RowResult::Update, changes.join(", "))
                };
                RecordRow::new(
                    raw.number,
                    fields.name.clone(),
                    result,
                    details,
                    Some(Action::NetworkPerson(Some(stored.id), fields)),
                )
            }
        };
        rows.push(row);
    }
    Ok(rows)
}

//! The app's own exports come back as they left: for every table the app
//! can import (the roster and the contacts), as CSV and as Excel, importing
//! the export into the same roster changes nothing, and into a roster with
//! only the districts it brings the same people back.

mod common;

use common::{Roster, year};
use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::{ContactFields, ContactRole, DistrictDraft, DistrictId};
use iln_roster::export::Table;
use iln_roster::import::{ImportOptions, Mapping, actions, is_known_heading, plan};
use iln_roster::io::save::{FileFormat, save_sheets};
use iln_roster::io::spreadsheet::read_table;
use iln_roster::store::Store;
use proptest::prelude::*;

fn id_of(store: &Store, name: &str) -> DistrictId {
    store
        .district_list()
        .unwrap()
        .into_iter()
        .find(|d| d.district.fields.name == name)
        .unwrap()
        .district
        .id
}

fn person(name: &str, email: &str, role: ContactRole) -> ContactFields {
    ContactFields {
        name: name.into(),
        email: email.into(),
        role,
        active: true,
        ..ContactFields::default()
    }
}

/// Kentucky's districts, with `notes` on Allen and these people: a
/// superintendent with title and phone, two points of contact (one without
/// an email), someone else, and one no longer there.
fn roster_with(dir: &std::path::Path, notes: &str, name: &str) -> Store {
    let mut store = Store::open(&dir.join("roster.sqlite3")).unwrap();
    store.add_districts(&kentucky_districts().unwrap()).unwrap();
    let allen = id_of(&store, "Allen County");
    let mut fields = store.district(allen).unwrap().fields;
    fields.email_domain = "allen.kyschools.us".into();
    fields.notes = notes.into();
    let fields = DistrictDraft::from(&fields)
        .validate(Some(allen), [])
        .unwrap();
    store.update_district(allen, &fields).unwrap();
    let people = [
        ContactFields {
            title: "Superintendent".into(),
            phone: "(270) 618-3181".into(),
            ..person(
                "Travis Hamby",
                "travis.hamby@allen.kyschools.us",
                ContactRole::Superintendent,
            )
        },
        person(
            name,
            "first@allen.kyschools.us",
            ContactRole::PointOfContact,
        ),
        person("Lee Smith", "", ContactRole::PointOfContact),
        ContactFields {
            title: "Board chair".into(),
            ..person("Sam Ortiz", "sam@allen.kyschools.us", ContactRole::Other)
        },
        ContactFields {
            active: false,
            ..person(
                "Old Hand",
                "old@allen.kyschools.us",
                ContactRole::PointOfContact,
            )
        },
    ];
    for fields in people {
        store.insert_contact(allen, &fields).unwrap();
    }
    let adair = id_of(&store, "Adair County");
    store
        .insert_contact(
            adair,
            &person(
                "Pat Doe",
                "pat@adair.kyschools.us",
                ContactRole::Superintendent,
            ),
        )
        .unwrap();
    store
}

fn export(
    store: &Store,
    dir: &std::path::Path,
    table: Table,
    format: FileFormat,
) -> std::path::PathBuf {
    let sheet = table.sheet(store, year(), common::today()).unwrap();
    let path = dir.join(format!(
        "{}.{}",
        table.file_stem(year()),
        format.extension()
    ));
    assert!(save_sheets(&path, format, std::slice::from_ref(&sheet), |_| true).unwrap());
    path
}

/// What an import of `file` into `store` would do, row by row, in words
/// (only rows that change something).
fn changes(store: &Store, file: &std::path::Path) -> Vec<String> {
    let table = read_table(file, &is_known_heading).unwrap();
    let mapping = Mapping::guess(&table.headers);
    assert_eq!(mapping.problem(), None, "{:?}", table.headers);
    plan(
        &table,
        &mapping,
        &store.district_list().unwrap(),
        &store.all_contacts().unwrap(),
        ImportOptions::default(),
    )
    .into_iter()
    .filter(|row| row.outcome.changes_anything())
    .map(|row| format!("row {}: {}", row.number, row.outcome.describe()))
    .collect()
}

fn import(store: &mut Store, file: &std::path::Path) {
    let table = read_table(file, &is_known_heading).unwrap();
    let rows = plan(
        &table,
        &Mapping::guess(&table.headers),
        &store.district_list().unwrap(),
        &store.all_contacts().unwrap(),
        ImportOptions::default(),
    );
    store
        .apply_import(&actions(&rows).unwrap(), |_| true)
        .unwrap();
}

/// Every person on the roster, as the table carries them (the roster
/// carries active superintendents and points of contact, with their email).
fn people(
    store: &Store,
    table: Table,
) -> Vec<(String, String, String, String, String, String, bool)> {
    let names: std::collections::HashMap<DistrictId, String> = store
        .district_list()
        .unwrap()
        .into_iter()
        .map(|d| (d.district.id, d.district.fields.name))
        .collect();
    let mut all: Vec<_> = store
        .all_contacts()
        .unwrap()
        .into_iter()
        .filter(|c| {
            table == Table::Contacts
                || (c.fields.active
                    && matches!(
                        c.fields.role,
                        ContactRole::Superintendent | ContactRole::PointOfContact
                    ))
        })
        .map(|c| {
            let f = c.fields;
            let (title, phone) = if table == Table::Contacts {
                (f.title, f.phone)
            } else {
                (String::new(), String::new())
            };
            (
                names[&c.district_id].clone(),
                f.name,
                f.email,
                f.role.label().to_owned(),
                title,
                phone,
                f.active,
            )
        })
        .collect();
    all.sort();
    all
}

fn round_trip(notes: &str, name: &str) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let store = roster_with(dir.path(), notes, name);
    let before = store.content_snapshot().unwrap();
    for table in [Table::Roster, Table::Contacts] {
        for format in [FileFormat::Csv, FileFormat::Xlsx] {
            let file = export(&store, dir.path(), table, format);
            let changes = changes(&store, &file);
            prop_assert!(
                changes.is_empty(),
                "{table:?} as {format:?} into the same roster changes: {changes:#?}"
            );

            // Into a roster with the same districts and no one else.
            let mut fresh = Roster::kentucky();
            if table == Table::Contacts {
                // The contacts table carries people only: the districts'
                // own fields come from the roster.
                import(
                    &mut fresh,
                    &export(&store, dir.path(), Table::Roster, format),
                );
                prop_assert!(fresh.all_contacts().unwrap().len() >= 4);
            }
            import(&mut fresh, &file);
            prop_assert_eq!(
                people(&fresh, table),
                people(&store, table),
                "{:?} as {:?} into a roster of districts only",
                table,
                format
            );
            let allen = id_of(&fresh, "Allen County");
            prop_assert_eq!(fresh.district(allen).unwrap().fields.notes, notes.trim());
            prop_assert!(
                changes_of(&fresh, &file).is_empty(),
                "a second import changes nothing"
            );
        }
    }
    prop_assert_eq!(
        store.content_snapshot().unwrap(),
        before,
        "the first roster is untouched"
    );
    Ok(())
}

fn changes_of(store: &Store, file: &std::path::Path) -> Vec<String> {
    changes(store, file)
}

#[test]
fn the_apps_own_exports_import_back_unchanged() {
    round_trip(
        "=HYPERLINK(\"x\")\tsee notes; \"quoted\", café",
        "+Dr. Ana María O'Neil",
    )
    .unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Names and notes that a spreadsheet would take for a formula, or
    /// that hold tabs, quotes and accents, come back as they were.
    #[test]
    fn awkward_text_comes_back_as_it_was(
        notes in "[=+\\-@]?[a-zA-Z0-9 ,;\"'éüñ]{1,20}(\t[a-z]{1,5})?",
        name in "[=+\\-@]?[A-Z][a-zéñ]{1,8} [A-Z][a-z']{1,8}",
    ) {
        round_trip(&notes, &name)?;
    }
}

//! The store on real temporary files: creating, migrating and reopening,
//! every constraint as a typed error, and bad files refused untouched.

use std::path::{Path, PathBuf};

use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::{
    ContactFields, ContactRole, Cooperative, DistrictFields, DistrictId, DistrictKind,
};
use iln_roster::store::{OpenError, SCHEMA_VERSION, Store, StoreError};

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("roster.sqlite3");
    (dir, path)
}

fn allen() -> DistrictFields {
    DistrictFields {
        name: "Allen County".into(),
        kde_number: "005".into(),
        nces_id: Some("2100070".into()),
        county: "Allen".into(),
        kind: DistrictKind::County,
        cooperative: Some(Cooperative::Grrec),
        email_domain: "allen.kyschools.us".into(),
        notes: "Spotlighted in the Innovation Guide".into(),
    }
}

fn superintendent() -> ContactFields {
    ContactFields {
        name: "Travis Hamby".into(),
        title: "Superintendent".into(),
        email: "travis.hamby@allen.kyschools.us".into(),
        phone: "(270) 618-3181".into(),
        role: ContactRole::Superintendent,
        active: true,
    }
}

#[test]
fn creates_migrates_closes_and_reopens() {
    let (_dir, path) = temp_db();
    let id = {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION as i64);
        let id = store.insert_district(&allen()).unwrap();
        store.insert_contact(id, &superintendent()).unwrap();
        id
    };
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION as i64);
    let district = store.district(id).unwrap();
    assert_eq!(district.fields, allen());
    assert!(!district.archived);
    let list = store.district_list().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].superintendent.as_deref(), Some("Travis Hamby"));
    assert_eq!(list[0].contact_count, 1);
    assert_eq!(store.contacts_of(id).unwrap()[0].fields, superintendent());
}

/// The roster at `path` opened bare, its triggers dropped, to write it
/// back as an older version left it (the app puts its triggers back on
/// opening).
fn without_triggers(path: &std::path::Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    let triggers: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for trigger in triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{trigger}\""))
            .unwrap();
    }
    conn
}

/// A roster made before independent districts had a county gets each its
/// county on opening (from the bundled list's placing); a county typed by
/// the user stays.
/// Takes a roster back to before version 11 (its convenings as version 3
/// made them, no people of the network, no reworded templates).
const UNDO_VERSION_11: &str = "
    DROP INDEX convening_organiser;
    DROP TABLE email_template;
    CREATE TABLE convening_v3 (
        id          INTEGER PRIMARY KEY,
        held_on     TEXT NOT NULL,
        title       TEXT NOT NULL CHECK (title <> ''),
        kind        TEXT NOT NULL,
        location    TEXT NOT NULL DEFAULT '',
        notes       TEXT NOT NULL DEFAULT '',
        created_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
        updated_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
    ) STRICT;
    INSERT INTO convening_v3
        SELECT id, held_on, title, kind, location, notes, created_at, updated_at FROM convening;
    DROP TABLE convening;
    ALTER TABLE convening_v3 RENAME TO convening;
    CREATE INDEX convening_held_on ON convening (held_on);
    DROP TABLE network_person;";

#[test]
fn independent_districts_get_their_county_when_a_version_7_roster_opens() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store
            .add_districts(&iln_roster::bundled::kentucky_districts::kentucky_districts().unwrap())
            .unwrap();
    }
    {
        // As version 7 left them: no county for an independent district,
        // except one the user typed.
        let conn = without_triggers(&path);
        conn.execute_batch(UNDO_VERSION_11).unwrap();
        conn.execute_batch(
            "DROP TABLE contact_log;
             DROP TABLE document;
             DROP TABLE document_content;
             UPDATE district SET county = '' WHERE kind = 'independent';
             UPDATE district SET county = 'Typed' WHERE kde_number = '012';
             PRAGMA user_version = 7;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION as i64);
    let list = store.district_list().unwrap();
    let county = |kde: &str| {
        list.iter()
            .find(|d| d.district.fields.kde_number == kde)
            .unwrap()
            .district
            .fields
            .county
            .clone()
    };
    assert_eq!(county("006"), "Jefferson", "Anchorage Independent");
    assert_eq!(county("012"), "Typed", "what the user typed stays");
    assert!(list.iter().all(|d| !d.district.fields.county.is_empty()));
}

/// A roster of version 5 holding the same name twice (possible then: its
/// index only ignored case) opens with the second one told apart, and says
/// so in its notes; nothing else changes.
#[test]
fn a_name_kept_twice_before_version_6_is_told_apart_on_opening() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_district(&allen()).unwrap();
    }
    {
        // Back to version 5 as it was shipped (versions 10 to 6 undone),
        // then the duplicate.
        let conn = without_triggers(&path);
        conn.execute_batch(UNDO_VERSION_11).unwrap();
        conn.execute_batch(
            "DROP TABLE contact_log;
             DROP TABLE document;
             DROP TABLE document_content;
             DROP TABLE attendance_report;
             ALTER TABLE attendance DROP COLUMN minutes;
             ALTER TABLE attendance_person DROP COLUMN minutes;
             DROP INDEX district_name_key_unique;
             ALTER TABLE district DROP COLUMN name_key;
             CREATE UNIQUE INDEX district_name_unique ON district (name COLLATE NOCASE);
             INSERT INTO district (name, kde_number, kind) VALUES ('allen  county', '998', 'county');
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION as i64);
    let list = store.district_list().unwrap();
    let names: Vec<&str> = list
        .iter()
        .map(|d| d.district.fields.name.as_str())
        .collect();
    assert_eq!(names, ["Allen County", "allen county (2)"]);
    assert_eq!(
        list[1].district.fields.notes,
        "Renamed from “allen  county”: another district had the same name."
    );
    assert_eq!(list[0].district.fields, allen());
}

#[test]
fn the_file_is_in_wal_mode_with_foreign_keys_on() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let app_id: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, iln_roster::store::APPLICATION_ID);
    // Foreign keys are a connection setting: prove the store's connection has
    // them by breaking one through it.
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let error = store
        .insert_contact(DistrictId(999), &superintendent())
        .unwrap_err();
    assert!(
        matches!(error, StoreError::MissingReference("district")),
        "{error:?}"
    );
}

#[test]
fn unique_name_number_and_nces_id_are_typed_errors() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    store.insert_district(&allen()).unwrap();

    let same_name = DistrictFields {
        name: "ALLEN COUNTY".into(),
        kde_number: "999".into(),
        nces_id: None,
        ..allen()
    };
    assert!(matches!(
        store.insert_district(&same_name),
        Err(StoreError::DuplicateName(_))
    ));
    // The database's own index: runs of spaces and typographic apostrophes
    // do not make another name, whoever writes (not only the form).
    for same in ["allen  county", "Allen\u{a0}County"] {
        let fields = DistrictFields {
            name: same.into(),
            ..same_name.clone()
        };
        assert!(
            matches!(
                store.insert_district(&fields),
                Err(StoreError::DuplicateName(_))
            ),
            "{same:?}"
        );
    }

    let same_number = DistrictFields {
        name: "Other".into(),
        nces_id: None,
        ..allen()
    };
    assert!(matches!(
        store.insert_district(&same_number),
        Err(StoreError::DuplicateKdeNumber(n)) if n == "005"
    ));

    let same_nces = DistrictFields {
        name: "Other".into(),
        kde_number: "999".into(),
        ..allen()
    };
    assert!(matches!(
        store.insert_district(&same_nces),
        Err(StoreError::DuplicateNcesId(_))
    ));

    // Many districts may lack an NCES ID.
    for (name, number) in [("First", "901"), ("Second", "902")] {
        let fields = DistrictFields {
            name: name.into(),
            kde_number: number.into(),
            nces_id: None,
            ..allen()
        };
        store.insert_district(&fields).unwrap();
    }
    // An update that collides is refused too, and changes nothing.
    let second = store
        .district_list()
        .unwrap()
        .into_iter()
        .find(|d| d.district.fields.name == "Second")
        .unwrap();
    let error = store
        .update_district(
            second.district.id,
            &DistrictFields {
                kde_number: "901".into(),
                ..second.district.fields.clone()
            },
        )
        .unwrap_err();
    assert!(matches!(error, StoreError::DuplicateKdeNumber(_)));
    assert_eq!(
        store
            .district(second.district.id)
            .unwrap()
            .fields
            .kde_number,
        "902"
    );
    assert_eq!(store.district_list().unwrap().len(), 3);
}

#[test]
fn missing_records_are_typed_errors() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    assert!(matches!(
        store.district(DistrictId(42)),
        Err(StoreError::NotFound("district"))
    ));
    assert!(matches!(
        store.update_district(DistrictId(42), &allen()),
        Err(StoreError::NotFound(_))
    ));
    assert!(matches!(
        store.delete_district(DistrictId(42)),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn archiving_keeps_the_district_and_deleting_takes_its_contacts() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.insert_district(&allen()).unwrap();
    let contact = store.insert_contact(id, &superintendent()).unwrap();

    store.set_district_archived(id, true).unwrap();
    assert!(store.district(id).unwrap().archived);
    store.set_district_archived(id, false).unwrap();
    assert!(!store.district(id).unwrap().archived);

    store.delete_district(id).unwrap();
    assert!(store.district_list().unwrap().is_empty());
    assert!(matches!(
        store.contact(contact),
        Err(StoreError::NotFound("contact"))
    ));
}

#[test]
fn contacts_are_added_edited_and_removed() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let id = store.insert_district(&allen()).unwrap();
    let other = ContactFields {
        name: "Amy Smith".into(),
        role: ContactRole::PointOfContact,
        ..superintendent()
    };
    let amy = store.insert_contact(id, &other).unwrap();
    store.insert_contact(id, &superintendent()).unwrap();
    let names: Vec<_> = store
        .contacts_of(id)
        .unwrap()
        .into_iter()
        .map(|c| c.fields.name)
        .collect();
    assert_eq!(names, ["Travis Hamby", "Amy Smith"], "superintendent first");

    let edited = ContactFields {
        title: "Director of Innovation".into(),
        ..other
    };
    store.update_contact(amy, &edited).unwrap();
    assert_eq!(store.contact(amy).unwrap().fields, edited);
    store.delete_contact(amy).unwrap();
    assert_eq!(store.contacts_of(id).unwrap().len(), 1);
}

#[test]
fn adding_the_kentucky_list_twice_adds_nothing_the_second_time() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let list = kentucky_districts().unwrap();
    let first = store.add_districts(&list).unwrap();
    assert_eq!((first.added, first.already_present), (171, 0));
    let second = store.add_districts(&list).unwrap();
    assert_eq!((second.added, second.already_present), (0, 171));
    assert_eq!(store.district_list().unwrap().len(), 171);
}

#[test]
fn a_second_window_on_the_same_file_is_refused() {
    let (_dir, path) = temp_db();
    let _first = Store::open(&path).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, OpenError::Locked { .. }), "{error:?}");
    assert!(error.to_string().contains("is in use by another program"));
    drop(_first);
    Store::open(&path).unwrap();
}

/// Opens `path`, expects it refused, and checks its bytes did not change.
fn assert_refused_untouched(path: &Path) -> OpenError {
    let before = std::fs::read(path).unwrap();
    let error = Store::open_verified(path).unwrap_err();
    assert_eq!(std::fs::read(path).unwrap(), before, "the file was changed");
    assert!(
        error.to_string().contains(&path.display().to_string()),
        "message names the file: {error}"
    );
    error
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let (_dir, path) = temp_db();
    std::fs::write(&path, "name,number\nAllen County,005\n".repeat(200)).unwrap();
    let error = assert_refused_untouched(&path);
    assert!(matches!(error, OpenError::NotADatabase { .. }), "{error:?}");
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let (_dir, path) = temp_db();
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');")
            .unwrap();
    }
    let error = assert_refused_untouched(&path);
    assert!(
        matches!(error, OpenError::ForeignDatabase { .. }),
        "{error:?}"
    );
}

#[test]
fn a_file_from_a_newer_version_is_refused_untouched() {
    let (_dir, path) = temp_db();
    drop(Store::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION as i64 + 1)
            .unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let error = assert_refused_untouched(&path);
    assert!(
        matches!(error, OpenError::TooNew { found, .. } if found == SCHEMA_VERSION as i64 + 1),
        "{error:?}"
    );
    assert!(error.to_string().contains("newer version"));
}

#[test]
fn a_damaged_file_is_refused_untouched() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.add_districts(&kentucky_districts().unwrap()).unwrap();
    }
    {
        // Fold the WAL into the main file so the damage below is all there is.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    assert!(bytes.len() >= 3 * page_size, "enough pages to damage one");
    // Overwrite the second page (the district table's root) with noise.
    for (i, byte) in bytes[page_size..2 * page_size].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    let error = assert_refused_untouched(&path);
    assert!(matches!(error, OpenError::Damaged { .. }), "{error:?}");

    // Opened without the whole-file check (a roster in WAL mode that closed
    // cleanly: bytes 18 and 19 of its header say WAL), the damage is found
    // before the first write, which is refused.
    bytes[18] = 2;
    bytes[19] = 2;
    std::fs::write(&path, &bytes).unwrap();
    let mut store = Store::open(&path).unwrap();
    let refused = store.insert_district(&allen()).unwrap_err();
    assert!(matches!(refused, StoreError::Damaged(_)), "{refused:?}");
    assert!(refused.to_string().contains("nothing was written"));
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "untouched");
}

/// A roster whose last session did not close cleanly (its write-ahead log
/// is still there) is checked whole as it opens.
#[test]
fn a_damaged_file_left_by_a_crash_is_refused_at_opening() {
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.add_districts(&kentucky_districts().unwrap()).unwrap();
    }
    let mut bytes = std::fs::read(&path).unwrap();
    let page_size = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for (i, byte) in bytes[page_size..2 * page_size].iter_mut().enumerate() {
        *byte = (i * 7 + 13) as u8;
    }
    std::fs::write(&path, &bytes).unwrap();
    // What a crash leaves beside the roster: its log.
    let mut log = path.as_os_str().to_owned();
    log.push("-wal");
    std::fs::write(&log, [0u8; 32]).unwrap();
    let error = Store::open(&path).unwrap_err();
    assert!(matches!(error, OpenError::Damaged { .. }), "{error:?}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "untouched");
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_untouched() {
    use std::os::unix::fs::PermissionsExt as _;
    let (_dir, path) = temp_db();
    {
        let mut store = Store::open(&path).unwrap();
        store.insert_district(&allen()).unwrap();
    }
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let error = assert_refused_untouched(&path);
    assert!(matches!(error, OpenError::ReadOnly { .. }), "{error:?}");
    assert!(error.to_string().contains("read-only"));
}

#[test]
fn a_missing_folder_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir
        .path()
        .join("nested")
        .join("deeper")
        .join("roster.sqlite3");
    Store::open(&path).unwrap();
    assert!(path.exists());
}

/// The store keeps each text's limit whatever writes it (a form, an
/// import, an undo), naming the field and the limit.
#[test]
fn the_store_refuses_text_longer_than_its_limit() {
    let (_dir, path) = temp_db();
    let mut store = Store::open(&path).unwrap();
    let mut fields = allen();
    fields.notes = "n".repeat(20_001);
    let refused = store.insert_district(&fields).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "Notes is too long (at most 20,000 characters), so nothing was saved."
    );
    assert!(store.district_list().unwrap().is_empty());
    fields.notes = "n".repeat(20_000);
    let id = store.insert_district(&fields).unwrap();
    fields.name = "A".repeat(201);
    assert!(matches!(
        store.update_district(id, &fields),
        Err(StoreError::Refused(message)) if message.starts_with("District name is too long")
    ));
}

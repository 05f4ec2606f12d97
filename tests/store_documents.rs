//! Documents kept with their records, on temporary database files: added,
//! read back byte for byte, removed, undone, carried by backups.

mod common;

use common::{Roster, id_of, signed_in, year};

use iln_roster::domain::document::MAX_BYTES;
use iln_roster::domain::{DocumentOwner, MembershipStatus, NewDocument};
use iln_roster::store::{Store, StoreError, backups};

fn letter_pdf() -> NewDocument {
    // Every byte value, so nothing is lost as text on the way.
    let bytes: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    NewDocument::new("Adair County LoC signed.pdf", bytes).unwrap()
}

fn adair_letter(store: &mut Store) -> DocumentOwner {
    let adair = id_of(store, "Adair County");
    let id = store
        .save_membership(adair, year(), MembershipStatus::Active, &signed_in(year()))
        .unwrap();
    DocumentOwner::Letter(id)
}

#[test]
fn a_kept_file_reads_back_byte_for_byte_with_who_and_when() {
    let Roster {
        dir: _dir,
        mut store,
    } = Roster::kentucky();
    let owner = adair_letter(&mut store);
    let file = letter_pdf();
    let id = store.add_document(owner, &file, "rcollins").unwrap();

    let listed = store.documents_of(owner).unwrap();
    assert_eq!(listed.len(), 1);
    let document = &listed[0];
    assert_eq!(document.id, id);
    assert_eq!(document.name, "Adair County LoC signed.pdf");
    assert_eq!(document.media_type, "application/pdf");
    assert_eq!(document.size, 70_000);
    assert_eq!(document.sha256, file.sha256);
    assert_eq!(document.added_by, "rcollins");
    assert!(document.added_at.starts_with("20"), "{}", document.added_at);
    assert_eq!(store.document_bytes(id).unwrap(), file.bytes);
    // The other records hold nothing.
    let adair = id_of(&store, "Adair County");
    assert!(
        store
            .documents_of(DocumentOwner::District(adair))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_removal_is_undone_with_its_bytes_and_the_history_names_the_file() {
    let Roster {
        dir: _dir,
        mut store,
    } = Roster::kentucky();
    let owner = adair_letter(&mut store);
    let file = letter_pdf();
    let id = store.add_document(owner, &file, "").unwrap();
    store.remove_document(id).unwrap();
    assert!(store.documents_of(owner).unwrap().is_empty());
    let storage = store.storage().unwrap();
    assert_eq!((storage.documents, storage.removed_files), (0, 1));
    assert_eq!(storage.removed_bytes, 70_000);

    let undone = store.undo().unwrap().unwrap();
    assert!(
        undone.contains("document “Adair County LoC signed.pdf”"),
        "{undone}"
    );
    assert_eq!(store.documents_of(owner).unwrap().len(), 1);
    assert_eq!(store.document_bytes(id).unwrap(), file.bytes);
    assert_eq!(store.storage().unwrap().removed_files, 0);
    // Removing it twice says it is gone.
    store.remove_document(id).unwrap();
    assert!(matches!(
        store.remove_document(id),
        Err(StoreError::NotFound("document"))
    ));
}

#[test]
fn the_same_file_on_two_records_is_kept_once() {
    let Roster {
        dir: _dir,
        mut store,
    } = Roster::kentucky();
    let owner = adair_letter(&mut store);
    let adair = DocumentOwner::District(id_of(&store, "Adair County"));
    let file = letter_pdf();
    store.add_document(owner, &file, "").unwrap();
    store.add_document(adair, &file, "").unwrap();
    let storage = store.storage().unwrap();
    assert_eq!(storage.documents, 2);
    assert_eq!(storage.document_bytes, 140_000);
    let path = store.path().to_owned();
    drop(store);
    let contents: i64 = rusqlite::Connection::open(path)
        .unwrap()
        .query_row("SELECT count(*) FROM document_content", [], |r| r.get(0))
        .unwrap();
    assert_eq!(contents, 1);
}

#[test]
fn a_file_on_a_record_that_does_not_exist_is_refused() {
    let Roster {
        dir: _dir,
        mut store,
    } = Roster::kentucky();
    let error = store
        .add_document(
            DocumentOwner::Grant(iln_roster::domain::GrantId(999)),
            &letter_pdf(),
            "",
        )
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "The grant application this refers to does not exist."
    );
    assert_eq!(
        store.storage().unwrap().removed_files,
        0,
        "nothing half-written"
    );
}

#[test]
fn letting_removed_files_go_frees_the_space_and_undo_says_it_cannot() {
    let Roster {
        dir: _dir,
        mut store,
    } = Roster::kentucky();
    let owner = adair_letter(&mut store);
    let big = NewDocument::new("scan.pdf", vec![7; 3 * 1024 * 1024]).unwrap();
    let id = store.add_document(owner, &big, "").unwrap();
    let with_file = store.storage().unwrap().file_bytes;
    store.remove_document(id).unwrap();
    assert_eq!(store.let_removed_documents_go().unwrap(), 1);
    let after = store.storage().unwrap();
    assert!(
        after.file_bytes + 3 * 1024 * 1024 <= with_file + 64 * 1024,
        "{} then {}",
        with_file,
        after.file_bytes
    );
    assert_eq!(after.removed_files, 0);
    let error = store.undo().unwrap_err().to_string();
    assert!(error.contains("let go"), "{error}");
    assert!(store.documents_of(owner).unwrap().is_empty());
}

#[test]
fn backups_carry_documents_and_a_restore_brings_them_back() {
    let Roster { dir, mut store } = Roster::kentucky();
    let owner = adair_letter(&mut store);
    let file = letter_pdf();
    let id = store.add_document(owner, &file, "").unwrap();
    let backup = dir.path().join("backup.sqlite3");
    store.backup_to(&backup).unwrap();
    store.remove_document(id).unwrap();
    let path = store.path().to_owned();
    drop(store);
    let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    backups::restore(&path, &backup, now).unwrap();
    let store = Store::open(&path).unwrap();
    assert_eq!(store.document_bytes(id).unwrap(), file.bytes);
}

#[test]
fn the_limit_is_the_domain_s() {
    assert_eq!(MAX_BYTES, 25 * 1024 * 1024);
    assert!(NewDocument::new("x.bin", vec![0; MAX_BYTES + 1]).is_err());
}

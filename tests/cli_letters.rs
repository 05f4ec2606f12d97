//! The letter's round trip and kept documents from the command line:
//! letters written (from the app's template or one of the user's), a
//! returned letter read in (a dry run writes nothing), files attached and
//! saved out byte for byte; crafted and wrong files refused with a reason.

mod common;

use std::path::Path;

use common::cli::{DISTRICTS, assert_fails_saying, roster, stdout};
use common::letters::{Answers, fill_as_word};
use iln_roster::domain::{DocumentOwner, MembershipStatus, SchoolYear};
use iln_roster::store::Store;

/// Next school year, on the computer's clock (the command line's): the
/// letters the consultant sends this spring.
fn year() -> SchoolYear {
    SchoolYear::containing(chrono::Local::now().date_naive()).next()
}

/// A roster of Kentucky's districts with Adair and Allen invited for 2027-2028.
fn invited_roster(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("roster.sqlite3");
    assert!(
        roster(&db, &["import", "districts", DISTRICTS])
            .status
            .success()
    );
    let mut store = Store::open(&db).unwrap();
    for name in ["Adair County", "Allen County"] {
        let id = common::id_of(&store, name);
        let letter = iln_roster::domain::Letter {
            invited_on: Some(year().previous().first_day()),
            ..Default::default()
        };
        store
            .save_membership(id, year(), MembershipStatus::Invited, &letter)
            .unwrap();
    }
    db
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn letters_go_to_the_invited_districts_one_file_each() {
    let dir = tempfile::tempdir().unwrap();
    let db = invited_roster(dir.path());
    let year_text = year().to_string();
    let year_arg: &str = &year_text;
    let out = dir.path().join("letters");

    let dry = roster(
        &db,
        &[
            "letters",
            "--year",
            year_arg,
            "-o",
            out.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(dry.status.success(), "{dry:?}");
    assert!(stdout(&dry).contains(&format!("Would write 2 letters for {year_text}")));
    assert!(!out.exists(), "a dry run writes nothing");

    let written = roster(
        &db,
        &["letters", "--year", year_arg, "-o", out.to_str().unwrap()],
    );
    assert!(written.status.success(), "{written:?}");
    assert_eq!(
        files_in(&out),
        [
            format!("Adair County - Letter of Commitment {year_text}.docx"),
            format!("Allen County - Letter of Commitment {year_text}.docx")
        ]
    );
    assert!(stdout(&written).contains("no superintendent on file"));

    // One district by KDE number; a year nobody is invited for says so.
    let one = roster(
        &db,
        &[
            "letters",
            "--year",
            year_arg,
            "-o",
            out.to_str().unwrap(),
            "--district",
            "001",
        ],
    );
    assert!(
        stdout(&one).contains("(replaced: the letter as written before)"),
        "{}",
        stdout(&one)
    );
    // A returned letter saved under the same name is never written over.
    let adair = out.join(format!(
        "Adair County - Letter of Commitment {year_text}.docx"
    ));
    let returned = fill_as_word(&std::fs::read(&adair).unwrap());
    std::fs::write(&adair, &returned).unwrap();
    let again = roster(
        &db,
        &["letters", "--year", year_arg, "-o", out.to_str().unwrap()],
    );
    let said = stdout(&again);
    assert!(
        said.contains("left as it is: it holds the district's answers"),
        "{said}"
    );
    assert!(
        said.contains("Wrote 1 letter") && said.contains("(1 file left as they are)"),
        "{said}"
    );
    assert_eq!(std::fs::read(&adair).unwrap(), returned);
    assert_fails_saying(
        &roster(
            &db,
            &[
                "letters",
                "--year",
                "2030-2031",
                "-o",
                out.to_str().unwrap(),
            ],
        ),
        "No district is invited for 2030-2031",
    );
    // A file where the folder should be.
    assert_fails_saying(
        &roster(
            &db,
            &["letters", "--year", year_arg, "-o", db.to_str().unwrap()],
        ),
        "is not a folder",
    );
}

#[test]
fn a_template_of_the_user_s_is_filled_and_what_it_lacks_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = invited_roster(dir.path());
    let year_text = year().to_string();
    let year_arg: &str = &year_text;
    let template_path = dir.path().join("KDE 2027.docx");
    let standard = iln_roster::io::letter_document::LetterTemplate::standard();
    let mut package = iln_roster::io::docx::Package::read(&standard.to_docx().unwrap()).unwrap();
    package.set_part(
        iln_roster::io::docx::DOCUMENT_PART,
        br#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Welcome back, {district}!</w:t></w:r></w:p></w:body></w:document>"#.to_vec(),
    );
    std::fs::write(&template_path, package.write().unwrap()).unwrap();
    let out = dir.path().join("out");
    let written = roster(
        &db,
        &[
            "letters",
            "--year",
            year_arg,
            "-o",
            out.to_str().unwrap(),
            "--district",
            "Adair County",
            "--template",
            template_path.to_str().unwrap(),
        ],
    );
    assert!(written.status.success(), "{written:?}");
    let report = stdout(&written);
    assert!(report.contains("Missing {year}"), "{report}");
    assert!(
        report.contains("No fields for the district to fill"),
        "{report}"
    );
    let letter = std::fs::read(out.join(format!(
        "Adair County - Letter of Commitment {year_text}.docx"
    )))
    .unwrap();
    let package = iln_roster::io::docx::Package::read(&letter).unwrap();
    let text = iln_roster::io::docx::text_of(package.document_xml().unwrap()).unwrap();
    assert_eq!(text, "Welcome back, Adair County!\n");

    // Not a Word file at all.
    let bogus = dir.path().join("bogus.docx");
    std::fs::write(&bogus, b"just text").unwrap();
    assert_fails_saying(
        &roster(
            &db,
            &[
                "letters",
                "--year",
                year_arg,
                "-o",
                out.to_str().unwrap(),
                "--template",
                bogus.to_str().unwrap(),
            ],
        ),
        "cannot be a letter template",
    );
}

#[test]
fn a_returned_letter_is_read_in_after_a_dry_run_that_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = invited_roster(dir.path());
    let year_text = year().to_string();
    let year_arg: &str = &year_text;
    let out = dir.path().join("letters");
    assert!(
        roster(
            &db,
            &["letters", "--year", year_arg, "-o", out.to_str().unwrap()]
        )
        .status
        .success()
    );
    let sent = std::fs::read(out.join(format!(
        "Adair County - Letter of Commitment {year_text}.docx"
    )))
    .unwrap();
    let returned = dir.path().join("LoC signed.docx");
    std::fs::write(&returned, fill_as_word(&sent)).unwrap();
    let before = std::fs::read(&db).unwrap();

    let dry = roster(
        &db,
        &["import", "letter", returned.to_str().unwrap(), "--dry-run"],
    );
    assert!(dry.status.success(), "{dry:?}");
    let said = stdout(&dry);
    assert!(
        said.contains("Adair County (KDE number 001): recorded in the file"),
        "{said}"
    );
    assert!(
        said.contains("Fills       Learning goal: (empty) → How might we assess"),
        "{said}"
    );
    assert!(
        said.contains(&format!(
            "Would fill Adair County's letter for {year_text} (Invited → Received)"
        )),
        "{said}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let taken = roster(&db, &["import", "letter", returned.to_str().unwrap()]);
    assert!(taken.status.success(), "{taken:?}");
    let store = Store::open(&db).unwrap();
    let adair = common::id_of(&store, "Adair County");
    let membership = store.membership_of(adair, year()).unwrap().unwrap();
    assert_eq!(membership.status, MembershipStatus::Received);
    assert_eq!(membership.letter.plans, Answers::PLANS);
    let kept = store
        .documents_of(DocumentOwner::Letter(membership.id))
        .unwrap();
    assert_eq!(kept[0].name, "LoC signed.docx");
    drop(store);

    // Read in again: nothing to change, and the file is not kept twice.
    let again = roster(&db, &["import", "letter", returned.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("already says all of this"),
        "{again:?}"
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(
        store
            .documents_of(DocumentOwner::Letter(membership.id))
            .unwrap()
            .len(),
        1
    );
    drop(store);

    // Another district's letter, or another year's, is not taken for this one.
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "letter",
                returned.to_str().unwrap(),
                "--district",
                "Allen County",
            ],
        ),
        "The file is Adair County's letter.",
    );
    let other_year = year().next().to_string();
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "letter",
                returned.to_str().unwrap(),
                "--year",
                &other_year,
            ],
        ),
        &format!("The file is a letter for {year_text}."),
    );
    // A file that names two districts is not taken for either.
    let mut package =
        iln_roster::io::docx::Package::read(&std::fs::read(&returned).unwrap()).unwrap();
    let xml = package
        .document_xml()
        .unwrap()
        .replace("District: Adair County", "District: Allen County");
    package.set_part(iln_roster::io::docx::DOCUMENT_PART, xml.into_bytes());
    let mixed = dir.path().join("mixed.docx");
    std::fs::write(&mixed, package.write().unwrap()).unwrap();
    assert_fails_saying(
        &roster(
            &db,
            &["import", "letter", mixed.to_str().unwrap(), "--dry-run"],
        ),
        "The file records Adair County's KDE number, but the letter names Allen County.",
    );
    // The letter as it was sent, returned untouched, fills nothing.
    let allen = out.join(format!(
        "Allen County - Letter of Commitment {year_text}.docx"
    ));
    assert_fails_saying(
        &roster(
            &db,
            &["import", "letter", allen.to_str().unwrap(), "--dry-run"],
        ),
        "none of the district's answers",
    );
}

#[test]
fn what_is_not_a_letter_is_refused_with_its_reason_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = invited_roster(dir.path());
    let year_text = year().to_string();
    let year_arg: &str = &year_text;
    let noise = dir.path().join("noise.docx");
    std::fs::write(
        &noise,
        (0..5000u32)
            .map(|i| (i * 7919 % 251) as u8)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    assert_fails_saying(
        &roster(&db, &["import", "letter", noise.to_str().unwrap()]),
        "not a Word document",
    );
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, b"%PDF-1.7\n%%EOF").unwrap();
    let refused = roster(&db, &["import", "letter", pdf.to_str().unwrap()]);
    assert_fails_saying(&refused, "The PDF could not be read");
    assert_fails_saying(&refused, "iln-roster attach");
    // A letter that does not say whose it is needs --district.
    let blank = iln_roster::io::docx::Package::from_parts([
        ("[Content_Types].xml".to_owned(), b"<Types/>".to_vec()),
        (
            iln_roster::io::docx::DOCUMENT_PART.to_owned(),
            br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Plans of Action: Looking ahead, how does your district plan to support innovative practices and systems that promote vibrant learning experiences for every student, innovation in assessment and collaboration with communities? More portfolios. Learning Goal(s) or Inquiry Question:</w:t></w:r></w:p></w:body></w:document>"#.to_vec(),
        ),
    ])
    .write()
    .unwrap();
    let unnamed = dir.path().join("letter.docx");
    std::fs::write(&unnamed, blank).unwrap();
    assert_fails_saying(
        &roster(
            &db,
            &[
                "import",
                "letter",
                unnamed.to_str().unwrap(),
                "--year",
                year_arg,
            ],
        ),
        "Which district is this letter for?",
    );
    let store = Store::open(&db).unwrap();
    assert_eq!(store.storage().unwrap().documents, 0);
}

#[test]
fn files_are_attached_to_records_and_saved_out_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = invited_roster(dir.path());
    let year_text = year().to_string();
    let year_arg: &str = &year_text;
    let receipt = dir.path().join("receipt.pdf");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(10_000).collect();
    std::fs::write(&receipt, &bytes).unwrap();
    let attach = |args: &[&str]| {
        let mut all = vec!["attach", receipt.to_str().unwrap()];
        all.extend_from_slice(args);
        roster(&db, &all)
    };
    let kept = attach(&["--letter", "001", "--year", year_arg]);
    assert!(
        stdout(&kept).contains(&format!(
            "Kept “receipt.pdf” (9.8 KB) on Adair County · Letter {year_text}"
        )),
        "{kept:?}"
    );
    assert!(attach(&["--district", "Allen County"]).status.success());
    let dry = attach(&["--district", "001", "--dry-run"]);
    assert!(stdout(&dry).starts_with("Would keep"));
    assert_fails_saying(
        &attach(&["--grant", "999"]),
        "There is no grant application No. 999",
    );
    assert_fails_saying(
        &attach(&["--letter", "Bell County", "--year", year_arg]),
        &format!("Bell County has no letter for {year_text}"),
    );

    // The roster itself, a folder and a file over the limit are refused.
    let db_text = db.to_str().unwrap();
    assert_fails_saying(
        &roster(&db, &["attach", db_text, "--district", "001"]),
        "is a roster database",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["attach", dir.path().to_str().unwrap(), "--district", "001"],
        ),
        "is not a file",
    );
    let big = dir.path().join("video.mp4");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(30 * 1024 * 1024)
        .unwrap();
    assert_fails_saying(
        &roster(&db, &["attach", big.to_str().unwrap(), "--district", "001"]),
        "“video.mp4” is 30.0 MB; the roster keeps files up to 25.0 MB.",
    );

    let out = dir.path().join("documents");
    let dry = roster(
        &db,
        &[
            "export",
            "documents",
            "-o",
            out.to_str().unwrap(),
            "--dry-run",
        ],
    );
    assert!(stdout(&dry).contains("Would save 2 documents"), "{dry:?}");
    assert!(!out.exists());
    let saved = roster(&db, &["export", "documents", "-o", out.to_str().unwrap()]);
    assert!(saved.status.success(), "{saved:?}");
    assert_eq!(
        std::fs::read(out.join(format!("Adair County/Letter {year_text}/receipt.pdf"))).unwrap(),
        bytes
    );
    assert_eq!(
        std::fs::read(out.join("Allen County/District/receipt.pdf")).unwrap(),
        bytes
    );
    // Saved again: the same files are left; a file changed there since is
    // never written over (the document comes beside it).
    let allen = out.join("Allen County/District/receipt.pdf");
    std::fs::write(&allen, b"my notes").unwrap();
    let again = roster(&db, &["export", "documents", "-o", out.to_str().unwrap()]);
    assert!(
        stdout(&again).contains("receipt.pdf (9.8 KB), already there"),
        "{again:?}"
    );
    assert_eq!(std::fs::read(&allen).unwrap(), b"my notes");
    assert_eq!(
        std::fs::read(out.join("Allen County/District/receipt (2).pdf")).unwrap(),
        bytes
    );
    // A name as long as names go is cut to fit, its extension kept.
    let long = dir.path().join(format!("{}.pdf", "é".repeat(120)));
    std::fs::write(&long, b"x").unwrap();
    assert!(
        roster(
            &db,
            &["attach", long.to_str().unwrap(), "--district", "001"]
        )
        .status
        .success()
    );
    // The same bytes again on the same record are refused; new ones of
    // the same (long) name are kept beside them.
    assert_fails_saying(
        &roster(
            &db,
            &["attach", long.to_str().unwrap(), "--district", "001"],
        ),
        "keeps that file already",
    );
    std::fs::write(&long, b"y").unwrap();
    assert!(
        roster(
            &db,
            &["attach", long.to_str().unwrap(), "--district", "001"]
        )
        .status
        .success()
    );
    let saved = roster(&db, &["export", "documents", "-o", out.to_str().unwrap()]);
    assert!(saved.status.success(), "{saved:?}");
    assert_fails_saying(
        &roster(&db, &["export", "documents", "-o", db_text]),
        "is not a folder",
    );
}

#[test]
fn the_app_s_letter_saved_as_a_template_writes_the_same_letters() {
    let dir = tempfile::tempdir().unwrap();
    let db = invited_roster(dir.path());
    let year_text = year().to_string();
    let template = dir.path().join("LoC template.docx");
    let saved = roster(&db, &["letter-template", "-o", template.to_str().unwrap()]);
    assert!(saved.status.success(), "{saved:?}");
    assert_fails_saying(
        &roster(&db, &["letter-template", "-o", db.to_str().unwrap()]),
        "is there already",
    );
    let out = dir.path().join("out");
    let written = roster(
        &db,
        &[
            "letters",
            "--year",
            &year_text,
            "-o",
            out.to_str().unwrap(),
            "--district",
            "001",
            "--template",
            template.to_str().unwrap(),
        ],
    );
    let report = stdout(&written);
    assert!(
        report.contains("All 18 fields the district fills are there."),
        "{report}"
    );
    assert!(!report.contains('⚠'), "{report}");
}

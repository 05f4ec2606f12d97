//! The letter season in the window, driven headless: a returned letter
//! dropped on the Memberships screen, reviewed and taken in; documents kept
//! on a letter (attached, opened byte for byte, removed, undone); a file
//! over the limit refused where the user looks; the year's letters written.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use common::letters::{Answers, adair_in, fill_as_word};
use common::{AppUnderTest, date, open_app, open_app_sized, this_year};
use egui::Key;
use egui_kittest::kittest::Queryable as _;
use iln_roster::domain::{
    BigIdea, ContactFields, ContactRole, DocumentOwner, Letter, MembershipStatus,
};
use iln_roster::io::letter_document::LetterTemplate;
use iln_roster::store::Store;
use iln_roster::ui::Section;

/// A file as the window system hands a dropped one to the app.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn drop_file(app: &mut AppUnderTest, path: &Path) {
    app.harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(path.to_path_buf())));
    app.run();
}

/// Adair County invited for this year, its superintendent on file.
fn invited(store: &mut Store) {
    let adair = common::id_of(store, "Adair County");
    store
        .insert_contact(
            adair,
            &ContactFields {
                name: "Pat Doe".into(),
                email: "pat.doe@adair.kyschools.us".into(),
                role: ContactRole::Superintendent,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let letter = Letter {
        invited_on: Some(this_year().first_day()),
        ..Letter::default()
    };
    store
        .save_membership(adair, this_year(), MembershipStatus::Invited, &letter)
        .unwrap();
}

#[test]
fn a_returned_letter_dropped_on_memberships_is_reviewed_then_fills_the_letter() {
    let mut app = open_app(Section::Memberships, invited);
    let letter = LetterTemplate::standard()
        .write_letter(&adair_in(this_year()))
        .unwrap();
    let file = app.folder().join("Adair County signed.docx");
    let filled = fill_as_word(&letter);
    std::fs::write(&file, &filled).unwrap();

    drop_file(&mut app, &file);
    assert!(app.shows("Returned letter"));
    assert!(app.shows_containing("recorded in the file when the app wrote it"));
    assert!(
        app.shows(Answers::PLANS),
        "the letter's plans in the review"
    );
    assert!(app.shows("Status: Invited → Received"));
    let adair = common::id_of(app.store(), "Adair County");
    assert_eq!(
        app.store()
            .membership_of(adair, this_year())
            .unwrap()
            .unwrap()
            .status,
        MembershipStatus::Invited,
        "nothing written before the review is confirmed"
    );

    app.click_button("Fill the letter");
    let membership = app
        .store()
        .membership_of(adair, this_year())
        .unwrap()
        .unwrap();
    assert_eq!(membership.status, MembershipStatus::Received);
    assert_eq!(membership.letter.reflections, Answers::REFLECTIONS);
    assert_eq!(membership.letter.learning_goal, Answers::GOAL);
    assert_eq!(membership.letter.district_signatory, "Pat Doe");
    assert_eq!(membership.letter.district_signed_on, Some(date(2027, 5, 3)));
    assert!(
        membership
            .letter
            .big_ideas
            .contains(&BigIdea::VibrantLearning)
    );
    assert_eq!(membership.letter.points_of_contact.len(), 2);
    let kept = app
        .store()
        .documents_of(DocumentOwner::Letter(membership.id))
        .unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(app.store().document_bytes(kept[0].id).unwrap(), filled);
    assert!(
        app.status().starts_with("Filled Adair County's letter"),
        "{}",
        app.status()
    );
    // The form shows the letter it filled.
    assert_eq!(app.field_text("Plans of action"), Answers::PLANS);

    // One change: one Undo takes all of it back.
    app.press_command(Key::Z);
    let membership = app
        .store()
        .membership_of(adair, this_year())
        .unwrap()
        .unwrap();
    assert_eq!(membership.status, MembershipStatus::Invited);
    assert!(membership.letter.reflections.is_empty());
    assert!(
        app.store()
            .documents_of(DocumentOwner::Letter(membership.id))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_file_that_is_not_a_letter_is_said_so_and_can_still_be_kept() {
    let mut app = open_app(Section::Memberships, invited);
    let file = app.folder().join("scan.pdf");
    std::fs::write(&file, b"%PDF-1.4\nnot really a pdf").unwrap();
    drop_file(&mut app, &file);
    assert!(
        app.shows_containing("It could not be read"),
        "the reason is shown"
    );
    assert!(!app.shows("Fill the letter"));
    // The district is not known from the file: chosen here.
    app.choose("District", "Adair County");
    app.click_button("Keep it on the letter");
    let adair = common::id_of(app.store(), "Adair County");
    let membership = app
        .store()
        .membership_of(adair, this_year())
        .unwrap()
        .unwrap();
    let kept = app
        .store()
        .documents_of(DocumentOwner::Letter(membership.id))
        .unwrap();
    assert_eq!(kept.len(), 1, "{}", app.status());
    assert_eq!(kept[0].name, "scan.pdf");
}

/// The app on a roster with Adair County's letter received, its form open,
/// in a window tall enough to show the whole form.
fn letter_form_open() -> AppUnderTest {
    let mut app = open_app_sized(egui::vec2(1440.0, 2400.0), Section::Memberships, |store| {
        let adair = common::id_of(store, "Adair County");
        let letter = Letter {
            received_on: Some(this_year().first_day()),
            ..Letter::default()
        };
        store
            .save_membership(adair, this_year(), MembershipStatus::Received, &letter)
            .unwrap();
    });
    app.click("Adair County");
    app
}

#[test]
fn documents_on_a_letter_are_attached_opened_removed_and_undone() {
    let mut app = letter_form_open();
    app.harness.state_mut().note_opened_files();
    assert!(app.shows("Documents (0)"));
    let receipt = app.folder().join("Signed LoC.pdf");
    let bytes: Vec<u8> = (0..=255u8).cycle().take(40_000).collect();
    std::fs::write(&receipt, &bytes).unwrap();

    app.click_button("Attach…");
    app.type_into("File to keep", &receipt.display().to_string());
    app.press(Key::Enter);
    assert!(app.shows("Documents (1)"), "{}", app.status());
    assert!(
        app.status()
            .starts_with("Kept “Signed LoC.pdf” (39.1 KB) on Adair County")
    );

    // Opened: the viewer gets the very bytes kept.
    app.click("Signed LoC.pdf");
    let opened = app.harness.state().opened_files().to_vec();
    assert_eq!(opened.len(), 1);
    assert_eq!(std::fs::read(&opened[0]).unwrap(), bytes);

    app.click_button("Remove “Signed LoC.pdf”");
    assert!(app.shows("Documents (1)"), "asked once more first");
    app.click_button("Remove it");
    assert!(app.shows("Documents (0)"));
    app.press_command(Key::Z);
    assert!(app.shows("Documents (1)"), "Undo brings it back");
    let adair = common::id_of(app.store(), "Adair County");
    let id = app
        .store()
        .membership_of(adair, this_year())
        .unwrap()
        .unwrap()
        .id;
    let kept = app.store().documents_of(DocumentOwner::Letter(id)).unwrap();
    assert_eq!(app.store().document_bytes(kept[0].id).unwrap(), bytes);
}

#[test]
fn a_file_over_the_limit_is_refused_in_the_form() {
    let mut app = letter_form_open();
    let video = app.folder().join("board meeting.mp4");
    let file = std::fs::File::create(&video).unwrap();
    file.set_len(26 * 1024 * 1024).unwrap();
    app.click_button("Attach…");
    app.type_into("File to keep", &video.display().to_string());
    app.press(Key::Enter);
    let said = "“board meeting.mp4” is 26.0 MB; the roster keeps files up to 25.0 MB.";
    // In the form's documents (and the status bar).
    assert_eq!(app.harness.query_all_by_label_contains(said).count(), 2);
    assert!(app.status().contains(said));
    assert!(app.shows("Documents (0)"));
    assert_eq!(app.store().storage().unwrap().documents, 0);
}

#[test]
fn the_year_s_letters_are_written_into_a_folder() {
    let mut app = open_app(Section::Memberships, |store| {
        invited(store);
        let allen = common::id_of(store, "Allen County");
        let letter = Letter {
            invited_on: Some(this_year().first_day()),
            ..Letter::default()
        };
        store
            .save_membership(allen, this_year(), MembershipStatus::Invited, &letter)
            .unwrap();
    });
    let folder = app.folder().join("letters");
    app.click_button("Letters ▾");
    app.click_button("Write letters…");
    assert!(app.shows_containing(&format!("The districts invited for {} (2)", this_year())));
    app.retype("Into", &folder.display().to_string());
    app.click_button("Write 2 letters");
    assert!(app.shows_containing("Wrote 2 letters into"));
    let adair = folder.join(format!(
        "Adair County - Letter of Commitment {}.docx",
        this_year()
    ));
    let found = iln_roster::io::letter_document::read_letter(
        &std::fs::read(&adair).unwrap(),
        "Adair County.docx",
    )
    .unwrap();
    assert_eq!(
        found.superintendent.as_deref(),
        Some("Pat Doe <pat.doe@adair.kyschools.us>")
    );
    assert!(
        folder
            .join(format!(
                "Allen County - Letter of Commitment {}.docx",
                this_year()
            ))
            .exists()
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

/// Renewals: drafts made for the districts to chase, then "last reminded
/// today" on the list, and the draft logged on the district.
#[test]
fn renewal_drafts_are_made_and_the_list_says_last_reminded_today() {
    let mut app = open_app(Section::Memberships, |store| {
        let adair = common::id_of(store, "Adair County");
        let last = this_year().previous();
        store
            .insert_contact(
                adair,
                &ContactFields {
                    name: "Pat Doe".into(),
                    email: "pat.doe@adair.kyschools.us".into(),
                    role: ContactRole::Superintendent,
                    active: true,
                    ..ContactFields::default()
                },
            )
            .unwrap();
        store
            .save_membership(
                adair,
                last,
                MembershipStatus::Active,
                &common::signed_in(last),
            )
            .unwrap();
        let letter = Letter {
            invited_on: Some(this_year().first_day()),
            ..Letter::default()
        };
        store
            .save_membership(adair, this_year(), MembershipStatus::Invited, &letter)
            .unwrap();
    });
    app.click("Renewals (1)");
    assert!(!app.shows("today"));
    app.click_button("✉ Drafts…");
    let folder = app.folder().join("drafts");
    app.retype("Into", &folder.display().to_string());
    app.click_button("Write 1 draft as .eml");
    let file = folder.join("Adair County - renewal-invitation.eml");
    assert!(file.exists(), "{}", app.status());
    assert!(
        app.status().starts_with("Wrote 1 draft into"),
        "{}",
        app.status()
    );
    assert!(app.shows("today"), "last reminded today");
    let adair = common::id_of(app.store(), "Adair County");
    let log = app.store().contact_log_of(adair).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].sent_on, common::today());
    // The letter's form lists the message too.
    app.click("Letters");
    app.click("Adair County");
    assert!(app.shows("Messages (1)"));
    assert!(app.shows("Invitation to renew"));
}

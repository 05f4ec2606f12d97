//! E-mail drafts from the command line: the templates listed, one `.eml`
//! per district of a list (parsed back), left-out districts said, a dry
//! run that writes and logs nothing, and each draft logged on its district.

mod common;

use common::cli::{DISTRICTS, assert_fails_saying, roster, stdout};
use iln_roster::domain::{ContactFields, ContactRole, Letter, MembershipStatus, SchoolYear};
use iln_roster::store::Store;
use mail_parser::MessageParser;

fn year() -> SchoolYear {
    SchoolYear::containing(chrono::Local::now().date_naive())
}

/// Adair and Allen active last year; Adair invited this year, Allen not yet.
fn renewals_roster(dir: &std::path::Path) -> std::path::PathBuf {
    let db = dir.join("roster.sqlite3");
    assert!(
        roster(&db, &["import", "districts", DISTRICTS])
            .status
            .success()
    );
    let mut store = Store::open(&db).unwrap();
    let last = year().previous();
    for name in ["Adair County", "Allen County"] {
        let id = common::id_of(&store, name);
        store
            .insert_contact(
                id,
                &ContactFields {
                    name: format!("Superintendent of {name}"),
                    email: format!(
                        "super@{}.kyschools.us",
                        name.split(' ').next().unwrap().to_lowercase()
                    ),
                    role: ContactRole::Superintendent,
                    active: true,
                    ..ContactFields::default()
                },
            )
            .unwrap();
        store
            .save_membership(id, last, MembershipStatus::Active, &common::signed_in(last))
            .unwrap();
    }
    let adair = common::id_of(&store, "Adair County");
    let invited = Letter {
        invited_on: Some(year().first_day()),
        ..Letter::default()
    };
    store
        .save_membership(adair, year(), MembershipStatus::Invited, &invited)
        .unwrap();
    db
}

#[test]
fn the_templates_are_listed_by_the_names_drafts_takes() {
    let dir = tempfile::tempdir().unwrap();
    let listed = stdout(&roster(
        &dir.path().join("none.sqlite3"),
        &["drafts", "--list"],
    ));
    for key in ["renewal-invitation", "missing-letter", "trip-report-due"] {
        assert!(listed.contains(key), "{listed}");
    }
}

#[test]
fn renewal_reminders_are_written_parsed_back_and_logged() {
    let dir = tempfile::tempdir().unwrap();
    let db = renewals_roster(dir.path());
    let out = dir.path().join("drafts");
    let year_text = year().to_string();
    let before = std::fs::read(&db).unwrap();
    let dry = roster(
        &db,
        &[
            "drafts",
            "--template",
            "missing-letter",
            "--to",
            "renewals",
            "--year",
            &year_text,
            "-o",
            out.to_str().unwrap(),
            "--dry-run",
        ],
    );
    let said = stdout(&dry);
    assert!(
        said.contains("Left out Allen County: {days since invited} has no value"),
        "{said}"
    );
    assert!(said.contains("Would write 1 draft"), "{said}");
    assert!(!out.exists());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "a dry run writes nothing"
    );

    let made = roster(
        &db,
        &[
            "drafts",
            "--template",
            "missing-letter",
            "--to",
            "renewals",
            "--year",
            &year_text,
            "--cc",
            "robert.collins@education.ky.gov",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(made.status.success(), "{made:?}");
    let file = out.join("Adair County - missing-letter.eml");
    let bytes = std::fs::read(&file).unwrap();
    let message = MessageParser::default().parse(&bytes).unwrap();
    assert_eq!(message.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        message.to().unwrap().first().unwrap().address(),
        Some("super@adair.kyschools.us")
    );
    assert_eq!(
        message.cc().unwrap().first().unwrap().address(),
        Some("robert.collins@education.ky.gov")
    );
    assert_eq!(
        message.subject(),
        Some(
            format!("Reminder: Adair County's KY ILN Letter of Commitment for {year_text}")
                .as_str()
        )
    );
    assert!(
        message
            .body_text(0)
            .unwrap()
            .contains("Dear Superintendent of Adair County")
    );

    let store = Store::open(&db).unwrap();
    let adair = common::id_of(&store, "Adair County");
    let log = store.contact_log_of(adair).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].template, "missing-letter");
    assert_eq!(
        log[0].recipients,
        "Superintendent of Adair County <super@adair.kyschools.us>"
    );
    drop(store);
    let history = stdout(&roster(&db, &["history", "--limit", "1"]));
    assert!(
        history.contains("Added message “Reminder: Adair County's"),
        "{history}"
    );

    // Again: the first file is kept; the new draft comes beside it.
    assert!(
        roster(
            &db,
            &[
                "drafts",
                "--template",
                "missing-letter",
                "--to",
                "renewals",
                "--year",
                &year_text,
                "-o",
                out.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    assert!(out.join("Adair County - missing-letter (2).eml").exists());
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
}

#[test]
fn an_invitation_to_renew_carries_the_district_s_letter() {
    let dir = tempfile::tempdir().unwrap();
    let db = renewals_roster(dir.path());
    let out = dir.path().join("drafts");
    let year_text = year().to_string();
    assert!(
        roster(
            &db,
            &[
                "drafts",
                "--template",
                "renewal-invitation",
                "--to",
                "renewals",
                "--year",
                &year_text,
                "-o",
                out.to_str().unwrap()
            ]
        )
        .status
        .success()
    );
    let bytes = std::fs::read(out.join("Allen County - renewal-invitation.eml")).unwrap();
    let message = MessageParser::default().parse(&bytes).unwrap();
    let letter = message.attachments().next().expect("the letter");
    let found =
        iln_roster::io::letter_document::read_letter(letter.contents(), "letter.docx").unwrap();
    assert_eq!(found.kde_number.as_deref(), Some("005"));
}

#[test]
fn a_wrong_template_list_or_address_is_refused_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = renewals_roster(dir.path());
    let out = dir.path().join("drafts");
    let o = out.to_str().unwrap();
    assert_fails_saying(
        &roster(
            &db,
            &[
                "drafts",
                "--template",
                "renewal",
                "--to",
                "renewals",
                "-o",
                o,
            ],
        ),
        "There is no template “renewal”",
    );
    assert_fails_saying(
        &roster(
            &db,
            &[
                "drafts",
                "--template",
                "grant-awarded",
                "--to",
                "everyone",
                "-o",
                o,
            ],
        ),
        "say renewals, flagged, members, convening:ID or grant:ID",
    );
    assert_fails_saying(
        &roster(
            &db,
            &[
                "drafts",
                "--template",
                "grant-awarded",
                "--to",
                "grant:x",
                "-o",
                o,
            ],
        ),
        "is not a grant application number",
    );
    assert_fails_saying(
        &roster(
            &db,
            &[
                "drafts",
                "--template",
                "missing-letter",
                "--to",
                "renewals",
                "--cc",
                "not an address",
                "-o",
                o,
            ],
        ),
        "is neither an email address nor a person of the network",
    );
    assert!(!out.exists());
}

#[test]
fn a_template_is_shown_reworded_refused_and_reset_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = renewals_roster(dir.path());
    let shown = stdout(&roster(&db, &["email-template", "missing-letter"]));
    assert!(
        shown.starts_with("Subject: Reminder: {district}'s KY ILN Letter"),
        "{shown}"
    );
    assert!(shown.contains("Placeholders: {district}"), "{shown}");

    // Written in Notepad on Windows: Windows-1252, CRLF line ends.
    let body = dir.path().join("body.txt");
    std::fs::write(
        &body,
        b"Dear {superintendent},\r\n\r\nWe\x92re still waiting for {district}\x92s letter.\r\n",
    )
    .unwrap();
    let args = [
        "email-template",
        "missing-letter",
        "--subject",
        "Still waiting: {district}",
        "--body-file",
        body.to_str().unwrap(),
    ];
    let dry = roster(&db, &[&args[..], &["--dry-run"]].concat());
    assert!(
        stdout(&dry).contains("dry run: nothing kept"),
        "{}",
        stdout(&dry)
    );
    let name = iln_roster::domain::email::TemplateName::MissingLetter;
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.email_template(name).unwrap(), name.standard());
    drop(store);

    let kept = roster(&db, &args);
    assert!(
        stdout(&kept).starts_with("Kept the wording"),
        "{}",
        stdout(&kept)
    );
    let store = Store::open_read_only(&db).unwrap();
    let template = store.email_template(name).unwrap();
    assert_eq!(template.subject, "Still waiting: {district}");
    assert_eq!(
        template.body,
        "Dear {superintendent},\n\nWe’re still waiting for {district}’s letter."
    );
    drop(store);
    let listed = stdout(&roster(&db, &["drafts", "--list"]));
    assert!(
        listed.contains("(reworded) — “Still waiting: {district}”"),
        "{listed}"
    );

    // Refused, and nothing changes: a typo, an empty subject, a binary
    // file, a missing file, a template nobody has.
    let refusals: [(&[&str], &str); 5] = [
        (
            &["--subject", "For {distrct}"],
            "{distrct} is not a placeholder the app knows",
        ),
        (&["--subject", "  "], "The subject is empty"),
        (&["--body-file", db.to_str().unwrap()], "not a text file"),
        (
            &["--body-file", "/no/such/body.txt"],
            "Could not read /no/such/body.txt",
        ),
        (&["--reset", "--subject", "x"], "cannot be used with"),
    ];
    for (extra, says) in refusals {
        let output = roster(
            &db,
            &[&["email-template", "missing-letter"][..], extra].concat(),
        );
        assert_fails_saying(&output, says);
    }
    assert_fails_saying(
        &roster(&db, &["email-template", "thank-you", "--reset"]),
        "There is no template “thank-you”",
    );
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.email_template(name).unwrap(), template, "unchanged");
    drop(store);

    let reset = roster(&db, &["email-template", "missing-letter", "--reset"]);
    assert!(
        stdout(&reset).contains("is the app's own text"),
        "{}",
        stdout(&reset)
    );
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.email_template(name).unwrap(), name.standard());
}

/// What a hostile first use found: a Cc typed as `"Name" <email>` is read
/// as one person, a Cc already on the To line is not copied again, a bare
/// address has no empty name, a half address is refused, and a template
/// that says something untrue of the list writes nothing.
#[test]
fn cc_is_read_as_people_type_it_and_an_untrue_template_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = renewals_roster(dir.path());
    let out = dir.path().join("drafts");
    let o = out.to_str().unwrap();
    let year_text = year().to_string();
    let drafts = |extra: &[&str]| {
        let mut args = vec![
            "drafts",
            "--template",
            "missing-letter",
            "--to",
            "renewals",
            "--year",
            &year_text,
            "-o",
            o,
        ];
        args.extend_from_slice(extra);
        roster(&db, &args)
    };
    assert_fails_saying(
        &drafts(&["--cc", "a@b"]),
        "is neither an email address nor a person of the network",
    );
    assert_fails_saying(
        &drafts(&["--cc", "é@exämple.com"]),
        "is neither an email address nor a person of the network",
    );
    let made = drafts(&[
        "--cc",
        "\"Hamby, Travis\" <travis@education.ky.gov>",
        "--cc",
        "robert.collins@education.ky.gov",
        "--cc",
        "SUPER@adair.kyschools.us",
    ]);
    assert!(made.status.success(), "{made:?}");
    let bytes = std::fs::read(out.join("Adair County - missing-letter.eml")).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("\"\" <"), "no empty name: {text}");
    let message = MessageParser::default().parse(&bytes).unwrap();
    let cc: Vec<(Option<&str>, Option<&str>)> = message
        .cc()
        .unwrap()
        .iter()
        .map(|a| (a.name(), a.address()))
        .collect();
    assert_eq!(
        cc,
        [
            (Some("Hamby, Travis"), Some("travis@education.ky.gov")),
            (None, Some("robert.collins@education.ky.gov"))
        ],
        "the superintendent is on the To line, not copied"
    );

    // A grant-awarded message to districts with no grant: nothing fits,
    // nothing is written, and the command fails saying why.
    let elsewhere = dir.path().join("none");
    let refused = roster(
        &db,
        &[
            "drafts",
            "--template",
            "grant-awarded",
            "--to",
            "renewals",
            "--year",
            &year_text,
            "-o",
            elsewhere.to_str().unwrap(),
        ],
    );
    assert_fails_saying(&refused, "No draft could be made");
    assert!(!elsewhere.exists());
    assert_fails_saying(
        &roster(
            &db,
            &[
                "drafts",
                "--template",
                "grant-awarded",
                "--to",
                "convening:-1",
                "-o",
                o,
            ],
        ),
        "There is no convening number -1",
    );
}

//! Reaching the network's people from the window, headless: people of the
//! network kept and chosen as an organiser; a convening's time, zone and
//! calendar entry; a template reworded (an unknown placeholder refused as
//! typed) and kept; a draft opened in the mail program and logged; the
//! renewals filtered to those not reminded this week.

mod common;

use common::{day, id_of, open_app_sized, this_year};
use egui_kittest::kittest::Queryable as _;
use iln_roster::domain::email::TemplateName;
use iln_roster::domain::{
    ContactFields, ContactRole, ConveningFields, GrantFields, GrantStatus, KentuckyTime, Letter,
    MembershipStatus, Money, NetworkPersonFields, NetworkRole,
};
use iln_roster::store::{ContactEntry, Store};
use iln_roster::ui::Section;

const TALL: egui::Vec2 = egui::vec2(1280.0, 1500.0);

fn dana() -> NetworkPersonFields {
    NetworkPersonFields {
        name: "Dana Frost".into(),
        organisation: "KDE Division of Innovation".into(),
        email: "dana.frost@education.ky.gov".into(),
        role: NetworkRole::KdeStaff,
        cc_on_drafts: true,
        active: true,
        ..NetworkPersonFields::default()
    }
}

#[test]
fn a_person_of_the_network_is_added_from_the_districts_screen() {
    let mut app = open_app_sized(TALL, Section::Districts, |_| {});
    app.click_button("👥 People of the network (0)");
    assert!(app.shows_containing("Nobody yet"));
    app.click_button("➕ Add a person");
    app.type_into("Name", "Lena Ortiz");
    app.type_into("Email", "not an address");
    app.click_button("Save");
    assert!(app.store().network_people().unwrap().is_empty());
    assert!(
        app.shows_containing("email"),
        "the email is refused where it is"
    );
    app.retype("Email", "lena.ortiz@grrec.ky.gov");
    app.type_into(
        "Organisation",
        "Green River Regional Educational Cooperative",
    );
    app.choose("Role", "Cooperative staff");
    app.click("Cc on drafts");
    app.click_button("Save");
    let people = app.store().network_people().unwrap();
    assert_eq!(people.len(), 1, "{}", app.status());
    let lena = &people[0].fields;
    assert_eq!(lena.email, "lena.ortiz@grrec.ky.gov");
    assert_eq!(lena.role, NetworkRole::CooperativeStaff);
    assert!(lena.cc_on_drafts && lena.active);
    assert!(app.shows("Lena Ortiz"), "listed in the window");
}

#[test]
fn a_convening_gets_its_time_organiser_and_calendar_entry() {
    let mut app = open_app_sized(TALL, Section::Convenings, |store| {
        store.insert_network_person(&dana()).unwrap();
        store
            .insert_convening(&ConveningFields {
                held_on: day(100),
                title: "Winter convening".into(),
                ..ConveningFields::default()
            })
            .unwrap();
    });
    app.click("Winter convening");
    app.type_into("Starts", "9:30 am");
    app.type_into("Ends", "9");
    app.press(egui::Key::Tab);
    assert!(
        app.shows_containing("Ends after it starts"),
        "9 AM is before 9:30 AM"
    );
    app.retype("Ends", "2:30 PM");
    app.choose("Time zone", KentuckyTime::Central.label());
    app.choose("Organiser", "Dana Frost (KDE Division of Innovation)");
    app.retype("Description", "Bring your learning goal.");
    app.click_button("Save");
    let stored = app.store().convenings_in(this_year()).unwrap()[0]
        .convening
        .clone();
    assert_eq!(
        stored.fields.starts_at,
        chrono::NaiveTime::from_hms_opt(9, 30, 0)
    );
    assert_eq!(
        stored.fields.ends_at,
        chrono::NaiveTime::from_hms_opt(14, 30, 0)
    );
    assert_eq!(stored.fields.time_zone, KentuckyTime::Central);
    assert!(stored.fields.organiser.is_some());
    assert_eq!(stored.fields.description, "Bring your learning goal.");
    assert_eq!(stored.calendar.sequence, 1, "a change a calendar shows");

    app.click_button("📅 Add to calendar…");
    let ics = app.folder().join("winter.ics");
    app.retype("Save as", &ics.display().to_string());
    app.click_button("Save calendar file");
    let text = std::fs::read_to_string(&ics).expect("the calendar file");
    assert!(text.contains("DTSTART;TZID=America/Chicago:"), "{text}");
    assert!(text.contains("SEQUENCE:1"), "{text}");
    assert!(text.contains("ORGANIZER;CN=\"Dana Frost\":mailto:dana.frost@education.ky.gov"));
    assert!(
        app.status().starts_with("Saved 1 calendar entry"),
        "{}",
        app.status()
    );
}

/// Adair: active last year, invited this year, its superintendent on file.
fn renewals(store: &mut Store) {
    store.insert_network_person(&dana()).unwrap();
    let adair = id_of(store, "Adair County");
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
}

#[test]
fn a_template_is_reworded_previewed_kept_and_a_draft_opened_and_logged() {
    let mut app = open_app_sized(TALL, Section::Memberships, renewals);
    app.click("Renewals (1)");
    app.click_button("✉ Drafts…");
    app.choose("Template", TemplateName::MissingLetter.label());
    // The preview is the template filled for Adair, Dana copied.
    assert!(app.shows_containing("Subject: Reminder: Adair County's KY ILN Letter"));
    assert!(app.shows_containing("Cc: Dana Frost <dana.frost@education.ky.gov>"));

    app.click("✏ Edit template");
    app.retype("Subject", "Still waiting: {distrct}'s letter");
    assert!(app.shows_containing("{distrct} is not a placeholder the app knows"));
    assert!(!app.enabled("Write 1 draft as .eml"));
    assert!(!app.enabled("Keep this wording"));
    app.retype("Subject", "Still waiting: {district}'s letter for {year}");
    app.click_button("Keep this wording");
    let kept = app
        .store()
        .email_template(TemplateName::MissingLetter)
        .unwrap();
    assert_eq!(
        kept.subject,
        "Still waiting: {district}'s letter for {year}"
    );
    let subject = format!(
        "Subject: Still waiting: Adair County's letter for {}",
        this_year()
    );
    assert!(app.shows(&subject), "the preview follows the words");

    app.click_button("✉ Open in mail program");
    let adair = id_of(app.store(), "Adair County");
    let log: Vec<ContactEntry> = app.store().contact_log_of(adair).unwrap();
    assert_eq!(log.len(), 1, "{}", app.status());
    assert_eq!(log[0].template, "missing-letter");
    assert_eq!(
        log[0].subject,
        format!("Still waiting: Adair County's letter for {}", this_year())
    );
    assert_eq!(log[0].recipients, "Pat Doe <pat.doe@adair.kyschools.us>");
    assert!(
        app.status().starts_with("Opened 1 draft"),
        "{}",
        app.status()
    );

    // Reminded today: "Not reminded this week" leaves nobody to write to.
    app.click_button("Close");
    app.click("Not reminded this week");
    assert!(app.shows_containing("was reminded this week"));
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

/// Adair, an active member, with its superintendent and a point of contact
/// whose name holds a comma; a convening this year, and a grant applied
/// for by the point of contact.
fn adair_people(store: &mut Store) {
    common::make_active(store, "Adair County");
    let adair = id_of(store, "Adair County");
    let person = |name: &str, email: &str, role| ContactFields {
        name: name.into(),
        email: email.into(),
        role,
        active: true,
        ..ContactFields::default()
    };
    store
        .insert_contact(
            adair,
            &person(
                "Pat Doe",
                "pat.doe@adair.kyschools.us",
                ContactRole::Superintendent,
            ),
        )
        .unwrap();
    let sam = store
        .insert_contact(
            adair,
            &person(
                "Lee, Sam",
                "sam.lee@adair.kyschools.us",
                ContactRole::PointOfContact,
            ),
        )
        .unwrap();
    store
        .insert_convening(&ConveningFields {
            held_on: day(100),
            title: "Winter convening".into(),
            ..ConveningFields::default()
        })
        .unwrap();
    let mut grant = GrantFields::new(
        adair,
        this_year(),
        "Iowa BIG",
        (day(90), day(92)),
        Money::from_cents(450_000).unwrap(),
    );
    grant.applicant = Some(sam);
    grant.received_on = Some(day(80));
    store
        .save_grant(None, GrantStatus::Submitted, &grant, day(80))
        .unwrap();
}

#[test]
fn copy_emails_on_a_district_a_convening_and_a_grant() {
    let both = "Pat Doe <pat.doe@adair.kyschools.us>; \"Lee, Sam\" <sam.lee@adair.kyschools.us>";
    let mut app = open_app_sized(TALL, Section::Districts, adair_people);
    app.click("Adair County");
    app.harness.get_by_label("📋 Copy emails").click();
    app.harness.step();
    assert_eq!(app.copied(), [both], "the district's contacts");
    app.run();
    assert!(app.shows("Copied 2 email addresses for Outlook's To line."));

    app.go_to(Section::Convenings);
    app.click("Winter convening");
    app.harness.get_by_label("📋 Copy emails").click();
    app.harness.step();
    assert_eq!(app.copied(), [both], "the members on its day");

    app.go_to(Section::Grants);
    app.click("Iowa BIG");
    app.harness.get_by_label("📋 Copy emails").click();
    app.harness.step();
    assert_eq!(
        app.copied(),
        ["\"Lee, Sam\" <sam.lee@adair.kyschools.us>"],
        "the applicant"
    );
    app.run();
    assert!(app.shows("Copied 1 email address for Outlook's To line."));
}

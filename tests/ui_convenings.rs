//! The Convenings & Attendance screen driven headless: adding a convening,
//! marking its sheet, the grid's rates, and importing a participant report.

mod common;

use common::{AppUnderTest, day, id_of, open_app, this_year};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iln_roster::domain::{
    AttendanceStatus, ContactFields, ContactRole, ConveningFields, ConveningKind, DistrictDraft,
    Letter, MembershipStatus,
};
use iln_roster::store::Store;
use iln_roster::ui::Section;

fn fixture_path(name: &str) -> String {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
        .display()
        .to_string()
}

type Fixture = AppUnderTest;

/// Allen and Adair are members from the start of the year, each with a
/// domain on file; Allen's superintendent is a contact.
fn convenings(prepare: impl FnOnce(&mut Store)) -> Fixture {
    open_app(Section::Convenings, |store| {
        for (name, domain) in [
            ("Allen County", "allen.kyschools.us"),
            ("Adair County", "adair.kyschools.us"),
        ] {
            let id = id_of(store, name);
            let mut fields = store.district(id).unwrap().fields;
            fields.email_domain = domain.into();
            let fields = DistrictDraft::from(&fields).validate(Some(id), []).unwrap();
            store.update_district(id, &fields).unwrap();
            let received = Letter {
                received_on: Some(day(1)),
                ..Letter::default()
            };
            store
                .save_membership(id, this_year(), MembershipStatus::Received, &received)
                .unwrap();
        }
        let allen = id_of(store, "Allen County");
        store
            .insert_contact(
                allen,
                &ContactFields {
                    name: "Travis Hamby".into(),
                    email: "travis.hamby@allen.kyschools.us".into(),
                    role: ContactRole::Superintendent,
                    active: true,
                    ..ContactFields::default()
                },
            )
            .unwrap();
        prepare(store);
    })
}

fn add_call(store: &mut Store, days: u64, title: &str) {
    store
        .insert_convening(&ConveningFields {
            held_on: day(days),
            title: title.into(),
            kind: ConveningKind::Virtual,
            location: String::new(),
            notes: String::new(),
            ..ConveningFields::default()
        })
        .unwrap();
}

/// What the tests ask of the app beyond what every UI test asks.
trait ConveningsApp {
    fn attended(&self, title: &str) -> Vec<String>;
}

impl ConveningsApp for Fixture {
    fn attended(&self, title: &str) -> Vec<String> {
        let store = self.store();
        let row = store
            .convenings_in(this_year())
            .unwrap()
            .into_iter()
            .find(|r| r.convening.fields.title == title)
            .unwrap();
        store
            .attendance_sheet(row.convening.id)
            .unwrap()
            .into_iter()
            .filter(|l| {
                l.saved
                    .as_ref()
                    .is_some_and(|a| a.status == AttendanceStatus::Attended)
            })
            .map(|l| l.district_name)
            .collect()
    }
}

#[test]
fn a_convening_is_added_through_the_form() {
    let mut app = convenings(|_| {});
    assert!(app.shows(&format!("No convenings in {} yet", this_year())));
    app.click("➕ New convening");
    let date = day(70).format("%Y-%m-%d").to_string();
    app.harness
        .get_by_role_and_label(Role::TextInput, "Date")
        .focus();
    app.harness.run();
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.harness.key_press(Key::Backspace);
    app.harness.run();
    app.type_into("Date", &date);
    app.type_into("Title", "Fall convening");
    app.type_into("Location or link", "Kentucky History Center, Frankfort");
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();

    let saved = app.store().convenings_in(this_year()).unwrap();
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].convening.fields.held_on, day(70));
    assert_eq!(
        saved[0].convening.fields.location,
        "Kentucky History Center, Frankfort"
    );
    assert!(app.shows("List (1)"));
    assert!(
        app.harness.get_all_by_label("Fall convening").count() >= 2,
        "in the list and the form's heading"
    );
}

#[test]
fn a_new_convening_starts_in_the_year_on_screen() {
    let mut app = convenings(|_| {});
    let last_year = this_year().previous();
    app.harness.state_mut().set_year(last_year);
    app.run();
    app.click("➕ New convening");
    let typed = app.field_text("Date");
    let day = iln_roster::domain::validate::optional_date(&typed)
        .unwrap()
        .unwrap();
    assert!(last_year.contains(day), "{typed} is in {last_year}");
}

#[test]
fn a_date_typed_the_american_way_is_stored_as_that_day() {
    let mut app = convenings(|_| {});
    for (typed, day) in [
        // Two-digit year, and a month and day alone (the year's own).
        (day(73).format("%-m/%-d/%y").to_string(), day(73)),
        (day(95).format("%b %-d").to_string(), day(95)),
        // September 5, with its month as people shorten it.
        (day(66).format("Sept. %-d, %Y").to_string(), day(66)),
    ] {
        app.click("➕ New convening");
        app.retype("Date", &typed);
        app.retype("Title", &format!("Call {typed}"));
        app.press_command(Key::S);
        let saved = app.store().convenings_in(this_year()).unwrap();
        let stored = saved
            .iter()
            .find(|c| c.convening.fields.title == format!("Call {typed}"))
            .unwrap_or_else(|| panic!("{typed} was not saved: {}", app.status()));
        assert_eq!(stored.convening.fields.held_on, day, "{typed}");
        // The form shows the stored day as it is written in the US.
        assert_eq!(app.field_text("Date"), day.format("%-m/%-d/%Y").to_string());
    }
}

#[test]
fn the_sheet_marks_attendance_and_the_grid_rate_follows() {
    let mut app = convenings(|store| {
        add_call(store, 60, "September call");
        add_call(store, 90, "October call");
        // Flag once two convenings counted (three by default).
        let rules = iln_roster::domain::AttendanceRules {
            min_convenings: 2,
            ..Default::default()
        };
        store.set_attendance_rules(rules).unwrap();
    });
    app.click("September call");
    app.click("Open attendance sheet");
    // Nothing recorded yet: the sheet's count is the stored one (no absence
    // recorded), the lines still to record told apart.
    assert!(app.shows(
        "0 attended · 0 absent · 0 excused · 2 with no line (counted as absent), of 2 districts"
    ));
    app.click("Mark all attended");
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    app.harness.run();
    assert_eq!(
        app.attended("September call"),
        ["Adair County", "Allen County"]
    );

    app.click("⏴ Convenings");
    app.click("Attendance grid");
    assert_eq!(
        app.harness.state().attendance_grid_rows(),
        [
            ("Adair County".to_owned(), "100%".to_owned()),
            ("Allen County".to_owned(), "100%".to_owned())
        ]
    );

    // October: Allen came, Adair did not (rows are in name order).
    app.click("List (2)");
    app.click("October call");
    app.click("Open attendance sheet");
    let attended: Vec<_> = app.harness.get_all_by_label("✔ Attended").collect();
    assert_eq!(attended.len(), 2);
    attended[1].click();
    app.harness.run();
    app.click("Save");
    assert_eq!(app.attended("October call"), ["Allen County"]);
    app.click("⏴ Convenings");
    app.click("Attendance grid");
    assert_eq!(
        app.harness.state().attendance_grid_rows(),
        [
            ("Adair County".to_owned(), "50%".to_owned()),
            ("Allen County".to_owned(), "100%".to_owned())
        ]
    );
    assert!(app.shows("⚠ 50%"), "under the 75% threshold");
    assert!(app.shows("⚠ 1 under 75%"));
    // The grid says what its marks mean, and when a district is flagged.
    assert!(app.shows("Legend:"));
    for meaning in ["Attended", "Absent", "Excused", "No line: counts as absent"] {
        assert!(app.shows(meaning), "{meaning} in the legend");
    }
    assert!(app.shows_containing("Flagged under 75% once 2 convenings have counted"));
}

#[test]
fn the_overview_and_the_grid_agree_on_attendance_under_each_rule() {
    use iln_roster::domain::{Attendance, AttendanceRules, ExcusedPolicy};
    use strum::VariantArray as _;
    for excused in ExcusedPolicy::VARIANTS.iter().copied() {
        let mut app = convenings(|store| {
            for (days, title) in [
                (20, "July call"),
                (40, "August call"),
                (60, "Labor Day call"),
            ] {
                add_call(store, days, title);
            }
            let calls = store.convenings_in(this_year()).unwrap();
            let (allen, adair) = (id_of(store, "Allen County"), id_of(store, "Adair County"));
            // Allen: came, excused, absent. Adair: came, came, no line.
            use AttendanceStatus as S;
            let lines = [
                vec![(allen, S::Attended), (adair, S::Attended)],
                vec![(allen, S::Excused), (adair, S::Attended)],
                vec![(allen, S::Absent)],
            ];
            for (call, lines) in calls.iter().zip(lines) {
                let sheet: Vec<Attendance> = lines
                    .into_iter()
                    .map(|(district, status)| Attendance {
                        district,
                        status,
                        people: Default::default(),
                        note: String::new(),
                    })
                    .collect();
                store
                    .save_attendance_sheet(call.convening.id, &sheet)
                    .unwrap();
            }
            let rules = AttendanceRules {
                excused,
                ..AttendanceRules::default()
            };
            store.set_attendance_rules(rules).unwrap();
        });
        let state = app.harness.state_mut();
        let rates: Vec<f64> = state
            .attendance_grid_rows()
            .iter()
            .map(|(_, rate)| rate.trim_end_matches('%').parse().unwrap())
            .collect();
        let grid_average = rates.iter().sum::<f64>() / rates.len() as f64;
        let overview = state.overview().unwrap();
        let average = overview.figures.average_rate.unwrap();
        assert!(
            (average - grid_average).abs() < 0.1,
            "{excused:?}: Overview {average} against the grid's {grid_average} ({rates:?})"
        );
        // Each convening's bar follows the same rule: the excused call
        // counts as the setting says.
        let august = overview
            .convening_rates
            .iter()
            .find(|c| c.title == "August call")
            .map(|c| c.percent);
        let expected = match excused {
            ExcusedPolicy::NotCounted => 100.0,
            ExcusedPolicy::AsAbsent => 50.0,
            ExcusedPolicy::AsAttended => 100.0,
        };
        assert_eq!(august, Some(expected), "{excused:?}");
    }
}

/// Barren is a member too, but has no domain on file.
fn barren_joins(store: &mut Store) {
    let received = Letter {
        received_on: Some(day(1)),
        ..Letter::default()
    };
    let barren = id_of(store, "Barren County");
    store
        .save_membership(barren, this_year(), MembershipStatus::Received, &received)
        .unwrap();
}

#[test]
fn a_participant_report_is_imported_with_an_unmatched_person_assigned_and_again_changes_nothing() {
    let mut app = convenings(|store| {
        barren_joins(store);
        add_call(store, 60, "September call");
    });
    app.click("September call");
    let import = |app: &mut Fixture| {
        app.click("Import participant report…");
        app.type_into("File", &fixture_path("zoom_with_details.csv"));
        app.click("Import");
    };
    import(&mut app);
    assert!(app.shows("Import into “September call”"));
    assert!(app.shows(
        "7 people: 3 matched by email, 3 to review, 1 organiser. 2 districts will be marked attended."
    ));
    assert!(app.shows("Rob Collins"), "the organiser is listed");
    assert!(
        app.harness
            .get_by_label("Record attendance")
            .accesskit_node()
            .is_disabled(),
        "three still to decide"
    );
    // The report is from Sep 10, 2025; the convening is another day.
    let held = iln_roster::domain::validate::display_date(day(60));
    assert!(app.shows(&format!(
        "⚠ This report's meeting was on Sep 10, 2025, but the convening was on {held}."
    )));
    app.click("It is the right report: record it anyway");

    // Riley Chen has no contact or domain on file: assign, and add as contact.
    app.pick_district("Assign Riley Chen to", "barren");
    app.click("Add Riley Chen as a contact");
    app.click("Ignore the rest");
    app.click("Record attendance");
    assert_eq!(
        app.attended("September call"),
        ["Adair County", "Allen County", "Barren County"]
    );
    assert!(app.shows("Marked 3 districts attended, noted 2 people, added 1 contact."));
    // The convening's own History lists the report imported into it.
    app.click("History (2)");
    assert!(app.shows_containing("Imported zoom_with_details.csv into September call"));
    let barren = id_of(app.store(), "Barren County");
    let riley = app.store().contacts_of(barren).unwrap();
    assert_eq!(riley.len(), 1);
    assert_eq!(riley[0].fields.email, "riley.chen@barren.kyschools.us");

    // Again: Riley now matches by email; the report is known, nothing new.
    import(&mut app);
    assert!(app.shows(
        "7 people: 4 matched by email, 2 to review, 1 organiser. 3 districts will be marked attended."
    ));
    // When a report was recorded is the computer's time, not the rules' day.
    let today = iln_roster::domain::validate::display_date(chrono::Local::now().date_naive());
    assert!(app.shows(&format!(
        "🔁 Already recorded on {today} from zoom_with_details.csv: nothing new."
    )));
    app.click("It is the right report: record it anyway");
    app.click("Ignore the rest");
    app.click("Record attendance");
    assert!(app.shows("Nothing changed: everyone in this report was already recorded."));
    assert_eq!(
        app.attended("September call"),
        ["Adair County", "Allen County", "Barren County"]
    );
    assert_eq!(app.store().contacts_of(barren).unwrap().len(), 1);
}

#[test]
fn a_participant_assigned_to_a_district_that_was_not_a_member_is_not_counted() {
    let mut app = convenings(|store| add_call(store, 60, "September call"));
    app.click("September call");
    app.click("Import participant report…");
    app.type_into("File", &fixture_path("zoom_with_details.csv"));
    app.click("Import");
    app.harness
        .get_by_role_and_label(Role::ComboBox, "Assign Riley Chen to")
        .click();
    app.harness.run();
    app.click("○ Barren County (not a member that day)");
    let date = iln_roster::domain::validate::display_date(day(60));
    assert!(app.shows(&format!(
        "⚠ Barren County was not a member on {date}: not recorded"
    )));
    assert!(app.shows(&format!(
        "⚠ Not recorded, not members on {date}: Barren County"
    )));
    assert!(app.shows(
        "7 people: 3 matched by email, 3 to review, 1 organiser. 2 districts will be marked attended."
    ));
    app.click("It is the right report: record it anyway");
    app.click("Ignore the rest");
    app.click("Record attendance");
    assert_eq!(
        app.attended("September call"),
        ["Adair County", "Allen County"]
    );
    let september = app.store().convenings_in(this_year()).unwrap()[0]
        .convening
        .id;
    let sheet = app.store().attendance_sheet(september).unwrap();
    assert_eq!(sheet.len(), 2, "the sheet counts members only: of 2");
    let barren = id_of(app.store(), "Barren County");
    assert!(app.store().contacts_of(barren).unwrap().is_empty());
}

#[test]
fn a_file_that_is_not_a_report_is_explained() {
    let mut app = convenings(|store| add_call(store, 60, "September call"));
    app.click("September call");
    app.click("Import participant report…");
    app.type_into("File", &fixture_path("not_a_report.csv"));
    app.click("Import");
    let reason = app
        .harness
        .get_by_label_contains("This is not a participant report");
    let text = reason.accesskit_node().value().unwrap_or_default();
    assert!(
        text.contains("not_a_report.csv"),
        "the message names the file: {text}"
    );
    assert!(
        app.store()
            .attendance_sheet(
                app.store().convenings_in(this_year()).unwrap()[0]
                    .convening
                    .id
            )
            .unwrap()
            .iter()
            .all(|l| l.saved.is_none())
    );
}

/// Organisers are set aside, and the minimum minutes set in the preview
/// takes a brief visit out at once and is kept for the next report; the
/// minutes reach the sheet.
#[test]
fn the_preview_sets_organisers_and_brief_visits_aside_and_keeps_the_minimum() {
    let mut app = convenings(|store| add_call(store, 60, "November call"));
    app.click("November call");
    app.click("Import participant report…");
    app.type_into("File", &fixture_path("zoom_waiting_room_organisers.csv"));
    app.click("Import");
    assert!(app.shows(
        "4 people: 2 matched by email, 0 to review, 2 organisers. 2 districts will be marked attended."
    ));
    assert!(app.shows("Kim Park"), "an organiser is listed");

    let minimum = "Count people in the meeting for at least";
    app.harness.get_by_label(minimum).click();
    app.harness.run();
    app.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    app.harness.get_by_label(minimum).type_text("10");
    app.harness.key_press(Key::Enter);
    app.harness.run();
    assert!(app.shows(
        "4 people: 1 matched by email, 0 to review, 2 organisers, 1 under 10 min. 1 district will be marked attended."
    ));
    assert_eq!(app.store().report_rules().unwrap().min_minutes, 10);

    app.click("It is the right report: record it anyway");
    app.click("Record attendance");
    assert_eq!(app.attended("November call"), ["Allen County"]);
    let call = app.store().convenings_in(this_year()).unwrap()[0]
        .convening
        .id;
    let sheet = app.store().attendance_sheet(call).unwrap();
    assert_eq!(
        sheet.iter().find_map(|l| l.minutes),
        Some(59),
        "Travis Hamby's, not the waiting room's"
    );
}

#[test]
fn every_test_here_passes_on_a_spring_day_too() {
    common::every_test_passes_on_another_day("every_test_here_passes_on_a_spring_day_too");
}

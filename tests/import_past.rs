//! Bringing the network's past in from the consultant's own spreadsheets
//! (tests/fixtures/past): a member list with abbreviated school years, an
//! attendance grid with marks of every kind, an attendance list, and a
//! Travel Fund ledger. Every row is imported or explained; importing the
//! same file again changes nothing; a dry run is the import, rolled back.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{Roster, date, fix_clock, signed_in, today, year_starting};
use iln_roster::domain::attendance_marks::MarkMeanings;
use iln_roster::domain::{
    ActionArea, AttendanceStatus, BigIdea, ConveningKind, GrantStatus, Letter, MembershipStatus,
    Money,
};
use iln_roster::import::Choice;
use iln_roster::import::records::{self, RecordKind, RowResult, SheetImport, SheetReport};
use iln_roster::io::spreadsheet::read_table;
use iln_roster::store::Store;
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/past")
        .join(name)
}

fn sheet(kind: RecordKind, name: &str) -> SheetImport {
    let table = read_table(&fixture(name), &|h| records::is_known_heading(kind, h)).unwrap();
    SheetImport::new(kind, table)
}

fn run(store: &mut Store, sheet: &SheetImport, keep: bool) -> SheetReport {
    records::run(
        store,
        std::slice::from_ref(sheet),
        keep,
        today(),
        &mut |_| true,
    )
    .unwrap()
    .remove(0)
}

fn results(report: &SheetReport) -> BTreeMap<usize, RowResult> {
    report.rows.iter().map(|r| (r.number, r.result)).collect()
}

fn details(report: &SheetReport, number: usize) -> String {
    report
        .rows
        .iter()
        .find(|r| r.number == number)
        .unwrap()
        .details
        .clone()
}

/// Kentucky's districts, with 2024-2025 letters for the grid's members
/// (Bullitt County's came on November 1, mid-year).
fn members_2024() -> Roster {
    let mut roster = Roster::kentucky();
    let year = year_starting(2024);
    for name in [
        "Adair County",
        "Allen County",
        "Bell County",
        "Boone County",
    ] {
        let id = roster.id(name);
        roster
            .save_membership(id, year, MembershipStatus::Active, &signed_in(year))
            .unwrap();
    }
    let bullitt = roster.id("Bullitt County");
    let late = Letter {
        received_on: Some(date(2024, 11, 1)),
        ..Letter::default()
    };
    roster
        .save_membership(bullitt, year, MembershipStatus::Received, &late)
        .unwrap();
    roster
}

#[test]
fn a_member_list_brings_letters_in_as_far_as_each_row_is_valid() {
    fix_clock();
    let mut roster = Roster::kentucky();
    let mut import = sheet(RecordKind::Memberships, "memberships.csv");
    let review = run(&mut roster, &import, false);
    assert_eq!(
        results(&review),
        BTreeMap::from([
            (3, RowResult::New),
            (4, RowResult::New),
            (5, RowResult::Partly),
            (6, RowResult::New),
            (7, RowResult::New),
            (8, RowResult::Problem),
            (9, RowResult::Problem),
        ])
    );
    assert!(
        details(&review, 5).contains("can be imported as Received"),
        "{}",
        details(&review, 5)
    );
    assert!(
        details(&review, 8).contains("“Nowhere County”"),
        "{}",
        details(&review, 8)
    );
    assert!(
        details(&review, 9).contains("row 3"),
        "{}",
        details(&review, 9)
    );
    assert!(
        details(&review, 3).contains("adds contact"),
        "{}",
        details(&review, 3)
    );
    assert_eq!(
        roster.memberships_in(year_starting(2023)).unwrap().len(),
        0,
        "a review writes nothing"
    );

    // The user takes Barren County's row as far as it is valid.
    import.choices.insert(5, Choice::Import);
    let done = run(&mut roster, &import, true);
    assert_eq!(done.written, 5);

    let letter = |store: &Store, name: &str, start: i32| {
        let id = common::id_of(store, name);
        store
            .membership_of(id, year_starting(start))
            .unwrap()
            .unwrap()
    };
    let adair = letter(&roster, "Adair County", 2023);
    assert_eq!(adair.status, MembershipStatus::Active);
    assert_eq!(
        adair.letter.big_ideas,
        [BigIdea::VibrantLearning, BigIdea::CommunityCollaboration].into()
    );
    assert_eq!(
        adair.letter.action_areas,
        [ActionArea::PortraitOfALearner].into()
    );
    assert_eq!(
        adair.letter.points_of_contact.len(),
        2,
        "both people named, added as contacts"
    );
    assert!(adair.letter.superintendent.is_some());
    assert_eq!(
        letter(&roster, "Allen County", 2023).status,
        MembershipStatus::Received,
        "implied by its date"
    );
    assert_eq!(
        letter(&roster, "Barren County", 2023).status,
        MembershipStatus::Received
    );
    assert_eq!(
        letter(&roster, "Bell County", 2024).status,
        MembershipStatus::Invited
    );
    let boone = letter(&roster, "Boone County", 2024);
    assert_eq!(boone.status, MembershipStatus::Terminated);
    assert_eq!(boone.letter.termination_reason, "Leadership change");

    // Again: nothing to do.
    let again = run(&mut roster, &import, true);
    assert_eq!(again.written, 0, "{:#?}", again.rows);
    assert_eq!(
        again.count(RowResult::Unchanged),
        5,
        "Barren County too, as far as it went"
    );
}

#[test]
fn an_attendance_grid_marks_members_makes_its_convenings_and_names_what_it_refuses() {
    fix_clock();
    let mut roster = members_2024();
    let mut import = sheet(RecordKind::AttendanceGrid, "attendance_grid.csv");
    // Boone County's "N" means excused in this tracker.
    let mut marks = MarkMeanings::default();
    marks.set("n", Some(AttendanceStatus::Excused));
    import.marks = marks;
    let review = run(&mut roster, &import, false);
    assert_eq!(
        results(&review)[&7],
        RowResult::Partly,
        "{}",
        details(&review, 7)
    );
    let refused = details(&review, 7);
    assert!(
        refused.contains(
            "Bullitt County was not a member on Sep 12, 2024 (its letter came Nov 1, 2024)"
        ),
        "{refused}"
    );
    assert!(refused.contains("Oct 10, 2024"), "{refused}");
    assert_eq!(review.count(RowResult::New), 4);
    let done = run(&mut roster, &import, true);
    assert_eq!(done.written, 11, "4 districts × 3, less Boone's blank");

    let grid = roster.attendance_grid(year_starting(2024)).unwrap();
    let titles: Vec<(&str, ConveningKind)> = grid
        .convenings
        .iter()
        .map(|c| (c.fields.title.as_str(), c.fields.kind))
        .collect();
    assert_eq!(
        titles,
        [
            ("ILN convening", ConveningKind::Virtual),
            ("Fall Summit", ConveningKind::InPerson),
            ("ILN convening", ConveningKind::Virtual)
        ],
        "a heading that is only a date makes an untitled convening"
    );
    let row = |name: &str| {
        grid.rows
            .iter()
            .find(|r| r.district_name == name)
            .unwrap()
            .cells
            .clone()
    };
    use AttendanceStatus::{Absent, Attended, Excused};
    assert_eq!(row("Adair County"), [Some(Attended); 3]);
    assert_eq!(
        row("Allen County"),
        [Some(Absent), Some(Excused), Some(Excused)]
    );
    assert_eq!(row("Bell County"), [Some(Attended); 3]);
    assert_eq!(
        row("Boone County"),
        [Some(Absent), None, Some(Excused)],
        "the remapped mark"
    );
    assert_eq!(
        row("Bullitt County"),
        [None, None, None],
        "its row was left for the user to tick"
    );

    // Ticked, the refused marks stay out and the valid one goes in.
    import.choices.insert(7, Choice::Import);
    let done = run(&mut roster, &import, true);
    assert_eq!(done.written, 1);
    let grid = roster.attendance_grid(year_starting(2024)).unwrap();
    let bullitt = grid
        .rows
        .iter()
        .find(|r| r.district_name == "Bullitt County")
        .unwrap();
    assert_eq!(bullitt.cells, [None, None, Some(Attended)]);
    assert_eq!(
        run(&mut roster, &import, true).written,
        1,
        "only the ticked row's mark is rewritten"
    );
}

#[test]
fn the_convenings_a_grid_makes_take_the_title_and_kind_the_user_gives() {
    fix_clock();
    let mut roster = members_2024();
    let mut import = sheet(RecordKind::AttendanceGrid, "attendance_grid.csv");
    let review = run(&mut roster, &import, false);
    let made: Vec<(String, ConveningKind)> = review
        .new_convenings
        .iter()
        .map(|c| (c.title.clone(), c.kind))
        .collect();
    assert_eq!(
        made,
        [
            ("ILN convening".to_owned(), ConveningKind::Virtual),
            ("Fall Summit".to_owned(), ConveningKind::InPerson),
            ("ILN convening".to_owned(), ConveningKind::Virtual)
        ]
    );
    let september = date(2024, 9, 12);
    import.convening_names.insert(
        (september, "ILN convening".to_owned()),
        ("September call".to_owned(), ConveningKind::Virtual),
    );
    run(&mut roster, &import, true);
    let titles: Vec<String> = roster
        .convenings_in(year_starting(2024))
        .unwrap()
        .into_iter()
        .map(|c| c.convening.fields.title)
        .collect();
    assert_eq!(titles, ["September call", "Fall Summit", "ILN convening"]);
    // Read again, the renamed convening is found by its day.
    let again = run(&mut roster, &import, false);
    assert!(
        again.new_convenings.is_empty(),
        "{:?}",
        again.new_convenings
    );
    assert_eq!(again.written, 0);
}

#[test]
fn an_attendance_list_finds_or_makes_each_convening() {
    fix_clock();
    let mut roster = members_2024();
    let import = sheet(RecordKind::AttendanceList, "attendance_list.csv");
    let done = run(&mut roster, &import, true);
    assert_eq!(
        results(&done)[&6],
        RowResult::Problem,
        "Harlan County was no member"
    );
    assert!(details(&done, 6).contains("Harlan County was not a member on Jan 9, 2025"));
    assert_eq!(done.written, 4);
    let convenings = roster.convenings_in(year_starting(2024)).unwrap();
    let december = convenings
        .iter()
        .find(|c| c.convening.fields.title == "December call")
        .unwrap();
    assert_eq!(december.convening.fields.kind, ConveningKind::Virtual);
    let sheet = roster.attendance_sheet(december.convening.id).unwrap();
    let bell = sheet
        .iter()
        .find(|l| l.district_name == "Bell County")
        .unwrap();
    assert_eq!(
        bell.saved.as_ref().unwrap().status,
        AttendanceStatus::Excused
    );
    assert_eq!(bell.saved.as_ref().unwrap().note, "sick");
    assert_eq!(run(&mut roster, &import, true).written, 0);
}

#[test]
fn a_ledger_brings_applications_in_through_the_workflow() {
    fix_clock();
    let mut roster = members_2024();
    let year = year_starting(2024);
    roster
        .set_grant_fund(year, Money::parse("$5,000").unwrap())
        .unwrap();
    let import = sheet(RecordKind::Grants, "grant_ledger.csv");
    let done = run(&mut roster, &import, true);
    assert_eq!(
        results(&done),
        BTreeMap::from([
            (3, RowResult::New),
            (4, RowResult::New),
            (5, RowResult::New),
            (6, RowResult::New),
            (7, RowResult::Problem),
        ])
    );
    assert!(
        details(&done, 5).contains("over by $600.00"),
        "{}",
        details(&done, 5)
    );
    assert!(
        details(&done, 6).contains(records::FROM_THE_LEDGER),
        "{}",
        details(&done, 6)
    );
    assert!(
        details(&done, 7).contains("Travel ends"),
        "{}",
        details(&done, 7)
    );
    let grants = roster.grants_in(year, today()).unwrap();
    let status_of = |destination: &str| {
        grants
            .iter()
            .find(|g| g.grant.fields.destination == destination)
            .unwrap()
            .grant
            .clone()
    };
    let danville = status_of("Danville Schools");
    assert_eq!(danville.status, GrantStatus::Paid);
    assert_eq!(danville.fields.paid, Money::parse("1200").ok());
    assert!(
        danville.fields.applicant.is_some(),
        "Pat Adair, added as a contact"
    );
    assert_eq!(status_of("iNACOL Symposium").status, GrantStatus::Awarded);
    let harlan = status_of("Pikeville Independent");
    assert_eq!(harlan.status, GrantStatus::Awarded);
    assert_eq!(harlan.fields.override_reason, records::FROM_THE_LEDGER);
    assert_eq!(run(&mut roster, &import, true).written, 0);
}

fn fixtures() -> Vec<(RecordKind, &'static str)> {
    vec![
        (RecordKind::Memberships, "memberships.csv"),
        (RecordKind::AttendanceGrid, "attendance_grid.csv"),
        (RecordKind::AttendanceList, "attendance_list.csv"),
        (RecordKind::Grants, "grant_ledger.csv"),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Whatever rows the user ticks, a dry run says what the import then
    /// does, and writes nothing.
    #[test]
    fn a_dry_run_is_the_import(which in 0usize..4, ticks in proptest::collection::vec(any::<bool>(), 8)) {
        fix_clock();
        let (kind, file) = fixtures()[which];
        let mut roster = members_2024();
        let mut import = sheet(kind, file);
        for (row, tick) in import.table.rows.iter().zip(&ticks) {
            import.choices.insert(row.number, if *tick { Choice::Import } else { Choice::Skip });
        }
        let before = roster.content_snapshot().unwrap();
        let dry = run(&mut roster, &import, false);
        prop_assert_eq!(&roster.content_snapshot().unwrap(), &before);
        let real = run(&mut roster, &import, true);
        prop_assert_eq!(dry.written, real.written);
        let said = |r: &SheetReport| r.rows.iter().map(|r| (r.number, r.result, r.details.clone(), r.choice)).collect::<Vec<_>>();
        prop_assert_eq!(said(&dry), said(&real));
    }
}

/// A sheet from text, read as the file would be.
fn sheet_of(kind: RecordKind, text: &str) -> SheetImport {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("file.csv");
    std::fs::write(&path, text).unwrap();
    let table = read_table(&path, &|h| records::is_known_heading(kind, h)).unwrap();
    SheetImport::new(kind, table)
}

#[test]
fn a_district_named_two_ways_or_ambiguously_is_asked_about() {
    fix_clock();
    let mut roster = members_2024();
    let import = sheet_of(
        RecordKind::AttendanceList,
        "Date,District,KDE #,Mark\n2024-09-12,Allen County,001,X\n2024-09-12,Harlan,,X\n2024-09-12,ADAIR CO.,,X\n",
    );
    let review = run(&mut roster, &import, false);
    assert!(
        details(&review, 2)
            .contains("KDE number 001 is Adair County but “Allen County” is Allen County"),
        "{}",
        details(&review, 2)
    );
    assert!(
        details(&review, 3).contains("could be Harlan County or Harlan Independent"),
        "{}",
        details(&review, 3)
    );
    assert_eq!(
        results(&review)[&4],
        RowResult::New,
        "“ADAIR CO.” is Adair County"
    );
}

#[test]
fn a_grid_without_years_asks_for_one_and_never_marks_a_convening_twice() {
    fix_clock();
    let mut roster = members_2024();
    let text = "District,9/12,Sep 12,10/10\nAdair County,X,A,X\n";
    let mut import = sheet_of(RecordKind::AttendanceGrid, text);
    let review = run(&mut roster, &import, false);
    assert_eq!(results(&review)[&2], RowResult::Problem);
    assert!(
        details(&review, 2).contains("no year in the heading"),
        "{}",
        details(&review, 2)
    );

    import.year = Some(year_starting(2024));
    let review = run(&mut roster, &import, false);
    assert!(
        details(&review, 2).contains("the same convening as column B"),
        "{}",
        details(&review, 2)
    );
    assert!(
        review
            .new_convenings
            .iter()
            .all(|c| c.held_on.format("%Y").to_string() == "2024")
    );

    let leap = sheet_of(
        RecordKind::AttendanceGrid,
        "District,2/29/2025\nAdair County,X\n",
    );
    let review = run(&mut roster, &leap, false);
    assert!(
        details(&review, 2).contains("There is no Feb 29, 2025"),
        "{}",
        details(&review, 2)
    );
}

#[test]
fn the_app_s_own_exports_come_back_as_they_left() {
    fix_clock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    common::demo_roster(&path, 3, 11);
    let mut store = Store::open(&path).unwrap();
    let year = common::this_year().previous();
    for (kind, table) in [
        (
            RecordKind::AttendanceGrid,
            iln_roster::export::Table::Attendance,
        ),
        (RecordKind::Grants, iln_roster::export::Table::Grants),
        (
            RecordKind::Memberships,
            iln_roster::export::Table::Memberships,
        ),
    ] {
        let sheet = table.sheet(&store, year, today()).unwrap();
        let file = dir.path().join(format!("{kind:?}.xlsx"));
        iln_roster::io::save::save_sheets(
            &file,
            iln_roster::io::save::FileFormat::Xlsx,
            &[sheet],
            |_| true,
        )
        .unwrap();
        let read = read_table(&file, &|h| records::is_known_heading(kind, h)).unwrap();
        let mut import = SheetImport::new(kind, read);
        import.year = Some(year);
        let report = run(&mut store, &import, false);
        let not_unchanged: Vec<String> = report
            .rows
            .iter()
            .filter(|r| r.result != RowResult::Unchanged)
            .map(|r| format!("{} {}: {:?} {}", r.number, r.subject, r.result, r.details))
            .collect();
        assert!(not_unchanged.is_empty(), "{kind:?}: {not_unchanged:#?}");
    }
}

#[test]
fn blank_cells_keep_what_a_letter_has_and_a_mistyped_day_is_caught() {
    fix_clock();
    let mut roster = members_2024();
    let allen = roster.id("Allen County");
    let year = year_starting(2024);
    let mut letter = signed_in(year);
    letter.big_ideas = [BigIdea::AssessmentInnovation].into();
    letter.action_areas = [ActionArea::FundingPersonalization].into();
    roster
        .save_membership(allen, year, MembershipStatus::Active, &letter)
        .unwrap();
    let import = sheet_of(
        RecordKind::Memberships,
        "District,SY,Big ideas,Portrait of a learner\nAllen County,2024-25,,\n",
    );
    let review = run(&mut roster, &import, true);
    assert_eq!(
        results(&review)[&2],
        RowResult::Unchanged,
        "{}",
        details(&review, 2)
    );
    let ticked = sheet_of(
        RecordKind::Memberships,
        "District,SY,Portrait of a learner\nAllen County,2024-25,x\n",
    );
    run(&mut roster, &ticked, true);
    let stored = roster.membership_of(allen, year).unwrap().unwrap().letter;
    assert_eq!(
        stored.action_areas,
        [
            ActionArea::PortraitOfALearner,
            ActionArea::FundingPersonalization
        ]
        .into(),
        "a tick column the file lacks keeps its choice"
    );
    assert_eq!(stored.big_ideas, [BigIdea::AssessmentInnovation].into());

    // A convening of the same title a day away is the same one, mistyped.
    let first = sheet_of(
        RecordKind::AttendanceList,
        "Date,Convening,District,Mark\n2025-01-27,Winter convening,Adair County,X\n",
    );
    run(&mut roster, &first, true);
    let typo = sheet_of(
        RecordKind::AttendanceList,
        "Date,Convening,District,Mark\n2025-01-28,Winter convening,Allen County,X\n",
    );
    let review = run(&mut roster, &typo, false);
    assert!(
        details(&review, 2).contains("“Winter convening” is on Jan 27, 2025, not Jan 28, 2025"),
        "{}",
        details(&review, 2)
    );
}

#[test]
fn an_applicant_named_by_email_is_that_district_s_contact() {
    fix_clock();
    let mut roster = members_2024();
    let adair = roster.id("Adair County");
    roster
        .insert_contact(
            adair,
            &iln_roster::domain::ContactFields {
                name: "Carla Gibson".into(),
                email: "carla@adair.kyschools.us".into(),
                active: true,
                ..Default::default()
            },
        )
        .unwrap();
    let import = sheet_of(
        RecordKind::Grants,
        "District,Applicant,Destination,Depart,Requested,Received\nAdair County,carla@adair.kyschools.us,Danville,10/20/2024,500,9/30/2024\nAllen County,carla@adair.kyschools.us,Danville,10/21/2024,500,9/30/2024\n",
    );
    let review = run(&mut roster, &import, false);
    assert_eq!(results(&review)[&2], RowResult::New);
    assert!(
        !details(&review, 2).contains("adds contact"),
        "{}",
        details(&review, 2)
    );
    assert!(
        details(&review, 3).contains("none of Allen County's contacts has the email"),
        "{}",
        details(&review, 3)
    );
}

//! The demo generator (deterministic, and within the app's own rules), the
//! Overview's figures checked against SQL on its database, the year report
//! read back, and a headline figure opening its section with the filter.

mod common;

use calamine::{Data, Reader as _};
use common::year;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iln_roster::demo::{DemoOptions, generate};
use iln_roster::domain::grant::GrantDraft;
use iln_roster::domain::membership::validate_letter;
use iln_roster::domain::{SchoolYear, Standing};
use iln_roster::store::Store;
use iln_roster::ui::App;
use strum::VariantArray as _;

fn options(seed: u64) -> DemoOptions {
    DemoOptions {
        years: 3,
        scale: 1,
        seed,
        last: year(),
    }
}

fn demo(dir: &std::path::Path, seed: u64) -> (std::path::PathBuf, Store) {
    let path = dir.join(format!("demo-{seed}.sqlite3"));
    let mut store = Store::open(&path).unwrap();
    generate(&mut store, options(seed)).unwrap();
    (path, store)
}

#[test]
fn the_same_seed_makes_the_same_roster() {
    let dir = tempfile::tempdir().unwrap();
    let (_, a) = demo(dir.path(), 7);
    let (_, mut b) = {
        let path = dir.path().join("again.sqlite3");
        let mut store = Store::open(&path).unwrap();
        generate(&mut store, options(7)).unwrap();
        (path, store)
    };
    let (_, c) = demo(dir.path(), 8);
    let snapshot = a.content_snapshot().unwrap();
    assert!(snapshot.len() > 2_000);
    assert_eq!(snapshot, b.content_snapshot().unwrap());
    assert_ne!(snapshot, c.content_snapshot().unwrap());
    // A demo goes into an empty database only.
    assert!(generate(&mut b, options(7)).is_err());
}

#[test]
fn the_demo_passes_the_apps_own_rules() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = demo(dir.path(), 2025);
    let districts = store.district_list().unwrap();
    assert_eq!(districts.len(), 171);
    let mut statuses = std::collections::BTreeSet::new();
    for start in 2023..=2025 {
        let year = SchoolYear::starting(start).unwrap();
        let memberships = store.memberships_in(year).unwrap();
        let share = memberships.len() as f64 / 171.0;
        assert!((0.35..0.8).contains(&share), "{year}: {share}");
        for m in &memberships {
            validate_letter(year, Some(m.status), m.status, &m.letter)
                .unwrap_or_else(|e| panic!("{year} letter of district {:?}: {e:?}", m.district_id));
        }
        let convenings = store.convenings_in(year).unwrap();
        assert!((10..=12).contains(&convenings.len()));
        for row in store.grants_in(year, common::today()).unwrap() {
            let grant = &row.grant;
            statuses.insert(grant.status);
            let report_convening_on = grant
                .fields
                .report_convening
                .map(|id| store.convening(id).unwrap().fields.held_on);
            GrantDraft::from_saved(grant.status, &grant.fields)
                .validate(
                    Some(grant.status),
                    &row.district_name,
                    row.standing,
                    report_convening_on,
                )
                .unwrap_or_else(|e| panic!("grant {:?}: {e:?}", grant.id));
        }
    }
    assert_eq!(
        statuses.len(),
        iln_roster::domain::GrantStatus::VARIANTS
            .iter()
            .copied()
            .len(),
        "{statuses:?}"
    );
    // Contacts write from their district's domain.
    let all_contacts = store.all_contacts().unwrap();
    assert!(
        all_contacts
            .iter()
            .all(|c| c.fields.email.ends_with(".kyschools.us"))
    );
}

#[test]
fn overview_figures_equal_what_sql_counts() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = demo(dir.path(), 2025);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    let overview = store.overview(year(), today).unwrap();
    drop(store);

    let conn = rusqlite::Connection::open(&path).unwrap();
    let count = |sql: &str| -> usize {
        conn.query_row(sql, [], |row| row.get::<_, i64>(0)).unwrap() as usize
    };
    let cents = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    let f = &overview.figures;
    assert_eq!(
        f.active,
        count("SELECT count(*) FROM membership WHERE school_year = 2025 AND status = 'active'")
    );
    assert_eq!(
        f.pending,
        count(
            "SELECT count(*) FROM membership WHERE school_year = 2025 AND status IN ('invited', 'received')"
        )
    );
    assert_eq!(
        f.lapsed,
        count(
            "SELECT count(*) FROM membership m WHERE m.school_year = 2024 AND m.status = 'active'
               AND NOT EXISTS (SELECT 1 FROM membership n WHERE n.district_id = m.district_id AND n.school_year = 2025)"
        )
    );
    assert_eq!(
        f.convenings_held,
        count("SELECT count(*) FROM convening WHERE held_on BETWEEN '2025-07-01' AND '2026-03-15'")
    );
    assert_eq!(
        f.awarded.cents(),
        cents(
            "SELECT coalesce(sum(awarded_cents), 0) FROM grant_application WHERE school_year = 2025 AND status IN ('awarded', 'paid', 'closed')"
        )
    );
    assert_eq!(
        f.paid.cents(),
        cents(
            "SELECT coalesce(sum(paid_cents), 0) FROM grant_application WHERE school_year = 2025 AND status IN ('awarded', 'paid', 'closed')"
        )
    );
    assert_eq!(
        f.applications_waiting,
        count(
            "SELECT count(*) FROM grant_application WHERE school_year = 2025 AND status IN ('submitted', 'under_review')"
        )
    );
    let per_year: Vec<(i32, usize)> = overview
        .members_per_year
        .iter()
        .map(|(y, n)| (y.start_year(), *n))
        .collect();
    let mut statement = conn
        .prepare("SELECT school_year, count(*) FROM membership WHERE status = 'active' GROUP BY 1 ORDER BY 1")
        .unwrap();
    let expected: Vec<(i32, usize)> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get::<_, i64>(1)? as usize)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(per_year, expected);
    // The average of rates lies within what the sheets say.
    let rate = f.average_rate.unwrap();
    assert!((0.0..=100.0).contains(&rate));
}

#[test]
fn the_year_report_reads_back_with_its_sheets_and_figures() {
    let dir = tempfile::tempdir().unwrap();
    let (_, store) = demo(dir.path(), 2025);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    let target = dir.path().join("report.xlsx");
    iln_roster::export::year_report::save(&store, year(), today, &target).unwrap();
    let overview = store.overview(year(), today).unwrap();

    let mut workbook = calamine::open_workbook_auto(&target).unwrap();
    assert_eq!(
        workbook.sheet_names(),
        [
            "Summary",
            "Reach",
            "Roster",
            "Attendance",
            "Grants",
            "Goals",
            "Learning goals"
        ]
    );
    let summary = workbook.worksheet_range("Summary").unwrap();
    let find = |label: &str| {
        summary
            .rows()
            .find(|row| {
                row.first()
                    .is_some_and(|c| *c == Data::String(label.to_owned()))
            })
            .unwrap_or_else(|| panic!("{label} on the summary"))
            .to_vec()
    };
    let active = find("Active members");
    assert_eq!(active[1], Data::Float(overview.figures.active as f64));
    // Changes are numbers a spreadsheet can use, a fall negative; a rate's
    // change is in points.
    let last_year = store.overview(year().previous(), today).unwrap().figures;
    let now = &overview.figures;
    assert_eq!(
        active[3],
        Data::Float(now.active as f64 - last_year.active as f64)
    );
    let awarded = find("Awarded");
    assert_eq!(
        awarded[3],
        Data::Float((now.awarded.cents() - last_year.awarded.cents()) as f64 / 100.0)
    );
    let rate = find("Average attendance rate");
    let points = now.average_rate.unwrap() - last_year.average_rate.unwrap();
    assert!(
        matches!(rate[3], Data::Float(p) if (p - points).abs() < 1e-9),
        "{:?} is {points} points",
        rate[3]
    );
    // Its two charts sit beside the table.
    let file = std::fs::File::open(&target).unwrap();
    let zipped = zip::ZipArchive::new(file).unwrap();
    let charts: Vec<&str> = zipped
        .file_names()
        .filter(|name| name.starts_with("xl/charts/chart"))
        .collect();
    assert_eq!(charts.len(), 2, "{charts:?}");
    // ...with the map of the year's members under them: the picture the
    // map export draws, a PNG that decodes to the map's width.
    let mut zipped = zipped;
    let pictures: Vec<String> = zipped
        .file_names()
        .filter(|name| name.starts_with("xl/media/"))
        .map(str::to_owned)
        .collect();
    assert_eq!(pictures.len(), 1, "{pictures:?}");
    let mut png = Vec::new();
    std::io::Read::read_to_end(&mut zipped.by_name(&pictures[0]).unwrap(), &mut png).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    assert_eq!(decoder.read_info().unwrap().info().width, 1200);
    // Members by cooperative add up to the members, with the students.
    let reach = workbook.worksheet_range("Reach").unwrap();
    let all = reach
        .rows()
        .find(|row| row[0] == Data::String("All districts".to_owned()))
        .expect("the total row")
        .to_vec();
    let members = store
        .year_standings(year(), today)
        .unwrap()
        .iter()
        .filter(|s| s.standing.is_member())
        .count();
    assert_eq!(all[1], Data::Float(members as f64));
    assert_eq!(all[2], Data::Float(171.0));
    assert!(
        reach.rows().any(|row| matches!(&row[0], Data::String(s) if s.starts_with("Students in member districts (enrollment 2016-2017)"))),
        "the students' share and the year of the enrollment"
    );
    let roster = workbook.worksheet_range("Roster").unwrap();
    assert_eq!(roster.rows().count(), 3 + 171);
    let goals = workbook.worksheet_range("Goals").unwrap();
    assert!(
        goals
            .rows()
            .any(|row| row[0] == Data::String("Portrait of a learner".to_owned()))
    );
}

#[test]
fn clicking_a_headline_figure_opens_its_section_filtered() {
    let dir = tempfile::tempdir().unwrap();
    let (path, store) = demo(dir.path(), 2025);
    drop(store);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1440.0, 1000.0))
        .build_eframe(move |cc| App::new(cc, Store::open(&path)));
    harness.run();
    harness.state_mut().set_year(year());
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num1);
    harness.run();
    let active = harness.state_mut().overview().unwrap().figures.active;
    assert!(active > 50);
    harness
        .get_by_label(&format!("{active} active members"))
        .click();
    harness.run();
    assert_eq!(
        harness.state().section(),
        iln_roster::ui::Section::Memberships
    );
    let shown = harness.state_mut().visible_membership_names();
    assert_eq!(shown.len(), active);
    assert!(
        harness
            .query_by_label_contains(&format!("{} {active}", Standing::Active.label()))
            .is_some()
    );
}

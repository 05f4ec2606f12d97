//! Exports read back as a spreadsheet program would, and imports of the
//! files people actually have.

mod common;

use calamine::{Data, Reader as _};
use common::{Roster, date, id_of, year};
use iln_roster::domain::{
    ContactFields, ContactRole, DistrictDraft, GrantFields, GrantStatus, Letter, MembershipStatus,
    Money,
};
use iln_roster::export::Table;
use iln_roster::import::{
    Choice, ImportOptions, Mapping, Outcome, PlannedRow, actions, is_known_heading, plan,
};
use iln_roster::io::save::{FileFormat, save_sheets};
use iln_roster::io::spreadsheet::read_table;
use iln_roster::store::Store;

/// Kentucky's districts; Allen with a domain, a superintendent, an active
/// letter and an awarded grant.
fn network() -> Roster {
    let Roster { dir, mut store } = Roster::kentucky();
    let allen = store.district(id_of(&store, "Allen County")).unwrap();
    let mut fields = allen.fields.clone();
    fields.email_domain = "allen.kyschools.us".into();
    fields.notes = "Spotlighted in the Innovation Guide".into();
    store
        .update_district(
            allen.id,
            &DistrictDraft::from(&fields)
                .validate(Some(allen.id), [])
                .unwrap(),
        )
        .unwrap();
    store
        .insert_contact(
            allen.id,
            &ContactFields {
                name: "Travis Hamby".into(),
                email: "travis.hamby@allen.kyschools.us".into(),
                phone: "+1 (270) 618-3181".into(),
                role: ContactRole::Superintendent,
                active: true,
                ..ContactFields::default()
            },
        )
        .unwrap();
    let letter = Letter {
        received_on: Some(date(2025, 8, 1)),
        district_signatory: "Travis Hamby".into(),
        district_signed_on: Some(date(2025, 8, 1)),
        kde_signatory: "Rob Collins".into(),
        kde_signed_on: Some(date(2025, 8, 5)),
        ..Letter::default()
    };
    store
        .save_membership(allen.id, year(), MembershipStatus::Active, &letter)
        .unwrap();
    let mut grant = GrantFields {
        city: "Cedar Rapids".into(),
        state: "IA".into(),
        travelers: 3,
        received_on: Some(date(2025, 9, 1)),
        ..GrantFields::new(
            allen.id,
            year(),
            "Iowa BIG",
            (date(2025, 10, 6), date(2025, 10, 8)),
            Money::parse("$4,500").unwrap(),
        )
    };
    let id = store
        .save_grant(None, GrantStatus::Submitted, &grant, common::today())
        .unwrap();
    store
        .save_grant(Some(id), GrantStatus::UnderReview, &grant, common::today())
        .unwrap();
    grant.awarded = Some(Money::parse("4,000.00").unwrap());
    grant.decided_on = Some(date(2025, 9, 15));
    store
        .save_grant(Some(id), GrantStatus::Awarded, &grant, common::today())
        .unwrap();
    Roster { dir, store }
}

/// What every row of `table` would do against the roster in `store`.
fn plan_against(
    store: &Store,
    table: &iln_roster::io::spreadsheet::RawTable,
    options: ImportOptions,
) -> Vec<PlannedRow> {
    plan(
        table,
        &Mapping::guess(&table.headers),
        &store.district_list().unwrap(),
        &store.all_contacts().unwrap(),
        options,
    )
}

fn save(f: &Roster, table: Table, format: FileFormat) -> std::path::PathBuf {
    let sheet = table.sheet(&f.store, year(), common::today()).unwrap();
    let path = f.dir.path().join(format!(
        "{}.{}",
        table.file_stem(year()),
        format.extension()
    ));
    assert!(save_sheets(&path, format, std::slice::from_ref(&sheet), |_| true).unwrap());
    path
}

#[test]
fn xlsx_files_have_a_title_a_header_and_typed_cells() {
    let f = network();
    let path = save(&f, Table::Grants, FileFormat::Xlsx);
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["Travel grants"]);
    let range = workbook.worksheet_range("Travel grants").unwrap();
    let cell = |row: u32, col: u32| range.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(
        cell(0, 0),
        Data::String("ILN Travel Fund Grants 2025-2026".into())
    );
    assert_eq!(cell(2, 0), Data::String("District".into()));
    assert_eq!(cell(2, 10), Data::String("Requested".into()));
    assert_eq!(cell(3, 0), Data::String("Allen County".into()));
    assert!(
        matches!(cell(3, 6), Data::DateTime(_)),
        "travel starts is a real date: {:?}",
        cell(3, 6)
    );
    assert_eq!(cell(3, 10), Data::Float(4500.0), "requested is a number");
    assert_eq!(cell(3, 11), Data::Float(4000.0));
    assert_eq!(cell(3, 13), Data::String("Awarded".into()));
    assert_eq!(
        cell(5, 0),
        Data::String("Totals (1 application)".into()),
        "totals under a blank row"
    );
    assert_eq!(cell(5, 10), Data::Float(4500.0));

    let roster = save(&f, Table::Roster, FileFormat::Xlsx);
    let mut workbook = calamine::open_workbook_auto(&roster).unwrap();
    let range = workbook.worksheet_range("Roster").unwrap();
    assert_eq!(
        range.get_value((0, 0)),
        Some(&Data::String("ILN roster 2025-2026".into()))
    );
    assert_eq!(
        range.height(),
        3 + 171,
        "title, blank, header and every district"
    );
}

#[test]
fn csv_files_have_a_bom_and_quote_what_needs_it() {
    let f = network();
    let path = save(&f, Table::Contacts, FileFormat::Csv);
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        bytes.starts_with(b"\xEF\xBB\xBF"),
        "UTF-8 byte-order mark for Excel"
    );
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    let mut lines = text.split("\r\n");
    assert_eq!(
        lines.next(),
        Some("District,Name,Title,Role,Email,Phone,Active")
    );
    assert_eq!(
        lines.next(),
        Some(
            "Allen County,Travis Hamby,,Superintendent,travis.hamby@allen.kyschools.us,'+1 (270) 618-3181,Yes"
        ),
        "a leading + is neutralised"
    );
    let memberships =
        std::fs::read_to_string(save(&f, Table::Memberships, FileFormat::Csv)).unwrap();
    assert!(
        memberships.contains(",\"Innovation, especially in assessment\","),
        "a heading with a comma is quoted"
    );
    assert!(
        memberships.contains(",Vibrant learning experiences for every student,"),
        "one without is not"
    );
}

#[test]
fn formula_like_text_comes_out_inert() {
    let f = network();
    let Roster { dir, mut store } = f;
    for (name, kde) in [
        ("=HYPERLINK(\"http://x\")", "901"),
        ("+1", "902"),
        ("@SUM(A1)", "903"),
        ("-2 Independent", "904"),
    ] {
        let fields = iln_roster::domain::DistrictDraft {
            name: name.into(),
            kde_number: kde.into(),
            ..Default::default()
        }
        .validate(None, [])
        .unwrap();
        store.insert_district(&fields).unwrap();
    }
    let f = Roster { dir, store };
    let csv = std::fs::read_to_string(save(&f, Table::Roster, FileFormat::Csv)).unwrap();
    for inert in [
        "\"'=HYPERLINK(\"\"http://x\"\")\"",
        "'+1,",
        "'@SUM(A1),",
        "'-2 Independent,",
    ] {
        assert!(csv.contains(inert), "{inert} in the CSV");
    }
    let path = save(&f, Table::Roster, FileFormat::Xlsx);
    let mut workbook = calamine::open_workbook_auto(&path).unwrap();
    let formulas = workbook.worksheet_formula("Roster").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formulas in the workbook"
    );
    let range = workbook.worksheet_range("Roster").unwrap();
    let names: Vec<String> = range.rows().skip(3).map(|r| r[0].to_string()).collect();
    assert!(
        names.contains(&"=HYPERLINK(\"http://x\")".to_owned()),
        "kept as text"
    );
}

fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn import_errors_name_the_row_and_a_failing_row_writes_nothing() {
    let mut f = network();
    let file = write(
        f.dir.path(),
        "new.csv",
        b"District,KDE #,NCES LEA ID,Contact,Email\r\nNew Academy,950,,Pat Doe,pat@new.org\r\nBad Number,9x,,,\r\nOther Academy,951,2199999,,not-an-email\r\n",
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let rows = plan_against(&f.store, &table, ImportOptions::default());
    let problems: Vec<String> = rows.iter().flat_map(|r| r.problems()).collect();
    assert_eq!(
        problems,
        [
            "Row 3, column “KDE #”: Must be exactly 3 digits, e.g. 005",
            "Row 4, column “Contact”: Name is required",
            "Row 4, column “Email”: Not an email address, e.g. name@district.kyschools.us",
        ]
    );
    // Chosen anyway, they stop the whole import.
    let mut forced = rows.clone();
    forced.iter_mut().for_each(|r| r.choice = Choice::Import);
    assert_eq!(actions(&forced).unwrap_err().len(), 3);
    // A failure inside the transaction (a duplicate the plan could not see)
    // rolls back the rows before it.
    let good = actions(&rows).unwrap();
    let mut with_clash = good.clone();
    with_clash.extend(good.clone());
    assert!(f.store.apply_import(&with_clash, |_| true).is_err());
    assert_eq!(
        f.store.district_list().unwrap().len(),
        171,
        "nothing was written"
    );
    // And a cancelled import writes nothing either.
    let cancelled = f.store.apply_import(&good, |_| false);
    assert!(matches!(
        cancelled,
        Err(iln_roster::store::StoreError::Cancelled)
    ));
    assert_eq!(f.store.district_list().unwrap().len(), 171);
}

#[test]
fn files_from_excel_on_windows_with_blank_rows_and_padding_are_read() {
    let mut f = network();
    let file = write(
        f.dir.path(),
        "windows.csv",
        b"Districts for the spring cohort;;\r\n;;\r\nDistrict ; KDE # ;Notes \r\nCaf\xe9 Academy ; 960 ; Visit in M\xe4rz \r\n;;\r\n\r\n  Allen County ;005;Renewed early\r\n",
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let mapping = Mapping::guess(
        &table
            .headers
            .iter()
            .map(|h| h.trim().to_owned())
            .collect::<Vec<_>>(),
    );
    let rows = plan(
        &table,
        &mapping,
        &f.store.district_list().unwrap(),
        &f.store.all_contacts().unwrap(),
        ImportOptions::default(),
    );
    assert_eq!(rows.len(), 2);
    assert!(
        matches!(&rows[0].outcome, Outcome::New { fields, .. } if fields.name == "Café Academy" && fields.notes == "Visit in März")
    );
    assert!(
        matches!(&rows[1].outcome, outcome @ Outcome::Existing { name, .. } if name == "Allen County" && outcome.changes_anything())
    );
    assert_eq!(
        (rows[0].number, rows[1].number),
        (4, 7),
        "row numbers as in the file"
    );
    let summary = f
        .store
        .apply_import(&actions(&rows).unwrap(), |_| true)
        .unwrap();
    assert_eq!((summary.added, summary.updated), (1, 1));
    let allen = f
        .store
        .district_list()
        .unwrap()
        .into_iter()
        .find(|d| d.district.fields.name == "Allen County")
        .unwrap();
    assert_eq!(allen.district.fields.notes, "Renewed early");
    assert_eq!(
        allen.district.fields.email_domain, "allen.kyschools.us",
        "columns not in the file are kept"
    );
}

/// An export cancelled part-way, or one that cannot be renamed into place,
/// leaves the file already there byte for byte, and no half file beside it.
#[test]
fn a_cancelled_or_failed_export_never_harms_an_existing_file() {
    let f = network();
    let sheet = Table::Roster
        .sheet(&f.store, year(), common::today())
        .unwrap();
    for format in [FileFormat::Csv, FileFormat::Xlsx] {
        let path = f.dir.path().join(format!("kept.{}", format.extension()));
        std::fs::write(&path, b"the consultant's own file").unwrap();
        let mut rows = 0;
        let cancelled = save_sheets(&path, format, std::slice::from_ref(&sheet), |done| {
            rows = done;
            done < 1
        })
        .unwrap();
        assert!(
            !cancelled,
            "{format:?}: the export reports it was cancelled"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"the consultant's own file");

        // A folder in the way of the rename: refused, nothing left behind.
        let blocked = f.dir.path().join(format!("folder.{}", format.extension()));
        std::fs::create_dir(&blocked).unwrap();
        std::fs::write(blocked.join("inside.txt"), b"kept").unwrap();
        assert!(save_sheets(&blocked, format, std::slice::from_ref(&sheet), |_| true).is_err());
        assert_eq!(std::fs::read(blocked.join("inside.txt")).unwrap(), b"kept");
    }
    let leftovers: Vec<_> = std::fs::read_dir(f.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".iln-export-"))
        .collect();
    assert!(leftovers.is_empty(), "half files left: {leftovers:?}");
}

/// A district's name written another way ("adair  county", "ADAIR COUNTY")
/// is the district on file, and does not rename it.
#[test]
fn the_same_name_written_another_way_is_the_district_on_file_unchanged() {
    let f = network();
    let file = write(
        f.dir.path(),
        "names.csv",
        "District,KDE #\r\nadair  county,001\r\nALLEN COUNTY,\r\n".as_bytes(),
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let rows = plan_against(&f.store, &table, ImportOptions::default());
    for row in &rows {
        assert!(
            matches!(row.outcome, Outcome::Existing { .. }) && !row.outcome.changes_anything(),
            "row {}: {:?}",
            row.number,
            row.outcome
        );
    }
}

/// A row found by its number but named otherwise is a rename the user must
/// choose (left unticked, said plainly); a row whose name and number are two
/// different districts' cannot be imported as it is.
#[test]
fn a_row_whose_name_and_number_disagree_is_never_a_silent_rename() {
    let f = network();
    let file = write(
        f.dir.path(),
        "conflicts.csv",
        b"District,KDE #\r\nBogus District,12\r\nAdair County,012\r\n",
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let rows = plan_against(&f.store, &table, ImportOptions::default());
    match &rows[0].outcome {
        outcome @ Outcome::Existing {
            name,
            caution: Some(caution),
            ..
        } => {
            assert_eq!(name, "Ashland Independent");
            assert!(
                caution.contains("renames Ashland Independent to Bogus District"),
                "{caution}"
            );
            assert!(
                outcome
                    .describe()
                    .contains("District name: Ashland Independent ➡ Bogus District"),
                "{}",
                outcome.describe()
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(rows[0].choice, Choice::Skip, "not ticked by default");
    assert_eq!(
        rows[1].problems(),
        [
            "Row 3, its KDE number is Ashland Independent's but its name is Adair County's: correct the row in the file"
        ]
    );
    assert!(actions(&rows).unwrap().is_empty(), "nothing unless chosen");
}

/// A blank cell leaves what is stored, unless blanks are asked to clear.
#[test]
fn a_blank_cell_never_erases_unless_asked() {
    let f = network();
    let file = write(
        f.dir.path(),
        "blanks.csv",
        b"District,Email domain,Notes,Superintendent,Superintendent email\r\nAllen County,,,Travis Hamby,\r\n",
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let kept = plan_against(&f.store, &table, ImportOptions::default());
    assert!(
        !kept[0].outcome.changes_anything(),
        "{}",
        kept[0].outcome.describe()
    );
    let cleared = plan_against(&f.store, &table, ImportOptions { blanks_clear: true });
    let text = cleared[0].outcome.describe();
    assert!(
        text.contains("Email domain: allen.kyschools.us ➡ (blank)"),
        "{text}"
    );
    assert!(
        text.contains("Notes: Spotlighted in the Innovation Guide ➡ (blank)"),
        "{text}"
    );
}

/// A person written twice (a contacts file has a row per person) must be
/// written the same way; a district's rows must agree on the district.
#[test]
fn rows_that_disagree_about_one_person_or_district_are_refused() {
    let f = network();
    let file = write(
        f.dir.path(),
        "people.csv",
        "District,Name,Role,Email,Phone\r\n\
         Allen County,Pat Doe,Point of contact,pat@allen.kyschools.us,(502) 555-1111\r\n\
         Allen County,Pat Doe,Point of contact,pat@allen.kyschools.us,(502) 555-2222\r\n\
         Allen County,Pat Doe,Point of contact,pat@allen.kyschools.us,(502) 555-1111\r\n"
            .as_bytes(),
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let rows = plan_against(&f.store, &table, ImportOptions::default());
    assert!(rows[0].outcome.changes_anything());
    let problem = rows[1].problems().join("; ");
    assert!(
        problem.contains("Pat Doe is on an earlier row with other details (phone (502) 555-1111 or (502) 555-2222)"),
        "{problem}"
    );
    assert!(
        matches!(rows[2].outcome, Outcome::WithRow(2)),
        "the same person the same way is one person: {:?}",
        rows[2].outcome
    );
    let described = rows[0].outcome.describe();
    assert_eq!(described.matches("Pat Doe").count(), 1, "{described}");

    let file = write(
        f.dir.path(),
        "districts.csv",
        b"District,County,Notes\r\nAllen County,Allen,One\r\nAllen County,Allen,Two\r\n",
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let rows = plan_against(&f.store, &table, ImportOptions::default());
    let problem = rows[1].problems().join("; ");
    assert!(
        problem.contains("the same district as row 2, but with other details (Notes One or Two)"),
        "{problem}"
    );

    // A person's row for a district the roster does not have.
    let file = write(
        f.dir.path(),
        "unknown.csv",
        b"District,Name,Email\r\nNowhere District,Pat Doe,pat@example.org\r\n",
    );
    let table = read_table(&file, &is_known_heading).unwrap();
    let rows = plan_against(&f.store, &table, ImportOptions::default());
    let problem = rows[0].problems().join("; ");
    assert!(
        problem.contains(
            "Nowhere District is not on the roster, and to add it the file needs a KDE number column"
        ),
        "{problem}"
    );
}

//! Files made to break the readers: damaged workbooks (a cell pointing at a
//! shared string that does not exist, a truncated zip, broken XML, a sheet
//! claiming its far corner), huge cells, lines and columns, NUL bytes, and
//! arbitrary mutations of each. Every one gives a message, quickly; none
//! panics, in the library or in the command a user runs.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iln_roster::import::{ImportOptions, Mapping, is_known_heading, plan};
use iln_roster::io::participant_report::read_participant_report;
use iln_roster::io::spreadsheet::{ReadError, read_table};
use proptest::prelude::*;

/// The parts of a minimal workbook, with `sheet` as its first sheet's XML
/// and `strings` as its shared strings.
fn workbook(sheet: &str, strings: &[&str]) -> Vec<u8> {
    let shared: String = strings
        .iter()
        .map(|s| format!("<si><t>{s}</t></si>"))
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#.to_owned(),
        ),
        (
            "_rels/.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/workbook.xml",
            r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Districts" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_owned(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#.to_owned(),
        ),
        (
            "xl/sharedStrings.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{shared}</sst>"#,
                strings.len()
            ),
        ),
        (
            "xl/worksheets/sheet1.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{sheet}</sheetData></worksheet>"#
            ),
        ),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A sound two-row district list as a workbook.
fn sound_workbook() -> Vec<u8> {
    workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" t="inlineStr"><is><t>005</t></is></c></row>"#,
        &["District", "KDE #", "Allen County"],
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Reads `path` as the district import does, within a second.
fn read_quickly(path: &Path) -> Result<iln_roster::io::spreadsheet::RawTable, ReadError> {
    let start = Instant::now();
    let result = read_table(path, &is_known_heading);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{} took {:?}",
        path.display(),
        start.elapsed()
    );
    result
}

#[test]
fn the_sound_workbook_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let table = read_quickly(&write(dir.path(), "sound.xlsx", &sound_workbook())).unwrap();
    assert_eq!(table.headers, ["District", "KDE #"]);
    assert_eq!(table.rows[0].cells, ["Allen County", "005"]);
}

#[test]
fn a_damaged_workbook_says_it_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let bad_index = workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>999999</v></c></row>"#,
        &["District"],
    );
    let sound = sound_workbook();
    let truncated = &sound[..sound.len() * 2 / 3];
    let wrong_xml = workbook(r#"<row r="1"><c r="A1" t="s"><v>0</v></row></c><c"#, &["x"]);
    for (name, bytes) in [
        ("bad-shared-string.xlsx", bad_index.as_slice()),
        ("truncated.xlsx", truncated),
        ("wrong-xml.xlsx", wrong_xml.as_slice()),
    ] {
        let Err(error) = read_quickly(&write(dir.path(), name, bytes)) else {
            panic!("{name} was read");
        };
        assert!(
            matches!(error, ReadError::Damaged { .. }),
            "{name}: {error:?}"
        );
        assert!(error.to_string().contains("is damaged"), "{error}");
    }
}

#[test]
fn a_sheet_that_claims_its_far_corner_costs_only_its_cells() {
    let dir = tempfile::tempdir().unwrap();
    let far = workbook(
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row r="1048576"><c r="XFD1048576" t="s"><v>2</v></c></row>"#,
        &["District", "KDE #", "far away"],
    );
    let Err(error) = read_quickly(&write(dir.path(), "far.xlsx", &far)) else {
        panic!("far.xlsx was read");
    };
    assert!(matches!(error, ReadError::TooLarge { .. }), "{error:?}");
}

#[test]
fn huge_lines_columns_quotes_and_nul_bytes_are_refused_quickly() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = format!("District,Notes\nAllen County,{}\n", "x".repeat(8 << 20));
    let many_columns = format!("{}\n", vec!["h"; 5_000].join(","));
    let nested_quotes = format!("District,Notes\nAllen,{}\n", "\"".repeat(4 << 20));
    let nul = b"District,KDE #\nAllen\0County,005\n".to_vec();
    for (name, bytes) in [
        ("long-line.csv", long_line.into_bytes()),
        ("many-columns.csv", many_columns.into_bytes()),
        ("nested-quotes.csv", nested_quotes.into_bytes()),
        ("nul.csv", nul),
    ] {
        let Err(error) = read_quickly(&write(dir.path(), name, &bytes)) else {
            panic!("{name} was read");
        };
        assert!(!error.to_string().is_empty(), "{name}");
    }
}

/// A 100 kB cell is read, and refused by its field with the row, the
/// column and the limit.
#[test]
fn a_100_kb_cell_is_refused_by_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "District,KDE #,Notes\nAllen County,005,{}\n",
        "n".repeat(100 * 1024)
    );
    let table = read_quickly(&write(dir.path(), "big-cell.csv", text.as_bytes())).unwrap();
    let mapping = Mapping::guess(&table.headers);
    let rows = plan(&table, &mapping, &[], &[], ImportOptions::default());
    let problems = rows[0].problems().join("; ");
    assert!(
        problems.contains("Notes") && problems.contains("102,400") && problems.contains("20,000"),
        "{problems}"
    );
}

/// What the command line says of a damaged workbook: a message, exit 1,
/// no panic.
#[test]
fn the_command_line_names_a_damaged_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(
        dir.path(),
        "bad.xlsx",
        &workbook(
            r#"<row r="1"><c r="A1" t="s"><v>5</v></c></row>"#,
            &["District"],
        ),
    );
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_iln-roster"))
        .args(["import", "districts", "--dry-run"])
        .arg(&bad)
        .arg("--db")
        .arg(dir.path().join("roster.sqlite3"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("is damaged"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any bytes, under any name the importers read.
    #[test]
    fn arbitrary_bytes_never_panic_or_linger(
        bytes in proptest::collection::vec(any::<u8>(), 0..4096),
        extension in prop::sample::select(vec!["csv", "xlsx", "xls", "ods", "txt"]),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let _ = read_quickly(&write(dir.path(), &format!("f.{extension}"), &bytes));
        let start = Instant::now();
        let _ = read_participant_report(&bytes);
        prop_assert!(start.elapsed() < Duration::from_secs(1));
    }

    /// The sound workbook with bytes changed, cut or added.
    #[test]
    fn a_mutated_workbook_never_panics(
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..16),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut bytes = sound_workbook();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        bytes.truncate(cut.index(bytes.len()) + 1);
        let dir = tempfile::tempdir().unwrap();
        let _ = read_quickly(&write(dir.path(), "m.xlsx", &bytes));
    }

    /// Each report and district-list fixture with bytes changed or cut,
    /// read as a report and as a table.
    #[test]
    fn a_mutated_fixture_never_panics(
        fixture in prop::sample::select(vec![
            "reports/zoom_with_details.csv",
            "reports/zoom_rejoins.csv",
            "reports/teams_attendance_utf16.csv",
            "reports/teams_list_utf16le.csv",
            "reports/teams_list_utf16be.csv",
            "reports/zoom_waiting_room_organisers.csv",
            "districts/abbreviated.csv",
        ]),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..32),
        cut in any::<prop::sample::Index>(),
    ) {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture);
        let mut bytes = std::fs::read(path).unwrap();
        for (at, value) in flips {
            let i = at.index(bytes.len());
            bytes[i] = value;
        }
        bytes.truncate(cut.index(bytes.len()) + 1);
        let start = Instant::now();
        let _ = read_participant_report(&bytes);
        prop_assert!(start.elapsed() < Duration::from_secs(1));
        let dir = tempfile::tempdir().unwrap();
        let _ = read_quickly(&write(dir.path(), "r.csv", &bytes));
    }
}

/// A value stored before the limits existed (longer than a spreadsheet
/// cell holds) never makes an export fail: the cell is cut and marked.
#[test]
fn an_export_never_fails_on_a_stored_value() {
    use iln_roster::export::Table;
    use iln_roster::io::save::{FileFormat, save_sheets};
    use iln_roster::store::Store;

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    {
        let mut store = Store::open(&db).unwrap();
        store
            .add_districts(&iln_roster::bundled::kentucky_districts::kentucky_districts().unwrap())
            .unwrap();
    }
    {
        // As an older version could have stored it.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TRIGGER limit_district_update; DROP TRIGGER history_district_update;",
        )
        .unwrap();
        conn.execute(
            "UPDATE district SET notes = ?1 WHERE name = 'Allen County'",
            ["n".repeat(40_000)],
        )
        .unwrap();
    }
    let store = Store::open(&db).unwrap();
    let sheet = Table::Roster
        .sheet(&store, common::this_year(), common::today())
        .unwrap();
    let target = dir.path().join("roster.xlsx");
    save_sheets(
        &target,
        FileFormat::Xlsx,
        std::slice::from_ref(&sheet),
        |_| true,
    )
    .unwrap();
    let table = read_table(&target, &is_known_heading).unwrap();
    let notes = table.headers.iter().position(|h| h == "Notes").unwrap();
    let allen = table
        .rows
        .iter()
        .find(|r| r.cells[0] == "Allen County")
        .unwrap();
    assert_eq!(allen.cells[notes].chars().count(), 32_767);
    assert!(allen.cells[notes].ends_with(" […]"));
}

/// Runs `work` on another thread; a hang fails the test instead of
/// stopping the suite.
fn within_seconds<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sent, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = sent.send(work());
    });
    received
        .recv_timeout(Duration::from_secs(10))
        .unwrap_or_else(|_| panic!("{what} hung"))
}

#[test]
fn pipes_devices_links_and_read_only_files_are_refused_without_waiting() {
    use iln_roster::io::save::{FileFormat, save_sheets};
    use iln_roster::store::Store;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let roster = common::Roster::kentucky();
    let sheet = iln_roster::export::Table::Roster
        .sheet(&roster.store, common::this_year(), common::today())
        .unwrap();

    // Reading: a pipe, an endless device.
    for path in [fifo.clone(), PathBuf::from("/dev/zero")] {
        let read = path.clone();
        let error = within_seconds("reading a pipe", move || {
            read_table(&read, &is_known_heading)
                .map(|_| ())
                .unwrap_err()
        });
        assert!(error.to_string().contains("not a file"), "{error}");
        let read = path.clone();
        let report = within_seconds("reading a report from a pipe", move || {
            iln_roster::io::participant_report::read_participant_report_file(&read).is_err()
        });
        assert!(report);
    }
    // Opening one as the roster, or near a mistyped roster's name.
    let opened = fifo.clone();
    let error = within_seconds("opening a pipe", move || Store::open(&opened).err());
    assert!(error.is_some_and(|e| e.to_string().contains("not a file")));
    let opened = fifo.clone();
    let error = within_seconds("reading a pipe", move || {
        Store::open_read_only(&opened).err()
    });
    assert!(error.is_some_and(|e| e.to_string().contains("not a file")));
    let mistyped = dir.path().join("fifo.sqlite3");
    let error = within_seconds("a mistyped roster beside a pipe", move || {
        Store::open_read_only(&mistyped).err()
    });
    assert!(error.is_some());

    // Writing over a pipe, a device, a link or a read-only file.
    let target = dir.path().join("target.csv");
    std::fs::write(&target, "kept").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let read_only = dir.path().join("read-only.csv");
    std::fs::write(&read_only, "kept").unwrap();
    let mut permissions = std::fs::metadata(&read_only).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&read_only, permissions).unwrap();
    for path in [
        fifo.clone(),
        PathBuf::from("/dev/null"),
        link.clone(),
        read_only.clone(),
    ] {
        let (to, sheet) = (path.clone(), sheet.clone());
        let error = within_seconds("writing over it", move || {
            save_sheets(&to, FileFormat::Csv, &[sheet], |_| true).unwrap_err()
        });
        assert!(
            error.to_string().contains("Choose another file name"),
            "{}: {error}",
            path.display()
        );
    }
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "kept");
    assert_eq!(std::fs::read_to_string(&read_only).unwrap(), "kept");
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
}

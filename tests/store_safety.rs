//! Nothing lost: automatic backups and their rotation, restore (refusing a
//! damaged backup, keeping the current file aside), damaged files refused
//! without a byte changed, and an import killed at random moments leaving
//! the database whole with all of the import or none of it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::NaiveDateTime;
use iln_roster::domain::DistrictFields;
use iln_roster::store::backups::{self, RestoreError};
use iln_roster::store::{OpenError, Store};

fn now() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 22)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap()
}

fn district(name: &str, kde: &str) -> DistrictFields {
    DistrictFields {
        name: name.into(),
        kde_number: kde.into(),
        county: "Adair".into(),
        ..DistrictFields::default()
    }
}

fn names(store: &Store) -> Vec<String> {
    store
        .district_list()
        .unwrap()
        .into_iter()
        .map(|d| d.district.fields.name)
        .collect()
}

#[test]
fn a_backup_is_made_only_when_the_database_changed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let mut store = Store::open(&db).unwrap();
    assert_eq!(
        store.automatic_backup(now()).unwrap(),
        None,
        "nothing to keep yet"
    );
    store
        .insert_district(&district("Adair County", "001"))
        .unwrap();
    let first = store.automatic_backup(now()).unwrap().unwrap();
    assert!(first.starts_with(dir.path().join("backups")));
    assert_eq!(
        store.automatic_backup(now()).unwrap(),
        None,
        "unchanged since"
    );
    store
        .insert_district(&district("Allen County", "005"))
        .unwrap();
    let later = now() + chrono::Duration::minutes(5);
    assert!(store.automatic_backup(later).unwrap().is_some());
    let listed = backups::list(&db);
    assert_eq!(listed.len(), 2);
    assert_eq!(backups::inspect(&listed[0].path).unwrap().districts, 2);
    assert_eq!(backups::inspect(&listed[1].path).unwrap().districts, 1);
}

#[test]
fn restore_keeps_the_current_file_aside_and_refuses_a_damaged_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let backup = {
        let mut store = Store::open(&db).unwrap();
        store
            .insert_district(&district("Adair County", "001"))
            .unwrap();
        let backup = store.automatic_backup(now()).unwrap().unwrap();
        store
            .insert_district(&district("Allen County", "005"))
            .unwrap();
        backup
    };
    let current = std::fs::read(&db).unwrap();

    // A damaged copy of the backup is refused, and nothing moves.
    let damaged = dir.path().join("damaged.sqlite3");
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&damaged, &bytes[..bytes.len() / 2]).unwrap();
    assert!(matches!(
        backups::restore(&db, &damaged, now()),
        Err(RestoreError::Damaged { .. } | RestoreError::Unreadable { .. })
    ));
    assert_eq!(std::fs::read(&db).unwrap(), current);

    let aside = backups::restore(&db, &backup, now()).unwrap().unwrap();
    assert_eq!(std::fs::read(&aside).unwrap(), current, "kept as it was");
    let store = Store::open(&db).unwrap();
    assert_eq!(names(&store), ["Adair County"]);
    drop(store);

    // A second restore in the same second keeps that file too.
    let restored = std::fs::read(&db).unwrap();
    let second = backups::restore(&db, &backup, now()).unwrap().unwrap();
    assert_ne!(second, aside);
    assert_eq!(std::fs::read(&aside).unwrap(), current, "not replaced");
    assert_eq!(std::fs::read(&second).unwrap(), restored);
}

fn refused_unchanged(path: &Path) {
    let before = std::fs::read(path).unwrap();
    let result = Store::open_verified(path);
    let Err(error) = result else {
        panic!("{} opened", path.display());
    };
    assert!(!error.to_string().is_empty());
    assert_eq!(std::fs::read(path).unwrap(), before, "{error}");
}

#[test]
fn damaged_files_are_refused_with_a_message_and_left_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.sqlite3");
    {
        let mut store = Store::open(&good).unwrap();
        store
            .add_districts(&iln_roster::bundled::kentucky_districts::kentucky_districts().unwrap())
            .unwrap();
    }
    let bytes = std::fs::read(&good).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page);

    let truncated = dir.path().join("truncated.sqlite3");
    std::fs::write(&truncated, &bytes[..bytes.len() / 3]).unwrap();
    refused_unchanged(&truncated);

    let zeroed = dir.path().join("zeroed.sqlite3");
    let mut z = bytes.clone();
    z[2 * page..5 * page].fill(0);
    std::fs::write(&zeroed, &z).unwrap();
    refused_unchanged(&zeroed);

    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    for n in 0..5 {
        let random = dir.path().join(format!("random{n}.sqlite3"));
        let noise: Vec<u8> = (0..bytes.len() / (n + 1))
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        std::fs::write(&random, noise).unwrap();
        refused_unchanged(&random);
    }
    // A damaged file names itself as damaged.
    assert!(matches!(
        Store::open_verified(&zeroed),
        Err(OpenError::Damaged { .. } | OpenError::NotADatabase { .. } | OpenError::Sqlite { .. })
    ));
}

/// A spreadsheet of `count` new districts.
fn big_import(dir: &Path, count: usize) -> PathBuf {
    let mut text = String::from("District,KDE #,County,Contact,Email\r\n");
    for i in 0..count {
        text.push_str(&format!(
            "Crash Test District {i},{:03},Adair,Person {i},person{i}@crash.test\r\n",
            100 + i
        ));
    }
    let path = dir.join("big.csv");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn an_import_killed_at_any_moment_leaves_all_of_it_or_none() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.sqlite3");
    {
        let mut store = Store::open(&template).unwrap();
        store
            .insert_district(&district("Committed Academy", "999"))
            .unwrap();
    }
    let rows = 850;
    let file = big_import(dir.path(), rows);
    let binary = env!("CARGO_BIN_EXE_iln-roster");

    // How long a whole import takes here, to kill within it.
    let timed = dir.path().join("timed.sqlite3");
    std::fs::copy(&template, &timed).unwrap();
    let started = Instant::now();
    let status = Command::new(binary)
        .args(["import", "districts", "--db"])
        .arg(&timed)
        .arg(&file)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let full = started.elapsed();

    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let (mut none, mut all) = (0, 0);
    for round in 0..24 {
        let db = dir.path().join(format!("round{round}.sqlite3"));
        std::fs::copy(&template, &db).unwrap();
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        // The first round kills at once; the rest anywhere up to the end.
        let share = if round == 0 {
            0.0
        } else {
            (seed >> 11) as f64 / (1u64 << 53) as f64 * 1.1
        };
        let wait = full.mul_f64(share);
        let mut child = Command::new(binary)
            .args(["import", "districts", "--db"])
            .arg(&db)
            .arg(&file)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        // SIGKILL: no chance to clean up.
        let _ = child.kill();
        let _ = child.wait();

        let store = Store::open(&db).expect("the database opens after a kill");
        let list = names(&store);
        assert!(list.contains(&"Committed Academy".to_owned()));
        let imported = list.iter().filter(|n| n.starts_with("Crash Test")).count();
        assert!(
            imported == 0 || imported == rows,
            "round {round}: {imported} of {rows} imported after {wait:?}"
        );
        if imported == 0 {
            none += 1
        } else {
            all += 1
        }
        drop(store);
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |row| row.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
    eprintln!("{none} rounds killed before the commit, {all} after; a whole import takes {full:?}");
    assert!(none > 0, "a kill at once leaves nothing");
}

/// Restoring a backup killed at any moment (SIGKILL, in a child process)
/// always leaves a whole roster at the path: the one before, or the backup.
/// The restored roster keeps the file's permissions.
#[test]
fn a_restore_killed_at_any_moment_leaves_a_whole_roster() {
    let dir = tempfile::tempdir().unwrap();
    let binary = env!("CARGO_BIN_EXE_iln-roster");
    let template = dir.path().join("template.sqlite3");
    let made = Command::new(binary)
        .args(["demo", "--years", "4", "--scale", "3", "--db"])
        .arg(&template)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());
    let backup = dir.path().join("backup.sqlite3");
    {
        let mut store = Store::open(&template).unwrap();
        store.backup_to(&backup).unwrap();
        // The roster moves on after its backup: one more district.
        store
            .insert_district(&district("After the Backup Academy", "998"))
            .unwrap();
    }
    let restore = |db: &std::path::Path| {
        Command::new(binary)
            .args(["restore", "--db"])
            .arg(db)
            .arg(&backup)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long a whole restore takes here, to kill within it.
    let timed = dir.path().join("timed.sqlite3");
    std::fs::copy(&template, &timed).unwrap();
    let started = Instant::now();
    assert!(restore(&timed).wait().unwrap().success());
    let full = started.elapsed();

    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let (mut before, mut after) = (0, 0);
    for round in 0..16 {
        let db = dir.path().join(format!("round{round}.sqlite3"));
        std::fs::copy(&template, &db).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o640)).unwrap();
        }
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        // Anywhere up to the end; the last round lets it finish.
        let share = if round == 15 {
            3.0
        } else {
            (seed >> 11) as f64 / (1u64 << 53) as f64 * 1.2
        };
        let mut child = restore(&db);
        std::thread::sleep(full.mul_f64(share));
        let _ = child.kill();
        let _ = child.wait();

        let store = Store::open_read_only(&db).expect("a whole roster at the path");
        let names = names(&store);
        if names.contains(&"After the Backup Academy".to_owned()) {
            before += 1;
        } else {
            after += 1;
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
                assert_eq!(mode, 0o640, "round {round}: the roster's permissions");
            }
        }
        drop(store);
        // The next run clears what the killed one left.
        Store::open(&db).unwrap();
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with(".iln-"))
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
    eprintln!("restores killed: {before} before it took place, {after} after");
    assert!(after > 0, "some rounds finished");
}

/// The `.iln-*` temporaries in `folder`.
fn temporaries(folder: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".iln-"))
        .map(|e| e.path())
        .collect()
}

#[test]
fn an_export_or_backup_killed_at_any_moment_is_swept_by_the_next_run() {
    let dir = tempfile::tempdir().unwrap();
    let binary = env!("CARGO_BIN_EXE_iln-roster");
    let db = dir.path().join("roster.sqlite3");
    let made = Command::new(binary)
        .args(["demo", "--years", "4", "--scale", "3", "--db"])
        .arg(&db)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(made.success());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let run = |args: &[PathBuf]| {
        Command::new(binary)
            .arg("--db")
            .arg(&db)
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    // A backup never replaces a database, so each run has its own name.
    let export = |_: usize| {
        let target = out.join("attendance.xlsx");
        vec!["export".into(), "attendance".into(), "-o".into(), target]
    };
    let backup = |n: usize| {
        let target = out.join(format!("copy{n}.sqlite3"));
        vec!["backup".into(), "-o".into(), target]
    };
    let commands: [&dyn Fn(usize) -> Vec<PathBuf>; 2] = [&export, &backup];

    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut left_behind = 0;
    for command in commands {
        let started = Instant::now();
        assert!(run(&command(0)).wait().unwrap().success());
        let full = started.elapsed();
        for n in 1..=8 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let share = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let mut child = run(&command(n));
            std::thread::sleep(full.mul_f64(share));
            let _ = child.kill();
            let _ = child.wait();
            left_behind += temporaries(&out).len();
        }
        // The next run in that folder clears what the killed ones left.
        assert!(run(&command(9)).wait().unwrap().success());
        assert!(temporaries(&out).is_empty(), "{:?}", temporaries(&out));
    }
    eprintln!("temporaries left by killed runs: {left_behind}");
    assert!(Store::open_read_only(&out.join("copy9.sqlite3")).is_ok());
    assert!(temporaries(dir.path()).is_empty());
}

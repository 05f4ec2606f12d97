//! Shared by the benchmarks: demo databases made once per run.

use std::path::{Path, PathBuf};

use iln_roster::demo::{DemoOptions, generate};
use iln_roster::domain::SchoolYear;
use iln_roster::store::Store;

/// A 10-year demo roster at `scale`, in `dir`.
pub fn demo_database(dir: &Path, scale: u32) -> PathBuf {
    let path = dir.join(format!("demo-x{scale}.sqlite3"));
    let mut store = Store::open(&path).expect("a new database");
    generate(
        &mut store,
        DemoOptions {
            years: 10,
            scale,
            seed: 2025,
            last: SchoolYear::current(),
        },
    )
    .expect("the demo");
    path
}

/// The peak resident memory of this process so far, in MB (Linux).
#[allow(dead_code)] // Only some benchmarks report it.
pub fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

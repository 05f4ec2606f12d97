//! The command line as the tests run it: the built binary on a roster.

use std::path::Path;
use std::process::{Command, Output};

pub fn roster(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iln-roster"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A failure: non-zero, nothing on stdout, one line on stderr naming `what`.
pub fn assert_fails_saying(output: &Output, what: &str) {
    assert!(!output.status.success(), "should fail: {}", stdout(output));
    let message = stderr(output);
    assert!(message.contains(what), "“{what}” in: {message}");
    assert!(stdout(output).is_empty());
}

pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reports")
        .join(name)
        .display()
        .to_string()
}

pub const DISTRICTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/ky_districts.csv");

//! Starts ILN Roster: with a command, runs it and exits; without one, opens
//! the database and the window.

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser;
use iln_roster::cli::{self, Args};
use iln_roster::store::{self, Store};
use iln_roster::ui::App;

fn main() -> ExitCode {
    let args = Args::parse();
    let Some(path) = args.db.or_else(store::default_path) else {
        eprintln!(
            "iln-roster: could not find your data folder; name a database file with --db PATH"
        );
        return ExitCode::FAILURE;
    };
    if let Some(command) = args.command {
        return match cli::run(command, &path) {
            Ok(report) => {
                // A reader that stopped early (`| head -1`) is no failure.
                let _ = writeln!(std::io::stdout().lock(), "{}", shown(&report));
                ExitCode::SUCCESS
            }
            Err(error) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "iln-roster: {}",
                    shown(&one_line(&error))
                );
                ExitCode::FAILURE
            }
        };
    }

    let opened = Store::open(&path);
    if let Err(error) = &opened {
        // Said here too, in case no window can be shown.
        eprintln!("iln-roster: {error}");
    }
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("ILN Roster")
            .with_app_id(store::APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([900.0, 560.0]),
        ..Default::default()
    };
    let result = eframe::run_native(
        store::APP_ID,
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, opened)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("iln-roster: could not open a window: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Text for the terminal: control characters a file brought in (a cell's
/// escape sequence, a carriage return) are written as escapes, not obeyed.
fn shown(text: &str) -> String {
    iln_roster::cli::for_terminal(text, true)
}

/// The error and its causes on one line, each cause once: most of our
/// messages already say their cause.
fn one_line(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if !line.contains(&text) {
            if !line.is_empty() {
                line.push_str(": ");
            }
            line.push_str(&text);
        }
    }
    line
}

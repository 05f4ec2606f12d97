//! Starts ILN Roster: reads the arguments, opens the database, opens the window.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use iln_roster::store::{self, Store};
use iln_roster::ui::App;

/// The roster of the Kentucky Innovative Learning Network: districts and
/// their people, Letters of Commitment, convenings and Travel Fund Grants.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Args {
    /// The database file to open (created if missing). Without it, the app
    /// uses roster.sqlite3 in your data folder.
    #[arg(long, value_name = "PATH")]
    db: Option<PathBuf>,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let Some(path) = args.db.or_else(store::default_path) else {
        eprintln!(
            "iln-roster: could not find your data folder; name a database file with --db PATH"
        );
        return ExitCode::FAILURE;
    };
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

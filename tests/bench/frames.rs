//! Frame time of every section, headless: an `egui::Context` driving the
//! real app on the 10-year demo roster and on the `--scale 10` one. A frame
//! should cost what is visible, not how much data there is. Also: opening a
//! database and drawing its first frame.

#[path = "common.rs"]
mod common;

use criterion::{Criterion, criterion_group, criterion_main};
use iln_roster::store::Store;
use iln_roster::ui::{App, Section, State};

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1280.0, 800.0),
        )),
        ..Default::default()
    }
}

fn frame(ctx: &egui::Context, app: &mut App) {
    let mut output = ctx.run_ui(input(), |ui| app.ui(ui));
    // No renderer takes the textures here.
    output.textures_delta.clear();
}

fn app_on(ctx: &egui::Context, path: &std::path::Path, section: Section) -> App {
    let state = State {
        section,
        ..State::default()
    };
    App::with_state(ctx, Store::open(path), state)
}

fn frames(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for scale in [1, 10] {
        let path = common::demo_database(dir.path(), scale);
        let mut group = c.benchmark_group(format!("frame/scale{scale}"));
        for section in Section::ALL {
            let ctx = egui::Context::default();
            let mut app = app_on(&ctx, &path, section);
            // Warm up: fonts, caches, first reads.
            for _ in 0..5 {
                frame(&ctx, &mut app);
            }
            group.bench_function(format!("{section:?}"), |b| b.iter(|| frame(&ctx, &mut app)));
        }
        group.finish();
    }
    // Opening stays as quick as the roster grows: no whole-file check
    // before the first frame.
    let empty = dir.path().join("empty.sqlite3");
    drop(Store::open(&empty).expect("a new roster"));
    for (name, path) in [
        ("empty", empty),
        ("scale1", dir.path().join("demo-x1.sqlite3")),
        ("scale10", dir.path().join("demo-x10.sqlite3")),
    ] {
        c.bench_function(&format!("open_and_first_frame/{name}"), |b| {
            b.iter(|| {
                let ctx = egui::Context::default();
                let mut app = app_on(&ctx, &path, Section::Overview);
                frame(&ctx, &mut app);
            });
        });
    }
    if let Some(mb) = common::peak_memory_mb() {
        println!("peak memory after every section at both scales: {mb:.0} MB");
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(2));
    targets = frames
}
criterion_main!(benches);

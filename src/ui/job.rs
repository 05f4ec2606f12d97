//! Work that would freeze the window (writing a large export, reading a
//! spreadsheet, applying an import) runs on its own thread. The frame polls
//! it, draws its progress, and offers Cancel; the work checks `Progress` as
//! it goes and stops cleanly when asked.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;

/// Shared between the frame and the work: how far it got, and whether the
/// user asked it to stop.
pub struct Progress {
    done: AtomicUsize,
    total: usize,
    cancelled: AtomicBool,
    ctx: egui::Context,
}

impl Progress {
    /// Records `done` steps and wakes the frame; `false` means stop now.
    pub fn step(&self, done: usize) -> bool {
        self.done.store(done, Ordering::Relaxed);
        self.ctx.request_repaint();
        !self.cancelled.load(Ordering::Relaxed)
    }
}

pub struct Job<T> {
    /// What is being done, for the progress dialog: "Exporting …".
    pub title: String,
    progress: Arc<Progress>,
    handle: Option<JoinHandle<T>>,
    started: std::time::Instant,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a new thread; `total` steps (0 when unknown).
    pub fn spawn(
        ctx: &egui::Context,
        title: impl Into<String>,
        total: usize,
        work: impl FnOnce(&Progress) -> T + Send + 'static,
    ) -> Self {
        let progress = Arc::new(Progress {
            done: AtomicUsize::new(0),
            total,
            cancelled: AtomicBool::new(false),
            ctx: ctx.clone(),
        });
        let shared = Arc::clone(&progress);
        let handle = std::thread::spawn(move || {
            let result = work(&shared);
            shared.ctx.request_repaint();
            result
        });
        Self {
            title: title.into(),
            progress,
            handle: Some(handle),
            started: std::time::Instant::now(),
        }
    }
}

impl<T> Job<T> {
    /// The work's result once it has finished; `None` while it runs.
    /// `Err` carries a panic's message: the work crashed, not the app.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        if !self.handle.as_ref()?.is_finished() {
            return None;
        }
        let handle = self.handle.take()?;
        Some(handle.join().map_err(|panic| {
            panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown failure".to_owned())
        }))
    }

    pub fn cancel(&self) {
        self.progress.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.progress.cancelled.load(Ordering::Relaxed)
    }

    /// Done so far, 0.0–1.0; `None` when the total is unknown.
    pub fn fraction(&self) -> Option<f32> {
        (self.progress.total > 0).then(|| {
            let done = self.progress.done.load(Ordering::Relaxed);
            (done as f32 / self.progress.total as f32).min(1.0)
        })
    }

    /// A dialog with the progress bar and Cancel (the work stops at its
    /// next step).
    pub fn progress_ui(&self, ctx: &egui::Context) {
        // Work that is done in a blink (a review of a small file) shows no
        // dialog that would only flash.
        if self.started.elapsed() < std::time::Duration::from_millis(150) {
            ctx.request_repaint_after(std::time::Duration::from_millis(30));
            return;
        }
        egui::Modal::new(egui::Id::unique("job_progress")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.label(egui::RichText::new(&self.title).strong());
            ui.add_space(super::style::GAP);
            let bar = match self.fraction() {
                Some(fraction) => egui::ProgressBar::new(fraction).show_percentage(),
                None => egui::ProgressBar::new(0.0).animate(true),
            };
            ui.add(bar);
            ui.add_space(super::style::GAP);
            if self.is_cancelled() {
                super::style::muted(ui, "Stopping…");
            } else if ui
                .button("Cancel")
                .on_hover_text("Stop; nothing is written")
                .clicked()
            {
                self.cancel();
            }
        });
        // Keep the bar moving while the work runs.
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }
}

//! The frame: top bar, navigation, status bar, the current section, and the
//! keyboard shortcuts that work everywhere.

use egui::{RichText, Ui};

use super::{App, Database, Leaving, StatusKind, UiCommand};
use crate::domain::SchoolYear;
use crate::ui::open_database::{FailedChoice, OpenDatabaseDialog, open_failed_ui};
use crate::ui::widgets::{DiscardChoice, discard_changes_modal};
use crate::ui::{Navigation, ReadContext, ScreenContext, Section, style};

/// How many school years before the current one the picker offers.
const YEARS_BACK: i32 = 8;

/// The top bar's search box, told apart from the forms' fields.
fn search_field_id() -> egui::Id {
    egui::Id::unique("top_bar_search")
}

impl App {
    /// Draws one frame, then applies what the user asked for.
    pub fn ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.handle_close_request(&ctx);
        self.handle_shortcuts(&ctx);
        self.forget_errors_of_another_place();
        let enter_in_field = self.enter_in_form_field(&ctx);

        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar_ui(ui));
        match &self.database {
            Database::Failed(_) => {
                egui::CentralPanel::default().show(ui, |ui| self.open_failed_ui(ui));
            }
            Database::Busy(_) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    style::empty_state(
                        ui,
                        "⏳",
                        "Importing…",
                        "The roster is back when the import is done.",
                        |_| {},
                    );
                });
            }
            Database::Open(_) => {
                egui::Panel::left("navigation")
                    .resizable(false)
                    .exact_size(style::NAV_WIDTH)
                    .show(ui, |ui| self.navigation_ui(ui));
                egui::CentralPanel::default().show(ui, |ui| self.section_ui(ui));
            }
        }
        self.leaving_modal_ui(&ctx);
        self.open_dialog_ui(&ctx);
        self.shortcuts_ui(&ctx);
        self.export_dialog_ui(&ctx);
        self.safety_dialogs_ui(&ctx);
        self.job_ui(&ctx);
        // Enter in a single-line field saves its form: the field gives up
        // its focus on Enter (a multi-line one keeps it, for a new line). A
        // field that acts on Enter itself consumes the key.
        if enter_in_field
            && ctx.memory(|m| m.focused()).is_none()
            && ctx.input(|i| i.key_pressed(egui::Key::Enter))
        {
            self.run_ui_command(UiCommand::SaveRecord);
        }
        self.run_commands();
        self.check_after_first_frame(&ctx);
    }

    /// Whether Enter is pressed in a text field of a section's form (not in
    /// the search box or a dialog), before the frame is drawn.
    fn enter_in_form_field(&self, ctx: &egui::Context) -> bool {
        let in_dialog = ctx.memory(|m| m.top_modal_layer()).is_some();
        let focused = ctx.memory(|m| m.focused());
        !in_dialog
            && ctx.text_edit_focused()
            && focused.is_some_and(|id| id != search_field_id())
            && ctx.input(|i| i.key_pressed(egui::Key::Enter))
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        // A dialog on top owns the keyboard (Escape closes it).
        if ctx.memory(|m| m.top_modal_layer()).is_some() {
            return;
        }
        let typing = ctx.text_edit_focused();
        let unsaved_typing = typing && self.has_unsaved_changes();
        for command in UiCommand::all() {
            let Some(shortcut) = command.shortcut() else {
                continue;
            };
            if typing && command.yields_to_text_field(unsaved_typing) {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
                self.run_ui_command(command);
            }
        }
    }

    pub(super) fn run_ui_command(&mut self, command: UiCommand) {
        match command {
            UiCommand::FocusSearch => self.focus_search = true,
            UiCommand::OpenDatabase => self.open_dialog = Some(OpenDatabaseDialog::default()),
            UiCommand::ShowShortcuts => self.showing_shortcuts = true,
            UiCommand::Export => self.export_asked = true,
            UiCommand::GoTo(section) => self.go_to(section),
            // Forms with unsaved edits follow the undone record (and ask,
            // should it be theirs).
            UiCommand::Undo => self.commands.push(super::Command::Undo),
            UiCommand::Redo => self.commands.push(super::Command::Redo),
            _ => {
                let Database::Open(store) = &self.database else {
                    return;
                };
                let cx = ReadContext::now(store, self.year);
                let handled = self.screens.get_mut(self.state.section).handle(
                    command,
                    &cx,
                    &mut self.commands,
                );
                if let Err(error) = handled {
                    self.set_error(error.to_string());
                }
            }
        }
    }

    /// An error in the status bar was about where the user was: once they
    /// move to another section or year, it goes.
    fn forget_errors_of_another_place(&mut self) {
        let here = (self.state.section, self.year);
        if self.error_place != Some(here) {
            if matches!(self.status, Some((_, StatusKind::Error))) && self.error_place.is_some() {
                self.status = None;
            }
            self.error_place = matches!(self.status, Some((_, StatusKind::Error))).then_some(here);
        }
    }

    fn go_to(&mut self, section: Section) {
        if section == self.state.section {
            return;
        }
        if self.has_unsaved_changes() {
            self.leaving = Some(Leaving::ToSection(section));
        } else {
            self.state.section = section;
        }
    }

    /// Changes the year, first asking about unsaved edits.
    pub(super) fn request_year(&mut self, year: SchoolYear) {
        if year == self.year {
            return;
        }
        if self.has_unsaved_changes() {
            self.leaving = Some(Leaving::ToYear(year));
        } else {
            self.year = year;
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.close_confirmed
            && self.has_unsaved_changes()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.leaving = Some(Leaving::CloseWindow);
        }
    }

    /// Every command with its shortcut (F1), in the order they are tried.
    fn shortcuts_ui(&mut self, ctx: &egui::Context) {
        if !self.showing_shortcuts {
            return;
        }
        let modal = egui::Modal::new(egui::Id::unique("shortcuts")).show(ctx, |ui| {
            ui.label(RichText::new("Keyboard shortcuts").heading());
            ui.add_space(style::GAP);
            egui::Grid::new("shortcuts_grid")
                .num_columns(2)
                .spacing([style::SECTION_GAP, 4.0])
                .show(ui, |ui| {
                    for command in UiCommand::all() {
                        if let Some(shortcut) = command.shortcut() {
                            ui.label(RichText::new(ctx.format_shortcut(&shortcut)).monospace());
                            ui.label(command.tooltip());
                            ui.end_row();
                        }
                    }
                });
            ui.add_space(style::GAP);
            ui.button("Close").clicked()
        });
        if modal.inner || modal.should_close() {
            self.showing_shortcuts = false;
        }
    }

    fn leaving_modal_ui(&mut self, ctx: &egui::Context) {
        let Some(leaving) = &self.leaving else { return };
        let Some(choice) = discard_changes_modal(ctx, &self.unsaved_title()) else {
            return;
        };
        let leaving = leaving.clone();
        self.leaving = None;
        if choice == DiscardChoice::KeepEditing {
            return;
        }
        self.discard_changes();
        match leaving {
            Leaving::ToSection(section) => self.state.section = section,
            Leaving::ToYear(year) => self.year = year,
            Leaving::ToDatabase(path) => self.open_request = Some(path),
            Leaving::CloseWindow => {
                self.close_confirmed = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    fn top_bar_ui(&mut self, ui: &mut Ui) {
        ui.add_space(style::GAP / 2.0);
        ui.horizontal(|ui| {
            ui.label(RichText::new("ILN Roster").strong().size(16.0))
                .on_hover_text("Kentucky Innovative Learning Network roster");
            if matches!(self.database, Database::Open(_)) {
                ui.separator();
                self.year_picker_ui(ui);
                ui.separator();
                self.search_ui(ui);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                self.theme_ui(ui);
                ui.separator();
                if matches!(self.database, Database::Open(_)) {
                    self.undo_redo_ui(ui);
                    ui.separator();
                }
                if style::icon_button(
                    ui,
                    "📂",
                    &UiCommand::OpenDatabase.tooltip_with_shortcut(ui.ctx()),
                )
                .clicked()
                {
                    self.run_ui_command(UiCommand::OpenDatabase);
                }
            });
        });
        ui.add_space(style::GAP / 2.0);
    }

    /// Right to left: Redo, then Undo; each says what it would do.
    fn undo_redo_ui(&mut self, ui: &mut Ui) {
        let (undo, redo) = self.undo_hints.clone();
        for (command, hint) in [(UiCommand::Redo, redo), (UiCommand::Undo, undo)] {
            let shortcut = command
                .shortcut()
                .map(|s| ui.ctx().format_shortcut(&s))
                .unwrap_or_default();
            let mut tip = match &hint {
                Some(what) => format!("{}: {what} ({shortcut})", command.text()),
                None => format!("Nothing to {} ({shortcut})", command.text().to_lowercase()),
            };
            if command == UiCommand::Undo {
                tip = format!("{tip}\n\n{}", super::UNDO_RULE);
            }
            let clicked = ui
                .add_enabled(hint.is_some(), egui::Button::new(command.text()))
                .on_hover_text(&tip)
                .on_disabled_hover_text(&tip)
                .clicked();
            if clicked {
                self.run_ui_command(command);
            }
        }
    }

    fn year_picker_ui(&mut self, ui: &mut Ui) {
        let label = ui.label("School year");
        let current = SchoolYear::current();
        let first = current.start_year() - YEARS_BACK;
        let mut chosen = self.year;
        egui::ComboBox::from_id_salt("school_year")
            .selected_text(self.year.to_string())
            .width(110.0)
            .show_ui(ui, |ui| {
                for start in (first..=current.start_year() + 1).rev() {
                    let Some(year) = SchoolYear::starting(start) else {
                        continue;
                    };
                    let text = if year == current {
                        format!("{year} (current)")
                    } else {
                        year.to_string()
                    };
                    ui.selectable_value(&mut chosen, year, text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("The school year (July–June) the sections show");
        self.request_year(chosen);
    }

    fn search_ui(&mut self, ui: &mut Ui) {
        let shortcut = UiCommand::FocusSearch
            .shortcut()
            .map(|s| ui.ctx().format_shortcut(&s))
            .unwrap_or_default();
        let label = ui.label("Search");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut self.search)
                    .id(search_field_id())
                    .hint_text(format!("name, KDE #, county, co-op… ({shortcut})"))
                    .desired_width(280.0),
            )
            .labelled_by(label.id)
            .on_hover_text(UiCommand::FocusSearch.tooltip());
        if std::mem::take(&mut self.focus_search) {
            response.request_focus();
        }
        if !self.search.is_empty() && style::icon_button(ui, "✖", "Clear the search").clicked() {
            self.search.clear();
        }
    }

    fn theme_ui(&mut self, ui: &mut Ui) {
        use egui::ThemePreference as T;
        // The Settings section changes it too: egui's options hold the truth.
        self.state.theme = ui.ctx().options(|o| o.theme_preference);
        let before = self.state.theme;
        // Right to left: the last shown is the leftmost.
        for (theme, icon, tip) in [
            (T::Dark, "🌙", "Dark theme"),
            (T::Light, "☀", "Light theme"),
            (T::System, "💻", "Follow the system's theme"),
        ] {
            let response = ui.selectable_value(&mut self.state.theme, theme, icon);
            style::named(&response, tip, Some(self.state.theme == theme));
            response.on_hover_text(tip);
        }
        if self.state.theme != before {
            ui.ctx().set_theme(self.state.theme);
        }
    }

    fn navigation_ui(&mut self, ui: &mut Ui) {
        ui.add_space(style::GAP);
        for section in Section::ALL {
            let selected = self.state.section == section;
            let text = RichText::new(format!("{}  {}", section.icon(), section.label())).size(15.0);
            let button = egui::Button::selectable(selected, text)
                .min_size(egui::vec2(ui.available_width(), 32.0));
            let tooltip = UiCommand::GoTo(section).tooltip_with_shortcut(ui.ctx());
            if ui.add(button).on_hover_text(tooltip).clicked() {
                self.go_to(section);
            }
        }
    }

    fn status_bar_ui(&mut self, ui: &mut Ui) {
        ui.horizontal(|ui| {
            let path = match &self.database {
                Database::Open(store) => store.path().display().to_string(),
                Database::Failed(error) => error.path().display().to_string(),
                Database::Busy(path) => path.display().to_string(),
            };
            style::muted(ui, format!("🗄 {path}")).on_hover_text("The database file");
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if let Some((text, kind)) = &self.status {
                    let color = match kind {
                        StatusKind::Info => style::success_color(ui),
                        StatusKind::Error => style::error_color(ui),
                    };
                    ui.label(RichText::new(text).color(color));
                }
            });
        });
    }

    fn section_ui(&mut self, ui: &mut Ui) {
        let today = self.today();
        let Database::Open(store) = &self.database else {
            return;
        };
        let mut navigate = None;
        let mut notice = None;
        let mut export = None;
        let mut transfer = None;
        let mut open = None;
        let mut cx = ScreenContext {
            store,
            year: self.year,
            today,
            search: &mut self.search,
            commands: &mut self.commands,
            navigate: &mut navigate,
            notice: &mut notice,
            export: &mut export,
            transfer: &mut transfer,
            open: &mut open,
        };
        if std::mem::take(&mut self.export_asked) {
            crate::ui::widgets::ask_for_export(ui.ctx());
        }
        let result = self.screens.get_mut(self.state.section).ui(ui, &mut cx);
        crate::ui::widgets::forget_export_asked(ui.ctx());
        if let Some(request) = export {
            self.open_export_dialog(request);
        }
        if let Some(request) = transfer {
            self.wizard_request(ui.ctx(), request);
        }
        if let Err(error) = result {
            self.set_error(error.to_string());
        }
        if let Some(notice) = notice {
            self.set_info(notice);
        }
        if let Some(path) = open {
            self.open_in_viewer(&path);
        }
        if let Some(navigation) = navigate {
            self.navigate(navigation);
        }
    }

    /// Hands a file to the system's viewer (or, under test, notes it).
    fn open_in_viewer(&mut self, path: &std::path::Path) {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(opened) = &mut self.opened_files {
            opened.push(path.to_path_buf());
            self.set_info(format!("Opened “{name}”."));
            return;
        }
        match opener::open(path) {
            Ok(()) => self.set_info(format!("Opened “{name}” with the system's viewer.")),
            Err(error) => self.set_error(format!(
                "Could not open “{name}” ({error}). It is saved at {}.",
                path.display()
            )),
        }
    }

    /// Shows another screen; unsaved edits were already asked about, since
    /// only a form without them offers to go elsewhere.
    fn navigate(&mut self, navigation: Navigation) {
        let section = navigation.section();
        self.state.section = section;
        if let Some(year) = navigation.year() {
            self.year = year;
        }
        let Database::Open(store) = &self.database else {
            return;
        };
        let cx = ReadContext::now(store, self.year);
        if let Err(error) = self.screens.get_mut(section).navigate(navigation, &cx) {
            self.set_error(error.to_string());
        }
    }

    fn open_failed_ui(&mut self, ui: &mut Ui) {
        let Database::Failed(error) = &self.database else {
            return;
        };
        let backup_taken = self
            .good_backup
            .as_ref()
            .map(|b| b.taken_at.format("%-m/%-d/%Y %-I:%M %p").to_string());
        match open_failed_ui(ui, error, backup_taken.as_deref(), &mut self.failed_picker) {
            Some(FailedChoice::Open(path)) => self.open_request = Some(path),
            Some(FailedChoice::RestoreBackup) => {
                if let Some(backup) = self.good_backup.take() {
                    self.restore(backup.path);
                }
            }
            None => {}
        }
    }

    fn open_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.open_dialog else {
            return;
        };
        match dialog.ui(ctx) {
            Some(Some(path)) => {
                self.open_dialog = None;
                if self.has_unsaved_changes() {
                    self.leaving = Some(Leaving::ToDatabase(path));
                } else {
                    self.open_request = Some(path);
                }
            }
            Some(None) => self.open_dialog = None,
            None => {}
        }
    }
}

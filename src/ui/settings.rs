//! The Settings section: every setting of the roster in one place, each
//! with its meaning and default. The controls beside the attendance grid,
//! the grant list and the fund bar are shortcuts to the same values.

use egui::{RichText, Ui};
use strum::VariantArray as _;

use super::command::Command;
use super::widgets::still_editing;
use super::{AfterChange, ReadContext, Screen, ScreenContext, Shows, style};
use crate::domain::participants::ReportRules;
use crate::domain::settings::{MAX_DECISION_DAYS, Setting, Settings};
use crate::domain::{ExcusedPolicy, Money, SchoolYear};
use crate::store::{StoreError, StoredTable};

/// Room for the longest label ("Organisers' email domains").
const LABEL_WIDTH: f32 = 200.0;
const CONTROL_WIDTH: f32 = 280.0;
/// Lines short enough to read at a glance.
const EXPLANATION_WIDTH: f32 = 760.0;

#[derive(Default)]
pub struct SettingsScreen {
    year: Option<SchoolYear>,
    stored: Settings,
    /// What the controls show: the stored settings, plus a change being
    /// dragged or typed (saved once the user lets go).
    edited: Settings,
    domains: TypedValue,
    fund: Option<Money>,
    fund_text: TypedValue,
}

/// A setting typed as text: saved when the user leaves the field, or
/// refused with the reason beside it.
#[derive(Default)]
struct TypedValue {
    text: String,
    error: Option<String>,
}

impl TypedValue {
    fn read(&mut self, text: String) {
        self.text = text;
        self.error = None;
    }
}

impl Screen for SettingsScreen {
    fn shows(&self) -> Shows {
        Shows::Tables(&[StoredTable::Setting, StoredTable::GrantFund])
    }

    fn reload(&mut self, cx: &ReadContext<'_>, _: &AfterChange<'_>) -> Result<(), StoreError> {
        self.year = Some(cx.year);
        self.stored = cx.store.settings()?;
        self.edited = self.stored.clone();
        self.domains.read(self.stored.reports.domains_text());
        self.fund = cx.store.grant_fund(cx.year)?;
        self.fund_text
            .read(self.fund.map(|f| f.to_string()).unwrap_or_default());
        Ok(())
    }

    fn year_read(&self) -> Option<SchoolYear> {
        self.year
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.ensure_year(&cx.read())?;
        ui.add_space(style::GAP);
        style::heading(ui, "Settings");
        style::muted(
            ui,
            "Kept in this roster's file, so they travel with it. The controls beside the \
             attendance grid, the grant list and the fund bar change the same values.",
        );
        egui::ScrollArea::vertical()
            .id_salt("settings_scroll")
            .auto_shrink([false; 2])
            .show(ui, |ui| {
                let mut editing = false;
                let mut group = "";
                for &setting in Setting::VARIANTS {
                    if setting.group() != group {
                        group = setting.group();
                        style::subheading(ui, group);
                    }
                    editing |= self.setting_ui(ui, setting);
                }
                if !editing {
                    self.save_changes(cx.commands);
                }
                self.fund_ui(ui, cx);
                appearance_ui(ui);
            });
        Ok(())
    }
}

impl SettingsScreen {
    /// One setting's row: its label, its control, a way back to the
    /// default, and what it means. Whether the user is still changing it.
    fn setting_ui(&mut self, ui: &mut Ui, setting: Setting) -> bool {
        let mut editing = false;
        ui.horizontal(|ui| {
            let label = labelled(ui, setting.label());
            ui.scope(|ui| {
                ui.set_width(CONTROL_WIDTH);
                let response = self.control_ui(ui, setting).labelled_by(label.id);
                editing = still_editing(&response);
            });
            if !setting.is_default(&self.edited) {
                let reset = ui
                    .button("Default")
                    .on_hover_text(format!("Back to the default: {}", setting.default_shown()));
                if reset.clicked() {
                    setting.reset(&mut self.edited);
                    if setting == Setting::OrganiserDomains {
                        self.domains.read(self.edited.reports.domains_text());
                    }
                }
            }
        });
        explained(
            ui,
            &format!(
                "{} Default: {}.",
                setting.meaning(),
                setting.default_shown()
            ),
        );
        editing
    }

    fn control_ui(&mut self, ui: &mut Ui, setting: Setting) -> egui::Response {
        let attendance = &mut self.edited.attendance;
        match setting {
            Setting::FlagUnder => ui.add(
                egui::DragValue::new(&mut attendance.threshold_percent)
                    .range(0..=100)
                    .suffix(" %"),
            ),
            Setting::FlagAfter => ui.add(
                egui::DragValue::new(&mut attendance.min_convenings)
                    .range(0..=50)
                    .suffix(" convenings"),
            ),
            Setting::Excused => {
                egui::ComboBox::from_id_salt("settings_excused")
                    .width(CONTROL_WIDTH - 8.0)
                    .selected_text(attendance.excused.label())
                    .show_ui(ui, |ui| {
                        for &policy in ExcusedPolicy::VARIANTS {
                            ui.selectable_value(&mut attendance.excused, policy, policy.label());
                        }
                    })
                    .response
            }
            Setting::MinMinutes => ui.add(
                egui::DragValue::new(&mut self.edited.reports.min_minutes)
                    .range(0..=ReportRules::MAX_MINUTES)
                    .suffix(" min"),
            ),
            Setting::OrganiserDomains => {
                let response = ui.add(
                    egui::TextEdit::singleline(&mut self.domains.text)
                        .hint_text("education.ky.gov, kde.ky.gov")
                        .desired_width(CONTROL_WIDTH - 8.0),
                );
                if response.lost_focus() {
                    match ReportRules::checked_domains(&self.domains.text) {
                        Ok(domains) => {
                            self.domains.error = None;
                            self.edited.reports.organiser_domains = domains;
                        }
                        Err(problem) => self.domains.error = Some(problem),
                    }
                }
                if let Some(error) = &self.domains.error {
                    style::error_text(ui, error);
                }
                response
            }
            Setting::DecisionDays => ui.add(
                egui::DragValue::new(&mut self.edited.decision_days)
                    .range(1..=MAX_DECISION_DAYS)
                    .suffix(" days"),
            ),
        }
    }

    /// What the user changed, as the commands the other screens' controls
    /// send: one change (and one undo) per kind of setting.
    fn save_changes(&mut self, commands: &mut Vec<Command>) {
        let (edited, stored) = (&self.edited, &self.stored);
        if edited.attendance != stored.attendance {
            commands.push(Command::SetAttendanceRules(edited.attendance));
        }
        if edited.reports != stored.reports {
            commands.push(Command::SetReportRules(edited.reports.clone()));
        }
        if edited.decision_days != stored.decision_days {
            commands.push(Command::SetDecisionDays(edited.decision_days));
        }
        // Asked once: the screen reads the stored values back after the change.
        self.stored = self.edited.clone();
    }

    /// The year's Travel Fund, as the fund bar sets it.
    fn fund_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        style::subheading(ui, &format!("Travel Fund {}", cx.year));
        ui.horizontal(|ui| {
            let label = labelled(ui, "Fund for the year");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.fund_text.text)
                        .hint_text("$60,000.00")
                        .desired_width(140.0),
                )
                .labelled_by(label.id);
            if response.lost_focus() {
                self.fund_text.error = None;
                let text = self.fund_text.text.trim();
                if !text.is_empty() || self.fund.is_some() {
                    match Money::parse(text) {
                        Ok(amount) if Some(amount) != self.fund => {
                            cx.commands.push(Command::SetGrantFund {
                                year: cx.year,
                                amount,
                            });
                        }
                        Ok(_) => {}
                        Err(message) => self.fund_text.error = Some(message),
                    }
                }
            }
            if let Some(error) = &self.fund_text.error {
                style::error_text(ui, error);
            }
        });
        explained(
            ui,
            "What the network may award in travel grants this school year; the grant list's \
             bar measures awards and payments against it. Each year has its own. \
             Default: not set.",
        );
    }
}

/// The window's theme: kept with the app's preferences, not the roster.
fn appearance_ui(ui: &mut Ui) {
    use egui::ThemePreference as T;
    style::subheading(ui, "Appearance");
    ui.horizontal(|ui| {
        labelled(ui, "Theme");
        let mut theme = ui.ctx().options(|o| o.theme_preference);
        let before = theme;
        for (choice, text) in [
            (T::System, "💻 Follow the system"),
            (T::Light, "☀ Light"),
            (T::Dark, "🌙 Dark"),
        ] {
            ui.selectable_value(&mut theme, choice, text);
        }
        if theme != before {
            ui.ctx().set_theme(theme);
        }
    });
    explained(
        ui,
        "This computer's choice, kept with the window's size and sorts; the top bar's \
         buttons change it too. Default: follow the system.",
    );
}

/// A label in the settings' label column.
fn labelled(ui: &mut Ui, text: &str) -> egui::Response {
    let size = egui::vec2(LABEL_WIDTH, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_width(LABEL_WIDTH);
        ui.label(text)
    })
    .inner
}

/// A setting's meaning and default, under its control.
fn explained(ui: &mut Ui, text: &str) {
    ui.scope(|ui| {
        ui.set_max_width(EXPLANATION_WIDTH);
        ui.add(egui::Label::new(RichText::new(text).color(style::muted_color(ui))).wrap());
    });
    ui.add_space(style::GAP);
}

//! The Travel Grants section's bar over its table: the year's fund against
//! what was awarded and paid (and its editing), the decision days, and the
//! filters by status and what needs attention.

use egui::{RichText, Ui};
use strum::VariantArray as _;

use std::collections::BTreeSet;

use super::{GrantFilter, GrantsScreen, table};
use crate::domain::{GrantStatus, Money};
use crate::ui::command::Command;
use crate::ui::widgets::still_editing;
use crate::ui::{ScreenContext, style};

impl GrantsScreen {
    pub(super) fn fund_bar_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        let fund = self.fund;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                match fund.fund {
                    Some(amount) => {
                        ui.label(RichText::new(format!("Fund {amount}")).strong());
                    }
                    None => {
                        ui.label(
                            RichText::new(format!("No fund set for {}", cx.year))
                                .color(style::warning_color(ui)),
                        );
                    }
                }
                ui.separator();
                ui.label(format!("Awarded {}", fund.awarded));
                ui.separator();
                ui.label(format!("Paid {}", fund.paid));
                if let Some(remaining) = fund.remaining_cents() {
                    ui.separator();
                    let text = if remaining < 0 {
                        RichText::new(format!(
                            "Over by {}",
                            Money::from_cents(-remaining).unwrap_or_default()
                        ))
                        .color(style::error_color(ui))
                        .strong()
                    } else {
                        RichText::new(format!(
                            "Remaining {}",
                            Money::from_cents(remaining).unwrap_or_default()
                        ))
                        .strong()
                    };
                    ui.label(text);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if self.fund_editor.is_none()
                        && ui
                            .button(if fund.fund.is_some() {
                                "Change fund…"
                            } else {
                                "Set fund…"
                            })
                            .clicked()
                    {
                        let current = fund.fund.map(|f| f.to_string()).unwrap_or_default();
                        self.fund_editor = Some((current, None));
                    }
                });
            });
            if let Some(amount) = fund.fund.filter(|f| f.cents() > 0) {
                let share = fund.awarded.cents() as f32 / amount.cents() as f32;
                let mut bar = egui::ProgressBar::new(share.min(1.0)).desired_height(8.0);
                if share > 1.0 {
                    bar = bar.fill(style::error_color(ui));
                }
                ui.add(bar)
                    .on_hover_text(format!("{:.0}% of the fund awarded", share * 100.0));
            }
            let mut close = false;
            if let Some((text, error)) = &mut self.fund_editor {
                ui.horizontal(|ui| {
                    let label = ui.label(format!("Fund for {}", cx.year));
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(text)
                                .hint_text("$50,000.00")
                                .desired_width(140.0),
                        )
                        .labelled_by(label.id);
                    // Enter here saves the fund, not the form below.
                    let entered = response.lost_focus()
                        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Enter));
                    if ui.button("Save fund").clicked() || entered {
                        match Money::parse(text) {
                            Ok(amount) => {
                                cx.commands.push(Command::SetGrantFund {
                                    year: cx.year,
                                    amount,
                                });
                                close = true;
                            }
                            Err(message) => *error = Some(message),
                        }
                    } else if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
                if let Some(message) = error {
                    style::error_text(ui, message);
                }
            }
            if close {
                self.fund_editor = None;
            }
        });
    }

    pub(super) fn filters_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        ui.horizontal_wrapped(|ui| {
            let attention = self.flags.iter().filter(|f| f.attention.is_some() || f.terminated).count();
            let on = self.filter.contains(&GrantFilter::NeedsAttention);
            let text = format!("⚑ Needs attention {attention}");
            if ui
                .add(style::status_toggle(ui, on, text, style::warning_color(ui)))
                .on_hover_text(format!(
                    "Undecided after {} days, awarded but unpaid after the trip, or no report back {} days after it",
                    self.decision_days,
                    crate::domain::grant::REPORT_DUE_DAYS
                ))
                .clicked()
            {
                toggle(&mut self.filter, GrantFilter::NeedsAttention);
            }
            ui.separator();
            for status in GrantStatus::VARIANTS.iter().copied() {
                let count = self.table.rows().iter().filter(|r| r.grant.status == status).count();
                if count == 0 && !self.filter.contains(&GrantFilter::Status(status)) {
                    continue;
                }
                let on = self.filter.contains(&GrantFilter::Status(status));
                let text = format!("{} {} {count}", status.symbol(), status.label());
                let color = table::status_color(ui, status);
                if ui.add(style::status_toggle(ui, on, text, color)).clicked() {
                    toggle(&mut self.filter, GrantFilter::Status(status));
                }
            }
            if !self.filter.is_empty() && ui.button("Show all").clicked() {
                self.filter.clear();
            }
            ui.separator();
            let label = ui.label("Decide within");
            let mut days = self.decision_days_edit.unwrap_or(self.decision_days);
            let response = ui
                .add(egui::DragValue::new(&mut days).range(1..=365).suffix(" days"))
                .labelled_by(label.id)
                .on_hover_text("A submitted application undecided for longer needs attention");
            if still_editing(&response) {
                self.decision_days_edit = Some(days);
            } else {
                self.decision_days_edit = None;
                if days != self.decision_days {
                    cx.commands.push(Command::SetDecisionDays(days));
                }
            }
        });
    }
}

fn toggle(set: &mut BTreeSet<GrantFilter>, filter: GrantFilter) {
    if !set.remove(&filter) {
        set.insert(filter);
    }
}

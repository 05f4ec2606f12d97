//! Choosing a district from 171: a drop-down that filters as the user
//! types (Enter takes the first match) and marks the districts that are
//! members when it matters (a report's day, an application's year): ✔ a
//! member, ○ not one, so the names line up.

use egui::{RichText, Ui};

use super::style;
use crate::domain::DistrictId;

/// A district offered by the picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub id: DistrictId,
    pub name: String,
    pub member: bool,
}

impl Choice {
    /// The name of `id` among `choices`.
    pub fn name_in(choices: &[Self], id: DistrictId) -> Option<&str> {
        choices.iter().find(|c| c.id == id).map(|c| c.name.as_str())
    }
}

/// The picker's look and words.
pub struct DistrictPicker<'a> {
    pub id_salt: egui::IdSalt,
    pub width: f32,
    /// What the closed picker shows.
    pub selected_text: &'a str,
    /// How a non-member is marked: "not a member that day".
    pub not_member: &'a str,
}

impl DistrictPicker<'_> {
    /// The picker; the district the user chose this frame, if any.
    pub fn ui(
        &self,
        ui: &mut Ui,
        selected: Option<DistrictId>,
        choices: &[Choice],
    ) -> (egui::Response, Option<DistrictId>) {
        let query_id = ui.make_persistent_id(self.id_salt).with("query");
        let mut chosen = None;
        let shown = egui::ComboBox::from_id_salt(self.id_salt)
            .width(self.width)
            .height(360.0)
            .selected_text(self.selected_text)
            .show_ui(ui, |ui| {
                let mut query: String = ui.data(|d| d.get_temp(query_id)).unwrap_or_default();
                let search = ui.add(
                    egui::TextEdit::singleline(&mut query)
                        .hint_text("Type to search…")
                        .desired_width(f32::INFINITY),
                );
                if ui.data(|d| d.get_temp::<bool>(query_id.with("focused")).is_none()) {
                    search.request_focus();
                    ui.data_mut(|d| d.insert_temp(query_id.with("focused"), true));
                }
                let needle = query.trim().to_lowercase();
                let mut first = None;
                for choice in choices {
                    if !needle.is_empty() && !choice.name.to_lowercase().contains(&needle) {
                        continue;
                    }
                    first.get_or_insert(choice.id);
                    let text = if choice.member {
                        RichText::new(format!("✔ {}", choice.name))
                    } else {
                        RichText::new(format!("○ {} ({})", choice.name, self.not_member))
                            .color(style::muted_color(ui))
                    };
                    if ui
                        .selectable_label(selected == Some(choice.id), text)
                        .clicked()
                    {
                        chosen = Some(choice.id);
                    }
                }
                if first.is_none() {
                    style::muted(ui, format!("No district matches “{}”", query.trim()));
                }
                let entered = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if entered && first.is_some() {
                    chosen = first;
                    ui.close();
                }
                ui.data_mut(|d| d.insert_temp(query_id, query));
            });
        if shown.inner.is_none() {
            // Closed: the next opening starts with an empty search.
            ui.data_mut(|d| {
                d.remove::<String>(query_id);
                d.remove::<bool>(query_id.with("focused"));
            });
        }
        (shown.response, chosen.filter(|id| Some(*id) != selected))
    }
}

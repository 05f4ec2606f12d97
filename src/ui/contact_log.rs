//! The messages prepared for a district (its contact log), as the
//! district's and the letter's forms list them.

use egui::Ui;

use crate::domain::email::TemplateName;
use crate::domain::validate::display_date;
use crate::store::ContactEntry;
use crate::ui::style;

/// "Messages (3)", newest first: the day, the template, the subject; the
/// recipients on hover.
pub fn contact_log_ui(ui: &mut Ui, entries: &[ContactEntry]) {
    ui.add_space(style::SECTION_GAP);
    ui.separator();
    style::subheading(ui, &format!("Messages ({})", entries.len()));
    if entries.is_empty() {
        style::muted(
            ui,
            "No drafts made yet (Memberships › Renewals › Drafts…, or `iln-roster drafts`).",
        );
        return;
    }
    for entry in entries.iter().take(20) {
        let template = TemplateName::from_key(&entry.template)
            .map_or_else(|| entry.template.clone(), |t| t.label().to_owned());
        ui.horizontal_wrapped(|ui| {
            style::muted(ui, display_date(entry.sent_on));
            ui.label(template)
                .on_hover_text(format!("To {}", entry.recipients));
            style::muted(ui, format!("“{}”", entry.subject));
        });
    }
    if entries.len() > 20 {
        style::muted(ui, format!("and {} earlier", entries.len() - 20));
    }
}

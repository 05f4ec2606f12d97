//! The preview's people: a participant's label, a row to review (assign
//! to a district or ignore), and those set aside (organisers, and anyone in
//! the meeting too briefly to count).

use std::collections::BTreeSet;

use egui::Ui;

use super::{Decision, PreviewRow};
use crate::domain::DistrictId;
use crate::domain::participants::{Participant, ParticipantMatch, ReportRules};
use crate::ui::district_picker::{Choice, DistrictPicker};
use crate::ui::style;

pub(super) fn minutes_text(participant: &Participant) -> String {
    participant
        .minutes
        .map_or_else(|| "—".to_owned(), |m| format!("{m} min"))
}

/// Organisers, and people in the meeting too briefly to count: listed so
/// that nobody is dropped silently.
pub(super) fn set_aside_ui(ui: &mut Ui, rows: &[PreviewRow], rules: &ReportRules) {
    let organisers: Vec<&PreviewRow> = rows
        .iter()
        .filter(|r| r.found == ParticipantMatch::Organiser)
        .collect();
    let short: Vec<&PreviewRow> = rows
        .iter()
        .filter(|r| r.too_short && r.found != ParticipantMatch::Organiser)
        .collect();
    for (title, note, list) in [
        (
            "Organisers",
            "The network's own people: not recorded for a district.".to_owned(),
            organisers,
        ),
        (
            "Not counted",
            format!("In the meeting for less than {} min.", rules.min_minutes),
            short,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        style::subheading(ui, title);
        style::muted(ui, note);
        egui::Grid::new(("import_set_aside", title))
            .striped(true)
            .num_columns(3)
            .spacing([style::GAP * 2.0, 4.0])
            .show(ui, |ui| {
                for row in list {
                    participant_label(ui, &row.participant);
                    ui.label(row.participant.email.as_deref().unwrap_or(""));
                    ui.label(minutes_text(&row.participant));
                    ui.end_row();
                }
            });
    }
}

pub(super) fn participant_label(ui: &mut Ui, participant: &Participant) {
    let mut text = participant.name.clone();
    if let Some(original) = &participant.original_name {
        text.push_str(&format!(" ({original})"));
    }
    if participant.guest {
        text.push_str(" · guest");
    }
    let minutes = participant
        .minutes
        .map(|m| format!(", {m} min"))
        .unwrap_or_default();
    let rows = if participant.rows > 1 {
        format!("joined {} times", participant.rows)
    } else {
        "joined once".to_owned()
    };
    ui.label(text).on_hover_text(format!("{rows}{minutes}"));
}

pub(super) fn review_row_ui(
    ui: &mut Ui,
    row: &mut PreviewRow,
    choices: &[Choice],
    members: &BTreeSet<DistrictId>,
) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal_wrapped(|ui| {
            participant_label(ui, &row.participant);
            let email = row.participant.email.as_deref().unwrap_or("no email");
            style::muted(ui, email);
            if let ParticipantMatch::Suggestion { district, reason, .. } = &row.found {
                let name = Choice::name_in(choices, *district).unwrap_or("?");
                if ui
                    .button(format!("Use {name}"))
                    .on_hover_text(format!("Suggested: {reason}"))
                    .clicked()
                {
                    row.decision = Decision::Assign(*district);
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            let chosen = match row.decision {
                Decision::Assign(id) => Choice::name_in(choices, id).unwrap_or("?"),
                Decision::Ignore => "Ignored",
                Decision::Undecided => "Choose a district…",
            };
            let label = ui.label(format!("Assign {} to", row.participant.name));
            let picker = DistrictPicker {
                id_salt: egui::IdSalt::new((
                    "assign",
                    row.participant.name.as_str(),
                    row.participant.email.as_deref(),
                )),
                width: 220.0,
                selected_text: chosen,
                not_member: "not a member that day",
            };
            let selected = match row.decision {
                Decision::Assign(id) => Some(id),
                Decision::Ignore | Decision::Undecided => None,
            };
            let (response, picked) = picker.ui(ui, selected, choices);
            response.labelled_by(label.id);
            if let Some(id) = picked {
                row.decision = Decision::Assign(id);
            }
            let suggested_contact = matches!(
                (&row.found, &row.decision),
                (ParticipantMatch::Suggestion { contact: Some(_), district: s, .. }, Decision::Assign(d)) if s == d
            );
            // A non-member's people are not recorded, so not added either.
            let assigned_member =
                matches!(row.decision, Decision::Assign(d) if members.contains(&d));
            if assigned_member && !suggested_contact {
                ui.checkbox(&mut row.add_contact, format!("Add {} as a contact", row.participant.name))
                    .on_hover_text("Add them to the district's contacts, so their email matches next time");
            }
            if row.decision != Decision::Ignore
                && ui
                    .button(format!("Ignore {}", row.participant.name))
                    .on_hover_text("Do not record this participant")
                    .clicked()
            {
                row.decision = Decision::Ignore;
            }
        });
    });
}

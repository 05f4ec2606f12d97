//! Beside the map: the legend of the colouring shown, the network's reach
//! in figures (members by cooperative, students in member districts), and
//! what the pointer's tooltip says of a district.

use egui::{RichText, Ui};

use super::meshes::shown_colour;
use crate::bundled::kentucky_districts::ENROLLMENT_YEAR;
use crate::domain::reach::{DistrictReach, MapColouring, StudentReach, by_cooperative};
use crate::export::map::{Fills, NetworkMap};
use crate::ui::style;

/// The legend: each class's swatch, name and count.
pub fn legend_ui(
    ui: &mut Ui,
    network: &NetworkMap,
    colouring: MapColouring,
    fills: Option<&Fills>,
) {
    let dark = ui.visuals().dark_mode;
    style::subheading(ui, colouring.label());
    if let Some(fills) = fills {
        for entry in &fills.legend {
            ui.horizontal(|ui| {
                let (rect, _) =
                    ui.allocate_exact_size(egui::vec2(16.0, 16.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(rect, 2.0, shown_colour(entry.colour, dark));
                ui.painter().rect_stroke(
                    rect,
                    2.0,
                    egui::Stroke::new(1.0, style::muted_color(ui)),
                    egui::StrokeKind::Inside,
                );
                ui.label(format!("{} ({})", entry.label, entry.count));
            });
        }
    }
    style::muted(
        ui,
        "Independent districts are points. Heavier lines divide the cooperatives.",
    );
    let unplaced = network.unplaced();
    if !unplaced.is_empty() {
        style::muted(
            ui,
            format!(
                "Not on the map (no county or location it knows): {}",
                unplaced.join(", ")
            ),
        );
    }
    ui.add_space(style::SECTION_GAP);
    reach_ui(ui, &network.districts);
}

/// Members by cooperative, and the share of Kentucky's students they teach.
pub fn reach_ui(ui: &mut Ui, districts: &[DistrictReach]) {
    style::subheading(ui, "Reach");
    let members = districts.iter().filter(|d| d.standing.is_member()).count();
    ui.label(format!(
        "{members} of {} districts are members.",
        districts.len()
    ));
    let students = StudentReach::of(districts);
    ui.label(format!(
        "{}% of students are in member districts",
        students.share_percent()
    ))
    .on_hover_text(format!(
        "{} of {} students, by the district list's {ENROLLMENT_YEAR} enrollment",
        thousands(students.in_members),
        thousands(students.in_all)
    ));
    style::muted(ui, format!("(enrollment of {ENROLLMENT_YEAR})"));
    ui.add_space(style::GAP);
    egui::Grid::new("members_by_cooperative")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Cooperative").strong());
            ui.label(RichText::new("Members").strong());
            ui.label(RichText::new("Share").strong());
            ui.end_row();
            for reach in by_cooperative(districts) {
                let name = ui.label(reach.name());
                if let Some(cooperative) = reach.cooperative {
                    name.on_hover_text(cooperative.full_name());
                }
                ui.label(format!("{} of {}", reach.members, reach.districts));
                ui.label(format!("{}%", reach.share_percent()));
                ui.end_row();
            }
        });
}

fn thousands(n: u64) -> String {
    crate::domain::limits::thousands(n as usize)
}

/// What hovering a district says: its name, standing, attendance and
/// grants in the year.
pub fn district_tip_ui(ui: &mut Ui, district: &DistrictReach, network: &NetworkMap) {
    ui.label(RichText::new(&district.name).strong());
    ui.label(style::standing_text(ui, district.standing));
    let cooperative = district.cooperative.map_or("no cooperative", |c| c.into());
    style::muted(ui, format!("{} · {cooperative}", district.county));
    if district.rate.counted > 0 {
        ui.label(format!(
            "Attendance {} ({} of {} convenings){}",
            district.rate.label(),
            district.rate.attended,
            district.rate.counted,
            if district.rate.is_under(network.rules) {
                " · under the threshold"
            } else {
                ""
            }
        ));
    }
    match (district.awarded, district.applications) {
        (0, 0) => {}
        (0, applied) => {
            ui.label(format!(
                "{} for a travel grant, none awarded yet",
                crate::domain::count(applied as usize, "application", "applications")
            ));
        }
        (awarded, _) => {
            ui.label(format!(
                "{} awarded, {}",
                crate::domain::count(awarded as usize, "travel grant", "travel grants"),
                district.awarded_amount
            ));
        }
    }
    style::muted(ui, "Click to open the district.");
}

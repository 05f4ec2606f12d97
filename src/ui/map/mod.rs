//! The Map section: Kentucky's counties coloured by the year's membership,
//! attendance, grants or cooperative, independent districts as points,
//! heavier lines between cooperatives. Hover says a district's standing,
//! rate and grants; a click opens it; scroll zooms, drag pans. What it
//! draws is read once per change and painted from meshes kept between
//! frames.

mod meshes;
mod side_panel;

pub use side_panel::reach_ui;

use std::sync::Arc;

use egui::epaint::Mesh;
use egui::{Color32, Pos2, Ui};
use strum::VariantArray as _;

use self::meshes::{
    SCALE, county_lines, fill_mesh, line_mesh, scene_bounds, scene_point, shown_colour,
};
use super::command::Command;
use super::save_as::{SaveAs, SaveAsDialog};
use super::{AfterChange, Navigation, ReadContext, Screen, ScreenContext, Shows, style};
use crate::domain::SchoolYear;
use crate::domain::reach::MapColouring;
use crate::export::map::{Fills, NetworkMap, network_map};
use crate::geo::{KentuckyMap, MapPoint};
use crate::store::{StoreError, StoredTable};

/// How far (in screen points) from an independent district's point the
/// pointer still finds it.
const POINT_REACH: f32 = 7.0;
const POINT_RADIUS: f32 = 4.5;

pub struct MapScreen {
    network: Option<NetworkMap>,
    year: Option<SchoolYear>,
    pub colouring: MapColouring,
    /// The fills for the colouring and theme they were made for.
    painted: Option<Painted>,
    /// The lines, for the theme and zoom they were made for.
    lines: Option<Lines>,
    /// What the view shows, in scene units (pan and zoom change it).
    view: egui::Rect,
    /// The districts the search finds, and the search they were found for.
    found: Option<(String, Vec<usize>)>,
    save: Option<SaveAsDialog>,
}

struct Painted {
    colouring: MapColouring,
    dark: bool,
    fills: Fills,
    fill: Arc<Mesh>,
}

/// Lines are quads of a width in scene units: made again when the zoom
/// has changed by a fifth, so they keep their width on screen.
struct Lines {
    dark: bool,
    zoom: f32,
    between: Arc<Mesh>,
    edge: Arc<Mesh>,
    cooperatives: Arc<Mesh>,
    found: Arc<Mesh>,
}

impl MapScreen {
    pub fn new(colouring: MapColouring) -> Self {
        Self {
            network: None,
            year: None,
            colouring,
            painted: None,
            lines: None,
            view: scene_bounds(),
            found: None,
            save: None,
        }
    }

    fn paint(&mut self, dark: bool) -> Option<&Painted> {
        let network = self.network.as_ref()?;
        let fresh = self
            .painted
            .as_ref()
            .is_some_and(|p| p.colouring == self.colouring && p.dark == dark);
        if !fresh {
            let fills = network.fills(self.colouring);
            self.painted = Some(Painted {
                colouring: self.colouring,
                dark,
                fill: fill_mesh(&fills.counties, dark),
                fills,
            });
        }
        self.painted.as_ref()
    }

    /// The lines for this theme and zoom (screen points per scene unit).
    fn lines(&mut self, dark: bool, zoom: f32) -> Option<&Lines> {
        let network = self.network.as_ref()?;
        let fresh = self
            .lines
            .as_ref()
            .is_some_and(|l| l.dark == dark && (l.zoom / zoom).ln().abs() < 0.2);
        if !fresh {
            let width = |points: f32| points / zoom;
            let (between, edge) = county_lines(dark, width(1.0), width(1.4));
            let (line, found) = if dark {
                (
                    Color32::from_rgb(235, 235, 235),
                    Color32::from_rgb(255, 214, 10),
                )
            } else {
                (
                    Color32::from_rgb(36, 41, 47),
                    Color32::from_rgb(207, 34, 46),
                )
            };
            let map = KentuckyMap::get();
            let outlines = self
                .found
                .iter()
                .flat_map(|(_, found)| found)
                .filter_map(|&i| match network.places[i] {
                    Some(crate::geo::Place::County(county)) => Some(county),
                    _ => None,
                })
                .flat_map(|county| &map.counties[county].rings)
                .flat_map(|ring| ring.windows(2).map(|e| (e[0], e[1])));
            self.lines = Some(Lines {
                dark,
                zoom,
                between,
                edge,
                cooperatives: line_mesh(network.cooperative_borders(), width(2.4), line),
                found: line_mesh(outlines, width(3.0), found),
            });
        }
        self.lines.as_ref()
    }

    /// The districts the search finds (looked for again when it changes).
    fn find(&mut self, search: &str) {
        let search = search.trim().to_lowercase();
        if self.found.as_ref().is_some_and(|(s, _)| *s == search) {
            return;
        }
        let Some(network) = &self.network else { return };
        let found: Vec<usize> = if search.is_empty() {
            Vec::new()
        } else {
            network
                .districts
                .iter()
                .enumerate()
                .filter(|(_, d)| {
                    d.name.to_lowercase().contains(&search)
                        || d.county.to_lowercase().contains(&search)
                        || d.kde_number == search
                })
                .map(|(i, _)| i)
                .collect()
        };
        self.found = Some((search, found));
        // The outlines of what is found are among the lines.
        self.lines = None;
    }

    /// The names of the districts the search finds on the map.
    pub fn found_names(&self) -> Vec<String> {
        let (Some((_, found)), Some(network)) = (&self.found, &self.network) else {
            return Vec::new();
        };
        found
            .iter()
            .map(|&i| network.districts[i].name.clone())
            .collect()
    }

    /// The district under a scene point, if any: an independent district's
    /// point first (within `reach` scene units), else the county's.
    fn district_at(&self, at: Pos2, reach: f32) -> Option<usize> {
        let painted = self.painted.as_ref()?;
        let nearest = painted
            .fills
            .points
            .iter()
            .map(|(p, _, i)| (scene_point(*p).distance(at), *i))
            .filter(|(distance, _)| *distance <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0));
        if let Some((_, i)) = nearest {
            return Some(i);
        }
        let point: MapPoint = [at.x / SCALE, at.y / SCALE];
        let county = KentuckyMap::get().county_at(point)?;
        painted.fills.county_district[county]
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, year: SchoolYear) {
        ui.horizontal(|ui| {
            style::heading(ui, &format!("Map {year}"));
            ui.add_space(style::GAP);
            for colouring in MapColouring::VARIANTS.iter().copied() {
                ui.selectable_value(&mut self.colouring, colouring, colouring.label())
                    .on_hover_text(format!(
                        "Colour the districts by {}",
                        colouring.label().to_lowercase()
                    ));
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui
                    .button("Save picture…")
                    .on_hover_text("The map with its title and legend, as PNG or SVG")
                    .clicked()
                {
                    self.save = Some(SaveAsDialog::new(
                        "Save the map",
                        format!(
                            "The {year} map by {}, with its title and legend: .png for \
                             documents and slides, .svg to scale without blur.",
                            self.colouring.label().to_lowercase()
                        ),
                        ("Picture", &["png", "svg"]),
                        "Save picture",
                        &format!("KY ILN map {year} {}.png", self.colouring.key()),
                    ));
                }
                if ui
                    .button("⟲ Reset view")
                    .on_hover_text("The whole state again (scroll zooms, drag pans)")
                    .clicked()
                {
                    self.view = scene_bounds();
                }
            });
        });
    }

    fn map_ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) {
        let dark = ui.visuals().dark_mode;
        self.find(cx.search);
        let outer = ui.available_rect_before_wrap();
        // Screen points per scene unit: lines and markers keep their size
        // at any zoom.
        let zoom = (outer.width() / self.view.width()).min(outer.height() / self.view.height());
        let zoom = if zoom.is_finite() && zoom > 0.0 {
            zoom
        } else {
            1.0
        };
        // Made (when stale) before drawing; drawn from as they are kept.
        self.paint(dark);
        self.lines(dark, zoom);
        let (Some(painted), Some(lines)) = (&self.painted, &self.lines) else {
            return;
        };
        let found: &[usize] = self.found.as_ref().map_or(&[], |(_, f)| f);
        // Named for screen readers (and found by the tests by its name).
        ui.interact(outer, ui.scope_id().with("map_area"), egui::Sense::hover())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Map of Kentucky"));
        let outline = if dark {
            Color32::from_gray(20)
        } else {
            Color32::from_gray(40)
        };
        let scene = egui::Scene::new().zoom_range(0.2..=40.0).scroll_zooms(true);
        let mut view = self.view;
        let response = scene
            .show(ui, &mut view, |ui| {
                let painter = ui.painter();
                for mesh in [
                    &painted.fill,
                    &lines.between,
                    &lines.cooperatives,
                    &lines.edge,
                    &lines.found,
                ] {
                    painter.add(egui::Shape::mesh(Arc::clone(mesh)));
                }
                for (at, colour, i) in &painted.fills.points {
                    let highlighted = found.contains(i);
                    let radius = POINT_RADIUS * if highlighted { 1.6 } else { 1.0 } / zoom;
                    painter.circle(
                        scene_point(*at),
                        radius,
                        shown_colour(*colour, dark),
                        egui::Stroke::new(1.0 / zoom, outline),
                    );
                }
            })
            .response;
        self.view = view;
        let reach = POINT_REACH / zoom;
        let hovered = response
            .hover_pos()
            .and_then(|at| self.district_at(at, reach));
        if let (Some(i), Some(network)) = (hovered, &self.network) {
            let district = &network.districts[i];
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            response.clone().on_hover_ui_at_pointer(|ui| {
                side_panel::district_tip_ui(ui, district, network);
            });
            if response.clicked() {
                *cx.navigate = Some(Navigation::District(district.id));
            }
        }
    }
}

/// Where a county's marker point is on screen while the whole state is
/// shown in `area` (as the Scene fits it): for tests that click a county.
pub fn county_on_screen(area: egui::Rect, county: &str) -> Option<Pos2> {
    let map = KentuckyMap::get();
    let centre = map.counties[map.county_named(county)?].centre;
    let scene = scene_bounds();
    let scale = (area.width() / scene.width()).min(area.height() / scene.height());
    Some(area.center() + (scene_point(centre) - scene.center()) * scale)
}

impl Screen for MapScreen {
    fn shows(&self) -> Shows {
        Shows::Tables(&[
            StoredTable::District,
            StoredTable::Membership,
            StoredTable::MembershipStatusChange,
            StoredTable::Convening,
            StoredTable::Attendance,
            StoredTable::GrantApplication,
            StoredTable::GrantStatusChange,
            StoredTable::Setting,
        ])
    }

    fn reload(&mut self, cx: &ReadContext<'_>, _: &AfterChange<'_>) -> Result<(), StoreError> {
        self.network = Some(network_map(cx.store, cx.year, cx.today)?);
        self.year = Some(cx.year);
        self.painted = None;
        self.lines = None;
        self.found = None;
        Ok(())
    }

    fn year_read(&self) -> Option<SchoolYear> {
        self.year
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.ensure_year(&cx.read())?;
        self.toolbar_ui(ui, cx.year);
        ui.add_space(style::GAP);
        let empty = self.network.as_ref().is_none_or(|n| n.districts.is_empty());
        if empty {
            style::empty_state(
                ui,
                "🗺",
                "No districts to show",
                "Add Kentucky's districts on the Districts screen: each county district fills \
                 its county, each independent district is a point.",
                |_| {},
            );
            return Ok(());
        }
        self.paint(ui.visuals().dark_mode);
        if let Some(network) = &self.network {
            egui::Panel::right("map_legend")
                .resizable(false)
                .exact_size(290.0)
                .show(ui, |ui| {
                    let fills = self.painted.as_ref().map(|p| &p.fills);
                    egui::ScrollArea::vertical()
                        .id_salt("map_legend_scroll")
                        .show(ui, |ui| {
                            side_panel::legend_ui(ui, network, self.colouring, fills);
                        });
                });
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            style::muted(
                ui,
                "Scroll to zoom, drag to pan, click a district to open it.",
            );
            self.map_ui(ui, cx);
        });
        if let Some(dialog) = &mut self.save
            && let Some(answer) = dialog.ui(ui.ctx())
        {
            if let SaveAs::Save(path) = answer {
                cx.commands.push(Command::SaveMap {
                    year: cx.year,
                    colouring: self.colouring,
                    path,
                });
            }
            self.save = None;
        }
        Ok(())
    }
}

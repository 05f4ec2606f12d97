//! The map's paint, made once and kept: the counties' fills as one mesh
//! (remade only when the colours change), and the lines between them as
//! thin quads (made once; the cooperatives' borders when the roster
//! changes). A frame only hands these meshes to the painter.

use std::sync::Arc;

use egui::epaint::{Mesh, Vertex, WHITE_UV};
use egui::{Color32, Pos2};

use crate::domain::reach::{EMPTY_COLOUR, NONE_COLOUR, Rgb};
use crate::geo::{KentuckyMap, MapPoint};

/// Scene units per map unit (a degree of latitude): the state is about
/// 600 scene units wide.
pub const SCALE: f32 = 100.0;

pub fn scene_point(p: MapPoint) -> Pos2 {
    Pos2::new(p[0] * SCALE, p[1] * SCALE)
}

/// The map's own bounds in scene units.
pub fn scene_bounds() -> egui::Rect {
    let (lo, hi) = KentuckyMap::get().bounds;
    egui::Rect::from_min_max(scene_point(lo), scene_point(hi))
}

/// A fill's colour on screen: the pale "nothing here" classes darken in
/// the dark theme so the classes that matter still stand out.
pub fn shown_colour(rgb: Rgb, dark: bool) -> Color32 {
    match (rgb, dark) {
        (c, true) if c == NONE_COLOUR => Color32::from_rgb(78, 84, 92),
        (c, true) if c == EMPTY_COLOUR => Color32::from_rgb(52, 56, 62),
        ([r, g, b], _) => Color32::from_rgb(r, g, b),
    }
}

/// Every county's triangles, each in its fill.
pub fn fill_mesh(fills: &[Rgb], dark: bool) -> Arc<Mesh> {
    let mut mesh = Mesh::default();
    for (county, fill) in KentuckyMap::get().counties.iter().zip(fills) {
        let colour = shown_colour(*fill, dark);
        let first = mesh.vertices.len() as u32;
        mesh.vertices.extend(county.vertices.iter().map(|p| Vertex {
            pos: scene_point(*p),
            uv: WHITE_UV,
            color: colour,
        }));
        mesh.indices
            .extend(county.indices.iter().map(|i| first + i));
    }
    Arc::new(mesh)
}

/// Segments drawn as quads `width` scene units wide.
pub fn line_mesh(
    segments: impl IntoIterator<Item = (MapPoint, MapPoint)>,
    width: f32,
    colour: Color32,
) -> Arc<Mesh> {
    let mut mesh = Mesh::default();
    for (a, b) in segments {
        let (a, b) = (scene_point(a), scene_point(b));
        let along = b - a;
        let length = along.length();
        if length <= f32::EPSILON {
            continue;
        }
        // Each end reaches half a width past its point, so that the
        // segments of a line meet without gaps at its bends.
        let direction = along / length;
        let across = direction.rot90() * (width / 2.0);
        let (a, b) = (a - direction * (width / 2.0), b + direction * (width / 2.0));
        let first = mesh.vertices.len() as u32;
        for pos in [a + across, a - across, b - across, b + across] {
            mesh.vertices.push(Vertex {
                pos,
                uv: WHITE_UV,
                color: colour,
            });
        }
        mesh.indices
            .extend([first, first + 1, first + 2, first, first + 2, first + 3]);
    }
    Arc::new(mesh)
}

/// The lines every map has: between counties thin, the state's edge
/// heavier (widths in scene units).
pub fn county_lines(dark: bool, between_width: f32, edge_width: f32) -> (Arc<Mesh>, Arc<Mesh>) {
    let map = KentuckyMap::get();
    let (inner, edge) = if dark {
        (
            Color32::from_rgb(27, 27, 27),
            Color32::from_rgb(150, 156, 164),
        )
    } else {
        (Color32::WHITE, Color32::from_rgb(110, 119, 129))
    };
    let between = map
        .borders
        .iter()
        .filter(|b| b.right.is_some())
        .map(|b| (b.from, b.to));
    let outside = map
        .borders
        .iter()
        .filter(|b| b.right.is_none())
        .map(|b| (b.from, b.to));
    (
        line_mesh(between, between_width, inner),
        line_mesh(outside, edge_width, edge),
    )
}

//! Kentucky drawn flat: the 120 county outlines projected so the state is
//! not stretched east–west, cut into triangles once, the borders between
//! counties, and where each district is. The window's map, the exported
//! pictures and their tests all draw from this one `KentuckyMap`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::bundled::kentucky_counties::counties;
use crate::bundled::kentucky_districts::reference_by_kde_number;
use crate::domain::DistrictKind;

/// A point on the map, in degrees of latitude from the state's centre
/// (x east, y south, as screens and SVG count).
pub type MapPoint = [f32; 2];

/// The state's centre, where the projection is true to scale.
const CENTRE_LONGITUDE: f64 = -85.7;
const CENTRE_LATITUDE: f64 = 37.8;

/// Longitude and latitude to the map: an equirectangular projection with
/// x scaled by the cosine of the centre's latitude, true to within a few
/// per cent across a state this size.
pub fn project(longitude: f64, latitude: f64) -> MapPoint {
    let x = (longitude - CENTRE_LONGITUDE) * CENTRE_LATITUDE.to_radians().cos();
    let y = CENTRE_LATITUDE - latitude;
    [x as f32, y as f32]
}

/// A map point back to longitude and latitude.
pub fn unproject(p: MapPoint) -> (f64, f64) {
    let longitude = f64::from(p[0]) / CENTRE_LATITUDE.to_radians().cos() + CENTRE_LONGITUDE;
    let latitude = CENTRE_LATITUDE - f64::from(p[1]);
    (longitude, latitude)
}

/// One county, projected.
pub struct CountyShape {
    /// "Adair", as the district list's county column says it.
    pub name: String,
    /// Its rings (outer rings and holes), each closed.
    pub rings: Vec<Vec<MapPoint>>,
    /// The fill as triangles: vertices and, three by three, their indices.
    pub vertices: Vec<MapPoint>,
    pub indices: Vec<u32>,
    /// Where a label or a marker for the county goes (the middle of its
    /// largest ring's bounding box, moved inside when that falls outside).
    pub centre: MapPoint,
    /// Its bounding box: (min, max).
    pub bounds: (MapPoint, MapPoint),
}

impl CountyShape {
    /// Whether the map point is inside (even-odd over every ring).
    pub fn contains(&self, p: MapPoint) -> bool {
        let ((x0, y0), (x1, y1)) = (
            (self.bounds.0[0], self.bounds.0[1]),
            (self.bounds.1[0], self.bounds.1[1]),
        );
        if p[0] < x0 || p[0] > x1 || p[1] < y0 || p[1] > y1 {
            return false;
        }
        let mut inside = false;
        for ring in &self.rings {
            for edge in ring.windows(2) {
                let ([ax, ay], [bx, by]) = (edge[0], edge[1]);
                if (ay > p[1]) != (by > p[1]) && p[0] < ax + (p[1] - ay) * (bx - ax) / (by - ay) {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// A piece of border: between two counties, or (`right` none) the
/// state's own edge.
#[derive(Clone, Copy, Debug)]
pub struct Border {
    pub from: MapPoint,
    pub to: MapPoint,
    pub left: usize,
    pub right: Option<usize>,
}

/// Where a district is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Place {
    /// A county district fills its county (an index into `counties`).
    County(usize),
    /// An independent district is a point: at its offices as the state's
    /// list gives them, else its county's centre. `county` is the one the
    /// point is in.
    Point { at: MapPoint, county: usize },
}

impl Place {
    pub fn county(self) -> usize {
        match self {
            Self::County(county) | Self::Point { county, .. } => county,
        }
    }

    /// Where it is: its point, or its county's marker.
    pub fn at(self, map: &KentuckyMap) -> MapPoint {
        match self {
            Self::County(county) => map.counties[county].centre,
            Self::Point { at, .. } => at,
        }
    }
}

pub struct KentuckyMap {
    pub counties: Vec<CountyShape>,
    pub borders: Vec<Border>,
    /// The whole state's bounding box: (min, max).
    pub bounds: (MapPoint, MapPoint),
    by_name: HashMap<String, usize>,
}

impl KentuckyMap {
    /// The map, projected and cut into triangles on first use.
    pub fn get() -> &'static Self {
        static MAP: OnceLock<KentuckyMap> = OnceLock::new();
        MAP.get_or_init(Self::build)
    }

    fn build() -> Self {
        let mut shapes = Vec::new();
        for county in counties() {
            let mut shape = CountyShape {
                name: county.name.clone(),
                rings: Vec::new(),
                vertices: Vec::new(),
                indices: Vec::new(),
                centre: [0.0, 0.0],
                bounds: ([f32::MAX, f32::MAX], [f32::MIN, f32::MIN]),
            };
            for polygon in &county.polygons {
                let mut flat: Vec<f64> = Vec::new();
                let mut holes = Vec::new();
                for (i, ring) in polygon.iter().enumerate() {
                    if i > 0 {
                        holes.push(flat.len() / 2);
                    }
                    // The ring's last point repeats its first: earcut
                    // wants it once.
                    let points: Vec<MapPoint> = ring.iter().map(|&[x, y]| project(x, y)).collect();
                    for p in points.iter().take(points.len().saturating_sub(1)) {
                        flat.extend([f64::from(p[0]), f64::from(p[1])]);
                    }
                    shape.rings.push(points);
                }
                let first = shape.vertices.len() as u32;
                let triangles = earcutr::earcut(&flat, &holes, 2).unwrap_or_default();
                shape
                    .vertices
                    .extend(flat.chunks(2).map(|p| [p[0] as f32, p[1] as f32]));
                shape
                    .indices
                    .extend(triangles.into_iter().map(|i| first + i as u32));
            }
            for p in shape.rings.iter().flatten() {
                shape.bounds.0 = [shape.bounds.0[0].min(p[0]), shape.bounds.0[1].min(p[1])];
                shape.bounds.1 = [shape.bounds.1[0].max(p[0]), shape.bounds.1[1].max(p[1])];
            }
            shape.centre = inner_point(&shape);
            shapes.push(shape);
        }
        let bounds = shapes.iter().fold(
            ([f32::MAX, f32::MAX], [f32::MIN, f32::MIN]),
            |(lo, hi), s| {
                (
                    [lo[0].min(s.bounds.0[0]), lo[1].min(s.bounds.0[1])],
                    [hi[0].max(s.bounds.1[0]), hi[1].max(s.bounds.1[1])],
                )
            },
        );
        let by_name = shapes
            .iter()
            .enumerate()
            .map(|(i, s)| (s.name.to_lowercase(), i))
            .collect();
        Self {
            borders: borders_of(&shapes),
            counties: shapes,
            bounds,
            by_name,
        }
    }

    /// The county of that name ("Adair", any case; "Adair County" too).
    pub fn county_named(&self, name: &str) -> Option<usize> {
        let name = name.trim().to_lowercase();
        let name = name.strip_suffix(" county").unwrap_or(&name);
        self.by_name.get(name).copied()
    }

    /// `at` if it is inside the county, else the first point inside on
    /// the way to the county's centre.
    fn pulled_inside(&self, at: MapPoint, county: usize) -> MapPoint {
        let shape = &self.counties[county];
        let centre = shape.centre;
        (0..=20)
            .map(|step| {
                let t = step as f32 / 20.0;
                [
                    at[0] + (centre[0] - at[0]) * t,
                    at[1] + (centre[1] - at[1]) * t,
                ]
            })
            .find(|p| shape.contains(*p))
            .unwrap_or(centre)
    }

    /// The county under a map point.
    pub fn county_at(&self, p: MapPoint) -> Option<usize> {
        self.counties.iter().position(|c| c.contains(p))
    }

    /// Where a district is drawn: a county district fills the county it
    /// names; an independent one is a point at its offices (the state's
    /// list, by KDE number) or else at its county's centre. `None` when
    /// neither says where it is.
    pub fn place_of(&self, kind: DistrictKind, county: &str, kde_number: &str) -> Option<Place> {
        let named = self.county_named(county);
        match kind {
            DistrictKind::County => named.map(Place::County),
            DistrictKind::Independent => {
                let listed = reference_by_kde_number()
                    .get(kde_number)
                    .map(|r| project(r.longitude, r.latitude));
                match (listed, named) {
                    // The county it names rules: a town on a county line or
                    // the Ohio River may fall just outside the simplified
                    // outline, and is drawn just inside.
                    (Some(at), Some(county)) => Some(Place::Point {
                        at: self.pulled_inside(at, county),
                        county,
                    }),
                    (Some(at), None) => {
                        let county = self.county_at(at)?;
                        Some(Place::Point { at, county })
                    }
                    (None, Some(county)) => Some(Place::Point {
                        at: self.counties[county].centre,
                        county,
                    }),
                    (None, None) => None,
                }
            }
        }
    }
}

/// A point inside the county for its marker: the middle of its box if
/// that is inside, else the middle of the widest span across that line.
fn inner_point(shape: &CountyShape) -> MapPoint {
    let (lo, hi) = shape.bounds;
    let middle = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
    if shape.contains(middle) {
        return middle;
    }
    let y = middle[1];
    let mut crossings: Vec<f32> = shape
        .rings
        .iter()
        .flat_map(|ring| ring.windows(2))
        .filter(|e| (e[0][1] > y) != (e[1][1] > y))
        .map(|e| e[0][0] + (y - e[0][1]) * (e[1][0] - e[0][0]) / (e[1][1] - e[0][1]))
        .collect();
    crossings.sort_by(f32::total_cmp);
    crossings
        .chunks(2)
        .filter(|pair| pair.len() == 2)
        .max_by(|a, b| (a[1] - a[0]).total_cmp(&(b[1] - b[0])))
        .map_or(middle, |pair| [(pair[0] + pair[1]) / 2.0, y])
}

/// Every edge of every outline, once: shared by two counties (an inner
/// border) or by one (the state's edge). The outlines come from one
/// topology, so a shared edge has the same two points in both.
fn borders_of(shapes: &[CountyShape]) -> Vec<Border> {
    /// A point to 1/100,000 of a degree, as the outlines are given.
    type Key = (i64, i64);
    let key = |p: MapPoint| -> Key { ((p[0] * 1e5).round() as i64, (p[1] * 1e5).round() as i64) };
    let mut seen: HashMap<(Key, Key), usize> = HashMap::new();
    let mut borders: Vec<Border> = Vec::new();
    for (county, shape) in shapes.iter().enumerate() {
        for edge in shape.rings.iter().flat_map(|ring| ring.windows(2)) {
            let (a, b) = (key(edge[0]), key(edge[1]));
            if a == b {
                continue;
            }
            let id = if a < b { (a, b) } else { (b, a) };
            match seen.get(&id) {
                Some(&i) if borders[i].left != county && borders[i].right.is_none() => {
                    borders[i].right = Some(county);
                }
                Some(_) => {}
                None => {
                    seen.insert(id, borders.len());
                    borders.push(Border {
                        from: edge[0],
                        to: edge[1],
                        left: county,
                        right: None,
                    });
                }
            }
        }
    }
    borders
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_is_cut_into_triangles_covering_its_area() {
        let map = KentuckyMap::get();
        assert_eq!(map.counties.len(), 120);
        for county in &map.counties {
            assert!(
                county.indices.len() >= 3 && county.indices.len() % 3 == 0,
                "{}",
                county.name
            );
            let area = |[a, b, c]: [MapPoint; 3]| {
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            };
            let triangles: f32 = county
                .indices
                .chunks(3)
                .map(|t| area([0, 1, 2].map(|i| county.vertices[t[i] as usize])))
                .sum();
            let outline: f32 = county
                .rings
                .iter()
                .map(|ring| {
                    ring.windows(2)
                        .map(|e| e[0][0] * e[1][1] - e[1][0] * e[0][1])
                        .sum::<f32>()
                        .abs()
                        / 2.0
                })
                .sum();
            assert!(
                (triangles - outline).abs() < outline * 0.01,
                "{}: triangles {triangles}, outline {outline}",
                county.name
            );
            assert!(county.contains(county.centre), "{}'s marker", county.name);
        }
    }

    #[test]
    fn inner_borders_join_two_counties_and_the_state_edge_one() {
        let map = KentuckyMap::get();
        let adair = map.county_named("Adair").unwrap();
        let neighbours: std::collections::BTreeSet<&str> = map
            .borders
            .iter()
            .filter(|b| b.left == adair || b.right == Some(adair))
            .filter_map(|b| b.right.map(|r| if r == adair { b.left } else { r }))
            .map(|i| map.counties[i].name.as_str())
            .collect();
        for county in ["Russell", "Taylor", "Green", "Metcalfe", "Cumberland"] {
            assert!(
                neighbours.contains(county),
                "{county} borders Adair: {neighbours:?}"
            );
        }
        let boyd = map.county_named("Boyd County").unwrap();
        assert!(
            map.borders
                .iter()
                .any(|b| b.left == boyd && b.right.is_none()),
            "Boyd is on the state's edge (the Ohio and Big Sandy rivers)"
        );
    }

    #[test]
    fn the_state_is_not_stretched_and_distances_are_in_miles() {
        let (lo, hi) = KentuckyMap::get().bounds;
        let (width, height) = (hi[0] - lo[0], hi[1] - lo[1]);
        // Kentucky is about 380 miles wide and 180 tall at its extremes.
        let ratio = width / height;
        assert!((2.0..2.4).contains(&ratio), "width / height = {ratio}");
        let frankfort = (-84.8733, 38.1867);
        let louisville = (-85.7585, 38.2527);
        let miles = crate::domain::peers::miles_between(frankfort, louisville);
        assert!((47.0..50.0).contains(&miles), "{miles}");
    }
}

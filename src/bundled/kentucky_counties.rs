//! Kentucky's 120 county outlines (Census cartographic boundaries, shipped
//! in `assets/`), read once, to say which county a place is in: an
//! independent district's county, from its location.

use std::sync::OnceLock;

const GEOJSON: &str = include_str!("../../assets/ky_counties.geojson");

#[derive(serde::Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(serde::Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(serde::Deserialize)]
struct Properties {
    name: String,
}

#[derive(serde::Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Ring>),
    MultiPolygon(Vec<Vec<Ring>>),
}

/// Longitude, latitude pairs, the last repeating the first.
pub type Ring = Vec<[f64; 2]>;

/// A county and its outline: one or more polygons, each an outer ring
/// then its holes (the even-odd rule tells inside from out).
pub struct County {
    pub name: String,
    pub polygons: Vec<Vec<Ring>>,
}

impl County {
    /// Every ring of the outline, outer rings and holes alike.
    pub fn rings(&self) -> impl Iterator<Item = &Ring> {
        self.polygons.iter().flatten()
    }

    /// How far the point is from the outline, in degrees.
    fn distance_to(&self, longitude: f64, latitude: f64) -> f64 {
        self.rings()
            .flat_map(|ring| ring.windows(2))
            .map(|edge| segment_distance([longitude, latitude], edge[0], edge[1]))
            .fold(f64::INFINITY, f64::min)
    }

    /// Whether the point (longitude, latitude) is inside the outline.
    pub fn contains(&self, longitude: f64, latitude: f64) -> bool {
        let mut inside = false;
        for ring in self.rings() {
            for edge in ring.windows(2) {
                let ([x1, y1], [x2, y2]) = (edge[0], edge[1]);
                if (y1 > latitude) != (y2 > latitude)
                    && longitude < x1 + (latitude - y1) * (x2 - x1) / (y2 - y1)
                {
                    inside = !inside;
                }
            }
        }
        inside
    }
}

/// The 120 counties, read on first use. Empty only if the shipped file
/// were unreadable, which a test rules out.
pub fn counties() -> &'static [County] {
    static COUNTIES: OnceLock<Vec<County>> = OnceLock::new();
    COUNTIES.get_or_init(|| {
        serde_json::from_str::<Collection>(GEOJSON)
            .map(|collection| {
                collection
                    .features
                    .into_iter()
                    .map(|feature| County {
                        name: feature.properties.name,
                        polygons: match feature.geometry {
                            Geometry::Polygon(rings) => vec![rings],
                            Geometry::MultiPolygon(polygons) => polygons,
                        },
                    })
                    .collect()
            })
            .unwrap_or_default()
    })
}

/// How far outside every outline (in degrees, about 5 miles) a place may
/// be and still be given the nearest county: the outlines are simplified,
/// and a town on the Ohio River or the Tennessee line falls just outside.
const NEAR_ENOUGH: f64 = 0.08;

/// The county the point (longitude, latitude) is in, or just beside.
pub fn county_at(longitude: f64, latitude: f64) -> Option<&'static str> {
    let counties = counties();
    let inside = counties
        .iter()
        .find(|county| county.contains(longitude, latitude));
    let nearest = || {
        counties
            .iter()
            .map(|county| (county, county.distance_to(longitude, latitude)))
            .filter(|(_, distance)| *distance <= NEAR_ENOUGH)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(county, _)| county)
    };
    inside.or_else(nearest).map(|county| county.name.as_str())
}

/// The distance from `p` to the segment from `a` to `b`.
fn segment_distance(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let length = dx * dx + dy * dy;
    let t = if length == 0.0 {
        0.0
    } else {
        (((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length).clamp(0.0, 1.0)
    };
    (a[0] + t * dx - p[0]).hypot(a[1] + t * dy - p[1])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_120_counties_are_read() {
        assert_eq!(counties().len(), 120);
    }

    #[test]
    fn a_place_is_found_in_its_county() {
        // Frankfort's capitol, and Ashland's downtown.
        assert_eq!(county_at(-84.8733, 38.1867), Some("Franklin"));
        assert_eq!(county_at(-82.6379, 38.4784), Some("Boyd"));
        // Nashville, Tennessee, is in no Kentucky county.
        assert_eq!(county_at(-86.7816, 36.1627), None);
    }
}

//! A map as a picture file: SVG written as text, PNG rendered from that
//! same SVG off-screen by resvg, with the app's own font so the title and
//! legend read the same on every machine.

use std::fmt::Write as _;
use std::path::Path;

use crate::domain::reach::{LegendEntry, Rgb};
use crate::geo::{KentuckyMap, MapPoint};

/// What a map picture shows.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPicture {
    pub title: String,
    pub subtitle: String,
    /// Each county's fill, in `KentuckyMap`'s order.
    pub counties: Vec<Rgb>,
    /// What a viewer's tooltip says of each county (its district, its class).
    pub county_titles: Vec<String>,
    /// Independent districts: where, and their colour.
    pub points: Vec<(MapPoint, Rgb, String)>,
    /// Drawn heavier: the borders between cooperatives.
    pub cooperative_borders: Vec<(MapPoint, MapPoint)>,
    pub legend: Vec<LegendEntry>,
    /// The small print under the legend (sources).
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    Png,
    Svg,
}

impl PictureFormat {
    pub fn of_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?.to_lowercase();
        match extension.as_str() {
            "png" => Some(Self::Png),
            "svg" => Some(Self::Svg),
            _ => None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    #[error("The map could not be drawn: {0}")]
    Draw(String),
}

/// The picture's width in SVG units (pixels in the PNG at scale 1).
pub const WIDTH: f32 = 1200.0;
const MARGIN: f32 = 24.0;
const MAP_TOP: f32 = 88.0;
const MAP_HEIGHT: f32 = 520.0;
const LEGEND_COLUMN: f32 = 288.0;
const LEGEND_ROW: f32 = 26.0;
const FONT: &str = "Ubuntu, 'Segoe UI', Arial, sans-serif";

fn hex([r, g, b]: Rgb) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Where the map sits in the picture: map point to picture point.
#[derive(Clone, Copy)]
struct Frame {
    scale: f32,
    left: f32,
    top: f32,
    origin: MapPoint,
}

impl Frame {
    fn new() -> (Self, f32) {
        let (lo, hi) = KentuckyMap::get().bounds;
        let (width, height) = (hi[0] - lo[0], hi[1] - lo[1]);
        let scale = ((WIDTH - 2.0 * MARGIN) / width).min(MAP_HEIGHT / height);
        let left = (WIDTH - width * scale) / 2.0;
        (
            Self {
                scale,
                left,
                top: MAP_TOP,
                origin: lo,
            },
            height * scale,
        )
    }

    fn at(self, p: MapPoint) -> (f32, f32) {
        (
            self.left + (p[0] - self.origin[0]) * self.scale,
            self.top + (p[1] - self.origin[1]) * self.scale,
        )
    }
}

impl MapPicture {
    /// The picture as SVG text.
    pub fn svg(&self) -> String {
        let map = KentuckyMap::get();
        let (frame, map_height) = Frame::new();
        let columns = ((WIDTH - 2.0 * MARGIN) / LEGEND_COLUMN).floor().max(1.0) as usize;
        let legend_rows = self.legend.len().div_ceil(columns);
        let legend_top = MAP_TOP + map_height + 28.0;
        let note_y = legend_top + legend_rows as f32 * LEGEND_ROW + 22.0;
        let height = (note_y + MARGIN).ceil();
        let mut svg = String::new();
        let _ = write!(
            svg,
            r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}" font-family="{FONT}">
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="{MARGIN}" y="42" font-size="24" fill="#1f2328">{}</text>
<text x="{MARGIN}" y="68" font-size="15" fill="#57606a">{}</text>
"##,
            escaped(&self.title),
            escaped(&self.subtitle)
        );
        svg.push_str("<g stroke=\"#ffffff\" stroke-width=\"0.7\" stroke-linejoin=\"round\">\n");
        for ((county, fill), title) in map.counties.iter().zip(&self.counties).zip(
            self.county_titles
                .iter()
                .chain(std::iter::repeat(&String::new())),
        ) {
            let title = if title.is_empty() {
                &county.name
            } else {
                title
            };
            let _ = write!(
                svg,
                "<path fill=\"{}\" fill-rule=\"evenodd\" d=\"",
                hex(*fill)
            );
            for ring in &county.rings {
                for (i, p) in ring.iter().enumerate() {
                    let (x, y) = frame.at(*p);
                    let _ = write!(svg, "{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" });
                }
                svg.push('Z');
            }
            let _ = writeln!(svg, "\"><title>{}</title></path>", escaped(title));
        }
        svg.push_str("</g>\n");
        // The state's edge, then the cooperatives' borders over it.
        let segments = |svg: &mut String, lines: &mut dyn Iterator<Item = (MapPoint, MapPoint)>| {
            for (a, b) in lines {
                let ((x1, y1), (x2, y2)) = (frame.at(a), frame.at(b));
                let _ = write!(svg, "M{x1:.1} {y1:.1}L{x2:.1} {y2:.1}");
            }
        };
        svg.push_str("<path fill=\"none\" stroke=\"#6e7781\" stroke-width=\"1.2\" d=\"");
        segments(
            &mut svg,
            &mut map
                .borders
                .iter()
                .filter(|b| b.right.is_none())
                .map(|b| (b.from, b.to)),
        );
        svg.push_str("\"/>\n<path fill=\"none\" stroke=\"#24292f\" stroke-width=\"2.2\" stroke-linecap=\"round\" d=\"");
        segments(&mut svg, &mut self.cooperative_borders.iter().copied());
        svg.push_str("\"/>\n<g stroke=\"#24292f\" stroke-width=\"1\">\n");
        for (at, fill, title) in &self.points {
            let (x, y) = frame.at(*at);
            let _ = writeln!(
                svg,
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4.5\" fill=\"{}\"><title>{}</title></circle>",
                hex(*fill),
                escaped(title)
            );
        }
        svg.push_str("</g>\n");
        for (i, entry) in self.legend.iter().enumerate() {
            let x = MARGIN + (i % columns) as f32 * LEGEND_COLUMN;
            let y = legend_top + (i / columns) as f32 * LEGEND_ROW;
            let _ = writeln!(
                svg,
                "<rect x=\"{x}\" y=\"{}\" width=\"16\" height=\"16\" fill=\"{}\" stroke=\"#8c959f\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#1f2328\">{} ({})</text>",
                y - 13.0,
                hex(entry.colour),
                x + 24.0,
                y,
                escaped(&entry.label),
                entry.count
            );
        }
        let _ = writeln!(
            svg,
            "<text x=\"{MARGIN}\" y=\"{note_y}\" font-size=\"12\" fill=\"#57606a\">{}</text>\n</svg>",
            escaped(&self.note)
        );
        svg
    }

    /// The picture as PNG, `WIDTH` pixels wide times `scale`.
    pub fn png(&self, scale: f32) -> Result<Vec<u8>, PictureError> {
        use resvg::{tiny_skia, usvg};
        let mut options = usvg::Options::default();
        let fonts = options.fontdb_mut();
        fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
        let family = fonts
            .faces()
            .next()
            .and_then(|face| face.families.first().map(|(name, _)| name.clone()));
        if let Some(family) = family {
            fonts.set_sans_serif_family(family);
        }
        let tree = usvg::Tree::from_str(&self.svg(), &options)
            .map_err(|e| PictureError::Draw(e.to_string()))?;
        let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| {
            PictureError::Draw(format!("a picture {scale} times its size is too large"))
        })?;
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height())
            .ok_or_else(|| PictureError::Draw("no room for the picture".to_owned()))?;
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap
            .encode_png()
            .map_err(|e| PictureError::Draw(e.to_string()))
    }

    pub fn bytes(&self, format: PictureFormat) -> Result<Vec<u8>, PictureError> {
        match format {
            PictureFormat::Png => self.png(1.0),
            PictureFormat::Svg => Ok(self.svg().into_bytes()),
        }
    }

    /// Where a map point lands in the PNG at scale 1 (for checking a
    /// county's colour in the picture).
    pub fn pixel_of(p: MapPoint) -> (u32, u32) {
        let (x, y) = Frame::new().0.at(p);
        (x.round() as u32, y.round() as u32)
    }
}

//! The network on Kentucky's map: every district placed, colours that say
//! what the Memberships screen says, the pictures (PNG decoded and looked
//! at pixel by pixel, SVG parsed), and `export map` from the command line.

mod common;

use common::cli::{assert_fails_saying, roster, stdout};
use common::{id_of, make_active, this_year, with_kentucky};
use iln_roster::bundled::kentucky_districts::kentucky_districts;
use iln_roster::domain::reach::{MapColouring, NONE_COLOUR, standing_colour};
use iln_roster::domain::{DistrictKind, Standing};
use iln_roster::export::map::network_map;
use iln_roster::geo::{KentuckyMap, Place};
use iln_roster::io::map_picture::{MapPicture, WIDTH};
use iln_roster::store::Store;

#[test]
fn every_one_of_the_171_districts_is_placed_in_its_county() {
    let map = KentuckyMap::get();
    let districts = kentucky_districts().unwrap();
    assert_eq!(districts.len(), 171);
    let mut wrong = Vec::new();
    for district in &districts {
        let place = map.place_of(district.kind, &district.county, &district.kde_number);
        let fits = match (district.kind, place) {
            (DistrictKind::County, Some(Place::County(county))) => map.counties[county]
                .name
                .eq_ignore_ascii_case(&district.county),
            // An independent district's point is inside a Kentucky county
            // (point in polygon), and that county is the one it names.
            (DistrictKind::Independent, Some(Place::Point { at, county })) => {
                map.counties[county].contains(at)
                    && map.county_at(at) == Some(county)
                    && map.counties[county]
                        .name
                        .eq_ignore_ascii_case(&district.county)
            }
            _ => false,
        };
        if !fits {
            wrong.push(format!(
                "{} ({:?} in {})",
                district.name, place, district.county
            ));
        }
    }
    assert!(wrong.is_empty(), "not placed: {wrong:?}");
    let counties = districts
        .iter()
        .filter(|d| d.kind == DistrictKind::County)
        .count();
    assert_eq!(counties, 120, "each county has its district");
}

/// Kentucky's districts, Adair and Boyd County members this year, Allen
/// County invited, and the rest not members.
fn kentucky_with_members() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("roster.sqlite3");
    let mut store = Store::open(&db).unwrap();
    with_kentucky(&mut store);
    make_active(&mut store, "Adair County");
    make_active(&mut store, "Boyd County");
    make_active(&mut store, "Ashland Independent");
    let allen = id_of(&store, "Allen County");
    let invited = iln_roster::domain::Letter {
        invited_on: Some(this_year().first_day()),
        ..iln_roster::domain::Letter::default()
    };
    store
        .save_membership(
            allen,
            this_year(),
            iln_roster::domain::MembershipStatus::Invited,
            &invited,
        )
        .unwrap();
    (dir, db)
}

#[test]
fn the_colours_by_standing_are_the_memberships_screens_standings() {
    let (_dir, db) = kentucky_with_members();
    let store = Store::open(&db).unwrap();
    let today = iln_roster::domain::today();
    let network = network_map(&store, this_year(), today).unwrap();
    let fills = network.fills(MapColouring::Standing);
    let standings = store.year_standings(this_year(), today).unwrap();
    assert_eq!(network.districts.len(), standings.len());
    let map = KentuckyMap::get();
    for standing in &standings {
        let i = network
            .districts
            .iter()
            .position(|d| d.id == standing.district_id)
            .unwrap();
        let colour = match network.places[i].unwrap() {
            Place::County(county) => fills.counties[county],
            Place::Point { .. } => fills.points.iter().find(|p| p.2 == i).unwrap().1,
        };
        assert_eq!(
            colour,
            standing_colour(standing.standing),
            "{}",
            standing.district_name
        );
    }
    let adair = map.county_named("Adair").unwrap();
    assert_eq!(fills.counties[adair], standing_colour(Standing::Active));
    let allen = map.county_named("Allen").unwrap();
    assert_eq!(fills.counties[allen], standing_colour(Standing::Invited));
    let legend: Vec<(&str, usize)> = fills
        .legend
        .iter()
        .map(|e| (e.label.as_str(), e.count))
        .collect();
    assert_eq!(
        legend,
        [("Active", 3), ("Invited", 1), ("Not a member", 167)]
    );
    assert!(network.unplaced().is_empty());
    // Boyd (KEDC) borders Greenup (KEDC) with a thin line, Lawrence
    // (KEDC) too; Adair (GRREC) and Russell (SESC) with a heavy one.
    assert!(!network.cooperative_borders().is_empty());
}

fn pixel(png: &[u8], (x, y): (u32, u32)) -> [u8; 3] {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buffer).unwrap();
    let channels = info.color_type.samples();
    let at = (y as usize * info.width as usize + x as usize) * channels;
    [buffer[at], buffer[at + 1], buffer[at + 2]]
}

#[test]
fn the_png_shows_members_and_others_in_their_colours_and_the_svg_parses() {
    let (dir, db) = kentucky_with_members();
    let out = dir.path().join("members.png");
    let made = roster(
        &db,
        &[
            "export",
            "map",
            "--color",
            "standing",
            "-o",
            out.to_str().unwrap(),
        ],
    );
    assert!(made.status.success(), "{made:?}");
    assert!(
        stdout(&made).contains("map by membership"),
        "{}",
        stdout(&made)
    );
    let png = std::fs::read(&out).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&png));
    let info = decoder.read_info().unwrap().info().clone();
    assert_eq!(info.width, WIDTH as u32);
    assert!((600..900).contains(&info.height), "{}", info.height);

    let map = KentuckyMap::get();
    let at =
        |county: &str| MapPicture::pixel_of(map.counties[map.county_named(county).unwrap()].centre);
    assert_eq!(pixel(&png, at("Adair")), standing_colour(Standing::Active));
    assert_eq!(pixel(&png, at("Allen")), standing_colour(Standing::Invited));
    assert_eq!(pixel(&png, at("Pike")), NONE_COLOUR);

    let svg_path = dir.path().join("members.svg");
    let made = roster(&db, &["export", "map", "-o", svg_path.to_str().unwrap()]);
    assert!(made.status.success(), "{made:?}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let tree = resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default())
        .expect("the SVG parses");
    assert_eq!(tree.size().width(), WIDTH);
    assert!(svg.contains("<title>Adair County: Active</title>"));
    assert!(
        svg.contains("<title>Ashland Independent: Active</title></circle>"),
        "an independent district's point says who it is"
    );
    assert!(svg.contains("Active (3)"), "the legend with its counts");
}

#[test]
fn two_districts_in_one_county_are_both_seen() {
    let (_dir, db) = kentucky_with_members();
    let mut store = Store::open(&db).unwrap();
    // A second district typed into Adair: Adair County keeps its county,
    // the other is a point at the county's centre.
    let second = iln_roster::domain::DistrictFields {
        name: "Second Adair County".into(),
        kde_number: "904".into(),
        county: "Adair".into(),
        ..Default::default()
    };
    store.insert_district(&second).unwrap();
    make_active(&mut store, "Second Adair County");
    let today = iln_roster::domain::today();
    let network = network_map(&store, this_year(), today).unwrap();
    let map = KentuckyMap::get();
    let adair = map.county_named("Adair").unwrap();
    let fills = network.fills(MapColouring::Standing);
    let filler = fills.county_district[adair].unwrap();
    assert_eq!(network.districts[filler].name, "Adair County");
    let point = fills
        .points
        .iter()
        .find(|(_, _, i)| network.districts[*i].name == "Second Adair County")
        .expect("drawn as a point");
    assert_eq!(point.0, map.counties[adair].centre);
}

#[test]
fn export_map_refuses_what_it_cannot_write() {
    let (dir, db) = kentucky_with_members();
    let path = |name: &str| dir.path().join(name).to_str().unwrap().to_owned();
    let dry = roster(&db, &["export", "map", "-o", &path("m.png"), "--dry-run"]);
    assert!(stdout(&dry).starts_with("Would write"), "{dry:?}");
    assert!(!dir.path().join("m.png").exists());
    // A dry run says what the write would meet.
    assert_fails_saying(
        &roster(
            &db,
            &["export", "map", "-o", &path("nowhere/m.png"), "--dry-run"],
        ),
        "does not exist",
    );
    assert_fails_saying(
        &roster(
            &db,
            &[
                "export",
                "map",
                "-o",
                &path(&format!("{}.png", "m".repeat(300))),
            ],
        ),
        "at most 255 bytes",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["export", "map", "-o", &format!("{}/m.png", db.display())],
        ),
        "is a file, not a folder",
    );
    assert_fails_saying(
        &roster(&db, &["export", "map", "-o", &path("m.jpg")]),
        "a map is saved as .png or .svg",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["export", "map", "--color", "rainbow", "-o", &path("m.png")],
        ),
        "say standing, attendance, grants or coop",
    );
    assert_fails_saying(
        &roster(&db, &["export", "map", "-o", db.to_str().unwrap()]),
        "a map is saved as .png or .svg",
    );
    // A roster someone named .png is still never written over.
    let disguised = dir.path().join("copy.png");
    std::fs::copy(&db, &disguised).unwrap();
    let before = std::fs::read(&disguised).unwrap();
    assert_fails_saying(
        &roster(&db, &["export", "map", "-o", disguised.to_str().unwrap()]),
        "is a database",
    );
    assert_eq!(std::fs::read(&disguised).unwrap(), before);
    assert_fails_saying(
        &roster(
            &db,
            &["export", "roster", "--color", "coop", "-o", &path("r.csv")],
        ),
        "--color is for a map",
    );
    assert_fails_saying(
        &roster(
            &db,
            &["export", "map", "--format", "csv", "-o", &path("m.png")],
        ),
        "end it in .png or .svg",
    );
    for colouring in ["attendance", "grants", "coop"] {
        let made = roster(
            &db,
            &[
                "export",
                "map",
                "--color",
                colouring,
                "-o",
                &path(&format!("{colouring}.svg")),
            ],
        );
        assert!(made.status.success(), "{colouring}: {made:?}");
    }
}

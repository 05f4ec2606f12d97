//! The network on Kentucky's map for a school year: each district's
//! standing, attendance, grants and cooperative read once from the store,
//! coloured as asked, and written as a picture (PNG or SVG) with its title
//! and legend. The window's Map section draws from the same `NetworkMap`.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::bundled::kentucky_districts::reference_by_kde_number;
use crate::domain::reach::{
    DistrictReach, EMPTY_COLOUR, LegendEntry, MapColouring, Rgb, class_of, legend,
};
use crate::domain::{AttendanceRules, Cooperative, GrantStatus, Money, SchoolYear};
use crate::geo::{KentuckyMap, MapPoint, Place};
use crate::io::map_picture::{MapPicture, PictureError, PictureFormat};
use crate::io::save::{SaveError, check_destination, save_bytes};
use crate::store::{Store, StoreError, recorded_cells};

/// The year's districts, where each is drawn, and the attendance rules
/// their rates are judged by.
#[derive(Clone, Debug)]
pub struct NetworkMap {
    pub year: SchoolYear,
    pub districts: Vec<DistrictReach>,
    /// Where each of `districts` is drawn; `None` when nothing says where.
    pub places: Vec<Option<Place>>,
    pub rules: AttendanceRules,
}

/// Reads the year's districts and what the map shows of them.
pub fn network_map(
    store: &Store,
    year: SchoolYear,
    today: NaiveDate,
) -> Result<NetworkMap, StoreError> {
    let listed: HashMap<_, _> = store
        .district_list()?
        .into_iter()
        .map(|item| (item.district.id, item.district))
        .collect();
    let rules = store.attendance_rules()?;
    let grid = store.attendance_grid(year)?;
    let rates: HashMap<_, _> = grid
        .rows
        .iter()
        .map(|row| {
            let rate = crate::domain::convening::attendance_rate(
                row.span,
                recorded_cells(&grid, row),
                rules,
            );
            (row.district_id, rate)
        })
        .collect();
    let mut grants: HashMap<_, (u32, u32, Money)> = HashMap::new();
    for row in store.grants_in(year, today)? {
        let entry = grants.entry(row.grant.fields.district).or_default();
        if row.grant.status != GrantStatus::Draft && row.grant.status != GrantStatus::Withdrawn {
            entry.0 += 1;
        }
        if matches!(
            row.grant.status,
            GrantStatus::Awarded | GrantStatus::Paid | GrantStatus::Closed
        ) {
            entry.1 += 1;
            entry.2 = entry
                .2
                .saturating_add(row.grant.fields.awarded.unwrap_or(Money::ZERO));
        }
    }
    let map = KentuckyMap::get();
    let references = reference_by_kde_number();
    let mut districts = Vec::new();
    let mut places = Vec::new();
    for standing in store.year_standings(year, today)? {
        let Some(district) = listed.get(&standing.district_id) else {
            continue;
        };
        let fields = &district.fields;
        let (applications, awarded, awarded_amount) =
            grants.get(&district.id).copied().unwrap_or_default();
        places.push(map.place_of(fields.kind, &fields.county, &fields.kde_number));
        districts.push(DistrictReach {
            id: district.id,
            name: fields.name.clone(),
            kde_number: fields.kde_number.clone(),
            kind: fields.kind,
            county: fields.county.clone(),
            cooperative: fields.cooperative,
            standing: standing.standing,
            rate: rates.get(&district.id).copied().unwrap_or_default(),
            applications,
            awarded,
            awarded_amount,
            enrollment: references.get(&fields.kde_number).map(|r| r.enrollment),
        });
    }
    share_counties(map, &districts, &mut places);
    Ok(NetworkMap {
        year,
        districts,
        places,
        rules,
    })
}

/// A county is filled by one district: the one named after it ("Adair
/// County"), else the first; another county district there (a name
/// typed twice, a county mistyped) is a point at the county's centre, so
/// that neither hides the other.
fn share_counties(map: &KentuckyMap, districts: &[DistrictReach], places: &mut [Option<Place>]) {
    let mut filled_by: Vec<Option<usize>> = vec![None; map.counties.len()];
    for (i, (district, place)) in districts.iter().zip(places.iter()).enumerate() {
        if let Some(Place::County(county)) = place {
            let own = format!("{} County", map.counties[*county].name);
            if district.name.eq_ignore_ascii_case(&own) && filled_by[*county].is_none() {
                filled_by[*county] = Some(i);
            }
        }
    }
    for (i, place) in places.iter_mut().enumerate() {
        if let Some(Place::County(county)) = *place {
            match filled_by[county] {
                None => filled_by[county] = Some(i),
                Some(owner) if owner == i => {}
                Some(_) => {
                    *place = Some(Place::Point {
                        at: map.counties[county].centre,
                        county,
                    });
                }
            }
        }
    }
}

/// What is drawn where, in one colouring: each county's fill, each
/// independent district's point (with its index in `districts`).
#[derive(Clone, Debug, PartialEq)]
pub struct Fills {
    pub counties: Vec<Rgb>,
    /// For each county, the district that fills it.
    pub county_district: Vec<Option<usize>>,
    pub points: Vec<(MapPoint, Rgb, usize)>,
    pub legend: Vec<LegendEntry>,
}

impl NetworkMap {
    pub fn fills(&self, colouring: MapColouring) -> Fills {
        let map = KentuckyMap::get();
        let mut fills = Fills {
            counties: vec![EMPTY_COLOUR; map.counties.len()],
            county_district: vec![None; map.counties.len()],
            points: Vec::new(),
            legend: legend(&self.districts, colouring, self.rules),
        };
        for (i, (district, place)) in self.districts.iter().zip(&self.places).enumerate() {
            let (colour, ..) = class_of(district, colouring, self.rules);
            match place {
                Some(Place::County(county)) => {
                    fills.counties[*county] = colour;
                    fills.county_district[*county] = Some(i);
                }
                Some(Place::Point { at, .. }) => fills.points.push((*at, colour, i)),
                None => {}
            }
        }
        fills
    }

    /// The districts nothing places on the map (no county the map knows,
    /// no location in the state's list), by name.
    pub fn unplaced(&self) -> Vec<&str> {
        self.districts
            .iter()
            .zip(&self.places)
            .filter(|(_, place)| place.is_none())
            .map(|(d, _)| d.name.as_str())
            .collect()
    }

    /// Each county's cooperative, from the district that fills it.
    pub fn county_cooperatives(&self) -> Vec<Option<Option<Cooperative>>> {
        let mut coops = vec![None; KentuckyMap::get().counties.len()];
        for (district, place) in self.districts.iter().zip(&self.places) {
            if let Some(Place::County(county)) = place {
                coops[*county] = Some(district.cooperative);
            }
        }
        coops
    }

    /// The borders between counties of different cooperatives.
    pub fn cooperative_borders(&self) -> Vec<(MapPoint, MapPoint)> {
        let coops = self.county_cooperatives();
        KentuckyMap::get()
            .borders
            .iter()
            .filter(|b| {
                b.right
                    .is_some_and(|right| match (coops[b.left], coops[right]) {
                        (Some(a), Some(b)) => a != b,
                        _ => false,
                    })
            })
            .map(|b| (b.from, b.to))
            .collect()
    }

    /// "Adair County: Active", as a picture's tooltip says it.
    fn title_of(&self, district: usize, colouring: MapColouring) -> String {
        let reach = &self.districts[district];
        let (_, class, _) = class_of(reach, colouring, self.rules);
        format!("{}: {class}", reach.name)
    }

    /// The picture of the map in one colouring, titled.
    pub fn picture(&self, colouring: MapColouring) -> MapPicture {
        let fills = self.fills(colouring);
        let members = self
            .districts
            .iter()
            .filter(|d| d.standing.is_member())
            .count();
        MapPicture {
            title: format!(
                "Kentucky Innovative Learning Network, {}: {}",
                self.year,
                colouring.label().to_lowercase()
            ),
            subtitle: format!(
                "{members} member districts of {} on the roster",
                self.districts.len()
            ),
            county_titles: fills
                .county_district
                .iter()
                .map(|d| d.map(|i| self.title_of(i, colouring)).unwrap_or_default())
                .collect(),
            counties: fills.counties,
            points: fills
                .points
                .iter()
                .map(|(at, colour, i)| (*at, *colour, self.title_of(*i, colouring)))
                .collect(),
            cooperative_borders: self.cooperative_borders(),
            legend: fills.legend,
            note: "County outlines: U.S. Census Bureau, 2017. Independent districts are \
                   drawn as points. Heavier lines divide the cooperatives."
                .to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum MapError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Picture(#[from] PictureError),
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{0}: a map is saved as .png or .svg.")]
    UnknownFormat(String),
}

/// Writes the map to `path` (.png or .svg, by its extension); `dry_run`
/// makes it and writes nothing. Returns the file's size.
pub fn write_map(
    map: &NetworkMap,
    colouring: MapColouring,
    path: &Path,
    dry_run: bool,
) -> Result<usize, MapError> {
    let format = PictureFormat::of_path(path)
        .ok_or_else(|| MapError::UnknownFormat(path.display().to_string()))?;
    check_destination(path)?;
    let bytes = map.picture(colouring).bytes(format)?;
    if !dry_run {
        save_bytes(path, &bytes)?;
    }
    Ok(bytes.len())
}

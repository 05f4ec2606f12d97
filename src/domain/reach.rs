//! Where the network reaches: what the map colours each district by, its
//! legend, and the figures by cooperative and by students.

use std::collections::BTreeMap;

use super::{AttendanceRules, Cooperative, DistrictId, DistrictKind, Money, Rate, Standing};

/// A colour as red, green, blue.
pub type Rgb = [u8; 3];

/// What the map colours districts by.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
)]
pub enum MapColouring {
    /// Membership standing in the year.
    #[default]
    Standing,
    /// The members' attendance rate.
    Attendance,
    /// Travel Fund Grants awarded in the year.
    Grants,
    /// The regional cooperative.
    Cooperative,
}

impl MapColouring {
    /// As the command line's `--color` takes it.
    pub fn key(self) -> &'static str {
        match self {
            Self::Standing => "standing",
            Self::Attendance => "attendance",
            Self::Grants => "grants",
            Self::Cooperative => "coop",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        use strum::VariantArray as _;
        // Its key, or the name the map shows for it ("travel grants").
        let key = key.trim().to_lowercase();
        Self::VARIANTS
            .iter()
            .copied()
            .find(|c| c.key() == key || c.label().to_lowercase() == key)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Standing => "Membership",
            Self::Attendance => "Attendance",
            Self::Grants => "Travel grants",
            Self::Cooperative => "Cooperative",
        }
    }
}

/// What the map knows of one district in a school year.
#[derive(Clone, Debug, PartialEq)]
pub struct DistrictReach {
    pub id: DistrictId,
    pub name: String,
    pub kde_number: String,
    pub kind: DistrictKind,
    pub county: String,
    pub cooperative: Option<Cooperative>,
    pub standing: Standing,
    /// Its attendance while a member (nothing counted for others).
    pub rate: Rate,
    /// Travel Fund Grant applications in the year, and those awarded.
    pub applications: u32,
    pub awarded: u32,
    pub awarded_amount: Money,
    /// Students, from the state's list (see `ENROLLMENT_YEAR`).
    pub enrollment: Option<u32>,
}

/// One class of the legend: its colour, what it means, and how many
/// districts are in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    pub colour: Rgb,
    pub label: String,
    pub count: usize,
}

/// The fill of a district not in the class that matters (not a member, no
/// application): pale, so the classes that matter stand out.
pub const NONE_COLOUR: Rgb = [222, 226, 230];
/// A county with no district on the roster.
pub const EMPTY_COLOUR: Rgb = [246, 247, 248];

/// Each standing's colour; the same hues as the Memberships screen's.
pub fn standing_colour(standing: Standing) -> Rgb {
    match standing {
        Standing::Active => [46, 158, 91],
        Standing::Received => [59, 125, 216],
        Standing::Invited => [224, 170, 60],
        Standing::Lapsed => [230, 126, 34],
        Standing::Terminated => [201, 64, 64],
        Standing::NotMember => NONE_COLOUR,
    }
}

/// The eight cooperatives' colours, and Jefferson County's (none).
pub fn cooperative_colour(cooperative: Option<Cooperative>) -> Rgb {
    match cooperative {
        Some(Cooperative::Ckec) => [141, 160, 203],
        Some(Cooperative::Grrec) => [102, 194, 165],
        Some(Cooperative::Kedc) => [252, 141, 98],
        Some(Cooperative::Kvec) => [231, 138, 195],
        Some(Cooperative::Nkces) => [166, 216, 84],
        Some(Cooperative::Ovec) => [255, 217, 47],
        Some(Cooperative::Sesc) => [229, 196, 148],
        Some(Cooperative::Wkec) => [128, 177, 211],
        None => [179, 179, 179],
    }
}

/// Which class of the legend a district is in, by `colouring`: its
/// colour, its class's label, and where the class comes in the legend.
pub fn class_of(
    district: &DistrictReach,
    colouring: MapColouring,
    rules: AttendanceRules,
) -> (Rgb, String, usize) {
    match colouring {
        MapColouring::Standing => (
            standing_colour(district.standing),
            district.standing.label().to_owned(),
            Standing::ALL
                .iter()
                .position(|s| *s == district.standing)
                .unwrap_or(0),
        ),
        MapColouring::Attendance => attendance_class(district, rules),
        MapColouring::Grants => match (district.awarded, district.applications) {
            (0, 0) => (NONE_COLOUR, "No application".to_owned(), 3),
            (0, _) => ([198, 219, 239], "Applied, none awarded".to_owned(), 2),
            (1, _) => ([66, 146, 198], "1 grant awarded".to_owned(), 1),
            _ => ([8, 69, 148], "2 or more awarded".to_owned(), 0),
        },
        MapColouring::Cooperative => (
            cooperative_colour(district.cooperative),
            district
                .cooperative
                .map_or("No cooperative", |c| c.into())
                .to_owned(),
            usize::from(district.cooperative.is_none()),
        ),
    }
}

/// Bands of the rate as it is shown, best first: from 90% (or the
/// threshold, if higher) up; from the threshold to that; under the
/// threshold. A member with nothing counted yet has its own class.
fn attendance_class(district: &DistrictReach, rules: AttendanceRules) -> (Rgb, String, usize) {
    let threshold = u64::from(rules.threshold_percent);
    let top = threshold.max(90);
    match district.rate.tenths() {
        None if !district.standing.is_member() => (NONE_COLOUR, "Not a member".to_owned(), 4),
        None => ([160, 174, 192], "No convening counted yet".to_owned(), 3),
        Some(tenths) if tenths >= top * 10 => ([27, 120, 55], format!("{top}% or more"), 0),
        Some(tenths) if tenths >= threshold * 10 => {
            ([120, 198, 121], format!("{threshold}% to under {top}%"), 1)
        }
        Some(_) => ([201, 64, 64], format!("Under {threshold}%"), 2),
    }
}

/// The legend for `districts`: each class once, in the order the
/// colouring lists them, with its count.
pub fn legend(
    districts: &[DistrictReach],
    colouring: MapColouring,
    rules: AttendanceRules,
) -> Vec<LegendEntry> {
    let mut entries: Vec<(usize, LegendEntry)> = Vec::new();
    for district in districts {
        let (colour, label, rank) = class_of(district, colouring, rules);
        match entries.iter_mut().find(|(_, e)| e.label == label) {
            Some((_, entry)) => entry.count += 1,
            None => entries.push((
                rank,
                LegendEntry {
                    colour,
                    label,
                    count: 1,
                },
            )),
        }
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.label.cmp(&b.1.label)));
    entries.into_iter().map(|(_, entry)| entry).collect()
}

/// Members of one cooperative, out of its districts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CooperativeReach {
    pub cooperative: Option<Cooperative>,
    pub members: usize,
    pub districts: usize,
}

impl CooperativeReach {
    /// "CKEC", or "No cooperative" for Jefferson County.
    pub fn name(&self) -> &'static str {
        self.cooperative.map_or("No cooperative", |c| c.into())
    }

    /// Its members as a share of its districts, in whole percent.
    pub fn share_percent(&self) -> u32 {
        share_percent(self.members as u64, self.districts as u64)
    }
}

/// `part` of `whole` as a fraction (0 of nothing is 0), as a spreadsheet's
/// percent cell takes it.
pub fn share(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// `part` of `whole` in whole percent, rounded half up.
pub fn share_percent(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        0
    } else {
        ((200 * part + whole) / (2 * whole)) as u32
    }
}

/// Members by cooperative: every cooperative with a district on the
/// roster, in the order of their codes, "no cooperative" last.
pub fn by_cooperative(districts: &[DistrictReach]) -> Vec<CooperativeReach> {
    let mut counts: BTreeMap<(bool, Option<Cooperative>), (usize, usize)> = BTreeMap::new();
    for district in districts {
        let key = (district.cooperative.is_none(), district.cooperative);
        let count = counts.entry(key).or_default();
        count.1 += 1;
        if district.standing.is_member() {
            count.0 += 1;
        }
    }
    counts
        .into_iter()
        .map(
            |((_, cooperative), (members, districts))| CooperativeReach {
                cooperative,
                members,
                districts,
            },
        )
        .collect()
}

/// Students in member districts, out of all districts' students (those
/// the state's list gives a count for).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StudentReach {
    pub in_members: u64,
    pub in_all: u64,
}

impl StudentReach {
    pub fn of(districts: &[DistrictReach]) -> Self {
        districts.iter().fold(Self::default(), |mut reach, d| {
            let students = u64::from(d.enrollment.unwrap_or(0));
            reach.in_all += students;
            if d.standing.is_member() {
                reach.in_members += students;
            }
            reach
        })
    }

    pub fn share_percent(self) -> u32 {
        share_percent(self.in_members, self.in_all)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn district(name: &str, cooperative: Option<Cooperative>, standing: Standing) -> DistrictReach {
        DistrictReach {
            id: DistrictId(1),
            name: name.into(),
            kde_number: "001".into(),
            kind: DistrictKind::County,
            county: name.into(),
            cooperative,
            standing,
            rate: Rate::default(),
            applications: 0,
            awarded: 0,
            awarded_amount: Money::ZERO,
            enrollment: Some(1000),
        }
    }

    #[test]
    fn members_are_counted_by_cooperative_and_by_students() {
        let list = [
            district("Adair", Some(Cooperative::Grrec), Standing::Active),
            district("Allen", Some(Cooperative::Grrec), Standing::Lapsed),
            district("Barren", Some(Cooperative::Grrec), Standing::Received),
            district("Jefferson", None, Standing::NotMember),
            DistrictReach {
                enrollment: Some(2000),
                ..district("Boyd", Some(Cooperative::Kedc), Standing::Active)
            },
        ];
        let reach = by_cooperative(&list);
        let shown: Vec<(&str, usize, usize, u32)> = reach
            .iter()
            .map(|r| (r.name(), r.members, r.districts, r.share_percent()))
            .collect();
        assert_eq!(
            shown,
            [
                ("GRREC", 2, 3, 67),
                ("KEDC", 1, 1, 100),
                ("No cooperative", 0, 1, 0)
            ]
        );
        let students = StudentReach::of(&list);
        assert_eq!((students.in_members, students.in_all), (4000, 6000));
        assert_eq!(students.share_percent(), 67);
    }

    #[test]
    fn attendance_is_banded_by_the_rate_shown_best_first() {
        let rated = |attended, counted| DistrictReach {
            rate: Rate { attended, counted },
            ..district("A", None, Standing::Active)
        };
        // Half of two convenings is under 75%, though too few to be flagged.
        let list = [rated(1, 2), rated(9, 10), rated(8, 10), rated(0, 0)];
        let labels = |threshold_percent| {
            let rules = AttendanceRules {
                threshold_percent,
                ..AttendanceRules::default()
            };
            legend(&list, MapColouring::Attendance, rules)
                .into_iter()
                .map(|e| format!("{} ({})", e.label, e.count))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(75),
            [
                "90% or more (1)",
                "75% to under 90% (1)",
                "Under 75% (1)",
                "No convening counted yet (1)"
            ]
        );
        // A threshold over 90% leaves no middle band.
        assert_eq!(
            labels(95),
            ["Under 95% (3)", "No convening counted yet (1)"]
        );
    }

    #[test]
    fn the_legend_lists_each_class_once_with_its_count() {
        let list = [
            district("Adair", Some(Cooperative::Grrec), Standing::Active),
            district("Allen", Some(Cooperative::Grrec), Standing::NotMember),
            district("Boyd", Some(Cooperative::Kedc), Standing::Active),
        ];
        let rules = AttendanceRules::default();
        let legend = legend(&list, MapColouring::Standing, rules);
        let shown: Vec<(&str, usize)> =
            legend.iter().map(|e| (e.label.as_str(), e.count)).collect();
        assert_eq!(shown, [("Active", 2), ("Not a member", 1)]);
        assert_eq!(legend[0].colour, standing_colour(Standing::Active));
        let coops = super::legend(&list, MapColouring::Cooperative, rules);
        assert_eq!(coops.len(), 2);
        for colouring in [MapColouring::Attendance, MapColouring::Grants] {
            assert_eq!(
                super::legend(&list, colouring, rules)
                    .iter()
                    .map(|e| e.count)
                    .sum::<usize>(),
                3
            );
        }
        assert_eq!(
            MapColouring::from_key("COOP"),
            Some(MapColouring::Cooperative)
        );
        assert_eq!(MapColouring::from_key("rainbow"), None);
        assert_eq!(
            MapColouring::from_key(" Travel grants"),
            Some(MapColouring::Grants)
        );
        assert_eq!(
            MapColouring::from_key("membership"),
            Some(MapColouring::Standing)
        );
    }
}

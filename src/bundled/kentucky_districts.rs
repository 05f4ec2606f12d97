//! Kentucky's 171 public school districts (NCES Common Core of Data 2023-24,
//! KDE district numbers and cooperatives), shipped inside the app so a new
//! database can be filled in one click.

use crate::domain::{Cooperative, DistrictDraft, DistrictFields, DistrictKind};

const CSV: &str = include_str!("../../assets/ky_districts.csv");

#[derive(Debug, serde::Deserialize)]
struct Record {
    kde_dist_number: String,
    district_name: String,
    nces_leaid: String,
    district_type: String,
    county: String,
    coop_2016_17: String,
    enrollment_2016_17: u32,
    latitude: f64,
    longitude: f64,
}

#[derive(Debug, thiserror::Error)]
#[error("The bundled district list is unreadable at line {line}: {reason}")]
pub struct BundledListError {
    line: u64,
    reason: String,
}

/// The bundled districts, each checked by the same rules as the form.
pub fn kentucky_districts() -> Result<Vec<DistrictFields>, BundledListError> {
    let mut reader = csv::Reader::from_reader(CSV.as_bytes());
    reader
        .deserialize::<Record>()
        .map(|record| {
            let record = record.map_err(|error| BundledListError {
                line: error.position().map_or(0, csv::Position::line),
                reason: error.to_string(),
            })?;
            district_fields(&record).map_err(|reason| BundledListError {
                line: 0,
                reason: format!("{}: {reason}", record.district_name),
            })
        })
        .collect()
}

/// The district's county: as listed, or for an independent district (the
/// list gives none) the county its location is in.
fn county_of(record: &Record) -> String {
    if !record.county.is_empty() {
        return record.county.clone();
    }
    super::kentucky_counties::county_at(record.longitude, record.latitude)
        .unwrap_or_default()
        .to_owned()
}

/// The school year the list's enrollment counts are from (KDE's School
/// Report Card), said wherever a share of students is shown.
pub const ENROLLMENT_YEAR: &str = "2016-2017";

/// What the state's list says of a district that the roster does not keep:
/// where its offices are, and how many students it had.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DistrictReference {
    pub longitude: f64,
    pub latitude: f64,
    /// Students enrolled in [`ENROLLMENT_YEAR`].
    pub enrollment: u32,
}

/// The list's location and enrollment of each district, by KDE number;
/// read once.
pub fn reference_by_kde_number() -> &'static std::collections::HashMap<String, DistrictReference> {
    static REFERENCE: std::sync::OnceLock<std::collections::HashMap<String, DistrictReference>> =
        std::sync::OnceLock::new();
    REFERENCE.get_or_init(|| {
        csv::Reader::from_reader(CSV.as_bytes())
            .deserialize::<Record>()
            .filter_map(Result::ok)
            .map(|record| {
                let reference = DistrictReference {
                    longitude: record.longitude,
                    latitude: record.latitude,
                    enrollment: record.enrollment_2016_17,
                };
                (record.kde_dist_number, reference)
            })
            .collect()
    })
}

/// The county the bundled list places a district in, by its KDE number:
/// how rosters made before independents had a county get theirs.
pub fn county_by_kde_number() -> Vec<(String, String)> {
    let mut reader = csv::Reader::from_reader(CSV.as_bytes());
    reader
        .deserialize::<Record>()
        .filter_map(Result::ok)
        .map(|record| (record.kde_dist_number.clone(), county_of(&record)))
        .filter(|(_, county)| !county.is_empty())
        .collect()
}

fn district_fields(record: &Record) -> Result<DistrictFields, String> {
    let kind = DistrictKind::parse(&record.district_type)
        .ok_or_else(|| format!("unknown district type {}", record.district_type))?;
    let draft = DistrictDraft {
        name: record.district_name.clone(),
        kde_number: record.kde_dist_number.clone(),
        nces_id: record.nces_leaid.clone(),
        county: county_of(record),
        kind,
        cooperative: Cooperative::parse_optional(&record.coop_2016_17)?,
        email_domain: String::new(),
        notes: String::new(),
    };
    draft.validate(None, []).map_err(|errors| {
        errors
            .iter()
            .map(|(_, message)| message)
            .collect::<Vec<_>>()
            .join("; ")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_has_every_district_once() {
        let districts = kentucky_districts().unwrap();
        assert_eq!(districts.len(), 171);
        let count = |kind| districts.iter().filter(|d| d.kind == kind).count();
        assert_eq!(count(DistrictKind::County), 120);
        assert_eq!(count(DistrictKind::Independent), 51);
        let jefferson = districts
            .iter()
            .find(|d| d.name == "Jefferson County")
            .unwrap();
        assert_eq!(jefferson.kde_number, "275");
        assert_eq!(jefferson.nces_id.as_deref(), Some("2102990"));
        assert_eq!(jefferson.cooperative, None);
        let anchorage = districts.iter().find(|d| d.kde_number == "006").unwrap();
        assert_eq!(anchorage.name, "Anchorage Independent");
        assert_eq!(anchorage.cooperative, Some(Cooperative::Ovec));
        // Independent districts are placed in their county by location.
        assert_eq!(anchorage.county, "Jefferson");
        let ashland = districts.iter().find(|d| d.kde_number == "012").unwrap();
        assert_eq!(ashland.county, "Boyd");
        // Just outside the simplified outlines: the nearest county.
        let county_of = |name: &str| &districts.iter().find(|d| d.name == name).unwrap().county;
        assert_eq!(county_of("Fulton Independent"), "Fulton");
        assert_eq!(county_of("Russell Independent"), "Greenup");
        let without: Vec<&str> = districts
            .iter()
            .filter(|d| d.county.is_empty())
            .map(|d| d.name.as_str())
            .collect();
        assert!(without.is_empty(), "no county for {without:?}");
        let mut numbers: Vec<_> = districts.iter().map(|d| &d.kde_number).collect();
        numbers.sort();
        numbers.dedup();
        assert_eq!(numbers.len(), 171);
    }
}

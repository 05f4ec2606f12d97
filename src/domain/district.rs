//! A school district: the unit that joins the network each year.

use std::fmt;

use strum::VariantArray as _;

use super::codes::Coded as _;
use super::limits;
use super::validate::{self, FieldErrors};

#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct DistrictId(pub i64);

#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum DistrictKind {
    #[default]
    County,
    Independent,
}

impl DistrictKind {
    /// A type as a file or a person writes it ("County", " independent").
    pub fn parse(text: &str) -> Option<Self> {
        Self::VARIANTS
            .iter()
            .copied()
            .find(|kind| kind.code().eq_ignore_ascii_case(text.trim()))
    }

    /// The value kept in the database.
    pub fn label(self) -> &'static str {
        match self {
            Self::County => "County",
            Self::Independent => "Independent",
        }
    }
}

/// Kentucky's regional educational cooperatives.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
    strum::VariantArray,
    strum::IntoStaticStr,
)]
#[strum(serialize_all = "UPPERCASE")]
pub enum Cooperative {
    Ckec,
    Grrec,
    Kedc,
    Kvec,
    Nkces,
    Ovec,
    Sesc,
    Wkec,
}

impl Cooperative {
    pub fn full_name(self) -> &'static str {
        match self {
            Self::Ckec => "Central Kentucky Educational Cooperative",
            Self::Grrec => "Green River Regional Educational Cooperative",
            Self::Kedc => "Kentucky Educational Development Corporation",
            Self::Kvec => "Kentucky Valley Educational Cooperative",
            Self::Nkces => "Northern Kentucky Cooperative for Educational Services",
            Self::Ovec => "Ohio Valley Educational Cooperative",
            Self::Sesc => "Southeast/South-Central Educational Cooperative",
            Self::Wkec => "West Kentucky Educational Cooperative",
        }
    }

    /// Reads a cooperative code; `Ok(None)` for the ways files say "none"
    /// (blank, `none`, and KDE's `JEFF CO` for Jefferson County).
    pub fn parse_optional(text: &str) -> Result<Option<Self>, String> {
        let text = text.trim();
        if text.is_empty()
            || text.eq_ignore_ascii_case("none")
            || text.eq_ignore_ascii_case("JEFF CO")
        {
            return Ok(None);
        }
        Self::VARIANTS
            .iter()
            .copied()
            .find(|coop| coop.code().eq_ignore_ascii_case(text))
            .map(Some)
            .ok_or_else(|| format!("“{text}” is not a Kentucky cooperative"))
    }
}

impl fmt::Display for Cooperative {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A district's own fields, checked: what the database holds.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DistrictFields {
    pub name: String,
    pub kde_number: String,
    pub nces_id: Option<String>,
    pub county: String,
    pub kind: DistrictKind,
    pub cooperative: Option<Cooperative>,
    pub email_domain: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct District {
    pub id: DistrictId,
    pub fields: DistrictFields,
    pub archived: bool,
}

/// What identifies a district besides its id: the three values that must be
/// unique. Forms check a draft against these before the database does.
#[derive(Clone, Copy, Debug)]
pub struct DistrictKeys<'a> {
    pub id: DistrictId,
    pub name: &'a str,
    pub kde_number: &'a str,
    pub nces_id: Option<&'a str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DistrictField {
    Name,
    KdeNumber,
    NcesId,
    County,
    Kind,
    Cooperative,
    EmailDomain,
    Notes,
}

impl validate::FieldLabel for DistrictField {
    fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::KdeNumber => "KDE number",
            Self::NcesId => "NCES LEA ID",
            Self::County => "County",
            Self::Kind => "Type",
            Self::Cooperative => "Cooperative",
            Self::EmailDomain => "Email domain",
            Self::Notes => "Notes",
        }
    }
}

/// A district form as typed: every value a string until it is checked.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct DistrictDraft {
    pub name: String,
    pub kde_number: String,
    pub nces_id: String,
    pub county: String,
    pub kind: DistrictKind,
    pub cooperative: Option<Cooperative>,
    pub email_domain: String,
    pub notes: String,
}

impl From<&DistrictFields> for DistrictDraft {
    fn from(fields: &DistrictFields) -> Self {
        Self {
            name: fields.name.clone(),
            kde_number: fields.kde_number.clone(),
            nces_id: fields.nces_id.clone().unwrap_or_default(),
            county: fields.county.clone(),
            kind: fields.kind,
            cooperative: fields.cooperative,
            email_domain: fields.email_domain.clone(),
            notes: fields.notes.clone(),
        }
    }
}

/// A name as it is kept: no space around it, and one space wherever
/// several (or a tab, a no-break space) were typed.
pub fn tidy_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key a district's name is unique by, one rule for the form, the
/// import and the database's unique index: case, runs of spaces, spaces
/// around it and typographic apostrophes do not count ("Adair  county" and
/// "adair County" are one name, as are "Saint Mary’s" and "Saint Mary's").
pub fn name_key(name: &str) -> String {
    tidy_name(name)
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => {
                '\''
            }
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

impl DistrictDraft {
    /// Checks every field; `others` are the districts already kept (the one
    /// being edited, `editing`, is skipped when checking uniqueness).
    pub fn validate<'a>(
        &self,
        editing: Option<DistrictId>,
        others: impl IntoIterator<Item = DistrictKeys<'a>>,
    ) -> Result<DistrictFields, FieldErrors<DistrictField>> {
        use DistrictField as F;
        let mut errors = FieldErrors::default();
        let name = errors
            .check(F::Name, validate::required(&self.name, "Name"))
            .map(|name| tidy_name(&name));
        let kde_number = errors.check(F::KdeNumber, validate::digits(&self.kde_number, 3, "005"));
        let nces_id = errors.check(F::NcesId, nces_id(&self.nces_id));
        let email_domain = errors.check(F::EmailDomain, validate::email_domain(&self.email_domain));

        errors.limit(F::Name, self.name.trim(), limits::NAME);
        errors.limit(F::County, self.county.trim(), limits::PLACE);
        errors.limit(F::Notes, self.notes.trim(), limits::NOTES);

        let key = name_key(&self.name);
        for other in others.into_iter().filter(|other| Some(other.id) != editing) {
            if !key.is_empty() && name_key(other.name) == key {
                errors.add(F::Name, format!("“{}” already exists", other.name));
            }
            if kde_number.as_deref() == Some(other.kde_number) {
                errors.add(
                    F::KdeNumber,
                    format!("{} already has this number", other.name),
                );
            }
            if let (Some(Some(mine)), Some(theirs)) = (&nces_id, other.nces_id)
                && mine == theirs
            {
                errors.add(F::NcesId, format!("{} already has this ID", other.name));
            }
        }

        match (name, kde_number, nces_id, email_domain) {
            (Some(name), Some(kde_number), Some(nces_id), Some(email_domain))
                if errors.is_empty() =>
            {
                Ok(DistrictFields {
                    name,
                    kde_number,
                    nces_id,
                    county: self.county.trim().to_owned(),
                    kind: self.kind,
                    cooperative: self.cooperative,
                    email_domain,
                    notes: self.notes.trim().to_owned(),
                })
            }
            _ => Err(errors),
        }
    }
}

/// NCES LEA IDs of Kentucky districts are 7 digits starting with 21 (the
/// state's FIPS code). Optional.
fn nces_id(text: &str) -> Result<Option<String>, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Ok(None);
    }
    let digits = validate::digits(trimmed, 7, "2100070")?;
    if digits.starts_with("21") {
        Ok(Some(digits))
    } else {
        Err("Kentucky NCES IDs start with 21, e.g. 2100070".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn allen() -> DistrictDraft {
        DistrictDraft {
            name: " Allen County ".into(),
            kde_number: "005".into(),
            nces_id: "2100070".into(),
            county: "Allen".into(),
            kind: DistrictKind::County,
            cooperative: Some(Cooperative::Grrec),
            email_domain: "Allen.KySchools.us".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_good_draft_is_trimmed_and_normalised() {
        let fields = allen().validate(None, []).unwrap();
        assert_eq!(fields.name, "Allen County");
        assert_eq!(fields.nces_id.as_deref(), Some("2100070"));
        assert_eq!(fields.email_domain, "allen.kyschools.us");
    }

    #[test]
    fn one_name_whatever_its_case_spaces_and_apostrophes() {
        for same in ["adair  county", " ADAIR\tCounty ", "Adair\u{a0}County"] {
            assert_eq!(name_key(same), name_key("Adair County"), "{same:?}");
        }
        assert_eq!(name_key("Saint Mary’s"), name_key("saint mary's"));
        assert_ne!(name_key("Adair County"), name_key("Adair Count"));
        assert_eq!(tidy_name("  Adair   County "), "Adair County");

        let adair = DistrictKeys {
            id: DistrictId(1),
            name: "Adair County",
            kde_number: "001",
            nces_id: None,
        };
        let draft = DistrictDraft {
            name: "adair  county".into(),
            ..allen()
        };
        let errors = draft.validate(None, [adair]).unwrap_err();
        assert_eq!(
            errors.get(DistrictField::Name),
            Some("“Adair County” already exists")
        );
    }

    #[test]
    fn each_bad_field_has_its_message() {
        let draft = DistrictDraft {
            name: "  ".into(),
            kde_number: "5".into(),
            nces_id: "1800070".into(),
            email_domain: "allen".into(),
            ..allen()
        };
        let errors = draft.validate(None, []).unwrap_err();
        assert_eq!(errors.len(), 4);
        assert_eq!(errors.get(DistrictField::Name), Some("Name is required"));
        assert!(
            errors
                .get(DistrictField::KdeNumber)
                .unwrap()
                .contains("3 digits")
        );
        assert!(
            errors
                .get(DistrictField::NcesId)
                .unwrap()
                .contains("start with 21")
        );
        assert!(errors.get(DistrictField::EmailDomain).is_some());
    }

    #[test]
    fn uniqueness_ignores_case_spaces_and_the_district_itself() {
        let existing = DistrictKeys {
            id: DistrictId(1),
            name: "Allen County",
            kde_number: "005",
            nces_id: Some("2100070"),
        };
        let draft = DistrictDraft {
            name: "  allen COUNTY".into(),
            ..allen()
        };
        let errors = draft.validate(None, [existing]).unwrap_err();
        assert!(
            errors
                .get(DistrictField::Name)
                .unwrap()
                .contains("already exists")
        );
        assert!(errors.get(DistrictField::KdeNumber).is_some());
        assert!(errors.get(DistrictField::NcesId).is_some());
        assert!(draft.validate(Some(DistrictId(1)), [existing]).is_ok());
    }

    #[test]
    fn cooperative_codes_parse_with_the_files_ways_of_saying_none() {
        assert_eq!(
            Cooperative::parse_optional("grrec"),
            Ok(Some(Cooperative::Grrec))
        );
        assert_eq!(Cooperative::parse_optional("JEFF CO"), Ok(None));
        assert_eq!(Cooperative::parse_optional(""), Ok(None));
        assert!(Cooperative::parse_optional("XYZ").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_draft_validates_or_explains(name in "\\PC*", kde in "\\PC*", nces in "\\PC*", domain in "\\PC*") {
            let draft = DistrictDraft { name, kde_number: kde, nces_id: nces, email_domain: domain, ..allen() };
            match draft.validate(None, []) {
                Ok(fields) => proptest::prop_assert!(!fields.name.is_empty()),
                Err(errors) => proptest::prop_assert!(!errors.is_empty()),
            }
        }
    }
}

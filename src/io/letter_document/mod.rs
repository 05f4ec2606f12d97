//! The Letter of Commitment as a Word document: the template the app
//! writes each district's letter from (its own, kept in `assets/`, or one
//! the user chose), the placeholders it fills, and the tagged fields
//! (content controls) the district fills in and the app reads back.

use std::collections::BTreeSet;

use strum::VariantArray as _;

use super::docx::{self, DocxError, Package};
use crate::domain::{ActionArea, BigIdea, SchoolYear};

mod found;
mod headings;
mod read;

pub use found::{LetterFound, ReadHow};
pub use read::{ReadLetterError, read_letter};

/// The custom properties a written letter carries: which district and
/// year it is for, whatever the district types into it.
pub const KDE_NUMBER_PROPERTY: &str = "ILN district KDE number";
pub const DISTRICT_PROPERTY: &str = "ILN district";
pub const YEAR_PROPERTY: &str = "ILN school year";

/// The placeholders a template may use, with what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 12] = [
    ("district", "the district's name"),
    ("kde number", "the district's KDE number"),
    ("year", "the school year, as 2027-2028"),
    ("last year", "the year before, as 2026-2027"),
    ("superintendent", "the superintendent's name"),
    ("superintendent email", "the superintendent's email"),
    (
        "superintendent and email",
        "the superintendent's name and email, as “Pat Doe, pat@district.kyschools.us”",
    ),
    (
        "points of contact",
        "each point of contact on a line: name, title, email",
    ),
    ("last year's goal", "last year's learning goal"),
    ("last year's plans", "last year's plans of action"),
    (
        "date",
        "the day the letter is written, as November 27, 2026",
    ),
    ("kde designee", "the KDE signatory of last year's letter"),
];

/// The placeholders a letter cannot do without: a letter that does not
/// name its district and year cannot be told apart when it comes back.
pub const ESSENTIAL: [&str; 2] = ["district", "year"];

/// A field the district fills: its tag in the document and its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LetterTag {
    Superintendent,
    Contacts,
    Reflections,
    Plans,
    LearningGoal,
    Idea(BigIdea),
    Area(ActionArea),
    DistrictSignatory,
    DistrictSignedOn,
    KdeSignatory,
    KdeSignedOn,
}

impl LetterTag {
    /// Every tag, in the letter's order.
    pub fn all() -> Vec<Self> {
        let mut all = vec![
            Self::Superintendent,
            Self::Contacts,
            Self::Reflections,
            Self::Plans,
            Self::LearningGoal,
        ];
        all.extend(BigIdea::VARIANTS.iter().map(|i| Self::Idea(*i)));
        all.extend(ActionArea::VARIANTS.iter().map(|a| Self::Area(*a)));
        all.extend([
            Self::DistrictSignatory,
            Self::DistrictSignedOn,
            Self::KdeSignatory,
            Self::KdeSignedOn,
        ]);
        all
    }

    /// The content control's tag: `iln.reflections`, `iln.idea.vibrant_learning`.
    pub fn tag(self) -> String {
        let idea = |i: BigIdea| match i {
            BigIdea::VibrantLearning => "vibrant_learning",
            BigIdea::AssessmentInnovation => "assessment_innovation",
            BigIdea::CommunityCollaboration => "community_collaboration",
        };
        let area = |a: ActionArea| match a {
            ActionArea::PortraitOfALearner => "portrait_of_a_learner",
            ActionArea::LocalAssessment => "local_assessment",
            ActionArea::FundingPersonalization => "funding_personalization",
            ActionArea::GraduationFlexibility => "graduation_flexibility",
            ActionArea::CredentialingLearning => "credentialing_learning",
            ActionArea::TeacherCertification => "teacher_certification",
        };
        match self {
            Self::Superintendent => "iln.superintendent".to_owned(),
            Self::Contacts => "iln.contacts".to_owned(),
            Self::Reflections => "iln.reflections".to_owned(),
            Self::Plans => "iln.plans".to_owned(),
            Self::LearningGoal => "iln.learning_goal".to_owned(),
            Self::Idea(i) => format!("iln.idea.{}", idea(i)),
            Self::Area(a) => format!("iln.area.{}", area(a)),
            Self::DistrictSignatory => "iln.district_signatory".to_owned(),
            Self::DistrictSignedOn => "iln.district_signed_on".to_owned(),
            Self::KdeSignatory => "iln.kde_signatory".to_owned(),
            Self::KdeSignedOn => "iln.kde_signed_on".to_owned(),
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::all().into_iter().find(|t| t.tag() == tag.trim())
    }

    /// What the form calls it.
    pub fn label(self) -> String {
        match self {
            Self::Superintendent => "Superintendent".to_owned(),
            Self::Contacts => "Points of contact".to_owned(),
            Self::Reflections => "Reflections".to_owned(),
            Self::Plans => "Plans".to_owned(),
            Self::LearningGoal => "Learning goal".to_owned(),
            Self::Idea(i) => format!("Big idea: {}", i.label()),
            Self::Area(a) => format!("Action area: {}", a.label()),
            Self::DistrictSignatory => "District signatory".to_owned(),
            Self::DistrictSignedOn => "District signed on".to_owned(),
            Self::KdeSignatory => "KDE signatory".to_owned(),
            Self::KdeSignedOn => "KDE signed on".to_owned(),
        }
    }
}

/// What goes into one district's letter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LetterValues {
    pub district: String,
    pub kde_number: String,
    pub year: Option<SchoolYear>,
    /// (name, email)
    pub superintendent: Option<(String, String)>,
    /// (name, title, email)
    pub points_of_contact: Vec<(String, String, String)>,
    pub last_goal: String,
    pub last_plans: String,
    pub kde_designee: String,
    /// "November 27, 2026"
    pub date: String,
}

impl LetterValues {
    /// The text for placeholder `name`; `None` for a name it does not know.
    pub fn value(&self, name: &str) -> Option<String> {
        let or = |text: &str, instead: &str| {
            if text.trim().is_empty() {
                instead.to_owned()
            } else {
                text.trim().to_owned()
            }
        };
        let (superintendent, email) = self.superintendent.clone().unwrap_or_default();
        let year = self.year.map(|y| y.to_string()).unwrap_or_default();
        let last_year = self
            .year
            .map(|y| y.previous().to_string())
            .unwrap_or_default();
        Some(match name.to_lowercase().as_str() {
            "district" => self.district.clone(),
            "kde number" => self.kde_number.clone(),
            "year" => year,
            "last year" => last_year,
            "superintendent" => superintendent,
            "superintendent email" => email,
            "superintendent and email" => [superintendent, email]
                .into_iter()
                .filter(|part| !part.trim().is_empty())
                .collect::<Vec<_>>()
                .join(", "),
            "points of contact" => self
                .points_of_contact
                .iter()
                .map(|(name, title, email)| {
                    [name, title, email]
                        .into_iter()
                        .filter(|part| !part.trim().is_empty())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .collect::<Vec<_>>()
                // One line: LibreOffice shows no break inside a field.
                .join("; "),
            "last year's goal" => or(&self.last_goal, "none on file"),
            "last year's plans" => or(&self.last_plans, "none on file"),
            "kde designee" => self.kde_designee.clone(),
            "date" => self.date.clone(),
            _ => return None,
        })
    }
}

/// A letter template: the app's own or a `.docx` the user chose.
#[derive(Clone, Debug)]
pub struct LetterTemplate {
    /// "the app's letter" or the file's name.
    pub name: String,
    package: Package,
    /// The known placeholders it has.
    pub placeholders: BTreeSet<String>,
    /// `{…}` it has that the app does not know (a typo, most often).
    pub unknown: BTreeSet<String>,
    /// The district's fields it has, by tag.
    pub fields: BTreeSet<LetterTag>,
}

const STANDARD_NAME: &str = "the app's Letter of Commitment";

/// The app's own template, kept in `assets/letter_template/` as its parts
/// (so a change of wording reads as a change of text).
const STANDARD_PARTS: [(&str, &[u8]); 9] = [
    (
        "[Content_Types].xml",
        include_bytes!("../../../assets/letter_template/[Content_Types].xml"),
    ),
    (
        "_rels/.rels",
        include_bytes!("../../../assets/letter_template/_rels/.rels"),
    ),
    (
        "docProps/app.xml",
        include_bytes!("../../../assets/letter_template/docProps/app.xml"),
    ),
    (
        "docProps/core.xml",
        include_bytes!("../../../assets/letter_template/docProps/core.xml"),
    ),
    (
        "word/document.xml",
        include_bytes!("../../../assets/letter_template/word/document.xml"),
    ),
    (
        "word/_rels/document.xml.rels",
        include_bytes!("../../../assets/letter_template/word/_rels/document.xml.rels"),
    ),
    (
        "word/styles.xml",
        include_bytes!("../../../assets/letter_template/word/styles.xml"),
    ),
    (
        "word/settings.xml",
        include_bytes!("../../../assets/letter_template/word/settings.xml"),
    ),
    (
        "word/numbering.xml",
        include_bytes!("../../../assets/letter_template/word/numbering.xml"),
    ),
];

impl LetterTemplate {
    /// The app's Letter of Commitment.
    /// Read from its parts once per run, then copied.
    pub fn standard() -> Self {
        static STANDARD: std::sync::OnceLock<LetterTemplate> = std::sync::OnceLock::new();
        STANDARD
            .get_or_init(|| {
                let package = Package::from_parts(
                    STANDARD_PARTS
                        .iter()
                        .map(|(name, data)| ((*name).to_owned(), data.to_vec())),
                );
                // The asset is the app's own and tested: it always reads.
                Self::of(package, STANDARD_NAME.to_owned())
                    .unwrap_or_else(|_| unreachable!("the bundled letter template is valid"))
            })
            .clone()
    }

    /// Whether this is the app's own letter (not one the user chose).
    pub fn is_standard(&self) -> bool {
        self.name == STANDARD_NAME
    }

    /// A `.docx` template the user chose.
    pub fn read(bytes: &[u8], name: &str) -> Result<Self, DocxError> {
        Self::of(Package::read(bytes)?, name.to_owned())
    }

    fn of(package: Package, name: String) -> Result<Self, DocxError> {
        // Word never writes a DOCTYPE; one (with entities that expand a
        // billion times) would go into every letter written from it.
        if let Some(part) = package.parts_declaring_a_doctype().into_iter().next() {
            return Err(DocxError::BadXml {
                part,
                reason: "it declares a DOCTYPE, which Word never writes".to_owned(),
            });
        }
        let xml = package.document_xml()?;
        let mut names = BTreeSet::new();
        for part in package.text_parts() {
            if let Some(text) = package.text_part(&part)? {
                names.extend(docx::placeholders_in(text)?);
            }
        }
        let known: BTreeSet<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
        let (placeholders, unknown) = names
            .into_iter()
            .partition(|n| known.contains(n.to_lowercase().as_str()));
        let fields = docx::controls_of(xml)?
            .iter()
            .filter_map(|c| LetterTag::from_tag(&c.tag))
            .collect();
        Ok(Self {
            name,
            package,
            placeholders,
            unknown,
            fields,
        })
    }

    /// The template as a `.docx` file to edit in Word (its placeholders
    /// and fields as they are).
    pub fn to_docx(&self) -> Result<Vec<u8>, DocxError> {
        self.package.write()
    }

    /// What a user choosing this template should know: placeholders and
    /// fields found, and what is missing.
    pub fn report(&self) -> TemplateReport {
        let lower: BTreeSet<String> = self.placeholders.iter().map(|p| p.to_lowercase()).collect();
        TemplateReport {
            found: self.placeholders.iter().cloned().collect(),
            missing_essential: ESSENTIAL
                .iter()
                .filter(|p| !lower.contains(**p))
                .map(|p| (*p).to_owned())
                .collect(),
            unknown: self.unknown.iter().cloned().collect(),
            fields: self.fields.len(),
            missing_fields: LetterTag::all()
                .into_iter()
                .filter(|t| !self.fields.contains(t))
                .collect(),
        }
    }

    /// One district's letter: placeholders filled, and the district and
    /// year kept as the document's custom properties.
    pub fn write_letter(&self, values: &LetterValues) -> Result<Vec<u8>, DocxError> {
        let mut package = self.package.clone();
        for part in self.package.text_parts() {
            if let Some(xml) = self.package.text_part(&part)? {
                let filled = docx::fill_placeholders(xml, &|name| values.value(name))?;
                package.set_part(&part, filled.xml.into_bytes());
            }
        }
        let year = values.year.map(|y| y.to_string()).unwrap_or_default();
        let package = docx::with_custom_properties(
            package,
            &[
                (DISTRICT_PROPERTY, &values.district),
                (KDE_NUMBER_PROPERTY, &values.kde_number),
                (YEAR_PROPERTY, &year),
            ],
        )?;
        package.write()
    }
}

/// A template's placeholders and fields, for the user choosing it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateReport {
    pub found: Vec<String>,
    pub missing_essential: Vec<String>,
    pub unknown: Vec<String>,
    pub fields: usize,
    pub missing_fields: Vec<LetterTag>,
}

impl TemplateReport {
    /// The report in sentences, the most important first.
    pub fn lines(&self) -> Vec<String> {
        let braces = |names: &[String]| {
            names
                .iter()
                .map(|n| format!("{{{n}}}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut lines = Vec::new();
        if !self.missing_essential.is_empty() {
            lines.push(format!(
                "⚠ Missing {}: the letters will not say which district and year they are for \
                 (the app still records it inside each file).",
                braces(&self.missing_essential)
            ));
        }
        if !self.unknown.is_empty() {
            lines.push(format!(
                "⚠ Not known, left as written: {} (placeholders are {}).",
                braces(&self.unknown),
                braces(
                    &PLACEHOLDERS
                        .iter()
                        .map(|(n, _)| (*n).to_owned())
                        .collect::<Vec<_>>()
                )
            ));
        }
        lines.push(if self.found.is_empty() {
            "No placeholders found.".to_owned()
        } else {
            format!("Placeholders found: {}.", braces(&self.found))
        });
        let all = LetterTag::all().len();
        lines.push(match self.missing_fields.len() {
            0 => format!("All {all} fields the district fills are there."),
            n if n == all => "No fields for the district to fill: returned letters will be read \
                 by their headings, best effort."
                .to_owned(),
            _ => format!(
                "{} of {all} fields the district fills; missing: {}.",
                self.fields,
                self.missing_fields
                    .iter()
                    .map(|t| t.label())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        lines
    }
}

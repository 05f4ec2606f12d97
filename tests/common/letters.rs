//! Letters of Commitment as districts return them: the app's letter for a
//! district, filled as Word fills it when a person types into its fields.

use iln_roster::domain::{ActionArea, BigIdea, SchoolYear};
use iln_roster::io::docx::{self, Package};
use iln_roster::io::letter_document::{LetterTag, LetterValues};

/// Adair County's letter for 2027-2028.
pub fn adair() -> LetterValues {
    adair_in(SchoolYear::starting(2027).unwrap())
}

pub fn adair_in(year: SchoolYear) -> LetterValues {
    LetterValues {
        district: "Adair County".into(),
        kde_number: "001".into(),
        year: Some(year),
        superintendent: Some(("Pat Doe".into(), "pat.doe@adair.kyschools.us".into())),
        points_of_contact: vec![
            (
                "Lee Smith".into(),
                "Chief Academic Officer".into(),
                "lee.smith@adair.kyschools.us".into(),
            ),
            (
                "Kim O’Neal".into(),
                "".into(),
                "kim@adair.kyschools.us".into(),
            ),
        ],
        last_goal: "Every graduate leaves with a defended portfolio.".into(),
        last_plans: "Pilot portfolios in two schools.".into(),
        kde_designee: "Rob Collins".into(),
        date: "November 27, 2026".into(),
    }
}

/// What a district types into its letter.
pub struct Answers;

impl Answers {
    pub const REFLECTIONS: &str =
        "We rebuilt our schedule around advisory & projects.\nTwo schools piloted portfolios.";
    pub const PLANS: &str = "Extend portfolio defenses to every high school.";
    pub const GOAL: &str = "How might we assess durable skills credibly?";
}

/// Fills the document's tagged fields as Word does when a person types
/// into them: the prompt goes, the text comes, boxes are ticked, a picked
/// date is stored with its day.
pub fn fill_as_word(letter: &[u8]) -> Vec<u8> {
    let mut package = Package::read(letter).unwrap();
    let mut xml = package.document_xml().unwrap().to_owned();
    let text = |t: &str| {
        t.split('\n')
            .map(|line| {
                format!(
                    "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
                    escape(line)
                )
            })
            .collect::<Vec<_>>()
            .join("<w:r><w:br/></w:r>")
    };
    for (tag, value) in [
        (
            LetterTag::Superintendent,
            "Pat Doe, pat.doe@adair.kyschools.us",
        ),
        (
            LetterTag::Contacts,
            "Lee Smith, Chief Academic Officer, lee.smith@adair.kyschools.us\nDana Ruiz, Innovation Coach, dana.ruiz@adair.kyschools.us",
        ),
        (LetterTag::Reflections, Answers::REFLECTIONS),
        (LetterTag::Plans, Answers::PLANS),
        (LetterTag::LearningGoal, Answers::GOAL),
        (LetterTag::DistrictSignatory, "Pat Doe"),
    ] {
        set_content(&mut xml, &tag.tag(), &text(value));
    }
    set_content(
        &mut xml,
        &LetterTag::DistrictSignedOn.tag(),
        &text("5/3/2027"),
    );
    xml = xml.replacen(
        "<w:date>",
        "<w:date w:fullDate=\"2027-05-03T00:00:00Z\">",
        1,
    );
    for tag in [
        LetterTag::Idea(BigIdea::VibrantLearning),
        LetterTag::Area(ActionArea::PortraitOfALearner),
        LetterTag::Area(ActionArea::LocalAssessment),
    ] {
        tick(&mut xml, &tag.tag());
    }
    package.set_part(docx::DOCUMENT_PART, xml.into_bytes());
    package.write().unwrap()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// The control tagged `tag`: where its properties and content are.
fn control(xml: &str, tag: &str) -> (usize, usize, usize) {
    let at = xml
        .find(&format!("<w:tag w:val=\"{tag}\"/>"))
        .unwrap_or_else(|| panic!("no field {tag}"));
    let properties = xml[..at].rfind("<w:sdtPr>").unwrap();
    let open = at + xml[at..].find("<w:sdtContent>").unwrap() + "<w:sdtContent>".len();
    let close = open + xml[open..].find("</w:sdtContent>").unwrap();
    (properties, open, close)
}

fn set_content(xml: &mut String, tag: &str, runs: &str) {
    let (properties, open, close) = control(xml, tag);
    let block = xml[open..close].trim_start().starts_with("<w:p");
    let content = if block {
        format!("<w:p>{runs}</w:p>")
    } else {
        runs.to_owned()
    };
    xml.replace_range(open..close, &content);
    // Typing ends the prompt.
    let prompt = xml[properties..open].find("<w:showingPlcHdr/>");
    if let Some(prompt) = prompt {
        let at = properties + prompt;
        xml.replace_range(at..at + "<w:showingPlcHdr/>".len(), "");
    }
}

fn tick(xml: &mut String, tag: &str) {
    let (properties, open, close) = control(xml, tag);
    let checked = properties + xml[properties..open].find("w14:val=\"0\"").unwrap();
    xml.replace_range(checked..checked + "w14:val=\"0\"".len(), "w14:val=\"1\"");
    let (_, open, close2) = control(xml, tag);
    let _ = close;
    let content = xml[open..close2].replace('☐', "☒");
    xml.replace_range(open..close2, &content);
}

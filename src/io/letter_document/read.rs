//! A returned letter read back: from its tagged fields when it is a Word
//! document the app wrote (or one made from its template), otherwise from
//! its text by the letter's headings (a PDF saved from it, or a letter
//! whose fields a word processor turned into plain text), best effort.

use std::collections::BTreeSet;

use super::found::{LetterFound, ReadHow, answer, people_in, person};
use super::headings::by_headings;
use super::{DISTRICT_PROPERTY, KDE_NUMBER_PROPERTY, LetterTag, YEAR_PROPERTY};
use crate::domain::SchoolYear;
use crate::io::docx::{self, ControlValue, DocxError, Package};
use crate::io::pdf_text::{PdfError, pdf_text};

#[derive(Debug, thiserror::Error)]
pub enum ReadLetterError {
    #[error("The file is empty.")]
    Empty,
    #[error("The Word document could not be read: {0}.")]
    Word(#[from] DocxError),
    #[error("The PDF could not be read: {0}.")]
    Pdf(#[from] PdfError),
    #[error("It is neither a Word document (.docx) nor a PDF: only those can be read.")]
    Unknown,
    #[error(
        "It does not look like a Letter of Commitment: none of the letter's fields or headings \
         were found in it."
    )]
    NotALetter,
}

/// Reads a returned letter (`file_name` tells Word from PDF when the
/// bytes do not).
pub fn read_letter(bytes: &[u8], file_name: &str) -> Result<LetterFound, ReadLetterError> {
    if bytes.is_empty() {
        return Err(ReadLetterError::Empty);
    }
    let lower = file_name.to_lowercase();
    let found = if bytes.starts_with(b"%PDF") {
        let text = pdf_text(bytes)?;
        let mut found = by_headings(&text);
        found.kind = "PDF";
        found
    } else if bytes.starts_with(b"PK") || lower.ends_with(".docx") {
        read_word(bytes)?
    } else if lower.ends_with(".pdf") {
        return Err(PdfError::NotAPdf.into());
    } else {
        return Err(ReadLetterError::Unknown);
    };
    if !found.has_answers() && found.how != Some(ReadHow::Fields) {
        return Err(ReadLetterError::NotALetter);
    }
    Ok(found)
}

fn read_word(bytes: &[u8]) -> Result<LetterFound, ReadLetterError> {
    let package = Package::read(bytes)?;
    let xml = package.document_xml()?;
    let controls = docx::controls_of(xml)?;
    // A word processor may drop a field's tag and keep its label: the
    // app's own labels say which field it is.
    let labels = standard_labels();
    let (mut tagged, untagged): (Vec<_>, Vec<_>) = controls
        .into_iter()
        .map(|c| {
            let tag = LetterTag::from_tag(&c.tag).or_else(|| {
                labels
                    .iter()
                    .find(|(alias, _)| !alias.is_empty() && *alias == c.alias)
                    .map(|(_, tag)| *tag)
            });
            (tag, c.value)
        })
        .partition(|(tag, _)| tag.is_some());
    let mut tagged: Vec<(LetterTag, ControlValue)> = tagged
        .drain(..)
        .filter_map(|(tag, value)| tag.map(|t| (t, value)))
        .collect();
    tagged.extend(by_place(
        &tagged,
        untagged.into_iter().map(|(_, v)| v).collect(),
    ));
    let text = docx::text_of(xml)?;
    // A letter whose text fields lost their tags (a word processor that
    // turns them into form fields) keeps its text: read that by the
    // headings, and take what the tags still say over it.
    let mut found = by_headings(&text);
    let by_text = found.clone();
    found.how = match (tagged.is_empty(), found.how) {
        (false, _) => Some(ReadHow::Fields),
        (true, how) => how,
    };
    found.kind = "Word document";
    // The boxes the fields hold are the choices: none ticked, none chosen.
    let boxes = |area: bool| {
        tagged.iter().any(|(t, v)| {
            matches!(v, ControlValue::Checkbox(_))
                && matches!(
                    (t, area),
                    (LetterTag::Idea(_), false) | (LetterTag::Area(_), true)
                )
        })
    };
    if boxes(false) {
        found.big_ideas = Some(BTreeSet::new());
    }
    if boxes(true) {
        found.action_areas = Some(BTreeSet::new());
    }
    let mut seen = std::collections::HashSet::new();
    for (tag, value) in tagged {
        let again = !seen.insert(tag);
        apply_field(&mut found, tag, value, again);
    }
    // A word processor that turns a field into a one-paragraph form field
    // leaves its other paragraphs after it: the text under the heading
    // then says more, beginning with what the field kept.
    for (field, text) in [
        (&mut found.reflections, &by_text.reflections),
        (&mut found.plans, &by_text.plans),
        (&mut found.learning_goal, &by_text.learning_goal),
    ] {
        if let (Some(kept), Some(whole)) = (field.as_ref(), text)
            && whole.len() > kept.len()
            && squeezed(whole).starts_with(&squeezed(kept))
        {
            *field = Some(whole.clone());
        }
    }
    // Damaged properties say nothing: the letter itself is still read.
    for (name, value) in docx::custom_properties(&package).unwrap_or_default() {
        let value = value.trim().to_owned();
        if value.is_empty() {
            continue;
        }
        match name.as_str() {
            DISTRICT_PROPERTY => found.recorded_district = Some(value),
            KDE_NUMBER_PROPERTY => found.kde_number = Some(value),
            YEAR_PROPERTY => {
                if let Ok(year) = SchoolYear::read_as_written(&value) {
                    found.year = Some(year);
                }
            }
            _ => {}
        }
    }
    Ok(found)
}

/// Fields that lost both tag and label (LibreOffice keeps neither on a
/// checkbox or a date) known by their place: the letter's nine boxes are
/// its three big ideas then its six action areas; its two dates are the
/// district's then KDE's. Only when the count is exactly that.
fn by_place(
    tagged: &[(LetterTag, ControlValue)],
    untagged: Vec<ControlValue>,
) -> Vec<(LetterTag, ControlValue)> {
    let boxes: Vec<LetterTag> = LetterTag::all()
        .into_iter()
        .filter(|t| matches!(t, LetterTag::Idea(_) | LetterTag::Area(_)))
        .collect();
    let dates = [LetterTag::DistrictSignedOn, LetterTag::KdeSignedOn];
    // Only a field of the same kind counts (a label kept on the text
    // beside a box is not the box).
    let has = |tags: &[LetterTag]| {
        tagged.iter().any(|(t, v)| {
            tags.contains(t) && matches!(v, ControlValue::Checkbox(_) | ControlValue::Date { .. })
        })
    };
    let checkboxes: Vec<ControlValue> = untagged
        .iter()
        .filter(|v| matches!(v, ControlValue::Checkbox(_)))
        .cloned()
        .collect();
    let picked: Vec<ControlValue> = untagged
        .into_iter()
        .filter(|v| matches!(v, ControlValue::Date { .. }))
        .collect();
    let mut placed = Vec::new();
    if checkboxes.len() == boxes.len() && !has(&boxes) {
        placed.extend(boxes.into_iter().zip(checkboxes));
    }
    if picked.len() == dates.len() && !has(&dates) {
        placed.extend(dates.into_iter().zip(picked));
    }
    placed
}

/// A paragraph break lost on the way ("projects.Two schools"): a full
/// stop between a lower-case letter and an upper-case one starts a line.
fn lost_breaks(text: String) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        if *c == '.'
            && i > 0
            && chars[i - 1].is_lowercase()
            && chars.get(i + 1).is_some_and(|n| n.is_uppercase())
        {
            out.push('\n');
        }
    }
    out
}

/// The labels (aliases) of the app's template's fields.
fn standard_labels() -> Vec<(String, LetterTag)> {
    let template = super::LetterTemplate::standard();
    let Ok(xml) = template.package.document_xml() else {
        return Vec::new();
    };
    docx::controls_of(xml)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|c| LetterTag::from_tag(&c.tag).map(|tag| (c.alias, tag)))
        .collect()
}

/// A date as Word's long format writes it, without its weekday:
/// "Friday, November 20, 2026" is "November 20, 2026".
fn without_weekday(text: String) -> String {
    const DAYS: [&str; 7] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ];
    let first = text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .trim_end_matches(',')
        .to_lowercase();
    let is_day = first.len() >= 3
        && DAYS
            .iter()
            .any(|d| d.starts_with(first.trim_end_matches('.')));
    if is_day && first.chars().all(|c| c.is_alphabetic() || c == '.') {
        text.trim_start()
            .split_once(char::is_whitespace)
            .map_or(text.clone(), |(_, rest)| rest.trim().to_owned())
    } else {
        text
    }
}

/// Text without its spacing, to compare what two readings kept.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One field's value into what was found; `again` when the letter has the
/// field twice (a box ticked in either counts; texts are joined).
fn apply_field(found: &mut LetterFound, tag: LetterTag, value: ControlValue, again: bool) {
    match (tag, value) {
        (LetterTag::Idea(idea), ControlValue::Checkbox(checked)) => {
            let ideas = found.big_ideas.get_or_insert_with(BTreeSet::new);
            if checked {
                ideas.insert(idea);
            }
        }
        (LetterTag::Area(area), ControlValue::Checkbox(checked)) => {
            let areas = found.action_areas.get_or_insert_with(BTreeSet::new);
            if checked {
                areas.insert(area);
            }
        }
        (tag, ControlValue::Text(text)) if again => {
            let Some(more) = answer(&text) else {
                return;
            };
            let slot = match tag {
                LetterTag::Reflections => &mut found.reflections,
                LetterTag::Plans => &mut found.plans,
                LetterTag::LearningGoal => &mut found.learning_goal,
                // A second name or date for one field: the first stays.
                _ => return,
            };
            *slot = Some(match slot.take() {
                Some(first) if first != more => format!("{first}\n{more}"),
                _ => more,
            });
        }
        (tag, ControlValue::Date { picked, text }) => {
            let date = picked.or_else(|| answer(&text).map(without_weekday));
            match tag {
                LetterTag::DistrictSignedOn => found.district_signed_on = date,
                LetterTag::KdeSignedOn => found.kde_signed_on = date,
                _ => {}
            }
        }
        (tag, ControlValue::Text(text)) => {
            let text = answer(&text);
            match tag {
                LetterTag::Superintendent => {
                    found.superintendent = text.as_deref().map(person);
                }
                LetterTag::Contacts => {
                    found.points_of_contact = text.as_deref().map(people_in).unwrap_or_default();
                }
                LetterTag::Reflections => found.reflections = text.map(lost_breaks),
                LetterTag::Plans => found.plans = text.map(lost_breaks),
                LetterTag::LearningGoal => found.learning_goal = text.map(lost_breaks),
                LetterTag::DistrictSignatory => found.district_signatory = text,
                LetterTag::KdeSignatory => found.kde_signatory = text,
                LetterTag::DistrictSignedOn => {
                    found.district_signed_on = text.map(without_weekday);
                }
                LetterTag::KdeSignedOn => found.kde_signed_on = text.map(without_weekday),
                LetterTag::Idea(_) | LetterTag::Area(_) => {}
            }
        }
        (_, ControlValue::Checkbox(_)) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_are_read_however_they_are_written() {
        for written in [
            "Xavier Irvin <xavier.irvin@x.kyschools.us>",
            "Xavier Irvin (xavier.irvin@x.kyschools.us)",
            "Xavier Irvin – Chief Academic Officer – xavier.irvin@x.kyschools.us",
            "Xavier Irvin - CAO - xavier.irvin@x.kyschools.us",
            "xavier.irvin@x.kyschools.us, Xavier Irvin",
        ] {
            assert_eq!(
                person(written),
                "Xavier Irvin <xavier.irvin@x.kyschools.us>",
                "{written}"
            );
        }
    }

    #[test]
    fn people_are_read_as_name_and_email() {
        assert_eq!(
            person("Pat Doe, pat@adair.kyschools.us"),
            "Pat Doe <pat@adair.kyschools.us>"
        );
        assert_eq!(
            person("Lee Smith, Chief Academic Officer, lee@adair.kyschools.us"),
            "Lee Smith <lee@adair.kyschools.us>"
        );
        assert_eq!(person("Lee Smith"), "Lee Smith");
    }

    #[test]
    fn a_long_date_loses_its_weekday_and_a_typed_brace_is_kept() {
        assert_eq!(
            without_weekday("Friday, November 20, 2026".to_owned()),
            "November 20, 2026"
        );
        assert_eq!(without_weekday("11/20/2026".to_owned()), "11/20/2026");
        assert_eq!(without_weekday("Mon. 5/3/2027".to_owned()), "5/3/2027");
        assert_eq!(
            answer("We use {braces} in code.\u{1}").as_deref(),
            Some("We use {braces} in code.")
        );
        assert_eq!(answer("{points of contact}"), None);
    }

    #[test]
    fn random_bytes_never_panic() {
        let mut state = 0x9E37_79B9_u32;
        for length in [0, 1, 10, 1000, 50_000] {
            for prefix in [&b""[..], b"PK\x03\x04", b"%PDF-1.4\n"] {
                let mut bytes = prefix.to_vec();
                for _ in 0..length {
                    state ^= state << 13;
                    state ^= state >> 17;
                    state ^= state << 5;
                    bytes.push(state as u8);
                }
                assert!(read_letter(&bytes, "letter.docx").is_err());
                assert!(read_letter(&bytes, "letter.pdf").is_err());
            }
        }
    }
}

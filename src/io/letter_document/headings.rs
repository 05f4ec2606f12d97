//! A returned letter's text read by the letter's headings (a PDF saved
//! from it, or a Word letter whose fields lost their tags): each answer is
//! what stands between its question and the next heading. Best effort.

use std::collections::BTreeSet;

use strum::VariantArray as _;

use super::found::{LetterFound, ReadHow, answer, people_in, person};
use crate::domain::{ActionArea, BigIdea, SchoolYear};

/// The letter's text read by its headings: each answer is what stands
/// between its question and the next heading.
pub(super) fn by_headings(text: &str) -> LetterFound {
    let flat = Flat::new(text);
    let mut found = LetterFound::default();
    let between = |from: &str, to: &[&str]| -> Option<String> {
        let start = flat.find(from, 0)?.1;
        let end = to
            .iter()
            .filter_map(|t| flat.find(t, start).map(|(s, _)| s))
            .min()?;
        answer(&flat.original(start, end))
    };
    found.superintendent = between(
        "Superintendent Name and Email Address:",
        &["Point(s) of Contact Name, Title, and Email Address:"],
    )
    .map(|t| person(&t));
    found.points_of_contact = between(
        "Point(s) of Contact Name, Title, and Email Address:",
        &[
            "V. District Innovation Reflections",
            "District Innovation Reflections and Plans",
        ],
    )
    .map(|t| people_in(&t))
    .unwrap_or_default();
    found.reflections = between(
        "to improve student learning, experiences, and outcomes?",
        &["Plans of Action:"],
    );
    found.plans = between(
        "innovation in assessment and collaboration with communities?",
        &["Learning Goal(s) or Inquiry Question:"],
    );
    found.learning_goal = between(
        "(especially in assessment) and collaboration with communities.",
        &["Which of the Three Big Ideas", "VI. Agreement"],
    );
    let ideas = between(
        "Which of the Three Big Ideas does this work tie to?",
        &["Which action areas", "VI. Agreement"],
    );
    found.big_ideas =
        ideas.map(|text| ticked(&text, BigIdea::VARIANTS.iter().map(|i| (*i, idea_text(*i)))));
    let areas = between(
        "Which action areas of the Kentucky Innovation Guide",
        &["VI. Agreement", "Agreement This Letter"],
    );
    found.action_areas = areas.map(|text| {
        ticked(
            &text,
            ActionArea::VARIANTS.iter().map(|a| (*a, area_text(*a))),
        )
    });
    // The signatures: the district's block, then KDE's.
    if let Some(district_at) = flat.find("superintendent or designee", 0) {
        let kde_at = flat.find("KDE designee", district_at.1);
        let district_end = kde_at.map_or(flat.len(), |k| k.0);
        found.district_signatory =
            flat.value_after("Signature / Name:", district_at.1, district_end, &["Date:"]);
        found.district_signed_on =
            flat.value_after("Date:", district_at.1, district_end, &["KDE designee"]);
        if let Some(kde_at) = kde_at {
            let end = flat
                .find("Return this Letter", kde_at.1)
                .map_or(flat.len(), |r| r.0);
            found.kde_signatory = flat.value_after("Signature / Name:", kde_at.1, end, &["Date:"]);
            found.kde_signed_on = flat.value_after("Date:", kde_at.1, end, &["Return this Letter"]);
        }
    }
    // Which district and year: "District: Adair County" under the title.
    found.district = flat.find("District:", 0).and_then(|(_, start)| {
        let end = flat.find("I. Statement of Purpose", start)?.0;
        answer(&flat.original(start, end))
    });
    found.year = flat.find("Letter of Commitment", 0).and_then(|(_, start)| {
        let text = flat.original(start, (start + 40).min(flat.len()));
        text.split_whitespace()
            .find_map(|word| SchoolYear::read_as_written(word).ok())
    });
    let any = found.has_answers();
    found.how = any.then_some(ReadHow::Headings);
    found
}

fn idea_text(idea: BigIdea) -> &'static str {
    match idea {
        BigIdea::VibrantLearning => "Vibrant learning experiences for every student",
        BigIdea::AssessmentInnovation => "Innovation, especially in assessment",
        BigIdea::CommunityCollaboration => "Collaboration with communities",
    }
}

fn area_text(area: ActionArea) -> &'static str {
    match area {
        ActionArea::PortraitOfALearner => "Creating portraits of a learner",
        ActionArea::LocalAssessment => "Local assessment and accountability innovation",
        ActionArea::FundingPersonalization => {
            "Effectively using funding to support personalization"
        }
        ActionArea::GraduationFlexibility => "Leveraging graduation requirement flexibilities",
        ActionArea::CredentialingLearning => "Organizing and credentialing learning",
        ActionArea::TeacherCertification => {
            "Rethinking teacher certification and professional development"
        }
    }
}

/// The items whose label follows a ticked box (☒ ☑ ✔ ✓ ✗ X).
fn ticked<T: Ord>(text: &str, items: impl Iterator<Item = (T, &'static str)>) -> BTreeSet<T> {
    let flat = Flat::new(text);
    items
        .filter(|(_, label)| {
            flat.find(label, 0).is_some_and(|(start, _)| {
                let before = flat.original(start.saturating_sub(4), start);
                before
                    .chars()
                    .rev()
                    .find(|c| !c.is_whitespace())
                    .is_some_and(|c| matches!(c, '☒' | '☑' | '✔' | '✓' | '✗' | '✘' | 'X' | 'x'))
            })
        })
        .map(|(item, _)| item)
        .collect()
}

/// A text with its whitespace made single spaces and its case folded, to
/// find headings however lines broke, with the way back to the original.
struct Flat {
    /// Lower-case characters, one space for each run of whitespace.
    chars: Vec<char>,
    /// Each flat character's original character (a space for a run).
    original: Vec<char>,
}

impl Flat {
    fn new(text: &str) -> Self {
        let mut chars = Vec::with_capacity(text.len());
        let mut original = Vec::with_capacity(text.len());
        let mut last_space = true;
        for c in text.chars() {
            // PDF text may carry curly quotes where the template has straight.
            let c = match c {
                '’' | '‘' => '\'',
                '“' | '”' => '"',
                c => c,
            };
            if c.is_whitespace() {
                if !last_space {
                    chars.push(' ');
                    original.push(if c == '\n' { '\n' } else { ' ' });
                }
                last_space = true;
            } else {
                chars.extend(c.to_lowercase().take(1));
                original.push(c);
                last_space = false;
            }
        }
        Self { chars, original }
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// Where `needle` (flattened) first stands at or after `from`: its
    /// start and end.
    fn find(&self, needle: &str, from: usize) -> Option<(usize, usize)> {
        let needle = Self::new(needle).chars;
        let needle: Vec<char> = needle.into_iter().filter(|c| *c != ' ').collect();
        if needle.is_empty() {
            return None;
        }
        // Spaces do not count: a PDF may split or join words.
        let mut start = from;
        while start < self.chars.len() {
            let mut at = start;
            let mut matched = 0;
            while at < self.chars.len() && matched < needle.len() {
                if self.chars[at] == ' ' {
                    at += 1;
                    continue;
                }
                if self.chars[at] != needle[matched] {
                    break;
                }
                matched += 1;
                at += 1;
            }
            if matched == needle.len() {
                return Some((start, at));
            }
            start += 1;
            while start < self.chars.len() && self.chars[start] == ' ' {
                start += 1;
            }
        }
        None
    }

    fn original(&self, start: usize, end: usize) -> String {
        self.original[start.min(end)..end.min(self.original.len())]
            .iter()
            .collect::<String>()
            .trim()
            .to_owned()
    }

    /// The text after `label` (between `from` and `to`) up to the first of
    /// `until`, when it is an answer.
    fn value_after(&self, label: &str, from: usize, to: usize, until: &[&str]) -> Option<String> {
        let (_, start) = self.find(label, from).filter(|(s, _)| *s < to)?;
        let end = until
            .iter()
            .filter_map(|u| self.find(u, start).map(|(s, _)| s))
            .filter(|s| *s <= to)
            .min()
            .unwrap_or(to);
        answer(&self.original(start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_found_however_lines_broke() {
        let text = "Reflecting on the previous year ... to improve student\nlearning, experiences, and outcomes?\n\nWe  built a\nportrait.\nPlans of Action: Looking ahead";
        let found = by_headings(text);
        assert_eq!(found.reflections.as_deref(), Some("We built a\nportrait."));
    }

    #[test]
    fn ticked_boxes_are_read_before_their_labels() {
        let text = "☒ Vibrant learning experiences for every student ☐ Innovation, especially in assessment ☑ Collaboration with communities";
        let ideas = ticked(text, BigIdea::VARIANTS.iter().map(|i| (*i, idea_text(*i))));
        assert_eq!(
            ideas,
            [BigIdea::VibrantLearning, BigIdea::CommunityCollaboration].into()
        );
    }
}

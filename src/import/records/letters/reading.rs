//! A letter's cells as member lists write them: a status ("✔ Active",
//! "Lapsed"), who gave notice, and big ideas and action areas as ticks or
//! a list.

use std::collections::BTreeSet;

use strum::VariantArray as _;

use super::super::Col;
use super::super::cells::{RowCells, is_ticked, items};
use crate::domain::{ActionArea, BigIdea, Letter, MembershipStatus, NoticeBy};

/// A status as a member list writes it; `Ok(None)` for "no letter".
pub(super) fn read_status(text: &str) -> Result<Option<MembershipStatus>, String> {
    use MembershipStatus as S;
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    Ok(Some(match lower {
        "invited" | "sent" | "awaiting" | "pending" => S::Invited,
        "received" | "returned" | "in" => S::Received,
        "active" | "signed" | "member" | "countersigned" | "yes" => S::Active,
        "terminated" | "ended" | "withdrew" | "withdrawn" => S::Terminated,
        "lapsed" | "not a member" | "none" | "no" | "-" | "no letter" => return Ok(None),
        _ => {
            return Err(format!(
                "“{}” is not a status: write Invited, Received, Active or Terminated",
                text.trim()
            ));
        }
    }))
}

pub(super) fn read_notice(text: &str) -> Option<NoticeBy> {
    let lower = text.trim().to_lowercase();
    if lower.contains("kde") {
        Some(NoticeBy::Kde)
    } else if lower.contains("district") {
        Some(NoticeBy::District)
    } else {
        None
    }
}

/// Big ideas and action areas, from columns of ticks or a column listing
/// them; left as the roster has them when the file has neither.
pub(super) fn read_ideas(cells: &RowCells<'_>, letter: &mut Letter, problems: &mut Vec<String>) {
    let idea_columns = BigIdea::VARIANTS.iter().any(|i| cells.has(Col::Idea(*i)));
    if idea_columns || cells.has(Col::BigIdeas) {
        let mut ideas = BTreeSet::new();
        for idea in BigIdea::VARIANTS {
            if let Some(text) = cells.get(Col::Idea(*idea)) {
                match is_ticked(text) {
                    Ok(true) => {
                        ideas.insert(*idea);
                    }
                    Ok(false) => {}
                    Err(problem) => {
                        problems.push(format!("{}: {problem}", cells.at(Col::Idea(*idea))))
                    }
                }
            }
        }
        for item in cells.get(Col::BigIdeas).map(items).unwrap_or_default() {
            match find_by_words(&item, BigIdea::VARIANTS, |i| i.label()) {
                Some(idea) => {
                    ideas.insert(idea);
                }
                None => problems.push(format!(
                    "{}: “{item}” is not one of the big ideas",
                    cells.at(Col::BigIdeas)
                )),
            }
        }
        letter.big_ideas = ideas;
    }
    let area_columns = ActionArea::VARIANTS
        .iter()
        .any(|a| cells.has(Col::Area(*a)));
    if area_columns || cells.has(Col::ActionAreas) {
        let mut areas = BTreeSet::new();
        for area in ActionArea::VARIANTS {
            if let Some(text) = cells.get(Col::Area(*area)) {
                match is_ticked(text) {
                    Ok(true) => {
                        areas.insert(*area);
                    }
                    Ok(false) => {}
                    Err(problem) => {
                        problems.push(format!("{}: {problem}", cells.at(Col::Area(*area))))
                    }
                }
            }
        }
        for item in cells.get(Col::ActionAreas).map(items).unwrap_or_default() {
            match find_by_words(&item, ActionArea::VARIANTS, |a| a.label()) {
                Some(area) => {
                    areas.insert(area);
                }
                None => problems.push(format!(
                    "{}: “{item}” is not one of the action areas",
                    cells.at(Col::ActionAreas)
                )),
            }
        }
        letter.action_areas = areas;
    }
}

/// The one choice whose label holds every word of `item` people keep
/// ("Portrait", "local assessment", "Graduation flexibility").
fn find_by_words<T: Copy>(
    item: &str,
    choices: &[T],
    label: impl Fn(T) -> &'static str,
) -> Option<T> {
    let words: Vec<String> = item
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && !["and", "for", "the", "every", "especially"].contains(w))
        .map(str::to_owned)
        .collect();
    if words.is_empty() {
        return None;
    }
    let matching: Vec<T> = choices
        .iter()
        .copied()
        .filter(|choice| {
            let label = label(*choice).to_lowercase();
            // "community" meets "communities": words are compared by their stems.
            words
                .iter()
                .all(|w| label.contains(&w.chars().take(6).collect::<String>()))
        })
        .collect();
    (matching.len() == 1).then(|| matching[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_ideas_as_lists_write_them() {
        assert_eq!(
            read_status("Active").unwrap(),
            Some(MembershipStatus::Active)
        );
        assert_eq!(
            read_status("✔ Active").unwrap(),
            Some(MembershipStatus::Active)
        );
        assert_eq!(read_status("Lapsed").unwrap(), None);
        assert!(read_status("maybe").is_err());
        assert_eq!(
            find_by_words("Portrait", ActionArea::VARIANTS, |a| a.label()),
            Some(ActionArea::PortraitOfALearner)
        );
        assert_eq!(
            find_by_words("Local assessment", ActionArea::VARIANTS, |a| a.label()),
            Some(ActionArea::LocalAssessment)
        );
        assert_eq!(
            find_by_words("Basket weaving", ActionArea::VARIANTS, |a| a.label()),
            None
        );
    }
}

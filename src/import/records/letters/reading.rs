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
/// them. A row whose every such cell is blank keeps what the roster has,
/// as any blank cell does; a tick column the file lacks keeps its choice.
pub(super) fn read_ideas(cells: &RowCells<'_>, letter: &mut Letter, problems: &mut Vec<String>) {
    letter.big_ideas = chosen(
        cells,
        &letter.big_ideas,
        (BigIdea::VARIANTS, Col::Idea, Col::BigIdeas),
        |i| i.label(),
        "the big ideas",
        problems,
    );
    letter.action_areas = chosen(
        cells,
        &letter.action_areas,
        (ActionArea::VARIANTS, Col::Area, Col::ActionAreas),
        |a| a.label(),
        "the action areas",
        problems,
    );
}

/// The choices a row makes among `all`: those its list column names and
/// its tick columns tick.
fn chosen<T: Copy + Ord>(
    cells: &RowCells<'_>,
    stored: &BTreeSet<T>,
    (all, tick, list): (&[T], fn(T) -> Col, Col),
    label: impl Fn(T) -> &'static str,
    what: &str,
    problems: &mut Vec<String>,
) -> BTreeSet<T> {
    let listed = cells.get(list);
    let any_tick = all.iter().any(|c| cells.get(tick(*c)).is_some());
    if listed.is_none() && !any_tick {
        return stored.clone();
    }
    let mut set: BTreeSet<T> = if listed.is_some() {
        BTreeSet::new()
    } else {
        stored
            .iter()
            .copied()
            .filter(|c| !cells.has(tick(*c)))
            .collect()
    };
    for choice in all {
        if let Some(text) = cells.get(tick(*choice)) {
            match is_ticked(text) {
                Ok(true) => {
                    set.insert(*choice);
                }
                Ok(false) => {}
                Err(problem) => problems.push(format!("{}: {problem}", cells.at(tick(*choice)))),
            }
        }
    }
    for item in listed.map(items).unwrap_or_default() {
        match find_by_words(&item, all, &label) {
            Some(choice) => {
                set.insert(choice);
            }
            None => problems.push(format!("{}: “{item}” is not one of {what}", cells.at(list))),
        }
    }
    set
}

/// The one choice whose label holds every word of `item` people keep
/// ("Portrait", "local assessment", "Graduation flexibility").
fn find_by_words<T: Copy>(
    item: &str,
    choices: &[T],
    label: &impl Fn(T) -> &'static str,
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
            find_by_words("Portrait", ActionArea::VARIANTS, &|a: ActionArea| a.label()),
            Some(ActionArea::PortraitOfALearner)
        );
        assert_eq!(
            find_by_words(
                "Local assessment",
                ActionArea::VARIANTS,
                &|a: ActionArea| a.label()
            ),
            Some(ActionArea::LocalAssessment)
        );
        assert_eq!(
            find_by_words("Basket weaving", ActionArea::VARIANTS, &|a: ActionArea| a
                .label()),
            None
        );
    }
}

//! An application's way through the grant workflow, and its status and
//! purpose as ledgers write them.

use std::collections::VecDeque;

use strum::VariantArray as _;

use crate::domain::{GrantDraft, GrantStatus, Purpose};

/// The statuses from `from` to `to` as the workflow moves (shortest way);
/// a new application starts submitted when it came in, else as a draft.
pub(super) fn path(
    from: Option<GrantStatus>,
    to: GrantStatus,
    received: bool,
) -> Option<Vec<GrantStatus>> {
    let starts: Vec<GrantStatus> = match from {
        Some(from) if from == to => return Some(vec![to]),
        Some(from) => vec![from],
        None if received => vec![GrantStatus::Submitted, GrantStatus::Draft],
        None => vec![GrantStatus::Draft, GrantStatus::Submitted],
    };
    let mut queue: VecDeque<Vec<GrantStatus>> = starts.iter().map(|s| vec![*s]).collect();
    while let Some(way) = queue.pop_front() {
        let last = *way.last()?;
        if last == to {
            // The stored status itself is not saved again.
            return Some(if from.is_some() {
                way[1..].to_vec()
            } else {
                way
            });
        }
        for next in last.next() {
            if !way.contains(next) {
                let mut longer = way.clone();
                longer.push(*next);
                queue.push_back(longer);
            }
        }
    }
    None
}

/// The status a ledger's dates and amounts imply.
pub(super) fn implied_status(draft: &GrantDraft) -> GrantStatus {
    let has = |text: &str| !text.trim().is_empty();
    if has(&draft.paid_on) || has(&draft.paid) {
        if has(&draft.report_on) {
            GrantStatus::Closed
        } else {
            GrantStatus::Paid
        }
    } else if has(&draft.decline_reason) {
        GrantStatus::Declined
    } else if has(&draft.awarded) && has(&draft.decided_on) {
        GrantStatus::Awarded
    } else if has(&draft.received_on) {
        GrantStatus::Submitted
    } else {
        GrantStatus::Draft
    }
}

pub(super) fn read_status(text: &str) -> Option<GrantStatus> {
    let lower = text.trim().to_lowercase();
    let lower = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    if let Some(status) = GrantStatus::VARIANTS
        .iter()
        .find(|s| s.label().to_lowercase() == lower || <&str>::from(**s) == lower)
    {
        return Some(*status);
    }
    Some(match lower {
        "approved" | "funded" => GrantStatus::Awarded,
        "denied" | "rejected" | "not funded" => GrantStatus::Declined,
        "reimbursed" => GrantStatus::Paid,
        "complete" | "completed" | "done" => GrantStatus::Closed,
        "pending" | "received" | "new" => GrantStatus::Submitted,
        "reviewing" | "in review" => GrantStatus::UnderReview,
        "cancelled" | "canceled" => GrantStatus::Withdrawn,
        _ => return None,
    })
}

pub(super) fn read_purpose(text: &str) -> Option<Purpose> {
    let lower = text.to_lowercase();
    if lower.contains("conference") || lower.contains("professional") {
        Some(Purpose::Conference)
    } else if lower.contains("visit") || lower.contains("site") || lower.contains("model") {
        Some(Purpose::ModelSiteVisit)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use GrantStatus as S;

    #[test]
    fn the_workflow_is_walked_from_where_the_application_stands() {
        assert_eq!(
            path(None, S::Closed, true).unwrap(),
            [S::Submitted, S::UnderReview, S::Awarded, S::Paid, S::Closed]
        );
        assert_eq!(
            path(None, S::Withdrawn, false).unwrap(),
            [S::Draft, S::Withdrawn]
        );
        assert_eq!(path(Some(S::Awarded), S::Paid, true).unwrap(), [S::Paid]);
        assert_eq!(path(Some(S::Paid), S::Paid, true).unwrap(), [S::Paid]);
        assert_eq!(path(Some(S::Closed), S::Submitted, true), None);
    }

    #[test]
    fn ledgers_say_status_their_own_way() {
        assert_eq!(read_status("Approved"), Some(S::Awarded));
        assert_eq!(read_status("under review"), Some(S::UnderReview));
        assert_eq!(read_status("📥 Submitted"), Some(S::Submitted));
        assert_eq!(read_status("soon"), None);
    }
}

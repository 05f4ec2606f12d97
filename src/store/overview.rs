//! What the Overview and the year report show: a school year's headline
//! figures, what needs attention, and the series behind the charts. Read
//! once after a change, never per frame.

use chrono::NaiveDate;
use strum::VariantArray as _;

use super::{AttendanceGrid, GrantRow, Result, Store, YearStanding, recorded_cells};
use crate::domain::convening::attendance_rate;
use crate::domain::grant::{self, Attention};
use crate::domain::{
    ActionArea, AttendanceRules, ConveningId, DistrictId, GrantId, GrantStatus, Money, SchoolYear,
    Standing,
};

#[derive(Clone, Debug, Default, PartialEq)]
pub struct YearFigures {
    pub year: Option<SchoolYear>,
    pub active: usize,
    /// Invited or received, not yet active.
    pub pending: usize,
    /// Active the year before, with no letter this year.
    pub lapsed: usize,
    pub terminated: usize,
    /// Convenings dated on or before today.
    pub convenings_held: usize,
    pub convenings_planned: usize,
    /// The mean of the districts' attendance rates (those with a rate).
    pub average_rate: Option<f64>,
    pub fund: Option<Money>,
    pub awarded: Money,
    pub paid: Money,
    /// Applications submitted or under review.
    pub applications_waiting: usize,
}

impl YearFigures {
    /// The fund less what was awarded: `Ok(left)`, or `Err(over by)` when
    /// more was awarded than the fund holds; `None` without a fund.
    pub fn remaining(&self) -> Option<std::result::Result<Money, Money>> {
        let fund = self.fund?;
        let left = fund.cents() - self.awarded.cents();
        Some(match Money::from_cents(left) {
            Some(money) => Ok(money),
            None => Err(Money::from_cents(-left).unwrap_or_default()),
        })
    }
}

/// Something to act on, with where to act.
#[derive(Clone, Debug, PartialEq)]
pub enum AttentionItem {
    /// Active last year, no letter this year.
    MissingLetter { district: DistrictId, name: String },
    /// Invited or received, the letter not yet complete.
    PendingLetter { district: DistrictId, name: String },
    UnderThreshold {
        district: DistrictId,
        name: String,
        percent: f64,
    },
    Grant {
        id: GrantId,
        district: String,
        destination: String,
        why: Attention,
    },
}

/// The kinds of things that need attention, in the order they are listed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum AttentionGroup {
    Letters,
    Attendance,
    Grants,
}

impl AttentionGroup {
    pub const ALL: [Self; 3] = [Self::Letters, Self::Attendance, Self::Grants];

    pub fn label(self) -> &'static str {
        match self {
            Self::Letters => "Letters",
            Self::Attendance => "Attendance",
            Self::Grants => "Travel grants",
        }
    }
}

impl AttentionItem {
    /// The district a letter or attendance item is about.
    pub fn district(&self) -> Option<DistrictId> {
        match self {
            Self::MissingLetter { district, .. }
            | Self::PendingLetter { district, .. }
            | Self::UnderThreshold { district, .. } => Some(*district),
            Self::Grant { .. } => None,
        }
    }

    pub fn group(&self) -> AttentionGroup {
        match self {
            Self::MissingLetter { .. } | Self::PendingLetter { .. } => AttentionGroup::Letters,
            Self::UnderThreshold { .. } => AttentionGroup::Attendance,
            Self::Grant { .. } => AttentionGroup::Grants,
        }
    }

    /// Within its group, the most urgent first: a missing letter before
    /// one on its way, the lowest attendance first, a decision waited for
    /// before a payment, before a report back.
    fn urgency(&self) -> (u8, i64) {
        match self {
            Self::MissingLetter { .. } => (0, 0),
            Self::PendingLetter { .. } => (1, 0),
            Self::UnderThreshold { percent, .. } => (0, (percent * 10.0) as i64),
            Self::Grant { why, .. } => (*why as u8, 0),
        }
    }
}

/// One convening's share of member districts that attended.
#[derive(Clone, Debug, PartialEq)]
pub struct ConveningRate {
    pub id: ConveningId,
    pub held_on: NaiveDate,
    pub title: String,
    pub percent: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overview {
    pub figures: YearFigures,
    pub attention: Vec<AttentionItem>,
    pub convening_rates: Vec<ConveningRate>,
    /// Active members per school year, over every year with letters.
    pub members_per_year: Vec<(SchoolYear, usize)>,
    /// Requested amounts by the status applications are in.
    pub fund_by_status: Vec<(GrantStatus, Money)>,
    /// How many active members chose each action area.
    pub action_areas: Vec<(ActionArea, usize)>,
    /// The day each district was last written to (its contact log).
    pub last_reminded: std::collections::HashMap<crate::domain::DistrictId, NaiveDate>,
}

impl Store {
    /// Everything the Overview shows for `year`, as of `today`.
    pub fn overview(&self, year: SchoolYear, today: NaiveDate) -> Result<Overview> {
        let mut figures = YearFigures {
            year: Some(year),
            ..YearFigures::default()
        };
        let mut attention = Vec::new();
        count_standings(
            &self.year_standings(year, today)?,
            &mut figures,
            &mut attention,
        );

        let convenings = self.convenings_in(year)?;
        figures.convenings_held = convenings
            .iter()
            .filter(|c| c.convening.fields.held_on <= today)
            .count();
        figures.convenings_planned = convenings.len() - figures.convenings_held;

        let grid = self.attendance_grid(year)?;
        let rules = self.attendance_rules()?;
        figures.average_rate = average_rate(&grid, rules, &mut attention);

        figures.fund = self.grant_fund(year)?;
        let grants = self.grants_in(year, today)?;
        let decision_days = self.decision_days()?;
        let fund_by_status = count_grants(
            &grants,
            (today, decision_days),
            &mut figures,
            &mut attention,
        );

        // By group, the most urgent first in each (the sort keeps names in
        // their order otherwise).
        attention.sort_by_key(|item| (item.group(), item.urgency()));
        Ok(Overview {
            figures,
            attention,
            convening_rates: convening_rates(&grid, rules),
            members_per_year: self.members_per_year()?,
            fund_by_status,
            action_areas: self.action_areas_chosen(year)?,
            last_reminded: self.last_reminded()?,
        })
    }

    /// How many active members chose each action area.
    fn action_areas_chosen(&self, year: SchoolYear) -> Result<Vec<(ActionArea, usize)>> {
        let mut areas: Vec<(ActionArea, usize)> =
            ActionArea::VARIANTS.iter().map(|a| (*a, 0)).collect();
        for membership in self.memberships_in(year)? {
            if membership.status != crate::domain::MembershipStatus::Active {
                continue;
            }
            for area in &membership.letter.action_areas {
                if let Some(slot) = areas.iter_mut().find(|(a, _)| a == area) {
                    slot.1 += 1;
                }
            }
        }
        Ok(areas)
    }

    /// Active members in each school year that has letters.
    pub fn members_per_year(&self) -> Result<Vec<(SchoolYear, usize)>> {
        let rows: Vec<(i32, i64)> = self
            .conn
            .prepare_cached(
                "SELECT school_year, count(*) FROM membership WHERE status = 'active'
                 GROUP BY school_year ORDER BY school_year",
            )?
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows
            .into_iter()
            .filter_map(|(start, n)| SchoolYear::starting(start).map(|y| (y, n as usize)))
            .collect())
    }
}

/// For each convening with a saved sheet: attended over the districts on it.
/// Each recorded convening's rate among the members that day, by the same
/// rule as every district's rate (a member without a line was absent; an
/// excused absence counts as the grid's setting says).
fn convening_rates(grid: &super::AttendanceGrid, rules: AttendanceRules) -> Vec<ConveningRate> {
    grid.convenings
        .iter()
        .enumerate()
        .filter(|(column, _)| grid.recorded.get(*column).copied().unwrap_or(false))
        .filter_map(|(column, convening)| {
            let day = convening.fields.held_on;
            let (attended, counted) = grid.rows.iter().fold((0u32, 0u32), |(a, c), row| {
                let status = row.cells.get(column).copied().flatten();
                let rate = attendance_rate(row.span, [(day, status)], rules);
                (a + rate.attended, c + rate.counted)
            });
            (counted > 0).then(|| ConveningRate {
                id: convening.id,
                held_on: day,
                title: convening.fields.title.clone(),
                percent: f64::from(attended) * 100.0 / f64::from(counted),
            })
        })
        .collect()
}

/// Members by standing; a letter awaited or missing needs attention.
fn count_standings(
    standings: &[YearStanding],
    figures: &mut YearFigures,
    attention: &mut Vec<AttentionItem>,
) {
    for standing in standings {
        let (district, name) = (standing.district_id, standing.district_name.clone());
        match standing.standing {
            Standing::Active => figures.active += 1,
            Standing::Invited | Standing::Received => {
                figures.pending += 1;
                attention.push(AttentionItem::PendingLetter { district, name });
            }
            Standing::Lapsed => {
                figures.lapsed += 1;
                attention.push(AttentionItem::MissingLetter { district, name });
            }
            Standing::Terminated => figures.terminated += 1,
            Standing::NotMember => {}
        }
    }
}

/// The members' average attendance rate; each under the threshold needs
/// attention.
fn average_rate(
    grid: &AttendanceGrid,
    rules: AttendanceRules,
    attention: &mut Vec<AttentionItem>,
) -> Option<f64> {
    let mut rates = Vec::new();
    for row in &grid.rows {
        let rate = attendance_rate(row.span, recorded_cells(grid, row), rules);
        if let Some(percent) = rate.percent() {
            rates.push(percent);
            if rate.is_under(rules) {
                attention.push(AttentionItem::UnderThreshold {
                    district: row.district_id,
                    name: row.district_name.clone(),
                    percent,
                });
            }
        }
    }
    (!rates.is_empty()).then(|| rates.iter().sum::<f64>() / rates.len() as f64)
}

/// The fund's figures from the year's applications, and what they request
/// by status; an application waiting too long (as of `today`, after the
/// decision days) needs attention.
fn count_grants(
    grants: &[GrantRow],
    (today, decision_days): (NaiveDate, i64),
    figures: &mut YearFigures,
    attention: &mut Vec<AttentionItem>,
) -> Vec<(GrantStatus, Money)> {
    let mut by_status: Vec<(GrantStatus, Money)> = GrantStatus::VARIANTS
        .iter()
        .map(|s| (*s, Money::ZERO))
        .collect();
    for row in grants {
        let (status, fields) = (row.grant.status, &row.grant.fields);
        if status.commits_funds() {
            figures.awarded = figures
                .awarded
                .saturating_add(fields.awarded.unwrap_or_default());
            figures.paid = figures.paid.saturating_add(fields.paid.unwrap_or_default());
        }
        if matches!(status, GrantStatus::Submitted | GrantStatus::UnderReview) {
            figures.applications_waiting += 1;
        }
        if let Some(slot) = by_status.iter_mut().find(|(s, _)| *s == status) {
            slot.1 = slot.1.saturating_add(fields.requested);
        }
        if let Some(why) = grant::attention(status, fields, today, decision_days) {
            attention.push(AttentionItem::Grant {
                id: row.grant.id,
                district: row.district_name.clone(),
                destination: fields.destination.clone(),
                why,
            });
        }
    }
    by_status.retain(|(_, amount)| *amount > Money::ZERO);
    by_status
}

//! Every setting a roster keeps, with what it means and its default, so
//! the Settings section, the controls beside the grid and the grant list,
//! and the command line all say the same thing.

use super::convening::{AttendanceRules, ExcusedPolicy};
use super::participants::ReportRules;

/// How long a submitted application may wait for a decision before it
/// needs attention, unless the roster says otherwise.
pub const DEFAULT_DECISION_DAYS: i64 = 30;

/// The longest decision window a roster accepts.
pub const MAX_DECISION_DAYS: i64 = 365;

/// The roster's settings, as one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub attendance: AttendanceRules,
    pub reports: ReportRules,
    /// Days a submitted application may wait for a decision.
    pub decision_days: i64,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            attendance: AttendanceRules::default(),
            reports: ReportRules::default(),
            decision_days: DEFAULT_DECISION_DAYS,
        }
    }
}

/// One setting, in the order the Settings section lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, strum::VariantArray)]
pub enum Setting {
    FlagUnder,
    FlagAfter,
    Excused,
    MinMinutes,
    OrganiserDomains,
    DecisionDays,
}

impl Setting {
    /// The heading it is listed under.
    pub fn group(self) -> &'static str {
        match self {
            Self::FlagUnder | Self::FlagAfter | Self::Excused => "Attendance",
            Self::MinMinutes | Self::OrganiserDomains => "Participant reports",
            Self::DecisionDays => "Travel grants",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::FlagUnder => "Flag districts under",
            Self::FlagAfter => "Flag only after",
            Self::Excused => "Excused absences",
            Self::MinMinutes => "Minimum time in the meeting",
            Self::OrganiserDomains => "Organisers' email domains",
            Self::DecisionDays => "Decide applications within",
        }
    }

    /// What it changes, in a sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::FlagUnder => {
                "A member district attending less than this share of the year's convenings \
                 is flagged in the grid and under Needs attention."
            }
            Self::FlagAfter => {
                "No district is flagged before this many convenings have counted for it: \
                 two missed calls in September say little."
            }
            Self::Excused => {
                "How an excused absence counts in every attendance rate: the grid, \
                 the Overview, the year report."
            }
            Self::MinMinutes => {
                "In an imported participant report, anyone in the meeting for less than \
                 this does not count as attending."
            }
            Self::OrganiserDomains => {
                "People with an email at these domains are the network's own organisers, \
                 never a district's attendees."
            }
            Self::DecisionDays => {
                "A submitted application still undecided after this many days needs attention."
            }
        }
    }

    /// The value as the screens show it: "75 %", "3 convenings".
    pub fn shown(self, settings: &Settings) -> String {
        let attendance = settings.attendance;
        match self {
            Self::FlagUnder => self.amount(usize::from(attendance.threshold_percent)),
            Self::FlagAfter => self.amount(usize::from(attendance.min_convenings)),
            Self::MinMinutes => self.amount(settings.reports.min_minutes as usize),
            Self::DecisionDays => self.amount(usize::try_from(settings.decision_days).unwrap_or(0)),
            Self::Excused => excused_in_short(attendance.excused).to_owned(),
            Self::OrganiserDomains if settings.reports.organiser_domains.is_empty() => {
                "none".to_owned()
            }
            Self::OrganiserDomains => settings.reports.domains_text(),
        }
    }

    /// A value as the roster stores it ("14", "as_absent"), as the screens
    /// show it ("14 days", "count as absent"); as stored if it cannot be read.
    pub fn stored_value_shown(self, stored: &str) -> String {
        match (self, stored.parse::<usize>()) {
            (Self::FlagUnder | Self::FlagAfter | Self::MinMinutes | Self::DecisionDays, Ok(n)) => {
                self.amount(n)
            }
            (Self::Excused, _) => <ExcusedPolicy as super::Coded>::from_code(stored)
                .map_or_else(|| stored.to_owned(), |p| excused_in_short(p).to_owned()),
            (Self::OrganiserDomains, _) if stored.trim().is_empty() => "none".to_owned(),
            _ => stored.to_owned(),
        }
    }

    /// A number of this setting's unit: "75 %", "1 convening", "0 min".
    fn amount(self, n: usize) -> String {
        match self {
            Self::FlagAfter => super::count(n, "convening", "convenings"),
            Self::DecisionDays => super::count(n, "day", "days"),
            Self::MinMinutes => format!("{n} min"),
            Self::FlagUnder => format!("{n} %"),
            // Not numbers: never asked.
            Self::Excused | Self::OrganiserDomains => n.to_string(),
        }
    }

    pub fn default_shown(self) -> String {
        self.shown(&Settings::default())
    }

    pub fn is_default(self, settings: &Settings) -> bool {
        self.shown(settings) == self.default_shown()
    }

    /// Puts this one setting back to its default, leaving the others.
    pub fn reset(self, settings: &mut Settings) {
        let defaults = Settings::default();
        match self {
            Self::FlagUnder => {
                settings.attendance.threshold_percent = defaults.attendance.threshold_percent;
            }
            Self::FlagAfter => {
                settings.attendance.min_convenings = defaults.attendance.min_convenings;
            }
            Self::Excused => settings.attendance.excused = defaults.attendance.excused,
            Self::MinMinutes => settings.reports.min_minutes = defaults.reports.min_minutes,
            Self::OrganiserDomains => {
                settings.reports.organiser_domains = defaults.reports.organiser_domains;
            }
            Self::DecisionDays => settings.decision_days = defaults.decision_days,
        }
    }
}

impl Setting {
    /// The value as written to a file, to be read back by [`Self::read`]:
    /// "75", "not_counted", "kde.ky.gov; education.ky.gov".
    pub fn written(self, settings: &Settings) -> String {
        let attendance = settings.attendance;
        match self {
            Self::FlagUnder => attendance.threshold_percent.to_string(),
            Self::FlagAfter => attendance.min_convenings.to_string(),
            Self::Excused => super::Coded::code(attendance.excused).to_owned(),
            Self::MinMinutes => settings.reports.min_minutes.to_string(),
            Self::OrganiserDomains => settings.reports.domains_text(),
            Self::DecisionDays => settings.decision_days.to_string(),
        }
    }

    /// Sets this setting from `text` as [`Self::written`] writes it (or as
    /// the screens show it: "75 %", "count as absent"), checked.
    pub fn read(self, settings: &mut Settings, text: &str) -> Result<(), String> {
        let number = || {
            text.trim()
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .trim()
                .parse::<i64>()
                .map_err(|_| format!("“{}” is not a number", text.trim()))
        };
        let within = |n: i64, max: i64| {
            if (0..=max).contains(&n) {
                Ok(n)
            } else {
                Err(format!("{n} is not between 0 and {max}"))
            }
        };
        match self {
            Self::FlagUnder => {
                settings.attendance.threshold_percent = within(number()?, 100)? as u8;
            }
            Self::FlagAfter => settings.attendance.min_convenings = within(number()?, 50)? as u8,
            Self::MinMinutes => settings.reports.min_minutes = within(number()?, 24 * 60)? as u32,
            Self::DecisionDays => {
                settings.decision_days = within(number()?, MAX_DECISION_DAYS)?.max(1);
            }
            Self::Excused => {
                let wanted = text.trim().to_lowercase();
                settings.attendance.excused = <ExcusedPolicy as strum::VariantArray>::VARIANTS
                    .iter()
                    .copied()
                    .find(|p| super::Coded::code(*p) == wanted || excused_in_short(*p) == wanted)
                    .ok_or_else(|| {
                        format!("“{}” is not a rule for excused absences", text.trim())
                    })?;
            }
            Self::OrganiserDomains => {
                let text = if text.trim() == "none" { "" } else { text };
                settings.reports.organiser_domains = ReportRules::parse_domains(text);
            }
        }
        Ok(())
    }
}

/// The excused-absence rule in a few words, for lists.
pub fn excused_in_short(policy: ExcusedPolicy) -> &'static str {
    match policy {
        ExcusedPolicy::NotCounted => "not counted",
        ExcusedPolicy::AsAttended => "count as attended",
        ExcusedPolicy::AsAbsent => "count as absent",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray as _;

    #[test]
    fn every_setting_reads_its_default_and_resets_to_it() {
        let mut changed = Settings {
            attendance: AttendanceRules {
                threshold_percent: 60,
                excused: ExcusedPolicy::AsAbsent,
                min_convenings: 5,
            },
            reports: ReportRules {
                min_minutes: 12,
                organiser_domains: Vec::new(),
            },
            decision_days: 14,
        };
        for setting in Setting::VARIANTS {
            assert!(!setting.is_default(&changed), "{setting:?}");
            setting.reset(&mut changed);
            assert!(setting.is_default(&changed), "{setting:?}");
        }
        assert_eq!(changed, Settings::default());
    }

    #[test]
    fn values_read_as_the_screens_show_them() {
        let settings = Settings::default();
        let shown: Vec<String> = Setting::VARIANTS
            .iter()
            .map(|s| s.shown(&settings))
            .collect();
        assert_eq!(
            shown,
            [
                "75 %",
                "3 convenings",
                "not counted",
                "0 min",
                "education.ky.gov",
                "30 days"
            ]
        );
    }
}

//! `iln-roster settings`: every setting listed with its meaning and
//! default, and changed from the command line as from the Settings section.

use anyhow::bail;
use clap::{Args, ValueEnum};
use strum::VariantArray as _;

use crate::domain::ExcusedPolicy;
use crate::domain::participants::ReportRules;
use crate::domain::settings::{MAX_DECISION_DAYS, Setting, Settings};
use crate::store::Store;

/// The settings a command asks to change; those not given stay.
#[derive(Args, Clone, Debug, Default)]
pub struct SettingChanges {
    /// Flag member districts attending under this share of convenings (0-100).
    #[arg(long, value_name = "PERCENT", allow_negative_numbers = true,
          value_parser = clap::value_parser!(u8).range(0..=100))]
    flag_under: Option<u8>,
    /// Flag no district before this many convenings have counted for it (0-50).
    #[arg(long, value_name = "CONVENINGS", allow_negative_numbers = true,
          value_parser = clap::value_parser!(u8).range(0..=50))]
    flag_after: Option<u8>,
    /// How an excused absence counts in every attendance rate.
    #[arg(long, value_enum, value_name = "RULE")]
    excused: Option<ExcusedArg>,
    /// Fewer minutes in the meeting than this do not count (0: all do; at most 600).
    #[arg(long, value_name = "MINUTES", allow_negative_numbers = true,
          value_parser = clap::value_parser!(u32).range(0..=600))]
    min_minutes: Option<u32>,
    /// Comma-separated, e.g. "education.ky.gov,kde.ky.gov" ("" for none).
    #[arg(long, value_name = "DOMAINS")]
    organiser_domains: Option<String>,
    /// Days a submitted application may wait for a decision (1-365).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true,
          value_parser = clap::value_parser!(i64).range(1..=365))]
    decide_within: Option<i64>,
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum ExcusedArg {
    NotCounted,
    AsAttended,
    AsAbsent,
}

impl From<ExcusedArg> for ExcusedPolicy {
    fn from(arg: ExcusedArg) -> Self {
        match arg {
            ExcusedArg::NotCounted => Self::NotCounted,
            ExcusedArg::AsAttended => Self::AsAttended,
            ExcusedArg::AsAbsent => Self::AsAbsent,
        }
    }
}

impl SettingChanges {
    fn asks_anything(&self) -> bool {
        self.flag_under.is_some()
            || self.flag_after.is_some()
            || self.excused.is_some()
            || self.min_minutes.is_some()
            || self.organiser_domains.is_some()
            || self.decide_within.is_some()
    }

    /// `current` with the changes asked for, each checked.
    fn applied_to(&self, current: &Settings) -> anyhow::Result<Settings> {
        let mut wanted = current.clone();
        if let Some(percent) = self.flag_under {
            if percent > 100 {
                bail!("--flag-under {percent}: a share of convenings is at most 100 %.");
            }
            wanted.attendance.threshold_percent = percent;
        }
        if let Some(convenings) = self.flag_after {
            if convenings > 50 {
                bail!("--flag-after {convenings}: at most 50 convenings.");
            }
            wanted.attendance.min_convenings = convenings;
        }
        if let Some(rule) = self.excused {
            wanted.attendance.excused = rule.into();
        }
        if let Some(minutes) = self.min_minutes {
            if minutes > ReportRules::MAX_MINUTES {
                bail!(
                    "--min-minutes {minutes} is more than a day's convening: at most {}.",
                    ReportRules::MAX_MINUTES
                );
            }
            wanted.reports.min_minutes = minutes;
        }
        if let Some(domains) = &self.organiser_domains {
            wanted.reports.organiser_domains = ReportRules::checked_domains(domains)
                .map_err(|problem| anyhow::anyhow!("--organiser-domains: {problem}."))?;
        }
        if let Some(days) = self.decide_within {
            if !(1..=MAX_DECISION_DAYS).contains(&days) {
                bail!("--decide-within {days}: between 1 and {MAX_DECISION_DAYS} days.");
            }
            wanted.decision_days = days;
        }
        Ok(wanted)
    }
}

/// Shows every setting, or changes those asked for.
pub fn settings(
    db: &std::path::Path,
    changes: &SettingChanges,
    dry_run: bool,
) -> anyhow::Result<String> {
    let current = Store::open_read_only(db)?.settings()?;
    let wanted = changes.applied_to(&current)?;
    let changed: Vec<String> = Setting::VARIANTS
        .iter()
        .filter(|s| s.shown(&wanted) != s.shown(&current))
        .map(|s| {
            format!(
                "{}: {} → {}",
                s.label(),
                s.shown(&current),
                s.shown(&wanted)
            )
        })
        .collect();
    if changed.is_empty() {
        let unchanged = if changes.asks_anything() {
            "Nothing to change: the settings already say so.\n\n"
        } else {
            ""
        };
        return Ok(format!("{unchanged}{}", settings_listed(&current)));
    }
    if dry_run {
        return Ok(format!(
            "Would change:\n  {}\nNothing was written.",
            changed.join("\n  ")
        ));
    }
    Store::open(db)?.set_settings(&wanted)?;
    Ok(format!(
        "Changed:\n  {}\n\n{}",
        changed.join("\n  "),
        settings_listed(&wanted)
    ))
}

/// Every setting under its heading, with its default and meaning.
fn settings_listed(settings: &Settings) -> String {
    let mut text = String::new();
    let mut group = "";
    for setting in Setting::VARIANTS {
        if setting.group() != group {
            group = setting.group();
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(group);
            text.push('\n');
        }
        text.push_str(&format!(
            "  {}: {} (default {})\n    {}\n",
            setting.label(),
            setting.shown(settings),
            setting.default_shown(),
            setting.meaning()
        ));
    }
    text.trim_end().to_owned()
}

//! The roster's settings read and written as one value.

use super::{Result, Store};
use crate::domain::settings::{Setting, Settings};

// Each setting's key in the `setting` table.
pub(super) const THRESHOLD_KEY: &str = "attendance.threshold_percent";
pub(super) const EXCUSED_KEY: &str = "attendance.excused";
pub(super) const MIN_CONVENINGS_KEY: &str = "attendance.min_convenings";
pub(super) const MIN_MINUTES_KEY: &str = "reports.min_minutes";
pub(super) const ORGANISER_DOMAINS_KEY: &str = "reports.organiser_domains";
pub(super) const DECISION_DAYS_KEY: &str = "grants.decision_days";

/// The setting a stored key holds (for the history's words).
pub(super) fn setting_of_key(key: &str) -> Option<Setting> {
    Some(match key {
        THRESHOLD_KEY => Setting::FlagUnder,
        EXCUSED_KEY => Setting::Excused,
        MIN_CONVENINGS_KEY => Setting::FlagAfter,
        MIN_MINUTES_KEY => Setting::MinMinutes,
        ORGANISER_DOMAINS_KEY => Setting::OrganiserDomains,
        DECISION_DAYS_KEY => Setting::DecisionDays,
        _ => return None,
    })
}

impl Store {
    /// Every setting, defaults where the roster has none.
    pub fn settings(&self) -> Result<Settings> {
        Ok(Settings {
            attendance: self.attendance_rules()?,
            reports: self.report_rules()?,
            decision_days: self.decision_days()?,
        })
    }

    /// Writes what differs from the stored settings, each kind of setting
    /// as its own change (so each undoes on its own, as from its screen).
    pub fn set_settings(&mut self, wanted: &Settings) -> Result<()> {
        let stored = self.settings()?;
        if wanted.attendance != stored.attendance {
            self.set_attendance_rules(wanted.attendance)?;
        }
        if wanted.reports != stored.reports {
            self.set_report_rules(&wanted.reports)?;
        }
        if wanted.decision_days != stored.decision_days {
            self.set_decision_days(wanted.decision_days)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ExcusedPolicy;

    #[test]
    fn settings_written_are_read_back_and_defaults_stand_in_for_none() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("roster.sqlite3")).unwrap();
        assert_eq!(store.settings().unwrap(), Settings::default());

        let mut wanted = Settings::default();
        wanted.attendance.threshold_percent = 60;
        wanted.attendance.excused = ExcusedPolicy::AsAttended;
        wanted.reports.min_minutes = 15;
        wanted.reports.organiser_domains = vec!["kde.ky.gov".into()];
        wanted.decision_days = 21;
        store.set_settings(&wanted).unwrap();
        assert_eq!(store.settings().unwrap(), wanted);
    }
}

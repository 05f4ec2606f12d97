//! The roster's settings read and written as one value.

use super::{Result, Store};
use crate::domain::participants::ReportRules;
use crate::domain::settings::{MAX_DECISION_DAYS, Setting, Settings};
use crate::domain::{AttendanceRules, Coded as _};

// Each setting's key in the `setting` table.
pub(super) const THRESHOLD_KEY: &str = "attendance.threshold_percent";
pub(super) const EXCUSED_KEY: &str = "attendance.excused";
pub(super) const MIN_CONVENINGS_KEY: &str = "attendance.min_convenings";
pub(super) const MIN_MINUTES_KEY: &str = "reports.min_minutes";
pub(super) const ORGANISER_DOMAINS_KEY: &str = "reports.organiser_domains";
pub(super) const DECISION_DAYS_KEY: &str = "grants.decision_days";

// How each setting is stored: in range, whatever the caller passed.
fn attendance_values(rules: AttendanceRules) -> [(&'static str, String); 3] {
    [
        (THRESHOLD_KEY, rules.threshold_percent.min(100).to_string()),
        (EXCUSED_KEY, rules.excused.code().to_owned()),
        (MIN_CONVENINGS_KEY, rules.min_convenings.min(50).to_string()),
    ]
}

fn report_values(rules: &ReportRules) -> [(&'static str, String); 2] {
    [
        (MIN_MINUTES_KEY, rules.min_minutes.to_string()),
        (ORGANISER_DOMAINS_KEY, rules.domains_text()),
    ]
}

fn decision_values(days: i64) -> [(&'static str, String); 1] {
    [(
        DECISION_DAYS_KEY,
        days.clamp(1, MAX_DECISION_DAYS).to_string(),
    )]
}

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

    /// Writes every setting at once, as one change (one History entry, one
    /// undo); those that did not change leave no trace.
    pub fn set_settings(&mut self, wanted: &Settings) -> Result<()> {
        let mut values = attendance_values(wanted.attendance).to_vec();
        values.extend(report_values(&wanted.reports));
        values.extend(decision_values(wanted.decision_days));
        self.put_settings(&values)
    }

    pub fn set_attendance_rules(&mut self, rules: AttendanceRules) -> Result<()> {
        self.put_settings(&attendance_values(rules))
    }

    pub fn set_report_rules(&mut self, rules: &ReportRules) -> Result<()> {
        self.put_settings(&report_values(rules))
    }

    pub fn set_decision_days(&mut self, days: i64) -> Result<()> {
        self.put_settings(&decision_values(days))
    }

    /// Stores each key's value in one change; a value already stored is
    /// not written again.
    fn put_settings(&mut self, values: &[(&str, String)]) -> Result<()> {
        let change = self.change()?;
        {
            let mut put = change.prepare_cached(
                "INSERT INTO setting (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value
                 WHERE value IS NOT excluded.value",
            )?;
            for (key, value) in values {
                put.execute((key, value))?;
            }
        }
        change.commit()
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
        let history = store
            .history(&crate::store::history::HistoryFilter::default())
            .unwrap();
        assert_eq!(history.len(), 1, "one change, one undo");
        assert!(
            history[0]
                .summary
                .starts_with("Set Flag districts under to 60 %, "),
            "{}",
            history[0].summary
        );
        // Writing the same again changes nothing and records nothing.
        store.set_settings(&wanted).unwrap();
        assert_eq!(
            store
                .history(&crate::store::history::HistoryFilter::default())
                .unwrap()
                .len(),
            1
        );
    }
}

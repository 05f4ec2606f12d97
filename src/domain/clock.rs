//! Today: the one source every date-based rule reads (a letter in effect, a
//! grant needing attention, the school year shown). It is the computer's
//! date, unless the running thread fixed another — as tests do, so that
//! they give the same results whatever day they run on.

use std::cell::Cell;

use chrono::NaiveDate;

thread_local! {
    static FIXED: Cell<Option<NaiveDate>> = const { Cell::new(None) };
}

/// Today, as the user's computer has it (or as this thread fixed it).
pub fn today() -> NaiveDate {
    FIXED
        .with(Cell::get)
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// Fixes today for the calling thread (`None`: the computer's date again).
pub fn fix_today(day: Option<NaiveDate>) {
    FIXED.with(|fixed| fixed.set(day));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thread_can_fix_its_today() {
        let day = NaiveDate::from_ymd_opt(2031, 5, 20).unwrap();
        fix_today(Some(day));
        assert_eq!(today(), day);
        assert_eq!(crate::domain::SchoolYear::current().start_year(), 2030);
        let other = std::thread::spawn(today).join().unwrap();
        assert_ne!(other, day, "other threads keep the computer's date");
        fix_today(None);
        assert_eq!(today(), chrono::Local::now().date_naive());
    }
}

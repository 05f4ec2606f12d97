//! The marks people put in an attendance tracker ("X", "✓", "P", "A",
//! "Excused", a blank) and what each means. The mapping is shown to the
//! user and can be changed before anything is imported.

use super::AttendanceStatus;

/// What each mark means: a status, or (`None`) no line at all, as a blank
/// cell usually means. Marks are compared trimmed and case-insensitively.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkMeanings {
    meanings: Vec<(String, Option<AttendanceStatus>)>,
}

impl Default for MarkMeanings {
    /// The marks trackers use most.
    fn default() -> Self {
        use AttendanceStatus::{Absent, Attended, Excused};
        let attended = ["x", "✓", "✔", "y", "yes", "1", "p", "present", "attended"];
        let absent = ["a", "n", "no", "0", "absent"];
        let excused = ["e", "exc", "excused"];
        let meanings = attended
            .iter()
            .map(|m| (m, Some(Attended)))
            .chain(absent.iter().map(|m| (m, Some(Absent))))
            .chain(excused.iter().map(|m| (m, Some(Excused))))
            .map(|(mark, status)| ((*mark).to_owned(), status))
            .chain(std::iter::once((String::new(), None)))
            .collect();
        Self { meanings }
    }
}

impl MarkMeanings {
    /// Every mark and its meaning, for the user to read and change.
    pub fn meanings(&self) -> &[(String, Option<AttendanceStatus>)] {
        &self.meanings
    }

    /// Makes `mark` mean `status` (or no line), replacing what it meant.
    pub fn set(&mut self, mark: &str, status: Option<AttendanceStatus>) {
        let key = normalized(mark);
        match self.meanings.iter_mut().find(|(m, _)| *m == key) {
            Some(meaning) => meaning.1 = status,
            None => self.meanings.push((key, status)),
        }
    }

    /// What a cell's mark means; `Err` names a mark with no meaning yet.
    pub fn read(&self, cell: &str) -> Result<Option<AttendanceStatus>, String> {
        let key = normalized(cell);
        self.meanings
            .iter()
            .find(|(mark, _)| *mark == key)
            .map(|(_, status)| *status)
            .ok_or_else(|| format!("“{}” is not a mark this import knows", cell.trim()))
    }
}

fn normalized(mark: &str) -> String {
    mark.trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
    use AttendanceStatus::{Absent, Attended, Excused};

    #[test]
    fn the_usual_marks_are_read() {
        let meanings = MarkMeanings::default();
        for (cell, status) in [
            ("X", Some(Attended)),
            (" ✓ ", Some(Attended)),
            ("Y", Some(Attended)),
            ("1", Some(Attended)),
            ("P", Some(Attended)),
            ("Present", Some(Attended)),
            ("A", Some(Absent)),
            ("e", Some(Excused)),
            ("EXCUSED", Some(Excused)),
            ("", None),
            ("   ", None),
        ] {
            assert_eq!(meanings.read(cell), Ok(status), "{cell:?}");
        }
        assert_eq!(
            meanings.read("Zoom"),
            Err("“Zoom” is not a mark this import knows".to_owned())
        );
    }

    #[test]
    fn a_mark_can_be_given_another_meaning() {
        let mut meanings = MarkMeanings::default();
        // A tracker where a blank means absent, and "V" a virtual visit.
        meanings.set("", Some(Absent));
        meanings.set("V", Some(Attended));
        assert_eq!(meanings.read(""), Ok(Some(Absent)));
        assert_eq!(meanings.read("v"), Ok(Some(Attended)));
        assert_eq!(
            meanings
                .meanings()
                .iter()
                .filter(|(m, _)| m.is_empty())
                .count(),
            1,
            "a mark is listed once"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_cell_reads_to_a_meaning_or_a_message(cell in ".*") {
            let _ = MarkMeanings::default().read(&cell);
        }
    }
}

//! A Letter of Commitment's fields as the form holds them, and the checks
//! of a letter for the status it is moving to.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Letter, MembershipStatus};
use crate::domain::limits;
use crate::domain::school_year::SchoolYear;
use crate::domain::validate::{self, FieldErrors};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LetterField {
    Status,
    InvitedOn,
    ReceivedOn,
    DistrictSignatory,
    DistrictSignedOn,
    KdeSignatory,
    KdeSignedOn,
    TerminatedOn,
    TerminatedBy,
    TerminationReason,
    Reflections,
    Plans,
    LearningGoal,
}

impl validate::FieldLabel for LetterField {
    fn label(self) -> &'static str {
        match self {
            Self::Status => "Status",
            Self::InvitedOn => "Invited on",
            Self::ReceivedOn => "Received on",
            Self::DistrictSignatory => "District signatory",
            Self::DistrictSignedOn => "District signed on",
            Self::KdeSignatory => "KDE signatory",
            Self::KdeSignedOn => "KDE signed on",
            Self::TerminatedOn => "Terminated on",
            Self::TerminatedBy => "Notice given by",
            Self::TerminationReason => "Reason",
            Self::Reflections => "Reflections",
            Self::Plans => "Plans",
            Self::LearningGoal => "Learning goal",
        }
    }
}

impl LetterField {
    fn describe(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::InvitedOn => "the date invited",
            Self::ReceivedOn => "the date received",
            Self::DistrictSignatory => "the district signatory",
            Self::DistrictSignedOn => "the district's signature date",
            Self::KdeSignatory => "the KDE signatory",
            Self::KdeSignedOn => "KDE's signature date",
            Self::TerminatedOn => "the termination date",
            Self::TerminatedBy => "who gave notice",
            Self::TerminationReason => "the reason",
            Self::Reflections => "the reflections",
            Self::Plans => "the plans",
            Self::LearningGoal => "the learning goal",
        }
    }
}

/// Checks that a letter may have status `to` in `year`, coming from `from`
/// (`None` for a new membership), and returns it tidied: termination
/// details are kept only on a terminated membership.
pub fn validate_letter(
    year: SchoolYear,
    from: Option<MembershipStatus>,
    to: MembershipStatus,
    letter: &Letter,
) -> Result<Letter, FieldErrors<LetterField>> {
    use LetterField as F;
    use MembershipStatus as S;
    let mut errors = FieldErrors::default();

    match from {
        None if to == S::Terminated => {
            errors.add(F::Status, "Only an active membership can be terminated");
        }
        Some(from) if to < from => {
            let from = from.label().to_lowercase();
            let article = if from.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "An"
            } else {
                "A"
            };
            errors.add(
                F::Status,
                format!("{article} {from} letter cannot go back to {}", to.label()),
            );
        }
        _ => {}
    }

    // What each status needs, so that no status is reached without it.
    let mut missing = Vec::new();
    let mut need = |present: bool, field: LetterField| {
        if !present {
            missing.push(field);
        }
    };
    if to == S::Invited {
        need(letter.invited_on.is_some(), F::InvitedOn);
    }
    if to >= S::Received {
        need(letter.received_on.is_some(), F::ReceivedOn);
    }
    if to >= S::Active {
        need(
            !letter.district_signatory.trim().is_empty(),
            F::DistrictSignatory,
        );
        need(letter.district_signed_on.is_some(), F::DistrictSignedOn);
        need(!letter.kde_signatory.trim().is_empty(), F::KdeSignatory);
        need(letter.kde_signed_on.is_some(), F::KdeSignedOn);
    }
    if to == S::Terminated {
        need(letter.terminated_on.is_some(), F::TerminatedOn);
        need(letter.terminated_by.is_some(), F::TerminatedBy);
        need(
            !letter.termination_reason.trim().is_empty(),
            F::TerminationReason,
        );
    }
    for &field in &missing {
        errors.add(field, format!("Needed for {}", to.label()));
    }
    if !missing.is_empty() {
        let list: Vec<&str> = missing.iter().map(|f| f.describe()).collect();
        errors.add(
            F::Status,
            format!("To mark it {}, fill in {}", to.label(), list.join(", ")),
        );
    }

    check_dates(year, to, letter, &mut errors);

    if !errors.is_empty() {
        return Err(errors);
    }
    let mut tidy = letter.clone();
    if to != S::Terminated {
        tidy.terminated_on = None;
        tidy.terminated_by = None;
        tidy.termination_reason.clear();
    }
    for text in [
        &mut tidy.district_signatory,
        &mut tidy.kde_signatory,
        &mut tidy.termination_reason,
    ] {
        *text = text.trim().to_owned();
    }
    for text in [
        &mut tidy.reflections,
        &mut tidy.plans,
        &mut tidy.learning_goal,
    ] {
        *text = text.trim_end().to_owned();
    }
    let mut seen = BTreeSet::new();
    tidy.points_of_contact.retain(|id| seen.insert(*id));
    Ok(tidy)
}

/// Dates fall inside the school year the letter is for, or the year before
/// (next year's letters are sent, signed and returned in the spring), a
/// termination inside the year; and they follow each other in order.
fn check_dates(
    year: SchoolYear,
    to: MembershipStatus,
    letter: &Letter,
    errors: &mut FieldErrors<LetterField>,
) {
    use LetterField as F;
    let season = format!(
        "Must fall in {} or {year} ({} – {})",
        year.previous(),
        validate::display_date(year.previous().first_day()),
        validate::display_date(year.last_day())
    );
    for (field, date) in [
        (F::ReceivedOn, letter.received_on),
        (F::DistrictSignedOn, letter.district_signed_on),
        (F::KdeSignedOn, letter.kde_signed_on),
    ] {
        if date.is_some_and(|d| d < year.previous().first_day() || d > year.last_day()) {
            errors.add(field, season.clone());
        }
    }
    if let Some(terminated) = letter
        .terminated_on
        .filter(|_| to == MembershipStatus::Terminated)
        && !year.contains(terminated)
    {
        errors.add(
            F::TerminatedOn,
            format!(
                "Must fall in {year} ({} – {})",
                validate::display_date(year.first_day()),
                validate::display_date(year.last_day())
            ),
        );
    }
    if let Some(invited) = letter.invited_on
        && (invited > year.last_day() || invited < year.previous().first_day())
    {
        errors.add(
            F::InvitedOn,
            format!("Must fall in {} or {year}", year.previous()),
        );
    }

    let not_before = |errors: &mut FieldErrors<LetterField>,
                      field,
                      date: Option<NaiveDate>,
                      earlier: Option<NaiveDate>,
                      what: &str| {
        if let (Some(date), Some(earlier)) = (date, earlier)
            && date < earlier
        {
            errors.add(
                field,
                format!(
                    "Cannot be before {what} ({})",
                    validate::display_date(earlier)
                ),
            );
        }
    };
    not_before(
        errors,
        F::ReceivedOn,
        letter.received_on,
        letter.invited_on,
        "the invitation",
    );
    // The district signs the letter before it sends it back; KDE
    // countersigns the letter it received.
    not_before(
        errors,
        F::DistrictSignedOn,
        letter.district_signed_on,
        letter.invited_on,
        "the invitation",
    );
    not_before(
        errors,
        F::KdeSignedOn,
        letter.kde_signed_on,
        letter.received_on,
        "the letter was received",
    );
    if to == MembershipStatus::Terminated {
        let last_signature = letter.district_signed_on.max(letter.kde_signed_on);
        not_before(
            errors,
            F::TerminatedOn,
            letter.terminated_on,
            last_signature,
            "the letter was signed",
        );
    }
}

/// A letter form as typed: dates are text until checked.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LetterDraft {
    pub status: MembershipStatus,
    pub invited_on: String,
    pub received_on: String,
    pub district_signed_on: String,
    pub kde_signed_on: String,
    pub terminated_on: String,
    /// Everything that is not a date is edited in place.
    pub letter: Letter,
}

impl LetterDraft {
    pub fn new(status: MembershipStatus, letter: &Letter) -> Self {
        Self {
            status,
            invited_on: validate::edit_date(letter.invited_on),
            received_on: validate::edit_date(letter.received_on),
            district_signed_on: validate::edit_date(letter.district_signed_on),
            kde_signed_on: validate::edit_date(letter.kde_signed_on),
            terminated_on: validate::edit_date(letter.terminated_on),
            letter: letter.clone(),
        }
    }

    /// The status the letter is saved with: the one chosen, or further on
    /// if its dates say so (a received date makes an invited letter
    /// Received; both signature dates make it Active).
    pub fn status_on_saving(&self) -> MembershipStatus {
        let date = |text: &str| validate::optional_date(text).ok().flatten();
        let shown = Letter {
            received_on: date(&self.received_on),
            district_signed_on: date(&self.district_signed_on),
            kde_signed_on: date(&self.kde_signed_on),
            ..Letter::default()
        }
        .status_shown();
        self.status.max(shown)
    }

    /// Reads the typed dates, then checks the letter for the status it is
    /// saved with (see [`Self::status_on_saving`]).
    pub fn validate(
        &self,
        year: SchoolYear,
        from: Option<MembershipStatus>,
    ) -> Result<(MembershipStatus, Letter), FieldErrors<LetterField>> {
        use LetterField as F;
        let mut errors = FieldErrors::default();
        let mut letter = self.letter.clone();
        letter.invited_on = errors
            .check(
                F::InvitedOn,
                validate::optional_date_in(&self.invited_on, year),
            )
            .flatten();
        letter.received_on = errors
            .check(
                F::ReceivedOn,
                validate::optional_date_in(&self.received_on, year),
            )
            .flatten();
        letter.district_signed_on = errors
            .check(
                F::DistrictSignedOn,
                validate::optional_date_in(&self.district_signed_on, year),
            )
            .flatten();
        letter.kde_signed_on = errors
            .check(
                F::KdeSignedOn,
                validate::optional_date_in(&self.kde_signed_on, year),
            )
            .flatten();
        letter.terminated_on = errors
            .check(
                F::TerminatedOn,
                validate::optional_date_in(&self.terminated_on, year),
            )
            .flatten();
        errors.limit(F::Reflections, &letter.reflections, limits::NOTES);
        errors.limit(F::Plans, &letter.plans, limits::NOTES);
        errors.limit(F::LearningGoal, &letter.learning_goal, limits::NOTES);
        errors.limit(
            F::DistrictSignatory,
            letter.district_signatory.trim(),
            limits::NAME,
        );
        errors.limit(F::KdeSignatory, letter.kde_signatory.trim(), limits::NAME);
        errors.limit(
            F::TerminationReason,
            &letter.termination_reason,
            limits::NOTES,
        );
        let status = self.status.max(letter.status_shown());
        match validate_letter(year, from, status, &letter) {
            Ok(letter) if errors.is_empty() => Ok((status, letter)),
            Ok(_) => Err(errors),
            Err(more) => {
                for (field, message) in more.iter() {
                    errors.add(field, message);
                }
                Err(errors)
            }
        }
    }
}

use proptest::prelude::*;
use strum::VariantArray as _;

use super::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year_2025() -> SchoolYear {
    SchoolYear::starting(2025).unwrap()
}

/// A letter with every field a status can need, dated inside 2025-2026.
fn complete_letter() -> Letter {
    Letter {
        invited_on: Some(date(2025, 5, 1)),
        received_on: Some(date(2025, 8, 4)),
        district_signatory: "Travis Hamby".into(),
        district_signed_on: Some(date(2025, 8, 4)),
        kde_signatory: "Rob Collins".into(),
        kde_signed_on: Some(date(2025, 8, 11)),
        terminated_on: Some(date(2026, 2, 2)),
        terminated_by: Some(NoticeBy::District),
        termination_reason: "Board decision".into(),
        ..Letter::default()
    }
}

const STATUSES: &[MembershipStatus] = MembershipStatus::VARIANTS;

#[test]
fn every_allowed_and_refused_status_change() {
    let letter = complete_letter();
    let froms = std::iter::once(None).chain(STATUSES.iter().copied().map(Some));
    for from in froms {
        for &to in STATUSES {
            let allowed = match from {
                None => to != MembershipStatus::Terminated,
                Some(from) => to >= from,
            };
            let result = validate_letter(year_2025(), from, to, &letter);
            assert_eq!(result.is_ok(), allowed, "{from:?} → {to:?}: {result:?}");
            if !allowed {
                assert!(result.unwrap_err().get(LetterField::Status).is_some());
            }
        }
    }
}

#[test]
fn going_back_says_why() {
    let errors = validate_letter(
        year_2025(),
        Some(MembershipStatus::Active),
        MembershipStatus::Received,
        &complete_letter(),
    )
    .unwrap_err();
    assert_eq!(
        errors.get(LetterField::Status),
        Some("An active letter cannot go back to Received")
    );
}

#[test]
fn active_needs_both_signatures_and_says_what_is_missing() {
    let letter = Letter {
        kde_signatory: String::new(),
        kde_signed_on: None,
        ..complete_letter()
    };
    let errors = validate_letter(
        year_2025(),
        Some(MembershipStatus::Received),
        MembershipStatus::Active,
        &letter,
    )
    .unwrap_err();
    assert_eq!(
        errors.get(LetterField::Status),
        Some("To mark it Active, fill in the KDE signatory, KDE's signature date")
    );
    assert_eq!(
        errors.get(LetterField::KdeSignedOn),
        Some("Needed for Active")
    );
    assert!(errors.get(LetterField::DistrictSignedOn).is_none());
}

#[test]
fn each_status_needs_its_fields() {
    let empty = Letter::default();
    let needs = |to| {
        let errors = validate_letter(year_2025(), None, to, &empty).unwrap_err();
        let mut fields: Vec<LetterField> = errors
            .iter()
            .map(|(f, _)| f)
            .filter(|f| *f != LetterField::Status)
            .collect();
        fields.sort();
        fields
    };
    use LetterField as F;
    assert_eq!(needs(MembershipStatus::Invited), [F::InvitedOn]);
    assert_eq!(needs(MembershipStatus::Received), [F::ReceivedOn]);
    assert_eq!(
        needs(MembershipStatus::Active),
        [
            F::ReceivedOn,
            F::DistrictSignatory,
            F::DistrictSignedOn,
            F::KdeSignatory,
            F::KdeSignedOn
        ]
    );
    let letter = Letter {
        terminated_on: None,
        terminated_by: None,
        termination_reason: " ".into(),
        ..complete_letter()
    };
    let errors = validate_letter(
        year_2025(),
        Some(MembershipStatus::Active),
        MembershipStatus::Terminated,
        &letter,
    )
    .unwrap_err();
    assert!(errors.get(F::TerminatedOn).is_some());
    assert!(errors.get(F::TerminatedBy).is_some());
    assert!(errors.get(F::TerminationReason).is_some());
}

#[test]
fn a_letter_received_without_an_invitation_may_skip_invited() {
    let letter = Letter {
        invited_on: None,
        ..complete_letter()
    };
    assert!(validate_letter(year_2025(), None, MembershipStatus::Received, &letter).is_ok());
    assert!(validate_letter(year_2025(), None, MembershipStatus::Active, &letter).is_ok());
}

#[test]
fn dates_fall_in_the_letters_school_year_or_the_spring_before() {
    let received = |on| Letter {
        received_on: Some(on),
        ..Letter::default()
    };
    // Next year's letter comes back in the spring.
    for on in [date(2025, 5, 12), date(2024, 7, 1), date(2026, 6, 30)] {
        assert!(
            validate_letter(year_2025(), None, MembershipStatus::Received, &received(on)).is_ok()
        );
    }
    for on in [date(2024, 6, 30), date(2026, 7, 1)] {
        let errors = validate_letter(year_2025(), None, MembershipStatus::Received, &received(on))
            .unwrap_err();
        assert_eq!(
            errors.get(LetterField::ReceivedOn),
            Some("Must fall in 2024-2025 or 2025-2026 (Jul 1, 2024 – Jun 30, 2026)")
        );
    }

    // An invitation goes out in the spring before; not two years before.
    let invited = |on| Letter {
        invited_on: Some(on),
        ..Letter::default()
    };
    assert!(
        validate_letter(
            year_2025(),
            None,
            MembershipStatus::Invited,
            &invited(date(2025, 4, 1))
        )
        .is_ok()
    );
    assert!(
        validate_letter(
            year_2025(),
            None,
            MembershipStatus::Invited,
            &invited(date(2024, 6, 30))
        )
        .is_err()
    );
    assert!(
        validate_letter(
            year_2025(),
            None,
            MembershipStatus::Invited,
            &invited(date(2026, 7, 1))
        )
        .is_err()
    );
}

#[test]
fn the_district_signs_before_sending_and_kde_countersigns_what_it_received() {
    // Signed on the 1st, received on the 4th: as letters come.
    let letter = Letter {
        district_signed_on: Some(date(2025, 8, 1)),
        ..complete_letter()
    };
    assert!(validate_letter(year_2025(), None, MembershipStatus::Active, &letter).is_ok());
    let countersigned_early = Letter {
        kde_signed_on: Some(date(2025, 8, 1)),
        ..complete_letter()
    };
    let errors = validate_letter(
        year_2025(),
        None,
        MembershipStatus::Active,
        &countersigned_early,
    )
    .unwrap_err();
    assert_eq!(
        errors.get(LetterField::KdeSignedOn),
        Some("Cannot be before the letter was received (Aug 4, 2025)")
    );
    let before_the_invitation = Letter {
        invited_on: Some(date(2025, 8, 2)),
        district_signed_on: Some(date(2025, 8, 1)),
        ..complete_letter()
    };
    let errors = validate_letter(
        year_2025(),
        None,
        MembershipStatus::Active,
        &before_the_invitation,
    )
    .unwrap_err();
    assert!(
        errors
            .get(LetterField::DistrictSignedOn)
            .is_some_and(|e| e.starts_with("Cannot be before the invitation")),
        "{errors:?}"
    );
    let early_end = Letter {
        terminated_on: Some(date(2025, 8, 5)),
        ..complete_letter()
    };
    let errors = validate_letter(
        year_2025(),
        Some(MembershipStatus::Active),
        MembershipStatus::Terminated,
        &early_end,
    )
    .unwrap_err();
    assert!(errors.get(LetterField::TerminatedOn).is_some());
}

#[test]
fn termination_details_stay_only_on_a_terminated_membership() {
    let letter = validate_letter(
        year_2025(),
        None,
        MembershipStatus::Active,
        &complete_letter(),
    )
    .unwrap();
    assert_eq!((letter.terminated_on, letter.terminated_by), (None, None));
    assert!(letter.termination_reason.is_empty());
}

#[test]
fn lapsed_is_active_last_year_with_no_letter_this_year() {
    use MembershipStatus as S;
    assert_eq!(standing(None, Some(S::Active)), Standing::Lapsed);
    assert_eq!(
        standing(Some(S::Invited), Some(S::Active)),
        Standing::Invited
    );
    assert_eq!(
        standing(Some(S::Received), Some(S::Active)),
        Standing::Received
    );
    assert_eq!(standing(None, Some(S::Terminated)), Standing::NotMember);
    assert_eq!(standing(None, Some(S::Received)), Standing::NotMember);
    assert_eq!(standing(None, None), Standing::NotMember);
}

#[test]
fn next_year_s_letter_returned_in_the_spring_renews_the_district() {
    // Active in 2024-2025. Its letter for 2025-2026, received on June 30,
    // 2025 (the spring before), renews it; without one it has lapsed.
    let last_year = Some(MembershipStatus::Active);
    let letter = Letter {
        received_on: Some(date(2025, 6, 30)),
        ..Letter::default()
    };
    let renewed = validate_letter(year_2025(), None, MembershipStatus::Received, &letter)
        .ok()
        .map(|_| MembershipStatus::Received);
    assert_eq!(standing(renewed, last_year), Standing::Received);
    assert_eq!(standing(None, last_year), Standing::Lapsed);
    assert_eq!(
        SchoolYear::containing(date(2025, 6, 30)),
        year_2025().previous()
    );
}

#[test]
fn typed_dates_are_read_before_checking() {
    let mut draft = LetterDraft::new(MembershipStatus::Received, &Letter::default());
    draft.received_on = "8/4/2025".into();
    let (status, letter) = draft
        .validate(year_2025(), Some(MembershipStatus::Invited))
        .unwrap();
    assert_eq!(status, MembershipStatus::Received);
    assert_eq!(letter.received_on, Some(date(2025, 8, 4)));
    draft.received_on = "soon".into();
    let errors = draft
        .validate(year_2025(), Some(MembershipStatus::Invited))
        .unwrap_err();
    assert!(
        errors
            .get(LetterField::ReceivedOn)
            .unwrap()
            .starts_with("Not a date")
    );
}

/// One thing a user can do to a letter in the form.
#[derive(Clone, Debug)]
enum Action {
    SetStatus(MembershipStatus),
    SignDistrict(Option<NaiveDate>, &'static str),
    SignKde(Option<NaiveDate>, &'static str),
    Receive(Option<NaiveDate>),
    Terminate(Option<NaiveDate>),
}

fn any_date() -> impl Strategy<Value = Option<NaiveDate>> {
    prop::option::of((2024i32..=2026, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| date(y, m, d)))
}

fn any_action() -> impl Strategy<Value = Action> {
    let names = prop::sample::select(vec!["", " ", "Travis Hamby", "Rob Collins"]);
    prop_oneof![
        prop::sample::select(STATUSES.to_vec()).prop_map(Action::SetStatus),
        (any_date(), names.clone()).prop_map(|(d, n)| Action::SignDistrict(d, n)),
        (any_date(), names).prop_map(|(d, n)| Action::SignKde(d, n)),
        any_date().prop_map(Action::Receive),
        any_date().prop_map(Action::Terminate),
    ]
}

proptest! {
    /// Whatever the user does, in any order, a membership that the rules
    /// accept as Active (or later Terminated) carries both signatures.
    #[test]
    fn no_sequence_of_actions_makes_an_unsigned_membership_active(actions in prop::collection::vec(any_action(), 0..40)) {
        let mut saved: Option<(MembershipStatus, Letter)> = None;
        let mut draft_status = MembershipStatus::Invited;
        let mut draft = Letter { invited_on: Some(date(2025, 5, 1)), ..Letter::default() };
        for action in actions {
            match action {
                Action::SetStatus(status) => draft_status = status,
                Action::SignDistrict(on, name) => { draft.district_signed_on = on; draft.district_signatory = name.into(); }
                Action::SignKde(on, name) => { draft.kde_signed_on = on; draft.kde_signatory = name.into(); }
                Action::Receive(on) => draft.received_on = on,
                Action::Terminate(on) => {
                    draft.terminated_on = on;
                    draft.terminated_by = Some(NoticeBy::Kde);
                    draft.termination_reason = "Did not attend".into();
                }
            }
            // Each action is followed by a save attempt, as the form does.
            let from = saved.as_ref().map(|(status, _)| *status);
            if let Ok(letter) = validate_letter(year_2025(), from, draft_status, &draft) {
                saved = Some((draft_status, letter));
            }
            if let Some((status, letter)) = &saved
                && *status >= MembershipStatus::Active
            {
                prop_assert!(letter.is_countersigned(), "{status:?} without signatures: {letter:?}");
            }
        }
    }
}

proptest! {
    /// Every ordering rule of a letter's dates, for any dates: received on
    /// or after the invitation, the district's signature on or after the
    /// invitation, KDE's on or after the letter was received, a termination
    /// on or after the last signature. A letter accepted keeps
    /// them all; one breaking any is refused.
    #[test]
    fn a_letter_accepted_has_its_dates_in_order(
        invited in 0i64..700,
        received in 0i64..700,
        district in 0i64..700,
        kde in 0i64..700,
        terminated in 0i64..700,
    ) {
        let day = |n: i64| Some(date(2024, 7, 1) + chrono::Duration::days(n));
        let letter = Letter {
            invited_on: day(invited),
            received_on: day(received),
            district_signatory: "Superintendent".into(),
            district_signed_on: day(district),
            kde_signatory: "KDE designee".into(),
            kde_signed_on: day(kde),
            terminated_on: day(terminated),
            terminated_by: Some(NoticeBy::District),
            termination_reason: "Board vote".into(),
            ..Letter::default()
        };
        let ordered = invited <= received
            && invited <= district
            && received <= kde
            && district.max(kde) <= terminated;
        let result = validate_letter(year_2025(), Some(MembershipStatus::Active), MembershipStatus::Terminated, &letter);
        let in_year = |n: i64| year_2025().contains(date(2024, 7, 1) + chrono::Duration::days(n));
        let dates_in_year = [received, district, kde, terminated].into_iter().all(in_year)
            && invited >= 0 && date(2024, 7, 1) + chrono::Duration::days(invited) <= year_2025().last_day();
        match result {
            Ok(_) => prop_assert!(ordered, "accepted out of order: {letter:?}"),
            Err(errors) => prop_assert!(!ordered || !dates_in_year, "refused in order: {errors:?}"),
        }
    }
}

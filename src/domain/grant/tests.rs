// Amounts in cents are written dollars_cents, e.g. 4_500_00 for $4,500.00.
#![allow(clippy::inconsistent_digit_grouping)]

use super::*;
use crate::domain::validate;
use strum::VariantArray as _;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn year() -> SchoolYear {
    SchoolYear::starting(2025).unwrap()
}

/// A form with every field a status can need.
fn complete(status: GrantStatus) -> GrantDraft {
    GrantDraft {
        status,
        district: Some(DistrictId(1)),
        destination: "Iowa BIG".into(),
        city: "Cedar Rapids".into(),
        state: "ia".into(),
        travel_start: "2025-10-06".into(),
        travel_end: "2025-10-08".into(),
        travelers: 3,
        traveler_names: "Pat Doe, Sam Ortiz, Riley Chen".into(),
        requested: "$4,500".into(),
        awarded: "4,000.00".into(),
        paid: "3,912.40".into(),
        received_on: "2025-09-01".into(),
        decided_on: "2025-09-15".into(),
        paid_on: "2025-10-20".into(),
        decline_reason: "Over budget".into(),
        report_on: "2025-11-12".into(),
        ..GrantDraft::new(year())
    }
}

const ALL: &[GrantStatus] = GrantStatus::VARIANTS;

#[test]
fn every_allowed_and_refused_transition() {
    use GrantStatus as S;
    let allowed_pairs = [
        (S::Draft, S::Submitted),
        (S::Draft, S::Withdrawn),
        (S::Submitted, S::UnderReview),
        (S::Submitted, S::Withdrawn),
        (S::UnderReview, S::Awarded),
        (S::UnderReview, S::Declined),
        (S::UnderReview, S::Withdrawn),
        (S::Awarded, S::Paid),
        (S::Awarded, S::Withdrawn),
        (S::Paid, S::Closed),
    ];
    for &from in ALL {
        for &to in ALL {
            let expected = from == to || allowed_pairs.contains(&(from, to));
            let result = complete(to).validate(Some(from), "Allen County", Standing::Active, None);
            assert_eq!(result.is_ok(), expected, "{from:?} → {to:?}: {result:?}");
            if !expected {
                assert!(result.unwrap_err().get(GrantField::Status).is_some());
            }
        }
    }
    for &to in ALL {
        let expected = matches!(to, S::Draft | S::Submitted);
        assert_eq!(
            complete(to)
                .validate(None, "Allen County", Standing::Active, None)
                .is_ok(),
            expected,
            "new → {to:?}"
        );
    }
}

#[test]
fn declined_is_final_and_says_so() {
    let errors = complete(GrantStatus::UnderReview)
        .validate(
            Some(GrantStatus::Declined),
            "Allen County",
            Standing::Active,
            None,
        )
        .unwrap_err();
    assert_eq!(
        errors.get(GrantField::Status),
        Some("Declined cannot become Under review; it can become nothing: it is final")
    );
}

#[test]
fn each_status_needs_its_fields() {
    let bare = |status| GrantDraft {
        status,
        received_on: String::new(),
        decided_on: String::new(),
        awarded: String::new(),
        paid: String::new(),
        paid_on: String::new(),
        decline_reason: String::new(),
        report_on: String::new(),
        ..complete(status)
    };
    let missing = |status, from| {
        let errors = bare(status)
            .validate(Some(from), "Allen County", Standing::Active, None)
            .unwrap_err();
        let mut fields: Vec<GrantField> = errors
            .iter()
            .map(|(f, _)| f)
            .filter(|f| *f != GrantField::Status)
            .collect();
        fields.sort();
        fields
    };
    use GrantField as F;
    use GrantStatus as S;
    assert!(
        bare(S::Draft)
            .validate(None, "Allen County", Standing::Active, None)
            .is_ok()
    );
    assert_eq!(missing(S::Submitted, S::Draft), [F::ReceivedOn]);
    assert_eq!(
        missing(S::Awarded, S::UnderReview),
        [F::Awarded, F::ReceivedOn, F::DecidedOn]
    );
    assert_eq!(
        missing(S::Declined, S::UnderReview),
        [F::ReceivedOn, F::DecidedOn, F::DeclineReason]
    );
    assert_eq!(
        missing(S::Paid, S::Awarded),
        [F::Awarded, F::Paid, F::ReceivedOn, F::DecidedOn, F::PaidOn]
    );
    assert_eq!(
        missing(S::Closed, S::Paid),
        [
            F::Awarded,
            F::Paid,
            F::ReceivedOn,
            F::DecidedOn,
            F::PaidOn,
            F::ReportOn
        ]
    );
}

#[test]
fn the_form_checks_what_people_type() {
    let draft = GrantDraft {
        travel_end: "2025-10-01".into(),
        requested: "-5".into(),
        awarded: "$5,000".into(),
        state: "Tennessee".into(),
        travelers: 0,
        ..complete(GrantStatus::Draft)
    };
    let errors = draft
        .validate(None, "Allen County", Standing::Active, None)
        .unwrap_err();
    assert_eq!(
        errors.get(GrantField::TravelEnd),
        Some("Cannot be before the start")
    );
    assert_eq!(
        errors.get(GrantField::Requested),
        Some("An amount cannot be negative")
    );
    assert_eq!(
        errors.get(GrantField::State),
        Some("Use the two-letter code, e.g. TN")
    );
    assert_eq!(
        errors.get(GrantField::Travelers),
        Some("At least one traveler")
    );

    let too_much = GrantDraft {
        awarded: "$5,000".into(),
        ..complete(GrantStatus::Awarded)
    };
    let errors = too_much
        .validate(
            Some(GrantStatus::UnderReview),
            "Allen County",
            Standing::Active,
            None,
        )
        .unwrap_err();
    assert_eq!(
        errors.get(GrantField::Awarded),
        Some("Cannot be more than the $4,500.00 requested")
    );

    let fields = complete(GrantStatus::Awarded)
        .validate(
            Some(GrantStatus::UnderReview),
            "Allen County",
            Standing::Active,
            None,
        )
        .unwrap();
    assert_eq!(fields.requested.cents(), 450_000);
    assert_eq!(fields.awarded.map(Money::cents), Some(400_000));
    assert_eq!(fields.state, "IA");
}

#[test]
fn only_an_active_member_may_submit_unless_a_reason_is_given() {
    for standing in [
        Standing::Invited,
        Standing::Received,
        Standing::Lapsed,
        Standing::NotMember,
        Standing::Terminated,
    ] {
        let errors = complete(GrantStatus::Submitted)
            .validate(Some(GrantStatus::Draft), "Allen County", standing, None)
            .unwrap_err();
        assert!(errors.get(GrantField::District).is_some(), "{standing:?}");
        assert!(
            errors.get(GrantField::OverrideReason).is_some(),
            "{standing:?}"
        );
    }
    let errors = complete(GrantStatus::Submitted)
        .validate(
            Some(GrantStatus::Draft),
            "Allen County",
            Standing::Received,
            None,
        )
        .unwrap_err();
    assert_eq!(
        errors.get(GrantField::District),
        Some("Allen County has no active Letter of Commitment for 2025-2026")
    );

    // A draft may be written before the letter is in.
    assert!(
        complete(GrantStatus::Draft)
            .validate(None, "Allen County", Standing::Invited, None)
            .is_ok()
    );
    let overridden = GrantDraft {
        override_reason: "Letter signed, countersignature pending at KDE".into(),
        ..complete(GrantStatus::Submitted)
    };
    let fields = overridden
        .validate(
            Some(GrantStatus::Draft),
            "Allen County",
            Standing::Received,
            None,
        )
        .unwrap();
    assert_eq!(
        fields.override_reason,
        "Letter signed, countersignature pending at KDE"
    );
}

#[test]
fn eligibility_is_per_school_year() {
    let y2025 = year();
    let y2026 = y2025.next();
    assert!(eligibility("Allen County", y2025, Standing::Active).is_ok());
    assert_eq!(
        eligibility("Allen County", y2026, Standing::Lapsed),
        Err("Allen County has no active Letter of Commitment for 2026-2027".to_owned())
    );
    // The trip must fall in the year it is funded from.
    let next_year_trip = GrantDraft {
        travel_start: "2026-07-10".into(),
        travel_end: "2026-07-12".into(),
        ..complete(GrantStatus::Draft)
    };
    let errors = next_year_trip
        .validate(None, "Allen County", Standing::Active, None)
        .unwrap_err();
    assert_eq!(
        errors.get(GrantField::TravelStart),
        Some("The trip must start in 2025-2026")
    );
}

#[test]
fn fund_arithmetic_over_many_awards() {
    let fields = |awarded: i64, paid: i64| GrantFields {
        awarded: Money::from_cents(awarded),
        paid: Money::from_cents(paid),
        ..complete(GrantStatus::Draft)
            .validate(None, "Allen County", Standing::Active, None)
            .unwrap()
    };
    let applications: Vec<(GrantStatus, GrantFields)> = (0..100)
        .map(|i| {
            let status = match i % 4 {
                0 => GrantStatus::Awarded,
                1 => GrantStatus::Paid,
                2 => GrantStatus::Closed,
                _ => GrantStatus::Declined,
            };
            (
                status,
                fields(
                    100_00 + i,
                    if status == GrantStatus::Awarded {
                        0
                    } else {
                        90_00
                    },
                ),
            )
        })
        .collect();
    let fund = Money::from_cents(50_000_00);
    let summary = FundSummary::of(fund, applications.iter().map(|(s, f)| (*s, f)));
    let expected_awarded: i64 = applications
        .iter()
        .filter(|(s, _)| s.commits_funds())
        .map(|(_, f)| f.awarded.unwrap().cents())
        .sum();
    assert_eq!(summary.awarded.cents(), expected_awarded);
    assert_eq!(summary.paid.cents(), 50 * 90_00);
    assert_eq!(
        summary.remaining_cents(),
        Some(50_000_00 - expected_awarded)
    );
    assert_eq!(
        summary.overrun_with(Money::from_cents(1_000_00).unwrap(), Money::ZERO),
        None
    );
    let big = Money::from_cents(50_000_00).unwrap();
    assert_eq!(
        summary.overrun_with(big, Money::ZERO),
        Some(expected_awarded)
    );
    // Raising an existing award only counts the difference.
    let previous = Money::from_cents(100_00).unwrap();
    assert_eq!(summary.overrun_with(previous, previous), None);
    assert_eq!(FundSummary::of(None, []).remaining_cents(), None);
}

#[test]
fn attention_follows_the_calendar() {
    let base = complete(GrantStatus::Draft)
        .validate(None, "Allen County", Standing::Active, None)
        .unwrap();
    let today = date(2026, 1, 15);
    assert_eq!(
        attention(GrantStatus::Submitted, &base, date(2025, 9, 20), 30),
        None
    );
    assert_eq!(
        attention(GrantStatus::Submitted, &base, date(2025, 10, 2), 30),
        Some(Attention::Undecided)
    );
    assert_eq!(
        attention(GrantStatus::Awarded, &base, date(2025, 10, 8), 30),
        None,
        "not over yet"
    );
    assert_eq!(
        attention(GrantStatus::Awarded, &base, date(2025, 10, 9), 30),
        Some(Attention::Unpaid)
    );
    let unreported = GrantFields {
        report_on: None,
        ..base.clone()
    };
    assert_eq!(
        attention(GrantStatus::Paid, &unreported, date(2025, 12, 7), 30),
        None,
        "60 days after Oct 8 is Dec 7"
    );
    assert_eq!(
        attention(GrantStatus::Paid, &unreported, date(2025, 12, 8), 30),
        Some(Attention::ReportOverdue)
    );
    assert_eq!(
        attention(GrantStatus::Paid, &base, today, 30),
        None,
        "report is in"
    );
    assert_eq!(attention(GrantStatus::Closed, &unreported, today, 30), None);
}

proptest::proptest! {
    /// Any sequence of status changes the rules accept keeps the award
    /// within the request.
    #[test]
    fn accepted_awards_never_exceed_requests(steps in proptest::collection::vec((0usize..8, 0i64..1_000_000, 0i64..1_000_000), 0..30)) {
        let mut saved: Option<GrantStatus> = None;
        for (status, requested, awarded) in steps {
            let draft = GrantDraft {
                requested: Money::from_cents(requested).unwrap().to_string(),
                awarded: Money::from_cents(awarded).unwrap().to_string(),
                ..complete(ALL[status])
            };
            if let Ok(fields) = draft.validate(saved, "Allen County", Standing::Active, None) {
                saved = Some(ALL[status]);
                if let Some(awarded) = fields.awarded {
                    proptest::prop_assert!(awarded <= fields.requested);
                }
            }
        }
    }
}

/// A day of the 2025-2026 school year (or just around it).
fn any_day() -> impl proptest::strategy::Strategy<Value = NaiveDate> {
    use proptest::strategy::Strategy as _;
    (0i64..420).prop_map(|n| date(2025, 6, 1) + chrono::Duration::days(n))
}

fn some_day() -> impl proptest::strategy::Strategy<Value = Option<NaiveDate>> {
    proptest::option::of(any_day())
}

proptest::proptest! {
    /// Every ordering rule of an application's dates, checked for any dates:
    /// travel starts ≤ ends; received ≤ decided ≤ paid; the report back on
    /// or after the trip ended, at a convening held on or after it. A saved
    /// application keeps them all; one breaking any is refused, naming the
    /// field that is out of order.
    #[test]
    fn an_application_accepted_has_its_dates_in_order(
        start in any_day(),
        length in -5i64..10,
        received in some_day(),
        decided in some_day(),
        paid in some_day(),
        report in some_day(),
        convening in some_day(),
    ) {
        let end = start + chrono::Duration::days(length);
        let text = |d: Option<NaiveDate>| validate::edit_date(d);
        let draft = GrantDraft {
            travel_start: text(Some(start)),
            travel_end: text(Some(end)),
            received_on: text(received),
            decided_on: text(decided),
            paid_on: text(paid),
            report_on: text(report),
            report_convening: convening.map(|_| ConveningId(1)),
            ..complete(GrantStatus::Draft)
        };
        let in_order = |a: Option<NaiveDate>, b: Option<NaiveDate>| match (a, b) {
            (Some(a), Some(b)) => a <= b,
            _ => true,
        };
        let ordered = start <= end
            && in_order(received, decided)
            && in_order(decided.or(received), paid)
            && in_order(Some(end), report)
            && in_order(Some(end), convening);
        let result = draft.validate(Some(GrantStatus::Draft), "Allen County", Standing::Active, convening);
        match result {
            Ok(fields) => {
                proptest::prop_assert!(ordered, "accepted out of order: {fields:?}");
                proptest::prop_assert!(fields.travel_start <= fields.travel_end);
            }
            Err(errors) => {
                let order_fields = [GrantField::TravelEnd, GrantField::DecidedOn, GrantField::PaidOn, GrantField::ReportOn, GrantField::ReportConvening];
                let said = order_fields.iter().any(|f| errors.get(*f).is_some());
                // Only the ordering rules can refuse this draft (start must
                // also fall in the school year).
                let start_outside = !year().contains(start);
                proptest::prop_assert!(!ordered || start_outside, "refused in order: {errors:?}");
                if !ordered {
                    proptest::prop_assert!(said, "out of order without saying where: {errors:?}");
                }
            }
        }
    }

    /// Any date typed into any date field of the form is within the
    /// plausible years, or refused with the field's own message.
    #[test]
    fn a_date_outside_the_plausible_years_is_refused_in_its_field(year in 0i32..3000, field in 0usize..6) {
        let typed = format!("{year:04}-10-07");
        let mut draft = complete(GrantStatus::Closed);
        let target = [GrantField::TravelStart, GrantField::TravelEnd, GrantField::ReceivedOn, GrantField::DecidedOn, GrantField::PaidOn, GrantField::ReportOn][field];
        match target {
            GrantField::TravelStart => draft.travel_start = typed,
            GrantField::TravelEnd => draft.travel_end = typed,
            GrantField::ReceivedOn => draft.received_on = typed,
            GrantField::DecidedOn => draft.decided_on = typed,
            GrantField::PaidOn => draft.paid_on = typed,
            _ => draft.report_on = typed,
        }
        let result = draft.validate(Some(GrantStatus::Closed), "Allen County", Standing::Active, None);
        if !validate::PLAUSIBLE_YEARS.contains(&year) {
            let errors = result.expect_err("an implausible year is refused");
            let message = errors.get(target).unwrap_or_default();
            proptest::prop_assert!(message.contains("2000 and 2100"), "{target:?}: {message}");
        }
    }
}

//! Enums the database keeps by a code ("point_of_contact", "GRREC"): the
//! code and the list of variants are derived (strum), and every enum reads
//! its code back the same way.

/// An enum with a code for each variant, as the database keeps it.
pub trait Coded: Copy + strum::VariantArray + Into<&'static str> {
    fn code(self) -> &'static str {
        self.into()
    }

    fn from_code(code: &str) -> Option<Self> {
        Self::VARIANTS.iter().copied().find(|v| v.code() == code)
    }
}

impl<T: Copy + strum::VariantArray + Into<&'static str>> Coded for T {}

#[cfg(test)]
mod tests {
    use super::Coded;
    use crate::domain::{
        AttendanceStatus, ContactRole, ConveningKind, Cooperative, DistrictKind, ExcusedPolicy,
        GrantStatus, MembershipStatus, NoticeBy, Purpose,
    };

    /// The codes stored rosters hold: a derived code must never change.
    #[test]
    fn the_stored_codes_stay_as_they_were() {
        fn codes<T: Coded>() -> Vec<&'static str> {
            T::VARIANTS.iter().map(|v| v.code()).collect()
        }
        assert_eq!(
            codes::<ContactRole>(),
            ["superintendent", "point_of_contact", "other"]
        );
        assert_eq!(codes::<DistrictKind>(), ["county", "independent"]);
        assert_eq!(
            codes::<Cooperative>(),
            [
                "CKEC", "GRREC", "KEDC", "KVEC", "NKCES", "OVEC", "SESC", "WKEC"
            ]
        );
        assert_eq!(
            codes::<GrantStatus>(),
            [
                "draft",
                "submitted",
                "under_review",
                "awarded",
                "declined",
                "withdrawn",
                "paid",
                "closed"
            ]
        );
        assert_eq!(codes::<Purpose>(), ["model_site_visit", "conference"]);
        assert_eq!(
            codes::<MembershipStatus>(),
            ["invited", "received", "active", "terminated"]
        );
        assert_eq!(codes::<NoticeBy>(), ["district", "kde"]);
        assert_eq!(
            codes::<ConveningKind>(),
            [
                "virtual",
                "in_person",
                "study_tour",
                "presentation_of_learning",
                "workshop",
                "other"
            ]
        );
        assert_eq!(
            codes::<AttendanceStatus>(),
            ["attended", "absent", "excused"]
        );
        assert_eq!(
            codes::<ExcusedPolicy>(),
            ["not_counted", "as_attended", "as_absent"]
        );
        assert_eq!(
            GrantStatus::from_code("under_review"),
            Some(GrantStatus::UnderReview)
        );
        assert_eq!(GrantStatus::from_code("Under review"), None);
    }
}

//! Which column of a table of letters, attendance or grants is which: the
//! fields each kind of table has, the headings people give them (the app's
//! own exports' among them), and the guess made from a file's headings.

use strum::VariantArray as _;

use super::RecordKind;
use crate::domain::{ActionArea, BigIdea};
use crate::import::canonical_heading;

/// A field a column of a record table can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Col {
    District,
    KdeNumber,
    NcesId,
    SchoolYear,
    Status,
    // A letter.
    Invited,
    Received,
    Superintendent,
    PointsOfContact,
    Reflections,
    Plans,
    LearningGoal,
    /// One column listing the big ideas.
    BigIdeas,
    /// One column listing the action areas.
    ActionAreas,
    /// A column of ticks for one big idea.
    Idea(BigIdea),
    /// A column of ticks for one action area.
    Area(ActionArea),
    DistrictSignatory,
    DistrictSigned,
    KdeSignatory,
    KdeSigned,
    Terminated,
    NoticeBy,
    TerminationReason,
    // A convening, and a line of its attendance.
    ConveningDate,
    Convening,
    ConveningKind,
    Location,
    StartsAt,
    EndsAt,
    TimeZone,
    Description,
    Organiser,
    Note,
    People,
    Minutes,
    /// A column of a grid headed by a convening (its date or name).
    ConveningColumn,
    // A grant application.
    Applicant,
    Purpose,
    Destination,
    City,
    State,
    TravelStarts,
    TravelEnds,
    Travelers,
    TravelerNames,
    Requested,
    Awarded,
    Paid,
    GrantReceived,
    Decided,
    PaidOn,
    ReportBack,
    ReportConvening,
    DeclineReason,
    OverrideReason,
    // A year's fund, and a setting.
    Fund,
    Setting,
    Value,
    // A person of the network.
    PersonName,
    Title,
    Organisation,
    Email,
    Phone,
    NetworkRole,
    CcOnDrafts,
    Active,
}

impl Col {
    pub fn label(self) -> String {
        match self {
            Self::Idea(idea) => format!("Big idea: {}", idea.label()),
            Self::Area(area) => format!("Action area: {}", area.label()),
            other => other.plain_label().to_owned(),
        }
    }

    fn plain_label(self) -> &'static str {
        match self {
            Self::District => "District",
            Self::KdeNumber => "KDE number",
            Self::NcesId => "NCES LEA ID",
            Self::SchoolYear => "School year",
            Self::Status => "Status",
            Self::Invited => "Invited on",
            Self::Received => "Received on",
            Self::Superintendent => "Superintendent",
            Self::PointsOfContact => "Points of contact",
            Self::Reflections => "Reflections",
            Self::Plans => "Plans",
            Self::LearningGoal => "Learning goal",
            Self::BigIdeas => "Big ideas (listed)",
            Self::ActionAreas => "Action areas (listed)",
            Self::DistrictSignatory => "District signatory",
            Self::DistrictSigned => "District signed on",
            Self::KdeSignatory => "KDE signatory",
            Self::KdeSigned => "KDE signed on",
            Self::Terminated => "Terminated on",
            Self::NoticeBy => "Notice given by",
            Self::TerminationReason => "Termination reason",
            Self::ConveningDate => "Convening date",
            Self::Convening => "Convening",
            Self::ConveningKind => "Convening kind",
            Self::Location => "Location",
            Self::StartsAt => "Starts",
            Self::EndsAt => "Ends",
            Self::TimeZone => "Time zone",
            Self::Description => "Description",
            Self::Organiser => "Organiser",
            Self::Note => "Note",
            Self::People => "People who came",
            Self::Minutes => "Minutes",
            Self::ConveningColumn => "A convening",
            Self::Applicant => "Applicant",
            Self::Purpose => "Purpose",
            Self::Destination => "Destination",
            Self::City => "City",
            Self::State => "State",
            Self::TravelStarts => "Travel starts",
            Self::TravelEnds => "Travel ends",
            Self::Travelers => "Travelers",
            Self::TravelerNames => "Traveler names",
            Self::Requested => "Requested",
            Self::Awarded => "Awarded",
            Self::Paid => "Paid",
            Self::GrantReceived => "Received on",
            Self::Decided => "Decided on",
            Self::PaidOn => "Paid on",
            Self::ReportBack => "Report back",
            Self::ReportConvening => "Reported at",
            Self::DeclineReason => "Reason declined",
            Self::OverrideReason => "Accepted without an active letter because",
            Self::Fund => "Fund",
            Self::Setting => "Setting",
            Self::Value => "Value",
            Self::PersonName => "Name",
            Self::Title => "Title",
            Self::Organisation => "Organisation",
            Self::Email => "Email",
            Self::Phone => "Phone",
            Self::NetworkRole => "Role",
            Self::CcOnDrafts => "Cc on drafts",
            Self::Active => "Active",
            Self::Idea(_) | Self::Area(_) => "",
        }
    }

    /// Headings people and the app's exports give this field.
    fn aliases(self) -> Vec<&'static str> {
        let fixed: &[&str] = match self {
            Self::District => &["district", "district name", "name", "lea name", "lea"],
            Self::KdeNumber => &["kde #", "kde number", "kde", "district number"],
            Self::NcesId => &["nces lea id", "nces id", "nces", "lea id"],
            Self::SchoolYear => &["school year", "year", "sy", "membership year", "loc year"],
            Self::Status => &["status", "standing", "letter status", "mark", "attendance"],
            Self::Invited => &["invited", "invited on", "date invited", "loc sent", "sent"],
            Self::Received => &[
                "received",
                "received on",
                "loc received",
                "letter received",
                "date received",
            ],
            Self::Superintendent => &["superintendent", "superintendent name"],
            Self::PointsOfContact => &["points of contact", "point of contact", "poc", "pocs"],
            Self::Reflections => &[
                "reflections",
                "reflections on the previous year",
                "reflection",
            ],
            Self::Plans => &["plans", "plans of action", "plan of action", "plan"],
            Self::LearningGoal => &[
                "learning goal",
                "learning goal or inquiry question",
                "inquiry question",
                "goal",
            ],
            Self::BigIdeas => &["big ideas", "big idea", "united we learn"],
            Self::ActionAreas => &["action areas", "action area", "innovation guide"],
            Self::DistrictSignatory => &["district signatory", "signed by", "district signer"],
            Self::DistrictSigned => &[
                "district signed",
                "district signed on",
                "date signed",
                "signed on",
                "signed",
            ],
            Self::KdeSignatory => &["kde signatory", "kde signer", "countersigned by"],
            Self::KdeSigned => &[
                "kde signed",
                "kde signed on",
                "countersigned",
                "loc countersigned",
            ],
            Self::Terminated => &["terminated", "terminated on", "termination date", "ended"],
            Self::NoticeBy => &["notice by", "notice given by", "terminated by"],
            Self::TerminationReason => &["termination reason", "reason terminated"],
            Self::ConveningDate => &["convening date", "date", "held on", "meeting date"],
            Self::Convening => &["convening", "convening title", "title", "meeting", "event"],
            Self::ConveningKind => &["kind", "convening kind", "type", "format"],
            Self::Location => &["location", "place", "where", "link"],
            Self::StartsAt => &["starts", "start", "start time", "starts at", "from"],
            Self::EndsAt => &["ends", "end", "end time", "ends at", "until"],
            Self::TimeZone => &["time zone", "timezone", "tz", "zone"],
            Self::Description => &["description", "invitation", "details", "agenda"],
            Self::Organiser => &[
                "organiser",
                "organizer",
                "organised by",
                "organized by",
                "host",
            ],
            Self::Note => &["note", "notes", "comments", "comment"],
            Self::People => &["people", "attendees", "people who came", "who came"],
            Self::Minutes => &["minutes", "minutes in the meeting", "time in meeting"],
            Self::ConveningColumn => &[],
            Self::Applicant => &["applicant", "applicant name", "contact", "requested by"],
            Self::Purpose => &["purpose", "trip purpose", "grant purpose"],
            Self::Destination => &["destination", "visiting", "conference", "site"],
            Self::City => &["city"],
            Self::State => &["state", "st"],
            Self::TravelStarts => &[
                "travel starts",
                "travel start",
                "start date",
                "depart",
                "departure",
                "from",
                "travel dates",
            ],
            Self::TravelEnds => &["travel ends", "travel end", "end date", "return", "to"],
            Self::Travelers => &[
                "travelers",
                "travellers",
                "number of travelers",
                "people traveling",
            ],
            Self::TravelerNames => &["traveler names", "traveller names", "who traveled"],
            Self::Requested => &["requested", "amount requested", "request"],
            Self::Awarded => &["awarded", "amount awarded", "award"],
            Self::Paid => &["paid", "amount paid", "reimbursed", "payment"],
            Self::GrantReceived => &[
                "received",
                "received on",
                "application received",
                "submitted on",
            ],
            Self::Decided => &["decided", "decided on", "decision date", "decision"],
            Self::PaidOn => &["paid on", "date paid", "payment date"],
            Self::ReportBack => &["report back", "reported back", "report on", "shared on"],
            Self::ReportConvening => &["reported at", "report convening", "shared at"],
            Self::DeclineReason => &["reason declined", "decline reason", "why declined"],
            Self::OverrideReason => &[
                "accepted without an active letter because",
                "override reason",
                "override",
            ],
            Self::Fund => &["fund", "travel fund", "fund amount", "amount"],
            Self::Setting => &["setting"],
            Self::Value => &["value"],
            Self::PersonName => &["name", "person", "full name"],
            Self::Title => &["title", "job title", "position"],
            Self::Organisation => &["organisation", "organization", "agency", "employer"],
            Self::Email => &["email", "e-mail", "email address"],
            Self::Phone => &["phone", "telephone", "phone number"],
            Self::NetworkRole => &["role"],
            Self::CcOnDrafts => &["cc on drafts", "cc", "copy on drafts"],
            Self::Active => &["active"],
            Self::Idea(_) | Self::Area(_) => &[],
        };
        let mut aliases = fixed.to_vec();
        if let Self::Idea(_) | Self::Area(_) = self {
            aliases.push(self.tick_label());
        }
        aliases
    }

    fn tick_label(self) -> &'static str {
        match self {
            Self::Idea(idea) => idea.label(),
            Self::Area(area) => area.label(),
            _ => "",
        }
    }

    /// Whether one column at most may hold it.
    fn is_single(self) -> bool {
        self != Self::ConveningColumn
    }
}

impl RecordKind {
    /// The fields its table can have, in the order guesses prefer them.
    pub fn fields(self) -> Vec<Col> {
        use Col as C;
        let district = [C::District, C::KdeNumber, C::NcesId];
        let mut fields: Vec<Col> = district.to_vec();
        match self {
            Self::Memberships => {
                fields.extend([
                    C::SchoolYear,
                    C::Status,
                    C::Invited,
                    C::Received,
                    C::Superintendent,
                    C::PointsOfContact,
                    C::Reflections,
                    C::Plans,
                    C::LearningGoal,
                    C::BigIdeas,
                    C::ActionAreas,
                ]);
                fields.extend(BigIdea::VARIANTS.iter().map(|i| C::Idea(*i)));
                fields.extend(ActionArea::VARIANTS.iter().map(|a| C::Area(*a)));
                fields.extend([
                    C::DistrictSignatory,
                    C::DistrictSigned,
                    C::KdeSignatory,
                    C::KdeSigned,
                    C::Terminated,
                    C::NoticeBy,
                    C::TerminationReason,
                ]);
            }
            Self::AttendanceList => fields.extend([
                C::ConveningDate,
                C::Convening,
                C::ConveningKind,
                C::Status,
                C::Note,
                C::People,
                C::Minutes,
            ]),
            Self::AttendanceGrid => fields.push(C::ConveningColumn),
            Self::Grants => fields.extend([
                C::SchoolYear,
                C::Applicant,
                C::Purpose,
                C::Destination,
                C::City,
                C::State,
                C::TravelStarts,
                C::TravelEnds,
                C::Travelers,
                C::TravelerNames,
                C::Requested,
                C::Awarded,
                C::Paid,
                C::Status,
                C::GrantReceived,
                C::Decided,
                C::PaidOn,
                C::ReportBack,
                C::ReportConvening,
                C::DeclineReason,
                C::OverrideReason,
                C::Note,
            ]),
            Self::Convenings => {
                return vec![
                    C::ConveningDate,
                    C::Convening,
                    C::ConveningKind,
                    C::Location,
                    C::StartsAt,
                    C::EndsAt,
                    C::TimeZone,
                    C::Description,
                    C::Organiser,
                    C::Note,
                ];
            }
            Self::Funds => return vec![C::SchoolYear, C::Fund],
            Self::Settings => return vec![C::Setting, C::Value],
            Self::NetworkPeople => {
                return vec![
                    C::PersonName,
                    C::Title,
                    C::Organisation,
                    C::Email,
                    C::Phone,
                    C::NetworkRole,
                    C::CcOnDrafts,
                    C::Active,
                ];
            }
        }
        fields
    }
}

/// For each column of the table, the field it fills, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordMapping(pub Vec<Option<Col>>);

impl RecordMapping {
    /// Guesses from the headings; each field goes to one column at most (a
    /// grid's convening columns aside: any heading with a date, or any
    /// other heading not taken, once the district's column is found).
    pub fn guess(kind: RecordKind, headers: &[String]) -> Self {
        let fields = kind.fields();
        let mut taken: Vec<Col> = Vec::new();
        let mut columns: Vec<Option<Col>> = headers
            .iter()
            .map(|heading| {
                let canonical = canonical_heading(heading);
                let field = fields.iter().copied().find(|field| {
                    field.is_single()
                        && !taken.contains(field)
                        && field
                            .aliases()
                            .iter()
                            .any(|alias| canonical_heading(alias) == canonical)
                });
                taken.extend(field);
                field
            })
            .collect();
        if kind == RecordKind::AttendanceGrid {
            for (column, heading) in columns.iter_mut().zip(headers) {
                if column.is_none() && !heading.trim().is_empty() && !is_summary_heading(heading) {
                    *column = Some(Col::ConveningColumn);
                }
            }
        }
        Self(columns)
    }

    pub fn column_of(&self, field: Col) -> Option<usize> {
        self.0.iter().position(|f| *f == Some(field))
    }

    /// What is missing for an import of `kind` to make sense.
    pub fn problem(&self, kind: RecordKind) -> Option<String> {
        let has = |field| self.column_of(field).is_some();
        let needs_district = !matches!(
            kind,
            RecordKind::Convenings
                | RecordKind::Funds
                | RecordKind::Settings
                | RecordKind::NetworkPeople
        );
        if needs_district && !has(Col::District) && !has(Col::KdeNumber) && !has(Col::NcesId) {
            return Some(
                "Choose the column that names the district (its name, KDE number or NCES ID)."
                    .to_owned(),
            );
        }
        let need = |field: Col| {
            (!has(field)).then(|| {
                format!(
                    "Choose the column with the {}.",
                    field.label().to_lowercase()
                )
            })
        };
        let missing = match kind {
            RecordKind::Memberships => None,
            RecordKind::AttendanceGrid => (!has(Col::ConveningColumn))
                .then(|| "Choose at least one column headed by a convening.".to_owned()),
            RecordKind::AttendanceList => need(Col::ConveningDate).or_else(|| need(Col::Status)),
            RecordKind::Grants => need(Col::Destination)
                .or_else(|| need(Col::TravelStarts))
                .or_else(|| need(Col::Requested)),
            RecordKind::Convenings => need(Col::ConveningDate).or_else(|| need(Col::Convening)),
            RecordKind::Funds => need(Col::SchoolYear).or_else(|| need(Col::Fund)),
            RecordKind::Settings => need(Col::Setting).or_else(|| need(Col::Value)),
            RecordKind::NetworkPeople => need(Col::PersonName),
        };
        if missing.is_some() {
            return missing;
        }
        let repeated = self.0.iter().flatten().find(|field| {
            field.is_single() && self.0.iter().filter(|c| **c == Some(**field)).count() > 1
        });
        repeated.map(|f| format!("Two columns are set to “{}”; keep one.", f.label()))
    }
}

/// A grid's columns that sum up a row rather than name a convening.
fn is_summary_heading(heading: &str) -> bool {
    let canonical = canonical_heading(heading);
    let words = [
        "rate",
        "attendance rate",
        "total",
        "attended",
        "counted",
        "percent",
        "flag",
        "flagged",
        "county",
        "co op",
        "coop",
        "standing",
        "notes",
        "note",
        "kde",
        "kde number",
        "nces",
    ];
    words
        .iter()
        .any(|word| canonical == canonical_heading(word))
        || canonical.split(' ').any(|w| w == "under")
        || heading.contains('%')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn guessed(kind: RecordKind, headings: &[&str]) -> Vec<Option<Col>> {
        let headers: Vec<String> = headings.iter().map(|h| (*h).to_owned()).collect();
        RecordMapping::guess(kind, &headers).0
    }

    #[test]
    fn a_grid_takes_every_other_heading_for_a_convening() {
        assert_eq!(
            guessed(
                RecordKind::AttendanceGrid,
                &["District", "9/10/2025", "Fall Summit", "Rate"]
            ),
            [
                Some(Col::District),
                Some(Col::ConveningColumn),
                Some(Col::ConveningColumn),
                None
            ]
        );
    }

    #[test]
    fn a_ledger_is_read_by_its_usual_headings() {
        assert_eq!(
            guessed(
                RecordKind::Grants,
                &[
                    "District",
                    "SY",
                    "Destination",
                    "Depart",
                    "Return",
                    "Amount Requested",
                    "Award"
                ]
            ),
            [
                Some(Col::District),
                Some(Col::SchoolYear),
                Some(Col::Destination),
                Some(Col::TravelStarts),
                Some(Col::TravelEnds),
                Some(Col::Requested),
                Some(Col::Awarded)
            ]
        );
    }
}

//! The e-mail templates the consultant's follow-up is written from: each
//! with its subject and body, shipped with sensible text, editable; filled
//! per district from `{placeholders}`, an unknown one refused before any
//! draft is made.

use std::collections::BTreeSet;

use strum::VariantArray as _;

use super::placeholders;

/// Each message the app prepares.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, strum::VariantArray)]
pub enum TemplateName {
    RenewalInvitation,
    MissingLetter,
    LowAttendance,
    ConveningInvitation,
    GrantAwarded,
    GrantDeclined,
    PaymentSent,
    TripReportDue,
}

impl TemplateName {
    /// The name the command line takes: `renewal-invitation`.
    pub fn key(self) -> &'static str {
        match self {
            Self::RenewalInvitation => "renewal-invitation",
            Self::MissingLetter => "missing-letter",
            Self::LowAttendance => "low-attendance",
            Self::ConveningInvitation => "convening-invitation",
            Self::GrantAwarded => "grant-awarded",
            Self::GrantDeclined => "grant-declined",
            Self::PaymentSent => "payment-sent",
            Self::TripReportDue => "trip-report-due",
        }
    }

    pub fn from_key(key: &str) -> Option<Self> {
        Self::VARIANTS
            .iter()
            .copied()
            .find(|t| t.key() == key.trim().to_lowercase())
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::RenewalInvitation => "Invitation to renew",
            Self::MissingLetter => "Missing letter reminder",
            Self::LowAttendance => "Attendance under the threshold",
            Self::ConveningInvitation => "Convening invitation",
            Self::GrantAwarded => "Grant awarded",
            Self::GrantDeclined => "Grant declined",
            Self::PaymentSent => "Payment sent",
            Self::TripReportDue => "Trip report due",
        }
    }

    /// The text the app ships.
    /// Whether the template says something true of an application in
    /// `status`: a decision once it is decided, a payment once paid.
    pub fn fits_grant(self, status: super::GrantStatus) -> Result<(), String> {
        use super::GrantStatus as S;
        let fits = match self {
            Self::GrantAwarded | Self::TripReportDue => {
                matches!(status, S::Awarded | S::Paid | S::Closed)
            }
            Self::GrantDeclined => status == S::Declined,
            Self::PaymentSent => matches!(status, S::Paid | S::Closed),
            _ => true,
        };
        if fits {
            Ok(())
        } else {
            Err(format!(
                "its application is {}: “{}” does not fit it",
                status.label().to_lowercase(),
                self.label()
            ))
        }
    }

    pub fn standard(self) -> EmailTemplate {
        let (subject, body) = match self {
            Self::RenewalInvitation => (
                "KY ILN Letter of Commitment {year}: {district}",
                "Dear {superintendent},\n\nThank you for {district}'s partnership in the Kentucky \
                 Innovative Learning Network in {last year}. We invite {district} to continue \
                 in {year}: attached is your Letter of Commitment, pre-filled with what we have \
                 on file. Please complete the reflections, plans and learning goal, sign it and \
                 return it to me by email.\n\nWith gratitude,\n",
            ),
            Self::MissingLetter => (
                "Reminder: {district}'s KY ILN Letter of Commitment for {year}",
                "Dear {superintendent},\n\nWe invited {district} to renew its KY ILN membership \
                 for {year} {days since invited} days ago and have not yet received your signed \
                 Letter of Commitment. Membership keeps {district} eligible for Travel Fund \
                 Grants and the network's convenings. Could you return it at your earliest \
                 convenience?\n\nThank you,\n",
            ),
            Self::LowAttendance => (
                "KY ILN convenings: {district}'s attendance this year",
                "Dear {superintendent},\n\n{district} has attended {attendance rate} of this \
                 year's KY ILN convenings. Consistent attendance and engagement is one of the \
                 network's member expectations, and we miss your team's voice. Is there \
                 anything that would make it easier to join?\n\nBest regards,\n",
            ),
            Self::ConveningInvitation => (
                "KY ILN: {convening} on {convening date}",
                "Dear {district} team,\n\nYou are invited to {convening} on {convening date} \
                 ({convening time}) at {location}. The calendar invitation is attached. We look \
                 forward to learning together.\n\nBest regards,\n",
            ),
            Self::GrantAwarded => (
                "KY ILN Travel Fund Grant awarded: {destination}",
                "Dear {applicant},\n\nCongratulations: {district}'s Travel Fund Grant \
                 application for {destination} has been awarded {amount awarded}. After the \
                 trip, please share what you learned on a KY ILN call.\n\nBest regards,\n",
            ),
            Self::GrantDeclined => (
                "KY ILN Travel Fund Grant application: {destination}",
                "Dear {applicant},\n\nThank you for {district}'s Travel Fund Grant application \
                 for {destination}. We are unable to fund it this time. Please reach out with \
                 any questions.\n\nBest regards,\n",
            ),
            Self::PaymentSent => (
                "KY ILN Travel Fund Grant payment sent: {destination}",
                "Dear {applicant},\n\nThe Travel Fund Grant payment of {amount paid} for \
                 {district}'s trip to {destination} has been sent.\n\nBest regards,\n",
            ),
            Self::TripReportDue => (
                "KY ILN: sharing your trip to {destination}",
                "Dear {applicant},\n\nWe hope the trip to {destination} was worthwhile. As part \
                 of the Travel Fund Grant, please share what {district} learned on an upcoming \
                 KY ILN call. Which convening would suit you?\n\nBest regards,\n",
            ),
        };
        EmailTemplate {
            name: self,
            subject: subject.to_owned(),
            body: body.to_owned(),
        }
    }
}

/// The placeholders a template may use, with what each becomes.
pub const PLACEHOLDERS: [(&str, &str); 15] = [
    ("district", "the district's name"),
    ("superintendent", "the superintendent's name"),
    ("year", "the school year, as 2027-2028"),
    ("last year", "the year before"),
    ("days since invited", "days since the district was invited"),
    (
        "attendance rate",
        "the district's attendance this year, as 67 %",
    ),
    ("convening", "the convening's title"),
    (
        "convening date",
        "the convening's day, as Thursday, September 10, 2026",
    ),
    (
        "convening time",
        "its time, as 9:00 AM – 3:00 PM ET (\"all day\" when it has none)",
    ),
    ("location", "where it is, or its meeting link"),
    (
        "applicant",
        "who applied for the grant (else the superintendent)",
    ),
    ("destination", "the grant's destination"),
    ("amount requested", "the amount requested"),
    ("amount awarded", "the amount awarded"),
    ("amount paid", "the amount paid"),
];

/// A person a message goes to: name and address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub name: String,
    pub email: String,
}

impl Recipient {
    /// `name` at `email`; `None` without an email.
    pub fn of(name: &str, email: &str) -> Option<Self> {
        (!email.trim().is_empty()).then(|| Self {
            name: name.to_owned(),
            email: email.trim().to_owned(),
        })
    }

    /// "Name <email>", as Outlook's To line takes it.
    pub fn address(&self) -> String {
        address_of(&self.name, &self.email)
    }
}

/// A recipient as typed: `name@district.kyschools.us` or `Name <email>`
/// (the name in quotes or not); the address checked as the forms check it.
pub fn recipient_from(text: &str) -> Result<Recipient, String> {
    let text = text.trim();
    let (name, email) = match text.rsplit_once('<') {
        Some((name, rest)) => {
            let Some(email) = rest.trim().strip_suffix('>') else {
                return Err(format!("“{text}” has a “<” without its “>”"));
            };
            (name.trim().trim_matches('"').trim(), email.trim())
        }
        None => ("", text),
    };
    let email = super::validate::email(email)
        .ok()
        .filter(|e| !e.is_empty())
        .ok_or_else(|| format!("“{text}” is not an email address"))?;
    if name.chars().any(char::is_control) {
        return Err(format!("“{text}”: a name holds no control characters"));
    }
    Ok(Recipient {
        name: name.to_owned(),
        email,
    })
}

/// "Name <email>"; a name with a comma or semicolon in quotes (Outlook
/// would split it); just the email without a name.
pub fn address_of(name: &str, email: &str) -> String {
    let name = name.trim().replace(['"', '<', '>'], "");
    if name.is_empty() {
        email.to_owned()
    } else if name.contains([',', ';']) {
        format!("\"{name}\" <{email}>")
    } else {
        format!("{name} <{email}>")
    }
}

/// Addresses for a To line: each once (by email, any case), joined by "; ".
pub fn to_line<'a>(people: impl IntoIterator<Item = &'a Recipient>) -> String {
    let mut seen = BTreeSet::new();
    people
        .into_iter()
        .filter(|p| !p.email.trim().is_empty() && seen.insert(p.email.trim().to_lowercase()))
        .map(Recipient::address)
        .collect::<Vec<_>>()
        .join("; ")
}

/// One message, ready for the mail program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub to: Vec<Recipient>,
    pub cc: Vec<Recipient>,
    pub subject: String,
    pub body: String,
    /// Files it carries: (name, media type, bytes).
    pub attachments: Vec<(String, String, Vec<u8>)>,
}

/// A template: its subject and body with placeholders.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailTemplate {
    pub name: TemplateName,
    pub subject: String,
    pub body: String,
}

/// Why a template cannot be filled for a recipient.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    #[error("{} not known: the placeholders are {}", braces(.0), known())]
    Unknown(BTreeSet<String>),
    #[error("{} {} no value for {what}", braces(.names), if .names.len() == 1 { "has" } else { "have" })]
    NoValue {
        names: BTreeSet<String>,
        what: String,
    },
}

fn braces(names: &BTreeSet<String>) -> String {
    names
        .iter()
        .map(|n| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn known() -> String {
    PLACEHOLDERS
        .iter()
        .map(|(n, _)| format!("{{{n}}}"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl EmailTemplate {
    /// What stops it being kept or used: a placeholder the app does not
    /// know, a subject that is empty, on two lines or too long, a text too
    /// long.
    pub fn check(&self) -> Result<(), String> {
        let unknown = self.unknown_placeholders();
        if !unknown.is_empty() {
            let what = if unknown.len() == 1 {
                "is not a placeholder"
            } else {
                "are not placeholders"
            };
            return Err(format!("{} {what} the app knows.", braces(&unknown)));
        }
        for (part, text) in [("subject", &self.subject), ("text", &self.body)] {
            // Braces left once the placeholders are taken out: "{district"
            // or "{{district}}" would reach the recipient as written.
            let mut rest = text.clone();
            for (range, _) in placeholders::spans(text).into_iter().rev() {
                rest.replace_range(range, "");
            }
            if rest.contains(['{', '}']) {
                return Err(format!(
                    "The {part} has a brace that is not part of a placeholder: a \
                     placeholder is written like {{district}}."
                ));
            }
            if text
                .chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
            {
                return Err(format!("The {part} holds a control character."));
            }
        }
        if self.subject.trim().is_empty() {
            return Err("The subject is empty.".to_owned());
        }
        if self.subject.contains(['\n', '\r']) {
            return Err("The subject is one line.".to_owned());
        }
        super::limits::within(&self.subject, super::limits::LINE)
            .map_err(|e| format!("Subject: {e}."))?;
        super::limits::within(&self.body, super::limits::NOTES).map_err(|e| format!("Text: {e}."))
    }

    /// The placeholders it uses that the app does not know (a typo).
    pub fn unknown_placeholders(&self) -> BTreeSet<String> {
        let known: BTreeSet<&str> = PLACEHOLDERS.iter().map(|(n, _)| *n).collect();
        placeholders::spans(&format!("{}\n{}", self.subject, self.body))
            .into_iter()
            .map(|(_, name)| name)
            .filter(|name| !known.contains(name.to_lowercase().as_str()))
            .collect()
    }

    /// Subject and body for one recipient; `value` gives each known
    /// placeholder's text where it has one, `what` says for whom.
    pub fn render(
        &self,
        value: &dyn Fn(&str) -> Option<String>,
        what: &str,
    ) -> Result<(String, String), RenderError> {
        let unknown = self.unknown_placeholders();
        if !unknown.is_empty() {
            return Err(RenderError::Unknown(unknown));
        }
        let lower = |name: &str| value(&name.to_lowercase());
        let (subject, missing_subject) = placeholders::fill(&self.subject, &lower);
        let (body, missing_body) = placeholders::fill(&self.body, &lower);
        let missing: BTreeSet<String> = missing_subject.into_iter().chain(missing_body).collect();
        if !missing.is_empty() {
            return Err(RenderError::NoValue {
                names: missing,
                what: what.to_owned(),
            });
        }
        // A subject is one line.
        Ok((
            subject.split_whitespace().collect::<Vec<_>>().join(" "),
            body,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_is_checked_before_it_is_kept() {
        let standard = TemplateName::MissingLetter.standard();
        assert_eq!(standard.check(), Ok(()));
        let with = |subject: &str, body: &str| EmailTemplate {
            subject: subject.into(),
            body: body.into(),
            ..standard.clone()
        };
        let problem = |t: EmailTemplate| t.check().unwrap_err();
        assert_eq!(
            problem(with("For {distrct} and {yeer}", "")),
            "{distrct}, {yeer} are not placeholders the app knows."
        );
        assert_eq!(problem(with(" ", "text")), "The subject is empty.");
        assert_eq!(problem(with("Two\nlines", "")), "The subject is one line.");
        for stray in ["For {district", "For {{district}}", "For {}", "district}"] {
            assert!(
                problem(with(stray, "")).starts_with("The subject has a brace"),
                "{stray}"
            );
        }
        assert!(
            problem(with("Hi", "Dear {superintendent},\n\n{ district }\x1b[31m"))
                .starts_with("The text holds a control character")
        );
        assert_eq!(with("For { District }", "Tab\there").check(), Ok(()));
        assert!(problem(with(&"x".repeat(501), "")).starts_with("Subject: Too long"));
        assert!(problem(with("Hi", &"x".repeat(20_001))).starts_with("Text: Too long"));
    }

    #[test]
    fn a_to_line_has_each_address_once_in_outlooks_form() {
        let person = |name: &str, email: &str| Recipient {
            name: name.into(),
            email: email.into(),
        };
        let people = [
            person("Travis Hamby", "travis@allen.kyschools.us"),
            person("Nobody", "  "),
            person("Hamby, Travis", "TRAVIS@allen.kyschools.us"),
            person("Ellis, Jordan", "jordan@allen.kyschools.us"),
            person("", "c@x.org"),
        ];
        assert_eq!(
            to_line(&people),
            "Travis Hamby <travis@allen.kyschools.us>; \"Ellis, Jordan\" \
             <jordan@allen.kyschools.us>; c@x.org"
        );
        assert_eq!(to_line(&[]), "");
    }

    #[test]
    fn every_standard_template_uses_only_known_placeholders() {
        for name in TemplateName::VARIANTS {
            let template = name.standard();
            assert!(template.unknown_placeholders().is_empty(), "{name:?}");
            assert_eq!(TemplateName::from_key(name.key()), Some(*name));
        }
    }

    #[test]
    fn an_unknown_placeholder_is_refused_and_a_missing_value_named() {
        let mut template = TemplateName::RenewalInvitation.standard();
        template.body.push_str("{superintendant}");
        let value = |_: &str| Some("x".to_owned());
        assert!(matches!(
            template.render(&value, "Adair County"),
            Err(RenderError::Unknown(names)) if names.contains("superintendant")
        ));
        let grant = TemplateName::GrantAwarded.standard();
        let error = grant
            .render(
                &|n| (n != "amount awarded").then(|| "x".to_owned()),
                "Adair County",
            )
            .unwrap_err();
        assert_eq!(
            error.to_string(),
            "{amount awarded} has no value for Adair County"
        );
    }
}

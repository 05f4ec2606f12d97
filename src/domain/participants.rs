//! People in a meeting's participant report, and how they are matched to
//! districts: the network's own organisers first (by their email domain),
//! then a contact's email, then the district's email domain; names only
//! ever suggest. A person in the meeting for less than the minimum minutes
//! does not count as attending.

use std::collections::HashMap;

use super::contact::ContactId;
use super::district::DistrictId;

/// One person from a participant report, their rows merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    /// The name shown in the meeting, without markers such as "(Guest)".
    pub name: String,
    /// The account's own name, when the report gives it beside a renamed one.
    pub original_name: Option<String>,
    /// Lower-case, when the report has one.
    pub email: Option<String>,
    /// Minutes in the meeting, summed over every time they joined.
    pub minutes: Option<u32>,
    /// How many rows of the report were this person (rejoins).
    pub rows: usize,
    pub guest: bool,
}

/// A contact as matching needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContactKey {
    pub id: ContactId,
    pub district: DistrictId,
    pub name: String,
    pub email: String,
}

/// A district as matching needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistrictKey {
    pub id: DistrictId,
    pub name: String,
    pub email_domain: String,
}

/// How participant reports are read: the settings a user keeps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRules {
    /// Fewer minutes in the meeting than this do not count as attending.
    pub min_minutes: u32,
    /// Email domains of the network's own organisation: its people are
    /// organisers, never a district's.
    pub organiser_domains: Vec<String>,
}

impl Default for ReportRules {
    fn default() -> Self {
        Self {
            min_minutes: 0,
            organiser_domains: vec!["education.ky.gov".to_owned()],
        }
    }
}

impl ReportRules {
    /// Whether `email` is at one of the organisers' domains (or below one).
    pub fn is_organiser(&self, email: &str) -> bool {
        let Some((_, domain)) = email.rsplit_once('@') else {
            return false;
        };
        let domain = domain.to_ascii_lowercase();
        self.organiser_domains.iter().any(|own| {
            let own = own.trim().trim_start_matches('@').to_ascii_lowercase();
            !own.is_empty() && (domain == own || domain.ends_with(&format!(".{own}")))
        })
    }

    /// Whether the participant was in the meeting too briefly to count
    /// (a report that gives no time counts them).
    pub fn too_short(&self, participant: &Participant) -> bool {
        participant
            .minutes
            .is_some_and(|minutes| minutes < self.min_minutes)
    }

    /// The domains as a user writes them: "education.ky.gov, kde.ky.gov".
    pub fn domains_text(&self) -> String {
        self.organiser_domains.join(", ")
    }

    /// The most minutes a minimum can be: a whole day's convening.
    pub const MAX_MINUTES: u32 = 600;

    /// Domains typed by a person, each checked: `Err` names the first that
    /// is not an email domain.
    pub fn checked_domains(text: &str) -> Result<Vec<String>, String> {
        let domains = Self::parse_domains(text);
        if domains.len() > Self::MAX_DOMAINS {
            return Err(format!(
                "{} domains is more than a network's own: at most {}",
                domains.len(),
                Self::MAX_DOMAINS
            ));
        }
        for domain in &domains {
            if super::validate::email_domain(domain).is_err() || !domain.contains('.') {
                return Err(format!(
                    "“{domain}” is not an email domain (such as education.ky.gov)"
                ));
            }
        }
        Ok(domains)
    }

    /// The most organisers' domains a roster keeps.
    pub const MAX_DOMAINS: usize = 20;

    /// Domains from a comma- or space-separated list, lower-cased, each
    /// once (the first time it is named).
    pub fn parse_domains(text: &str) -> Vec<String> {
        let mut domains: Vec<String> = Vec::new();
        for domain in text
            .split([',', ' ', ';'])
            .map(|d| d.trim().trim_start_matches('@').to_ascii_lowercase())
            .filter(|d| !d.is_empty())
        {
            if !domains.contains(&domain) {
                domains.push(domain);
            }
        }
        domains
    }
}

/// How a participant was matched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParticipantMatch {
    /// Their email is at the network's own organisation.
    Organiser,
    /// Their email is a contact's.
    Contact {
        contact: ContactId,
        district: DistrictId,
    },
    /// Their email is at the district's domain.
    Domain {
        district: DistrictId,
    },
    /// Their name looks like a contact's or a district's: the user decides.
    Suggestion {
        district: DistrictId,
        contact: Option<ContactId>,
        reason: String,
    },
    Unmatched,
}

impl ParticipantMatch {
    /// The district this match commits without asking.
    pub fn certain_district(&self) -> Option<DistrictId> {
        match self {
            Self::Contact { district, .. } | Self::Domain { district } => Some(*district),
            Self::Organiser | Self::Suggestion { .. } | Self::Unmatched => None,
        }
    }
}

fn normalize(name: &str) -> String {
    name.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Matches one participant: an organiser's domain, then contact email, then
/// a district's email domain (or a subdomain of it), then names as
/// suggestions. For many participants, make one [`Matcher`].
pub fn match_participant(
    participant: &Participant,
    contacts: &[ContactKey],
    districts: &[DistrictKey],
    rules: &ReportRules,
) -> ParticipantMatch {
    Matcher::new(contacts, districts, rules).find(participant)
}

/// The roster's contacts and districts made ready for matching a whole
/// report: emails and names looked up, not searched, per participant.
pub struct Matcher<'a> {
    contacts: &'a [ContactKey],
    districts: &'a [DistrictKey],
    rules: &'a ReportRules,
    /// Lower-case email → the first contact with it.
    by_email: HashMap<String, usize>,
    /// Normalised name → the first contact with it.
    by_name: HashMap<String, usize>,
    /// Each district's normalised name and lower-case domain.
    district_keys: Vec<(String, String)>,
}

impl<'a> Matcher<'a> {
    pub fn new(
        contacts: &'a [ContactKey],
        districts: &'a [DistrictKey],
        rules: &'a ReportRules,
    ) -> Self {
        let mut by_email = HashMap::new();
        let mut by_name = HashMap::new();
        for (at, contact) in contacts.iter().enumerate() {
            if !contact.email.is_empty() {
                by_email.entry(contact.email.to_lowercase()).or_insert(at);
            }
            let name = normalize(&contact.name);
            if !name.is_empty() {
                by_name.entry(name).or_insert(at);
            }
        }
        let district_keys = districts
            .iter()
            .map(|d| (normalize(&d.name), d.email_domain.to_ascii_lowercase()))
            .collect();
        Self {
            contacts,
            districts,
            rules,
            by_email,
            by_name,
            district_keys,
        }
    }

    pub fn find(&self, participant: &Participant) -> ParticipantMatch {
        if let Some(email) = &participant.email {
            if self.rules.is_organiser(email) {
                return ParticipantMatch::Organiser;
            }
            if let Some(&at) = self.by_email.get(&email.to_lowercase()) {
                let contact = &self.contacts[at];
                return ParticipantMatch::Contact {
                    contact: contact.id,
                    district: contact.district,
                };
            }
            if let Some((_, domain)) = email.rsplit_once('@') {
                let domain = domain.to_ascii_lowercase();
                let at_district = self.district_keys.iter().position(|(_, own)| {
                    !own.is_empty()
                        && (domain == *own
                            || domain
                                .strip_suffix(own.as_str())
                                .is_some_and(|rest| rest.ends_with('.')))
                });
                if let Some(at) = at_district {
                    return ParticipantMatch::Domain {
                        district: self.districts[at].id,
                    };
                }
            }
        }

        let names: Vec<String> = std::iter::once(&participant.name)
            .chain(&participant.original_name)
            .map(|n| normalize(n))
            .filter(|n| !n.is_empty())
            .collect();
        if let Some(contact) = names
            .iter()
            .find_map(|n| self.by_name.get(n))
            .map(|&at| &self.contacts[at])
        {
            return ParticipantMatch::Suggestion {
                district: contact.district,
                contact: Some(contact.id),
                reason: format!("Same name as the contact {}", contact.name),
            };
        }
        // "Allen County Schools – Pat" names its district.
        let named = self
            .district_keys
            .iter()
            .zip(self.districts)
            .filter(|((district, _), _)| {
                !district.is_empty() && names.iter().any(|n| n.contains(district.as_str()))
            })
            .map(|(_, d)| d)
            .max_by_key(|d| d.name.len());
        match named {
            Some(district) => ParticipantMatch::Suggestion {
                district: district.id,
                contact: None,
                reason: format!("Name mentions {}", district.name),
            },
            None => ParticipantMatch::Unmatched,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn participant(name: &str, email: Option<&str>) -> Participant {
        Participant {
            name: name.into(),
            original_name: None,
            email: email.map(str::to_owned),
            minutes: None,
            rows: 1,
            guest: false,
        }
    }

    fn keys() -> (Vec<ContactKey>, Vec<DistrictKey>) {
        let contacts = vec![ContactKey {
            id: ContactId(7),
            district: DistrictId(1),
            name: "Travis Hamby".into(),
            email: "travis.hamby@allen.kyschools.us".into(),
        }];
        let districts = vec![
            DistrictKey {
                id: DistrictId(1),
                name: "Allen County".into(),
                email_domain: "allen.kyschools.us".into(),
            },
            DistrictKey {
                id: DistrictId(2),
                name: "Adair County".into(),
                email_domain: "adair.kyschools.us".into(),
            },
            DistrictKey {
                id: DistrictId(3),
                name: "Fulton County".into(),
                email_domain: String::new(),
            },
            DistrictKey {
                id: DistrictId(4),
                name: "Fulton Independent".into(),
                email_domain: String::new(),
            },
        ];
        (contacts, districts)
    }

    #[test]
    fn contact_email_comes_first() {
        let (contacts, districts) = keys();
        let p = participant("T. Hamby", Some("Travis.Hamby@Allen.KySchools.us"));
        assert_eq!(
            match_participant(&p, &contacts, &districts, &ReportRules::default()),
            ParticipantMatch::Contact {
                contact: ContactId(7),
                district: DistrictId(1)
            }
        );
    }

    #[test]
    fn then_the_districts_domain_and_its_subdomains() {
        let (contacts, districts) = keys();
        let p = participant("Someone New", Some("someone@adair.kyschools.us"));
        assert_eq!(
            match_participant(&p, &contacts, &districts, &ReportRules::default()),
            ParticipantMatch::Domain {
                district: DistrictId(2)
            }
        );
        let p = participant("Teacher", Some("t@staff.adair.kyschools.us"));
        assert_eq!(
            match_participant(&p, &contacts, &districts, &ReportRules::default()),
            ParticipantMatch::Domain {
                district: DistrictId(2)
            }
        );
        let p = participant("Impostor", Some("x@notadair.kyschools.us"));
        assert_eq!(
            match_participant(&p, &contacts, &districts, &ReportRules::default()),
            ParticipantMatch::Unmatched
        );
    }

    #[test]
    fn organisers_come_first_and_brief_visits_do_not_count() {
        let (contacts, districts) = keys();
        let rules = ReportRules {
            min_minutes: 10,
            ..ReportRules::default()
        };
        let organiser = participant("Rob Collins", Some("robert.collins@education.ky.gov"));
        assert_eq!(
            match_participant(&organiser, &contacts, &districts, &rules),
            ParticipantMatch::Organiser
        );
        assert!(rules.is_organiser("kim@dl.education.ky.gov"));
        assert!(!rules.is_organiser("kim@education.ky.gov.example.com"));
        let mut brief = participant("Pat", None);
        brief.minutes = Some(4);
        assert!(rules.too_short(&brief));
        brief.minutes = None;
        assert!(!rules.too_short(&brief), "no time given: counted");
        assert_eq!(
            ReportRules::parse_domains(" @Education.ky.gov, kde.ky.gov;"),
            ["education.ky.gov", "kde.ky.gov"]
        );
    }

    #[test]
    fn names_only_suggest() {
        let (contacts, districts) = keys();
        let same_name = match_participant(
            &participant("travis  HAMBY", None),
            &contacts,
            &districts,
            &ReportRules::default(),
        );
        assert!(matches!(
            same_name,
            ParticipantMatch::Suggestion {
                contact: Some(ContactId(7)),
                ..
            }
        ));
        assert_eq!(same_name.certain_district(), None);
        let names_district = match_participant(
            &participant("Fulton Independent Schools iPad", None),
            &contacts,
            &districts,
            &ReportRules::default(),
        );
        assert!(matches!(
            names_district,
            ParticipantMatch::Suggestion {
                district: DistrictId(4),
                contact: None,
                ..
            }
        ));
        assert_eq!(
            match_participant(
                &participant("iPhone", None),
                &contacts,
                &districts,
                &ReportRules::default()
            ),
            ParticipantMatch::Unmatched
        );
    }
}

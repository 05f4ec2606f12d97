//! E-mail drafts for a list the app shows (renewals, flagged districts, the
//! year's members, a convening's members, a grant's applicant): one per
//! district, addressed to its superintendent and points of contact (a
//! grant's to its applicant), filled from a template, written as `.eml`
//! files marked unsent, and logged on each district.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::domain::convening::attendance_rate;
use crate::domain::email::{Draft, EmailTemplate, Recipient, RenderError, TemplateName};
use crate::domain::{ContactRole, ConveningId, DistrictId, GrantId, SchoolYear};
use crate::io::save::{SaveError, save_bytes};
use crate::store::{ContactEntry, Store, StoreError};

/// Whom the drafts go to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Active last year, no letter (or only an invitation) this year.
    Renewals,
    /// Members under the attendance threshold.
    Flagged,
    /// Every member this year (letter received or active).
    Members,
    /// The districts that were members on the convening's day.
    Convening(ConveningId),
    /// The grant's district, to its applicant.
    Grant(GrantId),
}

#[derive(Debug, thiserror::Error)]
pub enum DraftsError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{district}: {source}")]
    Template {
        district: String,
        source: RenderError,
    },
    #[error(transparent)]
    Save(#[from] SaveError),
    #[error("{} is not a folder: drafts are written into a folder, one file per district.", .0.display())]
    NotAFolder(PathBuf),
    #[error("Could not make the folder {}: {source}", path.display())]
    MakeFolder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("The draft for {district} could not be made: {}", crate::io::save::io_words(.source))]
    Message {
        district: String,
        source: std::io::Error,
    },
    #[error(
        "{source} {} written before it stopped are in the folder; none was logged, so \
         writing them again leaves nobody out.",
        crate::domain::count(*.written, "draft", "drafts")
    )]
    Stopped { written: usize, source: SaveError },
}

/// What a run of drafts made, and whom it left out and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DraftsMade {
    pub prepared: Vec<Prepared>,
    /// (district, why): a placeholder with no value for it ("{days since
    /// invited}" for a district not invited yet).
    pub skipped: Vec<(String, String)>,
}

/// One district's message, and where it went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub district: DistrictId,
    pub district_name: String,
    pub draft: Draft,
    pub path: PathBuf,
}

/// One district to write to, with what its placeholders say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Addressee {
    pub district: DistrictId,
    pub name: String,
    pub to: Vec<Recipient>,
    pub values: HashMap<&'static str, String>,
}

impl Addressee {
    /// The template filled for this district (no attachments).
    pub fn draft(&self, template: &EmailTemplate, cc: &[Recipient]) -> Result<Draft, RenderError> {
        let (subject, body) =
            template.render(&|name| self.values.get(name).cloned(), &self.name)?;
        // Someone already on the To line is not copied as well.
        let on_to = |c: &Recipient| {
            self.to
                .iter()
                .any(|t| t.email.eq_ignore_ascii_case(&c.email))
        };
        Ok(Draft {
            to: self.to.clone(),
            cc: cc.iter().filter(|c| !on_to(c)).cloned().collect(),
            subject,
            body,
            attachments: Vec::new(),
        })
    }
}

/// Logs drafts made one by one (a `mailto:` link opened), as `write_drafts`
/// logs its files.
pub fn log_entries(
    template: TemplateName,
    today: NaiveDate,
    drafts: &[(DistrictId, &Draft)],
) -> Vec<ContactEntry> {
    drafts
        .iter()
        .map(|(district, draft)| ContactEntry {
            district: *district,
            sent_on: today,
            template: template.key().to_owned(),
            recipients: draft
                .to
                .iter()
                .map(Recipient::address)
                .collect::<Vec<_>>()
                .join("; "),
            subject: draft.subject.clone(),
        })
        .collect()
}

/// The district's active people of `roles`, with an email.
/// Whom a district's drafts go to: its superintendents and points of
/// contact.
pub const DISTRICT_PEOPLE: [ContactRole; 2] =
    [ContactRole::Superintendent, ContactRole::PointOfContact];

/// The district's active people in `roles` with an email, to address.
pub fn people(
    store: &Store,
    district: DistrictId,
    roles: &[ContactRole],
) -> Result<Vec<Recipient>, StoreError> {
    Ok(store
        .contacts_of(district)?
        .iter()
        .filter(|c| c.fields.active && roles.contains(&c.fields.role))
        .filter_map(crate::domain::Contact::recipient)
        .collect())
}

fn superintendent_name(store: &Store, district: DistrictId) -> Result<String, StoreError> {
    Ok(people(store, district, &[ContactRole::Superintendent])?
        .into_iter()
        .next()
        .map_or_else(|| "Superintendent".to_owned(), |p| p.name))
}

/// Who the audience is, each with the values of their placeholders.
pub fn addressees(
    store: &Store,
    audience: Audience,
    year: SchoolYear,
    today: NaiveDate,
) -> Result<Vec<Addressee>, StoreError> {
    let base = |district: DistrictId, name: String| -> Result<Addressee, StoreError> {
        let mut values = HashMap::new();
        values.insert("district", name.clone());
        values.insert("superintendent", superintendent_name(store, district)?);
        values.insert("year", year.to_string());
        values.insert("last year", year.previous().to_string());
        Ok(Addressee {
            district,
            to: people(store, district, &DISTRICT_PEOPLE)?,
            name,
            values,
        })
    };
    let mut list = Vec::new();
    match audience {
        Audience::Renewals => {
            for renewal in store.renewals(year)? {
                let mut addressee = base(renewal.district_id, renewal.district_name)?;
                if let Some(invited) = renewal.invited_on {
                    addressee.values.insert(
                        "days since invited",
                        (today - invited).num_days().to_string(),
                    );
                }
                list.push(addressee);
            }
        }
        Audience::Flagged | Audience::Members => {
            let grid = store.attendance_grid(year)?;
            let rules = store.attendance_rules()?;
            for row in &grid.rows {
                let Some(span) = row.span else { continue };
                let rate =
                    attendance_rate(Some(span), crate::store::recorded_cells(&grid, row), rules);
                if audience == Audience::Flagged && !rate.is_under(rules) {
                    continue;
                }
                let mut addressee = base(row.district_id, row.district_name.clone())?;
                addressee.values.insert("attendance rate", rate.label());
                list.push(addressee);
            }
        }
        Audience::Convening(id) => {
            let convening = store.convening(id)?;
            let members = store.members_on(id)?;
            for district in members {
                let name = store.district(district)?.fields.name;
                let mut addressee = base(district, name)?;
                addressee
                    .values
                    .insert("convening", convening.fields.title.clone());
                addressee.values.insert(
                    "convening date",
                    convening
                        .fields
                        .held_on
                        .format("%A, %B %-d, %Y")
                        .to_string(),
                );
                let time = convening.fields.time_text();
                addressee.values.insert(
                    "convening time",
                    if time.is_empty() {
                        "all day".to_owned()
                    } else {
                        time
                    },
                );
                let place = convening.fields.location.trim();
                addressee.values.insert(
                    "location",
                    if place.is_empty() {
                        "a place to be announced".to_owned()
                    } else {
                        place.to_owned()
                    },
                );
                list.push(addressee);
            }
        }
        Audience::Grant(id) => {
            let grant = store.grant(id)?;
            let name = store.district(grant.fields.district)?.fields.name;
            let mut addressee = base(grant.fields.district, name)?;
            let applicant = grant
                .fields
                .applicant
                .and_then(|a| store.contact(a).ok())
                .and_then(|c| c.recipient());
            if let Some(applicant) = applicant {
                addressee.values.insert("applicant", applicant.name.clone());
                addressee.to = vec![applicant];
            } else {
                let superintendent = addressee.values["superintendent"].clone();
                addressee.values.insert("applicant", superintendent);
                addressee.to =
                    people(store, grant.fields.district, &[ContactRole::Superintendent])?;
            }
            let fields = &grant.fields;
            addressee
                .values
                .insert("destination", fields.destination.clone());
            addressee
                .values
                .insert("amount requested", fields.requested.to_string());
            if let Some(awarded) = fields.awarded {
                addressee
                    .values
                    .insert("amount awarded", awarded.to_string());
            }
            if let Some(paid) = fields.paid {
                addressee.values.insert("amount paid", paid.to_string());
            }
            list.push(addressee);
        }
    }
    Ok(list)
}

/// The file a template's drafts carry to an audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Enclosure {
    /// An invitation to renew: the district's pre-filled letter.
    Letter,
    /// An invitation to a convening: its calendar entry.
    CalendarEntry(ConveningId),
}

impl Enclosure {
    pub fn of(template: TemplateName, audience: Audience) -> Option<Self> {
        match (template, audience) {
            (TemplateName::RenewalInvitation, _) => Some(Self::Letter),
            (TemplateName::ConveningInvitation, Audience::Convening(id)) => {
                Some(Self::CalendarEntry(id))
            }
            _ => None,
        }
    }

    /// What a draft says it carries.
    pub fn label(self) -> &'static str {
        match self {
            Self::Letter => "The district's pre-filled Letter of Commitment",
            Self::CalendarEntry(_) => "The convening's calendar entry (.ics)",
        }
    }
}

/// What to write, for whom, where.
#[derive(Clone, Debug, PartialEq)]
pub struct DraftsRequest {
    pub template: EmailTemplate,
    pub audience: Audience,
    pub year: SchoolYear,
    pub cc: Vec<Recipient>,
    pub folder: PathBuf,
    pub today: NaiveDate,
    pub dry_run: bool,
    /// Only these districts of the audience (the list as filtered on
    /// screen); `None`: all of them.
    pub only: Option<Vec<DistrictId>>,
}

/// Fills the template for every district of the audience (an unknown
/// placeholder stops everything before any file is written; a district a
/// placeholder has no value for is left out, and said), writes each as an
/// `.eml` (never over a file there) and logs them on their districts as
/// one change. A dry run writes and logs nothing.
pub fn write_drafts(store: &mut Store, request: &DraftsRequest) -> Result<DraftsMade, DraftsError> {
    let folder = &request.folder;
    if folder.exists() && !folder.is_dir() {
        return Err(DraftsError::NotAFolder(folder.clone()));
    }
    let unknown = request.template.unknown_placeholders();
    if !unknown.is_empty() {
        return Err(DraftsError::Template {
            district: request.template.name.label().to_owned(),
            source: RenderError::Unknown(unknown),
        });
    }
    let enclosure = Enclosure::of(request.template.name, request.audience);
    // The same calendar entry goes with every draft: made once.
    let calendar = match enclosure {
        Some(Enclosure::CalendarEntry(id)) => {
            use super::calendar::{CalendarOf, calendar_bytes, calendar_file_name};
            Some((
                calendar_file_name(store, CalendarOf::One(id))?,
                "text/calendar".to_owned(),
                calendar_bytes(store, CalendarOf::One(id))?,
            ))
        }
        _ => None,
    };
    let mut prepared = Vec::new();
    let mut skipped = Vec::new();
    for addressee in addressees(store, request.audience, request.year, request.today)? {
        if request
            .only
            .as_ref()
            .is_some_and(|only| !only.contains(&addressee.district))
        {
            continue;
        }
        if let Audience::Grant(id) = request.audience
            && let Err(why) = request.template.name.fits_grant(store.grant(id)?.status)
        {
            skipped.push((addressee.name.clone(), why));
            continue;
        }
        let mut draft = match addressee.draft(&request.template, &request.cc) {
            Ok(draft) => draft,
            Err(error) => {
                skipped.push((addressee.name.clone(), error.to_string()));
                continue;
            }
        };
        match enclosure {
            Some(Enclosure::Letter) => {
                let letter_values = super::letters::letter_values(
                    store,
                    addressee.district,
                    request.year,
                    request.today,
                )?;
                if let Ok(bytes) = crate::io::letter_document::LetterTemplate::standard()
                    .write_letter(&letter_values)
                {
                    draft.attachments.push((
                        super::letters::letter_file_name(&addressee.name, request.year),
                        crate::domain::document::media_type_of("letter.docx").to_owned(),
                        bytes,
                    ));
                }
            }
            Some(Enclosure::CalendarEntry(_)) => draft.attachments.extend(calendar.clone()),
            None => {}
        }
        let path = free_path(
            folder,
            &addressee.name,
            request.template.name.key(),
            &prepared,
        );
        prepared.push(Prepared {
            district: addressee.district,
            district_name: addressee.name,
            draft,
            path,
        });
    }
    if request.dry_run || prepared.is_empty() {
        return Ok(DraftsMade { prepared, skipped });
    }
    std::fs::create_dir_all(folder).map_err(|source| DraftsError::MakeFolder {
        path: folder.clone(),
        source,
    })?;
    for (written, one) in prepared.iter().enumerate() {
        let bytes =
            crate::io::eml::eml_bytes(&one.draft).map_err(|source| DraftsError::Message {
                district: one.district_name.clone(),
                source,
            })?;
        save_bytes(&one.path, &bytes).map_err(|source| match written {
            0 => DraftsError::Save(source),
            _ => DraftsError::Stopped { written, source },
        })?;
    }
    let made: Vec<(DistrictId, &Draft)> = prepared
        .iter()
        .map(|one| (one.district, &one.draft))
        .collect();
    let entries = log_entries(request.template.name, request.today, &made);
    if !entries.is_empty() {
        store.log_contacts(&entries)?;
    }
    Ok(DraftsMade { prepared, skipped })
}

/// "Adair County - renewal-invitation.eml", or " (2)" when that is taken.
fn free_path(folder: &Path, district: &str, key: &str, planned: &[Prepared]) -> PathBuf {
    let clean = crate::io::save::file_name_part(district, 120);
    let mut number = 1;
    loop {
        let name = if number == 1 {
            format!("{clean} - {key}.eml")
        } else {
            format!("{clean} - {key} ({number}).eml")
        };
        let path = folder.join(name);
        if std::fs::symlink_metadata(&path).is_err() && !planned.iter().any(|p| p.path == path) {
            return path;
        }
        number += 1;
    }
}

//! A realistic roster to try the app on, or to measure it with: the 171 real
//! districts, about 60 % of them members each year (with renewals, lapses
//! and a few terminations), 10–12 convenings a year with plausible
//! attendance, contacts with `<name>.kyschools.us` addresses, and Travel
//! Fund Grant applications in every status. Everything goes through the
//! store's own validated writes, so the result passes the app's rules.
//! The same seed gives the same roster.

use std::collections::BTreeSet;
use strum::VariantArray as _;

use chrono::{Days, NaiveDate};
use rand::seq::{IndexedRandom as _, SliceRandom as _};
use rand::{Rng as _, SeedableRng as _};
use rand_chacha::ChaCha8Rng;

use crate::bundled::kentucky_districts::kentucky_districts;
use crate::domain::{
    ActionArea, Attendance, AttendanceStatus, BigIdea, ContactFields, ContactId, ContactRole,
    ConveningFields, ConveningKind, GrantFields, GrantStatus, Letter, MembershipStatus, Money,
    NoticeBy, Purpose, SchoolYear,
};
use crate::store::{Store, StoreError};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DemoOptions {
    /// School years, ending with `last`.
    pub years: u32,
    /// Multiplies each district's people and grant applications.
    pub scale: u32,
    pub seed: u64,
    pub last: SchoolYear,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            years: 3,
            scale: 1,
            seed: 2025,
            last: SchoolYear::current(),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub districts: usize,
    pub contacts: usize,
    pub memberships: usize,
    pub convenings: usize,
    pub grants: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("The database already has districts; make the demo in a new file.")]
    NotEmpty,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("Could not read the list of Kentucky districts: {0}")]
    Districts(String),
}

const FIRST: [&str; 24] = [
    "Amanda", "Brian", "Carla", "David", "Emily", "Frank", "Grace", "Henry", "Irene", "James",
    "Karen", "Luis", "Maria", "Nathan", "Olivia", "Paul", "Quinn", "Rachel", "Samuel", "Tara",
    "Victor", "Wendy", "Xavier", "Yvonne",
];
const LAST: [&str; 24] = [
    "Adams", "Baker", "Carter", "Dawson", "Evans", "Fields", "Gibson", "Harper", "Irvin", "Jordan",
    "Keller", "Lawson", "Mason", "Noble", "Owens", "Porter", "Quarles", "Reed", "Sims", "Turner",
    "Vaughn", "Walker", "Young", "Zeller",
];
const TITLES: [&str; 4] = [
    "Chief Academic Officer",
    "Director of Innovation",
    "Instructional Supervisor",
    "Assistant Superintendent",
];
const CONVENINGS: [(&str, ConveningKind); 12] = [
    ("Launch: portraits of a learner", ConveningKind::InPerson),
    ("Assessment design studio", ConveningKind::Workshop),
    ("Monthly network call", ConveningKind::Virtual),
    (
        "Study tour: deeper learning schools",
        ConveningKind::StudyTour,
    ),
    ("Community collaboration call", ConveningKind::Virtual),
    ("Winter convening", ConveningKind::InPerson),
    ("Competency-based credit workshop", ConveningKind::Workshop),
    ("Monthly network call", ConveningKind::Virtual),
    (
        "Presentations of learning",
        ConveningKind::PresentationOfLearning,
    ),
    ("Spring convening", ConveningKind::InPerson),
    ("Local assessment call", ConveningKind::Virtual),
    ("Year-end showcase", ConveningKind::PresentationOfLearning),
];
const DESTINATIONS: [(&str, &str, &str); 6] = [
    ("Iowa BIG", "Cedar Rapids", "IA"),
    ("High Tech High", "San Diego", "CA"),
    ("Da Vinci Schools", "El Segundo", "CA"),
    ("Big Picture Learning conference", "Providence", "RI"),
    ("Nashville Academies", "Nashville", "TN"),
    ("Building 21", "Philadelphia", "PA"),
];

/// The email domain a district would have: "Allen County" → allen.kyschools.us.
fn domain_of(name: &str) -> String {
    let slug: String = name
        .to_lowercase()
        .replace(" county", "")
        .replace(" independent", "ind")
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    format!("{slug}.kyschools.us")
}

fn day(year: SchoolYear, offset: u64) -> NaiveDate {
    year.first_day()
        .checked_add_days(Days::new(offset.min(364)))
        .unwrap_or_else(|| year.first_day())
}

struct People {
    superintendent: ContactId,
    others: Vec<ContactId>,
}

/// Fills an empty database with `options.years` years of network life.
pub fn generate(store: &mut Store, options: DemoOptions) -> Result<DemoSummary, DemoError> {
    if !store.district_list()?.is_empty() {
        return Err(DemoError::NotEmpty);
    }
    // A generated roster can be made again; it need not wait for the disk.
    store.relax_durability_for_bulk_load()?;
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let mut summary = DemoSummary::default();
    let scale = options.scale.max(1) as usize;

    let mut list = kentucky_districts().map_err(|e| DemoError::Districts(e.to_string()))?;
    for fields in &mut list {
        fields.email_domain = domain_of(&fields.name);
    }
    store.add_districts(&list)?;
    let districts = store.district_list()?;
    summary.districts = districts.len();
    let people = people(store, &mut rng, &districts, scale, &mut summary)?;
    let organisers = network_people(store)?;

    // How keen each district is: members come and go around it.
    let keenness: Vec<f64> = districts
        .iter()
        .map(|_| rng.random_range(0.2..1.0))
        .collect();
    let first_year = options.last.start_year() - options.years.max(1) as i32 + 1;
    let mut active_before: BTreeSet<usize> = BTreeSet::new();
    for start in first_year..=options.last.start_year() {
        let Some(year) = SchoolYear::starting(start) else {
            continue;
        };
        let is_last = year == options.last;
        let network = Network {
            districts: &districts,
            people: &people,
            keenness: &keenness,
        };
        let chances = Chances {
            first: start == first_year,
            active_before: &active_before,
        };
        let active_now = letters(
            store,
            &mut rng,
            year,
            is_last,
            &network,
            chances,
            &mut summary,
        )?;
        summary.convenings +=
            convenings(store, &mut rng, year, &network, &active_now, &organisers)?;
        summary.grants += grants(
            store,
            &mut rng,
            year,
            is_last,
            scale,
            &districts,
            &active_now,
        )?;
        active_before = active_now;
    }
    Ok(summary)
}

/// Each district's superintendent and one to three points of contact
/// (times `scale`).
fn people(
    store: &mut Store,
    rng: &mut ChaCha8Rng,
    districts: &[crate::store::DistrictListItem],
    scale: usize,
    summary: &mut DemoSummary,
) -> Result<Vec<People>, StoreError> {
    let mut people = Vec::with_capacity(districts.len());
    for item in districts {
        let domain = &item.district.fields.email_domain;
        let mut person =
            |role: ContactRole, rng: &mut ChaCha8Rng| -> Result<ContactId, StoreError> {
                let first = FIRST.choose(rng).copied().unwrap_or("Pat");
                let last = LAST.choose(rng).copied().unwrap_or("Doe");
                let title = match role {
                    ContactRole::Superintendent => "Superintendent",
                    _ => TITLES.choose(rng).copied().unwrap_or("Director"),
                };
                summary.contacts += 1;
                store.insert_contact(
                    item.district.id,
                    &ContactFields {
                        name: format!("{first} {last}"),
                        title: title.to_owned(),
                        email: format!(
                            "{}.{}{}@{domain}",
                            first.to_lowercase(),
                            last.to_lowercase(),
                            summary.contacts
                        ),
                        phone: format!("(502) 555-{:04}", rng.random_range(0..10_000)),
                        role,
                        active: true,
                    },
                )
            };
        let superintendent = person(ContactRole::Superintendent, rng)?;
        let count = rng.random_range(1..=3) * scale;
        let others = (0..count)
            .map(|_| person(ContactRole::PointOfContact, rng))
            .collect::<Result<Vec<_>, _>>()?;
        people.push(People {
            superintendent,
            others,
        });
    }
    Ok(people)
}

/// The generated roster's districts, their people and how keen each is.
#[derive(Clone, Copy)]
struct Network<'a> {
    districts: &'a [crate::store::DistrictListItem],
    people: &'a [People],
    keenness: &'a [f64],
}

/// Who was active the year before, and whether this is the first year.
#[derive(Clone, Copy)]
struct Chances<'a> {
    first: bool,
    active_before: &'a BTreeSet<usize>,
}

/// The year's letters: returns the districts active all year.
fn letters(
    store: &mut Store,
    rng: &mut ChaCha8Rng,
    year: SchoolYear,
    is_last: bool,
    network: &Network<'_>,
    chances: Chances<'_>,
    summary: &mut DemoSummary,
) -> Result<BTreeSet<usize>, StoreError> {
    let (districts, people, keenness) = (network.districts, network.people, network.keenness);
    let mut active_now = BTreeSet::new();
    for (i, item) in districts.iter().enumerate() {
        let renewing = chances.active_before.contains(&i);
        // Steady at about 60 %: most renew, keen districts (re)join.
        let chance = if chances.first {
            0.6
        } else if renewing {
            0.85
        } else {
            0.45 * keenness[i]
        };
        if !rng.random_bool(chance.clamp(0.0, 1.0)) {
            continue;
        }
        let mut letter = countersigned(rng, year, &people[i]);
        // This year, some letters are still on their way.
        let pending = is_last && rng.random_bool(0.12);
        let status = if pending {
            letter.received_on = None;
            letter.district_signed_on = None;
            letter.kde_signed_on = None;
            letter.district_signatory.clear();
            letter.kde_signatory.clear();
            MembershipStatus::Invited
        } else {
            MembershipStatus::Active
        };
        store.save_membership(item.district.id, year, status, &letter)?;
        summary.memberships += 1;
        if status == MembershipStatus::Active && rng.random_bool(0.02) {
            letter.terminated_on = Some(day(year, rng.random_range(150..250)));
            letter.terminated_by = Some(NoticeBy::District);
            letter.termination_reason = "Leadership change; will rejoin later.".to_owned();
            store.save_membership(
                item.district.id,
                year,
                MembershipStatus::Terminated,
                &letter,
            )?;
        } else if status == MembershipStatus::Active {
            active_now.insert(i);
        }
    }
    Ok(active_now)
}

/// A letter both sides signed in the autumn of `year`.
fn countersigned(rng: &mut ChaCha8Rng, year: SchoolYear, p: &People) -> Letter {
    let invited = day(year, rng.random_range(0..20));
    let received = day(year, rng.random_range(25..70));
    Letter {
        invited_on: Some(invited),
        received_on: Some(received),
        superintendent: Some(p.superintendent),
        points_of_contact: p.others.iter().take(2).copied().collect(),
        learning_goal: "Every graduate leaves with a portrait-of-a-learner defense.".to_owned(),
        big_ideas: BigIdea::VARIANTS
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.5))
            .collect(),
        action_areas: ActionArea::VARIANTS
            .iter()
            .copied()
            .filter(|_| rng.random_bool(0.4))
            .collect(),
        district_signatory: "Superintendent".to_owned(),
        district_signed_on: Some(received),
        kde_signatory: "Commissioner's designee".to_owned(),
        kde_signed_on: Some(day(year, rng.random_range(72..90))),
        ..Letter::default()
    }
}

/// The people of the network who are not in a district: the consultant's
/// colleagues at KDE, a cooperative's staff, a national partner.
fn network_people(store: &mut Store) -> Result<Vec<crate::domain::NetworkPersonId>, StoreError> {
    use crate::domain::{NetworkPersonFields, NetworkRole};
    let people = [
        (
            "Dana Frost",
            "Innovation Consultant",
            "KDE Division of Innovation",
            NetworkRole::KdeStaff,
            true,
        ),
        (
            "Marcus Bell",
            "Director, Division of Innovation",
            "KDE Division of Innovation",
            NetworkRole::KdeStaff,
            false,
        ),
        (
            "Lena Ortiz",
            "Innovation Lead",
            "Green River Regional Educational Cooperative",
            NetworkRole::CooperativeStaff,
            false,
        ),
        (
            "Priya Raman",
            "Partnerships",
            "Education Reimagined",
            NetworkRole::NationalPartner,
            false,
        ),
    ];
    people
        .into_iter()
        .map(|(name, title, organisation, role, cc)| {
            let email = format!(
                "{}@{}",
                name.to_lowercase().replace(' ', "."),
                match role {
                    NetworkRole::KdeStaff => "education.ky.gov",
                    NetworkRole::CooperativeStaff => "grrec.ky.gov",
                    _ => "education-reimagined.org",
                }
            );
            store.insert_network_person(&NetworkPersonFields {
                name: name.to_owned(),
                title: title.to_owned(),
                organisation: organisation.to_owned(),
                email,
                role,
                cc_on_drafts: cc,
                active: true,
                ..NetworkPersonFields::default()
            })
        })
        .collect()
}

fn convenings(
    store: &mut Store,
    rng: &mut ChaCha8Rng,
    year: SchoolYear,
    network: &Network<'_>,
    active: &BTreeSet<usize>,
    organisers: &[crate::domain::NetworkPersonId],
) -> Result<usize, StoreError> {
    let Network {
        districts,
        people,
        keenness,
    } = *network;
    let count = rng.random_range(10..=12);
    let today = crate::domain::today();
    for (n, (title, kind)) in CONVENINGS.iter().take(count).enumerate() {
        // Roughly monthly from September.
        let held_on = day(year, 70 + n as u64 * 27 + rng.random_range(0..7));
        let id = store.insert_convening(&ConveningFields {
            held_on,
            title: (*title).to_owned(),
            kind: *kind,
            location: match kind {
                ConveningKind::Virtual => "Zoom".to_owned(),
                _ => "Frankfort, KY".to_owned(),
            },
            notes: String::new(),
            starts_at: match kind {
                ConveningKind::Virtual => chrono::NaiveTime::from_hms_opt(15, 30, 0),
                _ => chrono::NaiveTime::from_hms_opt(9, 0, 0),
            },
            ends_at: match kind {
                ConveningKind::Virtual => chrono::NaiveTime::from_hms_opt(16, 30, 0),
                _ => chrono::NaiveTime::from_hms_opt(15, 0, 0),
            },
            description: format!("{title}: the Kentucky Innovative Learning Network meets."),
            organiser: organisers.get(n % 2).copied(),
            ..ConveningFields::default()
        })?;
        if held_on > today {
            continue;
        }
        let lines: Vec<Attendance> = active
            .iter()
            .map(|&i| {
                let roll: f64 = rng.random();
                let status = if roll < 0.45 + 0.5 * keenness[i] {
                    AttendanceStatus::Attended
                } else if roll < 0.92 {
                    AttendanceStatus::Absent
                } else {
                    AttendanceStatus::Excused
                };
                let came = if status == AttendanceStatus::Attended {
                    let mut everyone = people[i].others.clone();
                    everyone.push(people[i].superintendent);
                    everyone.shuffle(rng);
                    let take = rng.random_range(1..=everyone.len().min(3));
                    everyone.into_iter().take(take).collect()
                } else {
                    BTreeSet::new()
                };
                Attendance {
                    district: districts[i].district.id,
                    status,
                    people: came,
                    note: String::new(),
                }
            })
            .collect();
        store.save_attendance_sheet(id, &lines)?;
    }
    Ok(count)
}

fn grants(
    store: &mut Store,
    rng: &mut ChaCha8Rng,
    year: SchoolYear,
    is_last: bool,
    scale: usize,
    districts: &[crate::store::DistrictListItem],
    active: &BTreeSet<usize>,
) -> Result<usize, StoreError> {
    let fund = Money::from_cents(60_000 * 100 * scale as i64).unwrap_or(Money::ZERO);
    store.set_grant_fund(year, fund)?;
    let today = crate::domain::today();
    let members: Vec<usize> = active.iter().copied().collect();
    let count = (members.len() / 4).max(1) * scale;
    let mut made = 0;
    // What is left to award: applications past it are declined.
    let mut left = fund.cents();
    for n in 0..count {
        let Some(&i) = members.choose(rng) else {
            break;
        };
        let mut fields = application(rng, year, districts[i].district.id);
        let requested = fields.requested.cents();
        let path = path_of(rng, is_last, n);
        // Past the fund, an award becomes a decline.
        let declined = [
            GrantStatus::Submitted,
            GrantStatus::UnderReview,
            GrantStatus::Declined,
        ];
        let path = if path.contains(&GrantStatus::Awarded) && requested > left {
            &declined[..]
        } else {
            if path.contains(&GrantStatus::Awarded) {
                left -= requested;
            }
            path
        };
        let mut id = None;
        for status in path {
            take_step(rng, &mut fields, *status);
            id = Some(store.save_grant(id, *status, &fields, today)?);
        }
        made += 1;
    }
    Ok(made)
}

/// A member's application: a trip in the year, $800 to $6,000 asked for.
fn application(
    rng: &mut ChaCha8Rng,
    year: SchoolYear,
    district: crate::domain::DistrictId,
) -> GrantFields {
    let (destination, city, state) = DESTINATIONS.choose(rng).copied().unwrap_or(DESTINATIONS[0]);
    let start = day(year, rng.random_range(60..300));
    // $800 to $6,000, in whole hundreds.
    let requested = rng.random_range(8..60) * 10_000;
    let received = start - Days::new(rng.random_range(20..50));
    let received = if received < year.first_day() {
        year.first_day()
    } else {
        received
    };
    GrantFields {
        purpose: if rng.random_bool(0.7) {
            Purpose::ModelSiteVisit
        } else {
            Purpose::Conference
        },
        city: city.to_owned(),
        state: state.to_owned(),
        travelers: rng.random_range(2..7),
        received_on: Some(received),
        ..GrantFields::new(
            district,
            year,
            destination,
            (start, start + Days::new(rng.random_range(1..4))),
            Money::from_cents(requested).unwrap_or(Money::ZERO),
        )
    }
}

/// Where the `n`th application ends up; the current year has open ones.
fn path_of(rng: &mut ChaCha8Rng, is_last: bool, n: usize) -> &'static [GrantStatus] {
    use GrantStatus as S;
    let roll = rng.random_range(0..100) + if is_last { 0 } else { 30 };
    match (roll, n % 17) {
        (_, 2) if is_last => &[S::Draft],
        (_, 3) if is_last => &[S::Submitted],
        (_, 0) => &[S::Submitted, S::Withdrawn],
        (_, 1) => &[S::Submitted, S::UnderReview, S::Declined],
        (0..=14, _) => &[S::Submitted],
        (15..=29, _) => &[S::Submitted, S::UnderReview],
        (30..=54, _) => &[S::Submitted, S::UnderReview, S::Awarded],
        (55..=79, _) => &[S::Submitted, S::UnderReview, S::Awarded, S::Paid],
        _ => &[S::Submitted, S::UnderReview, S::Awarded, S::Paid, S::Closed],
    }
}

/// Fills in what reaching `status` takes (dates, amounts, a reason).
fn take_step(rng: &mut ChaCha8Rng, fields: &mut GrantFields, status: GrantStatus) {
    let received = fields.received_on.unwrap_or(fields.travel_start);
    match status {
        GrantStatus::Awarded => {
            fields.decided_on = Some(received + Days::new(rng.random_range(5..20)));
            fields.awarded = Some(fields.requested);
        }
        GrantStatus::Declined => {
            fields.decided_on = Some(received + Days::new(rng.random_range(5..20)));
            fields.decline_reason = "The fund for the year was committed.".to_owned();
        }
        GrantStatus::Paid => {
            fields.paid_on = fields
                .decided_on
                .map(|d| d + Days::new(rng.random_range(1..30)));
            fields.paid = fields.awarded;
        }
        GrantStatus::Closed => {
            fields.report_on = Some(fields.travel_end + Days::new(rng.random_range(10..60)));
        }
        _ => {}
    }
}

//! The whole roster as one workbook, a sheet per table, readable by a
//! person and read back by the workbook import (`crate::import::workbook`):
//! the way to move a roster between machines or versions. Every stored
//! field is in it; history is not (it starts fresh where it is imported).

use std::collections::HashMap;

use strum::VariantArray as _;

use super::{col, letter_cells, letter_columns as letter_columns_of_a_letter};
use crate::domain::Coded as _;
use crate::domain::contact::written_name;
use crate::domain::settings::Setting;
use crate::domain::{Contact, ContactId, Convening, ConveningId, DistrictId};
use crate::io::table::{Cell, ColumnKind as K, Sheet};
use crate::store::{Store, StoreError};

/// The sheets, in the order the import reads them (each needs the ones
/// before it: a letter its district and people, a grant its letter).
pub const SHEETS: [&str; 9] = [
    "Districts",
    "Contacts",
    "Network people",
    "Letters",
    "Convenings",
    "Attendance",
    "Travel grants",
    "Funds",
    "Settings",
];

/// The whole roster, a sheet per table.
pub fn everything(store: &Store) -> Result<Vec<Sheet>, StoreError> {
    let districts = store.district_list()?;
    let name_of: HashMap<DistrictId, (String, String)> = districts
        .iter()
        .map(|d| {
            (
                d.district.id,
                (
                    d.district.fields.name.clone(),
                    d.district.fields.kde_number.clone(),
                ),
            )
        })
        .collect();
    let contacts = store.all_contacts()?;
    let person: HashMap<ContactId, &Contact> = contacts.iter().map(|c| (c.id, c)).collect();
    let mut people_of: HashMap<DistrictId, Vec<&Contact>> = HashMap::new();
    for contact in &contacts {
        people_of
            .entry(contact.district_id)
            .or_default()
            .push(contact);
    }
    let person_name = |id: ContactId| {
        person.get(&id).map_or_else(String::new, |c| {
            written_name(
                c,
                people_of.get(&c.district_id).map_or(&[][..], Vec::as_slice),
            )
        })
    };
    let district_cells = |id: DistrictId| {
        let (name, kde) = name_of.get(&id).cloned().unwrap_or_default();
        [Cell::text(name), Cell::text(kde)]
    };
    let years = store.school_years_on_file()?;

    let district_sheet = Sheet {
        name: SHEETS[0].into(),
        title: "ILN roster: districts".into(),
        columns: vec![
            col("District", K::Text, 28.0),
            col("KDE #", K::Text, 7.0),
            col("NCES LEA ID", K::Text, 12.0),
            col("County", K::Text, 14.0),
            col("Type", K::Text, 12.0),
            col("Co-op", K::Text, 8.0),
            col("Email domain", K::Text, 22.0),
            col("Notes", K::Text, 40.0),
            col("Archived", K::Text, 9.0),
        ],
        rows: districts
            .iter()
            .map(|d| {
                let f = &d.district.fields;
                vec![
                    Cell::text(&f.name),
                    Cell::text(&f.kde_number),
                    Cell::text(f.nces_id.clone().unwrap_or_default()),
                    Cell::text(&f.county),
                    Cell::text(f.kind.label()),
                    Cell::text(f.cooperative.map(|c| c.code()).unwrap_or_default()),
                    Cell::text(&f.email_domain),
                    Cell::text(&f.notes),
                    Cell::text(if d.district.archived { "Yes" } else { "" }),
                ]
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };

    let contact_sheet = Sheet {
        name: SHEETS[1].into(),
        title: "ILN roster: contacts".into(),
        columns: vec![
            col("District", K::Text, 28.0),
            col("KDE #", K::Text, 7.0),
            col("Name", K::Text, 24.0),
            col("Title", K::Text, 28.0),
            col("Role", K::Text, 16.0),
            col("Email", K::Text, 34.0),
            col("Phone", K::Text, 24.0),
            col("Active", K::Text, 8.0),
        ],
        rows: contacts
            .iter()
            .map(|c| {
                let f = &c.fields;
                let mut row = district_cells(c.district_id).to_vec();
                row.extend([
                    Cell::text(&f.name),
                    Cell::text(&f.title),
                    Cell::text(f.role.label()),
                    Cell::text(&f.email),
                    Cell::text(&f.phone),
                    Cell::text(if f.active { "Yes" } else { "No" }),
                ]);
                row
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };

    let mut letter_columns = vec![
        col("District", K::Text, 28.0),
        col("KDE #", K::Text, 7.0),
        col("School year", K::Text, 11.0),
        col("Status", K::Text, 11.0),
    ];
    letter_columns.extend(letter_columns_of_a_letter());
    let mut letter_rows = Vec::new();
    let network_people = store.network_people()?;
    let mut convenings: Vec<Convening> = Vec::new();
    let mut grant_rows = Vec::new();
    for year in &years {
        let mut letters = store.memberships_in(*year)?;
        letters.sort_by_key(|m| name_of.get(&m.district_id).map(|(n, _)| n.to_lowercase()));
        for m in letters {
            let mut row = district_cells(m.district_id).to_vec();
            row.extend([Cell::text(year.to_string()), Cell::text(m.status.label())]);
            row.extend(letter_cells(&m.letter, person_name));
            letter_rows.push(row);
        }
        convenings.extend(store.convenings_in(*year)?.into_iter().map(|r| r.convening));
    }
    let convening_of: HashMap<ConveningId, &Convening> =
        convenings.iter().map(|c| (c.id, c)).collect();
    let convening_name = |id: ConveningId| {
        convening_of.get(&id).map_or_else(String::new, |c| {
            format!("{} ({})", c.fields.title, c.fields.held_on)
        })
    };
    for year in &years {
        for row in store.grants_in(*year, crate::domain::today())? {
            let f = &row.grant.fields;
            let mut cells = district_cells(f.district).to_vec();
            cells.extend([
                Cell::text(year.to_string()),
                Cell::text(f.applicant.map(&person_name).unwrap_or_default()),
                Cell::text(f.purpose.label()),
                Cell::text(&f.destination),
                Cell::text(&f.city),
                Cell::text(&f.state),
                Cell::Date(f.travel_start),
                Cell::Date(f.travel_end),
                Cell::Integer(i64::from(f.travelers)),
                Cell::text(&f.traveler_names),
                Cell::Money(f.requested),
                Cell::money(f.awarded),
                Cell::money(f.paid),
                Cell::text(row.grant.status.label()),
                Cell::date(f.received_on),
                Cell::date(f.decided_on),
                Cell::date(f.paid_on),
                Cell::date(f.report_on),
                Cell::text(f.report_convening.map(&convening_name).unwrap_or_default()),
                Cell::text(&f.decline_reason),
                Cell::text(&f.override_reason),
                Cell::text(&f.notes),
            ]);
            grant_rows.push(cells);
        }
    }

    let letter_sheet = Sheet {
        name: SHEETS[3].into(),
        title: "ILN roster: Letters of Commitment, every year".into(),
        columns: letter_columns,
        rows: letter_rows,
        footer: None,
        figures: Vec::new(),
    };
    let convening_sheet = Sheet {
        name: SHEETS[4].into(),
        title: "ILN roster: convenings".into(),
        columns: vec![
            col("Date", K::Date, 13.0),
            col("Title", K::Text, 34.0),
            col("Kind", K::Text, 22.0),
            col("Location", K::Text, 30.0),
            col("Starts", K::Text, 10.0),
            col("Ends", K::Text, 10.0),
            col("Time zone", K::Text, 10.0),
            col("Description", K::Text, 40.0),
            col("Organiser", K::Text, 22.0),
            col("Notes", K::Text, 40.0),
        ],
        rows: convenings
            .iter()
            .map(|c| {
                let time = |t: Option<chrono::NaiveTime>| {
                    Cell::text(
                        t.map(crate::domain::convening::clock_time)
                            .unwrap_or_default(),
                    )
                };
                let zone = c.fields.time_zone.name();
                vec![
                    Cell::Date(c.fields.held_on),
                    Cell::text(&c.fields.title),
                    Cell::text(c.fields.kind.label()),
                    Cell::text(&c.fields.location),
                    time(c.fields.starts_at),
                    time(c.fields.ends_at),
                    Cell::text(zone),
                    Cell::text(&c.fields.description),
                    Cell::text(
                        c.fields
                            .organiser
                            .and_then(|id| network_people.iter().find(|p| p.id == id))
                            .map_or("", |p| p.fields.name.as_str()),
                    ),
                    Cell::text(&c.fields.notes),
                ]
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };
    let attendance_sheet = Sheet {
        name: SHEETS[5].into(),
        title: "ILN roster: attendance, a line per district per convening".into(),
        columns: vec![
            col("Date", K::Date, 13.0),
            col("Convening", K::Text, 30.0),
            col("District", K::Text, 28.0),
            col("KDE #", K::Text, 7.0),
            col("Status", K::Text, 10.0),
            col("Note", K::Text, 30.0),
            col("Minutes", K::Integer, 9.0),
            col("People", K::Text, 40.0),
        ],
        rows: store
            .all_attendance()?
            .into_iter()
            .filter_map(|line| {
                let convening = convening_of.get(&line.convening)?;
                let [district, kde] = district_cells(line.district);
                let people = line
                    .people
                    .iter()
                    .map(|(id, minutes)| match minutes {
                        Some(m) => format!("{} ({m} min)", person_name(*id)),
                        None => person_name(*id),
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                Some(vec![
                    Cell::Date(convening.fields.held_on),
                    Cell::text(&convening.fields.title),
                    district,
                    kde,
                    Cell::text(line.status.label()),
                    Cell::text(&line.note),
                    line.minutes
                        .map_or(Cell::Empty, |m| Cell::Integer(i64::from(m))),
                    Cell::text(people),
                ])
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };
    let grant_sheet = Sheet {
        name: SHEETS[6].into(),
        title: "ILN roster: Travel Fund Grant applications, every year".into(),
        columns: vec![
            col("District", K::Text, 24.0),
            col("KDE #", K::Text, 7.0),
            col("School year", K::Text, 11.0),
            col("Applicant", K::Text, 20.0),
            col("Purpose", K::Text, 22.0),
            col("Destination", K::Text, 28.0),
            col("City", K::Text, 16.0),
            col("State", K::Text, 6.0),
            col("Travel starts", K::Date, 13.0),
            col("Travel ends", K::Date, 13.0),
            col("Travelers", K::Integer, 9.0),
            col("Traveler names", K::Text, 30.0),
            col("Requested", K::Money, 13.0),
            col("Awarded", K::Money, 13.0),
            col("Paid", K::Money, 13.0),
            col("Status", K::Text, 13.0),
            col("Received", K::Date, 13.0),
            col("Decided", K::Date, 13.0),
            col("Paid on", K::Date, 13.0),
            col("Report back", K::Date, 13.0),
            col("Reported at", K::Text, 30.0),
            col("Reason declined", K::Text, 24.0),
            col("Accepted without an active letter because", K::Text, 30.0),
            col("Notes", K::Text, 30.0),
        ],
        rows: grant_rows,
        footer: None,
        figures: Vec::new(),
    };
    let fund_sheet = Sheet {
        name: SHEETS[7].into(),
        title: "ILN roster: each school year's Travel Fund".into(),
        columns: vec![
            col("School year", K::Text, 11.0),
            col("Fund", K::Money, 14.0),
        ],
        rows: store
            .grant_funds()?
            .into_iter()
            .map(|(year, amount)| vec![Cell::text(year.to_string()), Cell::Money(amount)])
            .collect(),
        footer: None,
        figures: Vec::new(),
    };
    let network_sheet = Sheet {
        name: SHEETS[2].into(),
        title: "ILN roster: people of the network outside the districts".into(),
        columns: vec![
            col("Name", K::Text, 24.0),
            col("Title", K::Text, 28.0),
            col("Organisation", K::Text, 28.0),
            col("Email", K::Text, 34.0),
            col("Phone", K::Text, 18.0),
            col("Role", K::Text, 18.0),
            col("Cc on drafts", K::Text, 12.0),
            col("Active", K::Text, 8.0),
        ],
        rows: network_people
            .iter()
            .map(|p| {
                let f = &p.fields;
                let yes = |b: bool| Cell::text(if b { "Yes" } else { "No" });
                vec![
                    Cell::text(&f.name),
                    Cell::text(&f.title),
                    Cell::text(&f.organisation),
                    Cell::text(&f.email),
                    Cell::text(&f.phone),
                    Cell::text(f.role.label()),
                    yes(f.cc_on_drafts),
                    yes(f.active),
                ]
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };
    let settings = store.settings()?;
    let settings_sheet = Sheet {
        name: SHEETS[8].into(),
        title: "ILN roster: settings".into(),
        columns: vec![
            col("Setting", K::Text, 30.0),
            col("Value", K::Text, 24.0),
            col("What it does", K::Text, 80.0),
        ],
        rows: Setting::VARIANTS
            .iter()
            .map(|s| {
                vec![
                    Cell::text(s.label()),
                    Cell::text(s.written(&settings)),
                    Cell::text(s.meaning()),
                ]
            })
            .collect(),
        footer: None,
        figures: Vec::new(),
    };
    Ok(vec![
        district_sheet,
        contact_sheet,
        network_sheet,
        letter_sheet,
        convening_sheet,
        attendance_sheet,
        grant_sheet,
        fund_sheet,
        settings_sheet,
    ])
}

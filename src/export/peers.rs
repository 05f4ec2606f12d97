//! The year's members and their peers: each active member's profile (its
//! letter's action areas, big ideas and learning goal, and where it is),
//! and the "peer pairs" sheet for planning consultancies.

use chrono::NaiveDate;

use crate::domain::peers::{PeerProfile, peers_of};
use crate::domain::{MembershipStatus, SchoolYear};
use crate::geo::{KentuckyMap, unproject};
use crate::io::table::{Cell, ColumnKind as K, Sheet};
use crate::store::{Store, StoreError};

/// How many peers the sheet gives each member.
pub const PEERS_EACH: usize = 3;

/// The year's active members (a termination still to come leaves one
/// active) as peers see them, by name; each where the map draws it.
pub fn member_profiles(
    store: &Store,
    year: SchoolYear,
    today: NaiveDate,
) -> Result<Vec<PeerProfile>, StoreError> {
    let districts: std::collections::HashMap<_, _> = store
        .district_list()?
        .into_iter()
        .map(|d| (d.district.id, d.district))
        .collect();
    let map = KentuckyMap::get();
    let mut profiles: Vec<PeerProfile> = store
        .memberships_in(year)?
        .into_iter()
        .filter(|m| m.status.in_effect(m.letter.terminated_on, today) == MembershipStatus::Active)
        .filter_map(|m| {
            let district = districts.get(&m.district_id)?;
            Some(PeerProfile {
                id: district.id,
                name: district.fields.name.clone(),
                cooperative: district.fields.cooperative,
                location: map
                    .place_of(
                        district.fields.kind,
                        &district.fields.county,
                        &district.fields.kde_number,
                    )
                    .map(|place| unproject(place.at(map))),
                action_areas: m.letter.action_areas,
                big_ideas: m.letter.big_ideas,
                learning_goal: m.letter.learning_goal,
            })
        })
        .collect();
    profiles.sort_by_key(|p| p.name.to_lowercase());
    Ok(profiles)
}

/// Each active member with its three nearest peers: who, what they share,
/// their cooperative and how far.
pub fn peer_pairs(store: &Store, year: SchoolYear, today: NaiveDate) -> Result<Sheet, StoreError> {
    let members = member_profiles(store, year, today)?;
    let mut columns = vec![
        super::col("District", K::Text, 28.0),
        super::col("Co-op", K::Text, 9.0),
    ];
    for n in 1..=PEERS_EACH {
        columns.extend([
            super::col(&format!("Peer {n}"), K::Text, 26.0),
            super::col(&format!("Peer {n} co-op"), K::Text, 9.0),
            super::col(&format!("Peer {n} shares"), K::Text, 48.0),
            super::col(&format!("Peer {n} miles"), K::Integer, 10.0),
        ]);
    }
    let coop = |c: Option<crate::domain::Cooperative>| Cell::text(c.map_or("", |c| c.into()));
    let rows = members
        .iter()
        .map(|member| {
            let mut row = vec![Cell::text(&member.name), coop(member.cooperative)];
            let peers = peers_of(member, &members, PEERS_EACH);
            for n in 0..PEERS_EACH {
                match peers.get(n) {
                    Some(peer) => row.extend([
                        Cell::text(&peer.name),
                        coop(peer.cooperative),
                        Cell::text(peer.what_is_shared()),
                        peer.miles
                            .map_or(Cell::Empty, |m| Cell::Integer(m.round() as i64)),
                    ]),
                    None => row.extend([Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty]),
                }
            }
            row
        })
        .collect();
    Ok(Sheet {
        name: "Peer pairs".into(),
        title: format!(
            "Peers of each active member, {year}: most action areas and big ideas shared, then \
             words in their learning goals, then the nearest"
        ),
        columns,
        rows,
        footer: None,
        figures: Vec::new(),
    })
}

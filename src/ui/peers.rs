//! "Peers": on a district's form and its letter, the other active members
//! most like it (what they share, co-op, miles), each a link to open it,
//! and their people's emails in one click. Read when the form opens or
//! the roster changes, never per frame.

use egui::{RichText, Ui};

use super::style;
use super::widgets::{copy_emails, copy_emails_button};
use crate::domain::email::Recipient;
use crate::domain::peers::{Peer, peers_of};
use crate::domain::{DistrictId, SchoolYear};
use crate::export::drafts::{DISTRICT_PEOPLE, people as people_of};
use crate::export::peers::{PEERS_EACH, member_profiles};
use crate::store::{Store, StoreError};

pub struct PeersPanel {
    year: SchoolYear,
    /// `None`: the district is not an active member that year.
    peers: Option<Vec<Peer>>,
    /// The peers' superintendents and points of contact.
    people: Vec<Recipient>,
}

impl PeersPanel {
    pub fn read(store: &Store, district: DistrictId, year: SchoolYear) -> Result<Self, StoreError> {
        let members = member_profiles(store, year, crate::domain::today())?;
        let peers = members
            .iter()
            .find(|m| m.id == district)
            .map(|me| peers_of(me, &members, PEERS_EACH));
        let mut people = Vec::new();
        for peer in peers.iter().flatten() {
            people.extend(people_of(store, peer.id, &DISTRICT_PEOPLE)?);
        }
        Ok(Self {
            year,
            peers,
            people,
        })
    }

    /// The panel; a peer's district when its name was clicked. `notice`
    /// is what the status bar says (what "Copy emails" copied).
    pub fn ui(&self, ui: &mut Ui, notice: &mut Option<String>) -> Option<DistrictId> {
        let mut open = None;
        ui.add_space(style::SECTION_GAP);
        ui.separator();
        ui.horizontal(|ui| {
            style::subheading(ui, &format!("Peers {}", self.year));
            if !self.people.is_empty()
                && copy_emails_button(
                    ui,
                    true,
                    "Their superintendents and points of contact, as Outlook's To line takes them",
                )
            {
                *notice = Some(copy_emails(ui.ctx(), &self.people));
            }
        });
        let Some(peers) = &self.peers else {
            style::muted(
                ui,
                format!(
                    "Peers are found among the active members of {}; this district is not one.",
                    self.year
                ),
            );
            return None;
        };
        if peers.is_empty() {
            style::muted(ui, "No other active member yet.");
            return None;
        }
        style::muted(
            ui,
            "The active members most like it: most action areas and big ideas shared, then \
             words in their learning goals, then the nearest.",
        );
        for peer in peers {
            ui.horizontal(|ui| {
                if ui
                    .link(RichText::new(&peer.name).strong())
                    .on_hover_text("Open this district")
                    .clicked()
                {
                    open = Some(peer.id);
                }
                let coop = peer.cooperative.map_or("no co-op", |c| c.into());
                let miles = peer
                    .miles
                    .map(|m| format!(" · {} miles", m.round()))
                    .unwrap_or_default();
                style::muted(ui, format!("{coop}{miles}"));
            });
            let shared = peer.what_is_shared();
            let words = if peer.goal_words.is_empty() {
                String::new()
            } else {
                format!("\nGoal words: {}", peer.goal_words.join(", "))
            };
            ui.label(format!("Shares {}", peer.shares()))
                .on_hover_text(format!("{shared}{words}"));
        }
        open
    }
}

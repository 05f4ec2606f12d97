//! Peers on the demo network: for every active member the first peer
//! shares at least as many action areas as any other member, nobody is
//! their own peer; the peer pairs export; the panel on a district's form.

mod common;

use common::cli::{roster, stdout};
use common::{demo_roster, open_roster, this_year};
use egui_kittest::kittest::Queryable as _;
use iln_roster::domain::peers::peers_of;
use iln_roster::export::peers::{PEERS_EACH, member_profiles, peer_pairs};
use iln_roster::io::table::Cell;
use iln_roster::store::Store;

#[test]
fn the_first_peer_shares_the_most_action_areas_and_nobody_is_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    demo_roster(&db, 2, 7);
    let store = Store::open(&db).unwrap();
    let members = member_profiles(&store, this_year(), common::today()).unwrap();
    assert!(members.len() > 20, "{}", members.len());
    for member in &members {
        let peers = peers_of(member, &members, members.len());
        assert_eq!(peers.len(), members.len() - 1, "everyone else, once");
        assert!(peers.iter().all(|p| p.id != member.id), "{}", member.name);
        let most = members
            .iter()
            .filter(|other| other.id != member.id)
            .map(|other| {
                member
                    .action_areas
                    .intersection(&other.action_areas)
                    .count()
            })
            .max()
            .unwrap();
        assert_eq!(peers[0].action_areas.len(), most, "{}", member.name);
        // Most alike first, all the way down.
        assert!(
            peers
                .windows(2)
                .all(|w| w[0].action_areas.len() >= w[1].action_areas.len())
        );
    }

    let sheet = peer_pairs(&store, this_year(), common::today()).unwrap();
    assert_eq!(sheet.rows.len(), members.len());
    assert_eq!(sheet.columns.len(), 2 + 4 * PEERS_EACH);
    for row in &sheet.rows {
        assert_ne!(row[0], row[2], "a district is never its own peer");
        assert!(
            matches!(row[5], Cell::Integer(miles) if (0..500).contains(&miles)),
            "{row:?}"
        );
    }

    drop(store);
    let out = dir.path().join("peers.csv");
    let made = roster(&db, &["export", "peers", "-o", out.to_str().unwrap()]);
    assert!(made.status.success(), "{made:?}");
    assert!(stdout(&made).contains("Wrote"), "{}", stdout(&made));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Peer 1 shares"), "{text}");
    assert!(text.lines().filter(|l| !l.trim().is_empty()).count() > members.len());
}

#[test]
fn a_district_form_lists_its_peers_and_copies_their_emails() {
    let mut members = Vec::new();
    let mut app = open_roster(iln_roster::ui::Section::Districts, |store| {
        let options = iln_roster::demo::DemoOptions {
            years: 2,
            scale: 1,
            seed: 7,
            last: this_year(),
        };
        iln_roster::demo::generate(store, options).unwrap();
        members = member_profiles(store, this_year(), common::today()).unwrap();
    });
    let first = members[0].clone();
    let peers = peers_of(&first, &members, PEERS_EACH);
    app.click(&first.name);
    assert!(app.shows(&format!("Peers {}", this_year())));
    for peer in &peers {
        assert!(
            app.harness.query_all_by_label(&peer.name).count() >= 1,
            "{} listed",
            peer.name
        );
    }
    let buttons: Vec<_> = app.harness.query_all_by_label("📋 Copy emails").collect();
    // The district's own contacts, then its peers'.
    let button = buttons.last().unwrap();
    button.scroll_to_me();
    app.harness.run();
    let buttons: Vec<_> = app.harness.query_all_by_label("📋 Copy emails").collect();
    buttons.last().unwrap().click();
    app.harness.step();
    let copied = app.copied();
    assert_eq!(copied.len(), 1);
    assert!(
        copied[0].contains('@') && copied[0].contains("; "),
        "{copied:?}"
    );
    // A peer's name opens it: its own form lists the first district among
    // its peers or says why not.
    app.harness
        .query_all_by_label(&peers[0].name)
        .last()
        .unwrap()
        .click();
    app.run();
    assert!(app.shows(&format!("Peers {}", this_year())));
    assert_eq!(
        app.harness.query_all_by_label(&peers[0].name).count(),
        2,
        "the list's row and the form's title"
    );
    // The peers follow the top bar's year.
    app.harness.state_mut().set_year(this_year().previous());
    app.run();
    assert!(app.shows(&format!("Peers {}", this_year().previous())));
}

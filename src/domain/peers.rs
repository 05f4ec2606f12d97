//! Peers: the other active members most like a district, for the
//! cross-district consultancies the letter promises. Most alike is the
//! most action areas shared, then big ideas, then words their learning
//! goals share, then the nearest.

use std::collections::BTreeSet;

use super::{ActionArea, BigIdea, Cooperative, DistrictId};

/// What a member district chose this year, and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct PeerProfile {
    pub id: DistrictId,
    pub name: String,
    pub cooperative: Option<Cooperative>,
    /// Longitude and latitude of its offices, when known.
    pub location: Option<(f64, f64)>,
    pub action_areas: BTreeSet<ActionArea>,
    pub big_ideas: BTreeSet<BigIdea>,
    pub learning_goal: String,
}

/// Another member, and what it shares with the district.
#[derive(Clone, Debug, PartialEq)]
pub struct Peer {
    pub id: DistrictId,
    pub name: String,
    pub cooperative: Option<Cooperative>,
    pub action_areas: Vec<ActionArea>,
    pub big_ideas: Vec<BigIdea>,
    /// Words both learning goals use.
    pub goal_words: Vec<String>,
    pub miles: Option<f64>,
}

impl Peer {
    /// "2 action areas, 1 big idea, 3 goal words".
    pub fn shares(&self) -> String {
        let mut said = Vec::new();
        let mut say = |n: usize, one: &str, many: &str| {
            if n > 0 {
                said.push(super::count(n, one, many));
            }
        };
        say(self.action_areas.len(), "action area", "action areas");
        say(self.big_ideas.len(), "big idea", "big ideas");
        say(self.goal_words.len(), "goal word", "goal words");
        if said.is_empty() {
            "nothing chosen in common".to_owned()
        } else {
            said.join(", ")
        }
    }

    /// "Personalized learning; Competency-based education".
    pub fn what_is_shared(&self) -> String {
        self.action_areas
            .iter()
            .map(|a| a.label())
            .chain(self.big_ideas.iter().map(|b| b.label()))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Miles between two places given as longitude and latitude (haversine).
pub fn miles_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (lon1, lat1) = (a.0.to_radians(), a.1.to_radians());
    let (lon2, lat2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * 3958.8 * h.sqrt().asin()
}

/// Words too common to say two goals are alike.
const COMMON: &[&str] = &[
    "about", "across", "after", "also", "among", "based", "been", "being", "both", "district",
    "each", "every", "from", "have", "into", "more", "most", "other", "over", "school", "schools",
    "students", "student", "such", "than", "that", "their", "them", "these", "they", "this",
    "through", "will", "with", "within", "year", "years", "which", "while", "would", "learning",
];

/// The words of a learning goal that can tell two goals alike: four
/// letters or more, not among the commonest.
pub fn goal_words(goal: &str) -> BTreeSet<String> {
    goal.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.chars().count() >= 4 && !COMMON.contains(&w.as_str()))
        .collect()
}

/// The `how_many` members most like `district` among `members` (never
/// itself), most alike first.
pub fn peers_of(district: &PeerProfile, members: &[PeerProfile], how_many: usize) -> Vec<Peer> {
    let words = goal_words(&district.learning_goal);
    let mut peers: Vec<Peer> = members
        .iter()
        .filter(|other| other.id != district.id)
        .map(|other| Peer {
            id: other.id,
            name: other.name.clone(),
            cooperative: other.cooperative,
            action_areas: district
                .action_areas
                .intersection(&other.action_areas)
                .copied()
                .collect(),
            big_ideas: district
                .big_ideas
                .intersection(&other.big_ideas)
                .copied()
                .collect(),
            goal_words: words
                .intersection(&goal_words(&other.learning_goal))
                .cloned()
                .collect(),
            miles: district
                .location
                .zip(other.location)
                .map(|(a, b)| miles_between(a, b)),
        })
        .collect();
    peers.sort_by(|a, b| {
        b.action_areas
            .len()
            .cmp(&a.action_areas.len())
            .then(b.big_ideas.len().cmp(&a.big_ideas.len()))
            .then(b.goal_words.len().cmp(&a.goal_words.len()))
            .then(
                a.miles
                    .unwrap_or(f64::MAX)
                    .total_cmp(&b.miles.unwrap_or(f64::MAX)),
            )
            .then_with(|| a.name.cmp(&b.name))
    });
    peers.truncate(how_many);
    peers
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(id: i64, areas: &[ActionArea], ideas: &[BigIdea], goal: &str) -> PeerProfile {
        PeerProfile {
            id: DistrictId(id),
            name: format!("District {id}"),
            cooperative: None,
            location: Some((-85.0 + id as f64 * 0.1, 37.5)),
            action_areas: areas.iter().copied().collect(),
            big_ideas: ideas.iter().copied().collect(),
            learning_goal: goal.into(),
        }
    }

    #[test]
    fn the_most_alike_come_first_and_a_district_is_never_its_own_peer() {
        use strum::VariantArray as _;
        let areas = ActionArea::VARIANTS;
        let ideas = BigIdea::VARIANTS;
        let owsley = member(
            1,
            &areas[..3],
            &ideas[..1],
            "Portraits of graduates in rural classrooms",
        );
        let members = [
            owsley.clone(),
            member(2, &areas[..1], &ideas[..1], "Rural portraits"),
            member(3, &areas[..3], &[], "Numeracy"),
            member(
                4,
                &areas[..2],
                &ideas[..1],
                "Graduates' portraits in rural classrooms",
            ),
            member(5, &areas[..2], &ideas[..1], "Something else entirely"),
        ];
        let peers = peers_of(&owsley, &members, 3);
        let names: Vec<&str> = peers.iter().map(|p| p.name.as_str()).collect();
        // 3 shares all three areas; 4 and 5 two each, 4 with more goal words.
        assert_eq!(names, ["District 3", "District 4", "District 5"]);
        assert!(peers.iter().all(|p| p.id != owsley.id));
        assert_eq!(
            peers[1].goal_words,
            ["classrooms", "graduates", "portraits", "rural"]
        );
        assert_eq!(peers[0].shares(), "3 action areas");
        assert!(peers[0].miles.is_some_and(|m| m > 10.0 && m < 15.0));
        assert!(peers_of(&owsley, std::slice::from_ref(&owsley), 3).is_empty());
    }

    #[test]
    fn goal_words_leave_out_the_commonest() {
        let words =
            goal_words("Every student will show learning through Portfolios, and defend them");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(words, ["defend", "portfolios", "show"]);
    }
}

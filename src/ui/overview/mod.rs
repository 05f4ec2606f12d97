//! The Overview: the chosen year's headline figures (each opens the section
//! that explains it), what needs attention with a button to act on each,
//! and three charts. Read from the store after a change, never per frame.

use egui::{Color32, RichText, Ui};

mod charts;

use self::charts::charts_ui;
use super::{
    AfterChange, Navigation, ReadContext, Screen, ScreenContext, Shows, StandingFilter, style,
};
use crate::domain::SchoolYear;
use crate::store::overview::{AttentionGroup, AttentionItem, Overview};
use crate::store::{Store, StoreError};

#[derive(Default)]
pub struct OverviewScreen {
    overview: Option<Overview>,
    /// The year's districts as the map sees them, for the reach figures.
    reach: Vec<crate::domain::reach::DistrictReach>,
    drafts: Option<crate::ui::drafts_dialog::DraftsDialog>,
    /// The year and change `overview` was read for.
    loaded: Option<(SchoolYear, u64)>,
    generation: u64,
}

impl OverviewScreen {
    /// The figures shown (read for `year` if not yet).
    pub fn figures(&mut self, store: &Store, year: SchoolYear) -> Result<&Overview, StoreError> {
        self.ensure(store, year, crate::domain::today())?;
        Ok(self.overview.get_or_insert_default())
    }

    fn ensure(
        &mut self,
        store: &Store,
        year: SchoolYear,
        today: chrono::NaiveDate,
    ) -> Result<(), StoreError> {
        let key = (year, self.generation);
        if self.loaded != Some(key) {
            self.overview = Some(store.overview(year, today)?);
            self.reach = crate::export::map::network_map(store, year, today)?.districts;
            self.loaded = Some(key);
        }
        Ok(())
    }
}

impl Screen for OverviewScreen {
    fn shows(&self) -> Shows {
        Shows::Everything
    }

    /// Forgets the figures: they are read again when next drawn.
    fn reload(&mut self, _: &ReadContext<'_>, _: &AfterChange<'_>) -> Result<(), StoreError> {
        self.generation += 1;
        Ok(())
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.ensure(cx.store, cx.year, cx.today)?;
        let Some(overview) = &self.overview else {
            return Ok(());
        };
        let mut go = None;
        let mut write = None;
        egui::ScrollArea::vertical()
            .id_salt("overview_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(style::GAP);
                ui.horizontal(|ui| {
                    style::heading(ui, &format!("Overview {}", cx.year));
                    style::muted(ui, "Click a figure to see what is behind it.");
                });
                ui.add_space(style::GAP);
                figures_ui(ui, overview, &mut go);
                ui.add_space(style::SECTION_GAP);
                ui.columns(2, |columns| {
                    attention_ui(
                        &mut columns[0],
                        overview,
                        (cx.year, cx.today),
                        &mut go,
                        &mut write,
                    );
                    charts_ui(&mut columns[1], overview);
                    let ui = &mut columns[1];
                    ui.add_space(style::SECTION_GAP);
                    crate::ui::map::reach_ui(ui, &self.reach);
                    ui.horizontal(|ui| {
                        if ui
                            .button("🗺 See them on the map")
                            .on_hover_text(
                                "The Map section: members by county, attendance, grants, \
                                 cooperatives",
                            )
                            .clicked()
                        {
                            go = Some(Navigation::Map);
                        }
                    });
                });
            });
        if let Some(navigation) = go {
            *cx.navigate = Some(navigation);
        }
        if let Some((audience, template, title, districts)) = write {
            self.drafts = Some(
                crate::ui::drafts_dialog::DraftsDialog::open(
                    cx.store, audience, cx.year, cx.today, template, title,
                )?
                .only(districts),
            );
        }
        if let Some(dialog) = &mut self.drafts
            && dialog.ui(ui.ctx(), cx).is_some()
        {
            self.drafts = None;
        }
        Ok(())
    }
}

/// The width of a headline figure's card (cards wrap in rows of these).
const CARD_WIDTH: f32 = 172.0;

/// A clickable figure: its number large, what it counts beneath.
fn figure_ui(ui: &mut Ui, value: &str, label: &str, tooltip: &str, color: Option<Color32>) -> bool {
    let response = egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(12, 8))
        .show(ui, |ui| {
            ui.set_width(CARD_WIDTH - 26.0);
            ui.vertical(|ui| {
                let mut text = RichText::new(value).size(22.0).strong();
                if let Some(color) = color {
                    text = text.color(color);
                }
                ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Truncate));
                style::muted(ui, label);
            });
        })
        .response
        .interact(egui::Sense::click())
        .on_hover_cursor(egui::CursorIcon::PointingHand)
        .on_hover_text(tooltip);
    // Screen readers and tests find it by what it says.
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{value} {label}"))
    });
    response.clicked()
}

/// One headline figure: what it shows and where a click leads.
struct Card {
    value: String,
    label: &'static str,
    tooltip: &'static str,
    color: Option<Color32>,
    go: Navigation,
}

fn figures_ui(ui: &mut Ui, overview: &Overview, go: &mut Option<Navigation>) {
    let f = &overview.figures;
    let card = |value: String, label, tooltip, color, go| Card {
        value,
        label,
        tooltip,
        color,
        go,
    };
    let grants = Navigation::Grants { attention: false };
    let (remaining, remaining_color) = match f.remaining() {
        None => ("No fund set".to_owned(), None),
        Some(Ok(left)) => (left.to_string(), None),
        Some(Err(over)) => (format!("{over} over"), Some(style::error_color(ui))),
    };
    let cards = [
        card(
            f.active.to_string(),
            "active members",
            "Open the active members",
            None,
            Navigation::Standings(StandingFilter::Active),
        ),
        card(
            f.pending.to_string(),
            "letters pending",
            "Invited or received, not yet active",
            (f.pending > 0).then(|| style::warning_color(ui)),
            Navigation::Standings(StandingFilter::Pending),
        ),
        card(
            f.lapsed.to_string(),
            "lapsed",
            "Active last year, no letter this year",
            None,
            Navigation::Standings(StandingFilter::Lapsed),
        ),
        card(
            format!(
                "{} of {}",
                f.convenings_held,
                f.convenings_held + f.convenings_planned
            ),
            "convenings held",
            "Open the year's convenings",
            None,
            Navigation::ConveningList,
        ),
        card(
            f.average_rate
                .map_or("—".to_owned(), |r| format!("{r:.0}%")),
            "average attendance",
            "Open the attendance grid",
            None,
            Navigation::AttendanceGrid,
        ),
        card(
            f.applications_waiting.to_string(),
            "grants waiting",
            "Submitted or under review: open what needs attention",
            None,
            Navigation::Grants { attention: true },
        ),
        card(
            f.awarded.to_string(),
            "awarded",
            "Open the travel grants",
            None,
            grants,
        ),
        card(
            f.paid.to_string(),
            "paid",
            "Open the travel grants",
            None,
            grants,
        ),
        card(
            remaining,
            "fund remaining",
            "The year's fund less what was awarded",
            remaining_color,
            grants,
        ),
    ];
    // Cards are laid out in rows that fit: a wrapping layout cannot know a
    // card's width before drawing it.
    let gap = ui.spacing().item_spacing.x;
    let per_row = ((ui.available_width() + gap) / (CARD_WIDTH + gap))
        .floor()
        .max(1.0) as usize;
    for row in cards.chunks(per_row) {
        ui.horizontal(|ui| {
            for card in row {
                if figure_ui(ui, &card.value, card.label, card.tooltip, card.color) {
                    *go = Some(card.go);
                }
            }
        });
    }
}

/// Drafts asked for from a group: the list they come from, the template,
/// a title, and the group's districts (those of the list it keeps).
type DraftsWanted = Option<(
    crate::export::drafts::Audience,
    crate::domain::email::TemplateName,
    String,
    Vec<crate::domain::DistrictId>,
)>;

fn attention_ui(
    ui: &mut Ui,
    overview: &Overview,
    (year, today): (SchoolYear, chrono::NaiveDate),
    go: &mut Option<Navigation>,
    write: &mut DraftsWanted,
) {
    style::subheading(
        ui,
        &format!("Needs attention ({})", overview.attention.len()),
    );
    if overview.attention.is_empty() {
        ui.label(RichText::new("✔ Nothing needs attention.").color(style::success_color(ui)));
        return;
    }
    // By kind, each with its count and collapsible; the store lists the
    // most urgent first within each.
    for group in AttentionGroup::ALL {
        let items: Vec<&AttentionItem> = overview
            .attention
            .iter()
            .filter(|item| item.group() == group)
            .collect();
        if items.is_empty() {
            continue;
        }
        egui::CollapsingHeader::new(format!("{} ({})", group.label(), items.len()))
            .id_salt(("attention", group.label()))
            .default_open(true)
            .show(ui, |ui| {
                use crate::domain::email::TemplateName as T;
                use crate::export::drafts::Audience as A;
                let drafts = match group {
                    AttentionGroup::Letters => Some((
                        A::Renewals,
                        T::MissingLetter,
                        format!("letters to chase {year}"),
                        "A reminder draft to each of these districts that was a member last year",
                    )),
                    AttentionGroup::Attendance => Some((
                        A::Flagged,
                        T::LowAttendance,
                        format!("attendance under the threshold {year}"),
                        "A draft to each of these members under the attendance threshold",
                    )),
                    AttentionGroup::Grants => None,
                };
                if let Some((audience, template, title, tooltip)) = drafts
                    && ui
                        .small_button("✉ Drafts to these districts…")
                        .on_hover_text(tooltip)
                        .clicked()
                {
                    let districts = items.iter().filter_map(|item| item.district()).collect();
                    *write = Some((audience, template, title, districts));
                }
                attention_rows_ui(ui, &items, (year, today), &overview.last_reminded, go);
            });
    }
}

/// One group's items; only the rows in view are drawn, as the list grows
/// with the roster.
fn attention_rows_ui(
    ui: &mut Ui,
    items: &[&AttentionItem],
    (year, today): (SchoolYear, chrono::NaiveDate),
    last_reminded: &std::collections::HashMap<crate::domain::DistrictId, chrono::NaiveDate>,
    go: &mut Option<Navigation>,
) {
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical()
        .max_height(240.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, items.len(), |ui, rows| {
            for item in &items[rows] {
                let (mut text, action, navigation) = describe(item, year);
                if let Some(district) = item.district() {
                    text.push_str(&match last_reminded.get(&district) {
                        Some(day) => format!(
                            " · last reminded {}",
                            crate::ui::memberships::ago(*day, today)
                        ),
                        None => " · not reminded".to_owned(),
                    });
                }
                // The action first, so a long line never pushes it away.
                ui.horizontal(|ui| {
                    if ui.button(action).clicked() {
                        *go = Some(navigation);
                    }
                    ui.add(egui::Label::new(text).truncate());
                });
            }
        });
}

fn describe(item: &AttentionItem, year: SchoolYear) -> (String, &'static str, Navigation) {
    match item {
        AttentionItem::MissingLetter { district, name } => (
            format!("📜 {name}: no letter for {year} yet"),
            "Open letter",
            Navigation::Letter {
                district: *district,
                year,
            },
        ),
        AttentionItem::PendingLetter { district, name } => (
            format!("⏳ {name}: letter not complete"),
            "Open letter",
            Navigation::Letter {
                district: *district,
                year,
            },
        ),
        AttentionItem::UnderThreshold { name, percent, .. } => (
            format!(
                "📅 {name}: attended {}",
                crate::domain::convening::percent_text(*percent)
            ),
            "Open grid",
            Navigation::AttendanceGrid,
        ),
        AttentionItem::Grant {
            id,
            district,
            destination,
            why,
        } => (
            format!(
                "✈ {district}, {destination}: {}",
                why.label().to_lowercase()
            ),
            "Open application",
            Navigation::Grant { id: *id, year },
        ),
    }
}

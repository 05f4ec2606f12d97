//! The shared design vocabulary: spacing, colours, and the small widgets every
//! screen builds its forms and tables from.

use egui::{Color32, Id, Response, RichText, TextEdit, Ui, UiBuilder, Vec2};

/// Space between related items.
pub const GAP: f32 = 8.0;
/// Space between groups (a form's sections, a toolbar and its table).
pub const SECTION_GAP: f32 = 16.0;
/// Table rows: tall enough to click comfortably.
pub const ROW_HEIGHT: f32 = 24.0;
pub const HEADER_HEIGHT: f32 = 26.0;
/// Width of the label column of a form.
pub const FORM_LABEL_WIDTH: f32 = 120.0;
/// Width of a single-line form field.
pub const FIELD_WIDTH: f32 = 260.0;
/// Room kept free at the right of a form for a scroll bar.
pub const SCROLL_BAR_ROOM: f32 = 14.0;
pub const NAV_WIDTH: f32 = 160.0;
pub const FORM_PANEL_WIDTH: f32 = 400.0;

/// Applies the app's spacing to both themes.
pub fn apply(ctx: &egui::Context) {
    // Arrows and other signs the text font lacks ("Under review → Awarded")
    // come from the monospace font egui bundles.
    let mut fonts = egui::FontDefinitions::default();
    if let Some(monospace) = fonts
        .families
        .get(&egui::FontFamily::Monospace)
        .and_then(|faces| faces.first().cloned())
        && let Some(proportional) = fonts.families.get_mut(&egui::FontFamily::Proportional)
    {
        proportional.push(monospace);
    }
    ctx.set_fonts(fonts);
    ctx.all_styles_mut(|style| {
        style.spacing.item_spacing = Vec2::new(GAP, 6.0);
        style.spacing.button_padding = Vec2::new(10.0, 4.0);
        style.spacing.interact_size.y = 24.0;
        style.spacing.combo_width = FIELD_WIDTH;
        style.spacing.text_edit_width = FIELD_WIDTH;
        style.interaction.tooltip_delay = 0.3;
        // Scroll bars always shown, as on a desktop: a long list says so
        // before the pointer finds it.
        style.spacing.scroll = egui::style::ScrollStyle::solid();
    });
}

pub fn error_color(ui: &Ui) -> Color32 {
    ui.visuals().error_fg_color
}

pub fn warning_color(ui: &Ui) -> Color32 {
    ui.visuals().warn_fg_color
}

pub fn success_color(ui: &Ui) -> Color32 {
    if ui.visuals().dark_mode {
        Color32::from_rgb(110, 200, 120)
    } else {
        Color32::from_rgb(30, 130, 50)
    }
}

pub fn muted_color(ui: &Ui) -> Color32 {
    ui.visuals().weak_text_color()
}

pub fn heading(ui: &mut Ui, text: &str) {
    ui.label(RichText::new(text).heading().strong());
}

/// A form's title: the record's name, cut to the form's width (whole on
/// hover), so that a long name never widens the panel the form is in.
pub fn form_title(ui: &mut Ui, text: &str) {
    ui.add(egui::Label::new(RichText::new(text).heading().strong()).truncate())
        .on_hover_text(text);
}

pub fn subheading(ui: &mut Ui, text: &str) {
    ui.add_space(GAP);
    ui.label(RichText::new(text).strong().size(15.0));
}

pub fn muted(ui: &mut Ui, text: impl Into<String>) -> Response {
    let color = muted_color(ui);
    ui.label(RichText::new(text).color(color))
}

/// Runs `add` in a `Ui` whose identity is `id` wherever it is drawn, so the
/// widgets inside (a text field's focus, cursor and typing) stay theirs when
/// something appears or disappears before them. Egui otherwise numbers
/// widgets in the order they are drawn, and a message shown above a field
/// would make it a new widget in the middle of typing.
pub fn keyed<R>(ui: &mut Ui, id: Id, add: impl FnOnce(&mut Ui) -> R) -> R {
    ui.scope_builder(UiBuilder::new().scope_id(id), add).inner
}

/// Which fields' messages a form shows: those the user has changed or
/// left, or all of them once a save was tried. So a message never appears
/// on a field the user has not reached (moving the one being typed in).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShownErrors {
    /// Labels of the fields the user has been in.
    touched: std::collections::BTreeSet<String>,
    all: bool,
}

impl ShownErrors {
    /// Every message, or (`false`) only those of fields the user reaches.
    pub fn showing_all(all: bool) -> Self {
        Self {
            all,
            ..Self::default()
        }
    }

    /// After a save was tried: every field's message.
    pub fn show_all(&mut self) {
        self.all = true;
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Whether the user has been in any field, or tried to save.
    pub fn any(&self) -> bool {
        self.all || !self.touched.is_empty()
    }

    pub fn shows(&self, label: &str) -> bool {
        self.all || self.touched.contains(label)
    }

    /// Notes that the user changed or left the field labelled `label`.
    pub fn follow(&mut self, label: &str, response: &Response) {
        if (response.changed() || response.lost_focus()) && !self.touched.contains(label) {
            self.touched.insert(label.to_owned());
        }
    }
}

/// A form laid out as label | field, with each field's error under it (once
/// the user reaches the field, see [`ShownErrors`]). Every field is keyed
/// by the form's id and its label (see [`keyed`]).
pub struct Form<'a> {
    ui: &'a mut Ui,
    id: Id,
    shown: &'a mut ShownErrors,
    /// Fields share one width: what the space beside the labels allows.
    field_width: f32,
}

impl<'a> Form<'a> {
    /// Runs `add_rows` inside a two-column grid with aligned labels. `id`
    /// names the form (and the record it edits) app-wide; `shown` is which
    /// fields' messages it shows.
    pub fn show<R>(
        ui: &mut Ui,
        id: Id,
        shown: &mut ShownErrors,
        add_rows: impl FnOnce(&mut Form<'_>) -> R,
    ) -> R {
        let column_gap = GAP * 1.5;
        // Leaves room for a scroll bar beside the form.
        let field_width = (ui.available_width() - FORM_LABEL_WIDTH - column_gap - SCROLL_BAR_ROOM)
            .clamp(140.0, FIELD_WIDTH);
        egui::Grid::new(id)
            .num_columns(2)
            .spacing(Vec2::new(column_gap, GAP))
            .min_col_width(FORM_LABEL_WIDTH)
            .show(ui, |ui| {
                add_rows(&mut Form {
                    ui,
                    id,
                    shown,
                    field_width,
                })
            })
            .inner
    }

    /// A labelled row. The field is tied to its label for screen readers
    /// (and tests), and `error` is shown under it once the user has been in
    /// the field (or tried to save).
    pub fn row(
        &mut self,
        label: &str,
        error: Option<&str>,
        add_field: impl FnOnce(&mut Ui) -> Response,
    ) -> Response {
        let label_id = self
            .ui
            .with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.label(label).id
            })
            .inner;
        let field_width = self.field_width;
        let builder = UiBuilder::new()
            .scope_id(self.id.with(label))
            .layout(egui::Layout::top_down(egui::Align::Min));
        let shown = &mut *self.shown;
        let response = self
            .ui
            .scope_builder(builder, |ui| {
                // Long error messages wrap within the field's width.
                ui.set_max_width(field_width);
                let response = add_field(ui).labelled_by(label_id);
                shown.follow(label, &response);
                if let Some(error) = error.filter(|_| shown.shows(label)) {
                    error_text(ui, error);
                }
                response
            })
            .inner;
        self.ui.end_row();
        response
    }

    /// A labelled single-line text field.
    pub fn text(
        &mut self,
        label: &str,
        value: &mut String,
        error: Option<&str>,
        hint: &str,
    ) -> Response {
        self.row(label, error, |ui| {
            ui.add(
                TextEdit::singleline(value)
                    .hint_text(hint)
                    .desired_width(FIELD_WIDTH),
            )
        })
    }

    /// A labelled multi-line text field.
    pub fn multiline(
        &mut self,
        label: &str,
        value: &mut String,
        rows: usize,
        hint: &str,
    ) -> Response {
        let width = self.field_width;
        self.row(label, None, |ui| {
            ui.add(
                TextEdit::multiline(value)
                    .hint_text(hint)
                    .desired_rows(rows)
                    .desired_width(width),
            )
        })
    }

    /// A labelled date field with a button that fills in today.
    pub fn date(
        &mut self,
        label: &str,
        value: &mut String,
        error: Option<&str>,
        today: chrono::NaiveDate,
    ) -> Response {
        let width = self.field_width - 34.0;
        self.row(label, error, |ui| {
            ui.horizontal(|ui| {
                let response = ui.add(
                    TextEdit::singleline(value)
                        .hint_text(DATE_HINT)
                        .desired_width(width),
                );
                calendar_button_ui(ui, label, value, today);
                response
            })
            .inner
        })
    }

    pub fn ui(&mut self) -> &mut Ui {
        self.ui
    }

    pub fn field_width(&self) -> f32 {
        self.field_width
    }
}

/// What a form says under its Save button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Note {
    /// What stops it from saving.
    Error(String),
    /// What saving will do.
    Info(String),
}

/// The line under a form's Save button where what stops it from saving (or
/// what saving will do) is said. It always takes the same two lines, note
/// or not, so that nothing below it moves while the user types.
pub fn message_strip(ui: &mut Ui, note: Option<&Note>) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let row = ui.ctx().fonts_mut(|f| f.row_height(&font));
    let size = Vec2::new(ui.available_width(), 2.0 * row + 2.0);
    let strip = UiBuilder::new().layout(egui::Layout::top_down(egui::Align::Min));
    // The strip takes exactly `size`, note or not, whatever the note's length.
    ui.scope_builder(strip, |ui| {
        ui.set_min_size(size);
        ui.set_max_size(size);
        let (message, text, color) = match note {
            None => return,
            Some(Note::Error(message)) => (message, format!("⚠ {message}"), error_color(ui)),
            Some(Note::Info(message)) => (message, message.clone(), muted_color(ui)),
        };
        let mut job =
            egui::text::LayoutJob::single_section(text, egui::TextFormat::simple(font, color));
        job.wrap = egui::text::TextWrapping {
            max_width: size.x,
            max_rows: 2,
            break_anywhere: false,
            overflow_character: Some('…'),
        };
        let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
        let elided = galley.elided;
        let label = ui.add(egui::Label::new(galley));
        if elided {
            label.on_hover_text(message.as_str());
        }
    });
}

/// A validation message next to the field it is about.
pub fn error_text(ui: &mut Ui, message: &str) -> Response {
    let color = error_color(ui);
    ui.label(RichText::new(format!("⚠ {message}")).color(color))
}

/// A frameless icon button; `tooltip` says what it does (icons alone do not).
/// An icon-only button, named in words by its tooltip for screen readers.
pub fn icon_button(ui: &mut Ui, icon: &str, tooltip: &str) -> Response {
    let response = ui.add(egui::Button::new(icon).frame(false));
    named(&response, tooltip, None);
    response.on_hover_text(tooltip)
}

/// Gives a control drawn as an icon a name in words (and, for a toggle,
/// whether it is on), for screen readers and for tests finding it.
pub fn named(response: &Response, name: &str, selected: Option<bool>) {
    let enabled = response.enabled();
    response.widget_info(|| match selected {
        Some(on) => egui::WidgetInfo::selected(egui::Role::Button, enabled, on, name),
        None => egui::WidgetInfo::labeled(egui::Role::Button, enabled, name),
    });
}

/// A friendly, centred message where a table or form would be.
pub fn empty_state<R>(
    ui: &mut Ui,
    icon: &str,
    title: &str,
    text: &str,
    add_actions: impl FnOnce(&mut Ui) -> R,
) -> R {
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.25).min(160.0));
        ui.label(RichText::new(icon).size(40.0));
        ui.add_space(GAP);
        ui.label(RichText::new(title).heading());
        ui.add_space(GAP / 2.0);
        ui.label(RichText::new(text).color(muted_color(ui)));
        ui.add_space(SECTION_GAP);
        add_actions(ui)
    })
    .inner
}

/// A small coloured pill, e.g. "Archived".
/// `text` as the app's fonts can draw it: a ✓ typed in someone's tracker
/// is shown as the ✔ they have; any other character they lack is written
/// as its code (U+2610), not as a box.
pub fn drawable(ui: &Ui, text: &str) -> String {
    let text = &text.replace('✓', "✔");
    let font = egui::TextStyle::Body.resolve(ui.style());
    if ui.ctx().fonts_mut(|f| f.has_glyphs(&font, text)) {
        return text.to_owned();
    }
    ui.ctx().fonts_mut(|f| {
        text.chars()
            .map(|c| {
                if c.is_whitespace() || f.has_glyph(&font, c) {
                    c.to_string()
                } else {
                    format!("U+{:04X}", u32::from(c))
                }
            })
            .collect()
    })
}

pub fn badge(ui: &mut Ui, text: &str, color: Color32) -> Response {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, color))
        .corner_radius(8.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| ui.label(RichText::new(text).color(color).small()))
        .response
}

/// The colour of a district's standing in a year. Always shown with the
/// standing's symbol and name, never by colour alone.
pub fn standing_color(ui: &Ui, standing: crate::domain::Standing) -> Color32 {
    use crate::domain::Standing as S;
    let dark = ui.visuals().dark_mode;
    match standing {
        S::Active => success_color(ui),
        S::Received => ui.visuals().hyperlink_color,
        S::Invited => {
            if dark {
                Color32::from_rgb(225, 180, 80)
            } else {
                Color32::from_rgb(150, 100, 0)
            }
        }
        S::Lapsed => warning_color(ui),
        S::Terminated => error_color(ui),
        S::NotMember => muted_color(ui),
    }
}

/// "✔ Active" in the standing's colour.
pub fn standing_text(ui: &Ui, standing: crate::domain::Standing) -> RichText {
    RichText::new(format!("{} {}", standing.symbol(), standing.label()))
        .color(standing_color(ui, standing))
}

/// A toggle whose text carries a status colour: that colour while it is
/// off; once on, the selection's own text colour, so a red "Absent" never
/// sits on the selection's teal.
pub fn status_toggle(
    ui: &Ui,
    selected: bool,
    text: impl Into<String>,
    color: Color32,
) -> egui::Button<'static> {
    let text = RichText::new(text);
    let text = if selected {
        text.color(ui.visuals().selection.stroke.color).strong()
    } else {
        text.color(color)
    };
    egui::Button::selectable(selected, text)
}

pub use crate::domain::count;

/// A number or an amount in a table: right-aligned, in figures of one
/// width, so that a column of them lines up.
pub fn number_ui(ui: &mut Ui, text: impl Into<RichText>) -> Response {
    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
        ui.add(egui::Label::new(text.into().monospace()).selectable(false))
    })
    .inner
}

/// What an empty date field shows: how to write one, never a date.
pub const DATE_HINT: &str = "m/d/yyyy";

/// A calendar beside a date field, opening on its date (or today); a day
/// chosen is written into the field.
fn calendar_button_ui(ui: &mut Ui, label: &str, value: &mut String, today: chrono::NaiveDate) {
    use chrono::Datelike as _;
    let shown = crate::domain::validate::optional_date(value)
        .ok()
        .flatten()
        .unwrap_or(today);
    let as_picked = |date: chrono::NaiveDate| {
        let (Ok(year), Ok(month), Ok(day)) = (
            i16::try_from(date.year()),
            i8::try_from(date.month()),
            i8::try_from(date.day()),
        ) else {
            return None;
        };
        jiff::civil::Date::new(year, month, day).ok()
    };
    let Some(mut picked) = as_picked(shown) else {
        return;
    };
    let before = picked;
    let tooltip = format!("Choose the {} on a calendar", label.to_lowercase());
    let response = ui.add(
        egui_extras::DatePickerButton::new(&mut picked)
            .id_salt(label)
            .format("")
            .calendar_week(false)
            .highlight_weekends(false),
    );
    named(&response, &tooltip, None);
    response.on_hover_text(tooltip);
    if picked != before {
        let chosen = chrono::NaiveDate::from_ymd_opt(
            i32::from(picked.year()),
            u32::try_from(picked.month()).unwrap_or(1),
            u32::try_from(picked.day()).unwrap_or(1),
        );
        if chosen.is_some() {
            *value = crate::domain::validate::edit_date(chosen);
        }
    }
}

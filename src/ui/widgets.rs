//! Small widgets shared by several screens.

use egui::{RichText, Ui};

/// Which column a table is sorted by, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct SortOrder<C> {
    pub column: C,
    pub ascending: bool,
}

impl<C: PartialEq + Copy> SortOrder<C> {
    pub fn ascending(column: C) -> Self {
        Self {
            column,
            ascending: true,
        }
    }

    /// Clicking the sorted column flips it; another column sorts ascending.
    pub fn click(&mut self, column: C) {
        if self.column == column {
            self.ascending = !self.ascending;
        } else {
            *self = Self::ascending(column);
        }
    }

    pub fn apply(&self, ordering: std::cmp::Ordering) -> std::cmp::Ordering {
        if self.ascending {
            ordering
        } else {
            ordering.reverse()
        }
    }
}

/// Orders missing values after present ones, so a sorted column starts
/// with something to read.
pub fn blanks_last<T: Ord>(a: Option<T>, b: Option<T>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (None, None) => Ordering::Equal,
        (None, Some(_)) => Ordering::Greater,
        (Some(_), None) => Ordering::Less,
    }
}

/// The row after (or before) `selected` in a table's order, for the arrow
/// keys; the first row when nothing is selected.
pub fn next_in_view<T: Copy + PartialEq>(
    order: &[T],
    selected: Option<T>,
    backwards: bool,
) -> Option<T> {
    let position = selected.and_then(|s| order.iter().position(|&x| x == s));
    let next = match (position, backwards) {
        (Some(p), true) => p.saturating_sub(1),
        (Some(p), false) => (p + 1).min(order.len().saturating_sub(1)),
        (None, _) => 0,
    };
    order.get(next).copied()
}

/// A clickable column header showing ▲/▼ when the table is sorted by it.
/// Returns whether it was clicked (and the sort changed).
pub fn sort_header<C: PartialEq + Copy>(
    ui: &mut Ui,
    label: &str,
    column: C,
    sort: &mut SortOrder<C>,
) -> bool {
    let arrow = match (sort.column == column, sort.ascending) {
        (true, true) => " ⏶",
        (true, false) => " ⏷",
        (false, _) => "",
    };
    let response = ui
        .add(egui::Button::new(RichText::new(format!("{label}{arrow}")).strong()).frame(false))
        .on_hover_text(format!("Sort by {}", label.to_lowercase()));
    if response.clicked() {
        sort.click(column);
        true
    } else {
        false
    }
}

/// Whether a setting's widget is mid-edit (being dragged, or typed in): a
/// setting is saved once per finished edit (released, Enter, focus left),
/// not at every step of a drag.
pub fn still_editing(response: &egui::Response) -> bool {
    response.dragged() || response.has_focus()
}

/// The "discard unsaved changes?" question about what the user asked for
/// while a form had edits (`waiting`): what to carry out, once they said
/// Discard. Either answer puts the question away.
pub fn discard_to_go_on<I: Copy>(
    ctx: &egui::Context,
    waiting: &mut Option<I>,
    title: &str,
) -> Option<I> {
    let intent = (*waiting)?;
    let choice = discard_changes_modal(ctx, title)?;
    *waiting = None;
    (choice == DiscardChoice::Discard).then_some(intent)
}

/// What the user chose in a "discard unsaved changes?" dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DiscardChoice {
    Discard,
    KeepEditing,
}

/// Asks before unsaved edits are thrown away. Escape or a click outside
/// keeps editing: losing work must be a deliberate choice.
pub fn discard_changes_modal(ctx: &egui::Context, what: &str) -> Option<DiscardChoice> {
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::unique("discard_changes")).show(ctx, |ui| {
        ui.set_max_width(380.0);
        ui.label(RichText::new("Unsaved changes").heading());
        ui.add_space(super::style::GAP);
        ui.label(format!("You have unsaved changes to {what}. Discard them?"));
        ui.add_space(super::style::SECTION_GAP);
        ui.horizontal(|ui| {
            if ui.button("Keep editing").clicked() {
                choice = Some(DiscardChoice::KeepEditing);
            }
            if ui.button("Discard changes").clicked() {
                choice = Some(DiscardChoice::Discard);
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(DiscardChoice::KeepEditing);
    }
    choice
}

/// Asks before something is deleted. `Some(true)` to go ahead.
pub fn confirm_modal(
    ctx: &egui::Context,
    id: &str,
    title: &str,
    text: &str,
    action: &str,
) -> Option<bool> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        ui.set_max_width(400.0);
        ui.label(RichText::new(title).heading());
        ui.add_space(super::style::GAP);
        ui.label(text);
        ui.add_space(super::style::SECTION_GAP);
        ui.horizontal(|ui| {
            if ui.button("Cancel").clicked() {
                answer = Some(false);
            }
            let danger =
                egui::Button::new(RichText::new(action).color(ui.visuals().error_fg_color));
            if ui.add(danger).clicked() {
                answer = Some(true);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    answer
}

/// The "Export…" button every table has; `true` when clicked.
/// The table's "Export…" button; also pressed by Ctrl+E (see
/// [`ask_for_export`]) when it is the table on screen.
pub fn export_button(ui: &mut Ui) -> bool {
    let tooltip = super::command::UiCommand::Export.tooltip_with_shortcut(ui.ctx());
    let clicked = ui.button("Export…").on_hover_text(tooltip).clicked();
    let asked = ui.data_mut(|d| {
        d.remove_temp::<bool>(egui::Id::unique(EXPORT_ASKED))
            .is_some()
    });
    clicked || asked
}

const EXPORT_ASKED: &str = "export_asked_by_keyboard";

/// Ctrl+E was pressed: the first export button drawn this frame is
/// pressed. The app calls [`forget_export_asked`] after drawing, so a
/// screen without one ignores it.
pub fn ask_for_export(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(egui::Id::unique(EXPORT_ASKED), true));
}

pub fn forget_export_asked(ctx: &egui::Context) {
    ctx.data_mut(|d| d.remove_temp::<bool>(egui::Id::unique(EXPORT_ASKED)));
}

/// How wide a screen's form panel starts, and how far it may be dragged.
#[derive(Clone, Copy, Debug)]
pub struct PanelWidths {
    pub default: f32,
    pub min: f32,
    pub max: f32,
}

/// The side panel holding the open record's form. Resizable, its width
/// remembered between runs (egui keeps panel sizes with the window's
/// state), and folded away while no record is open, so the table has the
/// whole width instead of a panel saying "nothing selected".
pub fn form_panel_ui<R>(
    ui: &mut Ui,
    id: &'static str,
    open: bool,
    widths: PanelWidths,
    add_contents: impl FnOnce(&mut Ui) -> R,
) -> Option<R> {
    // Dragging the edge closed would only hide an open form: the record's
    // own Cancel or Esc closes it.
    let mut expanded = open;
    egui::Panel::right(id)
        .resizable(true)
        .drag_to_open(false)
        .default_size(widths.default)
        .size_range(widths.min..=widths.max)
        .show_collapsible(ui, &mut expanded, add_contents)
        .map(|shown| shown.inner)
}

/// "📋 Copy emails", the same on every people list; `true` when clicked.
pub fn copy_emails_button(ui: &mut Ui, enabled: bool, hover: &str) -> bool {
    ui.add_enabled(enabled, egui::Button::new("📋 Copy emails"))
        .on_hover_text(hover)
        .on_disabled_hover_text("Nobody here has an email address")
        .clicked()
}

/// Copies `people` as Outlook's To line takes them ("Name <email>; …",
/// each address once); returns what the status bar says.
pub fn copy_emails<'a>(
    ctx: &egui::Context,
    people: impl IntoIterator<Item = &'a crate::domain::email::Recipient>,
) -> String {
    let line = crate::domain::email::to_line(people);
    if line.is_empty() {
        return "Nobody here has an email address.".to_owned();
    }
    let count = line.split("; ").count();
    ctx.copy_text(line);
    format!(
        "Copied {} for Outlook's To line.",
        super::style::count(count, "email address", "email addresses")
    )
}

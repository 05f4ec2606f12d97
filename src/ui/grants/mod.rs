//! The Travel Grants section for the year in the top bar: the year's fund
//! against what was awarded and paid, the applications with a totals row,
//! filters by status and "Needs attention", and the application form.

mod form;
mod fund_bar;
mod table;

use std::collections::BTreeSet;

use egui::{RichText, Ui};

pub use table::GrantColumn;

use self::form::{GrantEditor, Reach, SaveRequest};
use self::table::{RowFlags, grants_table_ui};
use crate::domain::grant::attention;
use crate::domain::{ConveningId, FundSummary, GrantId, GrantStatus, Money, SchoolYear, Standing};
use crate::store::StoredTable;
use crate::store::{GrantRow, Store, StoreError};
use crate::ui::ExportRequest;
use crate::ui::command::{Command, UiCommand};
use crate::ui::district_picker::Choice;
use crate::ui::record_form::{OpenEditor as _, RecordEditor as _};
use crate::ui::table_rows::TableRows;
use crate::ui::widgets::discard_to_go_on;
use crate::ui::widgets::{PanelWidths, SortOrder, export_button, form_panel_ui, next_in_view};
use crate::ui::{
    AfterChange, Created, Navigation, ReadContext, Screen, ScreenContext, Shows, style,
};

/// A filter on the table: by status, or what needs attention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GrantFilter {
    Status(GrantStatus),
    NeedsAttention,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Intent {
    Select(GrantId),
    New,
    /// Close the form of a new application (Esc).
    CloseNew,
}

pub struct GrantsScreen {
    year: Option<SchoolYear>,
    pub table: TableRows<GrantRow, GrantColumn>,
    /// What each row needs, parallel to the table's rows.
    flags: Vec<RowFlags>,
    fund: FundSummary,
    decision_days: i64,
    /// The days being dragged or typed, saved once the edit is finished.
    decision_days_edit: Option<i64>,
    /// The roster's districts and the year's convenings, for the form's pickers.
    districts: Vec<Choice>,
    convenings: Vec<(ConveningId, chrono::NaiveDate, String)>,
    pub filter: BTreeSet<GrantFilter>,
    selected: Option<GrantId>,
    editor: Option<GrantEditor>,
    waiting: Option<Intent>,
    /// An award that would take the year past its fund, awaiting the user's OK.
    over_fund: Option<(SaveRequest, i64)>,
    fund_editor: Option<(String, Option<String>)>,
    drafts: Option<crate::ui::drafts_dialog::DraftsDialog>,
}

impl GrantsScreen {
    pub fn new(sort: SortOrder<GrantColumn>) -> Self {
        Self {
            year: None,
            table: TableRows::new(sort, |row| {
                let fields = &row.grant.fields;
                [
                    &row.district_name,
                    &fields.destination,
                    &fields.city,
                    &fields.state,
                ]
                .map(String::as_str)
                .join(" ")
            }),
            flags: Vec::new(),
            fund: FundSummary::default(),
            decision_days: crate::store::DEFAULT_DECISION_DAYS,
            decision_days_edit: None,
            districts: Vec::new(),
            convenings: Vec::new(),
            filter: BTreeSet::new(),
            selected: None,
            editor: None,
            waiting: None,
            over_fund: None,
            fund_editor: None,
            drafts: None,
        }
    }

    /// Opens an application (from another screen).
    fn select(&mut self, store: &Store, id: GrantId) -> Result<(), StoreError> {
        self.selected = Some(id);
        self.filter.clear();
        self.editor = Some(GrantEditor::open(store, id)?);
        Ok(())
    }

    /// The fund bar's figures (for tests).
    pub fn fund_summary(&self) -> FundSummary {
        self.fund
    }

    /// Saves, or first asks when an award would overrun the fund.
    fn submit(&mut self, request: SaveRequest, commands: &mut Vec<Command>) {
        let award = match request.status {
            GrantStatus::Awarded => request.fields.awarded,
            _ => None,
        };
        if let Some(overrun) =
            award.and_then(|a| self.fund.overrun_with(a, request.previously_awarded))
        {
            self.over_fund = Some((request, overrun));
            return;
        }
        commands.push(save_command(request));
    }

    fn request(&mut self, intent: Intent, store: &Store) -> Result<(), StoreError> {
        if let Intent::Select(id) = intent
            && self.selected == Some(id)
            && self.editor.is_some()
        {
            return Ok(());
        }
        if self.has_unsaved_changes() {
            self.waiting = Some(intent);
            return Ok(());
        }
        self.perform(intent, store)
    }

    fn perform(&mut self, intent: Intent, store: &Store) -> Result<(), StoreError> {
        match intent {
            Intent::Select(id) => {
                self.selected = Some(id);
                self.editor = Some(GrantEditor::open(store, id)?);
            }
            Intent::New => {
                self.selected = None;
                if let Some(year) = self.year {
                    self.editor = Some(GrantEditor::new_application(year));
                }
            }
            Intent::CloseNew => self.editor = None,
        }
        Ok(())
    }

    fn refresh_view(&mut self, search: &str) {
        let (filter, flags) = (&self.filter, &self.flags);
        let statuses: Vec<GrantStatus> = filter
            .iter()
            .filter_map(|f| match f {
                GrantFilter::Status(status) => Some(*status),
                GrantFilter::NeedsAttention => None,
            })
            .collect();
        let attention_only = filter.contains(&GrantFilter::NeedsAttention);
        self.table.refresh(search, filter, |row, i| {
            (statuses.is_empty() || statuses.contains(&row.grant.status))
                && (!attention_only || flags[i].attention.is_some() || flags[i].terminated)
        });
    }

    /// Destinations in the table's order and filter (for tests).
    pub fn visible_destinations(&mut self, search: &str) -> Vec<String> {
        self.refresh_view(search);
        self.table
            .shown()
            .map(|row| row.grant.fields.destination.clone())
            .collect()
    }

    fn modals_ui(
        &mut self,
        ctx: &egui::Context,
        cx: &mut ScreenContext<'_>,
    ) -> Result<(), StoreError> {
        let title = self.unsaved_title();
        if let Some(intent) = discard_to_go_on(ctx, &mut self.waiting, &title) {
            self.discard_changes();
            self.perform(intent, cx.store)?;
        }
        if let Some((request, overrun)) = &self.over_fund {
            let fund = self.fund;
            let award = request.fields.awarded.unwrap_or_default();
            let text = format!(
                "This award takes {} past its fund.\n\nFund: {}\nAlready awarded: {}\nThis award: {}\nOver by: {}",
                cx.year,
                fund.fund.unwrap_or_default(),
                Money::from_cents(fund.awarded.cents() - request.previously_awarded.cents())
                    .unwrap_or_default(),
                award,
                Money::from_cents(*overrun).unwrap_or_default(),
            );
            let mut answer = None;
            let modal = egui::Modal::new(egui::Id::unique("over_fund")).show(ctx, |ui| {
                ui.set_max_width(420.0);
                ui.label(RichText::new("Over the year's fund").heading());
                ui.add_space(style::GAP);
                ui.label(text);
                ui.add_space(style::SECTION_GAP);
                ui.horizontal(|ui| {
                    if ui.button("Go back").clicked() {
                        answer = Some(false);
                    }
                    if ui
                        .button(RichText::new("Award anyway").color(style::warning_color(ui)))
                        .clicked()
                    {
                        answer = Some(true);
                    }
                });
            });
            if modal.should_close() && answer.is_none() {
                answer = Some(false);
            }
            match answer {
                Some(true) => {
                    if let Some((request, _)) = self.over_fund.take() {
                        cx.commands.push(save_command(request));
                    }
                }
                Some(false) => self.over_fund = None,
                None => {}
            }
        }
        Ok(())
    }
}

impl Screen for GrantsScreen {
    fn shows(&self) -> Shows {
        use StoredTable as T;
        Shows::Tables(&[
            T::Document,
            T::GrantApplication,
            T::GrantStatusChange,
            T::GrantFund,
            T::District,
            T::Contact,
            T::Membership,
            T::Convening,
            T::Setting,
        ])
    }

    /// Re-reads the year's applications and fund after a change; the open
    /// form follows its application, and one just added is selected.
    fn reload(&mut self, cx: &ReadContext<'_>, after: &AfterChange<'_>) -> Result<(), StoreError> {
        let (store, year, today) = (cx.store, cx.year, cx.today);
        if self.year != Some(year) {
            self.selected = None;
            self.editor = None;
        }
        self.year = Some(year);
        let rows = store.grants_in(year, today)?;
        self.decision_days = store.decision_days()?;
        self.flags = rows
            .iter()
            .map(|row| RowFlags {
                attention: attention(
                    row.grant.status,
                    &row.grant.fields,
                    today,
                    self.decision_days,
                )
                .map(|a| a.label()),
                terminated: row.grant.status.is_open() && row.standing == Standing::Terminated,
            })
            .collect();
        self.fund = FundSummary::of(
            store.grant_fund(year)?,
            rows.iter().map(|r| (r.grant.status, &r.grant.fields)),
        );
        self.table.replace(rows);
        // Members first would hide the alphabet; marked instead.
        self.districts = store
            .year_standings(year, today)?
            .into_iter()
            .filter(|s| !s.archived)
            .map(|s| Choice {
                id: s.district_id,
                member: s.standing == Standing::Active,
                name: s.district_name,
            })
            .collect();
        self.convenings = store
            .convenings_in(year)?
            .into_iter()
            .map(|c| {
                let held_on = c.convening.fields.held_on;
                let label = format!(
                    "{} · {}",
                    held_on.format("%b %-d"),
                    c.convening.fields.title
                );
                (c.convening.id, held_on, label)
            })
            .collect();
        if let Some(Created::Grant(id)) = after.created {
            self.selected = Some(id);
            self.editor = Some(GrantEditor::open(store, id)?);
        } else if let Some(editor) = &mut self.editor
            && !editor.follow(store, after.command)?
        {
            self.selected = None;
            if editor.has_unsaved_changes() {
                editor.record_gone();
            } else {
                self.editor = None;
            }
        }
        Ok(())
    }

    fn ui(&mut self, ui: &mut Ui, cx: &mut ScreenContext<'_>) -> Result<(), StoreError> {
        self.ensure_year(&cx.read())?;
        self.refresh_view(cx.search);

        let mut save = None;
        let mut form_error = None;
        let widths = PanelWidths {
            default: style::FORM_PANEL_WIDTH - 20.0,
            min: 340.0,
            max: 700.0,
        };
        let open = self.editor.is_some();
        form_panel_ui(ui, "grant_form_panel", open, widths, |ui| {
            match &mut self.editor {
                Some(editor) => {
                    match editor.ui(ui, cx.store, &self.districts, &self.convenings, cx.today) {
                        Ok(request) => save = request,
                        Err(error) => form_error = Some(error),
                    }
                }
                None => {
                    style::empty_state(
                        ui,
                        "✈",
                        "No application selected",
                        "Select an application, or add one that came in.",
                        |_| {},
                    );
                }
            }
        });
        if let Some(error) = form_error {
            return Err(error);
        }
        if let Some(documents) = self.editor.as_mut().and_then(|e| e.documents.as_mut()) {
            documents.take_dropped(ui);
            if let Some(action) = documents.take_action() {
                documents.handle(action, cx);
            }
        }
        if let Some(request) = save {
            self.submit(request, cx.commands);
        }
        let reach = self.editor.as_mut().and_then(|e| e.reach.take());
        if let Some(editor) = &self.editor
            && reach == Some(Reach::CopyEmails)
            && let Some(id) = editor.id
        {
            *cx.notice = Some(crate::ui::drafts_dialog::copy_emails_of(
                ui.ctx(),
                cx.store,
                crate::export::drafts::Audience::Grant(id),
                cx.year,
                cx.today,
            )?);
        }
        if let Some(editor) = &self.editor
            && reach == Some(Reach::Draft)
            && let Some(id) = editor.id
        {
            use crate::domain::GrantStatus as S;
            use crate::domain::email::TemplateName as T;
            let template = match editor.saved_status() {
                Some(S::Awarded) => T::GrantAwarded,
                Some(S::Declined) => T::GrantDeclined,
                Some(S::Paid | S::Closed) => T::PaymentSent,
                _ => T::TripReportDue,
            };
            let title = format!("{}'s application", editor.district_name());
            self.drafts = Some(crate::ui::drafts_dialog::DraftsDialog::open(
                cx.store,
                crate::export::drafts::Audience::Grant(id),
                cx.year,
                cx.today,
                template,
                title,
            )?);
        }
        if let Some(dialog) = &mut self.drafts
            && dialog.ui(ui.ctx(), cx).is_some()
        {
            self.drafts = None;
        }

        let mut clicked = None;
        let mut new = false;
        let mut export = false;
        egui::CentralPanel::no_frame().show(ui, |ui| {
            ui.horizontal(|ui| {
                style::heading(ui, &format!("Travel grants {}", cx.year));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    export = export_button(ui);
                    new = ui
                        .button("➕ New application")
                        .on_hover_text(UiCommand::NewRecord.tooltip_with_shortcut(ui.ctx()))
                        .clicked();
                });
            });
            ui.add_space(style::GAP / 2.0);
            self.fund_bar_ui(ui, cx);
            ui.add_space(style::GAP / 2.0);
            self.filters_ui(ui, cx);
            ui.add_space(style::GAP);
            if self.table.rows().is_empty() {
                style::empty_state(
                    ui,
                    "✈",
                    &format!("No applications for {} yet", cx.year),
                    "Add each application as it comes in.",
                    |_| {},
                );
            } else if self.table.view().is_empty() {
                style::empty_state(
                    ui,
                    "🔍",
                    "Nothing to show",
                    "No application matches the filters.",
                    |ui| {
                        if ui.button("Show all").clicked() {
                            self.filter.clear();
                        }
                    },
                );
            } else {
                clicked = grants_table_ui(ui, &mut self.table, &self.flags, self.selected);
            }
        });
        if new {
            self.request(Intent::New, cx.store)?;
        }
        if let Some(id) = clicked {
            self.request(Intent::Select(id), cx.store)?;
        }
        if export {
            let ids: Vec<GrantId> = self.table.shown().map(|r| r.grant.id).collect();
            let sheet = crate::export::grants(cx.store, cx.year, cx.today, Some(&ids))?;
            *cx.export = Some(ExportRequest::new(sheet));
        }
        self.modals_ui(ui.ctx(), cx)
    }

    fn handle(
        &mut self,
        command: UiCommand,
        cx: &ReadContext<'_>,
        commands: &mut Vec<Command>,
    ) -> Result<bool, StoreError> {
        let store = cx.store;
        match command {
            UiCommand::NewRecord => self.request(Intent::New, store)?,
            UiCommand::SaveRecord => {
                let Some(editor) = &mut self.editor else {
                    return Ok(false);
                };
                if let Some(request) = editor.save() {
                    self.submit(request, commands);
                }
            }
            UiCommand::CancelEdit => match &mut self.editor {
                Some(editor) if editor.id.is_none() => self.request(Intent::CloseNew, store)?,
                // Nothing to put back: Esc closes the form.
                Some(editor) if !editor.has_unsaved_changes() => {
                    self.selected = None;
                    self.editor = None;
                }
                Some(editor) => editor.cancel(),
                None => return Ok(false),
            },
            UiCommand::SelectPrevious | UiCommand::SelectNext => {
                let ids: Vec<GrantId> = self.table.shown().map(|r| r.grant.id).collect();
                if let Some(next) =
                    next_in_view(&ids, self.selected, command == UiCommand::SelectPrevious)
                {
                    self.request(Intent::Select(next), store)?;
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }

    fn navigate(&mut self, to: Navigation, cx: &ReadContext<'_>) -> Result<(), StoreError> {
        match to {
            Navigation::Grant { id, .. } => {
                self.ensure_year(cx)?;
                self.select(cx.store, id)
            }
            Navigation::Grants { attention } => {
                self.filter.clear();
                if attention {
                    self.filter.insert(GrantFilter::NeedsAttention);
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    fn show_error(&mut self, command: &Command, message: &str) {
        let Some(editor) = &mut self.editor else {
            return;
        };
        match (command, &mut editor.documents) {
            (Command::AttachFiles { .. } | Command::RemoveDocument(_), Some(documents)) => {
                documents.show_error(message);
            }
            _ => editor.form.save_error = Some(message.to_owned()),
        }
    }

    fn has_unsaved_changes(&self) -> bool {
        self.editor.has_unsaved_changes()
    }

    fn unsaved_title(&self) -> String {
        self.editor.unsaved_title()
    }

    fn year_read(&self) -> Option<SchoolYear> {
        self.year
    }

    fn discard_changes(&mut self) {
        self.editor.discard_changes();
    }
}

fn save_command(request: SaveRequest) -> Command {
    Command::SaveGrant {
        id: request.id,
        status: request.status,
        fields: Box::new(request.fields),
        seen: request.seen,
    }
}

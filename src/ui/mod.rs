//! The window: eframe/egui screens over the store. No SQL here: screens call
//! the store to read (after a change, never every frame) and send `Command`s
//! to change anything.

pub mod app;
mod backups;
pub mod command;
mod contact_log;
mod convenings;
mod district_picker;
mod districts;
mod documents;
mod drafts_dialog;
mod file_picker;
mod grants;
mod history;
mod job;
pub mod map;
mod memberships;
mod open_database;
mod overview;
mod peers;
mod record_form;
mod save_as;
mod screen;
mod section;
mod settings;
pub mod style;
mod table_rows;
mod transfer;
mod widgets;

pub use app::{App, State};
pub use districts::DistrictColumn;
pub use screen::{
    AfterChange, Created, ExportRequest, Navigation, ReadContext, Screen, ScreenContext, Shows,
    StandingFilter, TransferRequest,
};
pub use section::Section;

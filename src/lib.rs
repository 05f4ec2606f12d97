pub mod domain;
pub mod export;
pub mod import;
pub mod io;
pub mod store;
pub mod ui;

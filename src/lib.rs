pub mod domain;
pub mod export;
pub mod io;
pub mod store;
pub mod ui;

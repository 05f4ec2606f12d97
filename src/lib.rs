//! ILN Roster: the Kentucky Innovative Learning Network's roster, Letters of
//! Commitment, convenings and Travel Fund Grants, in one SQLite file.
//!
//! Layers, each depending only on those above it: `domain` (types and
//! rules), `bundled` (reference data shipped in the app), `store` (the
//! database), `io` (file formats), `export` and `import` (tables in and
//! out), then `ui` (the window) and `cli`.

pub mod bundled;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod geo;
pub mod import;
pub mod io;
pub mod store;
pub mod ui;

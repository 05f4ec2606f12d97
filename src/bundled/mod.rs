//! Public reference data shipped inside the app (`assets/`): Kentucky's
//! districts and its county outlines. Read by the store's migrations as
//! well as the screens, so it sits below both.

pub mod kentucky_counties;
pub mod kentucky_districts;

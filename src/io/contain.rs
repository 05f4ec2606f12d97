//! Third-party file readers run contained: a crafted file that makes one
//! panic (a cell pointing at a shared string that does not exist, say)
//! gives a message, never a crash, in the window and on the command line.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::Once;

thread_local! {
    /// Set while a contained reader runs: its panic is reported as a
    /// message, not printed.
    static CONTAINING: Cell<bool> = const { Cell::new(false) };
}

static QUIET_HOOK: Once = Once::new();

/// Runs `read`; a panic inside it comes back as `Err` with what it said.
pub fn contained<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !CONTAINING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    let was = CONTAINING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(read));
    CONTAINING.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the reader stopped".to_owned())
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_becomes_a_message_and_the_rest_runs_on() {
        let caught = super::contained(|| -> u8 { panic!("index out of bounds: 7") });
        assert_eq!(caught, Err("index out of bounds: 7".to_owned()));
        assert_eq!(super::contained(|| 5), Ok(5));
    }
}

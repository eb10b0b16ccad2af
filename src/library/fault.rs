//! Fault injection for the crash and race tests, as SQLite's and git's test suites do it: with
//! `CIW_FAULT=STEP:ACTION` in the environment, the process stops (`SIGSTOP`, after saying so on
//! stderr) or kills itself (`SIGKILL`, exactly what `kill -9` does) when a write reaches the
//! named step. The steps of an import, in order:
//!
//! | step | what is on disk |
//! | --- | --- |
//! | `adopt:marker` | a new library's marker, not yet its empty manifest |
//! | `adopt:manifest` | marker and empty manifest: an empty library |
//! | `import:staged` | the new sources in `incoming/` |
//! | `import:cache` | and the new cache |
//! | `import:moved` | the new sources moved into `sources/`; the manifest is the old one |
//! | `import:committed` | the new manifest; the replaced sources not yet deleted |
//!
//! `remove:committed` is the same point for `ciw remove`. Each check is one comparison with a
//! value read once per process, a handful of times per import: nothing on any hot path. For tests
//! only; not part of the user interface.

use std::sync::OnceLock;

/// The environment variable read by [`point`].
pub const FAULT_ENV: &str = "CIW_FAULT";

/// Stops or kills the process here if `CIW_FAULT` names `step`.
pub(crate) fn point(step: &str) {
    static SPEC: OnceLock<Option<(String, String)>> = OnceLock::new();
    let spec = SPEC.get_or_init(|| {
        let v = std::env::var(FAULT_ENV).ok()?;
        let (s, a) = v.rsplit_once(':')?;
        Some((s.to_string(), a.to_string()))
    });
    let Some((at, action)) = spec else { return };
    if at != step {
        return;
    }
    #[cfg(unix)]
    {
        match action.as_str() {
            "kill" => {
                // SAFETY: signals to this process; no memory is involved.
                unsafe { libc::kill(libc::getpid(), libc::SIGKILL) };
            }
            "stop" => {
                eprintln!("ciw: fault injection: stopped at {step}");
                // SAFETY: as above.
                unsafe { libc::raise(libc::SIGSTOP) };
            }
            _ => {}
        }
    }
    #[cfg(not(unix))]
    let _ = action;
}

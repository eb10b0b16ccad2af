//! Where `ciw` keeps things: the data dir (the library), the config dir (`config.toml`) and the
//! state dir (last position, bookmarks). Knows nothing of what is kept there.

use std::path::{Path, PathBuf};

/// The config file's name in the config dir.
pub const CONFIG_FILE: &str = "config.toml";

/// No home folder to keep things in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "cannot find your home folder to keep the library in; pass --library DIR or set CIW_LIBRARY"
)]
pub struct NoHome;

/// Where `ciw` keeps things.
///
/// Without `--library`: the platform's project dirs (on Linux `~/.local/share/ciw`,
/// `~/.config/ciw`, `~/.local/state/ciw`; where the platform has no state dir, such as macOS and
/// Windows, state goes to `<local data dir>/state`).
///
/// With `--library DIR` (or `CIW_LIBRARY`): the data dir is `DIR` and the state dir is
/// `DIR/state`, because last position and bookmarks point at reports of that library and would
/// dangle in another one. The config stays in the platform's config dir: theme, colours and keys
/// are the user's preferences, whichever library they open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Imported sources, manifest and cache.
    pub data: PathBuf,
    /// Holds `config.toml`.
    pub config: PathBuf,
    /// Holds `last.json` and `bookmarks.json`.
    pub state: PathBuf,
}

impl Paths {
    /// The paths for `--library DIR` if given, else the platform's.
    pub fn resolve(library: Option<&Path>) -> Result<Paths, NoHome> {
        let dirs = directories::ProjectDirs::from("", "", "ciw");
        let config = dirs.as_ref().map(|d| d.config_dir().to_path_buf());
        match (library, dirs) {
            (Some(dir), _) => Ok(Paths {
                data: dir.to_path_buf(),
                state: dir.join("state"),
                config: config.unwrap_or_else(|| dir.join("config")),
            }),
            (None, Some(d)) => Ok(Paths {
                data: d.data_dir().to_path_buf(),
                config: d.config_dir().to_path_buf(),
                state: d
                    .state_dir()
                    .map(Path::to_path_buf)
                    .unwrap_or_else(|| d.data_local_dir().join("state")),
            }),
            (None, None) => Err(NoHome),
        }
    }

    /// Everything under one folder (`DIR`, `DIR/config`, `DIR/state`): for tests and portable use.
    pub fn in_dir(dir: &Path) -> Paths {
        Paths {
            data: dir.to_path_buf(),
            config: dir.join("config"),
            state: dir.join("state"),
        }
    }

    /// `config.toml`.
    pub fn config_file(&self) -> PathBuf {
        self.config.join(CONFIG_FILE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_library_keep_state_with_it() {
        let p = Paths::resolve(Some(Path::new("/tmp/lib"))).unwrap();
        assert_eq!(p.data, Path::new("/tmp/lib"));
        assert_eq!(p.state, Path::new("/tmp/lib/state"));
        assert!(p.config_file().ends_with("config.toml"));
    }

    #[test]
    fn in_dir_keeps_everything_under_one_folder() {
        let p = Paths::in_dir(Path::new("/x"));
        assert_eq!(
            (p.data.as_path(), p.config.as_path(), p.state.as_path()),
            (
                Path::new("/x"),
                Path::new("/x/config"),
                Path::new("/x/state")
            )
        );
    }
}

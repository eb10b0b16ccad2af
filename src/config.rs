//! Config and explorer state (last position, bookmarks): `config.toml` and the state dir.

//! Report metadata: the council (see [`councils`](super::councils)), the inspection date (the fieldwork's, not
//! the publication's nor an earlier inspection's), the file name as the last resort, and the
//! methodology figures.
//!
//! The parts, one module each: [`council`](mod@council) (the council a document is about),
//! [`dates`](mod@dates) (dates as reports write them), [`fieldwork`] (which date is the
//! inspection's), [`file_name`] (what a file's name says) and [`methodology`](mod@methodology)
//! (the methodology's figures).

mod council;
mod dates;
mod fieldwork;
mod file_name;
mod methodology;

pub use council::{council, short_name, CouncilFound};
pub use dates::{inspection, year_in, MONTHS};
pub use fieldwork::fieldwork_date;
pub use file_name::{date_in_file_name, file_stem_slug};
pub use methodology::methodology;

//! Comparison (issue 5): aligning one theme across councils.

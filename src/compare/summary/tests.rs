//! The wording rules: what a summary says of a difference, given its interval and test.

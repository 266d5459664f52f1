//! The raw match of a lexicon term: what the matcher finds and the modifiers weigh, owned here so
//! neither of them depends on the other.

/// A term matched at tokens `first..end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawHit {
    pub first: u32,
    pub end: u32,
    pub term: u32,
    pub category: u32,
    pub sentence: u32,
}

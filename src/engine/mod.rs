//! The scoring engine: pure computation, no filesystem. Loaded lexicons are compiled once into
//! lookup tables ([`compile`]); each text's tokens are matched against them ([`matcher`], giving
//! [`hit::RawHit`]s); the valence shifters weigh every hit ([`modifiers`]); and the hits add up to
//! an article's scores ([`scorer`], with the formulas in [`score`]). [`checks`] warns when the
//! scores of an article can mean little. Lexicons from other tools are matched as those tools
//! match ([`tool`]).

pub mod checks;
pub mod compile;
pub mod hit;
pub mod languages;
pub mod matcher;
pub mod modifiers;
pub mod score;
pub mod scorer;
pub mod tool;

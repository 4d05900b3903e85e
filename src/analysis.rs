//! Analyses of the checked IR that go beyond one statement at a time.
//!
//! - [`arithmetic`]: the exact vote arithmetic. For every size of an electorate it answers whether a rule can
//!   pass, with how few votes in favour, whether a proposal and its opposite can both pass, what a tie does, and
//!   whether one rule is stricter than another, in exact integer arithmetic with witnesses.
//! - [`electorate`]: how many people a role, body or electorate may have, the range the arithmetic runs over.
//! - [`votes`]: every vote rule a charter states, analysed under every reading.

pub mod arithmetic;
pub mod electorate;
pub mod votes;

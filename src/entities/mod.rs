//! Named entities across the two versions of an article: Korean mentions
//! ([`korean`]), English names ([`english`]), the links between them
//! ([`link`], scored by [`matcher`]) and the variants among the English
//! spellings of one entity ([`variants`]).

pub mod english;
pub mod korean;
pub mod link;
pub mod matcher;
pub mod numbers;
pub mod tables;
pub mod variants;

use serde::{Deserialize, Serialize};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    Person,
    Location,
    Organization,
    Event,
    Other,
}

impl EntityType {
    /// The name used in reports: `person`, `location`, ...
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Location => "location",
            EntityType::Organization => "organization",
            EntityType::Event => "event",
            EntityType::Other => "other",
        }
    }
}

impl std::fmt::Display for EntityType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

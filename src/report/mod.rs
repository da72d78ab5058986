//! Reports for people: the name-variant report of `koalign names`.

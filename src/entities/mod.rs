//! Named entities in Korean and English text and their links across languages.

//! Reads a document's JSON into a Kubernetes type as `serde_json::from_value` would, keeping
//! track of where it is as it goes: the path of the field whose value does not fit its type, and
//! the paths of the fields the type does not know (those it skips).
//!
//! One pass, no copy: it also reads a bare number as a quantity where Kubernetes does (`cpu: 1`,
//! `storage: 5`), and gives the root the current apiVersion of its type.

use std::fmt;

use serde::Deserializer;
use serde::de::{self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess};
use serde_json::Value as Json;

use super::super::tree::Seg;

/// Why the value did not fit its type: the path of the bad field and serde's message.
#[derive(Debug)]
pub(super) struct ReadError {
    /// Where the value that did not fit is; `None` until the error leaves the innermost field.
    pub path: Option<Vec<Seg>>,
    /// serde's message, such as "invalid type: string \"two\", expected i32".
    pub message: String,
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReadError {}

impl de::Error for ReadError {
    fn custom<T: fmt::Display>(message: T) -> Self {
        ReadError {
            path: None,
            message: message.to_string(),
        }
    }
}

/// The maps whose bare numbers Kubernetes reads as quantities.
const QUANTITY_MAPS: &[&str] = &[
    "limits",
    "requests",
    "capacity",
    "hard",
    "overhead",
    "allocatable",
];

/// One step of the path being read, borrowed from the JSON.
#[derive(Clone, Copy)]
enum Part<'de> {
    Key(&'de str),
    Index(usize),
}

/// Where the reading is, and what it has skipped.
struct Walk<'de, 'w> {
    path: Vec<Part<'de>>,
    ignored: &'w mut Vec<Vec<Seg>>,
}

impl Walk<'_, '_> {
    /// The path where the reading is, as the model writes paths.
    fn here(&self) -> Vec<Seg> {
        self.path
            .iter()
            .map(|part| match *part {
                Part::Key(key) => Seg::Key(key.to_owned()),
                Part::Index(index) => Seg::Index(index),
            })
            .collect()
    }
}

/// Reads `value`, found at the field `at`, as a `T`, as if its `apiVersion` were `api_version`
/// when one is given; the paths of the fields `T` does not know go to `ignored`.
pub(super) fn read<T: DeserializeOwned>(
    value: &Json,
    at: Option<&str>,
    api_version: Option<&str>,
    ignored: &mut Vec<Vec<Seg>>,
) -> Result<T, ReadError> {
    let mut walk = Walk {
        path: at.map(Part::Key).into_iter().collect(),
        ignored,
    };
    let root = Reader {
        value,
        key: None,
        walk: &mut walk,
        api_version,
    };
    T::deserialize(root).map_err(|e| located(e, &walk))
}

/// One value being read.
struct Reader<'de, 'w, 'x> {
    value: &'de Json,
    /// The key this value is under (for items of a list, the list's key).
    key: Option<&'de str>,
    walk: &'x mut Walk<'de, 'w>,
    /// The apiVersion the root reads as, for the root only.
    api_version: Option<&'de str>,
}

/// The result of reading the field last pushed on the path, which it then leaves: an error
/// from inside it keeps the path where it arose.
fn found<T>(result: Result<T, ReadError>, walk: &mut Walk) -> Result<T, ReadError> {
    let result = result.map_err(|e| located(e, walk));
    walk.path.pop();
    result
}

/// `error` with the path where the reading is, unless it already has the path where it arose.
fn located(mut error: ReadError, walk: &Walk) -> ReadError {
    error.path.get_or_insert_with(|| walk.here());
    error
}

impl<'de> Deserializer<'de> for Reader<'de, '_, '_> {
    type Error = ReadError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Json::String(s) => visitor.visit_borrowed_str(s),
            Json::Array(items) => {
                let key = self.key;
                visitor.visit_seq(Items {
                    items: items.iter(),
                    index: 0,
                    key,
                    walk: self.walk,
                })
            }
            Json::Object(map) => {
                let numeric = self.key.is_some_and(|k| QUANTITY_MAPS.contains(&k));
                let api_version = self.api_version;
                visitor.visit_map(Entries {
                    entries: map.iter(),
                    api_version: api_version.filter(|_| !map.contains_key("apiVersion")),
                    root_version: api_version,
                    numeric,
                    pending: None,
                    walk: self.walk,
                })
            }
        }
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        match self.value {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        match self.value {
            Json::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            _ => Err(de::Error::invalid_type(unexpected(self.value), &visitor)),
        }
    }

    /// A field the type does not know: its path is kept, unless nothing is written there.
    fn deserialize_ignored_any<V: de::Visitor<'de>>(
        self,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        if !self.value.is_null() {
            let here = self.walk.here();
            self.walk.ignored.push(here);
        }
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

/// What serde calls the value, for an "invalid type" message.
fn unexpected(value: &Json) -> de::Unexpected<'_> {
    match value {
        Json::Null => de::Unexpected::Unit,
        Json::Bool(b) => de::Unexpected::Bool(*b),
        Json::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            _ => de::Unexpected::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => de::Unexpected::Str(s),
        Json::Array(_) => de::Unexpected::Seq,
        Json::Object(_) => de::Unexpected::Map,
    }
}

/// The items of a list.
struct Items<'de, 'w, 'x> {
    items: std::slice::Iter<'de, Json>,
    index: usize,
    key: Option<&'de str>,
    walk: &'x mut Walk<'de, 'w>,
}

impl<'de> SeqAccess<'de> for Items<'de, '_, '_> {
    type Error = ReadError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, ReadError> {
        let Some(item) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        self.index += 1;
        let walk = &mut *self.walk;
        walk.path.push(Part::Index(index));
        let read = seed.deserialize(Reader {
            value: item,
            key: self.key,
            walk: &mut *walk,
            api_version: None,
        });
        found(read, walk).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of a mapping.
struct Entries<'de, 'w, 'x> {
    entries: serde_json::map::Iter<'de>,
    /// The apiVersion to add at the end, when the root has none.
    api_version: Option<&'de str>,
    /// The apiVersion the root reads as (its written one is replaced).
    root_version: Option<&'de str>,
    /// Whether bare numbers here are quantities (the map is `limits`, `requests`…).
    numeric: bool,
    pending: Option<(&'de str, &'de Json)>,
    walk: &'x mut Walk<'de, 'w>,
}

impl<'de> MapAccess<'de> for Entries<'de, '_, '_> {
    type Error = ReadError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, ReadError> {
        let key = match self.entries.next() {
            Some((key, value)) => {
                self.pending = Some((key.as_str(), value));
                key.as_str()
            }
            None => match self.api_version.take() {
                Some(_) => {
                    self.pending = None;
                    "apiVersion"
                }
                None => return Ok(None),
            },
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, ReadError> {
        let (key, value) = match self.pending.take() {
            Some(entry) => entry,
            None => ("apiVersion", &Json::Null),
        };
        let walk = &mut *self.walk;
        walk.path.push(Part::Key(key));
        let result = match (key, self.root_version) {
            ("apiVersion", Some(version)) => seed.deserialize(
                de::value::BorrowedStrDeserializer::<ReadError>::new(version),
            ),
            _ if value.is_number() && (self.numeric || key == "sizeLimit") => {
                seed.deserialize(Text(value.to_string()))
            }
            _ => seed.deserialize(Reader {
                value,
                key: Some(key),
                walk: &mut *walk,
                api_version: None,
            }),
        };
        found(result, walk)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len() + usize::from(self.api_version.is_some()))
    }
}

/// A bare number read as a quantity: its text, as a string or an optional one.
struct Text(String);

impl<'de> Deserializer<'de> for Text {
    type Error = ReadError;

    fn deserialize_any<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_string(self.0)
    }

    fn deserialize_option<V: de::Visitor<'de>>(self, visitor: V) -> Result<V::Value, ReadError> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: de::Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, ReadError> {
        visitor.visit_newtype_struct(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

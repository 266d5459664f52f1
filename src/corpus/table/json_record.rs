//! One JSON record as the article readers need it: its fields by name, each a text borrowed
//! from the input where the text holds no escape, or the JSON text of any other value.
//!
//! Read in one pass over the input, with no tree of values: a tree took a copy and an
//! allocation of every field and key, on the reader's single thread.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserialize, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// The value of one field.
#[derive(Debug, PartialEq)]
pub(super) enum Field<'a> {
    Null,
    Text(Cow<'a, str>),
    /// A number, `true` or `false` (`nested: false`), or an object or a list (`nested: true`),
    /// as the JSON text `serde_json` writes for it.
    Json {
        text: String,
        nested: bool,
    },
}

impl Field<'_> {
    /// The field as an article's text: none for `null`.
    pub(super) fn to_text(&self) -> Option<String> {
        match self {
            Field::Null => None,
            Field::Text(s) => Some(s.to_string()),
            Field::Json { text, .. } => Some(text.clone()),
        }
    }
}

/// A JSON value read as a record: the fields of an object in order of name, a later field of
/// a name replacing an earlier one, as in `serde_json`'s map; `None` for any other value.
#[derive(Debug, PartialEq)]
pub(super) struct Record<'a>(pub(super) Option<BTreeMap<Cow<'a, str>, Field<'a>>>);

impl<'a> Record<'a> {
    /// The record in `json` (one JSON value, with nothing after it but white space).
    pub(super) fn parse(json: &'a str) -> serde_json::Result<Record<'a>> {
        serde_json::from_str(json)
    }
}

impl<'de> Deserialize<'de> for Record<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RecordVisitor)
    }
}

struct RecordVisitor;

impl<'de> Visitor<'de> for RecordVisitor {
    type Value = Record<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
        let mut fields = BTreeMap::new();
        while let Some((Key(name), value)) = map.next_entry::<Key, Field>()? {
            fields.insert(name, value);
        }
        Ok(Record(Some(fields)))
    }

    // Any other value is read to its end, and is not a record.
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Record(None))
    }

    fn visit_str<E: Error>(self, _: &str) -> Result<Self::Value, E> {
        Ok(Record(None))
    }

    fn visit_bool<E: Error>(self, _: bool) -> Result<Self::Value, E> {
        Ok(Record(None))
    }

    fn visit_i64<E: Error>(self, _: i64) -> Result<Self::Value, E> {
        Ok(Record(None))
    }

    fn visit_u64<E: Error>(self, _: u64) -> Result<Self::Value, E> {
        Ok(Record(None))
    }

    fn visit_f64<E: Error>(self, _: f64) -> Result<Self::Value, E> {
        Ok(Record(None))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Record(None))
    }
}

/// A field's name.
struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }

            fn visit_borrowed_str<E: Error>(self, s: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(s)))
            }

            fn visit_str<E: Error>(self, s: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Field<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FieldVisitor)
    }
}

struct FieldVisitor;

/// A value other than a text or `null`, as its JSON text.
fn json<E>(value: Value, nested: bool) -> Result<Field<'static>, E> {
    Ok(Field::Json {
        text: value.to_string(),
        nested,
    })
}

impl<'de> Visitor<'de> for FieldVisitor {
    type Value = Field<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_borrowed_str<E: Error>(self, s: &'de str) -> Result<Self::Value, E> {
        Ok(Field::Text(Cow::Borrowed(s)))
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<Self::Value, E> {
        Ok(Field::Text(Cow::Owned(s.to_owned())))
    }

    fn visit_string<E: Error>(self, s: String) -> Result<Self::Value, E> {
        Ok(Field::Text(Cow::Owned(s)))
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(Field::Null)
    }

    // Numbers and booleans become values as `serde_json` makes them, so that their text is
    // the one it writes (`1.0`, `1e+300`).
    fn visit_bool<E: Error>(self, b: bool) -> Result<Self::Value, E> {
        json(Value::Bool(b), false)
    }

    fn visit_i64<E: Error>(self, n: i64) -> Result<Self::Value, E> {
        json(Value::from(n), false)
    }

    fn visit_u64<E: Error>(self, n: u64) -> Result<Self::Value, E> {
        json(Value::from(n), false)
    }

    fn visit_f64<E: Error>(self, x: f64) -> Result<Self::Value, E> {
        json(Value::from(x), false)
    }

    fn visit_seq<S: SeqAccess<'de>>(self, seq: S) -> Result<Self::Value, S::Error> {
        json(Value::deserialize(SeqAccessDeserializer::new(seq))?, true)
    }

    fn visit_map<M: MapAccess<'de>>(self, map: M) -> Result<Self::Value, M::Error> {
        json(Value::deserialize(MapAccessDeserializer::new(map))?, true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The record as read through a tree of values, as it was before: the fields in order of
    /// name, each as its text.
    fn through_values(json: &str) -> Option<Vec<(String, Option<String>, bool)>> {
        let value: Value = serde_json::from_str(json).unwrap();
        let object = value.as_object()?;
        let fields = object.iter().map(|(k, v)| {
            let text = match v {
                Value::Null => None,
                Value::String(s) => Some(s.clone()),
                other => Some(other.to_string()),
            };
            (
                k.clone(),
                text,
                matches!(v, Value::Object(_) | Value::Array(_)),
            )
        });
        Some(fields.collect())
    }

    fn read(json: &str) -> Option<Vec<(String, Option<String>, bool)>> {
        let record = Record::parse(json).unwrap();
        let fields = record.0?.into_iter().map(|(k, v)| {
            let nested = matches!(v, Field::Json { nested: true, .. });
            (k.into_owned(), v.to_text(), nested)
        });
        Some(fields.collect())
    }

    #[test]
    fn a_record_holds_what_a_tree_of_values_holds() {
        for json in [
            r#"{"id": "a", "text": "Hope.", "n": 1.0, "m": -7, "big": 18446744073709551615}"#,
            r#"{"text": "line\none \"quoted\" \u00e9\ud83d\ude00", "t": true, "f": false, "x": null}"#,
            r#"{"b": 1, "a": 2, "b": "again", "\u0041": "escaped name"}"#,
            r#"{"tags": ["a", 1, {"z": null, "y": [1.5e300, -0.0]}], "o": {}, "l": []}"#,
            r#"{"x": 12345678901234567890123, "y": 1E2, "z": 0.1}"#,
            r#"{}"#,
            r#"[1, {"text": "no"}]"#,
            r#""text""#,
            r#"3.5"#,
            r#"null"#,
            r#"true"#,
        ] {
            assert_eq!(read(json), through_values(json), "{json}");
        }
    }

    #[test]
    fn texts_without_escapes_are_borrowed() {
        let record = Record::parse(r#"{"text": "Hope.", "title": "a\tb"}"#).unwrap();
        let fields = record.0.unwrap();
        assert!(matches!(
            fields["text"],
            Field::Text(Cow::Borrowed("Hope."))
        ));
        assert!(matches!(&fields["title"], Field::Text(Cow::Owned(s)) if s == "a\tb"));
    }

    #[test]
    fn errors_are_those_of_the_json() {
        for json in [
            r#"{"text": oops}"#,
            r#"{"a": 1,}"#,
            r#"{"a": 1} x"#,
            "[1, 2",
            "1e400",
        ] {
            let ours = Record::parse(json).unwrap_err();
            let theirs = serde_json::from_str::<Value>(json).unwrap_err();
            assert_eq!(ours.to_string(), theirs.to_string(), "{json}");
        }
    }
}

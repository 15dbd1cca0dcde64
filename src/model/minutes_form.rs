//! `council.yaml`'s `minutes:` as written: what a council changes of the shipped minutes form
//! its `style.minutes` names (`shipped/minutes_*.yaml`). Like `agenda:` and `report.labels`,
//! it takes what it names and keeps the rest: `minutes: {materials: {groups: always}}` is the
//! shipped form with its materials grouped. A mapping is merged key by key, at any depth; a
//! list (`sections`, `title`) or a single value replaces the shipped one whole.

use std::borrow::Cow;
use std::path::Path;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{MinutesDescription, MinutesLayout, NameStyle};
use crate::diag::Problem;

/// 会議録の様式の、いつもの様式（style.minutes）から変えるところ（council.yaml の minutes:）。
#[derive(Debug, Clone, PartialEq)]
pub struct MinutesChanges(serde_yaml::Mapping);

impl MinutesChanges {
    /// Whether the council wrote the value at `path` (under `minutes:`, as `sections[2].form`)
    /// or a list holding it (a list written replaces the shipped one whole).
    pub fn wrote(&self, path: &str) -> bool {
        let mut at = &self.0;
        for segment in path.split('.') {
            let key = segment.split('[').next().unwrap_or(segment);
            match at.get(key) {
                Some(serde_yaml::Value::Mapping(m)) if key == segment => at = m,
                Some(_) => return true,
                None => return false,
            }
        }
        true
    }
}

impl<'de> Deserialize<'de> for MinutesChanges {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_yaml::Value::deserialize(d)? {
            serde_yaml::Value::Mapping(m) => Ok(MinutesChanges(m)),
            serde_yaml::Value::Null => Ok(MinutesChanges(serde_yaml::Mapping::new())),
            _ => Err(serde::de::Error::custom(
                "会議録の様式（minutes:）には、変えたい項目だけを「項目: 値」の組で書いてください（例: minutes: {title: [会議録]}）",
            )),
        }
    }
}

impl Serialize for MinutesChanges {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl JsonSchema for MinutesChanges {
    fn schema_name() -> Cow<'static, str> {
        "MinutesChanges".into()
    }

    /// The form's schema with nothing required at its top: any part may be left out.
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let mut schema = MinutesDescription::json_schema(generator);
        schema.remove("required");
        schema.insert(
            "description".into(),
            "会議録の様式のうち、いつもの様式（style.minutes の ruled か headings。docs/templates.md の「会議録と次第のいつもの様式」）から変えるところ。書いた項目だけが変わり、ほかはいつもの様式のままです（sections や title のようなリストは、書くとそのリストに置き換わります）。".into(),
        );
        schema
    }
}

/// The shipped form of `layout` as YAML text: what a council would write as `minutes:` to get
/// it (the forms section of docs/templates.md prints these files).
pub fn minutes_shipped(layout: MinutesLayout) -> &'static str {
    match layout {
        MinutesLayout::Ruled => include_str!("shipped/minutes_ruled.yaml"),
        MinutesLayout::Headings => include_str!("shipped/minutes_headings.yaml"),
    }
}

/// The shipped form of `layout`, attendees written as `names` says, as a YAML mapping.
fn shipped_value(layout: MinutesLayout, names: NameStyle) -> serde_yaml::Mapping {
    // Constant text, parsed by the tests below: it cannot fail at a user's desk.
    let mut form: serde_yaml::Mapping = serde_yaml::from_str(minutes_shipped(layout))
        .expect("a shipped minutes description is a mapping");
    let attendance = form
        .entry("attendance".into())
        .or_insert_with(|| serde_yaml::Mapping::new().into());
    if let serde_yaml::Value::Mapping(a) = attendance {
        a.insert("member".into(), names.pattern().into());
    }
    form
}

/// `changes` laid over `base`: mappings merged key by key at any depth, anything else
/// replaced.
fn merge(base: &mut serde_yaml::Mapping, changes: &serde_yaml::Mapping) {
    for (key, value) in changes {
        match (base.get_mut(key), value) {
            (Some(serde_yaml::Value::Mapping(b)), serde_yaml::Value::Mapping(c)) => merge(b, c),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

impl MinutesDescription {
    /// The shipped description of `layout` (`style.minutes`), attendees written as `names`
    /// says: `shipped/minutes_*.yaml`, exactly what a council would write in council.yaml.
    pub fn shipped(layout: MinutesLayout, names: NameStyle) -> MinutesDescription {
        serde_yaml::from_value(shipped_value(layout, names).into())
            .expect("a shipped minutes description is valid")
    }

    /// The council's form: the shipped one its `style.minutes` names, with what its
    /// `minutes:` changes. A change that does not fit the form is reported by
    /// [`MinutesDescription::resolve`] in check; here the shipped form stands in for it.
    pub fn for_council(council: &super::Council) -> Cow<'_, MinutesDescription> {
        Cow::Owned(
            MinutesDescription::resolve(council, Path::new("")).unwrap_or_else(|_| {
                MinutesDescription::shipped(council.style.minutes, council.style.names)
            }),
        )
    }

    /// The council's form, or what is wrong with its `minutes:` in `file` (its council.yaml),
    /// at the value the problem is about.
    pub fn resolve(council: &super::Council, file: &Path) -> Result<MinutesDescription, Problem> {
        let mut form = shipped_value(council.style.minutes, council.style.names);
        if let Some(MinutesChanges(changes)) = &council.minutes {
            merge(&mut form, changes);
        }
        serde_path_to_error::deserialize(serde_yaml::Value::Mapping(form)).map_err(|e| {
            let path = e.path().to_string();
            let (message, hint) = crate::diag::yaml_words::explain(&e.into_inner().to_string());
            let field = if path.is_empty() || path == "." {
                "minutes".to_string()
            } else {
                format!("minutes.{path}")
            };
            let mut p = Problem::error(file, message).field(field);
            p.hint = hint;
            p
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn council(minutes: &str) -> super::super::Council {
        serde_yaml::from_str(&format!(
            "name: 市協議会\nmeeting_label: 協議会\nevaluation_words: [達成]\n{minutes}"
        ))
        .unwrap()
    }

    #[test]
    fn the_shipped_forms_parse() {
        for layout in [MinutesLayout::Ruled, MinutesLayout::Headings] {
            let d = MinutesDescription::shipped(layout, NameStyle::default());
            assert!(!d.sections.is_empty());
            assert_eq!(d.attendance.member, NameStyle::default().pattern());
        }
    }

    #[test]
    fn what_minutes_names_changes_and_the_rest_stays() {
        let shipped = MinutesDescription::shipped(MinutesLayout::Ruled, NameStyle::default());
        let c =
            council("minutes:\n  materials: {groups: always}\n  attendance: {marks: {会長: ◎}}\n");
        let d = MinutesDescription::resolve(&c, Path::new("")).unwrap();
        assert_eq!(d.materials.groups, super::super::Groups::Always);
        assert_eq!(d.materials.handout_mark, shipped.materials.handout_mark);
        assert_eq!(
            d.attendance.marks.get("会長").map(String::as_str),
            Some("◎")
        );
        assert_eq!(d.attendance.members_label, shipped.attendance.members_label);
        assert_eq!(d.sections, shipped.sections);
        assert_eq!(d.frame, shipped.frame);
        let written = c.minutes.as_ref().unwrap();
        assert!(written.wrote("materials.groups") && written.wrote("attendance.marks.会長"));
        assert!(!written.wrote("sections[2].form") && !written.wrote("materials.sent_label"));
        // A list replaces the shipped one whole.
        let c = council("minutes:\n  sections: [{section: when}]\n");
        assert_eq!(
            MinutesDescription::resolve(&c, Path::new(""))
                .unwrap()
                .sections
                .len(),
            1
        );
        // The base is the form style.minutes names.
        let c = council("style: {minutes: headings}\nminutes: {inline: true}\n");
        let d = MinutesDescription::resolve(&c, Path::new("")).unwrap();
        let headings = MinutesDescription::shipped(MinutesLayout::Headings, NameStyle::default());
        assert_eq!((d.inline, &d.title), (true, &headings.title));
    }

    #[test]
    fn minutes_that_are_no_mapping_say_what_to_write() {
        let err = serde_yaml::from_str::<super::super::Council>(
            "name: 市協議会\nmeeting_label: 協議会\nevaluation_words: [達成]\nminutes: ruled\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("変えたい項目だけ"), "{err}");
    }

    #[test]
    fn a_change_that_does_not_fit_names_its_place() {
        let c = council("minutes:\n  sections: [{section: when, besides: true}]\n");
        let p = MinutesDescription::resolve(&c, Path::new("")).unwrap_err();
        assert_eq!(p.field.as_deref(), Some("minutes.sections[0].besides"));
        assert!(p.message.contains("besides"), "{}", p.message);
    }
}

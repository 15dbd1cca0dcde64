//! The shipped forms staff change in council.yaml, printed for them in the generated docs
//! (`shiryo schema` → docs/templates.md): the two minutes forms (the very files the program
//! reads, `model/shipped/minutes_*.yaml`), the usual words of the agenda, the packet, the
//! member list and the annual report, from the same defaults the program uses, and the annual
//! report's form (`model/shipped/report.yaml`). So a council can see what it changes without
//! the source.

use serde::Serialize;

use crate::model::{
    AgendaDescription, MemberListWords, MinutesLayout, PacketWords, ReportLabels, minutes_shipped,
    report_shipped,
};

/// The forms section of the reference, as Markdown.
pub(crate) fn markdown() -> String {
    let mut out = String::from(
        "\n## 会議録と次第のいつもの様式（council.yaml の minutes:、agenda: など）\n\n\
         council.yaml に書かなければ、資料はこの様式と言葉で作られます。変えたいところだけを council.yaml に\
         書けば、ほかはこのままです（リストの項目、たとえば minutes: の sections や title は、書くとそのリストに\
         置き換わります）。\n",
    );
    let minutes = [
        (
            MinutesLayout::Ruled,
            "ruled（罫線の表。style.minutes を書かないときの様式）",
        ),
        (MinutesLayout::Headings, "headings（■の見出し）"),
    ];
    for (layout, name) in minutes {
        let yaml = without_comments(minutes_shipped(layout));
        out.push_str(&format!(
            "\n### 会議録: {name}\n\n`style: {{minutes: {}}}` の会議録です。`minutes:` に書くと、\
             その項目だけがこの様式から変わります（出席者の名前の書き方 `attendance.member` は、書かなければ \
             style.names のとおりです）。\n\n```yaml\nminutes:\n{}```\n",
            layout_key(layout),
            indent(&yaml)
        ));
    }
    block(
        &mut out,
        "次第（agenda:）",
        "次第と、資料一式の次第のページ",
        "agenda",
        &AgendaDescription::default(),
    );
    block(
        &mut out,
        "資料一式の言葉（packet:）",
        "資料一式の題名と Web ページ",
        "packet",
        &PacketWords::default(),
    );
    block(
        &mut out,
        "委員名簿の言葉（member_list:）",
        "委員名簿の列の見出しと日付",
        "member_list",
        &MemberListWords::default(),
    );
    block(
        &mut out,
        "評価結果の資料の言葉（report: の labels:）",
        "評価結果及び目標設定の見出し、列の名前、決まった文",
        "report",
        &Labels {
            labels: ReportLabels::default(),
        },
    );
    out.push_str(&format!(
        "\n### 評価結果の資料の様式（report: の title、date、author、sections）\n\n\
         評価結果の資料（`type: annual_report`）の題名の行、日付と作成者を印刷するか、章とその順の\
         いつもの形です。`report:` に書いた項目は、この形のその項目と置き換わります（sections はリストごと）。\
         章の見出しの言葉は、書かなければ上の labels の言葉です。評価のない活動報告は、sections に \
         purpose（設置の目的）、meetings（開催状況）、discussion（検討・協議内容）、carry_over（引き継ぐ課題）\
         などを書きます。\n\n```yaml\nreport:\n{}```\n",
        indent(&without_comments(report_shipped()))
    ));
    out
}

#[derive(Serialize)]
struct Labels {
    labels: ReportLabels,
}

fn layout_key(layout: MinutesLayout) -> &'static str {
    match layout {
        MinutesLayout::Ruled => "ruled",
        MinutesLayout::Headings => "headings",
    }
}

/// One form: its heading, what it shapes, and its usual values under `key:`.
fn block(out: &mut String, heading: &str, what: &str, key: &str, value: &impl Serialize) {
    let yaml = serde_yaml::to_string(value).unwrap_or_default();
    out.push_str(&format!(
        "\n### {heading}\n\n{what}のいつもの形です。\n\n```yaml\n{key}:\n{}```\n",
        indent(&yaml)
    ));
}

/// The YAML without its comment lines (they are notes for developers, in English).
fn without_comments(text: &str) -> String {
    text.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn indent(yaml: &str) -> String {
    yaml.lines().map(|l| format!("  {l}\n")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the docs print is what the program reads: each block parses back to the form.
    #[test]
    fn the_printed_forms_are_the_shipped_ones() {
        let text = markdown();
        let blocks: Vec<&str> = text
            .split("```yaml\n")
            .skip(1)
            .map(|b| b.split("```").next().unwrap_or_default())
            .collect();
        assert_eq!(blocks.len(), 7, "{text}");
        let minutes: serde_yaml::Value = serde_yaml::from_str(blocks[0]).unwrap();
        let shipped: serde_yaml::Value =
            serde_yaml::from_str(minutes_shipped(MinutesLayout::Ruled)).unwrap();
        assert_eq!(minutes["minutes"], shipped);
        let agenda: serde_yaml::Value = serde_yaml::from_str(blocks[2]).unwrap();
        let parsed: AgendaDescription = serde_yaml::from_value(agenda["agenda"].clone()).unwrap();
        assert_eq!(parsed, AgendaDescription::default());
        let report: serde_yaml::Value = serde_yaml::from_str(blocks[6]).unwrap();
        let form: crate::model::ReportForm =
            serde_yaml::from_value(report["report"].clone()).unwrap();
        assert_eq!(form, crate::model::ReportForm::shipped());
        assert!(!text.contains("src/"), "the docs send no one to the source");
    }
}

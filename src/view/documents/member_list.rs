//! 委員名簿: the members of one fiscal year.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Attach, Kind, Prepared};
use crate::diag::Problems;
use crate::model::council::{CouncilData, DocumentFile};
use crate::model::{Council, Member, MemberColumn, MemberListDocument, MemberListWords};
use crate::view::needs::{has_file, members, readable};

pub(super) struct MemberList<'a>(pub &'a MemberListDocument);

impl Kind for MemberList<'_> {
    fn name(&self) -> &'static str {
        "委員名簿"
    }

    fn year(&self) -> i32 {
        self.0.year
    }

    /// A list is dated in the year before it (members appointed in March) or in its year.
    fn dated(&self) -> Option<(time::Date, std::ops::RangeInclusive<i32>)> {
        Some((self.0.date.0, self.0.year - 1..=self.0.year))
    }

    fn draft(&self) -> bool {
        self.0.status.is_draft()
    }

    fn template<'a>(&'a self, _: &'a Council) -> &'a str {
        self.0.template.as_deref().unwrap_or("member_list")
    }

    fn needs(&self, c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
        let d = self.0;
        if has_file(c, d.year, "members", file, "委員（members.yaml）", out)
            && let Some(year) = readable(c, d.year, "members")
        {
            members(c, d.year, year, out);
        }
    }

    fn prepare(
        &self,
        c: &CouncilData,
        _: &DocumentFile,
        _: &mut Attach<'_>,
    ) -> Result<Prepared, Problems> {
        Prepared::new(member_list_view(c, self.0), self.0.date.0)
    }
}

/// Context of a member list.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MemberListView<'a> {
    /// 協議会（council.yaml の内容）。
    pub council: &'a Council,
    /// 案（status: draft）か。案なら「案」と印刷し、まだ書いていないところに style.unfilled を印刷します。
    pub draft: bool,
    /// 資料（documents/<資料名>.yaml の内容）。
    pub doc: &'a MemberListDocument,
    /// 年度（西暦）。
    pub year: i32,
    /// 委員（members.yaml のまま）。印刷には columns と groups を使います。
    pub members: &'a [Member],
    /// 協議会と部会の名前（〇〇協議会〇〇部会）。
    pub issuer: String,
    /// 所属の列を印刷するか（所属を書いた委員がいるとき）。
    pub organization_column: bool,
    /// 列の見出しと日付の言葉（council.yaml の member_list:）。
    pub words: &'a crate::model::MemberListWords,
    /// 題名の下の日付（できあがった言葉: （令和６年５月２３日現在））。
    pub as_of: String,
    /// 印刷する列（member_list.columns のうち、だれかが書いているもの）。
    pub columns: Vec<ColumnView>,
    /// 区分ごとのまとまり（区分を見出しの行にしないときは１つ）。
    pub groups: Vec<MemberGroup>,
    /// 表ごとの組み方（council.yaml の tables から: 横向きのページか、文字を何倍にするか）。PDF、Web ページ、Word の
    /// ファイルが同じものを使います。
    pub tables: crate::model::TableLooks,
}

/// 委員名簿の列１つ。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct ColumnView {
    /// 列の種類（category / organization / post / name / role）: テンプレートが幅と寄せを決めます。
    pub key: &'static str,
    /// 列の見出し。
    pub label: String,
}

/// 委員名簿のまとまり: 区分の見出しの行と、その区分の委員の行。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MemberGroup {
    /// 区分の見出しの行（できあがった言葉。区分を見出しにしないときはなし）。
    pub heading: Option<String>,
    /// 委員１人１行の、列ごとのセル。
    pub rows: Vec<Vec<CellView>>,
}

/// 委員名簿のセル１つ。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct CellView {
    /// 列の種類。
    pub key: &'static str,
    /// 文（できあがった言葉）。
    pub text: String,
    /// このセルがまたがる行の数（同じ区分が続く区分の列: 最初の行に続く行の数、その下の行では 0）。
    pub rows: usize,
}

/// The context of a member list.
fn member_list_view<'a>(
    council: &'a CouncilData,
    doc: &'a MemberListDocument,
) -> MemberListView<'a> {
    let members = council
        .years
        .get(&doc.year)
        .and_then(|y| y.members.as_ref())
        .map(|m| &m.members[..])
        .unwrap_or(&[]);
    let words = &council.council.member_list;
    let (columns, groups) = lay_out(&council.council, words, members);
    MemberListView {
        council: &council.council,
        draft: doc.status.is_draft(),
        doc,
        year: doc.year,
        members,
        issuer: crate::view::phrases::issuer(&council.council),
        organization_column: columns.iter().any(|c| c.key == "organization"),
        words,
        as_of: crate::model::fill(
            &words.as_of,
            &[("日付", &crate::text::dates::wareki_date(doc.date.0))],
        ),
        columns,
        groups,
        tables: council.council.tables.looks(),
    }
}

/// The list's columns (those the council names that some member fills; 役職 and 氏名 always)
/// and its rows, in groups by category when the category is not a column.
fn lay_out(
    council: &Council,
    words: &MemberListWords,
    members: &[Member],
) -> (Vec<ColumnView>, Vec<MemberGroup>) {
    let filled = |c: MemberColumn| match c {
        MemberColumn::Category => members.iter().any(|m| m.category.is_some()),
        MemberColumn::Organization => members.iter().any(|m| m.organization.is_some()),
        MemberColumn::Post => members.iter().any(|m| m.post.is_some()),
        MemberColumn::Name | MemberColumn::Role => true,
    };
    let mut shown: Vec<MemberColumn> = Vec::new();
    for c in words.columns.iter().copied().filter(|c| filled(*c)) {
        if !shown.contains(&c) {
            shown.push(c);
        }
    }
    let has = |c: MemberColumn| shown.contains(&c);
    let columns = shown
        .iter()
        .map(|&c| ColumnView {
            key: c.key(),
            label: match c {
                MemberColumn::Category => &words.category,
                MemberColumn::Organization => &words.organization,
                MemberColumn::Post => &words.post,
                MemberColumn::Name => &words.name,
                MemberColumn::Role => &words.role,
            }
            .clone(),
        })
        .collect();
    // A post not in a column of its own goes after the organization, or before the name.
    let post_with_organization = !has(MemberColumn::Post) && has(MemberColumn::Organization);
    let post_with_name = !has(MemberColumn::Post) && !has(MemberColumn::Organization);
    let cell = |c: MemberColumn, m: &Member| -> String {
        let join =
            |parts: [Option<&str>; 2]| parts.into_iter().flatten().collect::<Vec<_>>().join(" ");
        match c {
            MemberColumn::Category => m.category.clone().unwrap_or_default(),
            MemberColumn::Organization if post_with_organization => {
                join([m.organization.as_deref(), m.post.as_deref()])
            }
            MemberColumn::Organization => m.organization.clone().unwrap_or_default(),
            MemberColumn::Post => m.post.clone().unwrap_or_default(),
            // A member without a name is named by the organization when no column shows it.
            MemberColumn::Name => {
                let name = m.name.as_deref().or_else(|| {
                    m.organization
                        .as_deref()
                        .filter(|_| !has(MemberColumn::Organization))
                });
                if post_with_name {
                    join([m.post.as_deref(), name])
                } else {
                    name.unwrap_or_default().to_string()
                }
            }
            MemberColumn::Role => m.role.clone().unwrap_or_default(),
        }
    };
    let rows = |list: &[&Member]| -> Vec<Vec<CellView>> {
        list.iter()
            .enumerate()
            .map(|(i, m)| {
                shown
                    .iter()
                    .map(|&c| {
                        // A category cell spans the members after it of the same category.
                        let rows = if c != MemberColumn::Category {
                            1
                        } else if i > 0 && list[i - 1].category == m.category {
                            0
                        } else {
                            1 + list[i + 1..]
                                .iter()
                                .take_while(|n| n.category == m.category)
                                .count()
                        };
                        CellView {
                            key: c.key(),
                            text: cell(c, m),
                            rows,
                        }
                    })
                    .collect()
            })
            .collect()
    };
    let headings = !has(MemberColumn::Category)
        && !words.category_label.is_empty()
        && crate::view::members::any_category(members.iter());
    let groups = if headings {
        crate::view::members::by_category(council, members, |m| m.category.as_deref())
            .into_iter()
            .map(|(category, these)| MemberGroup {
                heading: category
                    .map(|c| crate::model::fill(&words.category_label, &[("区分", &c)])),
                rows: rows(&these),
            })
            .collect()
    } else {
        // A category column lists each category's members together, in the council's order.
        let ordered: Vec<&Member> = if has(MemberColumn::Category) {
            crate::view::members::by_category(council, members, |m| m.category.as_deref())
                .into_iter()
                .flat_map(|(_, these)| these)
                .collect()
        } else {
            members.iter().collect()
        };
        vec![MemberGroup {
            heading: None,
            rows: rows(&ordered),
        }]
    };
    (columns, groups)
}

//! 委員名簿: the members of one fiscal year.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Attach, Kind, Prepared};
use crate::diag::Problems;
use crate::model::{Council, Member, MemberListDocument};
use crate::needs::{has_file, members, readable};
use crate::project::{CouncilData, DocumentFile};

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
pub struct MemberListView<'a> {
    /// 協議会（council.yaml の内容）。
    pub council: &'a Council,
    /// 案（status: draft）か。案なら「案」と印刷し、まだ書いていないところに style.unfilled を印刷します。
    pub draft: bool,
    /// 資料（documents/<資料名>.yaml の内容）。
    pub doc: &'a MemberListDocument,
    /// 年度（西暦）。
    pub year: i32,
    /// 委員。
    pub members: &'a [Member],
    /// 協議会と部会の名前（〇〇協議会〇〇部会）。
    pub issuer: String,
    /// 所属の列を印刷するか（所属を書いた委員がいるとき）。
    pub organization_column: bool,
    /// 列の見出しと日付の言葉（council.yaml の member_list:）。
    pub words: &'a crate::model::MemberListWords,
    /// 題名の下の日付（できあがった言葉: （令和６年５月２３日現在））。
    pub as_of: String,
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
    MemberListView {
        council: &council.council,
        draft: doc.status.is_draft(),
        doc,
        year: doc.year,
        members,
        issuer: crate::phrases::issuer(&council.council),
        organization_column: members.iter().any(|m| m.organization.is_some()),
        words: &council.council.member_list,
        as_of: crate::model::fill(
            &council.council.member_list.as_of,
            &[("日付", &crate::japanese::wareki_date(doc.date.0))],
        ),
    }
}

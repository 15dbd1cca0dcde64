//! The people and the materials of a meeting as the documents about it print them: the minutes
//! (`laid_out`), the agenda (`agenda_sheet`) and the packet read these, `meeting` makes them.

use schemars::JsonSchema;
use serde::Serialize;

#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct AttendeeView<'a> {
    /// 合同で開いた会議で、その委員の部会。
    pub body: Option<&'a str>,
    /// 区分（書かれていれば）。
    pub category: Option<&'a str>,
    /// 所属（書かれていれば）。
    pub organization: Option<&'a str>,
    /// 所属の中での役職（書かれていれば）。
    pub post: Option<&'a str>,
    /// 氏名。
    pub name: Option<&'a str>,
    /// 役職。
    pub role: Option<&'a str>,
    /// 欠席したか。
    pub absent: bool,
    /// オンラインで出席したか（meetings.yaml の online）。
    pub online: bool,
    /// 協議会の書き方（style.names）での名前と役職（岡本委員、岡本 誠（部会長））。
    pub shown: String,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct MaterialView<'a> {
    /// 資料番号（資料１…）。次第そのものには付きません。
    pub number: Option<String>,
    /// 資料の名前。
    pub title: &'a str,
    /// 次第そのものか。
    pub agenda: bool,
    /// 当日配付か（でなければ事前送付）。
    pub handout: bool,
    /// shiryo が作る資料のとき、その資料名（documents/<資料名>.yaml。HTML ではそのページへのリンクに）。
    pub document: Option<&'a str>,
    /// 資料一式で、そのページを取り出す PDF（作成のときに入ります）。
    pub pdf: Option<String>,
    /// その PDF のページ数。
    pub pages: usize,
    /// 議題から参照するときの名前（materials の id）。
    pub id: Option<&'a str>,
    /// meetings.yaml に書いた番号（2−1 など）。
    pub typed_number: Option<&'a str>,
    /// The number alone, written or counted (`１`, `2−1`): an agenda item may name its
    /// material by it.
    #[serde(skip)]
    #[schemars(skip)]
    pub count: Option<String>,
    /// 参考資料か。
    pub reference: bool,
}

impl<'a> AttendeeView<'a> {
    /// The parts a pattern prints.
    pub(crate) fn who(&self) -> crate::view::members::Who<'a> {
        crate::view::members::Who {
            name: self.name,
            role: self.role,
            organization: self.organization,
            post: self.post,
            category: self.category,
        }
    }
}

//! The files of a new council: small, each value explained to a clerk in a comment, every
//! place still to be written holding [`MARK`] so that the draft prints it where it stands.
//! Names staff typed are written as YAML scalars that no character in them can change.

use time::{Date, Month, Weekday};

use super::Answers;

pub use crate::check::marks::MARK;

/// One file of the new council: its path inside the council's folder, and its text.
pub(super) struct File {
    pub path: String,
    pub text: String,
    /// What it holds, for the summary (「委員」).
    pub holds: &'static str,
}

/// The council's words that follow from the answers.
struct Words<'a> {
    a: &'a Answers,
    /// 部会 or 協議会.
    meeting: &'static str,
    /// The chair: 部会長 or 会長.
    chair: &'static str,
    roles: [&'static str; 3],
    /// 協議会と部会の名前 as the documents print them (〇〇協議会〇〇部会).
    issuer: String,
    /// `r7`: the start of every document's name.
    prefix: String,
}

impl<'a> Words<'a> {
    fn new(a: &'a Answers) -> Words<'a> {
        let (meeting, roles) = match a.body {
            Some(_) => ("部会", ["部会長", "副部会長", "委員"]),
            None => ("協議会", ["会長", "副会長", "委員"]),
        };
        Words {
            a,
            meeting,
            chair: roles[0],
            roles,
            issuer: format!("{}{}", a.council, a.body.as_deref().unwrap_or_default()),
            prefix: prefix(a.year),
        }
    }

    fn doc(&self, name: &str) -> String {
        format!("documents/{}-{name}.yaml", self.prefix)
    }
}

/// The start of a document's name for fiscal year `fy`: `r7`, `h30`, or the year itself.
fn prefix(fy: i32) -> String {
    match fy {
        2019.. => format!("r{}", fy - 2018),
        1989.. => format!("h{}", fy - 1988),
        _ => fy.to_string(),
    }
}

/// The `n`th `weekday` of `month` of `year` (a likely day for a meeting, to be changed).
fn nth(year: i32, month: Month, weekday: Weekday, n: u8) -> Date {
    let mut d = Date::from_calendar_date(year, month, 1).unwrap_or(Date::MIN);
    while d.weekday() != weekday {
        d = d.next_day().unwrap_or(d);
    }
    d.checked_add(time::Duration::weeks(i64::from(n) - 1))
        .unwrap_or(d)
}

/// `text` as a YAML scalar: as it is when YAML reads it back unchanged as a string, in double
/// quotes (JSON escapes) otherwise.
pub(super) fn scalar(text: &str) -> String {
    let risky = text.is_empty()
        || text.starts_with([
            '-', '?', ':', ' ', '!', '&', '*', '%', '@', '`', '|', '>', '\'', '"', '#', '[', '{',
            ',',
        ])
        || text.ends_with([' ', ':'])
        || text.contains(": ")
        || text.contains(" #")
        || text.chars().any(|c| c.is_control() || "{}[],".contains(c))
        || serde_yaml::from_str::<String>(text).ok().as_deref() != Some(text);
    if risky {
        serde_json::to_string(text).unwrap_or_default()
    } else {
        text.to_string()
    }
}

fn schema(depth: usize, name: &str) -> String {
    format!(
        "# yaml-language-server: $schema={}schema/{name}.schema.json\n",
        "../".repeat(depth)
    )
}

/// Every file of the new council, in the order they are listed to staff.
pub(super) fn files(a: &Answers) -> Vec<File> {
    let w = Words::new(a);
    let d = a.documents;
    let (fy, next) = (a.year, a.year + 1);
    let mut files = vec![File {
        path: "council.yaml".into(),
        text: council(&w),
        holds: "協議会の名前と言葉",
    }];
    files.push(File {
        path: format!("{fy}/members.yaml"),
        text: members(&w, fy),
        holds: "委員",
    });
    if d.meeting() {
        files.push(File {
            path: format!("{fy}/meetings.yaml"),
            text: meetings(&w),
            holds: "会議",
        });
    }
    if d.report {
        files.push(File {
            path: format!("{fy}/goals.yaml"),
            text: goals(&w, fy),
            holds: "目標",
        });
        files.push(File {
            path: format!("{fy}/evaluation.yaml"),
            text: evaluation(&w),
            holds: "評価",
        });
        files.push(File {
            path: format!("{next}/goals.yaml"),
            text: goals(&w, next),
            holds: "次の年度の目標",
        });
        files.push(File {
            path: format!("{next}/meetings.yaml"),
            text: schedule(&w),
            holds: "次の年度の会議の予定",
        });
        files.push(File {
            path: format!("{next}/members.yaml"),
            text: members(&w, next),
            holds: "次の年度の委員",
        });
        files.push(File {
            path: w.doc("hyoka"),
            text: report(&w),
            holds: "評価結果及び目標設定",
        });
    }
    for (chosen, name, text, holds) in [
        (
            d.minutes,
            "1-kaigiroku",
            meeting_document(&w, "minutes", "第１回の会議録"),
            "第１回の会議録",
        ),
        (
            d.agenda,
            "1-shidai",
            meeting_document(&w, "agenda", "第１回の次第"),
            "第１回の次第",
        ),
        (d.member_list, "meibo", member_list(&w), "委員名簿"),
        (
            d.packet,
            "1-shiryo",
            meeting_document(&w, "packet", "第１回の資料一式"),
            "第１回の資料一式",
        ),
    ] {
        if chosen {
            files.push(File {
                path: w.doc(name),
                text,
                holds,
            });
        }
    }
    files
}

fn council(w: &Words<'_>) -> String {
    let a = w.a;
    let mut t = schema(2, "council");
    t.push_str(&format!(
        "# {}の名前と、この協議会が使う言葉です（shiryo new で作りました）。\n\
         # 「#」から行の終わりまでは説明で、資料には印刷されません。\n\
         # 【記入】と書いた所は、まだ書いていない所です（案の資料には、そのまま印刷されます）。\n\
         # 各ファイルで【記入】を探して、書き直してください。\n\n\
         # 協議会の正式な名前。資料の題名や、会議録の会議名称に印刷されます。\n\
         name: {}\n",
        w.issuer,
        scalar(&a.council)
    ));
    match &a.body {
        Some(body) => t.push_str(&format!(
            "# 部会の名前。協議会の名前の後に続けて印刷されます。\nbody: {}\n",
            scalar(body)
        )),
        None => t.push_str("# 部会の資料を作るときは、ここに body: 〇〇部会 と書きます。\n"),
    }
    t.push_str(&format!(
        "# 会議の呼び方。「第１回{m}」のように印刷されます。\n\
         meeting_label: {m}\n\
         # 評価に使う言葉。evaluation.yaml の評価は、このどれかで書きます。\n\
         evaluation_words: [達成, 一部達成, 未達成]\n\
         # 委員の役職。members.yaml の role は、このどれかで書きます。\n\
         roles: [{}]\n",
        w.roles.join(", "),
        m = w.meeting,
    ));
    if a.nimo {
        t.push_str(
            "# にも包括（精神障害にも対応した地域包括ケアシステム）の協議の場として、\n\
             # 表２・表３の１列目の見出しを「にも包括構成要素」にします。\n\
             report:\n  labels:\n    component: にも包括構成要素\n",
        );
    } else if a.documents.report {
        t.push_str(
            "# 表２・表３の１列目の見出しは「重点項目」です。変えるときは、次の３行の「#」を消して書き直します。\n\
             # report:\n#   labels:\n#     component: 重点項目\n",
        );
    }
    t
}

fn members(w: &Words<'_>, fy: i32) -> String {
    let mut t = schema(3, "members");
    t.push_str(&format!(
        "# {}の委員です。名簿や会議録に、この順に印刷されます。\n\
         # organization は所属、name は氏名（名字と名前の間に空白）、role は役職（council.yaml の roles のどれか）。\n\
         # 委員を増やすときは、「- organization:」から３行を写して書き足します。\n\
         members:\n",
        crate::diag::fy_name(fy)
    ));
    for (i, role) in w.roles.iter().enumerate() {
        t.push_str(&format!(
            "  - organization: {MARK}所属\n    name: {MARK}氏名{}\n    role: {role}\n",
            crate::text::japanese::fullwidth(&(i + 1).to_string())
        ));
    }
    t
}

fn meetings(w: &Words<'_>) -> String {
    let a = w.a;
    let d = a.documents;
    let date = nth(a.year, Month::May, Weekday::Thursday, 3);
    let mut t = schema(3, "meetings");
    t.push_str(&format!(
        "# {}の会議です。会議ごとに「- number:」から書きます（第２回は number: 2）。\n\
         # 日付は 年-月-日、時刻は \"14:00\" のように書きます。日付は仮の日です。開く日に直してください。\n\
         meetings:\n\
         \x20 - number: 1\n\
         \x20   date: {date}\n\
         \x20   start: \"14:00\"\n\
         \x20   end: \"15:30\"\n\
         \x20   # 場所\n\
         \x20   venue: {MARK}会場\n\
         \x20   # 出席した委員の数と、欠席した委員（members.yaml の name と同じ書き方で）\n\
         \x20   attendance: 3\n\
         \x20   absent: []\n",
        crate::diag::fy_name(a.year)
    ));
    if d.report {
        t.push_str(&format!(
            "    # 表１の活動内容、この会議で取り組んだ目標の番号、成果と課題（段落ごとに「- 」で始まる１行）\n\
             \x20   activity: {MARK}活動内容\n\
             \x20   goals: [1-1]\n\
             \x20   outcomes:\n\
             \x20     - {MARK}成果と課題\n"
        ));
    }
    if d.minutes || d.agenda || d.packet {
        t.push_str(&format!(
            "    # 事務局の課と職名\n\
             \x20   secretariat_department: {MARK}担当課\n\
             \x20   secretariat: [{MARK}職名]\n\
             \x20   # 傍聴: 傍聴できたか（true / false）と傍聴者の数\n\
             \x20   public:\n\
             \x20     allowed: true\n\
             \x20     viewers: 0\n\
             \x20   # 次第の議題（title）と、議題ごとの会議結果（record の「- bullet:」が１つの要点）\n\
             \x20   agenda:\n\
             \x20     - title: 開会\n\
             \x20     - title: 議事\n\
             \x20       items:\n\
             \x20         - title: {MARK}議題\n"
        ));
        if d.member_list {
            t.push_str("            # この議題の資料（下の materials の id）\n            materials: [meibo]\n");
        }
        t.push_str(&format!(
            "            record:\n\
             \x20             - bullet: {MARK}発言や決まったことの要点\n\
             \x20     - title: 閉会\n\
             \x20   # 資料: 並んだ順に 資料１、資料２… と番号が付きます。agenda: true は次第そのもの（番号なし）。\n\
             \x20   # shiryo が作る資料は document: に documents の資料名を、受け取った PDF は file: に\n\
             \x20   # 協議会のフォルダからの場所（例: attachments/jokyo.pdf）を書くと、資料一式に入ります。\n\
             \x20   materials:\n\
             \x20     - title: 次第\n\
             \x20       agenda: true\n"
        ));
        if d.member_list {
            t.push_str(&format!(
                "      - title: {}\n        document: {}-meibo\n        id: meibo\n",
                scalar(&format!("{}委員名簿", w.issuer)),
                w.prefix
            ));
        }
    }
    t
}

fn goals(w: &Words<'_>, fy: i32) -> String {
    let a = w.a;
    let mut t = schema(3, "goals");
    t.push_str(&format!(
        "# {}の目標です。表２（評価）と表３（次の年度の目標）に印刷されます。\n",
        crate::diag::fy_name(fy)
    ));
    let component = if a.nimo {
        t.push_str(
            "# 構成要素（name）ごとに課題（issue）と活動目標を書きます。にも包括の構成要素には、協議の場の設置、\n\
             # 普及啓発、住まい、医療、障害福祉・介護、社会参加、相談などがあります。\n",
        );
        "協議の場の設置".to_string()
    } else {
        t.push_str("# 重点項目（name）ごとに課題（issue）と活動目標を書きます。\n");
        format!("{MARK}重点項目")
    };
    t.push_str(&format!(
        "# 目標を増やすときは「- number: 1-1」から３行を写し、番号を 1-2 のように変えます。\n\
         components:\n\
         \x20 - number: 1\n\
         \x20   name: {component}\n\
         \x20   issues:\n\
         \x20     - issue: {MARK}課題\n\
         \x20       goals:\n\
         \x20         - number: 1-1\n\
         \x20           activity: {MARK}活動目標\n\
         \x20           target: {MARK}目標値\n"
    ));
    t
}

fn evaluation(w: &Words<'_>) -> String {
    let mut t = schema(3, "evaluation");
    t.push_str(&format!(
        "# {}の目標ごとの評価です（達成 / 一部達成 / 未達成）。表２に印刷されます。\n\
         # いまの評価は仮のものです。年度の終わりに、目標ごとに書き直してください。\n\
         results:\n\
         \x20 1-1: 一部達成\n",
        crate::diag::fy_name(w.a.year)
    ));
    t
}

fn schedule(w: &Words<'_>) -> String {
    let next = w.a.year + 1;
    let mut t = schema(3, "meetings");
    t.push_str(&format!(
        "# {}の会議の予定です。評価結果の「活動日程」に印刷されます。\n\
         # 日付（date）や場所（venue）が決まるまでは書かずにおくと「未定」と印刷されます。\n\
         meetings:\n\
         \x20 - number: 1\n\
         \x20   goals: [1-1]\n",
        crate::diag::fy_name(next)
    ));
    t
}

fn report(w: &Words<'_>) -> String {
    let a = w.a;
    let date = nth(a.year + 1, Month::March, Weekday::Thursday, 3);
    let author = match &a.body {
        Some(body) if body.ends_with('会') => format!("{body}長"),
        Some(body) => format!("{body} {}", w.chair),
        None => w.chair.to_string(),
    };
    let mut t = schema(3, "document");
    t.push_str(&format!(
        "# {fy}評価結果及び{next}目標設定です。\n\
         # status: draft の間は案です（右上に「案」と印刷されます）。できあがったら、この行を消します。\n\
         type: annual_report\n\
         status: draft\n\
         # 資料番号（例: 資料３）を右上に印刷するときは、次の行の「#」を消して書きます。\n\
         # material: 資料３\n\
         # 資料の日付（仮の日です）と、評価する年度（西暦）\n\
         date: {date}\n\
         year: {year}\n\
         # 題名の下に印刷する作成者: 所属（organization）、職名（title）、氏名（name）\n\
         author:\n\
         \x20 organization: {organization}\n\
         \x20 title: {title}\n\
         \x20 name: {MARK}氏名\n\
         # 各章の初めの文（段落ごとに「- 」で始まる１行）\n\
         introduction:\n\
         \x20 - {MARK}はじめにの文\n\
         goals_introduction:\n\
         \x20 - {MARK}次の年度の目標設定の初めの文\n\
         schedule_introduction:\n\
         \x20 - {MARK}活動日程の初めの文\n\
         members_introduction:\n\
         \x20 - {MARK}委員の構成の初めの文\n",
        fy = crate::diag::fy_name(a.year),
        next = crate::diag::fy_name(a.year + 1),
        year = a.year,
        organization = scalar(&a.council),
        title = scalar(&author),
    ));
    t
}

fn meeting_document(w: &Words<'_>, kind: &str, what: &str) -> String {
    let mut t = schema(3, "document");
    t.push_str(&format!(
        "# {what}です。会議の中身は {year}/meetings.yaml の第１回に書きます。\n\
         # status: draft の間は案です（「案」と印刷されます）。できあがったら、この行を消します。\n\
         type: {kind}\n\
         status: draft\n\
         year: {year}\n\
         meeting: 1\n",
        year = w.a.year,
    ));
    t
}

fn member_list(w: &Words<'_>) -> String {
    let a = w.a;
    let date = Date::from_calendar_date(a.year, Month::April, 1).unwrap_or(Date::MIN);
    let mut t = schema(3, "document");
    t.push_str(&format!(
        "# 委員名簿です。委員は {year}/members.yaml に書きます。\n\
         # status: draft の間は案です（「案」と印刷されます）。できあがったら、この行を消します。\n\
         type: member_list\n\
         status: draft\n\
         year: {year}\n\
         # 題名（書いたとおりに印刷されます）と、「（…現在）」と印刷する日付\n\
         title: {title}\n\
         date: {date}\n",
        year = a.year,
        title = scalar(&format!("{}委員名簿", w.issuer)),
    ));
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_read_back_as_written() {
        for text in [
            "南市",
            "南市地域自立支援協議会",
            "a: b",
            "#1",
            "- x",
            "123",
            "true",
            "null",
            "~",
            "[x]",
            "x #y",
            "\"q\"",
            "ａ：ｂ",
            "",
            "yes",
            "1-1",
            "2025-04-01",
        ] {
            let yaml = format!("v: {}\n", scalar(text));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|e| panic!("{yaml}: {e}"));
            assert_eq!(back["v"], text, "{yaml}");
        }
        assert_eq!(scalar("南市"), "南市");
    }

    #[test]
    fn names_and_days() {
        assert_eq!(prefix(2025), "r7");
        assert_eq!(prefix(2019), "r1");
        assert_eq!(prefix(2018), "h30");
        assert_eq!(prefix(1950), "1950");
        let d = nth(2025, Month::May, Weekday::Thursday, 3);
        assert_eq!(d.to_string(), "2025-05-15");
    }
}

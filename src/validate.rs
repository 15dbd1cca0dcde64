//! Checks on the content beyond what the types enforce, and Japanese wording for the
//! errors serde and YAML report.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::diag::{Problem, Problems};
use crate::japanese;
use crate::model::{Council, Document, Goal, GoalNo};
use crate::project::{CouncilData, Project, YearData};
use crate::view::goal_iter;

/// Image formats typst can place.
const IMAGE_FORMATS: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp"];

/// Every check on a loaded project. Problems point at the file and, where it can be found,
/// the line of the offending value.
pub fn check(project: &Project) -> Problems {
    let mut problems = Problems::default();
    for council in &project.councils {
        check_council(council, &mut problems);
    }
    Problems(
        problems
            .0
            .into_iter()
            .map(|p| p.relative_to(&project.root))
            .collect(),
    )
}

fn check_council(c: &CouncilData, out: &mut Problems) {
    let council_file = c.dir.join("council.yaml");
    if c.council.evaluation_words.is_empty() {
        out.push(
            Problem::error(&council_file, "評価の言葉（evaluation_words）が空です。")
                .field("evaluation_words")
                .hint("例: [達成, 一部達成, 未達成]"),
        );
    }
    if let Some(legend) = &c.council.evaluation_legend
        && legend.meanings.len() != c.council.evaluation_words.len()
    {
        out.push(
            Problem::error(
                &council_file,
                format!(
                    "凡例の意味（evaluation_legend.meanings）が {} 個ありますが、評価の言葉（evaluation_words）は {} 個です。",
                    legend.meanings.len(),
                    c.council.evaluation_words.len()
                ),
            )
            .at(find_line(&council_file, "meanings", ""), None)
            .field("evaluation_legend.meanings")
            .hint("評価の言葉と同じ順に、同じ数だけ書いてください。"),
        );
    }
    for (&fy, year) in &c.years {
        check_goals(&c.council, fy, year, out);
        check_meetings(c, fy, year, out);
        check_evaluation(c, fy, year, out);
        check_members(c, year, out);
    }
    for file in &c.documents {
        crate::needs::check(c, file, out);
        match &file.document {
            Document::AnnualReport(r) => {
                if let Some(f) = &r.figure {
                    check_image(&c.dir, &f.file, &file.path, out);
                    if f.alt.trim().is_empty() {
                        out.push(
                            Problem::error(&file.path, "図の説明（alt）が空です。")
                                .at(find_line(&file.path, "alt", &f.alt), None)
                                .field("figure.alt")
                                .hint("画面読み上げソフトが読む、図の内容の説明を書いてください（PDF/UA で必要です）。"),
                        );
                    }
                }
            }
            Document::Packet(p)
                if !c
                    .years
                    .get(&p.year)
                    .is_some_and(|y| y.broken.contains("meetings")) =>
            {
                check_materials(c, p.year, p.meeting, out);
            }
            _ => {}
        }
    }
}

/// Every material of a packet has exactly one source, and that source exists.
fn check_materials(c: &CouncilData, fy: i32, number: u32, out: &mut Problems) {
    let Some(m) = crate::view::find_meeting(c, fy, number) else {
        return;
    };
    let file = c
        .years
        .get(&fy)
        .and_then(|y| y.files.get("meetings"))
        .cloned()
        .unwrap_or_default();
    for (i, mat) in m.materials.iter().enumerate() {
        let field = format!("meetings[{}].materials[{i}]", number.saturating_sub(1));
        let line = || find_line(&file, "title", &mat.title);
        let sources = usize::from(mat.agenda)
            + usize::from(mat.document.is_some())
            + usize::from(mat.file.is_some());
        if sources != 1 {
            out.push(
                Problem::error(
                    &file,
                    format!(
                        "資料「{}」の中身が{}。",
                        mat.title,
                        if sources == 0 {
                            "ありません"
                        } else {
                            "２つ以上書かれています"
                        }
                    ),
                )
                .at(line(), None)
                .field(&field)
                .hint("agenda: true、document: 文書名、file: PDF のどれか１つを書いてください。"),
            );
            continue;
        }
        if let Some(name) = &mat.document {
            match c.documents.iter().find(|d| &d.name == name) {
                None => out.push(
                    Problem::error(
                        &file,
                        format!(
                            "資料「{}」の文書 {name} が documents にありません。",
                            mat.title
                        ),
                    )
                    .at(line(), None)
                    .field(format!("{field}.document"))
                    .hint(format!(
                        "作れる文書: {}",
                        c.documents
                            .iter()
                            .map(|d| d.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ),
                Some(d) if matches!(d.document, Document::Packet(_)) => out.push(
                    Problem::error(
                        &file,
                        format!("資料「{}」に資料一式 {name} は入れられません。", mat.title),
                    )
                    .at(line(), None)
                    .field(format!("{field}.document")),
                ),
                Some(_) => {}
            }
        }
        if let Some(f) = &mat.file {
            let path = c.dir.join(f);
            let read = if crate::files::leaves(f) {
                Err(Problem::error(&path, "外にある"))
            } else {
                crate::files::read_bytes(&c.dir, &path, crate::files::MAX_BINARY_BYTES)
            };
            let problem = match read {
                Err(e) if e.message.contains("外にある") => Some(format!(
                    "資料「{}」のファイル {f} は協議会のフォルダの外にあります。",
                    mat.title
                )),
                Err(_) if !path.exists() => Some(format!(
                    "資料「{}」のファイル {f} が見つかりません。",
                    mat.title
                )),
                Err(e) => Some(format!(
                    "資料「{}」のファイル {f}: {}",
                    mat.title, e.message
                )),
                Ok(bytes) => match crate::images::check_pdf(&bytes)
                    .map(|()| crate::build::pdf_pages(&bytes))
                {
                    Err(e) => Some(format!("資料「{}」のファイル {f}: {e}", mat.title)),
                    Ok(None) => Some(format!(
                        "資料「{}」のファイル {f} は PDF として読めません。",
                        mat.title
                    )),
                    Ok(Some(n)) if n > crate::images::MAX_PDF_PAGES => Some(format!(
                        "資料「{}」のファイル {f} は {n} ページあります（{} ページまで）。",
                        mat.title,
                        crate::images::MAX_PDF_PAGES
                    )),
                    Ok(Some(_)) => None,
                },
            };
            if let Some(message) = problem {
                out.push(
                    Problem::error(&file, message)
                        .at(find_line(&file, "file", f), None)
                        .field(format!("{field}.file"))
                        .hint("協議会のフォルダからの相対パスで PDF を指定してください。"),
                );
            }
        }
    }
}

pub(crate) fn fy_name(fy: i32) -> String {
    japanese::fiscal_year(fy).unwrap_or_else(|_| format!("{fy}年度"))
}

fn check_goals(council: &Council, fy: i32, year: &YearData, out: &mut Problems) {
    let (Some(set), Some(file)) = (&year.goals, year.files.get("goals")) else {
        return;
    };
    let mut seen = BTreeSet::new();
    let mut components = BTreeSet::new();
    for c in &set.components {
        if !components.insert(c.number) {
            out.push(
                Problem::error(file, format!("構成要素 {} が２回あります。", c.number))
                    .at(find_line(file, "number", &c.number.to_string()), None),
            );
        }
    }
    let goals: BTreeMap<GoalNo, &Goal> = goal_iter(set).map(|g| (g.number, g)).collect();
    for c in &set.components {
        let mut last: Option<GoalNo> = None;
        for g in c.issues.iter().flat_map(|i| &i.goals) {
            let n = g.number;
            let at = |p: Problem| p.at(find_goal_line(file, n), None);
            if !seen.insert(n) {
                out.push(at(Problem::error(
                    file,
                    format!("目標番号 {n} が２回あります。"),
                )
                .hint("番号を付け直してください。")));
            }
            if n.component != c.number {
                out.push(at(Problem::error(
                    file,
                    format!(
                        "目標 {n} が構成要素 {} の中にあります。",
                        japanese::fullwidth(&c.number.to_string())
                    ),
                )
                .hint(format!(
                    "番号を {} にするか、構成要素 {} の中に移してください。",
                    GoalNo {
                        component: c.number,
                        seq: n.seq
                    },
                    japanese::fullwidth(&n.component.to_string())
                ))));
            }
            if let Some(prev) = last
                && prev.component == n.component
                && n.seq != prev.seq + 1
                && n.seq > prev.seq
            {
                out.push(at(Problem::warning(
                    file,
                    format!("目標番号が {prev} の次に {n} となっていて、間が抜けています。"),
                )
                .hint(
                    "番号を詰めてください（番号を変えたら評価や日程の番号も直します）。",
                )));
            }
            last = Some(n);
            match g.repeats {
                Some(r) => {
                    match goals.get(&r) {
                        None => out.push(at(Problem::error(
                            file,
                            format!(
                                "目標 {n} は {r} の再掲ですが、{} に目標 {r} がありません。",
                                fy_name(fy)
                            ),
                        )
                        .hint("repeats: には同じ年度の目標番号を書いてください。"))),
                        Some(o) if o.repeats.is_some() => out.push(at(Problem::error(
                            file,
                            format!("目標 {n} の再掲元 {r} も再掲です。"),
                        )
                        .hint("再掲元には本文のある目標を指定してください。"))),
                        Some(origin) => {
                            if r < n {
                                check_relisted_terms(council, file, n, origin, out);
                            }
                        }
                    }
                    if g.activity.is_some() || g.target.is_some() {
                        out.push(at(Problem::error(
                            file,
                            format!("目標 {n} は {r} の再掲なのに、活動目標や目標値が書かれています。"),
                        )
                        .hint("再掲の目標には number と repeats だけを書きます（本文は再掲元から引き継がれます）。")));
                    }
                }
                None => {
                    for (value, key, what) in [
                        (&g.activity, "activity", "活動目標"),
                        (&g.target, "target", "目標値"),
                    ] {
                        if value.as_deref().is_none_or(|s| s.trim().is_empty()) {
                            out.push(at(Problem::error(
                                file,
                                format!("目標 {n} の{what}（{key}）がありません。"),
                            )
                            .hint(format!(
                                "{key}: を書くか、別の目標の再掲なら repeats: を書いてください。"
                            ))));
                        }
                    }
                }
            }
        }
    }
}

/// A 【再掲】 row uses the terms its goal defined (see `Council::terms`); a definition the
/// council does not list would be printed a second time.
fn check_relisted_terms(
    council: &Council,
    file: &Path,
    n: GoalNo,
    origin: &Goal,
    out: &mut Problems,
) {
    let r = origin.number;
    let texts = [&origin.activity, &origin.target];
    for text in texts.into_iter().flatten() {
        for short in japanese::defined_terms(text) {
            let problem = match council.terms.get(short) {
                None => Problem::warning(
                    file,
                    format!("再掲の目標 {n} に、{r} の「（以下「{short}」という。）」がもう一度載ります。"),
                )
                .hint(format!(
                    "council.yaml の terms: に「{short}: 」と、目標 {r} の文で「（以下」の前にある語句を書くと、再掲の行は「{short}」とだけ書きます。"
                )),
                Some(long) if !text.contains(&japanese::definition(short, long)) => Problem::warning(
                    file,
                    format!("council.yaml の terms の「{short}」の語句が、目標 {r} の「（以下「{short}」という。）」の前の語句と一致しません。"),
                )
                .hint("目標の文の「（以下」の前の語句を、そのまま terms に写してください。"),
                Some(_) => continue,
            };
            out.push(problem.at(find_goal_line(file, n), None));
        }
    }
}

fn check_meetings(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    let Some(file) = year.files.get("meetings") else {
        return;
    };
    // Without that year's goals, the goals each meeting serves cannot be checked (the
    // documents that need them say so).
    let check_goals = year.goals.is_some();
    let goals: BTreeSet<GoalNo> = year
        .goals
        .iter()
        .flat_map(goal_iter)
        .map(|g| g.number)
        .collect();
    let mut expected = 1;
    for (i, m) in year.meetings.meetings.iter().enumerate() {
        let field = |f: &str| format!("meetings[{i}].{f}");
        let line = || find_line(file, "number", &m.number.to_string());
        if m.number != expected {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "会議の回数が順番になっていません（第{}回のところに第{}回があります）。",
                        japanese::fullwidth(&expected.to_string()),
                        japanese::fullwidth(&m.number.to_string())
                    ),
                )
                .at(line(), None)
                .field(field("number"))
                .hint("会議は第１回から順に、重複なく書いてください。"),
            );
        }
        expected = m.number.saturating_add(1);
        if let Some(d) = m.date
            && japanese::fiscal_year_of(d.0) != fy
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{}回の日付 {} が{}（{}-04-01～{}-03-31）の外です。",
                        japanese::fullwidth(&m.number.to_string()),
                        d,
                        fy_name(fy),
                        fy,
                        fy + 1
                    ),
                )
                .at(find_line(file, "date", &d.to_string()), None)
                .field(field("date")),
            );
        }
        if let (Some(s), Some(e)) = (m.start, m.end)
            && e <= s
        {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{}回の終了時刻 {e} が開始時刻 {s} より前です。",
                        japanese::fullwidth(&m.number.to_string())
                    ),
                )
                .at(find_line(file, "end", &e.to_string()), None)
                .field(field("end")),
            );
        }
        check_meeting_record(c, fy, year, i, m, file, out);
        for g in m.goals.iter().filter(|_| check_goals) {
            if !goals.contains(g) {
                out.push(
                    Problem::error(
                        file,
                        format!(
                            "第{}回が対応する目標 {g} は、{}の目標にありません。",
                            japanese::fullwidth(&m.number.to_string()),
                            fy_name(fy)
                        ),
                    )
                    .at(line(), None)
                    .field(field("goals"))
                    .hint(format!(
                        "{}/{fy}/goals.yaml の目標番号を確かめてください。",
                        c.slug
                    )),
                );
            }
        }
    }
}

/// The parts of a meeting that minutes print: absent members must be members, every record
/// entry says one thing, a closed meeting says why.
fn check_meeting_record(
    c: &CouncilData,
    fy: i32,
    year: &YearData,
    i: usize,
    m: &crate::model::Meeting,
    file: &Path,
    out: &mut Problems,
) {
    let n = japanese::fullwidth(&m.number.to_string());
    let names: Vec<&str> = year
        .members
        .iter()
        .flat_map(|l| &l.members)
        .filter_map(|mb| mb.name.as_deref())
        .collect();
    for a in &m.absent {
        if !names.contains(&a.as_str()) {
            out.push(
                Problem::error(
                    file,
                    format!(
                        "第{n}回の欠席者「{a}」は{}の委員（members.yaml）にいません。",
                        fy_name(fy)
                    ),
                )
                .at(
                    find_line(file, "absent", a).or(find_list_item(file, a)),
                    None,
                )
                .field(format!("meetings[{i}].absent"))
                .hint("members.yaml の name と同じ書き方にしてください。"),
            );
        }
    }
    if let Some(p) = &m.public
        && !p.allowed
        && p.reason.as_deref().is_none_or(|r| r.trim().is_empty())
    {
        out.push(
            Problem::warning(
                file,
                format!("第{n}回は傍聴不可ですが、理由（reason）が書かれていません。"),
            )
            .field(format!("meetings[{i}].public.reason")),
        );
    }
    fn walk<'a>(
        items: &'a [crate::model::AgendaItem],
        path: String,
        out: &mut Vec<(String, &'a crate::model::RecordEntry)>,
    ) {
        for (k, item) in items.iter().enumerate() {
            let here = format!("{path}[{k}]");
            for (r, e) in item.record.iter().enumerate() {
                out.push((format!("{here}.record[{r}]"), e));
            }
            walk(&item.items, format!("{here}.items"), out);
        }
    }
    let mut entries = Vec::new();
    walk(&m.agenda, format!("meetings[{i}].agenda"), &mut entries);
    for (field, e) in entries {
        let kinds = usize::from(e.bullet.is_some())
            + usize::from(e.note.is_some())
            + usize::from(e.question.is_some())
            + usize::from(e.next_meeting);
        if kinds != 1 || (e.answer.is_some() && e.question.is_none()) {
            out.push(
                Problem::error(file, format!("第{n}回の会議結果の１項目に、書き方が{}。", if kinds == 0 { "ありません" } else { "２つ以上あります" }))
                    .field(field)
                    .hint("１項目には bullet、note、question（と answer）、next_meeting: true のどれか１つを書きます。"),
            );
        } else if e.next_meeting
            && crate::view::find_meeting(c, fy, m.number.saturating_add(1)).is_none()
            && crate::view::find_meeting(c, fy + 1, 1).is_none()
        {
            out.push(
                Problem::error(file, format!("第{n}回の記録に次回の開催日がありますが、次の会議が meetings.yaml にありません。"))
                    .field(field)
                    .hint(format!("第{}回の会議（date と start）を書いてください。", japanese::fullwidth(&m.number.saturating_add(1).to_string()))),
            );
        }
    }
}

/// The line of a YAML list item `- value`.
fn find_list_item(path: &Path, value: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix("- ")
                .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == value)
        })
        .map(|i| i + 1)
}

fn check_evaluation(c: &CouncilData, fy: i32, year: &YearData, out: &mut Problems) {
    let (Some(eval), Some(file)) = (&year.evaluation, year.files.get("evaluation")) else {
        return;
    };
    let Some(set) = &year.goals else {
        if year.broken.contains("goals") {
            return; // goals.yaml is there but broken: reported already
        }
        out.push(
            Problem::error(
                file,
                format!(
                    "{}の目標（goals.yaml）がないため、評価を確かめられません。",
                    fy_name(fy)
                ),
            )
            .hint(format!("{}/{fy}/goals.yaml を作ってください。", c.slug)),
        );
        return;
    };
    let words = &c.council.evaluation_words;
    let mut missing = Vec::new();
    for g in goal_iter(set) {
        match (g.repeats, eval.results.contains_key(&g.number)) {
            (None, false) => missing.push(g.number.to_string()),
            (Some(r), true) => out.push(
                Problem::error(
                    file,
                    format!(
                        "目標 {} は {r} の再掲なので、評価は書きません（{r} の評価が使われます）。",
                        g.number
                    ),
                )
                .at(find_goal_line(file, g.number), None)
                .field(format!("results.{}", g.number)),
            ),
            _ => {}
        }
    }
    if !missing.is_empty() {
        out.push(
            Problem::error(
                file,
                format!("評価のない目標があります: {}", missing.join("、")),
            )
            .field("results")
            .hint(format!(
                "目標ごとに評価（{}）を書いてください。",
                words.join(" / ")
            )),
        );
    }
    let known: BTreeSet<GoalNo> = goal_iter(set).map(|g| g.number).collect();
    for (n, word) in &eval.results {
        let line = || find_goal_line(file, *n);
        if !known.contains(n) {
            out.push(
                Problem::error(
                    file,
                    format!("目標 {n} は{}の目標にありません。", fy_name(fy)),
                )
                .at(line(), None)
                .field(format!("results.{n}")),
            );
        }
        if !words.contains(word) {
            let mut p = Problem::error(
                file,
                format!("目標 {n} の評価「{word}」は使えない言葉です。"),
            )
            .at(line(), None)
            .field(format!("results.{n}"));
            p = match suggest_word(word, words) {
                Some(k) => p.hint(format!(
                    "{word} → {k} ですか？ 使える言葉: {}",
                    words.join(" / ")
                )),
                None => p.hint(format!(
                    "使える言葉: {}（council.yaml の evaluation_words）",
                    words.join(" / ")
                )),
            };
            out.push(p);
        }
    }
}

fn check_members(c: &CouncilData, year: &YearData, out: &mut Problems) {
    let (Some(list), Some(file)) = (&year.members, year.files.get("members")) else {
        return;
    };
    for (i, m) in list.members.iter().enumerate() {
        if let Some(role) = &m.role
            && !c.council.roles.contains(role)
        {
            out.push(
                Problem::error(
                    file,
                    format!("役職「{role}」は council.yaml の roles にありません。"),
                )
                .at(find_line(file, "role", role), None)
                .field(format!("members[{i}].role"))
                .hint(format!(
                    "使える役職: {}（council.yaml の roles に加えることもできます）",
                    c.council.roles.join(" / "),
                )),
            );
        }
    }
}

/// An image must exist inside the council folder and be in a format typst can place.
fn check_image(council_dir: &Path, file: &str, doc: &Path, out: &mut Problems) {
    let path = council_dir.join(file);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let inside = !crate::files::leaves(file) && is_inside(&path, council_dir);
    let problem = if crate::files::leaves(file) {
        Some(format!(
            "図のファイル {file} が協議会のフォルダの外にあります。"
        ))
    } else if !path.exists() {
        Some(format!("図のファイル {file} が見つかりません。"))
    } else if !inside {
        Some(format!(
            "図のファイル {file} が協議会のフォルダの外にあります。"
        ))
    } else if !IMAGE_FORMATS.contains(&ext.as_str()) {
        Some(format!("図のファイル {file} は使えない形式です。"))
    } else {
        match crate::files::read_bytes(council_dir, &path, crate::files::MAX_BINARY_BYTES) {
            Err(e) => Some(format!("図のファイル {file}: {}", e.message)),
            Ok(bytes) => crate::images::check(&ext, &bytes)
                .and_then(|()| {
                    if ext == "svg" {
                        crate::images::check_svg_syntax(&bytes)?;
                        check_svg_links(council_dir, &path, &bytes)
                    } else {
                        Ok(())
                    }
                })
                .err()
                .map(|e| format!("図のファイル {file}: {e}")),
        }
    };
    if let Some(message) = problem {
        out.push(
            Problem::error(doc, message)
                .at(find_line(doc, "file", file), None)
                .field("figure.file")
                .hint(format!(
                    "協議会のフォルダからの相対パスで、{} のいずれかの画像を指定してください。",
                    IMAGE_FORMATS.join(" / ")
                )),
        );
    }
}

/// The files an SVG links (`href="zu.png"`): inside the council folder, and images that fit
/// in memory, like the figure itself.
fn check_svg_links(council_dir: &Path, svg: &Path, bytes: &[u8]) -> Result<(), String> {
    let text = String::from_utf8_lossy(bytes);
    for part in text.split("href=").skip(1) {
        let Some(quote) = part.chars().next().filter(|c| matches!(c, '"' | '\'')) else {
            continue;
        };
        let target = part[1..].split(quote).next().unwrap_or_default();
        if target.is_empty() || target.starts_with('#') || target.starts_with("data:") {
            continue;
        }
        let linked = svg.parent().unwrap_or(council_dir).join(target);
        if crate::files::leaves(target) && !is_inside(&linked, council_dir) {
            return Err(format!(
                "SVG の中で参照している {target} は協議会のフォルダの外にあります。"
            ));
        }
        let ext = linked
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        let linked_bytes =
            crate::files::read_bytes(council_dir, &linked, crate::files::MAX_BINARY_BYTES)
                .map_err(|e| format!("SVG の中で参照している {target}: {}", e.message))?;
        crate::images::check(&ext, &linked_bytes)
            .map_err(|e| format!("SVG の中で参照している {target}: {e}"))?;
    }
    Ok(())
}

/// Characters no bundled font has (emoji, rare kanji outside the fonts) cannot go into the PDF
/// (PDF/A forbids missing glyphs): each is reported with its file, line and column, so staff
/// can replace it before typst is ever asked.
pub fn check_printable(project: &Project, can_print: impl Fn(char) -> bool) -> Problems {
    let mut out = Problems::default();
    // Each distinct character is looked up once (font coverage lookups are not cheap).
    let mut known: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
    let mut can_print = |c: char| *known.entry(c).or_insert_with(|| can_print(c));
    // The texts the loader read (size-checked, inside the root, byte-order mark removed).
    // At most this many per file are listed (a file pasted from elsewhere may have thousands).
    const SHOWN: usize = 20;
    // Letters and digits without a space: longer than any URL or identifier a document holds.
    const MAX_UNBROKEN: usize = 2_000;
    for (file, text) in &project.texts {
        let mut found = 0;
        for (i, line) in text.lines().enumerate() {
            if line.trim_start().starts_with('#') {
                continue;
            }
            // `venue: 本庁舎 #3会議室` prints 本庁舎: YAML reads 「 #」 on as a comment.
            if let Some(col) = cut_by_comment(line) {
                out.push(
                    Problem::warning(
                        file.as_path(),
                        "値の途中の「 #」から後は、コメントとして読み飛ばされます。",
                    )
                    .at(Some(i + 1), Some(col))
                    .hint("値に「#」を含めるときは、値全体を \"…\" で囲んでください。コメントのつもりなら、行を分けて書いてください。"),
                );
            }
            // A run of letters and digits with nowhere to break a line: the PDF cannot hold it
            // as one string (PDF/A allows 32767 characters) and no page is wide enough.
            let mut run = 0;
            for (col, c) in line.chars().enumerate() {
                run = if c.is_ascii_graphic() { run + 1 } else { 0 };
                if run == MAX_UNBROKEN {
                    out.push(
                        Problem::error(
                            file.as_path(),
                            format!("空白のない英数字が {MAX_UNBROKEN} 文字以上続いています。"),
                        )
                        .at(Some(i + 1), Some(col + 2 - MAX_UNBROKEN))
                        .hint("誤って貼り付けた内容でないか確かめ、途中に空白を入れてください。"),
                    );
                }
                if c.is_control() || c.is_whitespace() || c.is_ascii() || can_print(c) {
                    continue;
                }
                found += 1;
                if found > SHOWN {
                    continue;
                }
                out.push(
                    Problem::error(file.as_path(), format!("「{c}」（U+{:04X}）は同梱のフォントにない文字のため、印刷できません。", c as u32))
                        .at(Some(i + 1), Some(col + 1))
                        .hint("ほかの文字に置き換えてください（絵文字は使えません。人名の異体字は通常の字体にしてください）。"),
                );
            }
        }
        if found > SHOWN {
            out.push(Problem::error(
                file.as_path(),
                format!("ほかにも印刷できない文字が {} 個あります。", found - SHOWN),
            ));
        }
    }
    Problems(
        out.0
            .into_iter()
            .map(|p| p.relative_to(&project.root))
            .collect(),
    )
}

/// The word of a council's vocabulary that `typed` clearly means: the only word it begins or
/// that begins it (「◎」 for 「◎ 達成」), or the only word one slip away (「達勢」 for 「達成」).
/// None when it is not clear: in a symbol vocabulary (◎ ○ △ ×) every word is one slip from
/// every other.
pub fn suggest_word<'a>(typed: &str, words: &'a [String]) -> Option<&'a str> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    let prefixed: Vec<&String> = words
        .iter()
        .filter(|w| w.starts_with(typed) || typed.starts_with(w.as_str()))
        .collect();
    if let [one] = prefixed.as_slice() {
        return Some(one.as_str());
    }
    if !prefixed.is_empty() || typed.chars().count() < 2 {
        return None;
    }
    let close: Vec<&String> = words
        .iter()
        .filter(|w| w.chars().count() >= 2 && strsim::damerau_levenshtein(typed, w) <= 1)
        .collect();
    match close.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    }
}

/// The column of a 「 #」 that cuts an unquoted value short (`key: value #more`), if any.
fn cut_by_comment(line: &str) -> Option<usize> {
    let body = line.trim_start().trim_start_matches("- ");
    let (key, value) = body.split_once(": ")?;
    let value = value.trim_start();
    if key.is_empty()
        || key.contains(' ')
        || value.is_empty()
        || value.starts_with(['"', '\'', '#', '|', '>', '[', '{'])
    {
        return None;
    }
    let at = value.find(" #")?;
    let before = line.len() - value.len() + at;
    Some(line[..before].chars().count() + 2)
}

/// Whether `path` exists and, links resolved, lies inside `dir`.
fn is_inside(path: &Path, dir: &Path) -> bool {
    path.canonicalize()
        .ok()
        .zip(dir.canonicalize().ok())
        .is_some_and(|(p, d)| p.starts_with(d))
}

/// The 1-based line of the first `key: value` in a YAML file (ignoring quotes and list dashes).
pub fn find_line(path: &Path, key: &str, value: &str) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            l.strip_prefix(key)
                .and_then(|r| r.trim_start().strip_prefix(':'))
                .map(|v| {
                    v.split(" #")
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches(['"', '\''])
                })
                .is_some_and(|v| v == value)
        })
        .map(|i| i + 1)
}

/// The line where goal `n` is defined or keyed (`number: 3-5`, or `3-5: 達成`), however its
/// digits are written.
fn find_goal_line(path: &Path, n: GoalNo) -> Option<usize> {
    let text = std::fs::read_to_string(path).ok()?;
    let is_n = |s: &str| s.trim().trim_matches(['"', '\'']).parse::<GoalNo>().ok() == Some(n);
    text.lines()
        .position(|l| {
            let l = l.trim_start().trim_start_matches("- ").trim_start();
            match l.split_once(':') {
                Some(("number", v)) => is_n(v),
                Some((k, _)) => is_n(k),
                None => false,
            }
        })
        .map(|i| i + 1)
}

#[cfg(test)]
mod tests {
    #[test]
    fn vocabulary_suggestions_only_when_clear() {
        let symbols: Vec<String> = ["◎ 達成", "○ 概ね達成", "△ 一部達成", "× 未達成"]
            .map(String::from)
            .to_vec();
        assert_eq!(super::suggest_word("◎", &symbols), Some("◎ 達成"));
        assert_eq!(super::suggest_word("●", &symbols), None);
        let bare: Vec<String> = ["◎", "○", "△", "×"].map(String::from).to_vec();
        assert_eq!(super::suggest_word("●", &bare), None);
        let words: Vec<String> = ["達成", "一部達成", "未達成"].map(String::from).to_vec();
        assert_eq!(super::suggest_word("一部達", &words), Some("一部達成"));
        assert_eq!(super::suggest_word("未達", &words), Some("未達成"));
        assert_eq!(super::suggest_word("概ね達成", &words), None);
        assert_eq!(super::suggest_word("達勢", &words), Some("達成"));
    }

    #[test]
    fn a_comment_cutting_a_value_is_found() {
        assert_eq!(
            super::cut_by_comment("    venue: 本庁舎 #3会議室"),
            Some(16)
        );
        assert_eq!(super::cut_by_comment("  - bullet: 文 #1"), Some(15));
        assert_eq!(super::cut_by_comment("    venue: \"本庁舎 #3\""), None);
        assert_eq!(super::cut_by_comment("    venue: 本庁舎#3"), None);
        assert_eq!(super::cut_by_comment("# venue: a #b"), None);
    }

    #[test]
    fn alias_bombs_are_refused_quickly() {
        let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (prev, name) in ["a", "b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["b", "c", "d", "e", "f", "g", "h", "i"])
        {
            bomb.push_str(&format!(
                "{name}: &{name} [{}]\n",
                vec![format!("*{prev}"); 10].join(", ")
            ));
        }
        let started = std::time::Instant::now();
        let err = crate::project::parse_yaml::<serde_yaml::Value>(&bomb).unwrap_err();
        assert!(started.elapsed().as_secs() < 5);
        assert!(err.message.contains("別名"), "{}", err.message);
    }
}

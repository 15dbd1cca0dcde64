//! 会議資料一式: the agenda, then every material with its 資料番号 stamped, in one PDF. The
//! materials are PDFs that the builder makes (other documents) or reads (attachments).

use schemars::JsonSchema;
use serde::Serialize;

use super::meeting::{MeetingDocView, dated_meeting, meeting_doc_view, missing_meeting};
use super::{Attach, Kind, Prepared};
use crate::diag::{Problem, Problems};
use crate::model::council::{CouncilData, DocumentFile};
use crate::model::{Council, Document};
use crate::view::needs::meeting_part;

pub(super) struct Packet<'a>(pub &'a crate::model::Packet);

impl Kind for Packet<'_> {
    fn name(&self) -> &'static str {
        "資料一式"
    }

    fn year(&self) -> i32 {
        self.0.year
    }

    fn draft(&self) -> bool {
        self.0.status.is_draft()
    }

    fn template<'a>(&'a self, _: &'a Council) -> &'a str {
        self.0.template.as_deref().unwrap_or("packet")
    }

    fn archival(&self) -> bool {
        false
    }

    fn needs(&self, c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
        let p = self.0;
        meeting_part(
            c,
            file,
            (p.year, p.series.as_deref(), p.meeting),
            |m| !m.materials.is_empty(),
            (
                "の資料（materials）がないため、資料一式に入れるものがありません。",
                "materials: に資料を順に書いてください。",
            ),
            self.0.status.is_draft(),
            out,
        );
        if !c
            .years
            .get(&p.year)
            .is_some_and(|y| y.broken.contains("meetings"))
        {
            check_materials(c, (p.year, p.series.as_deref(), p.meeting), out);
        }
    }

    fn prepare(
        &self,
        c: &CouncilData,
        file: &DocumentFile,
        attach: &mut Attach<'_>,
    ) -> Result<Prepared, Problems> {
        let p = self.0;
        let at = (p.year, p.series.as_deref(), p.meeting);
        let (meeting, date) = dated_meeting(c, file, at)?;
        let mut view = meeting_doc_view(
            c,
            at,
            None,
            p.status.is_draft(),
            crate::model::TimeStyle::Ja,
        )
        .ok_or_else(|| missing_meeting(file, at))?;
        // The 次第 links to the agenda's own page when the council makes one for this meeting.
        let agenda_doc = c.documents.iter().find(|d| {
            matches!(&d.document, Document::Agenda(a)
                if a.year == p.year && a.meeting == p.meeting && a.series == p.series)
        });
        let mut total = 0;
        for (mv, mat) in view.materials.iter_mut().zip(&meeting.materials) {
            if mv.agenda && mv.document.is_none() {
                mv.document = agenda_doc.map(|d| d.name.as_str());
            }
            let (pdf, pages) = attach(mat)?;
            total += pages;
            if total > MAX_PACKET_PAGES {
                return Err(Problems(vec![
                    Problem::error(
                        &file.path,
                        format!("資料一式が {MAX_PACKET_PAGES} ページを超えます（資料「{}」まででおよそ {total} ページ）。", mat.title),
                    )
                    .hint("資料一式を会議の分と参考資料の分などに分けてください。"),
                ]));
            }
            mv.pdf = Some(pdf);
            mv.pages = pages;
        }
        let sheet = sheet(&c.council.packet, &view);
        let view = PacketView {
            meeting: view,
            page_numbers: p.page_numbers,
            sheet,
        };
        Prepared::new(view, date)
    }
}

/// Context of a packet: the meeting's documents, and how pages are numbered.
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PacketView<'a> {
    #[serde(flatten)]
    pub meeting: MeetingDocView<'a>,
    /// ページ番号の付け方: continuous（通し）/ per_material（資料ごと）。
    pub page_numbers: crate::model::PageNumbers,
    /// 資料一式の題名と、資料ごとの言葉（council.yaml の packet: の言葉で、できあがったもの）。
    pub sheet: PacketSheet,
}

/// 資料一式の題名と、資料ごとの言葉。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PacketSheet {
    /// 題名の行。
    pub title: Vec<String>,
    /// 資料の題名（PDF の情報と Web ページの title）: 題名の行を空白でつないだもの。
    pub document_title: String,
    /// Web ページの次第の見出し。
    pub agenda_heading: String,
    /// Web ページの資料の見出し。
    pub materials_heading: String,
    /// 資料ごとに（materials と同じ順）。
    pub entries: Vec<PacketEntry>,
}

/// 資料一式の中の資料１つ。
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct PacketEntry {
    /// 資料番号と名前（しおりの言葉）。
    pub label: String,
    /// Web ページの言葉: 資料番号と名前、当日配付ならその言葉。
    pub link_text: String,
    /// 資料一式の PDF での最初のページ（１から）。
    pub first_page: usize,
    /// 資料一式の PDF のどのページか（資料一式の PDF の３～５ページ）。
    pub pages: String,
    /// PDF の各ページの代わりの文。
    pub page_alts: Vec<String>,
}

/// The packet's title and each material's words, as `w` says.
fn sheet(w: &crate::model::PacketWords, view: &MeetingDocView<'_>) -> PacketSheet {
    use crate::model::fill;
    use crate::text::japanese::fullwidth;
    let title: Vec<String> = w
        .title
        .iter()
        .map(|t| fill(t, &[("会議", &view.meeting.name)]))
        .collect();
    let mut at = 1;
    let entries = view
        .materials
        .iter()
        .map(|mat| {
            let label = match &mat.number {
                Some(n) => format!("{n} {}", mat.title),
                None => mat.title.to_string(),
            };
            let (first, last) = (at, at + mat.pages.max(1) - 1);
            at += mat.pages;
            let range = if last > first {
                format!(
                    "{}～{}",
                    fullwidth(&first.to_string()),
                    fullwidth(&last.to_string())
                )
            } else {
                fullwidth(&first.to_string())
            };
            let total = fullwidth(&mat.pages.to_string());
            PacketEntry {
                link_text: if mat.handout {
                    format!("{label}{}", w.handout_mark)
                } else {
                    label.clone()
                },
                first_page: first,
                pages: fill(&w.pages, &[("ページ", &range)]),
                page_alts: (1..=mat.pages)
                    .map(|n| {
                        fill(
                            &w.page_alt,
                            &[
                                ("資料", &label),
                                ("ページ", &fullwidth(&n.to_string())),
                                ("総ページ", &total),
                            ],
                        )
                    })
                    .collect(),
                label,
            }
        })
        .collect();
    PacketSheet {
        document_title: title.join(" "),
        title,
        agenda_heading: w.agenda_heading.clone(),
        materials_heading: w.materials_heading.clone(),
        entries,
    }
}

/// Materials one packet may hold (real ones hold a few dozen): each is typeset or read and
/// kept in memory while the packet is made.
pub(super) const MAX_MATERIALS: usize = 100;

/// Pages one packet may have, all materials together.
pub(super) const MAX_PACKET_PAGES: usize = 1_000;

/// Every material of a packet has exactly one source, and that source exists.
fn check_materials(
    c: &CouncilData,
    (fy, series, number): (i32, Option<&str>, u32),
    out: &mut Problems,
) {
    let Some(year) = c.years.get(&fy) else {
        return;
    };
    let Some((k, m)) = (year.meetings.meetings.iter().enumerate())
        .find(|(_, m)| m.number == number && m.series.as_deref() == series)
    else {
        return;
    };
    let file = year.files.get("meetings").cloned().unwrap_or_default();
    if !m.materials.is_empty() && !m.materials.iter().any(|mat| mat.agenda) {
        out.push(
            Problem::warning(
                &file,
                format!(
                    "{}の資料一式に、次第のページがありません（materials に agenda: true の資料がないため）。",
                    crate::model::council::called(series, number)
                ),
            )
            .field(format!("meetings[{k}].materials"))
            .hint("次第を資料一式の初めに入れるには、materials: の初めに「- {title: 次第, agenda: true}」を書いてください。"),
        );
    }
    if m.materials.len() > MAX_MATERIALS {
        out.push(
            Problem::error(
                &file,
                format!(
                    "{}の資料（materials）が {} 件あります。資料一式に入れられるのは {MAX_MATERIALS} 件までです。",
                    crate::model::council::called(series, number),
                    m.materials.len()
                ),
            )
            .field(format!("meetings[{k}].materials"))
            .hint("同じ資料をくり返し書いていないか確かめてください。本当に多いときは、資料一式を会議の分と参考資料の分などに分けてください。"),
        );
        return;
    }
    let views = super::material_views(&c.council, m);
    for (i, mat) in m.materials.iter().enumerate() {
        let field = format!("meetings[{k}].materials[{i}]");
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
                    .field(format!("{field}.document")),
                ),
                Some(d) => {
                    if let Some(p) = numbers_differ(c, d, (&views[i], mat), &file) {
                        out.push(p.field(&field));
                    }
                }
            }
        }
        if let Some(f) = &mat.file {
            let path = c.dir.join(f);
            let mut content_problem = false;
            let read = if crate::load::files::leaves(f) {
                Err(Problem::error(&path, "外にある"))
            } else {
                crate::load::files::read_bytes(&c.dir, &path, crate::limits::MAX_BINARY_BYTES)
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
                Ok(bytes) => crate::load::images::pdf::check(&bytes).err().map(|e| {
                    content_problem = true;
                    format!("資料「{}」のファイル {f}: {e}", mat.title)
                }),
            };
            if let Some(message) = problem {
                out.push(
                    Problem::error(&file, message)
                        .field(format!("{field}.file"))
                        .hint(if content_problem {
                            "元のファイル（Word など）から PDF を作り直して置き換えてください。"
                        } else {
                            "協議会のフォルダからの相対パスで PDF を指定してください。"
                        }),
                );
            }
        }
    }
}

/// The document a material holds prints its own 資料番号 (`material:`) and the packet stamps
/// another: the packet prints only its own (the sheet is built without the document's), and
/// the document on its own says the other. A warning naming both places.
fn numbers_differ(
    c: &CouncilData,
    d: &crate::model::council::DocumentFile,
    (view, mat): (&super::MaterialView<'_>, &crate::model::Material),
    meetings_file: &std::path::Path,
) -> Option<Problem> {
    use super::laid_out::same_number;
    let own = d.document.material()?;
    let stamp = view.number.as_deref()?;
    if same_number(own) == same_number(stamp) {
        return None;
    }
    let root = c.dir.parent().and_then(|p| p.parent());
    let doc_file = root
        .and_then(|r| d.path.strip_prefix(r).ok())
        .unwrap_or(&d.path)
        .display()
        .to_string();
    let place = match crate::diag::places::position(&d.path, "material") {
        Some((line, _)) => format!("{doc_file} の {line} 行目の material:"),
        None => format!("{doc_file} の material:"),
    };
    // The number to write in meetings.yaml for the packet to stamp the document's own.
    let pattern = if mat.reference {
        &c.council.style.reference_number
    } else {
        &c.council.style.material_number
    };
    let count = pattern
        .split_once("{番号}")
        .and_then(|(before, after)| own.strip_prefix(before)?.strip_suffix(after))
        .filter(|n| !n.trim().is_empty());
    let in_meetings = match count {
        Some(n) => format!("この資料に number: {} と書く", n.trim()),
        None => format!("この資料の number: を「{own}」になるように書く"),
    };
    Some(
        Problem::warning(
            meetings_file,
            format!(
                "資料「{}」は、資料一式では「{stamp}」ですが、文書 {} では「{own}」です（{place}）。資料一式には「{stamp}」だけを押します。",
                mat.title, d.name
            ),
        )
        .hint(format!(
            "番号をそろえてください: {in_meetings}か、{doc_file} の material: を {stamp} に直します（資料一式にだけ入れる資料なら、material: の行を消しても構いません）。"
        )),
    )
}

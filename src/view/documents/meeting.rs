//! Documents about one meeting: its minutes (会議録) and its agenda (次第). Both are dated by
//! the meeting and read the same view; a packet (資料一式) builds on it too.

use schemars::JsonSchema;
use serde::Serialize;

use super::meeting_parts::{AttendeeView, MaterialView};
use super::{Attach, Kind, Prepared};
use crate::diag::{Problem, Problems};
use crate::model::council::called;
use crate::model::council::{CouncilData, DocumentFile};
use crate::model::council::{find_meeting, next_meeting};
use crate::model::{AgendaItem, Council, Meeting, MeetingDocument, TimeStyle};
use crate::view::needs::meeting_part;
use crate::view::{GoalIndex, MeetingView, NO_DATA, meeting_view};

/// A document about one meeting: its minutes or its agenda.
pub(super) struct OnMeeting<'a> {
    pub doc: &'a MeetingDocument,
    pub minutes: bool,
}

impl Kind for OnMeeting<'_> {
    fn name(&self) -> &'static str {
        if self.minutes { "会議録" } else { "次第" }
    }

    fn year(&self) -> i32 {
        self.doc.year
    }

    fn draft(&self) -> bool {
        self.doc.status.is_draft()
    }

    fn template<'a>(&'a self, _: &'a Council) -> &'a str {
        // Minutes follow the council's `minutes:` description, or the shipped one its
        // `style.minutes` names: one template either way.
        let usual = if self.minutes {
            "minutes_layout"
        } else {
            "agenda"
        };
        self.doc.template.as_deref().unwrap_or(usual)
    }

    fn needs(&self, c: &CouncilData, file: &DocumentFile, out: &mut Problems) {
        let d = self.doc;
        let at = (d.year, d.series.as_deref(), d.meeting);
        if !self.minutes {
            let words = (
                "の議題（agenda）がないため、次第が空になります。",
                "agenda: に議題の title を順に書いてください。",
            );
            return meeting_part(
                c,
                file,
                at,
                |m| !m.agenda.is_empty(),
                words,
                self.draft(),
                out,
            );
        }
        // What the form prints of the meeting's course: each item's record, the meeting's
        // transcript, or the agenda alone. Minutes printing none of them need none.
        let form = crate::model::MinutesDescription::for_council(&c.council);
        let has = |kind| form.sections.iter().any(|s| s.section == kind);
        use crate::model::SectionKind::{Agenda, Record, Transcript};
        let (record, transcript) = (has(Record), has(Transcript));
        let (need, words): (fn(&Meeting) -> bool, _) = if record && transcript {
            (
                |m| has_record(&m.agenda) || !m.transcript.is_empty(),
                (
                    "の会議結果（agenda の record）が書かれていないため、会議録が空になります。",
                    "議題（agenda）ごとに record: を書くか、発言記録（transcript:）を書いてください。発言のなかった議題は note: （意見なし） のように書きます。",
                ),
            )
        } else if record {
            (
                |m| has_record(&m.agenda),
                (
                    "の会議結果（agenda の record）が書かれていないため、会議録が空になります。",
                    "議題（agenda）ごとに record: か transcript: を書いてください。発言のなかった議題は note: （意見なし） のように書きます。",
                ),
            )
        } else if transcript {
            (
                |m| !m.transcript.is_empty(),
                (
                    "の発言記録（transcript）が書かれていないため、会議録が空になります。",
                    "会議の transcript: に、発言者（speaker）と発言（said）を順に書いてください。",
                ),
            )
        } else if has(Agenda) {
            (
                |m| !m.agenda.is_empty(),
                (
                    "の議題（agenda）がないため、会議録の議題の項目が空になります。",
                    "agenda: に議題の title を順に書いてください。",
                ),
            )
        } else {
            // Nothing of the course is printed: the meeting must only exist.
            (|_| true, ("", ""))
        };
        meeting_part(c, file, at, need, words, self.draft(), out)
    }

    fn prepare(
        &self,
        c: &CouncilData,
        file: &DocumentFile,
        _: &mut Attach<'_>,
    ) -> Result<Prepared, Problems> {
        let d = self.doc;
        let at = (d.year, d.series.as_deref(), d.meeting);
        let (_, date) = dated_meeting(c, file, at)?;
        // The time style of the form's 日時 when the council names none.
        let usual = if self.minutes {
            crate::model::MinutesDescription::for_council(&c.council)
                .usual_time
                .unwrap_or(TimeStyle::Ja)
        } else {
            crate::model::AgendaDescription::for_council(&c.council).time()
        };
        let view = meeting_doc_view(c, at, d.material.as_deref(), self.draft(), usual)
            .ok_or_else(|| missing_meeting(file, at))?;
        Prepared::new(view, date)
    }
}

/// Meeting `number` of `year` and its date, which documents about it are dated by (both
/// checked before a build; a problem here is reported all the same).
pub(super) fn dated_meeting<'a>(
    c: &'a CouncilData,
    file: &DocumentFile,
    (year, series, number): (i32, Option<&str>, u32),
) -> Result<(&'a Meeting, time::Date), Problems> {
    let m = find_meeting(c, year, series, number)
        .ok_or_else(|| missing_meeting(file, (year, series, number)))?;
    let date = m.date.map(|d| d.0).ok_or_else(|| {
        Problems::from(
            Problem::error(
                &file.path,
                format!(
                    "{}の会議の日付（date）がありません。",
                    called(series, number)
                ),
            )
            .hint("meetings.yaml に date: を書いてください。"),
        )
    })?;
    Ok((m, date))
}

pub(super) fn missing_meeting(
    file: &DocumentFile,
    (year, series, number): (i32, Option<&str>, u32),
) -> Problems {
    Problems::from(Problem::error(
        &file.path,
        format!(
            "{}の{}の会議が meetings.yaml にありません。",
            crate::diag::fy_name(year),
            called(series, number)
        ),
    ))
}

/// Whether any agenda item, at any depth, has a record entry.
/// Whether an item says what came of it: its record, or (`transcripts`) its transcript.
fn has_record(items: &[AgendaItem]) -> bool {
    items
        .iter()
        .any(|i| !i.record.is_empty() || !i.transcript.is_empty() || has_record(&i.items))
}

/// Context of a document about one meeting (minutes, agenda, packet).
#[derive(Debug, Serialize, JsonSchema)]
pub(crate) struct MeetingDocView<'a> {
    /// 協議会（council.yaml の内容）。
    pub council: &'a Council,
    /// 案（status: draft）か。案なら「案」と印刷し、まだ書いていないところに style.unfilled を印刷します。
    pub draft: bool,
    /// 資料番号（右上に印刷）。
    pub material: Option<&'a str>,
    /// この会議。
    pub meeting: MeetingView<'a>,
    /// 協議会と部会の名前（〇〇協議会〇〇部会）。
    pub issuer: String,
    /// 次の会議（わかっているとき）。
    pub next_meeting: Option<MeetingView<'a>>,
    /// 会議録の「次回の開催日」に印刷する言葉（令和６年１１月１４日（木）９時～、または未定など）。
    pub next_meeting_phrase: String,
    /// その年度の委員と、欠席したかどうか。
    pub members: Vec<AttendeeView<'a>>,
    /// 提出資料（番号が付きます）。
    pub materials: Vec<MaterialView<'a>>,
    /// 会議録の様式（council.yaml の minutes:、書かなければ style.minutes のいつもの様式）どおりに並べた
    /// 会議録（できあがった言葉）。
    pub laid_out: super::laid_out::LaidOut,
    /// 次第の様式（council.yaml の agenda:、書かなければいつもの様式）どおりに並べた次第（できあがった
    /// 言葉）。次第と資料一式のページが印刷します。
    pub agenda_sheet: super::agenda_sheet::AgendaSheet,
    /// 表ごとの組み方（council.yaml の tables から: 横向きのページか、文字を何倍にするか）。PDF、Web ページ、Word の
    /// ファイルが同じものを使います。
    pub tables: crate::model::TableLooks,
}

/// The context of a document about meeting `number` of `year` (which must exist: checked).
pub(super) fn meeting_doc_view<'a>(
    council: &'a CouncilData,
    (year, series, number): (i32, Option<&str>, u32),
    material: Option<&'a str>,
    draft: bool,
    usual: TimeStyle,
) -> Option<MeetingDocView<'a>> {
    let data = council.years.get(&year)?;
    let index = GoalIndex::new(data, &council.council.terms);
    let m = find_meeting(council, year, series, number)?;
    let next = next_meeting(council, year, series, number);
    let next_meeting_phrase =
        crate::view::phrases::next_meeting(&council.council.style, next.map(|(_, n)| n));
    let next_meeting = next.map(|(y, n)| {
        let next_index = GoalIndex::new(
            council.years.get(&y).unwrap_or(&NO_DATA),
            &council.council.terms,
        );
        meeting_view(&council.council, y, n, &next_index, usual)
    });
    // A joint meeting's attendance: every body's members, the record keeper's first.
    let joint = council.joint.get(&(year, m.series.clone(), number));
    let own: Vec<(Option<&'a str>, &'a crate::model::Member)> = match joint {
        Some(bodies) => bodies
            .iter()
            .flat_map(|b| b.members.iter().map(move |mb| (Some(b.name.as_str()), mb)))
            .collect(),
        None => data
            .members
            .iter()
            .flat_map(|l| &l.members)
            .map(|mb| (None, mb))
            .collect(),
    };
    let members: Vec<AttendeeView<'a>> = own
        .into_iter()
        .map(|(body, mb)| AttendeeView {
            body,
            shown: crate::view::members::member(
                council.council.style.names.pattern(),
                &mb.into(),
                "委員",
            ),
            category: mb.category.as_deref(),
            organization: mb.organization.as_deref(),
            post: mb.post.as_deref(),
            name: mb.name.as_deref(),
            role: mb.role.as_deref(),
            absent: mb
                .name
                .as_ref()
                .is_some_and(|n| m.absent.iter().any(|a| a == n)),
            online: mb
                .name
                .as_ref()
                .is_some_and(|n| m.online.iter().any(|a| a == n)),
        })
        .collect();
    let materials = super::material_views(&council.council, m);
    let next = next.map(|(_, n)| n);
    let facts = |usual_time| super::laid_out::Facts {
        council: &council.council,
        year,
        meeting: m,
        members: &members,
        materials: &materials,
        next,
        usual_time,
        unfilled: if draft {
            &council.council.style.unfilled
        } else {
            ""
        },
        draft,
    };
    let minutes = crate::model::MinutesDescription::for_council(&council.council);
    let laid_out = super::laid_out::lay_out(
        &minutes,
        &facts(minutes.usual_time.unwrap_or(TimeStyle::Ja)),
    );
    let agenda = crate::model::AgendaDescription::for_council(&council.council);
    let agenda_sheet = super::agenda_sheet::lay_out(&agenda, &facts(agenda.time()));
    Some(MeetingDocView {
        council: &council.council,
        draft,
        material,
        meeting: meeting_view(&council.council, year, m, &index, usual),
        issuer: crate::view::phrases::issuer(&council.council),
        next_meeting,
        next_meeting_phrase,
        members,
        materials,
        laid_out,
        agenda_sheet,
        tables: council.council.tables.looks(),
    })
}

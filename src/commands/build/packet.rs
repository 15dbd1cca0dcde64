//! A packet's pages: each material typeset by shiryo (the agenda, another document, with the
//! packet's number in place of its own) or read from a PDF under the council folder.

use std::path::PathBuf;

use super::{Builder, Typeset};
use crate::diag::{Problem, Problems};
use crate::model::Document;
use crate::model::council::{CouncilData, DocumentFile};

impl Builder {
    /// The PDF of one material of a packet: built by shiryo (the agenda, another document) or
    /// read from a file under the council folder. Returns a virtual path, the bytes and the
    /// files they were made from.
    pub(super) fn material_pdf(
        &mut self,
        council: &CouncilData,
        packet: &DocumentFile,
        mat: &crate::model::Material,
        outer: &[String],
    ) -> Result<(String, Vec<u8>, Vec<PathBuf>), Problems> {
        let base = format!("/__shiryo__/{}/{}", council.slug, packet.name);
        if let (true, Document::Packet(p)) = (mat.agenda, &packet.document) {
            // The council's own agenda of this meeting, when it makes one, with its template:
            // the packet's first sheet is that agenda.
            let own = council.documents.iter().find_map(|d| match &d.document {
                Document::Agenda(a)
                    if a.year == p.year && a.meeting == p.meeting && a.series == p.series =>
                {
                    a.template.clone()
                }
                _ => None,
            });
            let agenda = DocumentFile {
                path: packet.path.clone(),
                name: format!("{}-agenda", packet.name),
                document: Document::Agenda(crate::model::MeetingDocument {
                    year: p.year,
                    status: p.status,
                    meeting: p.meeting,
                    series: p.series.clone(),
                    material: None,
                    template: own,
                }),
            };
            let t = self.typeset_in(council, &agenda, outer)?;
            return Ok((format!("{base}/agenda.pdf"), t.pdf, t.deps));
        }
        if let Some(name) = &mat.document {
            let doc = council
                .documents
                .iter()
                .find(|d| &d.name == name)
                .ok_or_else(|| {
                    Problems(vec![
                        Problem::error(
                            &packet.path,
                            format!(
                                "資料「{}」の文書 {name} が documents にありません。",
                                mat.title
                            ),
                        )
                        .relative_to(&self.root),
                    ])
                })?;
            let t = self.sheet(council, doc, mat, outer)?;
            return Ok((format!("{base}/{name}.pdf"), t.pdf, t.deps));
        }
        if let Some(file) = &mat.file {
            let path = council.dir.join(file);
            let bytes = crate::load::files::read_bytes(
                &council.dir,
                &path,
                crate::limits::MAX_BINARY_BYTES,
            )
            .map_err(|e| {
                Problems(vec![
                    Problem::error(
                        &packet.path,
                        format!("資料「{}」のファイル {file}: {}", mat.title, e.message),
                    )
                    .relative_to(&self.root),
                ])
            })?;
            let vpath = format!("{base}/file-{}", file.replace('/', "-"));
            return Ok((vpath, bytes, vec![path]));
        }
        Err(Problems(vec![
            Problem::error(
                &packet.path,
                format!(
                    "資料「{}」の中身（document か file）がありません。",
                    mat.title
                ),
            )
            .relative_to(&self.root),
        ]))
    }

    /// Document `doc` as a packet holds it (material `mat`), the packets being built
    /// `outer`: without its own 資料番号 where the packet stamps one at the top right (check
    /// says when the two differ; an unnumbered material keeps the document's), and without
    /// page numbers of its own.
    pub fn sheet(
        &mut self,
        council: &CouncilData,
        doc: &DocumentFile,
        mat: &crate::model::Material,
        outer: &[String],
    ) -> Result<Typeset, Problems> {
        let sheet = DocumentFile {
            document: if mat.unnumbered {
                doc.document.clone()
            } else {
                doc.document.without_material()
            },
            ..doc.clone()
        };
        self.typeset_in(council, &sheet, outer)
    }
}

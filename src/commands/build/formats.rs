//! What a build makes of each document, as data: the PDF always, and the web page, the Word
//! file and the Typst source when asked for. Every file of every document is listed by
//! [`Typeset::files`] and written by one path (`Output::write_all`'s rule: all or none), in
//! `build` and in `watch` alike; a new format is one more arm here.

use std::path::{Path, PathBuf};

use super::Typeset;

/// One kind of file a document is written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Pdf,
    /// The web page (`build --html`).
    Html,
    /// The Word file (`build --docx`).
    Docx,
    /// The Typst source the PDF was made from (`build --emit-typst`, to look at).
    Typst,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Pdf, Format::Html, Format::Docx, Format::Typst];

    /// The file's extension, beside the PDF's name.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
            Format::Docx => "docx",
            Format::Typst => "typ",
        }
    }

    /// What the file is, for the lines `build` prints.
    pub fn name_ja(self) -> &'static str {
        match self {
            Format::Pdf => "PDF",
            Format::Html => "Web ページ",
            Format::Docx => "Word",
            Format::Typst => "Typst",
        }
    }
}

/// The formats a build makes: always the PDF (the other formats are checked against it, and a
/// packet is made of PDFs), and any others asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    html: bool,
    docx: bool,
    typst: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats::PDF
    }
}

impl Formats {
    /// The PDF alone.
    pub const PDF: Formats = Formats {
        html: false,
        docx: false,
        typst: false,
    };

    /// These formats and `format` too, when `wanted`.
    pub fn with(self, format: Format, wanted: bool) -> Formats {
        let mut f = self;
        match format {
            Format::Pdf => {}
            Format::Html => f.html |= wanted,
            Format::Docx => f.docx |= wanted,
            Format::Typst => f.typst |= wanted,
        }
        f
    }

    pub fn has(self, format: Format) -> bool {
        match format {
            Format::Pdf => true,
            Format::Html => self.html,
            Format::Docx => self.docx,
            Format::Typst => self.typst,
        }
    }
}

impl super::Builder {
    /// What is made of a document of `council`: what the build asks for and what the council
    /// always wants (`outputs` in council.yaml).
    pub fn formats_for(&self, council: &crate::model::Council) -> Formats {
        (council.outputs.iter()).fold(self.formats, |f, o| {
            f.with(
                match o {
                    crate::model::ExtraOutput::Web => Format::Html,
                    crate::model::ExtraOutput::Word => Format::Docx,
                },
                true,
            )
        })
    }
}

impl Typeset {
    /// The bytes of this document in `format`, when it was made.
    pub fn bytes(&self, format: Format) -> Option<&[u8]> {
        match format {
            Format::Pdf => Some(&self.pdf),
            Format::Html => self.html.as_deref().map(str::as_bytes),
            Format::Docx => self.docx.as_deref(),
            Format::Typst => Some(self.markup.as_bytes()),
        }
    }

    /// Every file of this document, beside `pdf` (its PDF's path): the path and the bytes of
    /// each, the PDF first.
    pub fn files(&self, pdf: &Path) -> Vec<(Format, PathBuf, &[u8])> {
        (Format::ALL.into_iter())
            .filter(|f| self.formats.has(*f))
            .filter_map(|f| Some((f, pdf.with_extension(f.extension()), self.bytes(f)?)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pdf_always_and_the_rest_when_asked() {
        let f = Formats::PDF
            .with(Format::Docx, true)
            .with(Format::Html, false);
        let made: Vec<_> = Format::ALL.into_iter().filter(|x| f.has(*x)).collect();
        assert_eq!(made, [Format::Pdf, Format::Docx]);
        assert_eq!(Format::Docx.extension(), "docx");
        assert_eq!(Formats::default(), Formats::PDF);
    }
}

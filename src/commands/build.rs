//! Building: content → view → markup → PDF → `output/`, one document at a time, written
//! atomically. Nothing in `output/` changes unless every selected document succeeded.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diag::{Problem, Problems};
use crate::model::Document;
use crate::model::council::{CouncilData, DocumentFile, Project};
use crate::render::{TYPST_TEMPLATE_SUFFIX, Templates};
use crate::typeset::world::ShiryoWorld;
use crate::typeset::{self, Job};

mod command;
mod formats;
mod packet;
mod run;
pub use command::{BuildFailure, build, check, output_dir, select, typeset_all};
pub use formats::{Format, Formats};
pub use run::run;

/// Where PDFs go, under the project root.
pub use crate::output::OUTPUT_DIR;

/// Appended to the markup of a packet's sheet: the shipped preamble (`common.typ.j2`) prints
/// no page number when the document's `shiryo-sheet` state ends true, since the packet
/// numbers every page itself (two numbers were stacked at the foot of each page).
pub const SHEET_MARK: &str = "\n#state(\"shiryo-sheet\", false).update(true)\n";

/// A typeset document, ready to be written.
pub struct Typeset {
    /// `council/name`.
    pub id: String,
    pub markup: String,
    /// The web page of the document (when the builder makes HTML), with its PDF's size and
    /// pages.
    pub html: Option<String>,
    /// The same page rendered before the PDF existed (without its size): what the watch
    /// compares to see whether a page changed.
    pub html_key: Option<String>,
    /// The Word file of the document (when the builder makes Word files).
    pub docx: Option<Vec<u8>>,
    /// What was made of it besides the PDF: the build's formats and its council's `outputs`.
    pub formats: Formats,
    pub document: PagedDocument,
    pub pdf: Vec<u8>,
    pub warnings: Vec<Problem>,
    /// The files typst read (images, PDFs): a change to any of them means a rebuild.
    pub deps: Vec<PathBuf>,
    /// Time spent on rendering, compiling, exporting (and making the Word file).
    pub timings: Timings,
}

#[derive(Debug, Default, Clone, Copy)]
pub struct Timings {
    pub render: Duration,
    pub compile: Duration,
    pub export: Duration,
    /// The Word file (render, pictures, zip), when one is made.
    pub word: Duration,
}

/// A document's markup, before typesetting.
pub struct Rendered {
    /// The template file (under `templates/`).
    pub template: String,
    pub markup: String,
    /// The web page, from the same view (when the builder makes HTML), before its PDF exists.
    pub html: Option<String>,
    /// The template's name (without suffix) and the view: the page is rendered again from
    /// them once the PDF's size is known, and the Word file from them too.
    view: (String, minijinja::Value),
    /// The document's date.
    pub date: time::Date,
    /// How long rendering took (for a packet: its materials' typesetting too).
    pub elapsed: Duration,
    /// The files a packet's materials were made from (attached PDFs, the figures of the
    /// documents it contains): typst does not read them itself.
    reads: Vec<PathBuf>,
    /// A hash of a packet's materials as handed to typst (their paths and bytes, in order):
    /// a material shiryo typesets (an agenda, a member list) can change while the packet's
    /// own markup does not.
    pub materials: u128,
}

/// What was written for one document.
#[derive(Debug, Clone)]
pub struct Written {
    pub id: String,
    pub path: PathBuf,
    pub pages: usize,
    pub bytes: usize,
}

/// The long-lived parts of a build: templates and the typst world.
pub struct Builder {
    /// The project root, absolute (as the typst world reads it).
    pub(crate) root: PathBuf,
    /// The shipped templates and each council's own.
    pub(crate) templates: Templates,
    pub(crate) world: ShiryoWorld,
    /// What is made of each document besides its PDF (`build --html`, `--docx`).
    pub(crate) formats: Formats,
    /// Whether text the layout cannot hold (outside its cell or the page) stops the document
    /// (always, for staff); tests of the escaping turn it into a warning to see the layout.
    pub(crate) refuse_overflow: bool,
    /// The YAML parsed by earlier loads (a watch loads the project again on every save).
    yaml: crate::load::yaml::cache::YamlCache,
}

impl Builder {
    pub fn new(root: &Path) -> Result<Builder, Problems> {
        if root.is_dir() {
            crate::load::project::check_root(root).map_err(|p| Problems(vec![p]))?;
        }
        let world = ShiryoWorld::new(root).map_err(|p| Problems(vec![p.relative_to(root)]))?;
        let root = world.root().to_path_buf();
        let templates = Templates::load(&root).map_err(|p| Problems(vec![p.relative_to(&root)]))?;
        Ok(Builder {
            root,
            templates,
            world,
            formats: Formats::PDF,
            refuse_overflow: true,
            yaml: Default::default(),
        })
    }

    /// The project root, absolute.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// What is made of each document besides its PDF.
    pub fn formats(&self) -> Formats {
        self.formats
    }

    pub fn set_formats(&mut self, formats: Formats) {
        self.formats = formats;
    }

    /// Text the layout cannot hold becomes a warning instead of an error: for tests of the
    /// escaping, which look at the layout of any value.
    pub fn keep_overflow(&mut self) {
        self.refuse_overflow = false;
    }

    /// Whether the bundled fonts print `c`.
    pub fn can_print(&self, c: char) -> bool {
        self.world.can_print(c)
    }

    /// Reads the content and checks it; errors stop the build.
    pub fn load(&self) -> Result<(Project, Problems), Problems> {
        let (project, problems) = self.load_checked();
        if problems.has_errors() {
            return Err(problems);
        }
        Ok((project, problems))
    }

    /// Reads the content and runs every check on it, errors or not.
    pub fn load_checked(&self) -> (Project, Problems) {
        let (project, mut problems) = Project::load_with(&self.root, &self.yaml);
        problems.extend(crate::check::check(&project));
        let mut names = Problems::default();
        crate::output::names::check(&project, &mut names);
        problems.extend(Problems(
            (names.0.into_iter())
                .map(|p| p.relative_to(&self.root))
                .collect(),
        ));
        problems.extend(crate::check::check_printable(&project, |c| {
            self.world.can_print(c)
        }));
        (project, problems)
    }

    /// Renders, compiles and exports one document.
    pub fn typeset(
        &mut self,
        council: &CouncilData,
        file: &DocumentFile,
    ) -> Result<Typeset, Problems> {
        let rendered = self.render_document(council, file, &[], &mut |_| {})?;
        self.typeset_rendered(council, file, rendered)
    }

    /// A sheet of a packet (its agenda, a document it holds), with the packets already being
    /// built (a packet may not contain itself). The packet stamps and numbers its pages, so
    /// the sheet prints no page number of its own ([`SHEET_MARK`]).
    fn typeset_in(
        &mut self,
        council: &CouncilData,
        file: &DocumentFile,
        outer: &[String],
    ) -> Result<Typeset, Problems> {
        let mut rendered = self.render_document(council, file, outer, &mut |_| {})?;
        rendered.markup.push_str(SHEET_MARK);
        self.typeset_rendered(council, file, rendered)
    }

    /// Compiles and exports a document already rendered (the watch renders first, to see
    /// whether anything changed).
    pub fn typeset_rendered(
        &mut self,
        council: &CouncilData,
        file: &DocumentFile,
        rendered: Rendered,
    ) -> Result<Typeset, Problems> {
        let root = self.root.clone();
        let rel = move |p: Problem| p.relative_to(&root);
        let id = file.id(council);
        let Rendered {
            template,
            markup,
            html: html_key,
            view: (name, view),
            date,
            elapsed: render,
            reads,
            materials: _,
        } = rendered;
        let vpath = format!("/content/{}/documents/{}.typ", council.slug, file.name);
        let renderer = self.templates.for_council(&council.dir);
        let origin = |line: &str| renderer.origin_of(line);
        let job = Job {
            origin: &origin,
            ident: &id,
            vpath: &vpath,
            markup: &markup,
            date,
            template: renderer.file_of(&template),
            archival: crate::view::documents::of(&file.document).archival(),
        };
        let started = Instant::now();
        let (document, warnings) = typeset::compile(&mut self.world, &job)
            .map_err(|ps| Problems(ps.into_iter().map(&rel).collect()))?;
        let compile = started.elapsed();
        let held = crate::typeset::overflow::problems(&council.dir, &job.template, &document);
        if self.refuse_overflow
            && held
                .iter()
                .any(|p| p.severity == crate::diag::Severity::Error)
        {
            return Err(Problems(held.into_iter().map(&rel).collect()));
        }
        let mut deps = self.world.accessed_paths();
        deps.extend(reads);
        deps.sort();
        deps.dedup();
        let started = Instant::now();
        let pdf = typeset::export_pdf(&self.world, &job, &document)
            .map_err(|ps| Problems(ps.into_iter().map(&rel).collect()))?;
        let export = started.elapsed();
        // The page says how large its PDF is and how many pages it has: rendered again from
        // the same view now that the PDF exists (a millisecond; no typesetting).
        let html = if html_key.is_some() {
            let facts = crate::render::html::PdfFacts {
                bytes: pdf.len(),
                pages: document.pages().len(),
            };
            let form = council.council.web.form;
            let (template, context) =
                crate::render::html::page(&name, &file.name, &view, Some(facts), form);
            let page = renderer
                .render(&template, context)
                .map_err(|p| Problems(vec![rel(p)]))?;
            Some(crate::render::html::finish(page, form))
        } else {
            None
        };
        // The page embeds the figure as the world read it for the PDF: one read, one figure.
        let html = html
            .map(|page| {
                crate::render::html::embed(&page, |path| {
                    self.world
                        .file_bytes(path)
                        .map_err(|m| format!("図 {path} を埋め込めません（{m}）。"))
                })
            })
            .transpose()
            .map_err(|m| Problems(vec![rel(Problem::error(renderer.file_of(&template), m))]))?;
        let formats = self.formats_for(&council.council);
        let started = Instant::now();
        let docx = formats
            .has(Format::Docx)
            .then(|| {
                let template = format!("{name}{}", crate::render::docx::DOCX_TEMPLATE_SUFFIX);
                let world = &self.world;
                let read = |path: &str| world.file_bytes(path);
                crate::render::docx::make(renderer, &template, &view, read, &|| world.svg_fonts())
            })
            .transpose()
            .map_err(|p| Problems(vec![rel(p)]))?;
        Ok(Typeset {
            id,
            markup,
            html,
            html_key,
            docx,
            formats,
            document,
            pdf,
            deps,
            warnings: warnings.into_iter().chain(held).map(&rel).collect(),
            timings: Timings {
                render,
                compile,
                export,
                word: started.elapsed(),
            },
        })
    }

    /// The Typst markup of a document (and its template and date), without typesetting it.
    /// A packet typesets its materials here. The web page, when made, is rendered first and
    /// handed to `on_page` before the markup is rendered (a preview shows it at once).
    pub fn render_document(
        &mut self,
        council: &CouncilData,
        file: &DocumentFile,
        outer: &[String],
        on_page: &mut dyn FnMut(&str),
    ) -> Result<Rendered, Problems> {
        let started = Instant::now();
        let root = self.root.clone();
        let rel = move |p: Problem| p.relative_to(&root);
        let id = file.id(council);
        let kind = crate::view::documents::of(&file.document);
        if matches!(file.document, Document::Packet(_)) && outer.contains(&id) {
            return Err(Problems(vec![rel(Problem::error(
                &file.path,
                "資料一式が自分自身を含んでいます。",
            ))]));
        }
        let mut outer = outer.to_vec();
        outer.push(id);
        let mut reads = Vec::new();
        let mut materials = Vec::new();
        let prepared = kind.prepare(council, file, &mut |mat| {
            let (vpath, bytes, deps) = self.material_pdf(council, file, mat, &outer)?;
            reads.extend(deps);
            let max = crate::load::images::pdf::MAX_PAGES;
            let pages = match crate::load::images::pdf::pages(&bytes) {
                Ok(n) if n <= max => n,
                found => {
                    let (message, hint) = match found {
                        Ok(n) => (
                            format!("資料「{}」は {n} ページあります。資料一式に入れられるのは、１つの資料につき {max} ページまでです。", mat.title),
                            "ページの多い資料は、分けるか、資料一式に入れずに別に配ってください。",
                        ),
                        Err(e) => (
                            format!("資料「{}」の PDF: {e}", mat.title),
                            "元のファイル（Word など）から PDF を作り直して置き換えてください。",
                        ),
                    };
                    return Err(Problems(vec![rel(
                        Problem::error(&file.path, message).hint(hint),
                    )]));
                }
            };
            materials.push(typst::utils::hash128(&(&vpath, &bytes)));
            self.world.set_file(&vpath, bytes);
            Ok((vpath, pages))
        })?;
        let (template, markup, html) = self.render(
            council,
            file,
            kind.template(&council.council),
            &prepared.view,
            on_page,
        )?;
        let date = prepared.date;
        let view = (kind.template(&council.council).to_string(), prepared.view);
        Ok(Rendered {
            template,
            markup,
            html,
            view,
            date,
            elapsed: started.elapsed(),
            reads,
            materials: typst::utils::hash128(&materials),
        })
    }

    /// Renders `name.html.j2` when making HTML (handing the page to `on_page`), then
    /// `name.typ.j2` (under templates/) with the same view; returns the template file, the
    /// markup and the page.
    fn render(
        &self,
        council: &CouncilData,
        file: &DocumentFile,
        name: &str,
        view: &impl serde::Serialize,
        on_page: &mut dyn FnMut(&str),
    ) -> Result<(String, String, Option<String>), Problems> {
        let template = format!("{name}{TYPST_TEMPLATE_SUFFIX}");
        let renderer = self.templates.for_council(&council.dir);
        let rel = |p: Problem| Problems(vec![p.relative_to(&self.root)]);
        let html = (self.formats_for(&council.council))
            .has(Format::Html)
            .then(|| {
                let form = council.council.web.form;
                let (template, context) =
                    crate::render::html::page(name, &file.name, view, None, form);
                renderer
                    .render(&template, context)
                    .map(|page| crate::render::html::finish(page, form))
            })
            .transpose()
            .map_err(rel)?;
        if let Some(page) = &html {
            on_page(page);
        }
        let markup = renderer.render(&template, view).map_err(rel)?;
        Ok((template, markup, html))
    }

    /// The PDF path of a document.
    pub fn output_path(&self, id: &str) -> PathBuf {
        self.root.join(OUTPUT_DIR).join(format!("{id}.pdf"))
    }
}

//! Our own typst `World`: generated sources in memory, files only from inside the project root,
//! fonts only from `fonts/`, a fixed date. One input gives one PDF, byte for byte.
//!
//! The world is long-lived: `set_main` replaces the text of a document's source in place
//! (`Source::replace`), so typst's incremental compilation reuses what did not change, and
//! `reset` forgets cached file contents between compiles.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::diag::Problem;

/// The font files shiryo loads, and from nowhere else.
pub(crate) const FONT_DIR: &str = "fonts";

pub struct ShiryoWorld {
    root: PathBuf,
    library: Arc<LazyHash<Library>>,
    book: Arc<LazyHash<FontBook>>,
    fonts: Vec<Font>,
    main: FileId,
    sources: HashMap<FileId, Source>,
    files: Mutex<HashMap<FileId, FileResult<Bytes>>>,
    memory: HashMap<FileId, Bytes>,
    today: Option<Datetime>,
    /// What `can_print` found for each character asked about (the fonts never change in a
    /// world, and every load of a watch asks about the same characters again).
    printable: Arc<Mutex<HashMap<char, bool>>>,
}

impl ShiryoWorld {
    /// A world for the project at `root` (canonicalised), with the fonts under `root/fonts`.
    pub fn new(root: &Path) -> Result<ShiryoWorld, Problem> {
        if root.exists() && !root.is_dir() {
            return Err(
                Problem::error(root, "プロジェクトのフォルダではなく、ファイルです。").hint(
                    "--root には content/, templates/, fonts/ のあるフォルダを指定してください。",
                ),
            );
        }
        let root = root.canonicalize().map_err(|e| {
            Problem::error(
                root,
                format!(
                    "プロジェクトのフォルダを開けません（{}）。",
                    crate::diag::io_ja(&e)
                ),
            )
        })?;
        let fonts = load_fonts(&root, &root.join(FONT_DIR))?;
        let book = FontBook::from_fonts(&fonts);
        let main = virtual_id("/__shiryo__/empty.typ");
        let mut sources = HashMap::new();
        sources.insert(main, Source::new(main, String::new()));
        Ok(ShiryoWorld {
            root,
            library: Arc::new(LazyHash::new(Library::default())),
            book: Arc::new(LazyHash::new(book)),
            fonts,
            main,
            sources,
            files: Mutex::new(HashMap::new()),
            memory: HashMap::new(),
            today: None,
            printable: Default::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The project's fonts for drawing an SVG outside typst (a Word file's picture): the same
    /// files typst uses, never the system's.
    pub fn svg_fonts(&self) -> std::sync::Arc<usvg::fontdb::Database> {
        let mut db = usvg::fontdb::Database::new();
        let mut seen: Vec<*const u8> = Vec::new();
        for font in &self.fonts {
            let data = font.data();
            if !seen.contains(&data.as_ptr()) {
                seen.push(data.as_ptr());
                db.load_font_data(data.to_vec());
            }
        }
        std::sync::Arc::new(db)
    }

    /// A copy of this world for a compile on another thread (cheap: fonts, sources and files
    /// are shared). The copy comes back when the compile ends in time; a compile stopped for
    /// taking too long leaves this world as it was.
    pub fn worker_copy(&self) -> ShiryoWorld {
        let files = self.files.lock().map(|f| f.clone()).unwrap_or_default();
        ShiryoWorld {
            root: self.root.clone(),
            library: Arc::clone(&self.library),
            book: Arc::clone(&self.book),
            fonts: self.fonts.clone(),
            main: self.main,
            sources: self.sources.clone(),
            files: Mutex::new(files),
            memory: self.memory.clone(),
            today: self.today,
            printable: Arc::clone(&self.printable),
        }
    }

    /// Whether a bundled font has `c` (otherwise it cannot be printed).
    pub fn can_print(&self, c: char) -> bool {
        let mut known = self.printable.lock().unwrap_or_else(|e| e.into_inner());
        *known.entry(c).or_insert_with(|| {
            self.fonts
                .iter()
                .any(|f| f.info().coverage.contains(c as u32))
        })
    }

    /// Makes `text` the main source, under the virtual path `vpath` (e.g.
    /// `/content/<council>/documents/<name>.typ`). An existing source at that path is edited in
    /// place, so an unchanged prefix keeps its cached layout.
    pub fn set_main(&mut self, vpath: &str, text: &str) -> FileId {
        let id = virtual_id(vpath);
        self.sources
            .entry(id)
            .and_modify(|s| {
                if s.text() != text {
                    s.replace(text);
                }
            })
            .or_insert_with(|| Source::new(id, text.to_string()));
        self.main = id;
        id
    }

    /// The date typst's `datetime.today()` returns: the document's own date.
    pub fn set_today(&mut self, date: time::Date) {
        self.today = Datetime::from_ymd(date.year(), date.month() as u8, date.day());
    }

    /// Forgets file contents read during the last compile, so edited images are read again.
    /// Files placed with `set_file` stay.
    pub fn reset(&mut self) {
        self.files.lock().map(|mut f| f.clear()).ok();
    }

    /// The real paths of the files read since the last `reset`, sorted.
    pub fn accessed_paths(&self) -> Vec<PathBuf> {
        let ids: Vec<FileId> = self
            .files
            .lock()
            .map(|f| f.keys().copied().collect())
            .unwrap_or_default();
        let mut paths: Vec<PathBuf> = ids
            .into_iter()
            .filter_map(|id| self.resolve(id).ok())
            .collect();
        paths.sort();
        paths
    }

    /// The bytes of the file at the virtual path `vpath`, as typst reads them: the copy this
    /// compile already read when there is one (so a page shows what the PDF shows).
    pub fn file_bytes(&self, vpath: &str) -> Result<Vec<u8>, String> {
        self.file(virtual_id(vpath))
            .map(|b| b.to_vec())
            .map_err(|e| match e {
                FileError::Other(Some(m)) => m.to_string(),
                FileError::NotFound(_) => "見つかりません".into(),
                FileError::AccessDenied => "プロジェクトのフォルダの外にあります".into(),
                FileError::IsDirectory => "フォルダです".into(),
                _ => "読めません".into(),
            })
    }

    /// Serves `bytes` at the virtual path `vpath` (a PDF shiryo built in memory, placed in a
    /// packet).
    pub fn set_file(&mut self, vpath: &str, bytes: Vec<u8>) {
        self.memory.insert(virtual_id(vpath), Bytes::new(bytes));
    }

    /// The path of a file inside the root, refusing anything that leaves it (`..`, absolute
    /// paths elsewhere, symbolic links pointing out).
    fn resolve(&self, id: FileId) -> FileResult<PathBuf> {
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "パッケージは使えません（shiryo はネットワークからパッケージを取得しません）"
                    .into(),
            )));
        }
        let path = rooted
            .vpath()
            .realize(&self.root)
            .map_err(FileError::Realize)?;
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        if !real.starts_with(&self.root) {
            return Err(FileError::AccessDenied);
        }
        Ok(real)
    }
}

/// A file id in the project root.
pub(crate) fn virtual_id(vpath: &str) -> FileId {
    let vpath = VirtualPath::new(vpath).unwrap_or_else(|_| VirtualPath::new("/invalid").unwrap());
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// Loads every font file under `dir`, in name order (so the font book is the same everywhere).
fn load_fonts(root: &Path, dir: &Path) -> Result<Vec<Font>, Problem> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| {
            Problem::error(
                dir,
                format!("fonts フォルダを読めません（{}）。", crate::diag::io_ja(&e)),
            )
            .hint("プロジェクトに同梱の fonts フォルダが必要です。")
        })?
        .filter_map(Result::ok)
        .filter(|e| !crate::load::files::is_junk(&e.file_name().to_string_lossy()))
        .map(|e| e.path())
        .filter(|p| {
            p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
                matches!(
                    e.to_ascii_lowercase().as_str(),
                    "ttf" | "otf" | "ttc" | "otc"
                )
            })
        })
        .collect();
    paths.sort();
    let mut fonts = Vec::new();
    for path in paths {
        let data = crate::load::files::read_bytes(root, &path, crate::limits::MAX_BINARY_BYTES)?;
        let before = fonts.len();
        fonts.extend(Font::iter(Bytes::new(data)));
        if fonts.len() == before {
            return Err(Problem::error(&path, "フォントとして読み込めません。")
                .hint("TrueType（.ttf）か OpenType（.otf）のフォントを置いてください。"));
        }
    }
    if fonts.is_empty() {
        return Err(Problem::error(dir, "フォントがありません。")
            .hint("fonts フォルダに BIZ UD明朝 と BIZ UDゴシック を置いてください。"));
    }
    Ok(fonts)
}

impl World for ShiryoWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.get(&id) {
            return Ok(source.clone());
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.memory.get(&id) {
            return Ok(bytes.clone());
        }
        let mut files = self.files.lock().map_err(|_| FileError::Other(None))?;
        files
            .entry(id)
            .or_insert_with(|| {
                let path = self.resolve(id)?;
                if path.is_dir() {
                    return Err(FileError::IsDirectory);
                }
                // Regular files only (a pipe would hang the build), of bounded size, and
                // images whose pixels fit in memory.
                let bytes = crate::load::files::read_bytes(
                    &self.root,
                    &path,
                    crate::limits::MAX_BINARY_BYTES,
                )
                .map_err(|p| FileError::Other(Some(p.message.into())))?;
                let ext = path
                    .extension()
                    .and_then(|e| e.to_str())
                    .unwrap_or_default();
                crate::load::images::check(ext, &bytes)
                    .map_err(|m| FileError::Other(Some(m.into())))?;
                Ok(Bytes::new(bytes))
            })
            .clone()
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fonts = dir.path().join("fonts");
        std::fs::create_dir_all(&fonts).unwrap();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(
            repo.join("fonts/BIZUDGothic-Regular.ttf"),
            fonts.join("g.ttf"),
        )
        .unwrap();
        std::fs::write(dir.path().join("inside.txt"), "ok").unwrap();
        dir
    }

    #[test]
    fn files_come_only_from_inside_the_root() {
        let dir = project();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "no").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            outside.path().join("secret.txt"),
            dir.path().join("link.txt"),
        )
        .unwrap();
        let world = ShiryoWorld::new(dir.path()).unwrap();

        assert_eq!(
            world.file(virtual_id("/inside.txt")).unwrap().as_slice(),
            b"ok"
        );
        #[cfg(unix)]
        assert!(matches!(
            world.file(virtual_id("/link.txt")),
            Err(FileError::AccessDenied)
        ));
        // `..` cannot climb out of the virtual root.
        assert!(world.file(virtual_id("/../../../../etc/hostname")).is_err());
        // Packages are never fetched.
        let spec: typst::syntax::package::PackageSpec = "@preview/cetz:0.3.0".parse().unwrap();
        let id = RootedPath::new(
            VirtualRoot::Package(spec),
            VirtualPath::new("/lib.typ").unwrap(),
        )
        .intern();
        match world.file(id) {
            Err(FileError::Other(Some(m))) => assert!(m.contains("パッケージは使えません")),
            other => panic!("{other:?}"),
        }
    }

    /// A file changed on disk during a build: the page's copy is the one the PDF used, until
    /// the next compile resets the slots (issue 19: one read, one figure).
    #[test]
    fn a_file_is_read_once_per_compile() {
        let dir = project();
        let world = ShiryoWorld::new(dir.path()).unwrap();
        assert_eq!(
            world.file(virtual_id("/inside.txt")).unwrap().as_slice(),
            b"ok"
        );
        std::fs::write(dir.path().join("inside.txt"), "changed").unwrap();
        assert_eq!(world.file_bytes("/inside.txt").unwrap(), b"ok");
        let mut world = world;
        world.reset();
        assert_eq!(world.file_bytes("/inside.txt").unwrap(), b"changed");
    }

    #[test]
    fn fonts_only_from_the_fonts_folder() {
        let dir = project();
        let world = ShiryoWorld::new(dir.path()).unwrap();
        assert_eq!(world.book().families().count(), 1);
        std::fs::remove_dir_all(dir.path().join("fonts")).unwrap();
        let err = ShiryoWorld::new(dir.path()).err().unwrap();
        assert!(
            err.message.contains("fonts フォルダを読めません"),
            "{}",
            err.message
        );
    }
}

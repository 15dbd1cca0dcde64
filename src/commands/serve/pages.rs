//! serve's own pages: the index of councils and documents, the PDF viewer, and what goes into
//! a document's page on its way to the browser (the live-reload script, the problems of a
//! failed save). The page `build --html` writes is never changed: this happens per response.

use std::path::{Path, PathBuf};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::routes::{EVENTS, VIEWER, Watching};
use super::site::{Page, Site};
use crate::commands::build::Builder;
use crate::commands::console::{SHOWN, more};
use crate::diag::{Problem, Problems, Severity, fy_name};
use crate::render::html::escape;

/// Characters kept as they are in a URL path segment.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The path of a document's file (`ext`: `html`, `pdf` or `docx`), each segment percent-encoded.
fn href(id: &str, ext: &str) -> String {
    format!("/{}.{ext}", encode(id))
}

/// A name from the project (a document's id, a council's name or folder) as it reads in
/// serve's pages: its bidirectional formatting characters (U+202E RIGHT-TO-LEFT OVERRIDE and
/// the like, invisible and able to show `r6\u{202E}fdp.exe` as `r6exe.pdf`) written out as
/// `<U+202E>`, so they cannot reorder anything.
fn visible(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => out.push_str(&format!("<U+{:04X}>", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// A name from the project in a page's text: visible (above), escaped, and in `<bdi>`, so
/// that right-to-left letters in it are laid out apart from the text around it.
fn name_html(name: &str) -> String {
    format!("<bdi>{}</bdi>", escape(&visible(name)))
}

/// A name from the project in a title or an attribute (where no element can go): visible, and
/// between FSI and PDI, the isolating marks `<bdi>` stands for. Not escaped.
fn name_text(name: &str) -> String {
    format!("\u{2068}{}\u{2069}", visible(name))
}

fn encode(id: &str) -> String {
    (id.split('/'))
        .map(|s| utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// The script every served page carries. It listens for changes of what the page shows
/// (`watching`); a document's page and viewer are sent their new HTML in the event, and the
/// script changes only the nodes that differ (a text, an attribute, an inserted box), so the
/// page updates without a click, keeps its scroll position and is laid out again only where
/// it changed. The index fetches itself again.
fn live_script(watching: &Watching) -> String {
    // JSON inside <script>: `<` escaped so that no value can close the element.
    let json = |v: serde_json::Value| v.to_string().replace('<', "\\u003c");
    let events = json(serde_json::json!(format!("{EVENTS}{}", watching.query())));
    format!(
        r#"<script>(() => {{
const kind = (n) => n.nodeType + n.nodeName;
function patch(from, to) {{
  if (from.isEqualNode(to)) return;
  if (from.nodeType !== 1) {{ from.nodeValue = to.nodeValue; return; }}
  if (from.nodeName === "SCRIPT") return;
  for (const a of [...from.attributes]) if (!to.hasAttribute(a.name)) from.removeAttribute(a.name);
  for (const a of to.attributes) if (from.getAttribute(a.name) !== a.value) from.setAttribute(a.name, a.value);
  const old = [...from.childNodes], neu = [...to.childNodes];
  let s = 0, e = 0;
  while (s < old.length && s < neu.length && kind(old[s]) === kind(neu[s])) s++;
  while (e < old.length - s && e < neu.length - s && kind(old[old.length - 1 - e]) === kind(neu[neu.length - 1 - e])) e++;
  for (let i = 0; i < s; i++) patch(old[i], neu[i]);
  for (let i = 1; i <= e; i++) patch(old[old.length - i], neu[neu.length - i]);
  const before = e > 0 ? old[old.length - e] : null;
  for (const n of old.slice(s, old.length - e)) n.remove();
  for (const n of neu.slice(s, neu.length - e)) from.insertBefore(document.adoptNode(n), before);
}}
// A page in a tab out of sight is brought up to date when it is looked at again (a hidden
// PDF viewer would otherwise load every PDF and take the cores from the page in front).
let pending = null, stale = false;
document.addEventListener("visibilitychange", () => {{
  if (document.hidden) return;
  if (pending !== null) {{ const html = pending; pending = null; show(html); }}
  if (stale) {{ stale = false; refresh(); }}
}});
function show(html) {{
  if (document.hidden) {{ pending = html; return; }}
  const doc = new DOMParser().parseFromString(html, "text/html");
  patch(document.documentElement, doc.documentElement);
  window.shiryoUpdates = (window.shiryoUpdates || 0) + 1;
  document.dispatchEvent(new Event("shiryo-updated"));
}}
let busy = false, again = false;
async function refresh() {{
  if (document.hidden) {{ stale = true; return; }}
  if (busy) {{ again = true; return; }}
  busy = true;
  try {{
    const r = await fetch(location.pathname + location.search, {{ cache: "no-store" }});
    if (r.ok) show(await r.text());
  }} catch (e) {{ console.warn(e); }}
  busy = false;
  if (again) {{ again = false; refresh(); }}
}}
new EventSource({events}).onmessage = (e) => {{
  const m = JSON.parse(e.data);
  if (typeof m.html === "string") {{ stale = false; show(m.html); }} else refresh();
}};
}})();</script>"#
    )
}

/// The problems of a failed save, as `check` prints them, in a box over the page.
fn problems_box(problems: &Problems, has_page: bool) -> String {
    let mut text = String::new();
    for p in problems.0.iter().take(SHOWN) {
        text.push_str(&p.to_string());
        text.push('\n');
    }
    if let Some(line) = more(problems, SHOWN) {
        text.push_str(&line);
        text.push('\n');
    }
    let below = if has_page {
        "下は前回うまく作れた版です。"
    } else {
        "この資料はまだ一度も作れていません。"
    };
    format!(
        "<div id=\"shiryo-problems\" role=\"alert\" style=\"position:sticky;top:0;z-index:10;margin:0 0 1em;padding:0.75em 1em;background:#fff4f4;color:#222;border:3px solid #b00020;font-family:sans-serif\">\
<p style=\"margin:0 0 0.5em;font-weight:bold;color:#b00020\">保存した内容に誤りがあるため、作り直していません。{below}直して保存すると、このページも新しくなります。</p>\
<pre style=\"margin:0;white-space:pre-wrap;font-size:0.95em\">{}</pre></div>",
        escape(&visible(text.trim_end())).replace("<br>", "\n")
    )
}

/// Inserts `head` before `</head>` and `top` right after `<body …>` (or at the start, for a
/// page without them).
fn inject(html: &str, head: &str, top: &str) -> String {
    let mut out = html.to_string();
    match find_ascii(&out, "<body").and_then(|b| out[b..].find('>').map(|e| b + e + 1)) {
        Some(at) => out.insert_str(at, top),
        None => out.insert_str(0, top),
    }
    match find_ascii(&out, "</head>") {
        Some(at) => out.insert_str(at, head),
        None => out.insert_str(0, head),
    }
    out
}

/// The first place of an ASCII tag, in any letter case.
fn find_ascii(html: &str, tag: &str) -> Option<usize> {
    html.to_ascii_lowercase().find(tag)
}

/// The look of serve's own pages: readable from a phone's 390 px up; the viewer a column
/// whose problems box sits above the PDF, never over the viewer's toolbar.
const STYLE: &str = "<style>\
body{font-family:sans-serif;margin:1em;line-height:1.5;overflow-wrap:anywhere}\
.lead{margin:0 0 1em}\
.folder{margin:-0.5em 0 0.5em;color:#555;font-size:0.9em}\
ul.documents{list-style:none;margin:0 0 1.5em;padding:0}\
ul.documents li{border:1px solid #ccc;border-radius:6px;padding:0.6em 0.8em;margin:0 0 0.6em}\
ul.documents .title{font-weight:bold;margin:0}\
ul.documents .about{margin:0.2em 0;color:#333}\
ul.documents .links a{display:inline-block;margin:0.2em 1em 0 0;padding:0.2em 0.8em;border:1px solid #1a4f9c;border-radius:4px;text-decoration:none;color:#1a4f9c}\
.errors{color:#b00020;font-weight:bold}\
.warnings{color:#7a4d00}\
body.viewer{margin:0;height:100vh;display:flex;flex-direction:column}\
body.viewer>p{margin:0;padding:0.4em 1em}\
body.viewer #shiryo-problems{position:static;max-height:40vh;overflow:auto;margin:0 0.5em 0.5em}\
body.viewer #shiryo-pdf{flex:1;width:100%;border:0;min-height:0}\
</style>";

fn shell(title: &str, script: &str, body: &str) -> String {
    shell_with(title, script, "", body)
}

fn shell_with(title: &str, script: &str, class: &str, body: &str) -> String {
    let class = if class.is_empty() {
        String::new()
    } else {
        format!(" class=\"{class}\"")
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>{STYLE}{script}</head><body{class}>{body}</body></html>\n",
        escape(title)
    )
}

/// A document's page as served: the page, the live-reload script, the problems of a failed
/// save over it.
pub(super) fn served(id: &str, page: &Page) -> String {
    let script = live_script(&Watching::Page(id.to_string()));
    let top =
        (page.failure.as_ref()).map_or(String::new(), |p| problems_box(p, page.html.is_some()));
    match &page.html {
        Some(html) => inject(html, &script, &top),
        None => shell(&name_text(id), &script, &top),
    }
}

/// The page that shows a document's PDF, replaced with each new PDF.
pub(super) fn viewer(id: &str, page: &Page) -> String {
    let script = live_script(&Watching::Viewer(id.to_string()));
    let top = (page.failure.as_ref()).map_or(String::new(), |p| problems_box(p, page.version > 0));
    let frame = if page.version > 0 {
        format!(
            "<iframe id=\"shiryo-pdf\" title=\"{title} の PDF\" src=\"{src}?v={v}{at}\"></iframe>",
            title = escape(&name_text(id)),
            src = href(id, "pdf"),
            v = page.version,
            // The browser's viewer opens at the page the last save changed.
            at = page
                .pdf_page
                .map_or(String::new(), |n| format!("#page={n}")),
        )
    } else {
        String::new()
    };
    let body = format!(
        "<p style=\"margin:0 0 0.5em\"><a href=\"/\">一覧</a>　<a href=\"{page}\">Web ページ</a>　{id}.pdf</p>{top}{frame}",
        page = href(id, "html"),
        id = name_html(id)
    );
    shell_with(&format!("{}.pdf", name_text(id)), &script, "viewer", &body)
}

/// The index: every council and its documents, with their problems as `check` counts them.
/// Computed again only after a round has finished.
pub(super) struct Index {
    root: PathBuf,
    builder: Option<Builder>,
    cached: Option<(u64, String)>,
}

impl Index {
    pub(super) fn new(root: &Path) -> Index {
        Index {
            root: root.to_path_buf(),
            builder: None,
            cached: None,
        }
    }

    pub(super) fn render(&mut self, site: &Site) -> String {
        let rounds = site.rounds();
        if let Some((r, html)) = &self.cached
            && *r == rounds
        {
            return html.clone();
        }
        let html = self.compute(site);
        self.cached = Some((rounds, html.clone()));
        html
    }

    fn compute(&mut self, site: &Site) -> String {
        let script = live_script(&Watching::Index);
        let failure = site.failure();
        let mut body = String::from(
            "<h1>資料の一覧</h1><p class=\"lead\">content フォルダの .yaml ファイルを直して保存すると、資料を作り直し、このページと開いている資料も新しくなります。終わるときは、shiryo の黒い画面を閉じてください。</p>",
        );
        if let Some(p) = &failure {
            body.push_str(&problems_box(p, true));
        }
        if self.builder.is_none() {
            self.builder = Builder::new(&self.root).ok();
        }
        let Some(builder) = &self.builder else {
            return shell("資料の一覧", &script, &body);
        };
        let (project, mut problems) = builder.load_checked();
        for p in failure.into_iter().flat_map(|f| f.0) {
            if !problems.0.contains(&p) {
                problems.push(p);
            }
        }
        let built = site.built();
        for council in &project.councils {
            let name = match &council.council.body {
                Some(body) => format!("{} {body}", council.council.name),
                None => council.council.name.clone(),
            };
            body.push_str(&format!(
                "<h2>{}</h2><p class=\"folder\">フォルダ: content/{}</p><ul class=\"documents\">",
                name_html(&name),
                name_html(&council.slug)
            ));
            for file in &council.documents {
                let id = file.id(council);
                let kind = crate::view::documents::of(&file.document);
                let own = |p: &&Problem| concerns(p, &council.slug, &file.name);
                let count = |s| {
                    problems
                        .0
                        .iter()
                        .filter(own)
                        .filter(|p| p.severity == s)
                        .count()
                };
                // The page's title, less the council's name the heading above gives.
                let title = (site.page(&id))
                    .and_then(|page| page.html.as_deref().and_then(page_title))
                    .map(|t| {
                        without_prefix(&t, &council.council.name, council.council.body.as_deref())
                    });
                // Before its first page, the type stands for the title, said once.
                let (title, kind_name) = match title {
                    Some(t) => (t, format!("{}・", kind.name())),
                    None => (kind.name().to_string(), String::new()),
                };
                let links = if built.contains(&id) {
                    let word = match site.docx(&id) {
                        Some(_) => format!("<a href=\"{}\" download>Word</a>", href(&id, "docx")),
                        None => String::new(),
                    };
                    format!(
                        "<a href=\"{}\">Web ページ</a><a href=\"{VIEWER}{}\">PDF</a>{word}",
                        href(&id, "html"),
                        encode(&id)
                    )
                } else {
                    "まだ作れていません（下の誤りを直すと作ります）".to_string()
                };
                let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
                let state = match (errors, warnings) {
                    (0, 0) => String::new(),
                    (0, w) => format!("・<span class=\"warnings\">警告 {w} 件</span>"),
                    (e, 0) => format!("・<span class=\"errors\">エラー {e} 件</span>"),
                    (e, w) => format!(
                        "・<span class=\"errors\">エラー {e} 件</span>・<span class=\"warnings\">警告 {w} 件</span>"
                    ),
                };
                body.push_str(&format!(
                    "<li><p class=\"title\">{}</p><p class=\"about\">{kind_name}{}・{}{state}（{}）</p><p class=\"links\">{links}</p></li>",
                    escape(&visible(&title)),
                    escape(&fy_name(kind.year())),
                    if kind.draft() { "案" } else { "確定" },
                    name_html(&format!("documents/{}.yaml", file.name)),
                ));
            }
            body.push_str("</ul>");
        }
        body.push_str(NEW_COUNCIL);
        if !problems.is_empty() {
            let text: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
            body.push_str(&format!(
                "<h2>check の結果（エラー {} 件、警告 {} 件）</h2><pre style=\"white-space:pre-wrap\">{}</pre>",
                problems.errors(),
                problems.warnings(),
                escape(&visible(&text.join("\n"))).replace("<br>", "\n")
            ));
        }
        shell("資料の一覧", &script, &body)
    }
}

/// Where a clerk learns to start another council (the zip's batch file runs `shiryo new`).
const NEW_COUNCIL: &str = "<h2>新しい協議会を作るには</h2><p>shiryo のフォルダにある「新しい協議会を作る.bat」をダブルクリックし、聞かれたこと（市の名前、協議会の名前、年度、作る資料）に答えてください。content フォルダに新しい協議会のフォルダができ、この一覧にも出ます。くわしくは「はじめにお読みください.txt」の「3. 新しい協議会を始める」を見てください。</p>";

/// Whether a problem concerns a document: its own file, a file of its council other than
/// another document, or a file outside every council (templates, fonts).
fn concerns(p: &Problem, slug: &str, name: &str) -> bool {
    let file = p.file.to_string_lossy().replace('\\', "/");
    let Some(rest) = file.strip_prefix("content/") else {
        return true;
    };
    match rest.strip_prefix(slug).and_then(|r| r.strip_prefix('/')) {
        Some(inside) => match inside.strip_prefix("documents/") {
            Some(doc) => doc.strip_suffix(".yaml").unwrap_or(doc) == name,
            None => true,
        },
        None => false,
    }
}

/// `title` without a leading council name (and body), when what is left says something.
fn without_prefix(title: &str, name: &str, body: Option<&str>) -> String {
    let mut rest = title.strip_prefix(name).unwrap_or(title).trim_start();
    if rest.len() < title.len()
        && let Some(body) = body
    {
        rest = rest.strip_prefix(body).unwrap_or(rest).trim_start();
    }
    if rest.is_empty() { title } else { rest }.to_string()
}

/// The title a built page carries (its `<title>`, as the document's view phrased it), as
/// plain text.
fn page_title(html: &str) -> Option<String> {
    let start = find_ascii(html, "<title>")? + "<title>".len();
    let end = start + find_ascii(&html[start..], "</title>")?;
    let text = html[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

#[cfg(test)]
mod tests;

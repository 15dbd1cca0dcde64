// Loads every HTML page under a folder in headless Chromium (the system's own browser; nothing
// is downloaded) and checks, for each page:
//   - axe-core with the WCAG 2.0 and 2.1 A and AA rules and axe's best practices: no violation;
//   - the page is never wider than the screen at 1280, 390 and 320 px (only a table's own
//     scrolling box may be);
//   - at 320 px, no table cell (th, td) is narrower than two characters plus its padding;
//   - at 390 px, no phrase in a table cell is broken inside a word: a line may end inside a
//     phrase (.ph) only at its <wbr>, or inside a word that is wider than the cell itself
//     (docs/typesetting.md);
//   - printed (print media, the printable width of A4 with the 15 mm @page margins: 180 mm,
//     680 px), no table, figure or image is wider than the printable area and no table cell's
//     content is cut (a column narrower than what it holds); the page is printed to an A4 PDF
//     by Chromium (preferCSSPageSize), saved beside the screenshots;
//   - every h2 and every table (its caption or box) has an id, ids are unique; on a page with
//     a contents list (nav.toc) every h3 has an id too, every link in the list points to an
//     id on the page and every h2 but the list's own heading is linked from it; a page whose
//     two longest h2 sections each run over 250 characters (the annual report, not the short
//     minutes or agenda) must have a contents list;
//   - full-page screenshots at 1280 px and 390 px wide.
//
// Usage: node check.mjs OUTPUT_DIR SCREENSHOT_DIR
// Writes SCREENSHOT_DIR/<council>/<document>-{desktop,phone}.png and <document>-print.pdf.
// Prints one line per page, and one line per finding; exit code 1 when anything is found.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import puppeteer from "puppeteer-core";

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const [outputDir, shotsDir] = process.argv.slice(2);
if (!outputDir || !shotsDir) {
  console.error("usage: node check.mjs OUTPUT_DIR SCREENSHOT_DIR");
  process.exit(2);
}
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];
// A4 is 210 mm wide; the @page margins (templates/common.html.j2) are 15 mm each side.
const printableMm = 210 - 2 * 15;
const printableWidth = Math.floor((printableMm * 96) / 25.4); // 680 CSS px
// A page needs a contents list when its two longest sections run over this many characters.
const longSection = 250;

function pages(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) return pages(p);
      return e.name.endsWith(".html") ? [p] : [];
    })
    .sort();
}

const screens = [
  { name: "desktop", width: 1280, height: 900, shot: true },
  { name: "phone", width: 390, height: 844, shot: true },
  { name: "narrow", width: 320, height: 640, shot: false },
];

// In the page: the ids (h2, h3, tables, the contents list). Returns findings and counts.
function structure(longSection) {
  const findings = [];
  const describe = (el) => `<${el.tagName.toLowerCase()}> "${el.textContent.trim().slice(0, 30)}"`;
  const toc = document.querySelector("nav.toc");
  const h2s = [...document.querySelectorAll("h2")];
  const headings = toc ? [...h2s, ...document.querySelectorAll("h3")] : h2s;
  for (const h of headings) if (!h.id) findings.push(`heading ${describe(h)} has no id`);
  const tables = [...document.querySelectorAll("table")];
  for (const t of tables) {
    const wrap = t.closest(".table-wrap");
    if (!t.id && !t.caption?.id && !wrap?.id) {
      findings.push(`table ${t.caption ? describe(t.caption) : "without a caption"} has no id (on the table, its caption or its box)`);
    }
  }
  const seen = new Map();
  for (const el of document.querySelectorAll("[id]")) seen.set(el.id, (seen.get(el.id) || 0) + 1);
  for (const [id, n] of seen) if (n > 1) findings.push(`id "${id}" is used ${n} times`);
  let links = 0;
  if (toc) {
    const linked = new Set();
    for (const a of toc.querySelectorAll("a")) {
      links++;
      const href = a.getAttribute("href") || "";
      if (!href.startsWith("#")) {
        findings.push(`contents link "${a.textContent.trim()}" does not point into the page (${href})`);
        continue;
      }
      const id = decodeURIComponent(href.slice(1));
      linked.add(id);
      if (!document.getElementById(id)) findings.push(`contents link "${a.textContent.trim()}" points to #${id}, which is not on the page`);
    }
    for (const h of h2s) {
      if (toc.contains(h)) continue;
      if (h.id && !linked.has(h.id)) findings.push(`heading ${describe(h)} is not in the contents list`);
    }
  } else {
    // The text of each h2's section (up to the next h2).
    const lengths = h2s
      .map((h) => {
        let n = 0;
        for (let e = h.nextElementSibling; e && e.tagName !== "H2"; e = e.nextElementSibling) n += e.textContent.trim().length;
        return n;
      })
      .sort((a, b) => b - a);
    if (lengths.length >= 2 && lengths[1] > longSection) {
      findings.push(`${h2s.length} sections, two of them over ${longSection} characters, and no contents list (nav.toc)`);
    }
  }
  return { findings, headings: headings.length, tables: tables.length, ids: seen.size, links, toc: !!toc };
}

// In the page, printed: what is wider than the printable area, what a table cell cuts.
function printFit() {
  const findings = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  const describe = (el) => {
    const name = el.querySelector?.("caption, figcaption")?.textContent.trim() || el.getAttribute("alt") || el.textContent.trim();
    return `<${el.tagName.toLowerCase()}> "${(name || "").slice(0, 30)}"`;
  };
  if (doc.scrollWidth > width) findings.push(`the printed page is ${doc.scrollWidth - width} px wider than the printable area`);
  const boxes = [...document.querySelectorAll("table, figure, img, .table-wrap")];
  for (const el of boxes) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    if (r.right > width + 1 || r.left < -1) {
      findings.push(`${describe(el)} is ${Math.round(r.width)} px wide from ${Math.round(r.left)} px, beyond the printable ${width} px`);
    }
    if (el.matches("table, .table-wrap") && el.scrollWidth > el.clientWidth + 1) {
      findings.push(`${describe(el)} holds ${el.scrollWidth} px of content in ${el.clientWidth} px: a column is cut on paper`);
    }
  }
  const cut = [];
  for (const cell of document.querySelectorAll("th, td")) {
    if (cell.getBoundingClientRect().width === 0) continue;
    if (cell.scrollWidth > cell.clientWidth + 1) {
      cut.push(`cell ${describe(cell)} holds ${cell.scrollWidth} px in ${cell.clientWidth} px: its column is cut on paper`);
    }
  }
  findings.push(...cut.slice(0, 10));
  if (cut.length > 10) findings.push(`... and ${cut.length - 10} more cells cut on paper`);
  const count = (q) => document.querySelectorAll(q).length;
  return { findings, tables: count("table"), figures: count("figure"), images: count("img") };
}

// In the page at 320 px: cells narrower than two characters plus their padding.
function narrowCells() {
  const narrow = [];
  let cells = 0;
  for (const cell of document.querySelectorAll("th, td")) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0) continue;
    cells++;
    const s = getComputedStyle(cell);
    const px = (v) => parseFloat(v) || 0;
    const inner = r.width - px(s.borderLeftWidth) - px(s.borderRightWidth);
    const need = 2 * px(s.fontSize) + px(s.paddingLeft) + px(s.paddingRight);
    if (inner + 1 < need) {
      narrow.push(`cell <${cell.tagName.toLowerCase()}> "${cell.textContent.trim().slice(0, 20)}" is ${inner.toFixed(1)} px wide at 320 px, under two characters plus padding (${need.toFixed(1)} px)`);
    }
  }
  const findings = narrow.slice(0, 10);
  if (narrow.length > 10) findings.push(`... and ${narrow.length - 10} more cells under two characters wide at 320 px`);
  return { findings, cells };
}

// In the page: lines that end inside a word of a table cell. A phrase (.ph) may break only
// at its <wbr> (between its words) and at a space, a unit (.un) not at all; a word wider than
// the cell's text breaks where it must.
function brokenWords() {
  const broken = [];
  let words = 0;
  for (const ph of document.querySelectorAll("td .ph, th .ph, td .un, th .un")) {
    const cell = ph.closest("td, th");
    if (cell.getBoundingClientRect().width === 0) continue;
    const s = getComputedStyle(cell);
    const room = cell.clientWidth - (parseFloat(s.paddingLeft) || 0) - (parseFloat(s.paddingRight) || 0);
    // The phrase's words: its characters between <wbr> (or <br>) elements.
    const pieces = [[]];
    const walk = document.createTreeWalker(ph, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (n.nodeType === Node.ELEMENT_NODE) {
        if (n.tagName === "WBR" || n.tagName === "BR") pieces.push([]);
        continue;
      }
      const text = n.data;
      for (let i = 0; i < text.length; ) {
        const step = text.codePointAt(i) > 0xffff ? 2 : 1;
        const ch = text.slice(i, i + step);
        // A space is a place to break too (a name between spaces breaks only there).
        if (ch.trim() === "") pieces.push([]);
        else pieces[pieces.length - 1].push({ node: n, at: i, len: step, ch });
        i += step;
      }
    }
    const range = document.createRange();
    for (const piece of pieces) {
      const chars = piece;
      if (chars.length < 2) continue;
      words++;
      const boxes = chars.map((c) => {
        range.setStart(c.node, c.at);
        range.setEnd(c.node, c.at + c.len);
        return range.getBoundingClientRect();
      });
      const width = boxes.reduce((sum, b) => sum + b.width, 0);
      for (let i = 1; i < boxes.length; i++) {
        if (boxes[i].top > boxes[i - 1].top + boxes[i - 1].height / 2 && width < room - 0.5) {
          const word = chars.map((c) => c.ch).join("");
          const at = chars.slice(0, i).map((c) => c.ch).join("");
          broken.push(`a line ends inside 「${at}／${word.slice(at.length)}」 in cell "${cell.textContent.trim().slice(0, 20)}" at 390 px (the word is ${width.toFixed(0)} px, the cell's text ${room.toFixed(0)} px)`);
          break;
        }
      }
    }
  }
  const findings = broken.slice(0, 10);
  if (broken.length > 10) findings.push(`... and ${broken.length - 10} more words broken inside at 390 px`);
  return { findings, words };
}

const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--font-render-hinting=none"],
});
let failed = false;
const files = pages(outputDir);
if (files.length === 0) {
  console.error(`no HTML pages under ${outputDir}`);
  failed = true;
}
try {
  for (const file of files) {
    const rel = path.relative(outputDir, file);
    const base = path.join(shotsDir, rel.replace(/\.html$/, ""));
    fs.mkdirSync(path.dirname(base), { recursive: true });
    const url = pathToFileURL(path.resolve(file)).href;
    const findings = [];
    const summary = [];
    const page = await browser.newPage();

    for (const w of screens) {
      await page.setViewport({ width: w.width, height: w.height, deviceScaleFactor: 1 });
      await page.goto(url, { waitUntil: "load" });
      if (w.name === "desktop") {
        await page.evaluate(axeSource);
        const result = await page.evaluate(
          // eslint-disable-next-line no-undef
          (tags) => axe.run(document, { runOnly: { type: "tag", values: tags } }),
          axeTags,
        );
        for (const v of result.violations) {
          const where = v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("; ");
          findings.push(`axe ${v.id} (${v.impact}): ${v.help} at ${where}`);
        }
        const review = result.incomplete.map((r) => r.id).join(", ");
        summary.push(
          `axe ${result.violations.length} violations, ${result.passes.length} rules passed` +
            (review ? ` (to review by a person: ${review})` : ""),
        );
        const s = await page.evaluate(structure, longSection);
        findings.push(...s.findings);
        summary.push(
          `ids: ${s.headings} headings, ${s.tables} tables, ${s.ids} unique` +
            (s.toc ? `, contents ${s.links} links` : ", no contents list"),
        );
      }
      // The page itself never scrolls sideways: only a table's own box may.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) findings.push(`the page is ${overflow} px wider than the screen at ${w.width} px`);
      // A box that scrolls is a tab stop and says that it scrolls; a box that fits is neither.
      const boxes = await page.evaluate(() =>
        [...document.querySelectorAll(".table-wrap")].map((b) => {
          const hint = b.previousElementSibling;
          return {
            scrolls: b.scrollWidth > b.clientWidth + 1,
            tab: b.getAttribute("tabindex") === "0",
            hint: hint && hint.className === "scroll-hint" ? !hint.hidden : null,
          };
        }),
      );
      boxes.forEach((b, i) => {
        if (b.scrolls !== b.tab)
          findings.push(`box ${i + 1} at ${w.width} px: scrolls ${b.scrolls} but tab stop ${b.tab}`);
        if (b.hint !== null && b.hint !== b.scrolls)
          findings.push(`box ${i + 1} at ${w.width} px: scrolls ${b.scrolls} but its hint shown ${b.hint}`);
      });
      if (w.name === "phone") {
        const b = await page.evaluate(brokenWords);
        findings.push(...b.findings);
        summary.push(`${b.words} words of table cells whole at 390 px`);
      }
      if (w.name === "narrow") {
        const n = await page.evaluate(narrowCells);
        findings.push(...n.findings);
        summary.push(`screens 1280/390/320 px, ${n.cells} cells measured at 320 px`);
      }
      if (w.shot) await page.screenshot({ path: `${base}-${w.name}.png`, fullPage: true });
    }

    // Printed: laid out at the printable width in print media, then printed to A4.
    await page.emulateMediaType("print");
    await page.setViewport({ width: printableWidth, height: 960, deviceScaleFactor: 1 });
    await page.goto(url, { waitUntil: "load" });
    const p = await page.evaluate(printFit);
    findings.push(...p.findings);
    const pdf = await page.pdf({ path: `${base}-print.pdf`, format: "A4", preferCSSPageSize: true, printBackground: true });
    const sheets = (Buffer.from(pdf).toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    summary.push(`print ${printableMm} mm: ${p.tables} tables, ${p.figures} figures, ${p.images} images, A4 PDF ${sheets} pages`);
    await page.emulateMediaType(null);
    await page.close();

    for (const f of findings) console.log(`${rel}: ${f}`);
    console.log(`${rel}: ${findings.length ? `FAIL (${findings.length})` : "ok"}; ${summary.join("; ")}`);
    if (findings.length) failed = true;
  }
} finally {
  await browser.close();
}
console.log(failed ? "browser check: FAILED" : `browser check: ${files.length} pages, nothing found`);
process.exit(failed ? 1 : 0);

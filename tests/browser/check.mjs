// Loads every HTML page under a folder in headless Chromium (the system's own browser; nothing
// is downloaded), runs axe-core with the WCAG 2.0 A and AA rules, checks that nothing but a
// table's own scrolling box is wider than a phone's screen, and takes full-page screenshots at
// 1280 px and 390 px wide.
//
// Usage: node check.mjs OUTPUT_DIR SCREENSHOT_DIR
// Exit code 1 when any page has a violation or overflows the screen.
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

const widths = [
  { name: "desktop", width: 1280, height: 900 },
  { name: "phone", width: 390, height: 844 },
];

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
    const page = await browser.newPage();
    for (const w of widths) {
      await page.setViewport({ width: w.width, height: w.height, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(path.resolve(file)).href, { waitUntil: "load" });
      if (w.name === "desktop") {
        await page.evaluate(axeSource);
        const result = await page.evaluate(() =>
          // eslint-disable-next-line no-undef
          axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa"] } }),
        );
        for (const v of result.violations) {
          failed = true;
          console.log(`${rel}: ${v.id} (${v.impact}): ${v.help}`);
          for (const n of v.nodes.slice(0, 5)) console.log(`    ${n.target.join(" ")}`);
        }
        const review = result.incomplete.map((r) => r.id).join(", ");
        console.log(
          `${rel}: axe ${result.violations.length} violations, ${result.passes.length} rules passed` +
            (review ? `, to review by a person: ${review}` : ""),
        );
      }
      // The page itself never scrolls sideways: only a table's own box may.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      if (overflow > 0) {
        failed = true;
        console.log(`${rel}: ${overflow} px wider than the screen at ${w.width} px`);
      }
      const shot = path.join(shotsDir, `${rel.replace(/\.html$/, "")}-${w.name}.png`);
      fs.mkdirSync(path.dirname(shot), { recursive: true });
      await page.screenshot({ path: shot, fullPage: true });
    }
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(failed ? "browser check: FAILED" : `browser check: ${files.length} pages, no violations`);
process.exit(failed ? 1 : 0);

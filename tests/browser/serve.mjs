// `shiryo serve` in a real browser (headless Chromium, the system's): the served report updates
// itself when a YAML value is saved, a broken save shows the Japanese error with its file and
// line over the page, and the fix brings the page back; the PDF viewer follows each save; paths
// that leave the site and foreign Host headers are refused. Prints the edit → shown latency of
// the page and of the PDF (median of 20 one-value edits).
//
// Usage: node serve.mjs SHIRYO_BINARY PROJECT_COPY [PORT]
// The project copy is edited in place. Exit code 1 when any check fails.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { spawn } from "node:child_process";
import puppeteer from "puppeteer-core";

const [binary, root, portArg] = process.argv.slice(2);
if (!binary || !root) {
  console.error("usage: node serve.mjs SHIRYO_BINARY PROJECT_COPY [PORT]");
  process.exit(2);
}
const port = Number(portArg || 18765);
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const base = `http://127.0.0.1:${port}`;
const meetings = path.join(root, "content/niiza-chiiki-ikou/2024/meetings.yaml");
const report = "/niiza-chiiki-ikou/r6-hyoka";
const fullWidth = (s) => s.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

let failed = false;
const fail = (what) => {
  console.error(`FAIL: ${what}`);
  failed = true;
};

/// A raw request (the path is sent as written, the Host header as given).
function request(rawPath, host) {
  return new Promise((resolve) => {
    const req = http.request(
      { host: "127.0.0.1", port, path: rawPath, headers: host === null ? {} : { Host: host } },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode));
      },
    );
    if (host === null) req.removeHeader("Host");
    req.on("error", () => resolve(0));
    req.end();
  });
}

const server = spawn(binary, ["serve", "--root", root, "--port", String(port)], {
  stdio: ["ignore", "pipe", "pipe"],
});
let serverLog = "";
server.stdout.on("data", (d) => (serverLog += d));
server.stderr.on("data", (d) => (serverLog += d));

let browser;
try {
  // Up within a minute (the first build typesets every document).
  let up = false;
  for (let i = 0; i < 600 && !up; i++) {
    up = (await request("/", `127.0.0.1:${port}`)) === 200;
    if (!up) await sleep(100);
  }
  if (!up) throw new Error(`serve did not answer:\n${serverLog}`);

  // Safety: only the site's own paths, only this machine's names.
  const host = `127.0.0.1:${port}`;
  for (const p of [
    "/../../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/niiza-chiiki-ikou/%2e%2e/%2e%2e/Cargo.toml",
    "//etc/passwd",
    "/C:/Windows/win.ini",
    "/content/niiza-chiiki-ikou/council.yaml",
    "/niiza-chiiki-ikou/..%5c..%5cCargo.toml",
  ]) {
    const code = await request(p, host);
    if (code !== 404) fail(`${p} answered ${code}, not 404`);
  }
  for (const h of ["evil.example", `evil.example:${port}`, "127.0.0.1:1", null]) {
    const code = await request(`${report}.html`, h);
    if (code === 200 || code === 0) fail(`Host ${h} answered ${code}`);
  }
  if ((await request(`${report}.html`, `localhost:${port}`)) !== 200) fail("Host localhost refused");

  browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu"],
  });
  const page = await browser.newPage();
  await page.goto(`${base}${report}.html`, { waitUntil: "load" });
  const viewer = await browser.newPage();
  await viewer.goto(`${base}/_shiryo/pdf${report}`, { waitUntil: "load" });

  const original = fs.readFileSync(meetings, "utf8");
  const count = original.match(/attendance: (\d+)/)[1];
  const write = (text) => fs.writeFileSync(meetings, text);
  const text = () => page.evaluate(() => document.body.innerText);
  const updates = (p) => p.evaluate(() => window.shiryoUpdates || 0);

  // 20 one-value edits with the page in front: the time until it shows the new value without
  // a reload from here; then 20 with the viewer in front: until it has the new PDF, and until
  // the browser's PDF viewer has opened it. A tab out of sight
  // waits until it is looked at again (serve's script). All are timed by the page's own clock
  // (a MutationObserver, event listeners) against the moment of the save:
  // asking the page over the DevTools protocol would add its own round trips to every figure.
  const value = (i) => String(60 + (i % 2) + (i >= 20 ? 10 : 0));
  const save = (i) => {
    const at = Date.now();
    write(original.replace(`attendance: ${count}`, `attendance: ${value(i)}`));
    return at;
  };
  const pageTimes = [];
  await page.bringToFront();
  for (let i = 0; i < 20; i++) {
    const shown = `【出席者】${fullWidth(value(i))}名`;
    await page.evaluate((s) => {
      window.shownAt = null;
      const look = () => {
        if (window.shownAt === null && document.body.textContent.replace(/\s/g, "").includes(s)) {
          window.shownAt = performance.timeOrigin + performance.now();
        }
      };
      window.shownObserver?.disconnect();
      window.shownObserver = new MutationObserver(look);
      window.shownObserver.observe(document, { subtree: true, childList: true, characterData: true });
    }, shown);
    const saved = save(i);
    await page.waitForFunction(() => window.shownAt !== null, { timeout: 20000, polling: 20 });
    pageTimes.push((await page.evaluate(() => window.shownAt)) - saved);
    await sleep(300);
  }
  const pdfTimes = [];
  const viewerTimes = [];
  await viewer.bringToFront();
  await viewer.evaluate(() => {
    // When the viewer has been told of the new PDF, the PDF as the browser gets it (fetched
    // here, complete), and the frame's load event (the browser's PDF viewer has opened it;
    // resource timing cannot say when the frame's PDF arrived: the viewer takes its stream).
    document.addEventListener("shiryo-updated", async () => {
      const r = await fetch(document.getElementById("shiryo-pdf").src, { cache: "no-store" });
      window.pdfBytes = (await r.arrayBuffer()).byteLength;
      window.pdfAt = performance.timeOrigin + performance.now();
    });
    document.addEventListener("load", (e) => {
      if (e.target.id === "shiryo-pdf") window.viewerAt = performance.timeOrigin + performance.now();
    }, true);
  });
  for (let i = 0; i < 20; i++) {
    await viewer.evaluate(() => { window.pdfAt = null; window.viewerAt = null; });
    const saved = save(20 + i);
    await viewer.waitForFunction(() => window.pdfAt !== null && window.viewerAt !== null, { timeout: 20000, polling: 20 });
    const [at, loaded, bytes, src] = await viewer.evaluate(() => [
      window.pdfAt, window.viewerAt, window.pdfBytes, document.getElementById("shiryo-pdf").getAttribute("src"),
    ]);
    // The viewer opens at the first page the save changed: the first meeting's row of 表１ is
    // on page 1 (tests/it/watch.rs checks a save further on).
    if (!src.endsWith("#page=1")) fail(`edit ${i}: the viewer opens ${src}`);
    pdfTimes.push(at - saved);
    viewerTimes.push(loaded - saved);
    if (bytes < 1000) fail(`edit ${i}: the PDF has ${bytes} bytes`);
    await sleep(300);
  }
  // The floor no server can go under: the viewer's frame pointed at the same PDF again (served
  // from memory, nothing rebuilt), timed from the new address to the frame's load event.
  const floorTimes = [];
  for (let i = 0; i < 20; i++) {
    floorTimes.push(
      await viewer.evaluate(
        (i) =>
          new Promise((resolve) => {
            const frame = document.getElementById("shiryo-pdf");
            const start = performance.now();
            frame.addEventListener("load", () => resolve(performance.now() - start), { once: true });
            frame.src = frame.src.replace(/\?.*$/, "") + `?floor=${i}`;
          }),
        i,
      ),
    );
    await sleep(300);
  }
  await page.bringToFront();

  // A broken save: the Japanese error with its file and line over the last good page.
  write(original.replace(`attendance: ${count}`, "attendance: [35"));
  await page.waitForSelector("#shiryo-problems", { timeout: 20000 });
  const box = await page.$eval("#shiryo-problems", (e) => e.innerText);
  if (!/エラー: content\/niiza-chiiki-ikou\/2024\/meetings\.yaml:\d+/.test(box)) fail(`the error box says:\n${box}`);
  if (!(await text()).includes("評価結果")) fail("the last good page is not under the error");
  // A tab out of sight catches up when it is looked at.
  await viewer.bringToFront();
  await viewer.waitForSelector("#shiryo-problems", { timeout: 20000 });
  await page.bringToFront();

  // The fix brings the page back, without the box.
  write(original);
  // (Polled by time: a tab in the background gets no animation frames.)
  await page.waitForFunction(() => !document.getElementById("shiryo-problems"), { timeout: 20000, polling: 50 });
  const back = (await text()).replace(/\s/g, "");
  if (!back.includes(`【出席者】${fullWidth(count)}名`)) fail("the fixed page does not show the written value");

  console.log(
    `serve: page median ${median(pageTimes).toFixed(1)} ms (min ${Math.min(...pageTimes).toFixed(1)}, max ${Math.max(...pageTimes).toFixed(1)}); ` +
      `PDF median ${median(pdfTimes).toFixed(1)} ms (min ${Math.min(...pdfTimes).toFixed(1)}, max ${Math.max(...pdfTimes).toFixed(1)}); ` +
      `PDF opened by the browser's viewer median ${median(viewerTimes).toFixed(1)} ms, 20 edits each; ` +
      `the viewer re-opening the same PDF, nothing rebuilt: median ${median(floorTimes).toFixed(1)} ms (min ${Math.min(...floorTimes).toFixed(1)})`,
  );
} catch (e) {
  fail(`${e.stack || e}\n${serverLog}`);
} finally {
  if (browser) await browser.close();
  server.kill();
}
process.exit(failed ? 1 : 0);

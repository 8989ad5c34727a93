// Times the page in headless Chromium against the native CLI on the same text, and prints
// (the first-load sizes are ./scripts/wasm-size.sh's):
//   - pasting FeastFlow repeated in 100 namespaces (1,100 objects) until the status says done,
//     with the longest main-thread task, beside `manifesto check` on the same text; the paste
//     comes PASTE_AFTER_MS (default 3000) after the page has shown, as a person first looks at it
//     (PASTE_AFTER_MS=0 pastes at once, before the analysis worker has warmed up);
//   - opening the Graph of those 1,100 objects (its summary by namespace), drawing it whole,
//     panning and zooming, fitting all of it in the view, panning and zooming again: the time to
//     show and the main-thread tasks over 50 ms;
//   - typing 7 characters at the end of those 1,100 objects, and at the end of
//     argo-cd-install.yaml (1.9 MB, from ../shared/corpus): main-thread tasks over 50 ms from
//     the first key until the analysis is done.
//
//   trunk build --release && cargo build --release -p manifesto-cli
//   node scripts/page-bench.mjs            # DIST=dist, MANIFESTO=target/release/manifesto
//
// Figures are wall-clock on whatever else the machine runs: take the least of a few runs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, feastflowCopies, openApp, startServer } from "../tests/e2e/helpers.mjs";

const MANIFESTO = process.env.MANIFESTO ?? join(ROOT, "target/release/manifesto");
const CORPUS = join(ROOT, "../shared/corpus");
const PASTE_AFTER_MS = Number(process.env.PASTE_AFTER_MS ?? 3000);


/** Wall-clock milliseconds of `manifesto check FILE`, the least of three runs. */
function nativeCheckMs(text) {
  const file = join(tmpdir(), `page-bench-${process.pid}.yaml`);
  writeFileSync(file, text);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    spawnSync(MANIFESTO, ["check", file, "--fail-on", "never"], { stdio: "ignore" });
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  rmSync(file, { force: true });
  return Math.round(best);
}

/** Starts recording main-thread tasks over 50 ms in the page. */
async function recordLongTasks(page) {
  await page.evaluate(() => {
    window.__tasks = [];
    if (!window.__observing) {
      window.__observing = true;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__tasks.push(Math.round(e.duration));
      }).observe({ type: "longtask" });
    }
  });
}

/** The main-thread tasks over 50 ms recorded since `recordLongTasks`, in words. */
async function longTasks(page) {
  const tasks = await page.evaluate(() => window.__tasks);
  return `${tasks.length} tasks over 50 ms${tasks.length ? `, longest ${Math.max(...tasks)} ms` : ""}`;
}

/** Milliseconds from now until `selector` is in the page, after `act` (e.g. a click). */
async function msUntil(page, selector, act) {
  const start = Date.now();
  await act();
  await page.waitForSelector(selector, { state: "attached", timeout: 120_000 });
  return Date.now() - start;
}

/** The boxes of the graph once everything in view is drawn (a large drawing takes a few frames). */
const DRAWN = 'g.nodes[data-complete="true"]';

/** How many boxes are drawn, of how many. */
async function drawnBoxes(page) {
  const nodes = page.locator("[data-testid=graph] g.nodes");
  return `${await nodes.getAttribute("data-drawn")} of ${await nodes.getAttribute("data-boxes")} boxes drawn`;
}

/** Drags the graph (20 moves), then turns the wheel 6 times (in 3, out 3). */
async function panAndZoom(page) {
  const svg = await page.locator("[data-testid=graph]").boundingBox();
  const [x, y] = [svg.x + svg.width / 2, svg.y + svg.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 200, y + 120, { steps: 20 });
  await page.mouse.up();
  for (let i = 0; i < 6; i++) {
    await page.mouse.wheel(0, i < 3 ? -300 : 300);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(300);
}

/** Opens the Graph of the analysed workspace, draws it whole, pans and zooms, fits all of it in
 * the view and pans and zooms again. */
async function graphRows(page, objects) {
  const rows = [];
  await recordLongTasks(page);
  const openMs = await msUntil(page, "[data-testid=graph-overview]", () =>
    page.locator('[data-testid=view-tab][data-view="graph"]').click(),
  );
  rows.push([`open the Graph of ${objects} objects (summary by namespace)`, `${openMs} ms; ${await longTasks(page)}`]);

  await recordLongTasks(page);
  const drawMs = await msUntil(page, DRAWN, () =>
    page.locator("[data-testid=graph-draw-all]").click(),
  );
  rows.push([`draw the whole graph (${await drawnBoxes(page)})`, `${drawMs} ms; ${await longTasks(page)}`]);

  await page.waitForTimeout(500);
  await recordLongTasks(page);
  await panAndZoom(page);
  rows.push([`pan and zoom at the opening scale (${await drawnBoxes(page)})`, await longTasks(page)]);

  await recordLongTasks(page);
  const fitMs = await msUntil(page, `[data-testid=graph] [data-root].far ${DRAWN}`, () =>
    page.locator("[data-testid=zoom-fit]").click(),
  );
  await page.waitForTimeout(500);
  rows.push([`fit the whole drawing (${await drawnBoxes(page)})`, `${fitMs} ms; ${await longTasks(page)}`]);
  await recordLongTasks(page);
  await panAndZoom(page);
  await page.waitForSelector(`[data-testid=graph] ${DRAWN}`, { state: "attached" });
  rows.push([`pan and zoom from there (${await drawnBoxes(page)})`, await longTasks(page)]);
  return rows;
}

/** Puts `text` in the editor as a paste does and waits for the analysis of `objects` objects. */
async function pasteAndWait(page, text, objects) {
  return page.evaluate(
    async ({ text, objects }) => {
      const start = performance.now();
      window.ManifestoEditor.of(document.querySelector("[data-testid=editor]")).paste(text);
      const status = document.querySelector("[data-testid=analysis-status]");
      await new Promise((done) => {
        const check = () => {
          if (status.dataset.state === "done" && Number(status.dataset.objects) >= objects) done();
          else setTimeout(check, 20);
        };
        check();
      });
      return Math.round(performance.now() - start);
    },
    { text, objects },
  );
}

/** Types 7 characters at the end of the editor's text, a key every 60 ms, and waits for the
 * analysis: the main-thread tasks over 50 ms from the first key until it is done. */
async function typeAtEnd(page) {
  await page.locator("[data-testid=editor]").focus();
  await page.keyboard.press("Control+End");
  await recordLongTasks(page);
  const start = Date.now();
  await page.keyboard.type("# note\n", { delay: 60 });
  await page.waitForTimeout(500);
  await page.waitForSelector('[data-testid=analysis-status][data-state="done"]', { state: "attached", timeout: 120_000 });
  const typed = await page.evaluate(() => window.__tasks);
  return `${typed.length} tasks over 50 ms, longest ${Math.max(0, ...typed)} ms, ${Date.now() - start} ms until analysed`;
}

const server = await startServer();
const app = await openApp(server);
const { page } = app;
const rows = [];
try {
  // Paste 1,100 objects.
  const copies = await feastflowCopies(100, "ff");
  await page.locator('[data-testid=view-tab][data-view="review"]').click();
  await page.waitForTimeout(PASTE_AFTER_MS);
  await recordLongTasks(page);
  const pasteMs = await pasteAndWait(page, copies, 1100);
  const pasteTasks = await page.evaluate(() => window.__tasks);
  const native = nativeCheckMs(copies);
  rows.push([
    `paste 1,100 objects (${(copies.length / 1e6).toFixed(2)} MB) ${PASTE_AFTER_MS} ms after the page shows, until analysed`,
    `${pasteMs} ms (native check ${native} ms, ×${(pasteMs / native).toFixed(1)}); longest task ${Math.max(0, ...pasteTasks)} ms`,
  ]);
  rows.push(...(await graphRows(page, 1100)));
  await page.locator('[data-testid=view-tab][data-view="review"]').click();
  await page.waitForTimeout(1000);
  rows.push(["type 7 characters at the end of the 1,100 pasted objects (Review open)", await typeAtEnd(page)]);

  // Type in a 1.9 MB file.
  const argo = join(CORPUS, "argo-cd-install.yaml");
  if (existsSync(argo)) {
    const text = readFileSync(argo, "utf8");
    await pasteAndWait(page, text, 1);
    await page.waitForTimeout(1000);
    rows.push([`type 7 characters at the end of argo-cd-install.yaml (${(text.length / 1e6).toFixed(1)} MB)`, await typeAtEnd(page)]);
  } else {
    rows.push(["type in argo-cd-install.yaml", "skipped: ../shared/corpus is absent"]);
  }
} finally {
  await app.close();
  await server.close();
}
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);

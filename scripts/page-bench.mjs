// Times the page in headless Chromium against the native CLI on the same text, and prints
// (the first-load sizes are ./scripts/wasm-size.sh's):
//   - pasting FeastFlow repeated in 100 namespaces (1,100 objects) until the status says done,
//     with the longest main-thread task, beside `manifesto check` on the same text;
//   - typing 7 characters at the end of argo-cd-install.yaml (1.9 MB, from ../shared/corpus):
//     main-thread tasks over 50 ms from the first key until the analysis is done.
//
//   trunk build --release && cargo build --release -p manifesto-cli
//   node scripts/page-bench.mjs            # DIST=dist, MANIFESTO=target/release/manifesto
//
// Figures are wall-clock on whatever else the machine runs: take the least of a few runs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, feastflowCopies, openApp, startServer } from "../tests/e2e/helpers.mjs";

const MANIFESTO = process.env.MANIFESTO ?? join(ROOT, "target/release/manifesto");
const CORPUS = join(ROOT, "../shared/corpus");


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

const server = await startServer();
const app = await openApp(server);
const { page } = app;
const rows = [];
try {
  // Paste 1,100 objects.
  const copies = await feastflowCopies(100, "ff");
  await page.locator('[data-testid=view-tab][data-view="review"]').click();
  await recordLongTasks(page);
  const pasteMs = await pasteAndWait(page, copies, 1100);
  const pasteTasks = await page.evaluate(() => window.__tasks);
  const native = nativeCheckMs(copies);
  rows.push([
    `paste 1,100 objects (${(copies.length / 1e6).toFixed(2)} MB) until analysed`,
    `${pasteMs} ms (native check ${native} ms, ×${(pasteMs / native).toFixed(1)}); longest task ${Math.max(0, ...pasteTasks)} ms`,
  ]);

  // Type in a 1.9 MB file.
  const argo = join(CORPUS, "argo-cd-install.yaml");
  if (existsSync(argo)) {
    const text = readFileSync(argo, "utf8");
    await pasteAndWait(page, text, 1);
    await page.waitForTimeout(1000);
    await page.locator("[data-testid=editor]").focus();
    await page.keyboard.press("Control+End");
    await recordLongTasks(page);
    const start = Date.now();
    await page.keyboard.type("# note\n", { delay: 60 });
    await page.waitForTimeout(500);
    await page.waitForSelector('[data-testid=analysis-status][data-state="done"]', { state: "attached", timeout: 120_000 });
    const typed = await page.evaluate(() => window.__tasks);
    rows.push([
      `type 7 characters at the end of argo-cd-install.yaml (${(text.length / 1e6).toFixed(1)} MB)`,
      `${typed.length} tasks over 50 ms, longest ${Math.max(0, ...typed)} ms, ${Date.now() - start} ms until analysed`,
    ]);
  } else {
    rows.push(["type in argo-cd-install.yaml", "skipped: ../shared/corpus is absent"]);
  }
} finally {
  await app.close();
  await server.close();
}
for (const [what, figure] of rows) console.log(`| ${what} | ${figure} |`);

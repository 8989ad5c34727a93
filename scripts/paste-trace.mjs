// Traces a paste of FeastFlow in 100 namespaces (1,100 objects) in headless Chromium, 3 s after
// the page shows, with Chromium's tracing on, and prints for each run where the time went:
// when the analysis worker got the job and how long it ran, how long the worker stayed busy
// after it, the page's tasks between the paste and the job, and its last long tasks (showing
// the review, then style, layout and paint).
//
//   node scripts/paste-trace.mjs dist-before dist-now   # each build alternated, ROUNDS (3) times
//
// Tracing slows the page a little; compare builds only within one run of this script.
import { feastflowCopies, openApp, startServer } from "../tests/e2e/helpers.mjs";

const dists = process.argv.slice(2);
if (dists.length === 0) {
  console.error("usage: node scripts/paste-trace.mjs DIST [DIST…]");
  process.exit(2);
}
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const text = await feastflowCopies(100, "ff");

/** Pastes `text` and waits for the analysis of 1,100 objects and the frame after it. */
async function paste(page) {
  return page.evaluate(async (text) => {
    performance.mark("paste");
    const start = performance.now();
    window.ManifestoEditor.of(document.querySelector("[data-testid=editor]")).paste(text);
    const status = document.querySelector("[data-testid=analysis-status]");
    await new Promise((done) => {
      const check = () =>
        status.dataset.state === "done" && Number(status.dataset.objects) >= 1100 ? done() : setTimeout(check, 20);
      check();
    });
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    performance.mark("done");
    return Math.round(performance.now() - start);
  }, text);
}

/** The figures of one trace, in words. */
function summary(events, pasteMs) {
  const threads = new Map(
    events.filter((e) => e.ph === "M" && e.name === "thread_name").map((e) => [`${e.pid}:${e.tid}`, e.args.name]),
  );
  const t0 = Math.min(...events.filter((e) => e.name === "paste").map((e) => e.ts));
  const t1 = Math.max(...events.filter((e) => e.name === "done").map((e) => e.ts));
  const ms = (us) => Math.round(us / 1000);
  const tasks = (thread) =>
    events.filter(
      (e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && threads.get(`${e.pid}:${e.tid}`) === thread && e.ts >= t0 && e.ts <= t1,
    );
  const job = tasks("DedicatedWorker thread").reduce((a, b) => (b.dur > (a?.dur ?? 0) ? b : a), undefined);
  if (!job) return `paste ${pasteMs} ms; no job traced in the worker`;
  const after = tasks("DedicatedWorker thread")
    .filter((e) => e.ts > job.ts + job.dur)
    .reduce((sum, e) => sum + e.dur, 0);
  const main = tasks("CrRendererMain").map((e) => [ms(e.ts - t0), ms(e.dur)]);
  const start = ms(job.ts - t0);
  const before = main.filter(([at, dur]) => at <= start && dur >= 15).map(([at, dur]) => `${dur} ms at ${at}`);
  const last = main.filter(([, dur]) => dur >= 40).slice(-2).map(([at, dur]) => `${dur} ms at ${at}`);
  return [
    `paste ${pasteMs} ms`,
    `job from ${start} ms, ${ms(job.dur)} ms`,
    `worker busy after it ${ms(after)} ms`,
    `page tasks before it: ${before.join(", ") || "none over 15 ms"}`,
    `last long tasks: ${last.join(", ") || "none over 40 ms"}`,
  ].join("; ");
}

for (let round = 0; round < ROUNDS; round++) {
  for (const dist of dists) {
    const server = await startServer({ dir: dist });
    const app = await openApp(server);
    try {
      const { page } = app;
      await page.locator('[data-testid=view-tab][data-view="review"]').click();
      await page.waitForTimeout(3000);
      const browser = page.context().browser();
      await browser.startTracing(page, { categories: ["devtools.timeline", "toplevel", "blink.user_timing"] });
      const pasteMs = await paste(page);
      const { traceEvents } = JSON.parse((await browser.stopTracing()).toString());
      console.log(`${dist}: ${summary(traceEvents, pasteMs)}`);
    } finally {
      await app.close();
      await server.close();
    }
  }
}

// The analysis status: `[data-testid=analysis-status]` says how many objects the finished
// analysis found; a large workspace shows "Reading…" then "Checking…" with the previous results marked stale
// until its analysis is done, and of two quick edits only the latest one's results are shown.
// A large workspace is read by the page a slice at a time and reviewed by the analysis worker,
// with the page's own results, while the page stays usable.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { chooseSample, feastflowCopies, launchBrowser, objectIds, openApp, setEditorText, startServer, waitFor } from "./helpers.mjs";

const STATUS = "[data-testid=analysis-status]";

/** `count` ConfigMaps named `prefix-N`, about 190 bytes each. */
function configMaps(prefix, count) {
  let text = "";
  for (let i = 0; i < count; i++) {
    text += `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${prefix}-${i}\n  namespace: shop\n`;
    text += `data:\n  greeting: "hello from config map number ${i} of the ${prefix} set"\n---\n`;
  }
  return text;
}


/** The status element's state and object count. */
async function status(page) {
  return page.$eval(STATUS, (el) => ({ state: el.dataset.state, objects: Number(el.dataset.objects), text: el.textContent }));
}

describe("analysis status", () => {
  let server;
  let app;

  before(async () => {
    server = await startServer();
    app = await openApp(server);
  });
  after(async () => {
    await app?.close();
    await server?.close();
  });

  it("says done with the objects of the finished analysis", async () => {
    const { page } = app;
    await setEditorText(page, configMaps("small", 3));
    await waitFor(async () => (await status(page)).objects === (await objectIds(page)).length, {
      message: "the status to count the listed objects",
    });
    const shown = await status(page);
    assert.equal(shown.state, "done");
    assert.match(shown.text, /objects? in \d+ files?/);
  });

  it("analyses a paste at once, without the pause it waits for after typing", async () => {
    const { page } = app;
    const seen = await page.$eval("[data-testid=editor]", async (el, text) => {
      window.ManifestoEditor.of(el).paste(text);
      // Two turns of the page's timers, far less than the pause after typing (250 ms).
      for (let i = 0; i < 2; i++) await new Promise((next) => setTimeout(next, 0));
      return Number(document.querySelector("[data-testid=analysis-status]").dataset.objects);
    }, configMaps("pasted", 4));
    const ids = await objectIds(page);
    assert.equal(ids.filter((id) => id.startsWith("ConfigMap/shop/pasted-")).length, 4, "the pasted objects are listed");
    assert.equal(seen, ids.length, "the status counted the pasted text's objects as soon as the paste was done");
  });

  it("shows a large workspace's analysis running with the previous results stale, then the latest results", async () => {
    const { page } = app;
    // Record every state the status goes through: the analysis itself blocks the page, so
    // polling could miss the running state; a mutation observer sees each change.
    await page.$eval(STATUS, (el) => {
      window.__seen = [];
      const record = () =>
        window.__seen.push({
          state: el.dataset.state,
          objects: Number(el.dataset.objects),
          text: el.textContent,
          stale: document.querySelector(".views").classList.contains("stale"),
        });
      new MutationObserver(record).observe(el, { attributes: true, childList: true, subtree: true, characterData: true });
    });
    const shownBefore = (await objectIds(page)).length;
    const older = configMaps("older", 700);
    const latest = configMaps("latest", 750);
    assert.ok(older.length > 64 * 1024, "the text is over the size analysed at once");
    // Two edits in a row, as quick typing sends them.
    await page.$eval("[data-testid=editor]", (el, texts) => {
      for (const text of texts) window.ManifestoEditor.of(el).paste(text);
    }, [older, latest]);

    const latestIds = async () => (await objectIds(page)).filter((id) => id.startsWith("ConfigMap/shop/latest-"));
    await waitFor(async () => (await latestIds()).length === 750 && (await status(page)).state === "done", {
      message: "the latest edit's 750 objects",
      timeout: 60_000,
    });
    const ids = await objectIds(page);
    assert.equal((await status(page)).objects, ids.length, "the status counts the objects listed");
    assert.ok(!ids.some((id) => id.startsWith("ConfigMap/shop/older-")), "no object of the older text is listed");
    assert.equal(await page.locator(".views.stale").count(), 0, "the results are no longer marked stale");

    const seen = await page.evaluate(() => window.__seen);
    const running = seen.find((s) => s.state === "running");
    assert.ok(running, `the status went through running: ${JSON.stringify(seen)}`);
    const record = JSON.stringify(seen);
    assert.ok(/Reading \d+ files? \(\d+ KB\)/.test(running.text), `the status says what it reads: ${record}`);
    // Then where it is: the latest text's objects are being checked, still not shown (unless the
    // worker's review came before the page had read the files: then both show at once).
    const checking = seen.find((s) => s.text === `Checking ${ids.length} objects\u2026`);
    const reviewedIn = await page.$eval(STATUS, (el) => el.dataset.reviewedIn);
    assert.ok(checking || reviewedIn === "worker", `the status says what it checks: ${record}`);
    if (checking) {
      assert.equal(checking.state, "running");
      assert.equal(checking.objects, shownBefore, `while checking, the count is still the finished analysis's: ${record}`);
    }
    assert.equal(running.objects, shownBefore, `while running, the count is the finished analysis's: ${record}`);
    assert.ok(running.stale, `the previous results are marked stale while the analysis waits: ${record}`);
    const olderCount = ids.length - 50;
    assert.ok(
      !seen.some((s) => s.state === "done" && s.objects === olderCount),
      `the older edit's results were never shown: ${JSON.stringify(seen.map((s) => s.state + ":" + s.objects))}`,
    );
  });

  it("reviews a large workspace in the worker, with the results the page gives", async () => {
    const { page } = app;
    await page.locator('[data-testid=view-tab][data-view="review"]').click();
    await chooseSample(page, "empty");
    const text = await feastflowCopies(3, "shop");
    assert.ok(text.length < 64 * 1024, "small enough to be reviewed at once by the page");
    await setEditorText(page, text);
    await waitFor(async () => (await status(page)).objects === 33, { message: "FeastFlow in three namespaces" });
    const byPage = await reviewShown(page);
    assert.equal(byPage.reviewedIn, "page");

    // The same objects with a long comment after them: large enough for the worker.
    const padded = `${text}\n${"# a comment adds no object, only bytes\n".repeat(2000)}`;
    await setEditorText(page, padded);
    await waitFor(async () => (await status(page)).state === "done" && (await reviewShown(page)).reviewedIn === "worker", {
      message: "the worker's review",
      timeout: 60_000,
    });
    const byWorker = await reviewShown(page);
    assert.ok(byPage.findings > 0 && byPage.rows.length > 0);
    assert.deepEqual({ ...byWorker, reviewedIn: "page" }, byPage, "the worker's review is the page's");
  });

  it("stays usable while a large workspace is read and checked: a search typed meanwhile appears at once", async () => {
    const { page } = app;
    await page.locator('[data-testid=view-tab][data-view="review"]').click();
    const search = page.getByLabel("Search findings");
    await search.fill("");
    await setEditorText(page, await feastflowCopies(300, "big"));
    const reading = () =>
      page.evaluate((selector) => ({
        text: document.querySelector(selector).textContent,
        read: document.querySelector(".analysis-progress")?.value ?? 1,
      }), STATUS);
    await waitFor(async () => (await reading()).read > 0, {
      message: "the page to have read a first slice of the files",
      timeout: 60_000,
    });
    // Were the files read in one go, the keys would wait for the whole reading.
    await search.pressSequentially("probe");
    const meanwhile = await reading();
    assert.equal(await search.inputValue(), "probe");
    assert.ok(meanwhile.text.startsWith("Reading") && meanwhile.read < 1, `typed while the files were still read: ${JSON.stringify(meanwhile)}`);
    await waitFor(async () => (await status(page)).state === "done", { message: "the analysis to end", timeout: 60_000 });
    assert.equal((await status(page)).objects, 3300);
    assert.equal(await page.$eval(STATUS, (el) => el.dataset.reviewedIn), "worker");
  });
});

/** The review shown: where it was made, its number of findings, their rows and the overall score. */
async function reviewShown(page) {
  return page.evaluate((selector) => ({
    reviewedIn: document.querySelector(selector).dataset.reviewedIn,
    findings: Number(document.querySelector(".rv-findings").textContent.match(/(\d+) findings/)?.[1]),
    rows: [...document.querySelectorAll("[data-testid=finding]")].map((row) => row.textContent),
    overall: document.querySelector("[data-testid=overall]").dataset.value,
  }), STATUS);
}

describe("analysis without the worker", () => {
  it("reviews a large workspace on the page when the worker cannot start", async () => {
    const server = await startServer();
    const browser = await launchBrowser();
    try {
      const { context, page } = browser;
      await context.route("**/analysis-worker.js", (route) => route.abort());
      await page.goto(server.origin + "/", { waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await chooseSample(page, "empty");
      await setEditorText(page, await feastflowCopies(10, "shop"));
      await waitFor(async () => (await status(page)).state === "done" && (await status(page)).objects === 110, {
        message: "FeastFlow in ten namespaces",
        timeout: 60_000,
      });
      assert.equal(await page.$eval(STATUS, (el) => el.dataset.reviewedIn), "page");
      await page.locator('[data-testid=view-tab][data-view="review"]').click();
      assert.ok((await reviewShown(page)).findings > 0, "the review shows its findings");
    } finally {
      await browser.close();
      await server.close();
    }
  });
});

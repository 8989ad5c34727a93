// The analysis status: `[data-testid=analysis-status]` says how many objects the finished
// analysis found; a large workspace shows "Reading…" then "Checking…" with the previous results marked stale
// until its analysis is done, and of two quick edits only the latest one's results are shown.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { objectIds, openApp, setEditorText, startServer, waitFor } from "./helpers.mjs";

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
    // Then where it is: the latest text's objects are being checked, still not shown.
    const checking = seen.find((s) => s.text === `Checking ${ids.length} objects\u2026`);
    assert.ok(checking, `the status says what it checks: ${record}`);
    assert.equal(checking.state, "running");
    assert.equal(checking.objects, shownBefore, `while checking, the count is still the finished analysis's: ${record}`);
    assert.equal(running.objects, shownBefore, `while running, the count is the finished analysis's: ${record}`);
    assert.ok(running.stale, `the previous results are marked stale while the analysis waits: ${record}`);
    const olderCount = ids.length - 50;
    assert.ok(
      !seen.some((s) => s.state === "done" && s.objects === olderCount),
      `the older edit's results were never shown: ${JSON.stringify(seen.map((s) => s.state + ":" + s.objects))}`,
    );
  });
});

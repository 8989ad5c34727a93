// Presenter mode: large type, the editor and chrome hidden, one view at a time, the keys that
// presentation clickers send stepping the rollout, and Escape restoring the layout.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { objectIds, openApp, startServer, waitFor, waitForEqual } from "./helpers.mjs";

const BACKEND = "Deployment/feastflow/feastflow-backend";

/** The step the rollout view shows and the one the presenter bar shows. */
async function steps(page) {
  return {
    pass: await page.$eval("[data-testid=rollout-state]", (el) => Number(el.dataset.pass)),
    bar: await page.$eval("[data-testid=presenter-step]", (el) => Number(el.dataset.step)),
  };
}

async function presenting(page) {
  return page.evaluate(() => document.documentElement.dataset.presenter ?? null);
}

/**
 * How the graph's drawing sits in its view: whether all of it is on screen, and how much of
 * the room it could take (the view less the fit's 16 px margins) it spans, in width or
 * height, whichever is more (1 when fitted).
 */
function graphFill(page) {
  return page.evaluate(() => {
    const svg = document.querySelector("[data-testid=graph]").getBoundingClientRect();
    const drawing = document.querySelector("[data-testid=graph] g[data-root]").getBoundingClientRect();
    const slack = 2;
    return {
      inside:
        drawing.left >= svg.left - slack &&
        drawing.top >= svg.top - slack &&
        drawing.right <= svg.right + slack &&
        drawing.bottom <= svg.bottom + slack,
      span: Math.max(drawing.width / (svg.width - 32), drawing.height / (svg.height - 32)),
      svgWidth: svg.width,
    };
  });
}

describe("presenter mode", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  it("hides the chrome, steps the rollout with clicker keys and restores the layout on Escape", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await waitFor(async () => (await objectIds(page)).includes(BACKEND), { message: "the FeastFlow sample" });
      const fontBefore = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.equal(await presenting(page), null);

      await page.locator("[data-testid=presenter]").click();
      await waitForEqual(() => presenting(page), "true", { message: "presenter mode on" });
      // One view, the rollout, without the editor, the file tabs or the view tabs.
      await page.waitForSelector("[data-testid=rollout] [data-testid=rollout-state]");
      assert.equal(await page.locator("[data-testid=editor]").isVisible(), false, "the editor is hidden");
      assert.equal(await page.locator("[data-testid=sample-picker]").isVisible(), false, "the header's controls are hidden");
      assert.equal(await page.locator("[data-testid=view-tab]").first().isVisible(), false, "the view tabs are hidden");
      assert.equal(await page.locator("[data-testid=presenter-step]").isVisible(), true, "the step number is shown");
      const fontDuring = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.ok(fontDuring >= fontBefore * 1.3, `large type: ${fontBefore}px -> ${fontDuring}px`);
      const narration = await page.$eval("[data-testid=rollout-narration]", (el) => parseFloat(getComputedStyle(el).fontSize));
      assert.ok(narration >= fontBefore * 2, `the narration in big letters: ${narration}px`);
      assert.deepEqual(await steps(page), { pass: 0, bar: 0 });

      // Clickers send Space, arrows and Page Up/Down.
      const expectations = [
        ["Space", 1],
        ["ArrowRight", 2],
        ["PageDown", 3],
        ["ArrowLeft", 2],
        ["PageUp", 1],
        ["ArrowDown", 2],
        ["ArrowUp", 1],
      ];
      for (const [key, pass] of expectations) {
        await page.keyboard.press(key);
        await waitForEqual(() => steps(page), { pass, bar: pass }, { message: `step ${pass} after ${key}` });
      }

      // The graph, alone, keeps the step in view.
      await page.locator('[data-testid=presenter-view][data-view="graph"]').click();
      await page.waitForSelector(".graph-view");
      assert.equal(await page.locator("[data-testid=rollout]").count(), 0, "one view at a time");
      assert.equal(await page.$eval("[data-testid=presenter-step]", (el) => el.dataset.step), "1");
      assert.equal(await page.locator("[data-testid=editor]").isVisible(), false);
      // The graph fills the screen: the whole drawing is on screen and spans its width or height.
      const fill = await waitFor(async () => {
        const f = await graphFill(page);
        return f.inside && f.span >= 0.97 ? f : null;
      }, { message: "the graph fitted to the screen" });
      assert.ok(fill.svgWidth >= 1200, `the graph has the screen's width: ${JSON.stringify(fill)}`);

      // Escape leaves and puts everything back, including the view shown before.
      await page.keyboard.press("Escape");
      await waitForEqual(() => presenting(page), null, { message: "presenter mode off" });
      assert.equal(await page.locator("[data-testid=editor]").isVisible(), true, "the editor is back");
      assert.equal(await page.locator("[data-testid=sample-picker]").isVisible(), true, "the header is back");
      assert.equal(await page.locator("[data-testid=presenter-step]").count(), 0);
      await waitForEqual(
        () => page.$eval('[data-testid=view-tab][aria-selected="true"]', (el) => el.dataset.view),
        "objects",
        { message: "the view shown before presenting" },
      );
      const fontAfter = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      assert.equal(fontAfter, fontBefore);

      // The toggle also leaves.
      await page.locator("[data-testid=presenter]").click();
      await waitForEqual(() => presenting(page), "true", { message: "presenter mode on again" });
      await page.locator("[data-testid=presenter]").click();
      await waitForEqual(() => presenting(page), null, { message: "presenter mode off again" });
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });

  it("fits the graph to the screen when presenting from the graph (not left at the zoom it had)", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await page.locator("[data-testid=view-tab][data-view=graph]").click();
      await page.waitForSelector("[data-testid=graph] g[data-root]");
      const zoomBefore = await page.locator("[data-testid=zoom-level]").textContent();
      await page.locator("[data-testid=presenter]").click();
      await waitForEqual(() => presenting(page), "true", { message: "presenter mode on" });
      const fill = await waitFor(async () => {
        const f = await graphFill(page);
        return f.inside && f.span >= 0.97 ? f : null;
      }, { message: "the graph fitted to the screen" });
      assert.ok(fill.svgWidth >= 1200, `the graph has the screen's width: ${JSON.stringify(fill)}`);
      assert.notEqual(await page.locator("[data-testid=zoom-level]").textContent(), zoomBefore, "the zoom changed");
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });
});

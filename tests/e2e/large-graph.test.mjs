// A graph too large to read at once opens as a summary by namespace: one card per namespace
// with its boxes and problems; a card opens that namespace's graph, "All namespaces" comes back
// to the summary, and "draw all" draws the graph: the boxes around the view, every box once
// fitted (without their text until zoomed in), and every box in an export.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { feastflowCopies, openApp, setEditorText, startServer, waitFor } from "./helpers.mjs";

const GRAPH = "[data-testid=graph]";
const COPIES = 20;

/** Every namespace card: its namespace, boxes and problems. */
async function cards(page) {
  return page.$$eval("[data-testid=namespace-group]", (els) =>
    els.map((el) => ({ namespace: el.dataset.namespace, objects: Number(el.dataset.objects), problems: Number(el.dataset.problems) })),
  );
}

/** How many boxes are drawn, of how many, and whether all those in view are. */
async function drawn(page) {
  return page.$eval(`${GRAPH} g.nodes`, (g) => ({
    drawn: Number(g.dataset.drawn),
    of: Number(g.dataset.boxes),
    complete: g.dataset.complete === "true",
  }));
}

/** The namespaces of the boxes drawn. */
async function drawnNamespaces(page) {
  return page.$$eval(`${GRAPH} [data-node-id]`, (els) => [
    ...new Set(els.map((el) => el.dataset.nodeId.split("/")).filter((parts) => parts.length === 3).map((parts) => parts[1])),
  ]);
}

describe("large graph", () => {
  let server;
  let app;

  before(async () => {
    server = await startServer();
    app = await openApp(server);
    const { page } = app;
    const text = await feastflowCopies(COPIES, "shop");
    await setEditorText(page, text);
    await page.waitForSelector('[data-testid=analysis-status][data-state="done"]', { state: "attached" });
    await waitFor(async () => Number(await page.$eval("[data-testid=analysis-status]", (el) => el.dataset.objects)) > 11 * COPIES, {
      message: "the copies analysed",
      timeout: 60_000,
    });
    await page.locator('[data-testid=view-tab][data-view="graph"]').click();
  });
  after(async () => {
    await app?.close();
    await server?.close();
  });

  it("opens as one card per namespace with its boxes and problems, and draws no box", async () => {
    const { page } = app;
    await page.waitForSelector("[data-testid=graph-overview]");
    const shown = await cards(page);
    const shops = shown.filter((c) => c.namespace.startsWith("shop-"));
    assert.equal(shops.length, COPIES, JSON.stringify(shown));
    // Every copy is the same app: the same boxes in each namespace.
    assert.ok(shops.every((c) => c.objects === shops[0].objects && c.objects > 11), JSON.stringify(shops));
    assert.ok(shops.every((c) => c.problems > 0), `FeastFlow findings show on each card: ${JSON.stringify(shops)}`);
    assert.equal(shown.at(-1).namespace, "", "the cluster-scoped objects come last");
    assert.equal(await page.locator(`${GRAPH} [data-node-id]`).count(), 0, "nothing is drawn yet");
  });

  it("opens a namespace's graph from its card and comes back with All namespaces", async () => {
    const { page } = app;
    await page.locator('[data-testid=namespace-group][data-namespace="shop-3"]').click();
    await page.waitForSelector(`${GRAPH} [data-node-id="Deployment/shop-3/feastflow-backend"]`);
    assert.deepEqual(await drawnNamespaces(page), ["shop-3"]);
    assert.equal(await page.locator("[data-testid=graph-namespace]").inputValue(), "ns:shop-3");
    assert.equal(await page.locator("[data-testid=graph-overview]").count(), 0);

    await page.locator("[data-testid=graph-namespace]").selectOption("*");
    await page.waitForSelector("[data-testid=graph-overview]");
  });

  it("draws the whole graph when asked: what is in view, the rest as the view moves", async () => {
    const { page } = app;
    const total = (await cards(page)).reduce((sum, c) => sum + c.objects, 0);
    assert.ok(total > 300, `the summary counted ${total} boxes`);
    await page.locator("[data-testid=graph-draw-all]").click();
    await page.waitForSelector(`${GRAPH} [data-node-id="Deployment/shop-0/feastflow-backend"]`);
    assert.equal(await page.locator("[data-testid=graph-overview]").count(), 0);
    const boxes = await drawn(page);
    assert.ok(boxes.drawn > 0 && boxes.drawn < boxes.of, `only the boxes around the view are drawn: ${JSON.stringify(boxes)}`);
    assert.ok((await drawnNamespaces(page)).length < COPIES, "the namespaces far below are not drawn yet");

    // Fitted, all of it is in view: every box is drawn (over a few frames), without its text.
    await page.locator("[data-testid=zoom-fit]").click();
    await waitFor(async () => (await drawn(page)).complete && (await drawn(page)).drawn === boxes.of, {
      message: "every box drawn once fitted",
    });
    const namespaces = await drawnNamespaces(page);
    assert.equal(namespaces.filter((ns) => ns.startsWith("shop-")).length, COPIES);
    const nameShown = () => page.$eval(`${GRAPH} .node-name`, (t) => getComputedStyle(t).display !== "none");
    assert.equal(await nameShown(), false, "too small to read: the names are left out");
    for (let i = 0; i < 12 && !(await nameShown()); i++) await page.locator("[data-testid=zoom-in]").click();
    assert.ok(await nameShown(), "zoomed in, the names come back");
  });

  it("exports every box of the drawing, not only those drawn", async () => {
    const { page } = app;
    const { of } = await drawn(page);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-svg]").click()]);
    const svg = await readFile(await download.path(), "utf8");
    assert.equal(svg.match(/data-node-id="/g).length, of, "every box is in the file");
    assert.doesNotMatch(svg, /class="far"/, "with its text");
    await waitFor(async () => (await drawn(page)).drawn < of, { message: "back to drawing what is in view" });
  });
});

// Graph journeys: FeastFlow's relations drawn in lanes, a typo breaking a link, details of a
// node or an edge, Secret values masked, filters and search, zoom and pan, stacks of pods,
// export, names that look like markup, and a large real-world manifest.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { ROOT, editorSelection, openApp, setEditorText, startServer, waitFor, waitForEqual } from "./helpers.mjs";

const GRAPH = "svg[data-testid=graph]";
const DETAILS = "[data-testid=node-details]";
const NS = "feastflow";

/** Every drawn edge as `from -relation-> to`, with its data-ok. */
async function listEdges(page) {
  return page.$$eval(`${GRAPH} [data-edge-from]`, (els) =>
    els.map((el) => ({
      from: el.dataset.edgeFrom,
      to: el.dataset.edgeTo,
      relation: el.dataset.relation,
      ok: el.dataset.ok,
    })),
  );
}

/** Every drawn node with its data attributes and accessible name. */
async function listNodes(page) {
  return page.$$eval(`${GRAPH} [data-node-id]`, (els) =>
    els.map((el) => ({
      id: el.dataset.nodeId,
      kind: el.dataset.kind,
      simulated: el.dataset.simulated,
      missing: el.dataset.missing,
      problems: Number(el.dataset.problems),
      stack: el.dataset.stack ? Number(el.dataset.stack) : undefined,
      classes: el.getAttribute("class"),
      name: el.getAttribute("aria-label"),
    })),
  );
}

const node = (page, id) => page.locator(`${GRAPH} [data-node-id="${id}"]`);

/** The targets of `from`'s edges of one relation, sorted. */
const targets = (edges, from, relation) =>
  edges.filter((e) => e.from === from && e.relation === relation).map((e) => e.to).sort();

/** Opens the graph view and waits for its nodes. */
async function openGraph(page) {
  await page.locator("[data-testid=view-tab][data-view=graph]").click();
  await page.waitForSelector(`${GRAPH} [data-node-id]`);
}

/** Shows a file in the editor and replaces its text with `edit(text)`. */
async function editFile(page, file, edit) {
  await page.locator(`[data-testid=file-tab][data-file="${file}"] .file-tab-name`).click();
  const text = await readFile(join(ROOT, "samples/feastflow", file), "utf8");
  const edited = edit(text);
  assert.notEqual(edited, text, `the edit changes ${file}`);
  await setEditorText(page, edited);
}

/** The scale and translation of the drawing (`translate(x y) scale(k)`). */
async function transform(page) {
  const value = await page.$eval(`${GRAPH} [data-root]`, (g) => g.getAttribute("transform"));
  const [x, y, k] = value.match(/-?[\d.]+/g).map(Number);
  return { x, y, k };
}

describe("graph", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  async function withGraph(t, body) {
    const app = await openApp(server);
    try {
      await waitFor(() => app.page.locator("[data-testid=object-list] [data-object-id]").count(), {
        message: "the initial sample",
      });
      await openGraph(app.page);
      // The whole drawing on screen, so any box can be clicked.
      await app.page.locator("[data-testid=zoom-fit]").click();
      await body(app);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
      assert.deepEqual(app.consoleErrors, [], "errors in the console");
    } finally {
      await app.close();
    }
  }

  it("draws FeastFlow's relations, all healthy, in lanes from Ingress to configuration", async (t) => {
    await withGraph(t, async ({ page }) => {
      const edges = await listEdges(page);
      const nodes = await listNodes(page);
      const byId = Object.fromEntries(nodes.map((n) => [n.id, n]));

      assert.deepEqual(targets(edges, `Ingress/${NS}/feastflow-ingress`, "routes"), [
        `Service/${NS}/feastflow-backend`,
        `Service/${NS}/feastflow-frontend`,
      ]);
      for (const [app, replicas] of [["feastflow-backend", 2], ["feastflow-frontend", 3]]) {
        const replicaSets = targets(edges, `Deployment/${NS}/${app}`, "owns");
        assert.equal(replicaSets.length, 1, `${app} owns one ReplicaSet`);
        assert.match(replicaSets[0], new RegExp(`^ReplicaSet/${NS}/${app}-[a-z0-9]+$`));
        const pods = targets(edges, replicaSets[0], "owns");
        assert.equal(pods.length, replicas, `${app}'s ReplicaSet owns ${replicas} pods`);
        assert.deepEqual(targets(edges, `Service/${NS}/${app}`, "selects"), pods, `Service ${app} selects its pods`);
        for (const pod of pods) {
          assert.equal(byId[pod].simulated, "true", `${pod} is simulated`);
          assert.match(byId[pod].name, /, simulated$/);
        }
        assert.equal(byId[replicaSets[0]].simulated, "true");
      }
      assert.deepEqual(targets(edges, `StatefulSet/${NS}/postgres`, "owns"), [`Pod/${NS}/postgres-0`]);
      assert.deepEqual(targets(edges, `StatefulSet/${NS}/postgres`, "mounts"), [`PersistentVolumeClaim/${NS}/postgres-pvc`]);
      assert.deepEqual(targets(edges, `Service/${NS}/postgres`, "selects"), [`Pod/${NS}/postgres-0`]);

      assert.deepEqual(edges.filter((e) => e.ok !== "true"), [], "no broken edge");
      assert.deepEqual(nodes.filter((n) => n.missing !== "false"), [], "no missing node");
      for (const id of [`Service/${NS}/feastflow-backend`, `Service/${NS}/feastflow-frontend`, `ConfigMap/${NS}/feastflow-config`]) {
        assert.equal(byId[id].problems, 0, `no problem badge on ${id}`);
      }
      assert.equal(byId[`Deployment/${NS}/feastflow-backend`].simulated, "false");
      assert.match(
        byId[`Deployment/${NS}/feastflow-backend`].name,
        /^Deployment feastflow-backend in namespace feastflow, written in 06-backend-deployment\.yaml(, \d+ problems?)?$/,
      );
      assert.equal(
        byId[`Service/${NS}/feastflow-backend`].name,
        "Service feastflow-backend in namespace feastflow, written in 07-backend-service.yaml",
      );
      // Simulated objects say so in their label too, not only in their style.
      assert.match(await node(page, `Pod/${NS}/postgres-0`).locator(".node-kind").textContent(), /simulated/);

      // Lanes, left to right.
      const left = async (id) => (await node(page, id).locator(".node-box").boundingBox()).x;
      const order = [
        `Ingress/${NS}/feastflow-ingress`,
        `Service/${NS}/feastflow-backend`,
        `Deployment/${NS}/feastflow-backend`,
        targets(edges, `Deployment/${NS}/feastflow-backend`, "owns")[0],
        `Pod/${NS}/postgres-0`,
        `ConfigMap/${NS}/feastflow-config`,
      ];
      const xs = [];
      for (const id of order) xs.push(await left(id));
      assert.deepEqual([...xs].sort((a, b) => a - b), xs, `lanes in order: ${order.join(" | ")}`);
      assert.equal(await left(`StatefulSet/${NS}/postgres`), await left(`Deployment/${NS}/feastflow-backend`));
      const bands = await page.$$eval(`${GRAPH} .band text`, (els) => els.map((el) => el.textContent));
      assert.deepEqual(bands, ["namespace feastflow", "cluster-scoped"]);
    });
  });

  it("shows a selector typo as a problem with what was meant, and the traffic it stops", async (t) => {
    await withGraph(t, async ({ page }) => {
      const service = `Service/${NS}/feastflow-backend`;
      const before = Number(await node(page, service).getAttribute("data-problems"));
      await editFile(page, "07-backend-service.yaml", (text) => {
        // The selector is the last `component: backend` of the file (the first is a label).
        const at = text.lastIndexOf("component: backend");
        return `${text.slice(0, at)}component: backnd${text.slice(at + "component: backend".length)}`;
      });
      await waitFor(async () => Number(await node(page, service).getAttribute("data-problems")) > before, {
        message: "a problem badge on the backend Service",
      });
      assert.match(await node(page, service).getAttribute("aria-label"), /, \d+ problems?$/);
      assert.deepEqual(targets(await listEdges(page), service, "selects"), [], "the Service selects no pod");

      await node(page, service).click();
      const details = page.locator(DETAILS);
      await waitFor(async () => /did you mean/.test(await details.textContent()), { message: "the suggestion" });
      const problem = await details.locator(".problem:not(.review-finding)").first().textContent();
      assert.match(problem, /app=feastflow,component=backnd matches no pod/);
      assert.match(problem, /did you mean `component=backend`\?/);
      assert.match(problem, /service-selects-no-pods/);

      // The Ingress's path to the backend now stops at the Service.
      await node(page, `Ingress/${NS}/feastflow-ingress`).click();
      await waitFor(async () => (await details.locator("h3").textContent()).includes("feastflow-ingress"));
      const broken = await details.locator(".traffic[data-ok=false]").textContent();
      assert.match(broken, /\/api/);
      assert.match(broken, /Traffic stops: Service feastflow-backend selects no pod/);
      assert.equal(await details.locator(".traffic[data-ok=true]").count(), 1, "the frontend path still works");
    });
  });

  it("draws a typo in an Ingress backend as a broken edge to a missing node", async (t) => {
    await withGraph(t, async ({ page }) => {
      await editFile(page, "10-ingress.yaml", (text) => text.replace("name: feastflow-backend", "name: feastflow-backnd"));
      const missing = `Service/${NS}/feastflow-backnd`;
      await page.waitForSelector(`${GRAPH} [data-node-id="${missing}"][data-missing=true]`);
      const broken = (await listEdges(page)).filter((e) => e.ok === "false");
      assert.deepEqual(broken, [{ from: `Ingress/${NS}/feastflow-ingress`, to: missing, relation: "routes", ok: "false" }]);
      const edge = page.locator(`${GRAPH} [data-edge-to="${missing}"]`);
      assert.equal(await edge.locator(".edge-label").textContent(), "missing");
      assert.match(await node(page, missing).locator(".node-kind").textContent(), /missing/);
      assert.match(await node(page, missing).getAttribute("aria-label"), /missing/);
      assert.match(await node(page, `Ingress/${NS}/feastflow-ingress`).getAttribute("aria-label"), /, \d+ problems?$/);

      await edge.locator(".edge-hit").click({ force: true });
      const details = page.locator(DETAILS);
      await waitFor(async () => /not defined in namespace feastflow/.test(await details.textContent()), {
        message: "the broken edge's reason",
      });
      assert.match(await details.textContent(), /path \/api/);
    });
  });

  it("opens a node's details with its relations and selects its source, and follows the editor's cursor", async (t) => {
    await withGraph(t, async ({ page }) => {
      const deployment = `Deployment/${NS}/feastflow-backend`;
      await node(page, deployment).click();
      const details = page.locator(DETAILS);
      await details.waitFor();
      assert.equal((await details.locator("h3").textContent()).trim(), "Deployment feastflow-backend");
      const relations = await details.locator(".relations[data-direction=outgoing] .relation").evaluateAll((els) =>
        els.map((el) => `${el.dataset.relation} ${el.querySelector(".object-ref").dataset.target}`),
      );
      assert.ok(relations.some((r) => /^owns ReplicaSet\/feastflow\/feastflow-backend-/.test(r)), relations.join("; "));
      assert.ok(relations.includes(`env ConfigMap/${NS}/feastflow-config`), relations.join("; "));
      assert.ok(relations.includes(`env Secret/${NS}/feastflow-secrets`), relations.join("; "));
      assert.match(await details.textContent(), /container backend: envFrom\[0\]\.configMapRef "feastflow-config"/);
      assert.match(await details.locator("[data-testid=node-yaml]").textContent(), /kind: Deployment/);
      assert.match(await details.textContent(), /Traffic.*feastflow\.local\/api/s);

      // Its source is selected in the editor.
      const selection = (await editorSelection(page)).text;
      assert.match(selection, /^apiVersion: apps\/v1\nkind: Deployment\nmetadata:\n  name: feastflow-backend\n/);

      // Edges explain themselves.
      await page.locator("[data-testid=zoom-fit]").click();
      await page.locator(`${GRAPH} [data-edge-from="Ingress/${NS}/feastflow-ingress"][data-edge-to="Service/${NS}/feastflow-frontend"] .edge-hit`).click({ force: true });
      await waitFor(async () => /Why this edge exists/.test(await details.textContent()));
      assert.match(await details.textContent(), /host feastflow\.local, path \/ → service "feastflow-frontend" port 3000/);

      // The editor's cursor selects the node under it, and brings it into view.
      for (let i = 0; i < 6; i += 1) await page.locator("[data-testid=zoom-in]").click();
      await page.locator('[data-testid=file-tab][data-file="05-postgres-service.yaml"] .file-tab-name').click();
      const editor = page.locator("[data-testid=editor]");
      await editor.click();
      await page.keyboard.press("Control+Home");
      // Line 7 of 05-postgres-service.yaml is inside the Service (`  namespace: feastflow`).
      for (let i = 0; i < 6; i += 1) await page.keyboard.press("ArrowDown");
      await waitFor(async () => (await node(page, `Service/${NS}/postgres`).getAttribute("class")).includes("selected"), {
        message: "the postgres Service selected from the editor",
      });
      assert.equal((await details.locator("h3").textContent()).trim(), "Service postgres");
      const canvas = await page.locator(GRAPH).boundingBox();
      await waitFor(async () => {
        const box = await node(page, `Service/${NS}/postgres`).locator(".node-box").boundingBox();
        return box.x >= canvas.x && box.y >= canvas.y &&
          box.x + box.width <= canvas.x + canvas.width && box.y + box.height <= canvas.y + canvas.height;
      }, { message: "the selected node inside the canvas" });

      // From the keyboard: focus a node, Enter opens it.
      await node(page, `ConfigMap/${NS}/feastflow-config`).focus();
      await page.keyboard.press("Enter");
      await waitFor(async () => (await details.locator("h3").textContent()).trim() === "ConfigMap feastflow-config");
      // The keyboard focus stays in the graph (showing the source does not take it away).
      await waitForEqual(() => page.evaluate(() => document.activeElement?.dataset?.nodeId), `ConfigMap/${NS}/feastflow-config`, {
        message: "the focus on the ConfigMap",
      });
      assert.equal(await node(page, `ConfigMap/${NS}/feastflow-config`).getAttribute("role"), "button");

      // A simulated pod: where it comes from, and a generated YAML of what the cluster would hold.
      await page.locator("[data-testid=zoom-fit]").click();
      await node(page, `Pod/${NS}/postgres-0`).click();
      await waitFor(async () => (await details.locator("h3").textContent()).trim() === "Pod postgres-0");
      assert.match(await details.locator("[data-testid=node-status]").textContent(), /^Simulated: the cluster would create it from StatefulSet postgres/);
      const generated = await details.locator("[data-testid=node-yaml]").textContent();
      assert.match(generated, /kind: Pod\nmetadata:\n  name: postgres-0\n  namespace: feastflow\n/);
      assert.match(generated, /ownerReferences:\n  - kind: StatefulSet\n    name: postgres\n/);
      assert.match(generated, /image: postgres:15-alpine/);
      // Its source is the StatefulSet's pod template, shown in the editor.
      await waitFor(async () => (await page.locator("[data-testid=file-tab].active").getAttribute("data-file")) === "04-postgres-deployment.yaml", {
        message: "the StatefulSet's file in the editor",
      });
      assert.equal(await node(page, `ConfigMap/${NS}/feastflow-config`).getAttribute("tabindex"), "0");
    });
  });

  it("masks Secret values in the details until each is revealed", async (t) => {
    await withGraph(t, async ({ page }) => {
      await node(page, `Secret/${NS}/feastflow-secrets`).click();
      const yaml = page.locator(`${DETAILS} [data-testid=node-yaml]`);
      await yaml.waitFor();
      const hidden = await yaml.textContent();
      assert.match(hidden, /DB_PASSWORD: /);
      // Neither the base64 value nor the comment that decodes it is shown.
      assert.doesNotMatch(hidden, /ZmVhc3RmbG93LWRldi1wYXNzd29yZA|feastflow-dev-password|change-me/);
      assert.match(hidden, /kind: Secret/);
      const reveal = page.locator(`${DETAILS} [data-testid=graph-secret-reveal]`);
      assert.equal(await reveal.count(), 2);
      await reveal.first().click();
      const shown = await yaml.textContent();
      assert.match(shown, /DB_PASSWORD: ZmVhc3RmbG93LWRldi1wYXNzd29yZA== # feastflow-dev-password/);
      assert.doesNotMatch(shown, /Y2hhbmdlLW1lLWZlYXN0Zmxvdy1qd3Qtc2lnbmluZy1rZXk/, "the other value stays masked");
    });
  });

  it("filters by namespace and kind, searches by name and shows only problems", async (t) => {
    await withGraph(t, async ({ page }) => {
      const ids = async () => (await listNodes(page)).map((n) => n.id).sort();
      const all = await ids();

      await page.locator("[data-testid=graph-namespace]").selectOption("cluster");
      await waitForEqual(ids, ["Namespace/feastflow"], { message: "the cluster-scoped objects" });
      await page.locator("[data-testid=graph-namespace]").selectOption("*");
      await waitForEqual(ids, all, { message: "every object again" });

      await page.locator("[data-testid=graph-kinds]").click();
      await page.locator("[data-testid=graph-kind][data-kind=Pod]").uncheck();
      await waitFor(async () => (await ids()).length === all.length - 6, { message: "the pods hidden" });
      assert.ok((await ids()).every((id) => !id.startsWith("Pod/")));
      assert.ok((await listEdges(page)).every((e) => !e.to.startsWith("Pod/")), "no edge to a hidden pod");
      await page.locator("[data-testid=graph-kind][data-kind=Pod]").check();
      await page.locator("[data-testid=graph-kinds]").click();

      await page.locator("[data-testid=graph-search]").fill("postgres");
      await waitFor(async () => (await listNodes(page)).some((n) => n.classes.includes("match")));
      const nodes = await listNodes(page);
      const matched = nodes.filter((n) => n.classes.split(" ").includes("match")).map((n) => n.id).sort();
      assert.deepEqual(matched, [
        `PersistentVolumeClaim/${NS}/postgres-pvc`,
        `Pod/${NS}/postgres-0`,
        `Service/${NS}/postgres`,
        `StatefulSet/${NS}/postgres`,
      ]);
      assert.ok(nodes.filter((n) => !matched.includes(n.id)).every((n) => n.classes.split(" ").includes("dim")));
      await page.locator("[data-testid=graph-search]").fill("");

      // Only problems: the objects with a badge or a broken link, and their neighbours.
      await editFile(page, "10-ingress.yaml", (text) => text.replace("name: feastflow-backend", "name: feastflow-backnd"));
      await page.waitForSelector(`${GRAPH} [data-node-id="Service/${NS}/feastflow-backnd"]`);
      const everything = await listNodes(page);
      const allEdges = await listEdges(page);
      const troubled = new Set(everything.filter((n) => n.problems > 0 || n.missing === "true").map((n) => n.id));
      for (const e of allEdges.filter((e) => e.ok === "false")) troubled.add(e.from).add(e.to);
      const expected = new Set(troubled);
      for (const e of allEdges) {
        if (troubled.has(e.from)) expected.add(e.to);
        if (troubled.has(e.to)) expected.add(e.from);
      }
      assert.ok(expected.has(`Service/${NS}/feastflow-frontend`), "a healthy neighbour of the broken Ingress stays");
      await page.locator("[data-testid=only-problems]").check();
      await waitForEqual(ids, [...expected].sort(), { message: "the troubled objects and their neighbours" });
      assert.ok(expected.size < everything.length, "something is hidden");
      await page.locator("[data-testid=only-problems]").uncheck();
      await waitForEqual(async () => (await ids()).length, everything.length, { message: "every object again" });
    });
  });

  it("zooms, pans and fits with the buttons, the wheel, the mouse and the keys", async (t) => {
    await withGraph(t, async ({ page }) => {
      const start = await transform(page);
      await page.locator("[data-testid=zoom-in]").click();
      const zoomed = await transform(page);
      assert.ok(Math.abs(zoomed.k / start.k - 1.25) < 1e-3, `+ zooms in: ${start.k} → ${zoomed.k}`);
      await page.locator("[data-testid=zoom-out]").click();
      assert.ok(Math.abs((await transform(page)).k - start.k) < 1e-3, "− zooms back out");

      const svg = await page.locator(GRAPH).boundingBox();
      await page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
      await page.mouse.wheel(0, -300);
      await waitFor(async () => (await transform(page)).k > start.k * 1.2, { message: "the wheel zooming in" });

      const before = await transform(page);
      await page.mouse.move(svg.x + 6, svg.y + 6);
      await page.mouse.down();
      await page.mouse.move(svg.x + 60, svg.y + 46, { steps: 5 });
      await page.mouse.up();
      const dragged = await transform(page);
      assert.ok(Math.abs(dragged.x - before.x - 54) <= 2 && Math.abs(dragged.y - before.y - 40) <= 2, `dragging pans: ${JSON.stringify([before, dragged])}`);
      assert.equal(await page.locator(DETAILS).count(), 0, "a drag selects nothing");

      await page.locator(GRAPH).focus();
      await page.keyboard.press("ArrowLeft");
      assert.ok(Math.abs((await transform(page)).x - dragged.x - 60) < 1, "← pans");
      await page.keyboard.press("-");
      assert.ok((await transform(page)).k < dragged.k, "− zooms out");
      await page.keyboard.press("0");
      // Fitted: the whole drawing is inside the canvas.
      const drawing = await page.locator(`${GRAPH} [data-root]`).boundingBox();
      assert.ok(
        drawing.x >= svg.x - 1 && drawing.y >= svg.y - 1 &&
          drawing.x + drawing.width <= svg.x + svg.width + 1 && drawing.y + drawing.height <= svg.y + svg.height + 1,
        `the fitted drawing ${JSON.stringify(drawing)} is inside ${JSON.stringify(svg)}`,
      );
      const fitted = await transform(page);
      await page.keyboard.press("+");
      assert.ok(Math.abs((await transform(page)).k / fitted.k - 1.25) < 1e-3, "+ zooms in");
      await page.locator("[data-testid=zoom-fit]").click();
      assert.equal(await page.locator("[data-testid=zoom-level]").textContent(), `${Math.round((await transform(page)).k * 100)}%`);
    });
  });

  it("collapses many pods into one stack that expands on click", async (t) => {
    await withGraph(t, async ({ page }) => {
      await editFile(page, "08-frontend-deployment.yaml", (text) => text.replace("replicas: 3", "replicas: 8"));
      const stack = page.locator(`${GRAPH} [data-stack="8"]`);
      await stack.waitFor();
      assert.equal(await stack.getAttribute("data-kind"), "Pod");
      assert.match(await stack.locator(".node-name").textContent(), /× 8 pods/);
      assert.match(await stack.getAttribute("aria-label"), /^8 simulated pods of ReplicaSet feastflow-frontend-/);
      const frontendPods = async () =>
        (await listNodes(page)).filter((n) => n.kind === "Pod" && !n.stack && n.id.includes("feastflow-frontend-")).length;
      assert.equal(await frontendPods(), 0);
      // From the keyboard: Tab to the stack (simulated here by focusing it), Enter expands it.
      await stack.focus();
      await page.keyboard.press("Enter");
      await waitFor(async () => (await frontendPods()) === 8, { message: "eight frontend pods drawn one by one" });
      await page.locator("[data-testid=collapse-all]").click();
      await stack.waitFor();
    });
  });

  it("exports the graph as SVG and PNG downloads", async (t) => {
    await withGraph(t, async ({ page }) => {
      const width = Number(await page.locator(GRAPH).getAttribute("data-width"));
      const height = Number(await page.locator(GRAPH).getAttribute("data-height"));

      const [svgDownload] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("[data-testid=export-svg]").click(),
      ]);
      assert.equal(svgDownload.suggestedFilename(), "manifesto-graph.svg");
      const svg = await readFile(await svgDownload.path(), "utf8");
      assert.match(svg, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(svg, new RegExp(`viewBox="0 0 ${width} ${height}"`));
      assert.match(svg, /<style[^>]*>[^<]*\.graph-svg \.node-box/, "the stylesheet travels with the file");
      assert.match(svg, /data-node-id="Deployment\/feastflow\/feastflow-backend"/);
      assert.doesNotMatch(svg, /data-root="" transform=/, "the whole drawing, not the current view");

      const [pngDownload] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("[data-testid=export-png]").click(),
      ]);
      assert.equal(pngDownload.suggestedFilename(), "manifesto-graph.png");
      const png = await readFile(await pngDownload.path());
      assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "a PNG signature");
      // IHDR: width and height, twice the drawing's size.
      assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [width * 2, height * 2]);
      assert.equal(await page.locator(".export-status").count(), 0, "no export error shown");
    });
  });

  it("shows names and annotations that look like markup as text", async (t) => {
    await withGraph(t, async ({ page }) => {
      const name = "<script>window.__pwned=1</script>";
      const annotation = '<img src=x onerror="window.__pwned=2">';
      await setEditorText(
        page,
        `apiVersion: v1
kind: Service
metadata:
  name: "${name}"
  namespace: demo
  annotations:
    note: '${annotation}'
spec:
  selector:
    app: demo
  ports:
    - port: 80
`,
      );
      const id = `Service/demo/${name}`;
      await page.waitForSelector(`${GRAPH} [data-node-id="${id.replaceAll('"', '\\"')}"]`);
      const box = page.locator(`${GRAPH} [data-node-id="${id.replaceAll('"', '\\"')}"]`);
      assert.match(await box.getAttribute("aria-label"), /^Service <script>window\.__pwned=1<\/script> in namespace demo/);
      assert.equal(await box.locator("title").textContent(), id);
      await box.click();
      const details = page.locator(DETAILS);
      await details.waitFor();
      assert.equal((await details.locator("h3").textContent()).trim(), `Service ${name}`);
      assert.ok((await details.locator("[data-testid=node-yaml]").textContent()).includes(`note: '${annotation}'`));
      assert.equal(await page.locator(`${GRAPH} script, ${DETAILS} script, ${DETAILS} img`).count(), 0, "no element made from the text");
      assert.equal(await page.evaluate(() => window.__pwned), undefined, "nothing ran");
    });
  });

  // The shared corpus lives next to the repository; a fresh clone has none, so the test skips.
  const ARGO = join(ROOT, "../shared/corpus/argo-cd-install.yaml");
  const noCorpus = !existsSync(ARGO) && `the shared corpus is absent (${ARGO} not found): skipped`;
  it("draws a large real-world manifest quickly (argo-cd install)", { skip: noCorpus }, async (t) => {
    await withGraph(t, async ({ page }) => {
      const file = ARGO;
      const server = "Deployment/default/argocd-server";
      // Loaded while the graph is shown: reading, analysing, building and drawing.
      await page.locator("[data-testid=replace-files]").check();
      let started = Date.now();
      await page.locator("[data-testid=file-input]").setInputFiles(file);
      await page.waitForSelector(`${GRAPH} [data-node-id="${server}"]`, { timeout: 60_000 });
      const loaded = Date.now() - started;
      const nodes = await listNodes(page);
      const edges = await listEdges(page);
      t.diagnostic(`argo-cd-install.yaml: ${nodes.length} boxes and ${edges.length} edges drawn ${loaded} ms after choosing the file`);
      assert.ok(nodes.length > 50, `${nodes.length} boxes`);
      assert.ok(loaded < 20_000, `drawn in ${loaded} ms`);

      // The graph's own part: opening the view on the analysed files builds, lays out and draws it.
      await page.locator("[data-testid=view-tab][data-view=objects]").click();
      await page.waitForSelector(`[data-testid=object-list] [data-object-id="${server}"]`);
      await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok())));
      started = Date.now();
      await page.locator("[data-testid=view-tab][data-view=graph]").click();
      await page.waitForSelector(`${GRAPH} [data-node-id="${server}"]`);
      const opened = Date.now() - started;
      t.diagnostic(`opening the graph view on it: ${opened} ms`);
      assert.ok(opened < 3_000, `the graph view opened in ${opened} ms`);

      // Interacting stays quick: hovering a box lights its neighbours.
      await page.locator("[data-testid=zoom-fit]").click();
      started = Date.now();
      await node(page, server).hover();
      await waitFor(async () => (await listNodes(page)).some((n) => n.classes.split(" ").includes("dim")));
      t.diagnostic(`hover highlight after ${Date.now() - started} ms`);
    });
  });

  it("shows the rollout simulator's current step: both ReplicaSets with their pods", async (t) => {
    await withGraph(t, async ({ page }) => {
      const deployment = `Deployment/${NS}/feastflow-backend`;
      await page.locator("[data-testid=view-tab][data-view=rollout]").click();
      for (let i = 0; i < 2; i++) {
        await page.locator("[data-testid=rollout-step]").click();
        await page.waitForSelector('[data-testid=rollout-state][data-moment="settled"]');
      }
      await openGraph(page);
      const note = page.locator("[data-testid=graph-rollout-note]");
      await note.waitFor();
      const text = (await note.textContent()).trim();
      const match = text.match(
        /^Showing rollout of (\S+) at pass 2 of (\d+): old ReplicaSet (\S+) has (\d+) pods?, new ReplicaSet (\S+) has (\d+) pods?\.$/,
      );
      assert.ok(match, text);
      const [, workload, passes, oldName, oldPods, newName, newPods] = match;
      t.diagnostic(text);
      assert.equal(workload, deployment);
      assert.ok(Number(passes) >= 2, text);
      assert.notEqual(oldName, newName);
      assert.ok(Number(newPods) > 0, "the new ReplicaSet has pods at pass 2");

      const nodes = Object.fromEntries((await listNodes(page)).map((n) => [n.id, n]));
      const oldId = `ReplicaSet/${NS}/${oldName}`;
      const newId = `ReplicaSet/${NS}/${newName}`;
      assert.deepEqual(
        [nodes[newId]?.kind, nodes[newId]?.simulated, nodes[newId]?.missing],
        ["ReplicaSet", "true", "false"],
        `the new ReplicaSet is drawn: ${Object.keys(nodes).join(", ")}`,
      );
      assert.equal(await node(page, newId).getAttribute("data-pods"), newPods);
      assert.equal((await node(page, newId).locator(".node-pods").textContent()).trim(), `${newPods} pod${newPods === "1" ? "" : "s"}`);
      assert.equal(await node(page, oldId).getAttribute("data-pods"), oldPods);
      assert.equal((await node(page, oldId).locator(".node-pods").textContent()).trim(), `${oldPods} pod${oldPods === "1" ? "" : "s"}`);
      const edges = await listEdges(page);
      assert.deepEqual(targets(edges, deployment, "owns"), [oldId, newId].sort());
      assert.ok(edges.filter((e) => e.from === deployment && e.to === newId).every((e) => e.ok === "true"));
    });
  });
});

// Compare journeys: take FeastFlow as the baseline, edit it, and review the change:
// objects with badges, the rollout it triggers, the findings it introduces.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, objectIds, openApp, setEditorText, startServer, waitFor } from "./helpers.mjs";

const BACKEND = "Deployment/feastflow/feastflow-backend";
const BACKEND_SERVICE = "Service/feastflow/feastflow-backend";
const INGRESS = "Ingress/feastflow/feastflow-ingress";
const LEGACY_SERVICE = "Service/feastflow/feastflow-legacy";

/** A Service of the "before" files that the current files no longer have. */
const LEGACY_SERVICE_YAML = `apiVersion: v1
kind: Service
metadata:
  name: feastflow-legacy
  namespace: feastflow
spec:
  ports:
    - port: 5000
      targetPort: 5000
  selector:
    app: feastflow
    component: backend
`;

/**
 * Writes the "before" of a change to a new folder and returns the paths of its files: FeastFlow
 * with an older backend image, without the Ingress and with a Service since removed.
 */
async function beforeFiles(dir) {
  const paths = [];
  for (const name of (await readdir(join(ROOT, "samples/feastflow"))).filter((n) => n.endsWith(".yaml"))) {
    if (name === "10-ingress.yaml") continue;
    let text = await readFile(join(ROOT, "samples/feastflow", name), "utf8");
    if (name === "06-backend-deployment.yaml") {
      text = text.replace("image: feastflow-backend:latest", "image: feastflow-backend:v1.3.0");
    }
    await writeFile(join(dir, name), text);
    paths.push(join(dir, name));
  }
  await writeFile(join(dir, "11-legacy-service.yaml"), LEGACY_SERVICE_YAML);
  paths.push(join(dir, "11-legacy-service.yaml"));
  return paths;
}

/** Shows a file in the editor and replaces its text with `edit(text)`. */
async function editFile(page, file, edit) {
  await page.locator(`[data-testid=file-tab][data-file="${file}"] .file-tab-name`).click();
  const text = await readFile(join(ROOT, "samples/feastflow", file), "utf8");
  const edited = edit(text);
  assert.notEqual(edited, text, `the edit changes ${file}`);
  await setEditorText(page, edited);
}

/** The object changes listed, as `change id`. */
async function objectChanges(page) {
  return page.$$eval("[data-testid=diff-object]", (els) => els.map((el) => `${el.dataset.change} ${el.dataset.id}`));
}

/** The rollouts listed, as `{ workload, downtime }`. */
async function rollouts(page) {
  return page.$$eval("[data-testid=diff-rollout]", (els) =>
    els.map((el) => ({ workload: el.dataset.workload, downtime: el.dataset.downtime })),
  );
}

/** The finding changes listed, as `change check object`. */
async function findingChanges(page) {
  return page.$$eval("[data-testid=diff-finding]", (els) =>
    els.map((el) => `${el.dataset.change} ${el.dataset.check} ${el.dataset.object}`),
  );
}

describe("compare", () => {
  let server;
  let dir;
  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), "manifesto-compare-"));
  });
  after(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("loads files as the baseline without touching the workspace", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await waitFor(async () => (await objectIds(page)).includes(BACKEND), { message: "the FeastFlow sample" });
      const tabs = () => page.$$eval("[data-testid=file-tab]", (els) => els.map((el) => el.dataset.file));
      const workspace = await tabs();
      const objects = await objectIds(page);
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();

      // A file over the upload bound is refused, named, and no baseline is taken.
      const big = join(dir, "huge.yaml");
      await writeFile(big, `# ${"x".repeat(8 * 1024 * 1024)}\n`);
      await page.locator("[data-testid=compare-load-baseline]").setInputFiles([big, join(ROOT, "samples/feastflow/00-namespace.yaml")]);
      const error = page.locator("[data-testid=compare-load-error]");
      await error.waitFor();
      assert.match(await error.innerText(), /huge\.yaml \(larger than 8 MiB\)/);
      assert.equal(await page.locator("[data-testid=compare-clear]").count(), 0, "no baseline from a failed load");

      // The "before" files become the baseline: the diff shows the change from them to the workspace.
      await page.locator("[data-testid=compare-load-baseline]").setInputFiles(await beforeFiles(dir));
      await page.waitForSelector("[data-testid=compare-clear]");
      await waitFor(async () => (await objectChanges(page)).length === 3, { message: "the diff from the loaded files" });
      assert.deepEqual((await objectChanges(page)).sort(), [`added ${INGRESS}`, `changed ${BACKEND}`, `removed ${LEGACY_SERVICE}`].sort());
      assert.deepEqual(await rollouts(page), [{ workload: BACKEND, downtime: "false" }]);
      assert.match(await page.locator(".cmp-baseline").innerText(), /Baseline: 11 files with/);
      assert.equal(await error.count(), 0, "the error is gone once files are read");

      // The graph marks the change: the Ingress is added, the removed Service is a ghost.
      await page.locator('[data-testid=view-tab][data-view="graph"]').click();
      await page.waitForSelector("[data-testid=graph] [data-node-id]");
      const marked = (change) =>
        page.$$eval(`[data-testid=graph] [data-node-id][data-diff="${change}"]`, (els) => els.map((el) => el.dataset.nodeId));
      assert.deepEqual(await marked("added"), [INGRESS]);
      assert.deepEqual(await marked("removed"), [LEGACY_SERVICE]);
      const edges = (change) =>
        page.$$eval(`[data-testid=graph] [data-edge-from][data-diff="${change}"]`, (els) =>
          els.map((el) => `${el.dataset.edgeFrom} ${el.dataset.relation} ${el.dataset.edgeTo}`),
        );
      const addedEdges = await edges("added");
      assert.ok(addedEdges.length > 0 && addedEdges.every((e) => e.startsWith(`${INGRESS} `)), addedEdges.join(", "));
      assert.ok(addedEdges.includes(`${INGRESS} routes ${BACKEND_SERVICE}`), addedEdges.join(", "));
      const ghostEdges = await edges("removed");
      assert.ok(ghostEdges.length > 0, "the ghost Service keeps its edges");
      // Its old pods went with the old pod template: its edges reach what creates them now.
      assert.deepEqual(ghostEdges, [`${LEGACY_SERVICE} selects ${BACKEND}`]);
      // A ghost is drawn dashed and faded.
      const ghost = page.locator(`[data-testid=graph] [data-node-id="${LEGACY_SERVICE}"]`);
      assert.ok(Number(await ghost.evaluate((el) => getComputedStyle(el).opacity)) < 1, "the ghost is faded");
      assert.notEqual(await ghost.locator(".node-box").evaluate((el) => getComputedStyle(el).strokeDasharray), "none");
      await page.locator("[data-testid=graph-legend] summary").click();
      assert.match(await page.locator("[data-testid=legend-diff-removed]").innerText(), /Removed since the baseline/);
      // Nothing unchanged is marked: the backend Deployment changed but stayed.
      assert.equal(await page.locator(`[data-testid=graph] [data-node-id="${BACKEND}"]`).getAttribute("data-diff"), null);

      // A downloaded workspace loaded as the baseline gives its files: here the workspace with
      // its Ingress only, so everything else reads as added.
      const ingress = await readFile(join(ROOT, "samples/feastflow/10-ingress.yaml"), "utf8");
      const bundle = join(dir, "manifesto-workspace.json");
      await writeFile(bundle, JSON.stringify({ manifestoWorkspace: 1, files: [{ name: "10-ingress.yaml", text: ingress }] }));
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();
      await page.locator("[data-testid=compare-load-baseline]").setInputFiles(bundle);
      await waitFor(async () => /Baseline: 1 file with 1 object/.test(await page.locator(".cmp-baseline").innerText()), {
        message: "the bundle's file as the baseline",
      });
      const changes = await objectChanges(page);
      assert.ok(!changes.some((c) => c.endsWith(` ${INGRESS}`)), "the Ingress is in the baseline");
      assert.ok(changes.includes(`added ${BACKEND}`), changes.join(", "));

      // The workspace is untouched: same files, same objects.
      assert.deepEqual(await tabs(), workspace);
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      await page.waitForSelector("[data-testid=object-list] [data-object-id]");
      assert.deepEqual(await objectIds(page), objects);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });

  it("reviews an image bump and a broken Service selector against the baseline", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await waitFor(async () => (await objectIds(page)).includes(BACKEND), { message: "the FeastFlow sample" });
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();
      assert.equal(await page.locator("[data-testid=compare-clear]").count(), 0, "no baseline yet");
      await page.locator("[data-testid=compare-baseline]").click();
      await page.waitForSelector("[data-testid=compare-clear]");
      await waitFor(async () => (await page.locator("[data-testid=compare-summary]").innerText()).includes("No changes"), {
        message: "no change right after taking the baseline",
      });
      assert.deepEqual(await objectChanges(page), []);

      // Bump the backend's image: the Deployment changes and rolls out without downtime.
      await editFile(page, "06-backend-deployment.yaml", (t) =>
        t.replace("image: feastflow-backend:latest", "image: feastflow-backend:v1.4.0"),
      );
      await waitFor(async () => (await objectChanges(page)).includes(`changed ${BACKEND}`), { message: "the backend changed" });
      assert.deepEqual(await objectChanges(page), [`changed ${BACKEND}`]);
      assert.deepEqual(await rollouts(page), [{ workload: BACKEND, downtime: "false" }]);
      const fields = await page.$$eval(`[data-testid=diff-object][data-id="${BACKEND}"] [data-path]`, (els) =>
        els.map((el) => el.dataset.path),
      );
      assert.deepEqual(fields, ["spec.template.spec.containers[0].image"]);
      assert.ok((await findingChanges(page)).includes(`fixed image-tag-mutable ${BACKEND}`), "pinning the tag fixes a finding");

      // Break the backend Service's selector: it selects no pods any more.
      await editFile(page, "07-backend-service.yaml", (t) =>
        t.replace("  selector:\n    app: feastflow\n    component: backend", "  selector:\n    app: feastflow\n    component: backnd"),
      );
      await waitFor(
        async () => (await findingChanges(page)).includes(`introduced service-selects-no-pods ${BACKEND_SERVICE}`),
        { message: "service-selects-no-pods introduced" },
      );
      const removed = await page.$$eval('[data-testid=diff-edge][data-change="removed"]', (els) =>
        els.map((el) => `${el.dataset.from} ${el.dataset.relation} ${el.dataset.to}`),
      );
      assert.deepEqual(removed, [`${BACKEND_SERVICE} selects ${BACKEND}`]);
      assert.deepEqual((await objectChanges(page)).sort(), [`changed ${BACKEND}`, `changed ${BACKEND_SERVICE}`].sort());

      // The baseline is kept with the workspace.
      await page.waitForTimeout(1000);
      await page.reload({ waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();
      await waitFor(async () => (await objectChanges(page)).length === 2, { message: "the diff after a reload" });
      // It is kept in IndexedDB, with the workspace, not in local storage.
      assert.equal(await page.evaluate(() => localStorage.getItem("manifesto.baseline.v1")), null, "no baseline in local storage");

      // The rollout plays in the Rollout view: from the baseline's template to the new one.
      const facts = await page.locator(`[data-testid=diff-rollout][data-workload="${BACKEND}"] .cmp-rollout-facts`).innerText();
      const passes = Number(facts.match(/(\d+) passes/)?.[1]);
      assert.ok(passes > 0, facts);
      await page.locator(`[data-testid=diff-rollout][data-workload="${BACKEND}"] [data-testid=diff-rollout-open]`).click();
      await page.waitForSelector("[data-testid=rollout] [data-testid=rollout-state]");
      assert.equal(await page.locator("[data-testid=rollout-workload]").inputValue(), BACKEND);
      assert.match(
        await page.locator("[data-testid=rollout-baseline-change]").innerText(),
        /feastflow-backend:latest \u2192 feastflow-backend:v1\.4\.0/,
      );
      // As many passes as the Compare view announced.
      let steps = 0;
      while (steps < 50 && (await page.locator("[data-testid=rollout-step]").isEnabled())) {
        await page.locator("[data-testid=rollout-step]").click();
        steps += 1;
      }
      assert.equal(steps, passes, "the passes played");
      // One click goes back to simulating a new image tag.
      await page.locator("[data-testid=rollout-baseline-change-leave]").click();
      assert.equal(await page.locator("[data-testid=rollout-baseline-change]").count(), 0);

      // Clearing the baseline removes the comparison.
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();
      await page.locator("[data-testid=compare-clear]").click();
      await waitFor(async () => (await page.locator("[data-testid=compare-clear]").count()) === 0, { message: "the baseline cleared" });
      assert.deepEqual(await objectChanges(page), []);
      assert.deepEqual(await rollouts(page), []);
      assert.deepEqual(await findingChanges(page), []);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });
});

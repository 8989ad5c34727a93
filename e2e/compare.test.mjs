// Compare journeys: take FeastFlow as the baseline, edit it, and review the change:
// objects with badges, the rollout it triggers, the findings it introduces.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { ROOT, objectIds, openApp, setEditorText, startServer, waitFor } from "./helpers.mjs";

const BACKEND = "Deployment/feastflow/feastflow-backend";
const BACKEND_SERVICE = "Service/feastflow/feastflow-backend";

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
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
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

      // The rollout opens in the Rollout view.
      await page.locator(`[data-testid=diff-rollout][data-workload="${BACKEND}"] [data-testid=diff-rollout-open]`).click();
      await page.waitForSelector("[data-testid=rollout] [data-testid=rollout-state]");
      assert.equal(await page.locator("[data-testid=rollout-workload]").inputValue(), BACKEND);

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

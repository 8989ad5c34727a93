// Rollout journeys: step FeastFlow's Deployments through the controller's passes,
// watch a failing version stall, roll back, and try the Pods vs ReplicaSets vs
// Deployments demonstration.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { chooseSample, objectIds, openApp, setEditorText, startServer, waitFor, waitForEqual } from "./helpers.mjs";

const BACKEND = "Deployment/feastflow/feastflow-backend";
const FRONTEND = "Deployment/feastflow/feastflow-frontend";

/** The state the panel shows, as `old_total/old_ready | new_total/new_ready`. */
async function readState(page) {
  return page.$eval("[data-testid=rollout-state]", (el) => ({
    pass: Number(el.dataset.pass),
    state: `${el.dataset.oldTotal}/${el.dataset.oldReady} | ${el.dataset.newTotal}/${el.dataset.newReady}`,
    complete: el.dataset.complete === "true",
  }));
}

/** Total pods (old + new spec totals) of the state shown. */
async function readTotal(page) {
  return page.$eval("[data-testid=rollout-state]", (el) => Number(el.dataset.oldTotal) + Number(el.dataset.newTotal));
}

/** The pod tiles drawn, once their phases have settled. */
async function settledPods(page) {
  await page.waitForSelector('[data-testid=rollout-state][data-moment="settled"]');
  return page.$$eval("[data-testid=rollout-pod]", (els) =>
    els.map((el) => ({ name: el.dataset.pod, phase: el.dataset.phase, updated: el.dataset.updated === "true", text: el.innerText })),
  );
}

async function step(page) {
  await page.locator("[data-testid=rollout-step]").click();
}

/** Presses Step until the shown state stops changing; returns the states seen. */
async function stepToTheEnd(page) {
  const seen = [await readState(page)];
  for (let i = 0; i < 50; i++) {
    if (await page.locator("[data-testid=rollout-step]").isDisabled()) break;
    await step(page);
    const next = await waitFor(async () => {
      const s = await readState(page);
      return s.pass > seen.at(-1).pass ? s : null;
    }, { message: "the next pass" });
    if (next.state === seen.at(-1).state && next.complete === seen.at(-1).complete) {
      seen.push(next);
      break;
    }
    seen.push(next);
  }
  return seen;
}

describe("rollout", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  /** Opens the app on FeastFlow, shows the rollout view, runs `body`, fails on page errors. */
  async function withRollout(body) {
    const app = await openApp(server);
    try {
      await waitFor(async () => (await objectIds(app.page)).includes(BACKEND), { message: "the FeastFlow sample" });
      await app.page.locator('[data-testid=view-tab][data-view="rollout"]').click();
      await app.page.waitForSelector("[data-testid=rollout] [data-testid=rollout-state]");
      await body(app);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  }

  it("steps the backend through the controller's four passes", async () => {
    await withRollout(async ({ page }) => {
      assert.equal(await page.locator("[data-testid=rollout-workload]").inputValue(), BACKEND, "the backend is preselected");
      assert.deepEqual(await readState(page), { pass: 0, state: "2/2 | 0/0", complete: false });
      const initial = await settledPods(page);
      assert.equal(initial.length, 2);
      assert.ok(initial.every((p) => !p.updated && p.phase === "Available" && p.text.includes("Available")), JSON.stringify(initial));

      const expected = [
        { pass: 1, state: "2/2 | 1/1", complete: false },
        { pass: 2, state: "1/1 | 1/1", complete: false },
        { pass: 3, state: "1/1 | 2/2", complete: false },
        { pass: 4, state: "0/0 | 2/2", complete: true },
      ];
      for (const want of expected) {
        await step(page);
        await waitForEqual(() => readState(page), want, { message: `pass ${want.pass}` });
      }
      assert.ok(await page.locator("[data-testid=rollout-step]").isDisabled(), "no step after the last pass");
      const final = await settledPods(page);
      assert.equal(final.length, 2);
      assert.ok(final.every((p) => p.updated && p.phase === "Available"), JSON.stringify(final));
      assert.ok(initial.every((p) => !final.some((f) => f.name === p.name)), "the old pods are gone");
      await assert.doesNotReject(page.getByText("Rollout complete.").waitFor({ state: "visible" }));

      const bounds = await page.locator("[data-testid=rollout-bounds]").innerText();
      assert.match(bounds, /at most 3/);
      assert.match(bounds, /at least 2/);
      const narration = await page.locator("[data-testid=rollout-narration]").innerText();
      assert.match(narration, /Scaled down replica set feastflow-backend-\w+ to 0 from 1/);
      for (const command of ["kubectl set image", "kubectl rollout status", "kubectl rollout undo", "kubectl rollout history"]) {
        assert.ok(narration.includes(command), `narration lists ${command}`);
      }
      assert.equal(await page.getAttribute("[data-testid=rollout-downtime]", "data-zero-downtime"), "true");

      await page.locator("[data-testid=rollout-back]").click();
      await waitForEqual(() => readState(page), expected[2], { message: "pass 3 again" });

      // Another view and back: the panel comes back to the same moment.
      await page.locator('[data-testid=view-tab][data-view="graph"]').click();
      await page.waitForSelector("[data-testid=rollout]", { state: "detached" });
      await page.locator('[data-testid=view-tab][data-view="rollout"]').click();
      await waitForEqual(() => readState(page), expected[2], { message: "pass 3 after switching views" });
    });
  });

  it("steps with the arrow keys and plays to the end", async () => {
    await withRollout(async ({ page }) => {
      await page.locator("[data-testid=rollout]").focus();
      await page.keyboard.press("ArrowRight");
      await waitForEqual(async () => (await readState(page)).pass, 1, { message: "ArrowRight steps" });
      await page.keyboard.press("ArrowLeft");
      await waitForEqual(async () => (await readState(page)).pass, 0, { message: "ArrowLeft steps back" });

      await page.locator("[data-testid=rollout-speed]").selectOption("2");
      await page.locator("[data-testid=rollout-play]").click();
      assert.equal(await page.getAttribute("[data-testid=rollout-play]", "aria-pressed"), "true");
      await waitForEqual(() => readState(page), { pass: 4, state: "0/0 | 2/2", complete: true }, { message: "the end of the rollout" });
      await waitForEqual(() => page.getAttribute("[data-testid=rollout-play]", "aria-pressed"), "false", { message: "playing stops at the end" });

      await page.locator("[data-testid=rollout-reset]").click();
      assert.deepEqual(await readState(page), { pass: 0, state: "2/2 | 0/0", complete: false });
    });
  });

  it("shows the moment right after a pass, then its settled state", async () => {
    await withRollout(async ({ page }) => {
      await step(page);
      const moment = () => page.getAttribute("[data-testid=rollout-state]", "data-moment");
      await waitForEqual(moment, "after", { message: "the moment right after pass 1", timeout: 900, interval: 30 });
      const starting = await page.$$eval("[data-testid=rollout-pod]", (els) => els.map((el) => el.dataset.phase));
      assert.deepEqual(starting.sort(), ["Available", "Available", "ContainerCreating"]);
      await waitForEqual(moment, "settled", { message: "pass 1 settled" });
      const transition = await page.$eval("[data-testid=rollout-pod]", (el) => getComputedStyle(el).transitionDuration);
      assert.notEqual(transition.split(",")[0].trim(), "0s", "tiles animate");
    });
  });

  it("honours prefers-reduced-motion: no transitions, steps land at once", async () => {
    await withRollout(async ({ page }) => {
      // The panel reads the preference when it mounts: leave the view, emulate, come back.
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.locator('[data-testid=view-tab][data-view="rollout"]').click();
      await page.waitForSelector("[data-testid=rollout-state]");
      for (let pass = 1; pass <= 2; pass++) {
        await step(page);
        await waitForEqual(async () => (await readState(page)).pass, pass, { message: `pass ${pass}` });
        assert.equal(await page.getAttribute("[data-testid=rollout-state]", "data-moment"), "settled");
      }
      const style = await page.$eval("[data-testid=rollout-pod]", (el) => {
        const css = getComputedStyle(el);
        return { transition: css.transitionDuration, animation: css.animationName };
      });
      assert.deepEqual(style, { transition: "0s", animation: "none" });
    });
  });

  it("stalls a failing new version with ProgressDeadlineExceeded", async () => {
    await withRollout(async ({ page }) => {
      await page.locator("[data-testid=rollout-fail-new]").click();
      assert.equal(await page.getAttribute("[data-testid=rollout-fail-new]", "aria-pressed"), "true");
      const seen = await stepToTheEnd(page);
      const last = seen.at(-1);
      assert.deepEqual([last.state, last.complete], ["2/2 | 1/0", false], JSON.stringify(seen));
      const outcome = page.locator("[data-testid=rollout-outcome]");
      await outcome.waitFor({ state: "visible" });
      assert.match(await outcome.innerText(), /Progressing=False ProgressDeadlineExceeded/);
      const pods = await settledPods(page);
      assert.ok(pods.some((p) => p.updated && p.phase === "RunningNotReady" && p.text.includes("not ready")), JSON.stringify(pods));
      assert.equal(pods.filter((p) => !p.updated && p.phase === "Available").length, 2, "both old pods still serve");
    });
  });

  it("shows the frontend's three passes and where the review's narrative differs", async () => {
    await withRollout(async ({ page }) => {
      await page.locator("[data-testid=rollout-workload]").selectOption(FRONTEND);
      await waitForEqual(() => readState(page), { pass: 0, state: "3/3 | 0/0", complete: false }, { message: "the frontend" });
      const totals = [await readTotal(page)];
      const seen = await stepToTheEnd(page);
      for (const s of seen.slice(1)) totals.push(s.state.split(" | ").reduce((n, part) => n + Number(part.split("/")[0]), 0));
      assert.equal(seen.at(-1).pass, 3, "three passes");
      assert.ok(seen.at(-1).complete);
      assert.deepEqual(totals, [3, 4, 5, 3]);

      const note = page.locator("[data-testid=rollout-review-note]");
      await note.waitFor({ state: "visible" });
      assert.equal(await note.getAttribute("data-matches"), "false");
      const text = await note.innerText();
      assert.match(text, /differs/);
      assert.match(text, /Create 2 v2 pods → 5 total/);
      assert.match(text, /3 → 4 → 5 → 3/);
    });
  });

  it("rolls back with kubectl rollout undo, reusing and renumbering the old ReplicaSet", async () => {
    await withRollout(async ({ page }) => {
      await page.locator("[data-testid=rollout-undo]").click();
      const revisions = page.locator("[data-testid=rollout-revisions]");
      await revisions.waitFor({ state: "visible" });
      const tables = await revisions.locator("table").evaluateAll((els) =>
        els.map((t) => [...t.querySelectorAll("tbody tr")].map((tr) => ({ revision: tr.dataset.revision, rs: tr.dataset.replicaset, current: tr.classList.contains("current") }))),
      );
      const [beforeUndo, afterUndo] = tables;
      assert.deepEqual(beforeUndo.map((r) => r.revision), ["1", "2"]);
      assert.deepEqual(afterUndo.map((r) => r.revision), ["2", "3"]);
      const original = beforeUndo.find((r) => r.revision === "1").rs;
      assert.equal(afterUndo.find((r) => r.current).rs, original, "the original ReplicaSet is current again");
      assert.match(await revisions.innerText(), /was revision 1/);
      // The rollback itself plays: the v2 pods give way to the reused ReplicaSet.
      assert.equal(await page.getAttribute("[data-testid=rollout-play]", "aria-pressed"), "true");
      await page.locator("[data-testid=rollout-play]").click();
      const seen = await stepToTheEnd(page);
      assert.equal(seen[0].state, "2/2 | 0/0");
      assert.ok(seen.at(-1).complete, JSON.stringify(seen));
      const pods = await settledPods(page);
      assert.ok(pods.every((p) => p.updated && p.name.startsWith(`${original}-`)), JSON.stringify(pods));
    });
  });

  it("demonstrates Pods vs ReplicaSets vs Deployments", async () => {
    await withRollout(async ({ page }) => {
      const lessons = page.locator("[data-testid=rollout-lessons]");
      assert.equal(await lessons.locator("[data-testid=owner-table] tbody tr").count(), 10);
      const run = async (owner, experiment) => {
        await lessons.locator(`[data-testid=lesson-${experiment}][data-owner=${owner}]`).click();
        const lesson = lessons.locator(`[data-testid=lesson][data-owner=${owner}][data-experiment=${experiment}]`);
        await lesson.waitFor({ state: "visible" });
        const steps = await lesson.locator(".lesson-step").evaluateAll((els) =>
          els.map((el) => ({ pods: Number(el.dataset.pods), serving: Number(el.dataset.serving) })),
        );
        return { downtime: (await lesson.getAttribute("data-downtime")) === "true", steps, text: await lesson.innerText() };
      };
      const podDelete = await run("pod", "delete-pod");
      assert.ok(podDelete.downtime);
      assert.equal(podDelete.steps.at(-1).pods, 0, "a deleted bare Pod is gone for good");
      const rsDelete = await run("replicaset", "delete-pod");
      assert.ok(!rsDelete.downtime);
      assert.equal(rsDelete.steps.at(-1).pods, 3, "the ReplicaSet replaces it");
      const deployDelete = await run("deployment", "delete-pod");
      assert.ok(!deployDelete.downtime);
      assert.match(deployDelete.text, /ReplicaSet/);
      const podImage = await run("pod", "change-image");
      assert.ok(podImage.downtime, "a bare Pod is deleted and re-created");
      const rsImage = await run("replicaset", "change-image");
      assert.match(rsImage.text, /Nothing happens to the running pods/);
      const deployImage = await run("deployment", "change-image");
      assert.ok(!deployImage.downtime, "a Deployment rolls");
      assert.ok(deployImage.steps.length > 3);
    });
  });

  it("works for a Recreate Deployment, a StatefulSet and a DaemonSet", async () => {
    await withRollout(async ({ page }) => {
      // FeastFlow's postgres StatefulSet: one pod, replaced by ordinal.
      await page.locator("[data-testid=rollout-workload]").selectOption("StatefulSet/feastflow/postgres");
      await waitForEqual(() => readState(page), { pass: 0, state: "1/1 | 0/0", complete: false }, { message: "postgres" });
      let seen = await stepToTheEnd(page);
      assert.deepEqual(seen.map((s) => s.state), ["1/1 | 0/0", "0/0 | 0/0", "0/0 | 1/1"]);
      assert.ok(seen.at(-1).complete);
      assert.deepEqual((await settledPods(page)).map((p) => [p.name, p.updated]), [["postgres-0", true]]);

      await chooseSample(page, "empty");
      await setEditorText(
        page,
        `apiVersion: apps/v1
kind: Deployment
metadata: { name: batch, namespace: demo }
spec:
  replicas: 3
  strategy: { type: Recreate }
  selector: { matchLabels: { app: batch } }
  template:
    metadata: { labels: { app: batch } }
    spec:
      containers: [{ name: batch, image: "example/batch:1" }]
---
apiVersion: v1
kind: Service
metadata: { name: batch, namespace: demo }
spec:
  selector: { app: batch }
  ports: [{ port: 80 }]
---
apiVersion: apps/v1
kind: DaemonSet
metadata: { name: agent, namespace: demo }
spec:
  selector: { matchLabels: { app: agent } }
  template:
    metadata: { labels: { app: agent } }
    spec:
      containers: [{ name: agent, image: "example/agent:1" }]
`,
      );
      await waitForEqual(
        () => page.$$eval("[data-testid=rollout-workload] option", (els) => els.map((el) => el.value)),
        ["Deployment/demo/batch", "DaemonSet/demo/agent"],
        { message: "the pasted workloads" },
      );
      seen = await stepToTheEnd(page);
      assert.deepEqual(seen.map((s) => s.state), ["3/3 | 0/0", "0/0 | 0/0", "0/0 | 3/3"]);
      assert.equal(await page.getAttribute("[data-testid=rollout-downtime]", "data-zero-downtime"), "false");
      assert.match(await page.locator("[data-testid=rollout-downtime]").innerText(), /downtime/);

      await page.locator("[data-testid=rollout-workload]").selectOption("DaemonSet/demo/agent");
      await waitForEqual(() => readState(page), { pass: 0, state: "3/3 | 0/0", complete: false }, { message: "one pod per node" });
      const nodes = await page.$$eval("[data-node]", (els) => els.map((el) => el.dataset.node));
      assert.deepEqual(nodes, ["node-1", "node-2", "node-3"]);
      seen = await stepToTheEnd(page);
      assert.equal(seen.at(-1).state, "0/0 | 3/3");
      assert.ok(seen.at(-1).complete);
      // maxUnavailable 1: never fewer than 2 available in a settled state.
      assert.ok(seen.every((s) => Number(s.state.split(" | ")[0].split("/")[1]) + Number(s.state.split(" | ")[1].split("/")[1]) >= 2), JSON.stringify(seen));
    });
  });
});

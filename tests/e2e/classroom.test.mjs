// Classroom journeys: a level's solution shown as changes to the student's own files, applied
// and undone; a teacher builds a level (a finding gone, an edge that must exist, a hint), shares
// it as a link, and the link opens that level, with its goals, in a fresh browser.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  chooseSample,
  editorText,
  objectIds,
  openApp,
  setEditorText,
  startServer,
  waitFor,
  waitForEqual,
} from "./helpers.mjs";

async function openLearnTab(page) {
  await page.locator('[data-testid=view-tab][data-view="learn"]').click();
  await page.waitForSelector("[data-testid=learn] [data-level-id]");
}

/** Every goal of the open level (`true`/`false` each) and the status's `data-done`. */
async function readGoals(page) {
  return {
    goals: await page.$$eval("[data-testid=level-goal]", (els) => els.map((el) => el.dataset.done)),
    done: await page.$eval("[data-testid=level-status]", (el) => el.dataset.done),
  };
}

/** The solution diff as shown: per file, its change and its removed and added lines (trimmed). */
async function readDiff(page) {
  return page.$$eval("[data-testid=solution-file]", (files) =>
    files.map((file) => {
      const lines = (change) =>
        [...file.querySelectorAll(`[data-testid=diff-line][data-change="${change}"] [data-testid=diff-text]`)].map((el) =>
          el.textContent.trim(),
        );
      return { file: file.dataset.file, change: file.dataset.change, removed: lines("removed"), added: lines("added") };
    }),
  );
}

/** A Deployment and a Service whose selector reads `selected`. */
const web = (selected) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: ${selected}
  ports:
    - port: 80
      targetPort: http
`;

/** Picks the menu's condition of group `rule` whose text is `text`, and adds it. */
async function addCondition(page, rule, text) {
  const menu = page.locator("[data-testid=builder-condition-menu]");
  const value = await waitFor(
    () =>
      menu.evaluate(
        (select, [rule, text]) =>
          [...select.querySelectorAll(`option[data-rule="${rule}"]`)].find((o) => o.textContent === text)?.value,
        [rule, text],
      ),
    { message: `the condition "${text}" in the menu` },
  );
  await menu.selectOption(value);
  await page.locator("[data-testid=builder-add-condition]").click();
  await page.waitForSelector(`[data-testid=builder-condition][data-rule="${rule}"]`);
}

describe("classroom", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  it("shows the solution as changes to the student's files, applies it and undoes it", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await openLearnTab(page);
      await page.locator('[data-level-id="labels-and-selectors"]').click();
      await page.waitForSelector('[data-testid=level-panel][data-open-level="labels-and-selectors"]');
      assert.equal((await readGoals(page)).done, "false");

      // The student changes a line the solution does not: the diff puts it back too.
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      const start = await editorText(page);
      const mine = start.replace("replicas: 2", "replicas: 5");
      assert.notEqual(mine, start);
      await setEditorText(page, mine);
      // The edit reached the analysis once the banner offering to undo the level's opening goes
      // (typing ends what Undo can restore); until then a click could land on a moving page.
      await page.locator("[data-testid=undo-banner]").waitFor({ state: "detached" });

      await page.locator("[data-testid=level-show-solution]").click();
      const diff = await waitFor(async () => {
        const d = await readDiff(page);
        return d.length > 0 ? d : null;
      }, { message: "the solution diff" });
      assert.deepEqual(diff, [
        {
          file: "web.yaml",
          change: "changed",
          removed: ["replicas: 5", "app: webapp"],
          added: ["replicas: 2", "app: web"],
        },
      ]);
      // Context lines come with each change, numbered.
      const context = await page.$$eval("[data-testid=diff-line][data-change=same] [data-testid=diff-text]", (els) =>
        els.map((el) => el.textContent.trim()),
      );
      assert.ok(context.includes("selector:"), `context around the selector: ${context}`);

      await page.locator("[data-testid=level-apply-solution]").click();
      await waitForEqual(async () => (await readGoals(page)).done, "true", { message: "the level done" });
      await page.waitForSelector("[data-testid=level-done]");
      assert.ok((await readGoals(page)).goals.every((g) => g === "true"));
      const solved = await editorText(page);
      assert.ok(solved.includes("replicas: 2") && solved.includes("app: web\n"), solved);
      // Nothing is left to apply.
      await page.waitForSelector("[data-testid=solution-applied]");

      // Undo brings the student's own text back.
      await page.locator("[data-testid=undo]").click();
      await waitForEqual(() => editorText(page), mine, { message: "the student's text after Undo" });
      await waitForEqual(async () => (await readGoals(page)).done, "false", { message: "the goal unmet again" });
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });

  it("builds a level with a finding, an edge and a hint, and opens it from a link", async () => {
    const teacher = await openApp(server);
    let url;
    const title = "Find the pods";
    const finding = "No service-selects-no-pods finding on Service/default/web";
    const edge = "Service/default/web selects the pods of Deployment/default/web";
    const hint = "Compare the selector with the pod labels.";
    try {
      const { page } = teacher;
      await chooseSample(page, "empty");
      await setEditorText(page, web("wbe"));
      await waitForEqual(() => objectIds(page), ["Deployment/default/web", "Service/default/web"], { message: "the objects" });

      await openLearnTab(page);
      await page.locator("[data-testid=level-builder] > summary").click();
      await page.locator("[data-testid=builder-pack-title]").fill("Class of today");
      await page.locator("[data-testid=builder-title]").fill(title);
      await page.locator("[data-testid=builder-goal]").fill("Make the Service find its pods.");
      await page.locator("[data-testid=builder-take-start]").click();
      await waitForEqual(() => page.locator("[data-testid=builder-start-count]").textContent(), "1 file(s)", { message: "the start taken" });
      // While the selector is wrong, the finding is offered and the edge is not.
      await addCondition(page, "no_finding", finding);
      const edges = await page.$$eval('[data-testid=builder-condition-menu] option[data-rule="edge"]', (os) => os.map((o) => o.textContent));
      assert.ok(!edges.includes(edge), `no selects edge yet: ${edges}`);

      // The teacher fixes the files: now the edge exists and is offered.
      await setEditorText(page, web("web"));
      await page.locator("[data-testid=builder-take-solution]").click();
      await addCondition(page, "edge", edge);

      await page.locator("[data-testid=builder-hint-input]").fill(hint);
      await page.locator("[data-testid=builder-add-hint]").click();
      await waitForEqual(() => page.$$eval("[data-testid=builder-hint-text]", (els) => els.map((e) => e.textContent)), [hint], { message: "the hint" });

      await page.locator("[data-testid=builder-add-level]").click();
      const level = page.locator("[data-testid=builder-level]");
      await level.waitFor();
      assert.equal(await level.getAttribute("data-works"), "true", "the start misses the goal and the solution meets it");
      const levelId = await level.getAttribute("data-level");
      assert.equal(levelId, "find-the-pods");

      await page.locator("[data-testid=builder-share]").click();
      url = await page.locator("[data-testid=builder-share-url]").inputValue();
      assert.ok(url.startsWith(server.origin + "/#share=v1."), url);
      assert.deepEqual(teacher.pageErrors, [], "uncaught errors in the teacher's page");
    } finally {
      await teacher.close();
    }

    // A student's fresh browser: the level is open on its starting files, its goals unmet.
    const student = await openApp(server, { path: url.slice(server.origin.length) });
    try {
      const { page } = student;
      await page.waitForSelector('[data-testid=level-panel][data-open-level="find-the-pods"]');
      assert.equal(await page.locator("[data-testid=level-panel] .level-title").textContent(), title);
      const goals = await page.$$eval("[data-testid=level-goal]", (els) =>
        els.map((el) => ({ text: el.textContent.trim(), done: el.dataset.done })),
      );
      assert.equal(goals.length, 2);
      assert.ok(goals.every((g) => g.done === "false"), JSON.stringify(goals));
      assert.ok(goals.some((g) => g.text.includes(finding)), JSON.stringify(goals));
      assert.ok(goals.some((g) => g.text.includes(edge)), JSON.stringify(goals));
      assert.deepEqual(await objectIds(page), ["Deployment/default/web", "Service/default/web"]);
      await page.locator("[data-testid=level-hint-more]").click();
      await waitForEqual(() => page.$$eval("[data-testid=level-hint]", (els) => els.map((e) => e.textContent.trim())), [hint], { message: "the hint" });

      // The pack joined the student's list.
      await openLearnTab(page);
      await page.waitForSelector('[data-pack-id="class-of-today"][data-level-id="find-the-pods"]');

      // Fixing the selector meets both goals.
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      await setEditorText(page, web("web"));
      await waitForEqual(async () => (await readGoals(page)).goals, ["true", "true"], { message: "both goals met" });
      assert.deepEqual(student.pageErrors, [], "uncaught errors in the student's page");
    } finally {
      await student.close();
    }
  });
});

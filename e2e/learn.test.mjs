// Learn journeys: open the first level, see its goals unmet, apply the solution and see every
// goal met; fix one planted problem of a challenge and see "N of M fixed" move; load a lesson
// pack from a file (and see a bad one's located errors); progress survives a reload.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { editorText, openApp, setEditorText, startServer, waitFor, waitForEqual } from "./helpers.mjs";

/** Every goal of the open level (`true`/`false` each) and the status. */
async function readGoals(page) {
  return {
    goals: await page.$$eval("[data-testid=level-goal]", (els) => els.map((el) => el.dataset.done)),
    status: await page.$eval("[data-testid=level-status]", (el) => ({
      done: el.dataset.done,
      fixed: Number(el.dataset.fixed),
      total: Number(el.dataset.total),
      text: el.textContent.trim(),
    })),
  };
}

async function openLearnTab(page) {
  await page.locator('[data-testid=view-tab][data-view="learn"]').click();
  await page.waitForSelector("[data-testid=learn] [data-level-id]");
}

/**
 * The first hunk of a line diff from `a` to `b` (longest common subsequence), applied alone:
 * the text of `a` with only that one change made.
 */
function applyFirstHunk(a, b) {
  const x = a.split("\n");
  const y = b.split("\n");
  const n = x.length;
  const m = y.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < n && j < m && x[i] === y[j]) {
    i++;
    j++;
  }
  // The hunk runs until both sides meet again on a common line.
  let ei = i;
  let ej = j;
  while (ei < n || ej < m) {
    if (ei < n && ej < m && x[ei] === y[ej]) break;
    if (ej >= m || (ei < n && lcs[ei + 1][ej] >= lcs[ei][ej + 1])) ei++;
    else ej++;
  }
  return [...x.slice(0, i), ...y.slice(j, ej), ...x.slice(ei)].join("\n");
}

const PACK = `id: class-pack
title: "A teacher's pack"
summary: "One level written for a class."
levels:
  - id: add-a-service
    kind: level
    title: "Give web a Service"
    intro: |
      A Service gives pods one stable address.
    goal: "Add a Service named web."
    files:
      - name: web.yaml
        text: |
          apiVersion: v1
          kind: ConfigMap
          metadata:
            name: web
    conditions:
      - text: "A Service named web exists"
        exists: {kind: Service, name: web}
    hints:
      - "kind: Service"
    solution:
      - name: web.yaml
        text: |
          apiVersion: v1
          kind: Service
          metadata:
            name: web
          spec:
            ports:
              - port: 80
    learned: |
      A Service is an address.
`;

describe("learn", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  it("checks a level's goals live, solves it with its solution and keeps the progress", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await openLearnTab(page);
      const first = page.locator("[data-level-id]").first();
      const levelId = await first.getAttribute("data-level-id");
      const packId = await first.getAttribute("data-pack-id");
      assert.equal(await first.getAttribute("data-done"), "false");
      await first.click();
      await page.waitForSelector(`[data-testid=level-panel][data-open-level="${levelId}"]`);

      // The starting files replaced the workspace and leave the goal unmet.
      const start = await readGoals(page);
      assert.ok(start.goals.length > 0, "the level has conditions");
      assert.ok(start.goals.includes("false"), `some goal is unmet at the start: ${start.goals}`);
      assert.equal(start.status.done, "false");
      assert.equal(await page.locator("[data-testid=level-done]").count(), 0);

      // Hints come one at a time.
      if ((await page.locator("[data-testid=level-hint-more]").count()) > 0) {
        assert.equal(await page.locator("[data-testid=level-hint]").count(), 0);
        await page.locator("[data-testid=level-hint-more]").click();
        await waitForEqual(() => page.locator("[data-testid=level-hint]").count(), 1, { message: "one hint" });
      }

      await page.locator("[data-testid=level-show-solution]").click();
      await page.locator("[data-testid=level-apply-solution]").click();
      const solved = await waitFor(async () => {
        const g = await readGoals(page);
        return g.status.done === "true" ? g : null;
      }, { message: "the goal met by the solution" });
      assert.ok(solved.goals.every((d) => d === "true"), `every goal met: ${solved.goals}`);
      assert.equal(solved.goals.length, start.goals.length);
      await page.waitForSelector("[data-testid=level-done] [data-testid=level-next]");

      // Breaking the file again unmeets the goal: the check is live.
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      const solvedText = await editorText(page);
      await setEditorText(page, "");
      await waitForEqual(async () => (await readGoals(page)).status.done, "false", { message: "the goal unmet after emptying the file" });
      await setEditorText(page, solvedText);
      await waitForEqual(async () => (await readGoals(page)).status.done, "true", { message: "the goal met again" });

      await openLearnTab(page);
      await waitForEqual(
        () => page.getAttribute(`[data-pack-id="${packId}"][data-level-id="${levelId}"]`, "data-done"),
        "true",
        { message: "the level marked done in the list" },
      );

      // Progress survives a reload.
      await page.reload({ waitUntil: "load" });
      await page.waitForSelector("[data-testid=view-tab]");
      await openLearnTab(page);
      assert.equal(await page.getAttribute(`[data-pack-id="${packId}"][data-level-id="${levelId}"]`, "data-done"), "true");
      assert.equal(await page.getAttribute(`[data-testid=level-panel]`, "data-open-level"), levelId, "the open level is still open");
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });

  it("counts a challenge's fixed problems without naming them", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await openLearnTab(page);
      // The whole app: six planted problems in five files.
      const challengeId = "whole-app";
      await page.locator(`[data-challenge-id="${challengeId}"]`).click();
      await page.waitForSelector(`[data-testid=level-panel][data-kind="challenge"][data-open-level="${challengeId}"]`);
      const start = await readGoals(page);
      const total = start.status.total;
      assert.equal(total, 6);
      assert.equal(start.status.fixed, 0, "no planted problem is fixed at the start");
      assert.equal(start.status.text, `0 of ${total} fixed`);
      // The goals are not named: the marks carry no text.
      const texts = await page.$$eval("[data-testid=level-goal]", (els) => els.map((el) => el.textContent.trim()));
      assert.ok(texts.every((t) => t === ""), `unnamed: ${texts}`);

      // Fix one problem by editing: one change of the solution, made in the editor.
      await page.locator("[data-testid=level-show-solution]").click();
      const solutions = await page.$$eval("[data-testid=level-solution-file]", (els) =>
        els.map((el) => ({ file: el.dataset.file, text: el.textContent })),
      );
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      let fixed = 0;
      for (const { file, text } of solutions) {
        const tab = page.locator(`[data-testid=file-tab][data-file="${file}"] .file-tab-name`);
        if ((await tab.count()) === 0) continue;
        await tab.click();
        const current = await editorText(page);
        if (current === text) continue;
        await setEditorText(page, applyFirstHunk(current, text));
        fixed = await waitFor(async () => {
          const s = (await readGoals(page)).status;
          return s.fixed > 0 ? s.fixed : null;
        }, { message: "a problem fixed", timeout: 3000 }).catch(() => 0);
        if (fixed > 0) break;
      }
      assert.ok(fixed > 0, "one edit fixed a problem");
      const after = await readGoals(page);
      assert.equal(after.status.text, `${after.status.fixed} of ${total} fixed`);
      assert.ok(after.status.fixed < total, "one edit does not fix everything");
      assert.equal(after.status.done, "false");

      await page.locator("[data-testid=level-apply-solution]").click();
      await waitForEqual(async () => (await readGoals(page)).status.text, `${total} of ${total} fixed`, { message: "every problem fixed" });
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });

  it("loads a lesson pack from a file, with located errors for a bad one", async () => {
    const app = await openApp(server);
    const { page } = app;
    try {
      await openLearnTab(page);
      await page.locator("[data-testid=load-pack]").setInputFiles({
        name: "broken.yaml",
        mimeType: "text/yaml",
        buffer: Buffer.from("id: broken\ntitle: [unclosed\n"),
      });
      const error = await page.waitForSelector("[data-testid=pack-error]");
      assert.match(await error.textContent(), /^broken\.yaml:\d+:\d+/);

      await page.locator("[data-testid=load-pack]").setInputFiles({
        name: "class.yaml",
        mimeType: "text/yaml",
        buffer: Buffer.from(PACK),
      });
      await page.waitForSelector('[data-pack-id="class-pack"][data-level-id="add-a-service"]');
      assert.equal(await page.locator("[data-testid=pack-error]").count(), 0, "the errors go once a pack reads");
      await page.locator('[data-pack-id="class-pack"][data-level-id="add-a-service"]').click();
      await page.waitForSelector('[data-testid=level-panel][data-open-level="add-a-service"]');
      assert.deepEqual((await readGoals(page)).goals, ["false"]);
      await page.locator("[data-testid=level-show-solution]").click();
      await page.locator("[data-testid=level-apply-solution]").click();
      await waitForEqual(async () => (await readGoals(page)).goals, ["true"], { message: "the loaded level solved" });

      // The loaded pack is still there after a reload.
      await page.reload({ waitUntil: "load" });
      await page.waitForSelector("[data-testid=view-tab]");
      await openLearnTab(page);
      assert.equal(await page.getAttribute('[data-pack-id="class-pack"][data-level-id="add-a-service"]', "data-done"), "true");
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  });
});

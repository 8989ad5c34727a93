// Learn journeys: open the first level, see its goals unmet, apply the solution and see every
// goal met; fix one planted problem of a challenge (one hunk of the solution diff) and see
// "N of M fixed" move; load a lesson pack from a file (and see a bad one's located errors);
// progress survives a reload.
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
 * `text` with one hunk of the solution diff made: the old lines it shows, from `oldStart`, give
 * way to its lines that are not removed.
 */
function applyHunk(text, { oldStart, lines }) {
  const x = text.split("\n");
  const old = lines.filter((l) => l.change !== "added").length;
  const kept = lines.filter((l) => l.change !== "removed").map((l) => l.text);
  return [...x.slice(0, oldStart - 1), ...kept, ...x.slice(oldStart - 1 + old)].join("\n");
}

/** The first hunk of each file the solution changes, as the diff shows it. */
async function firstHunks(page) {
  return page.$$eval("[data-testid=solution-file][data-change=changed]", (files) =>
    files.map((file) => {
      const hunk = file.querySelector("[data-testid=diff-hunk]");
      return {
        file: file.dataset.file,
        oldStart: Number(hunk.dataset.oldStart),
        lines: [...hunk.querySelectorAll("[data-testid=diff-line]")].map((line) => ({
          change: line.dataset.change,
          text: line.querySelector("[data-testid=diff-text]").textContent,
        })),
      };
    }),
  );
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

      // Fix one problem by editing: one hunk of the solution diff, made in the editor.
      await page.locator("[data-testid=level-show-solution]").click();
      const hunks = await firstHunks(page);
      assert.ok(hunks.length > 0, "the solution changes files");
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      let fixed = 0;
      for (const hunk of hunks) {
        const tab = page.locator(`[data-testid=file-tab][data-file="${hunk.file}"] .file-tab-name`);
        if ((await tab.count()) === 0) continue;
        await tab.click();
        const current = await editorText(page);
        await setEditorText(page, applyHunk(current, hunk));
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

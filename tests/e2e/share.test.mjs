// Share links: the workspace travels in the address's fragment and opens, as it was, in a
// browser that has never seen it; Secret values stay out of the link unless asked for; a
// damaged link says so and the page still works.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
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

const SECRET = `apiVersion: v1
kind: Secret
metadata:
  name: creds
stringData:
  password: hunter2-very-secret
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
data:
  mode: visible-value
`;

/** Opens the share dialog and returns the link it offers. */
async function shareUrl(page) {
  await page.locator("[data-testid=share]").click();
  const input = page.locator("[data-testid=share-url]");
  await input.waitFor();
  return input.inputValue();
}

/** The workspace a link carries, decoded as any reader of the format would. */
function decodeLink(url) {
  const payload = new URL(url).hash.replace(/^#share=/, "");
  assert.match(payload, /^v1\./);
  const bytes = Buffer.from(payload.slice(3), "base64url");
  // The payload is raw deflate.
  return JSON.parse(inflateRawSync(bytes).toString("utf8"));
}

/** Every goal of the open level: `true`/`false` each. */
const goals = (page) => page.$$eval("[data-testid=level-goal]", (els) => els.map((el) => el.dataset.done));
const openLevel = (page) =>
  page.$$eval("[data-testid=level-panel]", (els) => els.map((el) => el.dataset.openLevel));

async function openLearnTab(page) {
  await page.locator('[data-testid=view-tab][data-view="learn"]').click();
  await page.waitForSelector("[data-testid=learn] [data-level-id]");
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
    solution:
      - name: web.yaml
        text: |
          apiVersion: v1
          kind: Service
          metadata:
            name: web
    learned: |
      A Service is an address.
`;

const fileTabs = (page) => page.$$eval("[data-testid=file-tab]", (els) => els.map((el) => el.dataset.file));
const currentView = (page) =>
  page.$eval("[data-testid=view-tab][aria-selected=true]", (el) => el.dataset.view);

describe("share links", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  it("opens the same files, view and selection in a fresh browser", async () => {
    const first = await openApp(server);
    let url;
    let ids;
    let tabs;
    try {
      const { page } = first;
      ids = await objectIds(page);
      tabs = await fileTabs(page);
      assert.ok(ids.length > 5, `FeastFlow is loaded: ${ids}`);
      // Select an object, then switch to the graph.
      await page.locator('[data-testid=object-list] [data-object-id="Deployment/feastflow/feastflow-backend"] .object-button').click();
      await page.locator("[data-testid=view-tab][data-view=graph]").click();
      await waitForEqual(() => currentView(page), "graph", { message: "the graph view" });
      url = await shareUrl(page);
      assert.ok(url.startsWith(server.origin + "/#share=v1."), url);
      // FeastFlow's Secret is replaced unless the user unticks the box.
      await page.locator("[data-testid=share-secrets]").waitFor();
      assert.equal(await page.locator("[data-testid=share-redact]").isChecked(), true);
      console.log(`FeastFlow share link: ${url.length} characters`);
    } finally {
      await first.close();
    }

    // A new profile: no storage at all.
    const second = await openApp(server, { path: url.slice(server.origin.length), ready: "[data-testid=view-tab]" });
    try {
      const { page } = second;
      await waitForEqual(() => currentView(page), "graph", { message: "the shared view" });
      assert.deepEqual(await fileTabs(page), tabs);
      await page.locator("[data-testid=view-tab][data-view=objects]").click();
      await waitForEqual(() => objectIds(page), ids, { message: "the shared objects" });
      const chosen = await page.$$eval("[data-testid=object-list] .object.selected[data-object-id]", (els) =>
        els.map((el) => el.dataset.objectId),
      );
      assert.ok(chosen.includes("Deployment/feastflow/feastflow-backend"), `selected: ${chosen}`);
      assert.deepEqual(second.pageErrors, []);
    } finally {
      await second.close();
    }
  });

  it("leaves Secret values out of the link when placeholders are on", async () => {
    const session = await openApp(server);
    try {
      const { page } = session;
      await chooseSample(page, "empty");
      await setEditorText(page, SECRET);
      await waitForEqual(() => objectIds(page), ["ConfigMap/default/settings", "Secret/default/creds"], {
        message: "the typed objects",
      });
      const redacted = decodeLink(await shareUrl(page));
      const text = redacted.files.map((f) => f.text).join("\n");
      assert.ok(!text.includes("hunter2-very-secret"), text);
      assert.ok(text.includes("REDACTED"), text);
      assert.ok(text.includes("visible-value"), "other values stay");
      // Unticking the box puts the value in the link, as asked.
      await page.locator("[data-testid=share-redact]").uncheck();
      await waitFor(async () => decodeLink(await page.locator("[data-testid=share-url]").inputValue()).files.some((f) => f.text.includes("hunter2-very-secret")), {
        message: "the value with placeholders off",
      });
    } finally {
      await session.close();
    }
  });

  it("says a damaged link cannot be opened and shows the usual workspace", async () => {
    const session = await openApp(server, { path: "/#share=v1.AAAA-garbage" });
    try {
      const { page } = session;
      const notice = await waitFor(async () => {
        const texts = await page.$$eval("[data-testid=notice]", (els) => els.map((el) => el.textContent));
        return texts.find((t) => t.includes("share link could not be opened"));
      }, { message: "the notice" });
      assert.match(notice, /damaged/);
      assert.ok((await objectIds(page)).length > 5, "FeastFlow loads as usual");
      // The page works: the graph opens.
      await page.locator("[data-testid=view-tab][data-view=graph]").click();
      await waitForEqual(() => currentView(page), "graph", { message: "the graph view" });
      assert.ok(!(await page.evaluate(() => location.hash)).includes("share"), "the bad fragment is dropped");
    } finally {
      await session.close();
    }
  });

  it("carries the open level: a fresh browser shows its panel and goals over the shared files", async () => {
    const first = await openApp(server);
    let url;
    let plainUrl;
    let levelId;
    let tabs;
    let startGoals;
    try {
      const { page } = first;
      // A link of the sample alone, without any lesson.
      plainUrl = await shareUrl(page);
      assert.equal(decodeLink(plainUrl).lesson, undefined);
      await page.locator("[data-testid=share-url]").press("Escape");
      await page.locator("[data-testid=share-dialog]").waitFor({ state: "detached" });
      await openLearnTab(page);
      // The second level, so the link names more than "the first one".
      const level = page.locator("[data-level-id]").nth(1);
      levelId = await level.getAttribute("data-level-id");
      const packId = await level.getAttribute("data-pack-id");
      await level.click();
      await page.waitForSelector(`[data-testid=level-panel][data-open-level="${levelId}"]`);
      // One edit, so the link holds the student's files, not the level's starting ones.
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      await setEditorText(page, (await editorText(page)) + "\n# my note\n");
      startGoals = await goals(page);
      assert.ok(startGoals.length > 0, "the level has goals");
      tabs = await fileTabs(page);
      url = await shareUrl(page);
      assert.deepEqual(decodeLink(url).lesson, { pack: packId, level: levelId }, "a built-in pack is named, not copied");

      // This browser now keeps that level open; a link without a lesson shows no level.
      await page.goto("about:blank");
      await page.goto(plainUrl, { waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await waitFor(async () => (await objectIds(page)).length > 5, { message: "the shared sample" });
      assert.deepEqual(await openLevel(page), [], "no unrelated level's goals over the shared files");
      assert.deepEqual(first.pageErrors, []);
    } finally {
      await first.close();
    }

    const second = await openApp(server, { path: url.slice(server.origin.length), ready: "[data-testid=level-panel]" });
    try {
      const { page } = second;
      assert.deepEqual(await openLevel(page), [levelId]);
      assert.deepEqual(await goals(page), startGoals);
      assert.deepEqual(await fileTabs(page), tabs);
      assert.ok((await editorText(page)).includes("# my note"), "the student's edit");
      assert.deepEqual(second.pageErrors, []);
    } finally {
      await second.close();
    }
  });

  it("carries a teacher's pack, which a fresh browser adds to its list", async () => {
    const first = await openApp(server);
    let url;
    try {
      const { page } = first;
      await openLearnTab(page);
      await page.locator("[data-testid=load-pack]").setInputFiles({
        name: "class.yaml",
        mimeType: "text/yaml",
        buffer: Buffer.from(PACK),
      });
      await page.locator('[data-pack-id="class-pack"][data-level-id="add-a-service"]').click();
      await page.waitForSelector('[data-testid=level-panel][data-open-level="add-a-service"]');
      url = await shareUrl(page);
      const lesson = decodeLink(url).lesson;
      assert.equal(lesson.pack, "class-pack");
      assert.match(lesson.pack_yaml, /add-a-service/);
    } finally {
      await first.close();
    }

    const second = await openApp(server, { path: url.slice(server.origin.length), ready: "[data-testid=level-panel]" });
    try {
      const { page } = second;
      assert.deepEqual(await openLevel(page), ["add-a-service"]);
      assert.deepEqual(await goals(page), ["false"]);
      await page.locator("[data-testid=level-show-solution]").click();
      await page.locator("[data-testid=level-apply-solution]").click();
      await waitForEqual(() => goals(page), ["true"], { message: "the shared level solved" });
      await openLearnTab(page);
      await page.waitForSelector('[data-pack-id="class-pack"][data-level-id="add-a-service"]');
      assert.deepEqual(second.pageErrors, []);
    } finally {
      await second.close();
    }
  });

  it("carries the levels done and the Compare view's baseline", async () => {
    const first = await openApp(server);
    let url;
    let packId;
    let levelId;
    try {
      const { page } = first;
      // Solve the first level with its solution.
      await openLearnTab(page);
      const level = page.locator("[data-level-id]").first();
      levelId = await level.getAttribute("data-level-id");
      packId = await level.getAttribute("data-pack-id");
      await level.click();
      await page.waitForSelector(`[data-testid=level-panel][data-open-level="${levelId}"]`);
      await page.locator("[data-testid=level-show-solution]").click();
      await page.locator("[data-testid=level-apply-solution]").click();
      await waitForEqual(() => page.getAttribute("[data-testid=level-status]", "data-done"), "true", {
        message: "the level solved",
      });

      // Take the baseline, then add an object.
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();
      await page.locator("[data-testid=compare-baseline]").click();
      await page.waitForSelector("[data-testid=compare-clear]");
      const text = await editorText(page);
      await setEditorText(page, `${text.trimEnd()}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\n  namespace: class\n`);
      await page.waitForSelector('[data-testid=diff-object][data-change="added"][data-id="ConfigMap/class/extra"]');

      url = await shareUrl(page);
      assert.equal(await page.locator("[data-testid=share-baseline]").isChecked(), true);
      const shared = decodeLink(url);
      assert.deepEqual(shared.lesson.done, [levelId], "the level done travels");
      assert.equal(shared.baseline.length, shared.files.length, "the baseline's files travel");
      assert.ok(!shared.baseline.some((f) => f.text.includes("name: extra")), "as they were when taken");
      // Unticked, the link leaves the baseline out.
      await page.locator("[data-testid=share-baseline]").uncheck();
      const withoutBaseline = decodeLink(await page.locator("[data-testid=share-url]").inputValue());
      assert.equal(withoutBaseline.baseline, undefined);
      assert.deepEqual(first.pageErrors, []);
    } finally {
      await first.close();
    }

    const second = await openApp(server, { path: url.slice(server.origin.length), ready: "[data-testid=level-panel]" });
    try {
      const { page } = second;
      await page.locator('[data-testid=view-tab][data-view="compare"]').click();
      await page.waitForSelector('[data-testid=diff-object][data-change="added"][data-id="ConfigMap/class/extra"]');
      await openLearnTab(page);
      assert.equal(
        await page.getAttribute(`[data-pack-id="${packId}"][data-level-id="${levelId}"]`, "data-done"),
        "true",
        "the sharer's progress in a browser that never saw it",
      );
      assert.deepEqual(second.pageErrors, []);
    } finally {
      await second.close();
    }
  });
});

// Share links: the workspace travels in the address's fragment and opens, as it was, in a
// browser that has never seen it; Secret values stay out of the link unless asked for; a
// damaged link says so and the page still works.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { inflateRawSync } from "node:zlib";
import {
  chooseSample,
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
});

// Offline after the first visit: over HTTP the page registers a service worker that caches
// its own files, so a reload with the network gone still shows the workspace. Served under
// a sub-path, as a project site would serve it. (The other journeys block service workers,
// so none of them ever sees a cached build.)
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROME_BIN, CHROMIUM_ARGS, TIMEOUT, objectIds, startServer, waitFor, waitForEqual } from "./helpers.mjs";

const SUB = "/manifesto/";

/** A fresh browser profile that allows service workers. */
async function launch() {
  const dir = await mkdtemp(join(tmpdir(), "manifesto-e2e-offline-"));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROME_BIN,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    serviceWorkers: "allow",
  });
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe("offline after the first visit", () => {
  let server;
  before(async () => {
    server = await startServer({ prefix: SUB });
  });
  after(async () => {
    await server?.close();
  });

  it("reloads with the network gone and shows the sample", async () => {
    const browser = await launch();
    const pageErrors = [];
    try {
      const { context, page } = browser;
      page.on("pageerror", (err) => pageErrors.push(String(err)));
      await page.goto(server.origin + SUB, { waitUntil: "load" });
      await waitFor(async () => (await objectIds(page)).length > 5, { message: "the sample" }).catch((e) => {
        throw new Error(`${e.message}\nserved: ${server.served.join(", ")}\nerrors: ${pageErrors.join("\n")}`);
      });
      const ids = await objectIds(page);

      // The worker takes control of the page it was registered from, scoped to the sub-path.
      const scope = await page.evaluate(async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.scope;
      });
      assert.equal(scope, server.origin + SUB);
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
      assert.ok(server.served.some((r) => r === `GET ${SUB}sw.js`), "the worker comes from the sub-path");

      await context.setOffline(true);
      const before = server.served.length;
      await page.reload({ waitUntil: "load" });
      await waitForEqual(() => objectIds(page), ids, { message: "the sample's objects, offline" });
      assert.equal(server.served.length, before, "nothing reached the server while offline");
      assert.deepEqual(pageErrors, []);
    } finally {
      await browser.close();
    }
  });

});

// "Download as one HTML file": the app and the workspace in a single .html that runs from
// file:// with no network at all.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launchBrowser, objectIds, openApp, setEditorText, chooseSample, startServer, waitForEqual } from "./helpers.mjs";

const MANIFESTS = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: offline-web
spec:
  replicas: 2
  selector:
    matchLabels: {app: offline-web}
  template:
    metadata:
      labels: {app: offline-web}
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: offline-web
spec:
  selector: {app: offline-web}
  ports:
    - port: 80
`;

describe("one HTML file", () => {
  let server;
  let dir;
  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), "manifesto-single-"));
  });
  after(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("downloads a file that opens the workspace from file:// with no network", async () => {
    const session = await openApp(server);
    const file = join(dir, "manifesto.html");
    try {
      const { page } = session;
      await chooseSample(page, "empty");
      await setEditorText(page, MANIFESTS);
      await waitForEqual(() => objectIds(page), ["Deployment/default/offline-web", "Service/default/offline-web"], {
        message: "the typed objects",
      });
      await page.locator("[data-testid=share]").click();
      const [download] = await Promise.all([
        page.waitForEvent("download", { timeout: 60_000 }),
        page.locator("[data-testid=export-html]").click(),
      ]);
      assert.equal(download.suggestedFilename(), "manifesto.html");
      await copyFile(await download.path(), file);
    } finally {
      await session.close();
    }
    const html = await readFile(file, "utf8");
    assert.ok(!/<script[^>]*\bsrc=/i.test(html), "no external script");
    assert.ok(!/<link[^>]*\bhref=/i.test(html), "no external stylesheet");

    const browser = await launchBrowser();
    try {
      const { page } = browser;
      const requests = [];
      const errors = [];
      page.on("request", (r) => requests.push(r.url()));
      page.on("pageerror", (e) => errors.push(String(e)));
      // Nothing may leave the machine: every non-file request fails.
      await page.route(/^(?!file:|blob:|data:)/, (route) => route.abort());
      await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached", timeout: 60_000 });
      await waitForEqual(() => objectIds(page), ["Deployment/default/offline-web", "Service/default/offline-web"], {
        message: `the workspace from the file (errors: ${errors.join("; ")})`,
      });
      const remote = requests.filter((u) => !/^(file|blob|data):/.test(u));
      assert.deepEqual(remote, [], "no network request");
      // The styles came along: the header is laid out as a flex row.
      const display = await page.$eval(".app-header", (el) => getComputedStyle(el).display);
      assert.equal(display, "flex");
    } finally {
      await browser.close();
    }
  });
});

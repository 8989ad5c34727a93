// Trust journeys: a 50 MB workspace survives a reload, a crash shows a recoverable panel and
// keeps the typed text, a Secret's value shows nowhere outside the editor (page, exports)
// until revealed, and a full storage keeps the work and offers it as a download that the
// upload reads back.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chooseSample,
  editorText,
  feastflowIn,
  feastflowSample,
  objectIds,
  openApp,
  pageOutsideEditor,
  setEditorText,
  startServer,
  waitFor,
  waitForEqual,
} from "./helpers.mjs";

/** Every file tab's name, in order. */
async function fileTabs(page) {
  return page.$$eval("[data-testid=file-tab]", (els) => els.map((el) => el.dataset.file));
}

/** Waits until the page reports its files saved in the browser. */
async function waitSaved(page, timeout) {
  await page.waitForSelector('[data-testid=save-status][data-state="saved"]', { state: "attached", timeout });
}

/**
 * FeastFlow repeated with a namespace per copy, each copy with a bulky ConfigMap, cut into
 * `files` files of `copies` copies each. Returns [{ name, text }].
 */
async function bigWorkspace({ files, copies, bulkBytes }) {
  const sample = await feastflowSample();
  const line = "    the quick brown fox jumps over the lazy dog 0123456789 abcdefghijklmnopqrstuvwxyz\n";
  const bulk = line.repeat(Math.ceil(bulkBytes / line.length));
  const out = [];
  for (let f = 0; f < files; f++) {
    const parts = [];
    for (let c = 0; c < copies; c++) {
      const ns = `ff-${f * copies + c}`;
      parts.push(...feastflowIn(sample, ns));
      parts.push(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bulk\n  namespace: ${ns}\ndata:\n  blob: |\n${bulk}`);
    }
    out.push({ name: `workspace-${String(f).padStart(2, "0")}.yaml`, text: parts.join("\n---\n") });
  }
  return out;
}

const SECRET = "s3cr3t-VALUE-4242";
const SECRET_B64 = Buffer.from(SECRET).toString("base64");

const SECRET_MANIFESTS = `apiVersion: v1
kind: Secret
metadata:
  name: vault
  namespace: demo
type: Opaque
data:
  password: ${SECRET_B64}
stringData:
  token: ${SECRET}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: demo
spec:
  replicas: 2
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
        - name: api
          image: example/api:latest
          env:
            - name: PASSWORD
              valueFrom:
                secretKeyRef:
                  name: vault
                  key: password
            - name: TOKEN
              valueFrom:
                secretKeyRef:
                  name: vault
                  key: token
---
apiVersion: v1
kind: Service
metadata:
  name: api
  namespace: demo
spec:
  selector:
    app: api
  ports:
    - port: 80
      targetPort: 8080
---
# Not base64: a located diagnostic about this very line.
apiVersion: v1
kind: Secret
metadata:
  name: broken
  namespace: demo
data:
  key: ${SECRET}
`;


/** Where the Secret's value (plain or base64) shows in `text`, for the message. */
function leaks(text) {
  const found = [];
  for (const value of [SECRET, SECRET_B64]) {
    const at = text.indexOf(value);
    if (at >= 0) found.push(`${value} at ${at}: …${text.slice(Math.max(0, at - 80), at + 40)}…`);
  }
  return found;
}

/** Clicks `selector`, waits for the download it starts and returns its bytes. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator(selector).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), bytes: await readFile(path) };
}

describe("trust", () => {
  let server;
  let dir;
  before(async () => {
    server = await startServer();
    dir = await mkdtemp(join(tmpdir(), "manifesto-trust-"));
  });
  after(async () => {
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("keeps a 50 MB workspace across a reload", async (t) => {
    const files = await bigWorkspace({ files: 10, copies: 10, bulkBytes: 490_000 });
    const paths = [];
    for (const f of files) {
      const path = join(dir, f.name);
      await writeFile(path, f.text);
      paths.push(path);
    }
    const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
    assert.ok(bytes >= 50_000_000, `${bytes} bytes`);
    const objects = 10 * 10 * 12;
    const app = await openApp(server);
    try {
      const { page } = app;
      const names = files.map((f) => f.name);
      await page.locator("[data-testid=replace-files]").check();
      let started = Date.now();
      await page.locator("[data-testid=file-input]").setInputFiles(paths);
      await waitForEqual(() => fileTabs(page), names, { message: "the uploaded files", timeout: 180_000, interval: 1000 });
      await waitFor(async () => (await objectIds(page)).length === objects, {
        message: `${objects} objects`,
        timeout: 180_000,
        interval: 1000,
      });
      const loaded = Date.now() - started;
      await waitSaved(page, 180_000);
      const saved = Date.now() - started;
      // What IndexedDB holds: every file's text under its name.
      const kept = await page.evaluate(
        () =>
          new Promise((ok, fail) => {
            const open = indexedDB.open("manifesto");
            open.onerror = () => fail(open.error);
            open.onsuccess = () => {
              const request = open.result.transaction("workspace").objectStore("workspace").getAll();
              request.onerror = () => fail(request.error);
              request.onsuccess = () => {
                open.result.close();
                ok(request.result.reduce((n, v) => n + v.length, 0));
              };
            };
          }),
      );
      assert.ok(kept >= bytes, `${kept} characters kept for ${bytes} bytes of ASCII text`);
      const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
      t.diagnostic(
        `${(bytes / 1e6).toFixed(1)} MB in ${files.length} files, ${objects} objects: listed ${loaded} ms and saved ${saved} ms after choosing the files; ${(kept / 1e6).toFixed(1)} M characters in IndexedDB, storage estimate ${(usage / 1e6).toFixed(1)} MB (compressed)`,
      );

      started = Date.now();
      await page.reload({ waitUntil: "load" });
      await waitForEqual(() => fileTabs(page), names, { message: "the files after the reload", timeout: 180_000, interval: 1000 });
      await waitFor(async () => (await objectIds(page)).length === objects, {
        message: `${objects} objects after the reload`,
        timeout: 180_000,
        interval: 1000,
      });
      t.diagnostic(`reload to ${objects} objects listed: ${Date.now() - started} ms`);
      const shown = await editorText(page);
      assert.equal(shown.length, files[0].text.length, "the first file's text, whole");
      assert.ok(shown === files[0].text, "the first file's text, unchanged");
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  it("shows a recoverable panel on a crash, and the typed text survives it", async () => {
    const app = await openApp(server);
    try {
      const { page } = app;
      await chooseSample(page, "empty");
      await waitForEqual(() => objectIds(page), [], { message: "an empty workspace" });
      const first = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: before-crash\n";
      await setEditorText(page, first);
      await waitForEqual(() => objectIds(page), ["Namespace/before-crash"], { message: "the first text analysed" });
      await waitSaved(page);
      assert.equal(await page.locator("[data-testid=crash-panel]").count(), 0, "no panel before the crash");

      // Arm the deliberate crash: the next edit panics once saved, before its analysis.
      await page.evaluate(() => {
        location.hash = "debug-panic";
      });
      const last = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: typed-before-the-crash\n";
      await setEditorText(page, last);
      const panel = page.locator("[data-testid=crash-panel]");
      await panel.waitFor();
      assert.equal(await panel.getAttribute("role"), "alert");
      const text = await panel.textContent();
      assert.match(text, /Something went wrong/);
      assert.match(text, /your work is kept/i);
      assert.ok(app.pageErrors.length > 0, "the crash was a real one");
      const reload = page.getByRole("button", { name: /Reload/ });
      assert.ok(await reload.isVisible(), "a visible reload button");
      // The files as last shown can be downloaded from the panel, although the app has stopped.
      const { name, bytes } = await download(page, "[data-testid=crash-download]");
      assert.equal(name, "manifesto-workspace.json");
      assert.deepEqual(JSON.parse(bytes.toString("utf8")).files, [{ name: "untitled.yaml", text: first }]);

      app.pageErrors.length = 0;
      await Promise.all([page.waitForEvent("load"), reload.click()]);
      await waitForEqual(() => editorText(page), last, { message: "the text typed just before the crash" });
      await waitForEqual(() => objectIds(page), ["Namespace/typed-before-the-crash"], { message: "analysed after the reload" });
      assert.equal(await page.locator("[data-testid=crash-panel]").count(), 0, "no panel after the reload");
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  it("shows a Secret's value nowhere outside the editor, exports included, until revealed", async (t) => {
    const app = await openApp(server);
    try {
      const { page } = app;
      await chooseSample(page, "empty");
      await setEditorText(page, SECRET_MANIFESTS);
      await waitFor(async () => (await objectIds(page)).includes("Secret/demo/vault"), { message: "the Secret" });
      const checked = [];
      const clean = async (where) => {
        assert.deepEqual(leaks(await pageOutsideEditor(page, "markup")), [], `the page, ${where}`);
        checked.push(where);
      };
      assert.ok((await page.locator("[data-testid=diagnostic]").count()) > 0, "the broken Secret is diagnosed");
      await clean("object list and diagnostics");

      // Objects view: the Secret's and the Deployment's details.
      await page.locator('[data-object-id="Secret/demo/vault"] button').first().click();
      await waitFor(async () => (await page.locator("[data-testid=secret-value]").count()) === 2, { message: "the Secret's two keys" });
      await clean("Secret details");
      await page.locator('[data-object-id="Deployment/demo/api"] button').first().click();
      await clean("Deployment details");

      // Graph view: details of each node, and the SVG and PNG exports.
      await page.locator("[data-testid=view-tab][data-view=graph]").click();
      await page.waitForSelector("svg[data-testid=graph] [data-node-id]");
      await page.locator("[data-testid=zoom-fit]").click();
      await clean("graph");
      for (const id of ["Secret/demo/vault", "Deployment/demo/api"]) {
        await page.locator(`svg[data-testid=graph] [data-node-id="${id}"]`).first().click();
        await page.locator("[data-testid=node-details]").waitFor();
        await clean(`graph details of ${id}`);
      }
      for (const button of ["export-svg", "export-png"]) {
        const { name, bytes } = await download(page, `[data-testid=${button}]`);
        assert.ok(bytes.length > 0, name);
        assert.deepEqual(leaks(bytes.toString("latin1")), [], `the ${name} export`);
        checked.push(name);
      }

      // Rollout and review views, and the review's exports.
      await page.locator("[data-testid=view-tab][data-view=rollout]").click();
      await page.waitForTimeout(300);
      await clean("rollout view");
      await page.locator("[data-testid=view-tab][data-view=review]").click();
      await page.locator("[data-testid=overall]").waitFor();
      await clean("review view");
      for (const button of ["export-markdown", "export-json", "export-sarif"]) {
        const { name, bytes } = await download(page, `[data-testid=${button}]`);
        const text = bytes.toString("utf8");
        assert.ok(text.includes("vault"), `${name} speaks of the Secret`);
        assert.deepEqual(leaks(text), [], `the ${name} export`);
        checked.push(name);
      }
      t.diagnostic(`no trace of the value in: ${checked.join(", ")}`);

      // Revealing shows it: the checks above could see it.
      await page.locator("[data-testid=view-tab][data-view=objects]").click();
      await page.locator('[data-object-id="Secret/demo/vault"] button').first().click();
      await page.locator('[data-testid=secret-value][data-key="token"]').locator("xpath=..").locator("[data-testid=secret-reveal]").click();
      await waitFor(async () => (await pageOutsideEditor(page, "markup")).includes(SECRET), { message: "the revealed value" });
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  it("moves a workspace kept by an earlier version in local storage into IndexedDB", async () => {
    const app = await openApp(server);
    try {
      const { page } = app;
      const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: from-local-storage\n";
      // Nothing kept in IndexedDB, and what earlier versions kept in local storage.
      await page.goto(`${server.origin}/?reset`, { waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await page.evaluate((text) => {
        localStorage.setItem("manifesto.files.v1", JSON.stringify({ files: [{ name: "old.yaml", text }], active: "old.yaml" }));
      }, text);
      assert.equal(new URL(page.url()).search, "", "the address forgets ?reset");
      for (const when of ["first load", "second load"]) {
        await page.reload({ waitUntil: "load" });
        await waitForEqual(() => fileTabs(page), ["old.yaml"], { message: `the kept file (${when})` });
        await waitForEqual(() => editorText(page), text, { message: `its text (${when})` });
        assert.equal(await page.evaluate(() => localStorage.getItem("manifesto.files.v1")), null, "moved out of local storage");
      }
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  it("moves a Compare baseline kept by an earlier version in local storage into IndexedDB", async () => {
    const app = await openApp(server);
    try {
      const { page } = app;
      const text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: old-baseline\n";
      await page.goto(`${server.origin}/?reset`, { waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await page.evaluate((text) => {
        localStorage.setItem("manifesto.baseline.v1", JSON.stringify([{ name: "base.yaml", text }]));
      }, text);
      for (const when of ["first load", "second load"]) {
        await page.reload({ waitUntil: "load" });
        await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
        await page.locator('[data-testid=view-tab][data-view="compare"]').click();
        await page.locator("[data-testid=compare-clear]").waitFor();
        const removed = () =>
          page.$$eval('[data-testid=diff-object][data-change="removed"]', (els) => els.map((el) => el.dataset.id));
        await waitFor(async () => (await removed()).some((id) => id.endsWith("/old-baseline")), {
          message: `the kept baseline's Namespace removed (${when})`,
        });
        assert.equal(await page.evaluate(() => localStorage.getItem("manifesto.baseline.v1")), null, "moved out of local storage");
      }
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  it("keeps the work when the storage is full and offers it as a download that loads back", async () => {
    const app = await openApp(server, { ready: null });
    try {
      const { page } = app;
      await page.addInitScript(() => {
        IDBObjectStore.prototype.put = () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
      });
      await page.reload({ waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await chooseSample(page, "empty");
      const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: not-lost\n  namespace: demo\ndata:\n  k: v\n";
      await setEditorText(page, text);
      await waitForEqual(() => objectIds(page), ["ConfigMap/demo/not-lost"], { message: "the edit analysed" });
      const notice = page.locator('[data-testid=notice][data-kind="storage"]');
      await notice.waitFor();
      assert.match(await notice.textContent(), /cannot be kept in this browser \(the browser's storage is full\)/);
      assert.equal(await editorText(page), text, "the typed text is still in the editor");
      await page.locator('[data-testid=save-status][data-state="failed"]').waitFor({ state: "attached" });

      const { name, bytes } = await download(page, "[data-testid=download-workspace]");
      assert.equal(name, "manifesto-workspace.json");
      const bundle = JSON.parse(bytes.toString("utf8"));
      assert.deepEqual(bundle.files, [{ name: "untitled.yaml", text }]);

      // The download loads back through the upload.
      await chooseSample(page, "empty");
      await waitForEqual(() => objectIds(page), [], { message: "an empty workspace" });
      const path = join(dir, name);
      await writeFile(path, bytes);
      await page.locator("[data-testid=file-input]").setInputFiles(path);
      await waitForEqual(() => fileTabs(page), ["untitled.yaml"], { message: "the file of the download" });
      await waitForEqual(() => editorText(page), text, { message: "its text" });
      await waitForEqual(() => objectIds(page), ["ConfigMap/demo/not-lost"], { message: "its object" });
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });
});

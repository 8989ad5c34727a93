// App journeys beyond the foundation: managing files, undo, Secret masking, jumping from a
// problem or an object to its lines, the cursor selecting objects, folder drops and storage
// that refuses to save.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chooseSample,
  editorSelection,
  listDiagnostics,
  listObjects,
  objectIds,
  openApp,
  pageOutsideEditor,
  readRepoFile,
  setEditorText,
  startServer,
  waitFor,
  waitForEqual,
} from "./helpers.mjs";

const FEASTFLOW_COUNT = 11;

/** Two ConfigMaps in one text; the second has a syntax error on line 12. */
const TWO_MAPS = `apiVersion: v1
kind: ConfigMap
metadata:
  name: alpha
  namespace: demo
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: beta
data:
  key: value: other
`;
const BROKEN_LINE = 12;

const byId = (objects) => Object.fromEntries(objects.map((o) => [o.id, o]));


/** The `data-file` of every file tab, in order. */
async function fileTabs(page) {
  return page.$$eval("[data-testid=file-tab]", (els) => els.map((el) => el.dataset.file));
}


describe("app", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  async function withApp(t, body, options) {
    const app = await openApp(server, options);
    try {
      await body(app);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  }

  it("renames and removes files, and undoes a removal", async (t) => {
    await withApp(t, async ({ page }) => {
      await waitFor(async () => (await objectIds(page)).length === FEASTFLOW_COUNT, { message: "the sample" });

      const tab = page.locator('[data-testid=file-tab][data-file="00-namespace.yaml"]');
      await tab.locator("[data-testid=rename-file]").click();
      const input = page.locator("[data-testid=rename-input]");
      await input.fill("cluster/namespace.yaml");
      await input.press("Enter");
      await waitFor(async () => byId(await listObjects(page))["Namespace/feastflow"]?.file === "cluster/namespace.yaml", {
        message: "the Namespace located in the renamed file",
      });
      assert.ok((await fileTabs(page)).includes("cluster/namespace.yaml"), "the tab shows the new name");

      await page.locator('[data-testid=file-tab][data-file="10-ingress.yaml"] [data-testid=remove-file]').click();
      await waitFor(async () => !(await objectIds(page)).includes("Ingress/feastflow/feastflow-ingress"), {
        message: "the Ingress gone with its file",
      });
      assert.ok(!(await fileTabs(page)).includes("10-ingress.yaml"), "the tab is gone");

      await page.locator("[data-testid=undo]").click();
      await waitFor(async () => (await objectIds(page)).includes("Ingress/feastflow/feastflow-ingress"), {
        message: "the Ingress back after Undo",
      });
      assert.ok((await fileTabs(page)).includes("10-ingress.yaml"));
      assert.equal(await page.locator("[data-testid=undo-banner]").count(), 0, "the banner goes once used");
    });
  });

  it("undoes choosing the empty sample and removing all files", async (t) => {
    await withApp(t, async ({ page }) => {
      await waitFor(async () => (await objectIds(page)).length === FEASTFLOW_COUNT, { message: "the sample" });
      await setEditorText(page, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: edited\n");
      await waitFor(async () => (await objectIds(page)).includes("Namespace/edited"), { message: "the edit" });

      await chooseSample(page, "empty");
      await waitForEqual(() => objectIds(page), [], { message: "nothing loaded" });
      await page.locator("[data-testid=undo]").click();
      await waitFor(async () => (await objectIds(page)).includes("Namespace/edited"), {
        message: "the edited files back",
      });
      assert.equal((await objectIds(page)).length, FEASTFLOW_COUNT);

      await page.locator("[data-testid=remove-all]").click();
      await waitForEqual(() => objectIds(page), [], { message: "nothing loaded" });
      assert.deepEqual(await fileTabs(page), []);
      await page.locator("[data-testid=undo]").click();
      await waitFor(async () => (await objectIds(page)).length === FEASTFLOW_COUNT, { message: "the files back" });
    });
  });

  it("masks Secret values until revealed", async (t) => {
    await withApp(t, async ({ page }) => {
      const secretFile = await readRepoFile("samples/feastflow/02-secrets.yaml");
      const encoded = [...secretFile.matchAll(/^\s+(DB_PASSWORD|JWT_SECRET):\s+(\S+)/gm)].map((m) => [m[1], m[2]]);
      assert.equal(encoded.length, 2, "the sample Secret has two values");
      const decoded = Object.fromEntries(encoded.map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));

      await page.locator('[data-object-id="Secret/feastflow/feastflow-secrets"] button').click();
      const values = page.locator("[data-testid=secret-value]");
      await waitFor(async () => (await values.count()) === 2, { message: "the Secret's two keys" });

      const outside = await pageOutsideEditor(page);
      for (const [key, value] of encoded) {
        assert.ok(outside.includes(key), `the key ${key} is listed`);
        assert.ok(!outside.includes(value), `the encoded ${key} is not shown`);
        assert.ok(!outside.includes(decoded[key]), `the decoded ${key} is not shown`);
      }

      const password = page.locator('[data-testid=secret-value][data-key="DB_PASSWORD"]');
      await password.locator("xpath=..").locator("[data-testid=secret-reveal]").click();
      await waitForEqual(() => password.textContent(), decoded.DB_PASSWORD, { message: "the revealed password" });
      const jwt = await page.locator('[data-testid=secret-value][data-key="JWT_SECRET"]').textContent();
      assert.ok(!jwt.includes(decoded.JWT_SECRET), "the other value stays masked");
    });
  });

  it("selects a problem's line in the editor when clicked", async (t) => {
    await withApp(t, async ({ page }) => {
      await chooseSample(page, "empty");
      await setEditorText(page, TWO_MAPS);
      const diagnostic = page.locator('[data-testid=diagnostic][data-severity="error"]').first();
      await diagnostic.waitFor();
      const line = Number(await diagnostic.getAttribute("data-line"));
      assert.equal(line, BROKEN_LINE, "the error is on the broken line");

      await page.$eval("[data-testid=editor]", (el) => window.ManifestoEditor.of(el).selectLines(1, 1, false));
      await diagnostic.click();
      const selection = await waitFor(async () => {
        const s = await editorSelection(page);
        return s.startLine === line && s;
      }, { message: "the editor selection on the problem's line" });
      assert.equal(selection.text, TWO_MAPS.split("\n")[line - 1]);
      assert.ok(selection.focused, "the editor has the focus");
      const text = (await listDiagnostics(page)).find((d) => d.severity === "error").text;
      assert.match(text, new RegExp(`${line} \\|   key: value: other`), `rustc-style snippet in ${text}`);
    });
  });

  it("selects an object's source when clicked, and the object under the cursor", async (t) => {
    await withApp(t, async ({ page }) => {
      await waitFor(async () => (await objectIds(page)).length === FEASTFLOW_COUNT, { message: "the sample" });
      const id = "Deployment/feastflow/feastflow-backend";
      await page.locator(`[data-object-id="${id}"] button`).click();
      await waitFor(async () => (await editorSelection(page)).text.startsWith("apiVersion: apps/v1"), {
        message: "the Deployment's text selected",
      });
      const selection = await editorSelection(page);
      const text = await readRepoFile("samples/feastflow/06-backend-deployment.yaml");
      assert.equal(selection.startLine, 3);
      assert.ok(selection.text.includes("name: feastflow-backend"));
      assert.equal(selection.endLine, text.trimEnd().split("\n").length, "the selection runs to the last line");
      assert.equal(
        await page.locator('[data-testid=file-tab][data-file="06-backend-deployment.yaml"] [aria-current=true]').count(),
        1,
        "its file is the active tab",
      );

      // Two objects in one file: moving the cursor from one to the other moves the highlight.
      await chooseSample(page, "empty");
      await setEditorText(page, TWO_MAPS.replace("key: value: other", "key: value"));
      await waitForEqual(() => objectIds(page), ["ConfigMap/default/beta", "ConfigMap/demo/alpha"], {
        message: "the two ConfigMaps",
      });
      const selected = () => page.$$eval(".object.selected", (els) => els.map((el) => el.dataset.objectId));
      const editor = page.locator("[data-testid=editor]");
      await editor.focus();
      await editor.press("Control+End");
      // The text ends with a line break: go up from the empty last line to the object's.
      await editor.press("ArrowUp");
      await waitForEqual(selected, ["ConfigMap/default/beta"], { message: "the second ConfigMap highlighted" });
      await editor.press("Control+Home");
      await waitForEqual(selected, ["ConfigMap/demo/alpha"], { message: "the first ConfigMap highlighted" });
    });
  });

  it("reports invalid UTF-8 and non-YAML uploads with their location", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "manifesto-bad-"));
    try {
      await writeFile(
        join(dir, "latin1.yaml"),
        Buffer.concat([
          Buffer.from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf"),
          Buffer.from([0xe9]),
          Buffer.from("\n  namespace: demo\n"),
        ]),
      );
      await writeFile(join(dir, "notes.json"), "{ this is not: json, [\n");
      await withApp(t, async ({ page }) => {
        await page
          .locator("[data-testid=file-input]")
          .setInputFiles([join(dir, "latin1.yaml"), join(dir, "notes.json")]);
        const diagnostics = await waitFor(
          async () => {
            const found = await listDiagnostics(page);
            return found.some((d) => d.file === "notes.json") && found.some((d) => d.file === "latin1.yaml") && found;
          },
          { message: "diagnostics for both files" },
        );
        const utf8 = diagnostics.find((d) => d.file === "latin1.yaml" && /UTF-8/.test(d.text));
        assert.ok(utf8, `a UTF-8 diagnostic in ${JSON.stringify(diagnostics)}`);
        assert.deepEqual([utf8.severity, utf8.line, utf8.column], ["error", 4, 12]);
        assert.ok(diagnostics.some((d) => d.file === "notes.json" && d.severity === "error"));
        // The rest of the bad file is still read.
        assert.ok((await objectIds(page)).some((id) => id.startsWith("ConfigMap/demo/caf")));
        assert.ok((await fileTabs(page)).includes("latin1.yaml"));
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("loads a dropped folder with relative paths", async (t) => {
    await withApp(t, async ({ page }) => {
      await waitFor(async () => (await objectIds(page)).length === FEASTFLOW_COUNT, { message: "the sample" });
      // A drop whose DataTransfer hands out directory entries, as Chromium does for a real folder.
      await page.evaluate(() => {
        const fileEntry = (path, text) => ({
          isFile: true,
          isDirectory: false,
          name: path.split("/").pop(),
          fullPath: `/${path}`,
          file(ok) {
            setTimeout(() => ok(new File([text], path.split("/").pop())));
          },
        });
        const dirEntry = (path, children) => ({
          isFile: false,
          isDirectory: true,
          name: path.split("/").pop(),
          fullPath: `/${path}`,
          createReader() {
            let batches = [children.slice(0, 2), children.slice(2), []];
            return {
              readEntries(ok) {
                setTimeout(() => ok(batches.shift() ?? []));
              },
            };
          },
        });
        const root = dirEntry("shop", [
          fileEntry("shop/app.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: shop\n  namespace: store\n"),
          fileEntry("shop/README.md", "# not a manifest\n"),
          dirEntry("shop/.git", [fileEntry("shop/.git/config.yaml", "kind: Nope\n")]),
          dirEntry("shop/nested", [
            fileEntry("shop/nested/settings.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  namespace: store\n"),
          ]),
        ]);
        const items = [{ kind: "file", type: "", webkitGetAsEntry: () => root, getAsFile: () => null }];
        const dataTransfer = { types: ["Files"], items, files: [], dropEffect: "none" };
        const target = document.querySelector("[data-testid=object-list]");
        for (const type of ["dragover", "drop"]) {
          const event = new DragEvent(type, { bubbles: true, cancelable: true });
          Object.defineProperty(event, "dataTransfer", { value: dataTransfer });
          target.dispatchEvent(event);
        }
      });
      await waitFor(
        async () => {
          const ids = await objectIds(page);
          return ids.includes("Service/store/shop") && ids.includes("ConfigMap/store/settings");
        },
        { message: "the folder's objects" },
      );
      const objects = byId(await listObjects(page));
      assert.equal(objects["Service/store/shop"].file, "shop/app.yaml");
      assert.equal(objects["ConfigMap/store/settings"].file, "shop/nested/settings.yml");
      assert.equal((await objectIds(page)).length, FEASTFLOW_COUNT + 2, "added to the loaded files");
      const tabs = await fileTabs(page);
      assert.ok(!tabs.some((f) => f.includes(".git") || f.endsWith("README.md")), `no hidden or non-manifest files: ${tabs}`);
      const notice = await page.locator('[data-testid=notice][data-level="info"]').textContent();
      assert.match(notice, /README\.md/, "the skipped file is named");
    });
  });

  it("says so when the browser refuses to store the files, and keeps working", async (t) => {
    const app = await openApp(server, { ready: null });
    try {
      const { page } = app;
      // No IndexedDB (as in some private modes), and a full local storage.
      await page.addInitScript(() => {
        IDBFactory.prototype.open = () => {
          throw new DOMException("The operation is insecure.", "SecurityError");
        };
        Storage.prototype.setItem = () => {
          throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        };
      });
      await page.reload({ waitUntil: "load" });
      await page.waitForSelector("[data-testid=object-list]", { state: "attached" });
      await setEditorText(page, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: unsaved\n");
      await waitFor(async () => (await objectIds(page)).includes("Namespace/unsaved"), { message: "the edit analysed" });
      const notice = page.locator('[data-testid=notice][data-level="warning"]');
      await notice.waitFor();
      assert.match(await notice.textContent(), /cannot be kept/);
      await setEditorText(page, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: still-working\n");
      await waitFor(async () => (await objectIds(page)).includes("Namespace/still-working"), { message: "later edits" });
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  });

  it("switches views with the tabs and the arrow keys", async (t) => {
    await withApp(t, async ({ page }) => {
      const views = await page.$$eval("[data-testid=view-tab]", (els) => els.map((el) => el.dataset.view));
      assert.deepEqual(views, ["objects", "graph", "rollout", "review", "compare", "learn"]);
      await page.locator('[data-testid=view-tab][data-view="graph"]').click();
      await waitFor(async () => (await page.locator("[data-testid=object-list]").count()) === 0, {
        message: "the object list hidden",
      });
      assert.equal(await page.getAttribute('[data-testid=view-tab][data-view="graph"]', "aria-selected"), "true");
      await page.keyboard.press("ArrowRight");
      await waitFor(
        async () => (await page.getAttribute('[data-testid=view-tab][data-view="rollout"]', "aria-selected")) === "true",
        { message: "Rollout selected by the arrow key" },
      );
      await page.locator('[data-testid=view-tab][data-view="objects"]').click();
      await page.locator("[data-testid=object-list]").waitFor();
    });
  });
});

// Foundation journeys: loading, editing, errors, uploads, persistence,
// privacy (nothing leaves the page) and the sample picker.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  chooseSample,
  documentStartLines,
  editorText,
  listDiagnostics,
  listObjects,
  objectIds,
  openApp,
  readRepoFile,
  setEditorText,
  startServer,
  waitFor,
  waitForEqual,
} from "./helpers.mjs";

/** FeastFlow's objects, by file (samples/feastflow/, one document per file). */
const FEASTFLOW = {
  "00-namespace.yaml": "Namespace/feastflow",
  "01-configmap.yaml": "ConfigMap/feastflow/feastflow-config",
  "02-secrets.yaml": "Secret/feastflow/feastflow-secrets",
  "03-postgres-pvc.yaml": "PersistentVolumeClaim/feastflow/postgres-pvc",
  "04-postgres-deployment.yaml": "StatefulSet/feastflow/postgres",
  "05-postgres-service.yaml": "Service/feastflow/postgres",
  "06-backend-deployment.yaml": "Deployment/feastflow/feastflow-backend",
  "07-backend-service.yaml": "Service/feastflow/feastflow-backend",
  "08-frontend-deployment.yaml": "Deployment/feastflow/feastflow-frontend",
  "09-frontend-service.yaml": "Service/feastflow/feastflow-frontend",
  "10-ingress.yaml": "Ingress/feastflow/feastflow-ingress",
};

/** Three ConfigMaps; the second has a syntax error on line 15. */
const BROKEN_MIDDLE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: first
  namespace: demo
data:
  greeting: hello
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: broken
  namespace: demo
data:
  key: value: other
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: third
  namespace: demo
data:
  greeting: bye
`;
const BROKEN_LINE = 15;

const byId = (objects) => Object.fromEntries(objects.map((o) => [o.id, o]));

describe("foundation", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  /** Opens the app for one test and closes it afterwards, failing on uncaught page errors. */
  async function withApp(t, body) {
    const app = await openApp(server);
    try {
      // A fresh profile starts with the FeastFlow sample: wait for it before acting.
      await waitFor(async () => (await objectIds(app.page)).length > 0, { message: "the initial sample" });
      await body(app);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  }

  it("loads with the FeastFlow sample listed", async (t) => {
    await withApp(t, async ({ page }) => {
      const expectedIds = Object.values(FEASTFLOW).sort();
      await waitForEqual(() => objectIds(page), expectedIds, { message: "the FeastFlow objects" });

      const objects = byId(await listObjects(page));
      for (const [file, id] of Object.entries(FEASTFLOW)) {
        const text = await readRepoFile(`samples/feastflow/${file}`);
        const [line] = documentStartLines(text);
        assert.equal(objects[id].file, file, `data-file of ${id}`);
        assert.equal(objects[id].line, line, `data-line of ${id} (its document's first line)`);
      }
      const backend = objects["Deployment/feastflow/feastflow-backend"];
      assert.deepEqual(
        [backend.kind, backend.namespace, backend.name],
        ["Deployment", "feastflow", "feastflow-backend"],
      );
      const namespace = objects["Namespace/feastflow"];
      assert.deepEqual([namespace.kind, namespace.name], ["Namespace", "feastflow"]);
    });
  });

  it("re-analyses pasted YAML", async (t) => {
    await withApp(t, async ({ page }) => {
      await chooseSample(page, "empty");
      await waitForEqual(() => objectIds(page), [], { message: "an empty object list" });

      await setEditorText(
        page,
        `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: demo
spec:
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: web
          image: nginx:1.27
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: demo
spec:
  selector: { app: web }
  ports:
    - port: 80
`,
      );
      await waitForEqual(() => objectIds(page), ["Deployment/demo/web", "Service/demo/web"], {
        message: "the pasted objects",
      });
      const objects = byId(await listObjects(page));
      assert.equal(objects["Deployment/demo/web"].line, 1);
      assert.equal(objects["Service/demo/web"].line, 17);

      await setEditorText(page, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: other\n");
      await waitForEqual(() => objectIds(page), ["Namespace/other"], { message: "the edited object" });
    });
  });

  it("locates a syntax error and keeps the valid documents", async (t) => {
    await withApp(t, async ({ page }) => {
      await chooseSample(page, "empty");
      await waitForEqual(() => objectIds(page), [], { message: "an empty object list" });
      await setEditorText(page, BROKEN_MIDDLE);
      await waitForEqual(() => objectIds(page), ["ConfigMap/demo/first", "ConfigMap/demo/third"], {
        message: "the two valid documents",
      });
      const diagnostics = await waitFor(
        async () => {
          const found = await listDiagnostics(page);
          return found.some((d) => d.severity === "error") && found;
        },
        { message: "an error diagnostic" },
      );
      const errors = diagnostics.filter((d) => d.severity === "error");
      assert.equal(errors.length, 1, `one error expected, got ${JSON.stringify(errors)}`);
      assert.equal(errors[0].line, BROKEN_LINE, "the error is on the broken line");
      assert.ok(errors[0].column >= 1, `a 1-based column, got ${errors[0].column}`);
      assert.ok(errors[0].file, "the error names its file");

      const objects = byId(await listObjects(page));
      assert.equal(objects["ConfigMap/demo/first"].line, 1);
      assert.equal(objects["ConfigMap/demo/third"].line, 17);
    });
  });

  it("opens several uploaded files at once", async (t) => {
    const dir = await mkdtemp(join(tmpdir(), "manifesto-upload-"));
    try {
      await writeFile(
        join(dir, "shop.yaml"),
        `# The shop
apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: store
spec:
  selector: { app: shop }
  ports:
    - port: 8080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  namespace: store
spec:
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: shop
          image: shop:1.0.0
`,
      );
      await writeFile(
        join(dir, "settings.json"),
        JSON.stringify(
          {
            apiVersion: "v1",
            kind: "ConfigMap",
            metadata: { name: "shop-settings", namespace: "store" },
            data: { currency: "EUR" },
          },
          null,
          2,
        ) + "\n",
      );
      await writeFile(join(dir, "cluster.yml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: store\n");

      await withApp(t, async ({ page }) => {
        await page
          .locator("[data-testid=file-input]")
          .setInputFiles(["shop.yaml", "settings.json", "cluster.yml"].map((f) => join(dir, f)));
        const expected = {
          "Service/store/shop": ["shop.yaml", 2],
          "Deployment/store/shop": ["shop.yaml", 12],
          "ConfigMap/store/shop-settings": ["settings.json", 1],
          "Namespace/store": ["cluster.yml", 1],
        };
        await waitFor(
          async () => {
            const ids = await objectIds(page);
            return Object.keys(expected).every((id) => ids.includes(id));
          },
          { message: "the uploaded objects" },
        );
        const objects = byId(await listObjects(page));
        for (const [id, [file, line]] of Object.entries(expected)) {
          assert.equal(objects[id].file, file, `data-file of ${id}`);
          assert.equal(objects[id].line, line, `data-line of ${id}`);
        }
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("restores the typed text after a reload", async (t) => {
    await withApp(t, async ({ page }) => {
      const text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: remember-me\n  namespace: demo\ndata:\n  k: v\n";
      await chooseSample(page, "empty");
      await waitForEqual(() => objectIds(page), [], { message: "an empty object list" });
      await setEditorText(page, text);
      await waitFor(async () => (await objectIds(page)).includes("ConfigMap/demo/remember-me"), {
        message: "the typed object",
      });
      // Give a debounced save time to run before reloading.
      await page.waitForTimeout(1000);
      await page.reload({ waitUntil: "load" });
      await waitFor(async () => (await objectIds(page)).includes("ConfigMap/demo/remember-me"), {
        message: "the typed object after the reload",
      });
      await waitForEqual(() => editorText(page), text, { message: "the editor text after the reload" });
    });
  });

  it("keeps every request on the page's origin", async (t) => {
    await withApp(t, async (app) => {
      const { page } = app;
      await chooseSample(page, "pods-vs-replicasets");
      await waitFor(async () => (await objectIds(page)).includes("Pod/feastflow/feastflow-backend-pod"), {
        message: "the second sample",
      });
      await setEditorText(page, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: quiet\n");
      await waitFor(async () => (await objectIds(page)).includes("Namespace/quiet"), { message: "the edit" });
      await page.waitForTimeout(500);

      assert.ok(app.requests.length > 0, "requests were recorded");
      // data: and same-origin blob: URLs never leave the page either.
      const foreign = app.requests.filter(
        (url) => !url.startsWith(server.origin + "/") && !url.startsWith(`blob:${server.origin}/`) && !url.startsWith("data:"),
      );
      assert.deepEqual(foreign, [], "requests to other origins");

      const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
      assert.ok(csp, "a Content-Security-Policy meta tag");
      assert.match(csp, /default-src 'none'/);
      const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src"));
      assert.ok(scriptSrc && !scriptSrc.includes("'unsafe-inline'"), `script-src without 'unsafe-inline': ${scriptSrc}`);
      const violations = app.consoleErrors.filter((m) => /Content Security Policy/i.test(m));
      assert.deepEqual(violations, [], "Content-Security-Policy violations");
    });
  });

  it("switches to the Pods vs ReplicaSets sample", async (t) => {
    await withApp(t, async ({ page }) => {
      const options = await page.$$eval("[data-testid=sample-picker] option", (els) => els.map((el) => el.value));
      for (const value of ["feastflow", "pods-vs-replicasets", "empty"]) {
        assert.ok(options.includes(value), `sample picker offers ${value}: ${options}`);
      }
      await chooseSample(page, "pods-vs-replicasets");
      await waitFor(
        async () => {
          const ids = await objectIds(page);
          return ids.includes("Pod/feastflow/feastflow-backend-pod") && ids.includes("ReplicaSet/feastflow/feastflow-backend-rs");
        },
        { message: "the Pod and the ReplicaSet" },
      );
      const objects = byId(await listObjects(page));
      assert.match(objects["Pod/feastflow/feastflow-backend-pod"].file, /01-simple-pod\.yaml$/);
      assert.match(objects["ReplicaSet/feastflow/feastflow-backend-rs"].file, /02-replicaset\.yaml$/);
      assert.ok(!(await objectIds(page)).includes("Deployment/feastflow/feastflow-frontend"), "FeastFlow's objects are gone");
    });
  });
});

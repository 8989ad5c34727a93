// Shared helpers for the browser journeys: a static server for dist/, a
// headless Chromium session and polling utilities.
//
// Run the journeys with `node --test --test-concurrency=1 tests/e2e/` after
// `trunk build --release`; DIST points at another build directory.
import { createServer } from "node:http";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** The build under test. */
export const DIST = resolve(ROOT, process.env.DIST ?? "dist");
/** The browser binary: Debian's chromium unless CHROME_BIN says otherwise. */
export const CHROME_BIN = process.env.CHROME_BIN ?? "/usr/bin/chromium";
/** Default time limit for one wait, in milliseconds. */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS ?? 15_000);

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".yaml": "text/yaml; charset=utf-8",
  ".yml": "text/yaml; charset=utf-8",
  ".woff2": "font/woff2",
};

/**
 * Serves `dir` on a free port of 127.0.0.1, under `prefix` (e.g. `/manifesto/`, as a project
 * site is published; anything outside it is a 404).
 * Returns `{ origin, served, close }`; `served` lists every request path.
 */
export async function startServer({ dir = DIST, prefix = "/" } = {}) {
  const root = resolve(dir);
  if (!existsSync(join(root, "index.html"))) {
    throw new Error(`${join(root, "index.html")} not found: run \`trunk build --release\` first (or set DIST)`);
  }
  const served = [];
  const server = createServer(async (req, res) => {
    served.push(`${req.method} ${req.url}`);
    try {
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      const pathname = decodeURIComponent(new URL(req.url, "http://localhost").pathname);
      if (!pathname.startsWith(prefix)) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
        return;
      }
      let file = normalize(join(root, pathname.slice(prefix.length - 1)));
      if (file !== root && !file.startsWith(root + sep)) {
        res.writeHead(403).end();
        return;
      }
      let info = await stat(file).catch(() => null);
      if (info?.isDirectory()) {
        file = join(file, "index.html");
        info = await stat(file).catch(() => null);
      }
      if (!info?.isFile()) {
        res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("not found\n");
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "Content-Type": MIME[extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": body.length,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" }).end(`${err}\n`);
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(0, "127.0.0.1", ok);
  });
  const { port } = server.address();
  return {
    origin: `http://127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise((ok) => {
        server.closeAllConnections?.();
        server.close(() => ok());
      }),
  };
}

/** Chromium flags: headless, no sandbox (root in CI), nothing phoning home. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Launches headless Chromium with a fresh, temporary user data directory.
 * Returns `{ context, page, close }`.
 */
export async function launchBrowser({ viewport = { width: 1400, height: 900 } } = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), "manifesto-e2e-profile-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROME_BIN,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport,
      acceptDownloads: true,
      serviceWorkers: "block",
    });
  } catch (err) {
    await rm(userDataDir, { recursive: true, force: true });
    throw err;
  }
  context.setDefaultTimeout(TIMEOUT);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => {});
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `path` of a running server in a new browser and records what happens:
 * `requests` (every URL the page asked for), `consoleErrors` and `pageErrors`.
 * With `ready` (a CSS selector, default the object list) it waits for the app to render.
 * Call `close()` when done.
 */
export async function openApp(server, { path = "/", ready = "[data-testid=object-list]" } = {}) {
  const browser = await launchBrowser();
  const { page } = browser;
  const session = {
    ...browser,
    server,
    requests: [],
    consoleErrors: [],
    pageErrors: [],
  };
  page.on("request", (request) => session.requests.push(request.url()));
  page.on("console", (msg) => {
    if (msg.type() === "error") session.consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => session.pageErrors.push(String(err)));
  try {
    await page.goto(server.origin + path, { waitUntil: "load" });
    if (ready) await page.waitForSelector(ready, { state: "attached" });
  } catch (err) {
    await browser.close();
    throw new Error(`${err.message}\npage errors: ${session.pageErrors.join("\n")}\nconsole errors: ${session.consoleErrors.join("\n")}`);
  }
  return session;
}

/**
 * Polls `probe` until it returns a truthy value (returned) or the time runs out.
 * On timeout the error names `message` and the last value or error seen.
 */
export async function waitFor(probe, { timeout = TIMEOUT, interval = 100, message = "condition" } = {}) {
  const deadline = Date.now() + timeout;
  let last;
  let lastError;
  for (;;) {
    try {
      last = await probe();
      lastError = undefined;
      if (last) return last;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() >= deadline) {
      const seen = lastError ? `last error: ${lastError.message}` : `last value: ${JSON.stringify(last)}`;
      throw new Error(`timed out after ${timeout} ms waiting for ${message} (${seen})`);
    }
    await new Promise((ok) => setTimeout(ok, interval));
  }
}

/** Polls until `actual()` deep-equals `expected`; returns the last value. */
export async function waitForEqual(actual, expected, { message = "value", ...options } = {}) {
  const want = JSON.stringify(expected);
  let last;
  try {
    await waitFor(async () => {
      last = await actual();
      return JSON.stringify(last) === want;
    }, { message, ...options });
  } catch (err) {
    throw new Error(`${err.message}\n  expected: ${want}\n  actual:   ${JSON.stringify(last)}`);
  }
  return last;
}

/** Every `[data-object-id]` in the object list, in page order. */
export async function listObjects(page) {
  return page.$$eval("[data-testid=object-list] [data-object-id]", (els) =>
    els.map((el) => ({
      id: el.dataset.objectId,
      kind: el.dataset.kind,
      namespace: el.dataset.namespace ?? "",
      name: el.dataset.name,
      file: el.dataset.file,
      line: Number(el.dataset.line),
    })),
  );
}

/** The sorted object ids currently listed. */
export async function objectIds(page) {
  return (await listObjects(page)).map((o) => o.id).sort();
}

/** Every `[data-testid=diagnostic]`, in page order. */
export async function listDiagnostics(page) {
  return page.$$eval("[data-testid=diagnostic]", (els) =>
    els.map((el) => ({
      severity: el.dataset.severity,
      file: el.dataset.file,
      line: Number(el.dataset.line),
      column: Number(el.dataset.column),
      text: el.textContent.trim(),
    })),
  );
}

/**
 * Replaces the editor's text as a paste does: one edit the page hears and analyses after the
 * typing pause. (Typing a long text key by key would take minutes.)
 */
export async function setEditorText(page, text) {
  await page.$eval("[data-testid=editor]", (el, text) => window.ManifestoEditor.of(el).paste(text), text);
}

/** The editor's current text. */
export async function editorText(page) {
  return page.$eval("[data-testid=editor]", (el) => window.ManifestoEditor.of(el).text());
}

/**
 * The page outside the editor, where a Secret's value must never show: its `text`, or its
 * `markup` (text and attributes). The editor and the page's other text boxes are left out.
 */
export async function pageOutsideEditor(page, what = "text") {
  return page.evaluate((what) => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll("textarea, .cm-editor").forEach((el) => el.remove());
    return what === "markup" ? clone.outerHTML : clone.textContent;
  }, what);
}

/** The editor's selection as text, with its start and end lines (1-based) and whether the editor has the focus. */
export async function editorSelection(page) {
  return page.$eval("[data-testid=editor]", (el) => {
    const editor = window.ManifestoEditor.of(el);
    const text = editor.text();
    const [from, to] = editor.selection();
    const before = text.slice(0, from);
    const selected = text.slice(from, to);
    return {
      text: selected,
      from,
      startLine: before.split("\n").length,
      endLine: before.split("\n").length + selected.split("\n").length - 1,
      focused: editor.hasFocus(),
    };
  });
}

/** FeastFlow's files (samples/feastflow), in order, as texts. */
export async function feastflowSample() {
  const dir = join(ROOT, "samples/feastflow");
  const names = (await readdir(dir)).filter((n) => n.endsWith(".yaml")).sort();
  return Promise.all(names.map((n) => readFile(join(dir, n), "utf8")));
}

/** FeastFlow's documents (`sample`, from `feastflowSample`) moved into namespace `namespace`. */
export function feastflowIn(sample, namespace) {
  return sample.map((text) => text.replaceAll("namespace: feastflow", `namespace: ${namespace}`).replace(/^  name: feastflow$/m, `  name: ${namespace}`));
}

/** FeastFlow copied into `copies` namespaces `PREFIX-0`, `PREFIX-1`…, as one text. */
export async function feastflowCopies(copies, prefix) {
  const sample = await feastflowSample();
  const parts = [];
  for (let c = 0; c < copies; c++) parts.push(...feastflowIn(sample, `${prefix}-${c}`));
  return parts.join("\n---\n");
}

/** Chooses a sample in the sample picker (`feastflow`, `pods-vs-replicasets`, `empty`). */
export async function chooseSample(page, value) {
  await page.locator("[data-testid=sample-picker]").selectOption(value);
}

/**
 * The line on which each YAML document of `text` starts: its first line that is
 * neither blank, a comment nor a `---` separator (1-based).
 */
export function documentStartLines(text) {
  const starts = [];
  let inDocument = false;
  text.split(/\r?\n/).forEach((line, index) => {
    if (/^---(\s|$)/.test(line) || /^\.\.\.(\s|$)/.test(line)) {
      inDocument = false;
      return;
    }
    if (!inDocument && line.trim() !== "" && !line.trimStart().startsWith("#")) {
      starts.push(index + 1);
      inDocument = true;
    }
  });
  return starts;
}

/** Reads a file of the repository as text. */
export function readRepoFile(relativePath) {
  return readFile(join(ROOT, relativePath), "utf8");
}

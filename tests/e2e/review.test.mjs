// The review journey: the checklist for FeastFlow, a finding that lands on its line in the
// editor, the Markdown export, and a check turned off in the settings that stays off after a reload.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { editorSelection, editorText, objectIds, openApp, readRepoFile, setEditorText, startServer, waitFor, waitForEqual } from "./helpers.mjs";

const BACKEND = "Deployment/feastflow/feastflow-backend";
const FRONTEND = "Deployment/feastflow/feastflow-frontend";
const POSTGRES = "StatefulSet/feastflow/postgres";

/**
 * Cells of the hand-written review's section 6 that the tool must reproduce
 * (the same values crates/core/src/report/checklist/tests.rs asserts for every cell).
 */
const EXPECTED_CELLS = [
  ["max-unavailable-zero", BACKEND, "pass"],
  ["max-unavailable-zero", FRONTEND, "fail"],
  ["max-unavailable-zero", POSTGRES, "na"],
  ["anti-affinity", BACKEND, "pass"],
  ["anti-affinity", FRONTEND, "fail"],
  ["monitoring-annotations", BACKEND, "pass"],
  ["monitoring-annotations", FRONTEND, "fail"],
  ["monitoring-annotations", POSTGRES, "fail"],
];

const cellSelector = (row, object) =>
  `table[data-testid=checklist] [data-row="${row}"][data-object="${object}"]`;

/** Every `[data-testid=finding]`, in page order. */
function listFindings(page) {
  return page.$$eval("[data-testid=finding]", (els) =>
    els.map((el) => ({
      check: el.dataset.check,
      severity: el.dataset.severity,
      object: el.dataset.object,
      line: Number(el.dataset.line),
    })),
  );
}

/** Opens the Review tab and waits for the checklist. */
async function openReview(page) {
  await page.locator('[data-testid=view-tab][data-view="review"]').click();
  await page.waitForSelector("table[data-testid=checklist]");
}

describe("review", () => {
  let server;
  before(async () => {
    server = await startServer();
  });
  after(async () => {
    await server?.close();
  });

  async function withReview(body) {
    const app = await openApp(server);
    try {
      await waitFor(async () => (await objectIds(app.page)).length > 0, { message: "the initial sample" });
      await openReview(app.page);
      await body(app);
      assert.deepEqual(app.pageErrors, [], "uncaught errors in the page");
    } finally {
      await app.close();
    }
  }

  it("fills the checklist for FeastFlow as the hand review does, with reasons", async () => {
    await withReview(async ({ page }) => {
      const rows = await page.$$eval("table[data-testid=checklist] tbody tr", (trs) => trs.length);
      assert.equal(rows, 15, "fifteen practices");
      for (const [row, object, result] of EXPECTED_CELLS) {
        const cell = page.locator(cellSelector(row, object));
        assert.equal(await cell.getAttribute("data-result"), result, `${row} × ${object}`);
        // The result is written, not only coloured, and the reason is a tooltip.
        const text = (await cell.textContent()).trim();
        assert.match(text, { pass: /pass/, fail: /fail/, na: /N\/A/, skipped: /skipped/ }[result], `${row} × ${object} text`);
        const title = await cell.locator("[title]").first().getAttribute("title");
        assert.ok(title && title.length > 10, `${row} × ${object} has a reason: ${title}`);
      }
      const frontendTitle = await page.locator(`${cellSelector("max-unavailable-zero", FRONTEND)} [title]`).getAttribute("title");
      assert.match(frontendTitle, /maxUnavailable 1/);

      // Every workload has a score; the frontend's failures cost it points.
      const scores = await page.$$eval("[data-testid=score]", (els) =>
        Object.fromEntries(els.map((el) => [el.dataset.object, Number(el.dataset.value)])),
      );
      for (const id of [BACKEND, FRONTEND, POSTGRES]) {
        assert.ok(scores[id] >= 0 && scores[id] <= 10, `score of ${id}: ${scores[id]}`);
      }
      assert.ok(scores[FRONTEND] < 10, `the frontend scores ${scores[FRONTEND]}`);
    });
  });

  it("lists the findings behind a failed cell when it is clicked", async () => {
    await withReview(async ({ page }) => {
      const all = await listFindings(page);
      await page.locator(`${cellSelector("anti-affinity", FRONTEND)} button`).click();
      const shown = await waitFor(async () => {
        const now = await listFindings(page);
        return now.length < all.length ? now : null;
      }, { message: "the list narrowed to the cell" });
      assert.ok(shown.length > 0, "a failed cell has findings behind it");
      for (const f of shown) assert.equal(f.object, FRONTEND, JSON.stringify(f));
      assert.ok(shown.some((f) => f.check === "anti-affinity-missing"), JSON.stringify(shown));
    });
  });

  it("jumps to a finding's line in the editor", async () => {
    await withReview(async ({ page }) => {
      const finding = page.locator(`[data-testid=finding][data-check="image-tag-mutable"][data-object="${FRONTEND}"]`);
      assert.equal(await finding.count(), 1, "one image-tag-mutable finding on the frontend");
      const line = Number(await finding.getAttribute("data-line"));
      const text = await readRepoFile("samples/feastflow/08-frontend-deployment.yaml");
      const imageLine = text.split("\n").findIndex((l) => /^\s*image:\s*feastflow-frontend:latest/.test(l)) + 1;
      assert.equal(line, imageLine, "the finding points at the image line");

      await finding.locator(".rv-finding-go").click();
      await waitForEqual(() => editorText(page), text, { message: "the frontend file in the editor" });
      assert.equal(
        await page.locator('[data-testid=file-tab][data-file="08-frontend-deployment.yaml"] [aria-current=true]').count(),
        1,
        "the frontend file's tab is current",
      );
      const selectedLine = await waitFor(
        () =>
          editorSelection(page).then((s) => (s.from > 0 ? s.startLine : 0)),
        { message: "a selection in the editor" },
      );
      assert.equal(selectedLine, line, "the selection starts on the finding's line");
      // The object is selected for every view (the finding shows it too).
      await waitFor(async () => (await finding.getAttribute("class")).includes("rv-selected"), {
        message: "the frontend selected",
      });
    });
  });

  it("downloads the review as Markdown with the checklist table", async () => {
    await withReview(async ({ page, requests }) => {
      const before = requests.length;
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("[data-testid=export-markdown]").click(),
      ]);
      assert.match(download.suggestedFilename(), /\.md$/);
      const markdown = await readFile(await download.path(), "utf8");
      assert.match(markdown, /\| Best practice \|/);
      assert.match(markdown, /\| \*\*maxUnavailable = 0\*\* \|/);
      assert.match(markdown, /feastflow-frontend/);

      // JSON and SARIF are parseable and hold the same findings as the list.
      const shown = await listFindings(page);
      const downloaded = async (testid) => {
        const [file] = await Promise.all([page.waitForEvent("download"), page.locator(`[data-testid=${testid}]`).click()]);
        return JSON.parse(await readFile(await file.path(), "utf8"));
      };
      const json = await downloaded("export-json");
      assert.equal(json.findings.length, shown.length, "the JSON holds every finding listed");
      const sarif = await downloaded("export-sarif");
      assert.equal(sarif.version, "2.1.0");
      const results = sarif.runs.flatMap((run) => run.results);
      assert.ok(results.some((r) => r.ruleId === "image-tag-mutable"), "SARIF reports image-tag-mutable");

      const fetched = requests.slice(before).filter((url) => !url.startsWith("blob:"));
      assert.deepEqual(fetched, [], "nothing fetched for the exports");
    });
  });

  it("turns a check off in the settings, and it stays off after a reload", async () => {
    await withReview(async ({ page }) => {
      const check = "image-tag-mutable";
      const findingsOf = async () => (await listFindings(page)).filter((f) => f.check === check).length;
      assert.ok((await findingsOf()) > 0, `${check} fires on FeastFlow`);

      await page.locator("[data-testid=review-settings-button]").click();
      const toggle = page.locator(`[data-testid=check-toggle][data-check="${check}"]`);
      assert.equal(await toggle.isChecked(), true);
      await toggle.uncheck();
      await waitForEqual(findingsOf, 0, { message: `no ${check} finding once it is off` });

      // The docs panel of the check says so too.
      await page.locator(`[data-check="${check}"] button[aria-label="Learn more about ${check}"]`).click();
      const docs = page.locator(`[data-testid=check-docs][data-check="${check}"]`);
      await docs.waitFor();
      assert.match(await docs.textContent(), /What it does/);
      assert.equal(await docs.locator("[data-testid=docs-toggle]").isChecked(), false);

      await page.reload({ waitUntil: "load" });
      await waitFor(async () => (await objectIds(page)).length > 0, { message: "the sample after the reload" });
      await openReview(page);
      assert.equal(await findingsOf(), 0, `${check} still off after the reload`);
      assert.ok((await listFindings(page)).length > 0, "the other checks still report");
      await page.locator("[data-testid=review-settings-button]").click();
      assert.equal(await page.locator(`[data-testid=check-toggle][data-check="${check}"]`).isChecked(), false);

      // Turning it back on brings its findings back.
      await page.locator(`[data-testid=check-toggle][data-check="${check}"]`).check();
      await waitFor(async () => (await findingsOf()) > 0, { message: `${check} findings back` });
    });
  });

  it("puts objects without a namespace in the chosen one, and exports and imports .manifesto.yaml", async () => {
    await withReview(async ({ page }) => {
      await setEditorText(page, "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n        - name: web\n          image: nginx:latest\n");
      const objectsFound = async () => new Set((await listFindings(page)).map((f) => f.object));
      await waitFor(async () => (await objectsFound()).has("Deployment/default/web"), { message: "web in default" });

      await page.locator("[data-testid=review-settings-button]").click();
      const namespace = page.locator("[data-testid=default-namespace]");
      assert.equal(await namespace.inputValue(), "default");
      await namespace.fill("shop");
      await namespace.press("Enter");
      await waitFor(async () => (await objectsFound()).has("Deployment/shop/web"), { message: "web in shop" });
      assert.ok(!(await objectsFound()).has("Deployment/default/web"), "its findings follow it");

      // The settings as the file the CLI reads.
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.locator("[data-testid=settings-export]").click(),
      ]);
      const exported = await readFile(await download.path(), "utf8");
      assert.match(exported, /^namespace: "?shop"?$/m);

      // A file from a repository: another namespace and one check off.
      await page.locator("[data-testid=settings-import]").setInputFiles({
        name: ".manifesto.yaml",
        mimeType: "text/yaml",
        buffer: Buffer.from("namespace: class\nchecks:\n  disable: [image-tag-mutable]\n"),
      });
      await waitForEqual(() => namespace.inputValue(), "class", { message: "the imported namespace" });
      await waitFor(async () => (await objectsFound()).has("Deployment/class/web"), { message: "web in class" });
      assert.equal(await page.locator('[data-testid=check-toggle][data-check="image-tag-mutable"]').isChecked(), false);
      assert.ok(!(await listFindings(page)).some((f) => f.check === "image-tag-mutable"), "the check is off");

      // A mistake in the file is located and explained; the settings stay.
      await page.locator("[data-testid=settings-import]").setInputFiles({
        name: ".manifesto.yaml",
        mimeType: "text/yaml",
        buffer: Buffer.from("checks:\n  disable: [image-tag-mutable]\nnamspace: other\n"),
      });
      const notice = await waitFor(async () => {
        const texts = await page.$$eval("[data-testid=notice]", (els) => els.map((el) => el.textContent));
        return texts.find((t) => t.includes("not imported")) ?? null;
      }, { message: "a notice about the bad file" });
      assert.match(notice, /\.manifesto\.yaml:3/);
      assert.match(notice, /namespace/);
      assert.equal(await namespace.inputValue(), "class");
    });
  });
});

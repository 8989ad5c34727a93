// The code editor: YAML highlighting and line numbers, problems marked in place (gutter marker,
// underline, message on hover, "Open" to show the finding), search, go to line, folding, undo
// and redo, and a text of megabytes drawn only where it is in view.
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import {
  chooseSample,
  editorSelection,
  editorText,
  objectIds,
  openApp,
  setEditorText,
  startServer,
  waitFor,
  waitForEqual,
} from "./helpers.mjs";

const EDITOR = "[data-testid=editor]";

/** A ConfigMap with a broken line (line 5) and a Deployment whose image tag is `latest`. */
const TEXT = `apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  key: value: other
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:latest
`;

/** The 1-based line of the editor's cursor. */
async function cursorLine(page) {
  return (await editorSelection(page)).startLine;
}

describe("code editor", () => {
  let server;
  let app;

  before(async () => {
    server = await startServer();
    app = await openApp(server);
  });
  after(async () => {
    await app?.close();
    await server?.close();
  });

  it("highlights YAML, numbers its lines and marks the problems in place", async () => {
    const { page } = app;
    await chooseSample(page, "empty");
    await setEditorText(page, TEXT);
    await waitFor(async () => (await page.locator(".cm-lint-marker-error").count()) > 0, {
      message: "an error marker in the gutter",
    });
    // The error is underlined on its line, and the gutter shows line numbers.
    const errorLine = await page.locator(".cm-line", { has: page.locator(".cm-lintRange-error") }).first().textContent();
    assert.equal(errorLine, "  key: value: other");
    assert.equal(await page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: /^23$/ }).count(), 1, "line 23 is numbered");
    // Keys are highlighted apart from values.
    const keyColor = await page.locator(".cm-line").nth(0).locator("span").first().evaluate((el) => getComputedStyle(el).color);
    const lineColor = await page.locator(".cm-line").nth(0).evaluate((el) => getComputedStyle(el).color);
    assert.notEqual(keyColor, lineColor, "`apiVersion` is coloured as a key");

    // A finding's mark says what is wrong on hover and opens it in the review.
    const image = page.locator(".cm-line", { hasText: "image: nginx:latest" }).locator("[class*=cm-lintRange]").first();
    await image.hover();
    const tooltip = page.locator(".cm-tooltip-lint");
    await tooltip.waitFor();
    assert.match(await tooltip.textContent(), /image-tag-mutable/);
    await tooltip.locator(".cm-diagnosticAction", { hasText: "Open" }).first().click();
    await page.locator('[data-testid=view-tab][data-view="review"][aria-selected="true"]').waitFor();
    await waitFor(async () => (await page.locator(".rv-finding.rv-selected").count()) > 0, {
      message: "the Deployment's findings selected in the review",
    });
  });

  it("searches, goes to a line, folds, undoes and redoes", async () => {
    const { page } = app;
    await page.locator('[data-testid=view-tab][data-view="objects"]').click();
    await chooseSample(page, "empty");
    await setEditorText(page, TEXT.replace("key: value: other", "key: value"));
    await waitForEqual(() => objectIds(page), ["ConfigMap/default/settings", "Deployment/shop/web"], { message: "the two objects" });
    const editor = page.locator(EDITOR);
    await editor.click();

    // Ctrl-F finds a word.
    await page.keyboard.press("Control+f");
    const search = page.locator(".cm-search input[name=search]");
    await search.waitFor();
    await page.keyboard.type("matchLabels");
    await page.keyboard.press("Enter");
    await waitFor(async () => (await editorSelection(page)).text === "matchLabels", { message: "the match selected" });
    assert.equal(await cursorLine(page), 14);
    await page.keyboard.press("Escape");

    // Ctrl-Alt-G goes to a line.
    await editor.click();
    await page.keyboard.press("Control+Alt+g");
    const goTo = page.locator(".cm-panel input[name=line], .cm-gotoLine input").first();
    await goTo.waitFor();
    await goTo.fill("20");
    await goTo.press("Enter");
    await waitForEqual(() => cursorLine(page), 20, { message: "the cursor on line 20" });

    // Folding the Deployment's spec hides its lines behind a placeholder.
    const foldMarker = page.locator(".cm-foldGutter .cm-gutterElement").nth(11);
    await foldMarker.click();
    await page.locator(".cm-foldPlaceholder").waitFor();
    assert.equal(await page.locator(".cm-line", { hasText: "image: nginx:latest" }).count(), 0, "the folded lines are hidden");
    await page.locator(".cm-foldPlaceholder").click();

    // Typing renames the ConfigMap; undo brings the old name back, redo the new one.
    await page.keyboard.press("Control+Home");
    for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("End");
    await page.keyboard.type("-2");
    await waitForEqual(() => objectIds(page), ["ConfigMap/default/settings-2", "Deployment/shop/web"], { message: "the typed name" });
    await page.keyboard.press("Control+z");
    await waitForEqual(() => objectIds(page), ["ConfigMap/default/settings", "Deployment/shop/web"], { message: "undone" });
    // (KeyZ: with Shift held, a keyboard sends "Z".)
    await page.keyboard.press("Control+Shift+KeyZ");
    await waitForEqual(() => objectIds(page), ["ConfigMap/default/settings-2", "Deployment/shop/web"], { message: "redone" });
    assert.ok((await editorText(page)).includes("name: settings-2"));
  });

  it("keeps each file's undo to itself", async () => {
    const { page } = app;
    await chooseSample(page, "feastflow");
    await page.locator('[data-testid=file-tab][data-file="00-namespace.yaml"] .file-tab-name').click();
    const namespaceFile = await editorText(page);
    await page.locator(EDITOR).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("# typed here\n");
    // Another file: undo there changes nothing, and never brings the first file's text back.
    await page.locator('[data-testid=file-tab][data-file="01-configmap.yaml"] .file-tab-name').click();
    const configFile = await editorText(page);
    assert.notEqual(configFile, namespaceFile);
    await page.locator(EDITOR).click();
    await page.keyboard.press("Control+z");
    await page.keyboard.press("Control+z");
    assert.equal(await editorText(page), configFile, "the second file's text is untouched");
    // The first file kept what was typed.
    await page.locator('[data-testid=file-tab][data-file="00-namespace.yaml"] .file-tab-name').click();
    await waitFor(async () => (await editorText(page)).endsWith("# typed here\n"), { message: "the typed line kept" });
  });

  it("draws only the lines in view of a 5 MB text, and types at its end", async () => {
    const { page } = app;
    await chooseSample(page, "empty");
    const block = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big-NUMBER\n  namespace: bulk\ndata:\n  note: \"" + "x".repeat(80) + "\"\n---\n";
    const parts = [];
    let size = 0;
    while (size <= 5 * 1024 * 1024) {
      parts.push(block.replace("NUMBER", String(parts.length)));
      size += parts.at(-1).length;
    }
    const copies = parts.length;
    const text = parts.join("");
    await setEditorText(page, text);
    await page.waitForSelector('[data-testid=analysis-status][data-state="done"]', { state: "attached", timeout: 120_000 });
    await waitFor(async () => Number(await page.$eval("[data-testid=analysis-status]", (el) => el.dataset.objects)) === copies, {
      timeout: 120_000,
      message: "every ConfigMap analysed",
    });
    const lines = text.split("\n").length;
    const drawn = await page.locator(".cm-line").count();
    assert.ok(drawn < 300, `${drawn} of ${lines} lines are in the page`);

    await page.locator(EDITOR).click();
    await page.keyboard.press("Control+End");
    await page.keyboard.type("# the end\n");
    await waitFor(async () => (await page.locator(".cm-line", { hasText: "# the end" }).count()) === 1, {
      message: "the typed line shown at the end",
    });
    assert.equal(await cursorLine(page), lines + 1);
    assert.equal(await page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: new RegExp(`^${lines + 1}$`) }).count(), 1);
    await waitFor(async () => (await editorText(page)).endsWith("# the end\n"), { message: "the text ends with the typed line" });
  });
});

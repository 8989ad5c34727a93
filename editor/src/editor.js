// The page's code editor: CodeMirror 6 with YAML highlighting, line numbers, folding, search
// (Ctrl-F), go to line (Ctrl-Alt-G), undo and redo, and the problems of the analysis marked in
// place. Bundled by `npm run build` (scripts/setup.sh) into dist/editor.js, a classic script
// that defines the global `ManifestoEditor`; src/components/editor/code_mirror.rs is the only
// Rust code that calls it.
//
// The bundle is built with `navigator.scheduling` defined as `undefined` (package.json). Where
// the browser has `navigator.scheduling.isInputPending`, CodeMirror's background parse runs in
// slices of up to 100 ms, stopping early only for pending input, so a large file kept the page
// from drawing a frame for 100 ms at a time while it was typed in. Without it, each slice ends
// within the idle period the browser gives (at most 50 ms).
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { yaml } from "@codemirror/lang-yaml";
import {
  HighlightStyle,
  bracketMatching,
  foldGutter,
  foldKeymap,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { tags } from "@lezer/highlight";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { Compartment, EditorState, RangeSetBuilder, StateEffect, StateField } from "@codemirror/state";
import {
  Decoration,
  EditorView,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  keymap,
  lineNumbers,
  placeholder,
} from "@codemirror/view";

/** YAML's colours, from the page's style sheet (`--syntax-*`), so they follow light and dark. */
const yamlColours = HighlightStyle.define([
  { tag: [tags.propertyName, tags.definition(tags.propertyName)], color: "var(--syntax-key)" },
  { tag: [tags.string, tags.special(tags.string), tags.content], color: "var(--syntax-string)" },
  { tag: [tags.number, tags.bool, tags.null, tags.keyword, tags.atom], color: "var(--syntax-literal)" },
  { tag: [tags.comment, tags.lineComment], color: "var(--syntax-comment)", fontStyle: "italic" },
  { tag: [tags.meta, tags.documentMeta, tags.labelName, tags.typeName], color: "var(--syntax-marker)" },
]);

/** CodeMirror's own colours are for a light page: these follow the page's, light or dark. */
const pageColours = EditorView.theme({
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--fg)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection": {
    backgroundColor: "color-mix(in srgb, var(--accent) 30%, transparent)",
  },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "color-mix(in srgb, var(--accent) 6%, transparent)" },
  ".cm-selectionMatch": { backgroundColor: "color-mix(in srgb, var(--ok) 25%, transparent)" },
  ".cm-tooltip, .cm-panels": { backgroundColor: "var(--bg-subtle)", color: "var(--fg)", borderColor: "var(--border)" },
  ".cm-tooltip-lint": { maxWidth: "min(36em, 80vw)" },
  ".cm-diagnostic": { whiteSpace: "normal" },
  ".cm-textfield": { backgroundColor: "var(--bg)", color: "var(--fg)", borderColor: "var(--border)" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--bg-subtle)", color: "var(--fg-muted)", borderColor: "var(--border)" },
});

/** The lines of the selected object, shaded. */
const setObjectLines = StateEffect.define();
const objectLines = StateField.define({
  create: () => Decoration.none,
  update(lines, tr) {
    lines = lines.map(tr.changes);
    for (const effect of tr.effects) {
      if (effect.is(setObjectLines)) lines = lineDecorations(tr.state.doc, effect.value);
    }
    return lines;
  },
  provide: (field) => EditorView.decorations.from(field),
});

const objectLine = Decoration.line({ class: "cm-object-line" });

function lineDecorations(doc, range) {
  if (!range) return Decoration.none;
  const builder = new RangeSetBuilder();
  const last = Math.min(range[1], doc.lines);
  for (let n = Math.max(range[0], 1); n <= last; n++) builder.add(doc.line(n).from, doc.line(n).from, objectLine);
  return builder.finish();
}

/** The document position of a 1-based line and column (in characters), kept inside the text. */
function position(doc, line, column) {
  const at = doc.line(Math.min(Math.max(line, 1), doc.lines));
  let offset = at.from;
  // Columns count characters; the document counts UTF-16 units.
  for (let c = 1; c < column && offset < at.to; c++) offset += at.text.codePointAt(offset - at.from) > 0xffff ? 2 : 1;
  return { from: Math.min(offset, at.to), lineEnd: at.to };
}

/** The content element's attributes, which name the editor after its file. */
const attributes = new Compartment();

function contentAttributes(label) {
  return EditorView.contentAttributes.of({
    "data-testid": "editor",
    "aria-label": label ?? "YAML",
    spellcheck: "false",
    autocapitalize: "off",
    autocorrect: "off",
  });
}

/** The handles of the editors on the page, by their content element. */
const editors = new WeakMap();

/**
 * An editor in `parent`. `options`: `text`, `label` (its accessible name), `placeholder`,
 * `onChange(whole)` (the user changed the text: read it with `text()`; `whole` when pasted or
 * dropped), `onCursor(line)` (the
 * cursor moved to a 1-based line), `onBlur()`, `onOpen(index)` (a marked problem's "Open"
 * was chosen).
 */
export function create(parent, options) {
  let label = options.label;
  /** A fresh state holding `text`: its own undo history, folds and selection. */
  const fresh = (text) => EditorState.create({ doc: text, extensions: extensions({ ...options, label }) });
  const view = new EditorView({ parent, state: fresh(options.text ?? "") });
  const handle = {
    /** The text. */
    text: () => view.state.doc.toString(),
    /**
     * Replaces the text as the page does (another file, a sample, an upload), with a history of
     * its own: undo never brings back another file's text. The cursor goes to the top.
     */
    setText(text) {
      view.setState(fresh(text));
      view.dispatch({ effects: EditorView.scrollIntoView(0) });
    },
    /** Replaces the text as a paste into the focused editor does: the page hears of it and the user can undo it. */
    paste(text) {
      view.focus();
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        userEvent: "input.paste",
      });
    },
    /**
     * Marks problems: `[{ line, column, severity: "error"|"warning"|"info", message, open }]`,
     * where `open` says whether the mark offers "Open" (its index goes to `onOpen`).
     */
    setProblems(problems) {
      const doc = view.state.doc;
      const diagnostics = problems.map((p, index) => {
        const { from, lineEnd } = position(doc, p.line, p.column);
        return {
          from,
          to: Math.max(lineEnd, from),
          severity: p.severity,
          message: p.message,
          actions: p.open ? [{ name: "Open", apply: () => options.onOpen?.(index) }] : [],
        };
      });
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    /** Shades lines `first..=last` (the selected object); `0, 0` shades none. */
    setObjectLines(first, last) {
      view.dispatch({ effects: setObjectLines.of(first > 0 ? [first, last] : null) });
    },
    /** Selects lines `first..=last` and scrolls them into view; focuses the editor if asked. */
    selectLines(first, last, focus) {
      const doc = view.state.doc;
      const start = doc.line(Math.min(Math.max(first, 1), doc.lines)).from;
      const end = doc.line(Math.min(Math.max(last, first, 1), doc.lines)).to;
      view.dispatch({
        selection: { anchor: start, head: end },
        effects: EditorView.scrollIntoView(start, { y: "start", yMargin: 60 }),
      });
      if (focus) view.focus();
    },
    /** The selected text's offsets in the text, in UTF-16 units: `[from, to]`. */
    selection: () => [view.state.selection.main.from, view.state.selection.main.to],
    /** Names the editor (its accessible name). */
    setLabel(name) {
      label = name;
      view.dispatch({ effects: attributes.reconfigure(contentAttributes(label)) });
    },
    /** Whether the editor holds the keyboard focus. */
    hasFocus: () => view.hasFocus,
    /** Removes the editor from the page. */
    destroy: () => view.destroy(),
  };
  // Heard at once, before a click elsewhere is handled: what was typed is sent first.
  view.contentDOM.addEventListener("blur", () => options.onBlur?.());
  editors.set(view.contentDOM, handle);
  return handle;
}

/** The handle of the editor holding `element` (its content element or anything inside). */
export function of(element) {
  const content = element?.closest?.(".cm-content");
  return content ? editors.get(content) : undefined;
}

function extensions(options) {
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    foldGutter(),
    drawSelection(),
    indentOnInput(),
    syntaxHighlighting(yamlColours),
    pageColours,
    bracketMatching(),
    highlightActiveLine(),
    highlightSelectionMatches(),
    lintGutter(),
    yaml(),
    objectLines,
    placeholder(options.placeholder ?? ""),
    EditorState.tabSize.of(2),
    attributes.of(contentAttributes(options.label)),
    keymap.of([...defaultKeymap, ...historyKeymap, ...foldKeymap, ...searchKeymap, ...lintKeymap]),
    EditorView.updateListener.of((update) => {
      // The page replaces the text with a new state, which is no update: every change here is the
      // user's. A paste or a drop is whole at once: there is no pause in typing to wait for.
      if (update.docChanged) {
        options.onChange?.(update.transactions.some((tr) => tr.isUserEvent("input.paste") || tr.isUserEvent("input.drop")));
      }
      const byUser = update.transactions.some((tr) => ["select", "input", "delete", "undo", "redo"].some((e) => tr.isUserEvent(e)));
      if ((update.selectionSet || update.docChanged) && byUser) {
        options.onCursor?.(update.state.doc.lineAt(update.state.selection.main.head).number);
      }
    }),
  ];
}

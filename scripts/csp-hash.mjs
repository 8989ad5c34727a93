#!/usr/bin/env node
// Trunk post_build hook: allow Trunk's inline loader script by hash.
//
// Trunk replaces <link data-trunk rel="rust"> with an inline <script type="module">
// whose text names the hashed .js/.wasm files, so its sha256 changes on every build.
// This script adds 'sha256-…' for every inline script to the script-src directive of
// the Content-Security-Policy <meta> tag, so the policy needs no 'unsafe-inline'.
//
// Usage: run by Trunk (reads $TRUNK_STAGING_DIR/index.html), or by hand:
//   node scripts/csp-hash.mjs dist/index.html
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const file =
  process.argv[2] ??
  (process.env.TRUNK_STAGING_DIR ? join(process.env.TRUNK_STAGING_DIR, "index.html") : null);
if (!file) {
  console.error("csp-hash: no HTML file given and TRUNK_STAGING_DIR is not set");
  process.exit(2);
}

let html = readFileSync(file, "utf8");

const hashes = [];
for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
  const [, attrs, body] = match;
  if (/\bsrc\s*=/i.test(attrs)) continue;
  const digest = createHash("sha256").update(body, "utf8").digest("base64");
  hashes.push(`'sha256-${digest}'`);
}

const meta = /(<meta\s+http-equiv=["']Content-Security-Policy["']\s+content=")([^"]*)(")/i;
const found = html.match(meta);
if (!found) {
  console.error(`csp-hash: no Content-Security-Policy <meta> tag in ${file}`);
  process.exit(1);
}

const directives = found[2]
  .split(";")
  .map((d) => d.trim())
  .filter(Boolean)
  .map((directive) => {
    const [name, ...sources] = directive.split(/\s+/);
    if (name !== "script-src") return directive;
    // Drop hashes from an earlier run so the hook is idempotent.
    const kept = sources.filter((s) => !/^'sha(256|384|512)-/.test(s));
    return [name, ...kept, ...hashes].join(" ");
  });
if (!directives.some((d) => d.startsWith("script-src"))) {
  console.error("csp-hash: the Content-Security-Policy has no script-src directive");
  process.exit(1);
}

html = html.replace(meta, (_, start, _content, end) => start + directives.join("; ") + end);
writeFileSync(file, html);
console.log(`csp-hash: ${hashes.length} inline script hash(es) added to script-src in ${file}`);

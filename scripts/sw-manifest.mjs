#!/usr/bin/env node
// Trunk post_build hook: writes the service worker (scripts/sw.template.js) into the build
// as sw.js, with the list of the build's files and a version derived from their contents.
//
// Trunk hashes the names of the script, WebAssembly and styles it emits, so the worker can
// only know what to cache once the build is done. The version changes whenever any file
// changes, so browsers install the new worker (and drop the old cache) after a deploy.
//
// Usage: run by Trunk (writes into $TRUNK_STAGING_DIR), or by hand:
//   node scripts/sw-manifest.mjs dist
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("sw-manifest: no build directory given and TRUNK_STAGING_DIR is not set");
  process.exit(2);
}
const WORKER = "sw.js";
const template = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "sw.template.js"), "utf8");

/** Every file under `root`, as sorted paths relative to it with `/` separators. */
function walk(root, at = root) {
  return readdirSync(at, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(at, entry.name);
      if (entry.isDirectory()) return walk(root, path);
      return entry.isFile() ? [relative(root, path).split(sep).join("/")] : [];
    })
    .sort();
}

// The worker itself is not cached (browsers fetch it for updates); source maps are only for
// debugging.
const files = walk(dir).filter((f) => f !== WORKER && !f.endsWith(".map"));
if (!files.includes("index.html")) {
  console.error(`sw-manifest: no index.html in ${dir}`);
  process.exit(1);
}

// The other post_build hook (csp-hash.mjs) may be rewriting the policy tag of index.html
// while this runs; the tag only hashes the inline loader, which names the hashed files
// already counted here, so it is left out of the version.
const hash = createHash("sha256");
for (const f of files) {
  let bytes = readFileSync(join(dir, f));
  if (f === "index.html") {
    bytes = bytes.toString("utf8").replace(/<meta\s+http-equiv=["']Content-Security-Policy["'][^>]*>/i, "");
  }
  hash.update(f).update("\0").update(bytes).update("\0");
}
const version = hash.digest("hex").slice(0, 16);

const list = files;
const worker = template
  .replace("__MANIFESTO_VERSION__", version)
  .replace("__MANIFESTO_FILES__", JSON.stringify(list, null, 2));
writeFileSync(join(dir, WORKER), worker);
console.log(`sw-manifest: ${WORKER} caches ${list.length} files (version ${version}) in ${dir}`);

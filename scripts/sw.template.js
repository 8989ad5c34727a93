// Manifesto's service worker: keeps the page working offline after the first visit.
//
// scripts/sw-manifest.mjs writes this file into dist/sw.js at build time, replacing the
// two placeholders below with the build's version and the list of its files (Trunk hashes
// their names, so the list changes with every build). Every path is relative to the
// worker's scope, so the page works from any sub-path of a static host.
//
// - install: caches every file of this build;
// - activate: drops the caches of earlier builds and takes control of open pages;
// - fetch: the page itself (navigations) comes from the network first, so a new deploy is
//   picked up, and from the cache when the network is gone; every other file of the build
//   comes from the cache first.
const VERSION = "__MANIFESTO_VERSION__";
const FILES = __MANIFESTO_FILES__;
const PREFIX = "manifesto-";
const CACHE = PREFIX + VERSION;

const scoped = (path) => new URL(path, self.registration.scope).href;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES.map((path) => new Request(scoped(path), { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith(PREFIX) && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function page(request) {
  try {
    return await fetch(request);
  } catch (err) {
    const cached = await caches.match(scoped("index.html"), { cacheName: CACHE });
    if (cached) return cached;
    throw err;
  }
}

async function file(request) {
  const cached = await caches.match(request, { cacheName: CACHE, ignoreSearch: true });
  return cached ?? fetch(request);
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(self.registration.scope)) return;
  event.respondWith(request.mode === "navigate" ? page(request) : file(request));
});

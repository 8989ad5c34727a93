// Publishing is copying dist/: the page works from any path of a static host, e.g. a project
// site served under /<repo>/, because every URL in it is relative.
import { test } from "node:test";
import assert from "node:assert/strict";

import { openApp, startServer, listObjects, waitFor } from "./helpers.mjs";

test("the page works under a sub-path and asks only for its own files there", async () => {
  const server = await startServer({ prefix: "/manifesto/" });
  try {
    const app = await openApp(server, { path: "/manifesto/" });
    try {
      await waitFor(async () => (await listObjects(app.page)).length > 0, {
        message: "the sample's objects listed",
      });
      const own = `${server.origin}/manifesto/`;
      const elsewhere = app.requests.filter(
        (url) => !url.startsWith(own) && !url.startsWith("data:") && !url.startsWith("blob:"),
      );
      assert.deepEqual(elsewhere, [], "requests outside the published folder");
      assert.ok(
        server.served.every((line) => line.split(" ")[1].startsWith("/manifesto/")),
        `every request stays under /manifesto/: ${server.served.join(", ")}`,
      );
      assert.deepEqual(app.pageErrors, []);
    } finally {
      await app.close();
    }
  } finally {
    await server.close();
  }
});

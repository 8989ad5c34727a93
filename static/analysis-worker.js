// The analysis worker: the page's own wasm module, started again here, reviews large workspaces
// off the page's thread (src/worker.rs; the page's side is src/hooks/analysis_worker.rs).
// The first message says where the module's JavaScript is and hands over the compiled module;
// each later one is a job ({request, settings, names, texts}), answered with
// {request, review} (the review as JSON) or {request, error}. A job not started when a newer
// one comes is dropped: only the latest files' review is ever wanted.

let bindings;
let waiting;
let running = false;

self.onmessage = async (event) => {
  const message = event.data;
  if (message.glue) {
    bindings = import(message.glue).then(async (glue) => {
      await glue.default({ module_or_path: message.module });
      return glue;
    });
    return;
  }
  waiting = message;
  if (running) return;
  running = true;
  while (waiting) {
    const job = waiting;
    waiting = undefined;
    try {
      const glue = await bindings;
      const review = glue.reviewInWorker(job.settings, job.names, job.texts);
      self.postMessage({ request: job.request, review });
    } catch (error) {
      // After a failure the module's state cannot be trusted: the page reviews from now on.
      self.postMessage({ request: job.request, error: String(error) });
      self.close();
      return;
    }
    // Let the jobs sent meanwhile arrive, so only the newest of them runs.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  running = false;
};

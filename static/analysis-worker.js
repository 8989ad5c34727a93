// The analysis worker: the page's own wasm module, started again here, reviews large workspaces
// off the page's thread (src/worker.rs; the page's side is src/hooks/analysis_worker.rs).
// The first message says where the module's JavaScript is and hands over the compiled module;
// each later one is a job ({request, settings, names, texts}), answered with {request, review}
// (the review as JSON in UTF-8 bytes, whose buffer is handed over rather than copied) or
// {request, error}. A job not started when a newer one comes is dropped: only the latest files'
// review is ever wanted. Until its first job, the worker warms up (below).

let bindings;
let waiting;
let running = false;
let jobCame = false;
let broken;

self.onmessage = async (event) => {
  const message = event.data;
  if (message.glue) {
    bindings = import(message.glue).then(async (glue) => {
      await glue.default({ module_or_path: message.module });
      return glue;
    });
    warmUp();
    return;
  }
  waiting = message;
  jobCame = true;
  if (running) return;
  running = true;
  while (waiting) {
    const job = waiting;
    waiting = undefined;
    try {
      const glue = await bindings;
      if (broken) throw new Error(broken);
      const review = glue.reviewInWorker(job.settings, job.names, job.texts);
      self.postMessage({ request: job.request, review }, [review.buffer]);
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

// The browser first runs wasm with a quick, unoptimised compilation and optimises each function
// once it has run enough, on other threads. Left to the first large workspace, that happens during
// its analysis, which then takes about twice as long as the sixth one. So while it has no job, the
// worker reviews the built-in sample this many times (two to three seconds of one core after the
// page shows), stopping for good when the first job comes (resumed after it, it took a core for
// about half a second while the page read and drew that job's results). Measured on 1,100
// objects, the first review took 335–419 ms after 150 rounds and 222–264 ms after 600; later
// ones take 170–190 ms.
const WARM_UP_ROUNDS = 600;

async function warmUp() {
  try {
    const glue = await bindings;
    for (let round = 0; round < WARM_UP_ROUNDS && !jobCame; round++) {
      glue.warmUp();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } catch (error) {
    // The module's state cannot be trusted: the next job answers with this error.
    broken = String(error);
  }
}

// Helpers the apps' end-to-end tests share (the demo's and the Next.js example's): what a browser context
// sent and received, and stopping a server they started.

/**
 * Records every request a Playwright browser context sends and every response it receives, bodies included
 * (binary as latin1), so tests can check what crossed the wire. Await `settled()` before reading `responses`.
 */
export function recordTraffic(context) {
  const requests = [];
  const responses = [];
  const reading = new Set();
  context.on("request", (request) => requests.push({ method: request.method(), url: request.url() }));
  context.on("response", (response) => {
    // a response still arriving as its page or context closes cannot be read: it is left out, not thrown
    const read = (async () => {
      const headers = JSON.stringify(await response.allHeaders());
      // redirects and aborted loads have no body
      const body = await response.body().then(
        (b) => b.toString("latin1"),
        () => "",
      );
      responses.push({
        method: response.request().method(),
        url: response.url(),
        status: response.status(),
        headers,
        body,
      });
    })().catch(() => undefined);
    reading.add(read);
    void read.finally(() => reading.delete(read));
  });
  return {
    requests,
    responses,
    settled: async () => {
      while (reading.size > 0) await Promise.allSettled([...reading]);
    },
  };
}

/** Stops a child process: SIGTERM, then SIGKILL if it has not exited within 5 s. */
export function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

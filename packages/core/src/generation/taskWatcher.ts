import { FluxError } from "../errors/FluxError";
import type { FluxClient } from "../client/createFluxClient";
import type { FluxJob, FluxTaskSnapshot } from "../client/types";

/** Receives what a watcher sees. */
export interface TaskWatchListener {
  snapshot(snapshot: FluxTaskSnapshot): void;
  /**
   * A poll failed for good: a final failure (auth, credits, task not found…), or any failure when the client's
   * `retry` is `false`. The watch has stopped. Retryable failures (network, 5xx, 429…) are not reported: the task
   * stays pending and is polled again, backing off, until the watch is stopped or times out.
   */
  error(error: FluxError): void;
}

/** A running watch: `stop()` ends it with no timer or request left; `refresh()` polls now. */
export interface TaskWatch {
  stop(): void;
  /** Polls now; resolves with the snapshot (also reported to the listener), or `undefined` if the poll failed. */
  refresh(): Promise<FluxTaskSnapshot | undefined>;
}

/**
 * Starts watching a task and reports snapshots until it is terminal or stopped. The React package plugs in a
 * TanStack Query observer; `pollingWatcher` is the plain one.
 */
export type TaskWatcher = (job: FluxJob, listener: TaskWatchListener) => TaskWatch;

/**
 * A watcher that polls with `client.getResult` on the client's adaptive schedule (`client.nextPollDelay`), the
 * first poll at once; after a retryable failure it polls again on the same schedule's backoff. For servers,
 * workers and framework-free use.
 *
 * @example
 * createGenerationController({ client, model: "flux-2-pro", watch: pollingWatcher(client) })
 */
export function pollingWatcher(client: FluxClient): TaskWatcher {
  return (job, listener) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    let failures = 0;
    let last: FluxTaskSnapshot | undefined;
    let stopped = false;

    const poll = async (): Promise<FluxTaskSnapshot | undefined> => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      let snapshot: FluxTaskSnapshot;
      try {
        snapshot = await client.getResult(job, { signal: controller.signal });
      } catch (thrown) {
        if (stopped) return undefined;
        const error = FluxError.from(thrown);
        failures++;
        if (!schedule(error)) {
          stopped = true;
          listener.error(error);
        }
        return undefined;
      }
      if (stopped) return snapshot;
      polls++;
      failures = 0;
      last = snapshot;
      listener.snapshot(snapshot);
      schedule();
      return snapshot;
    };
    /** Schedules the next poll; `false` when there is none (a terminal status, or a final failure). */
    const schedule = (error?: FluxError) => {
      if (stopped) return true;
      const delay = client.nextPollDelay(job, last, polls, error && { error, failures });
      if (delay === false) return false;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void poll(), delay);
      return true;
    };

    void poll();
    return {
      stop() {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        controller.abort();
      },
      refresh: () => (stopped ? Promise.resolve(undefined) : poll()),
    };
  };
}

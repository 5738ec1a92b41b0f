import { FluxError } from "../errors/FluxError";
import type { FluxClient } from "../client/createFluxClient";
import type { FluxJob, FluxTaskSnapshot } from "../client/types";

/** Receives what a watcher sees. */
export interface TaskWatchListener {
  snapshot(snapshot: FluxTaskSnapshot): void;
  /** A poll failed after the client's read retries (network, 5xx, auth…). The watch has stopped. */
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
 * first poll at once. For servers, workers and framework-free use.
 *
 * @example
 * createGenerationController({ client, model: "flux-2-pro", watch: pollingWatcher(client) })
 */
export function pollingWatcher(client: FluxClient): TaskWatcher {
  return (job, listener) => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let polls = 0;
    let last: FluxTaskSnapshot | undefined;
    let stopped = false;

    const poll = async (): Promise<FluxTaskSnapshot | undefined> => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      let snapshot: FluxTaskSnapshot;
      try {
        snapshot = await client.getResult(job, { signal: controller.signal });
      } catch (error) {
        if (!stopped) {
          stopped = true;
          listener.error(FluxError.from(error));
        }
        return undefined;
      }
      if (stopped) return snapshot;
      polls++;
      last = snapshot;
      listener.snapshot(snapshot);
      schedule();
      return snapshot;
    };
    const schedule = () => {
      if (stopped) return;
      const delay = client.nextPollDelay(job, last, polls);
      if (delay === false) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => void poll(), delay);
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

import { useEffect, useState, useSyncExternalStore } from "react";
import { createJobTray, type JobTray, type JobTrayOptions, type TrayJob } from "@flux-kit/core";
import { useFluxContext } from "./FluxProvider";
import { queryWatcher, submitThroughMutation } from "./queryWatcher";
import type { FluxWatchOptions } from "./types";

/** Options of `useFluxJobs`. */
export interface UseFluxJobsOptions<Meta = unknown> extends Omit<
  FluxWatchOptions,
  "onReady" | "onError" | "imageExpiresAt"
> {
  /**
   * Keep the jobs (tasks, results, inputs and `meta`) across reloads in sessionStorage, under this key; running
   * ones resume on mount. `false` to keep nothing.
   * @default false
   * @example { persist: { key: "flux-kit:studio" } }
   */
  readonly persist?: JobTrayOptions<Meta>["persist"];
  /** Jobs kept; past this the oldest finished ones are dropped (never a running one). @default 24 */
  readonly maxJobs?: number | undefined;
  /**
   * How long a job over the proxy's (or BFL's) limit waits for a free slot before it fails; meanwhile its
   * `state.waiting` says why, and `cancel(id)` is free.
   * @default 600_000 (10 minutes)
   */
  readonly slotWaitMs?: number | undefined;
  /** A job's image is ready (its URL lives about 10 minutes: show, download or persist it). */
  readonly onReady?: JobTrayOptions<Meta>["onReady"];
  /** A job failed, was moderated or timed out (not for `cancel`, `remove` or unmount). */
  readonly onError?: JobTrayOptions<Meta>["onError"];
}

/** What `useFluxJobs` returns: the jobs, newest first, and the tray's actions (stable across renders). */
export interface UseFluxJobsResult<Meta = unknown> extends Pick<
  JobTray<Meta>,
  "generate" | "watch" | "cancel" | "resume" | "retry" | "remove"
> {
  readonly jobs: readonly TrayJob<Meta>[];
}

const NO_JOBS: readonly never[] = [];
const serverJobs = () => NO_JOBS;

/**
 * Several generations at once, each with its own progress, cancel and retry (a studio's job tray): core's
 * `createJobTray` on the provider's client, submitting through TanStack mutations and polling through its query
 * cache. A job over the proxy's per-person limit waits for a slot, saying so (`job.state.waiting`). Renders only
 * when a job changes.
 *
 * @example
 * const { jobs, generate, cancel } = useFluxJobs<{ prompt: string }>({ persist: { key: "studio" } });
 * generate({ prompt }, { model: "flux-2-pro", meta: { prompt } });
 * jobs.map((job) => <Job key={job.id} job={job} onCancel={() => cancel(job.id)} />);
 */
export function useFluxJobs<Meta = unknown>(options: UseFluxJobsOptions<Meta> = {}): UseFluxJobsResult<Meta> {
  const { client, queryClient } = useFluxContext("useFluxJobs");
  const trayOptions: JobTrayOptions<Meta> = {
    client,
    submit: (input, _signal, to, submit) => submitThroughMutation(queryClient, client, to, input, submit),
    watch: queryWatcher(queryClient, client, { pollWhileHidden: options.pollWhileHidden }),
    persist: options.persist,
    maxJobs: options.maxJobs,
    slotWaitMs: options.slotWaitMs ?? 600_000,
    timeoutMs: options.timeoutMs,
    persistImage: options.persistImage,
    tickMs: options.tickMs,
    onReady: options.onReady,
    onError: options.onError,
  };
  const [tray] = useState(() => createJobTray(trayOptions));
  useEffect(() => {
    tray.setOptions(trayOptions);
  });
  useEffect(() => tray.connect(), [tray]);
  const jobs = useSyncExternalStore(tray.subscribe, tray.getJobs, serverJobs);
  const [actions] = useState(() => {
    const { generate, watch, cancel, resume, retry, remove } = tray;
    return { generate, watch, cancel, resume, retry, remove };
  });
  return { jobs, ...actions };
}

import { focusManager, queryOptions } from "@tanstack/react-query";
import type { FluxClient, FluxError, FluxTaskSnapshot, TaskRef } from "@flux-kit/core";

/** Extra settings of `fluxTaskQueryOptions`. */
export interface FluxTaskQueryExtras {
  /**
   * Keep polling while the tab is hidden. When `false`, polls pause in a hidden tab and a poll runs as soon as the
   * window is focused again (TanStack Query's focus manager).
   * @default false
   * @example fluxTaskQueryOptions(client, id, { pollWhileHidden: true })
   */
  readonly pollWhileHidden?: boolean | undefined;
}

/** The query key of one task: `["flux", "task", id]`. @example queryClient.invalidateQueries({ queryKey: fluxTaskQueryKey(id) }) */
export function fluxTaskQueryKey(id: string) {
  return ["flux", "task", id] as const;
}

/**
 * TanStack Query options that watch a BFL task: key `["flux", "task", id]`, one `getResult` per fetch (the query's
 * `signal` aborts it), polling through `refetchInterval` on core's adaptive schedule (`client.nextPollDelay`),
 * stopping at a terminal status (which then never goes stale) or a final failure (401/403, 402, 404…). After a
 * retryable failure (network, 5xx, 429…) the query keeps polling on the client's backoff: the task may still
 * finish. No TanStack retries: the client already retries reads.
 *
 * @example
 * const client = useFluxClient();
 * const { data: snapshot } = useQuery(fluxTaskQueryOptions(client, taskId));
 */
export function fluxTaskQueryOptions(client: FluxClient, task: TaskRef, extras: FluxTaskQueryExtras = {}) {
  const ref = typeof task === "string" ? { id: task } : task;
  const pollWhileHidden = extras.pollWhileHidden ?? false;
  return queryOptions<FluxTaskSnapshot, FluxError, FluxTaskSnapshot, ReturnType<typeof fluxTaskQueryKey>>({
    queryKey: fluxTaskQueryKey(ref.id),
    queryFn: ({ signal }) => client.getResult(ref, { signal }),
    // TanStack polls with setInterval, worked out again at every change of the query: no interval while a poll
    // is in flight (a long poll is held for up to 20 s, and the next may be due in 1 ms), and at least a second's
    // while polls pause in a hidden tab (its ticks then do nothing, so none may come every millisecond; a hidden
    // tab changes no query, so the interval must stay armed for the poll due on return). After a failed poll,
    // back off by every failure this task has had (TanStack counts no run of them).
    refetchInterval: ({ state }) => {
      if (state.fetchStatus === "fetching") return false;
      const delay = client.nextPollDelay(
        ref,
        state.data,
        state.dataUpdateCount,
        state.status === "error" ? { error: state.error, failures: state.errorUpdateCount } : undefined,
      );
      return delay !== false && !pollWhileHidden && !focusManager.isFocused()
        ? Math.max(delay, 1_000)
        : delay;
    },
    refetchIntervalInBackground: pollWhileHidden,
    staleTime: (query) => (query.state.data?.terminal ? Infinity : 0),
    refetchOnWindowFocus: true,
    refetchOnReconnect: true,
    retry: false,
  });
}

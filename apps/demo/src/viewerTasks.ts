import { hashKey, type QueryClient, type QueryKey } from "@tanstack/react-query";
import type { FluxJob, FluxTaskSnapshot } from "@flux-kit/core";
import { fluxSubmitMutationKey, fluxTaskQueryKey } from "@flux-kit/react";

/** Which tasks the person saw in this browser's studio, so they are not reported as finished in the background. */
export interface ViewerTasks {
  /**
   * Whether the studio is following the task in this page (submitted here, or seen running), or watched it end in
   * this page or an earlier one.
   */
  readonly shown: (id: string) => boolean;
  /** Calls `listener` whenever `shown` may answer differently. Returns the unsubscribe. */
  readonly subscribe: (listener: () => void) => () => void;
  /** Stops following the caches. */
  readonly close: () => void;
}

/** Where the ids of tasks watched to their end are kept, for the next page of this browser. */
export const SHOWN_KEY = "flux-demo:shown-in-viewer";
const MAX_SHOWN = 200;

/** Whether `key` is what `make` builds from the key's own last part: a flux-kit key of that kind. */
const isKeyOf = (key: QueryKey | undefined, make: (last: string) => QueryKey): boolean => {
  const last = key?.at(-1);
  return typeof last === "string" && hashKey(key!) === hashKey(make(last));
};

/**
 * Follows the app's TanStack Query caches, where `FluxStudio` (through `useFluxJobs`) keeps its submits
 * (`fluxSubmitMutationKey`) and its task polls (`fluxTaskQueryKey`). A task is followed from its submit in this
 * page, or from a poll that finds it running while the viewer observes it; it is watched to its end when a
 * followed task's poll finds it terminal. A task the viewer resumes after it ended (the page was closed or left
 * mid-run) has a terminal first poll: it was not watched, it finished in the background. Watched ids are kept in
 * `storage`, so the next page knows them too.
 *
 * @example
 * const viewer = watchViewerTasks(queryClient, localStorage);
 * viewer.shown(taskId); // true: the person saw it running or ending in the studio
 */
export function watchViewerTasks(queryClient: QueryClient, storage?: Storage): ViewerTasks {
  const followed = new Set<string>();
  const listeners = new Set<() => void>();
  const changed = () => {
    for (const listener of listeners) listener();
  };
  const readShown = (): string[] => {
    try {
      const parsed: unknown = JSON.parse(storage?.getItem(SHOWN_KEY) ?? "[]");
      return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === "string") : [];
    } catch {
      return [];
    }
  };
  const keepShown = (id: string) => {
    try {
      storage?.setItem(
        SHOWN_KEY,
        JSON.stringify([...readShown().filter((i) => i !== id), id].slice(-MAX_SHOWN)),
      );
    } catch {
      // storage full or disabled: this page still knows it through `followed`
    }
  };
  const follow = (id: string) => {
    if (followed.has(id)) return;
    followed.add(id);
    changed();
  };

  const stopMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type !== "updated" || event.action.type !== "success") return;
    if (!isKeyOf(event.mutation.options.mutationKey, fluxSubmitMutationKey)) return;
    const job = event.mutation.state.data as FluxJob | undefined;
    if (job && typeof job.id === "string") follow(job.id);
  });

  const stopQueries = queryClient.getQueryCache().subscribe((event) => {
    const { query } = event;
    const key = query.queryKey as QueryKey;
    if (!isKeyOf(key, fluxTaskQueryKey)) return;
    const id = key.at(-1) as string;
    const snapshot = query.state.data as FluxTaskSnapshot | undefined;
    if (event.type === "updated" && event.action.type === "success" && snapshot) {
      if (!snapshot.terminal) {
        if (query.getObserversCount() > 0) follow(id);
      } else if (followed.has(id)) {
        keepShown(id);
        changed();
      }
    } else if (event.type === "observerAdded" && snapshot && !snapshot.terminal) {
      follow(id);
    } else if (event.type === "observerRemoved" && query.getObserversCount() === 0 && !snapshot?.terminal) {
      // the studio stopped watching it before its end (cancelled, or overtaken by a newer submit)
      if (followed.delete(id)) changed();
    }
  });

  return {
    shown: (id) => followed.has(id) || readShown().includes(id),
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    close() {
      stopMutations();
      stopQueries();
      listeners.clear();
    },
  };
}

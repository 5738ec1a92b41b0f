import type { FailedTask, GalleryItem, GalleryResponse } from "./demoApi";
import type { ViewerTasks } from "./viewerTasks";

/** How a task the user was not watching ended: its image, or why there is none. */
export type AwayOutcome =
  | { readonly kind: "ready"; readonly id: string; readonly item: GalleryItem }
  | { readonly kind: "failed"; readonly id: string; readonly failure: FailedTask };

export interface AwayTrackerOptions {
  /** When this browser last opened the demo (ms since the epoch), if it did. */
  readonly lastVisit: number | undefined;
  /** The tasks the studio showed the person (`watchViewerTasks`): those did not end "away". */
  readonly viewer: Pick<ViewerTasks, "shown" | "subscribe">;
}

/** An external store (for `useSyncExternalStore`) of the outcomes the gallery answers reveal. */
export interface AwayTracker {
  /** Reads one gallery answer. */
  readonly update: (data: GalleryResponse) => void;
  /** What ended away, newest first; the same array until it changes. */
  readonly outcomes: () => readonly AwayOutcome[];
  /** Calls `listener` when `outcomes()` changes. Returns the unsubscribe. */
  readonly subscribe: (listener: () => void) => () => void;
}

/**
 * Finds the tasks that ended while nobody watched them in a studio: in the first gallery answer, those that ended
 * since this browser's last visit (the tab was closed or left mid-generation); in later ones, those this page saw
 * running in the gallery (e.g. started in a tab since closed) that have ended since. Never one the studio showed,
 * also when the gallery learnt of its end before the studio's own poll did: it drops out once the viewer has it.
 *
 * @example
 * const tracker = createAwayTracker({ lastVisit, viewer });
 * tracker.update(await fetchGallery());
 * tracker.outcomes(); // [{ kind: "ready", id, item }]
 */
export function createAwayTracker({ lastVisit, viewer }: AwayTrackerOptions): AwayTracker {
  let first = true;
  const seenRunning = new Set<string>();
  let found: readonly AwayOutcome[] = [];
  let visible: readonly AwayOutcome[] = [];
  const listeners = new Set<() => void>();
  const refresh = () => {
    const next = found.filter((outcome) => !viewer.shown(outcome.id));
    if (next.length === visible.length && next.every((outcome, i) => outcome === visible[i])) return;
    visible = next;
    for (const listener of listeners) listener();
  };

  return {
    update(data) {
      const isFirst = first;
      first = false;
      const pending = new Set(data.pending.map((task) => task.id));
      const ended = (id: string, at: number) =>
        !pending.has(id) &&
        !viewer.shown(id) &&
        (seenRunning.has(id) || (isFirst && lastVisit !== undefined && at > lastVisit));
      const fresh = [
        ...data.failed
          .filter((f) => ended(f.id, f.at))
          .map((failure) => ({
            outcome: { kind: "failed", id: failure.id, failure } as const,
            at: failure.at,
          })),
        ...data.items
          .filter((i) => ended(i.id, i.createdAt))
          .map((item) => ({ outcome: { kind: "ready", id: item.id, item } as const, at: item.createdAt })),
      ]
        .sort((a, b) => b.at - a.at)
        .map((f) => f.outcome);
      for (const id of pending) seenRunning.add(id);
      for (const outcome of fresh) seenRunning.delete(outcome.id);
      if (fresh.length > 0) found = [...fresh, ...found.filter((old) => !fresh.some((f) => f.id === old.id))];
      refresh();
    },
    outcomes: () => visible,
    subscribe(listener) {
      listeners.add(listener);
      const stopViewer = viewer.subscribe(refresh);
      return () => {
        listeners.delete(listener);
        stopViewer();
      };
    },
  };
}

const LAST_VISIT_KEY = "flux-demo:last-visit";

/** When this browser last opened the demo (ms), and records this visit at `now`. Call once per page load. */
export function readLastVisit(storage: Storage | undefined, now: number): number | undefined {
  try {
    const stored = Number(storage?.getItem(LAST_VISIT_KEY));
    storage?.setItem(LAST_VISIT_KEY, String(now));
    return Number.isFinite(stored) && stored > 0 ? stored : undefined;
  } catch {
    return undefined; // storage disabled: no "while you were away"
  }
}

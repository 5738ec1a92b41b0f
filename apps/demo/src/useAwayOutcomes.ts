import { useEffect, useState, useSyncExternalStore } from "react";
import { createAwayTracker, type AwayOutcome } from "./awayOutcomes";
import type { GalleryResponse } from "./demoApi";
import type { ViewerTasks } from "./viewerTasks";

export type { AwayOutcome };

/** What the page knows about this browser's visits: read once per page load (see `main.tsx`). */
export interface PageVisit {
  /** When this browser last opened the demo, if it did (`readLastVisit`). */
  readonly lastVisit: number | undefined;
  /** The tasks the studio showed the person (`watchViewerTasks`). */
  readonly viewer: ViewerTasks;
}

/**
 * The outcomes of the tasks that ended while nobody watched them in a studio (see `createAwayTracker`), newest
 * first: a thin layer over the tracker, fed each gallery answer.
 */
export function useAwayOutcomes(data: GalleryResponse | undefined, visit: PageVisit): readonly AwayOutcome[] {
  const [tracker] = useState(() => createAwayTracker(visit));
  useEffect(() => {
    if (data) tracker.update(data);
  }, [data, tracker]);
  return useSyncExternalStore(tracker.subscribe, tracker.outcomes, tracker.outcomes);
}

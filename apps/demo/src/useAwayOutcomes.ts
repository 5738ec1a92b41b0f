import { useEffect, useRef, useState } from "react";
import type { FailedTask, GalleryItem, GalleryResponse } from "./demoApi";

/** How a task the user was not watching ended: its image, or why there is none. */
export type AwayOutcome =
  | { readonly kind: "ready"; readonly id: string; readonly item: GalleryItem }
  | { readonly kind: "failed"; readonly id: string; readonly failure: FailedTask };

const LAST_VISIT_KEY = "flux-demo:last-visit";

/** When this browser last opened the demo (ms), and records this visit. Read once per page load. */
function readLastVisit(now: number): number | undefined {
  try {
    const stored = Number(localStorage.getItem(LAST_VISIT_KEY));
    localStorage.setItem(LAST_VISIT_KEY, String(now));
    return Number.isFinite(stored) && stored > 0 ? stored : undefined;
  } catch {
    return undefined; // storage disabled: no "while you were away"
  }
}

/**
 * The outcomes of tasks that ended while nobody watched them in a studio: those that ended since this browser's
 * last visit (the tab was closed mid-generation), and those this page saw running in the gallery (started in a
 * tab since closed) that have ended since. Newest first.
 */
export function useAwayOutcomes(data: GalleryResponse | undefined): readonly AwayOutcome[] {
  const [lastVisit] = useState(() => readLastVisit(Date.now()));
  // the first answer reports what ended since the last visit; later ones, what this page saw running
  const first = useRef(true);
  const watched = useRef(new Set<string>());
  const [outcomes, setOutcomes] = useState<readonly AwayOutcome[]>([]);

  useEffect(() => {
    if (!data) return;
    const isFirst = first.current;
    first.current = false;
    const pending = new Set(data.pending.map((task) => task.id));
    const ended = (id: string, at: number) =>
      !pending.has(id) && (watched.current.has(id) || (isFirst && lastVisit !== undefined && at > lastVisit));
    const found = [
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
    for (const id of pending) watched.current.add(id);
    for (const outcome of found) watched.current.delete(outcome.id);
    if (found.length === 0) return;
    setOutcomes((previous) => [...found, ...previous.filter((p) => !found.some((f) => f.id === p.id))]);
  }, [data, lastVisit]);

  return outcomes;
}

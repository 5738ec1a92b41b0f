import { expect, test, vi } from "vitest";
import { createAwayTracker, readLastVisit } from "./awayOutcomes";
import type { FailedTask, GalleryItem, GalleryResponse, PendingTask } from "./demoApi";

const T0 = Date.UTC(2026, 0, 1);
const item = (id: string, createdAt: number, prompt = id): GalleryItem => ({
  id,
  url: `/api/demo/images/${id}.jpg`,
  contentType: "image/jpeg",
  model: "flux-2-pro",
  prompt,
  createdAt,
});
const failure = (id: string, at: number): FailedTask => ({
  id,
  model: "flux-2-pro",
  code: "moderated",
  message: "Blocked",
  reasons: ["Violence"],
  submittedAt: at - 5_000,
  at,
});
const running = (id: string): PendingTask => ({ id, model: "flux-2-pro", submittedAt: T0 });
const answer = (parts: Partial<GalleryResponse>): GalleryResponse => ({
  items: [],
  pending: [],
  failed: [],
  ...parts,
});

/** A stand-in for `watchViewerTasks`: the ids the studio showed, and a way to add one. */
function fakeViewer(...ids: string[]) {
  const shownIds = new Set(ids);
  const listeners = new Set<() => void>();
  return {
    shown: (id: string) => shownIds.has(id),
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    show(id: string) {
      shownIds.add(id);
      for (const listener of listeners) listener();
    },
  };
}

const ids = (outcomes: readonly { readonly id: string }[]) => outcomes.map((o) => o.id);

test("the first answer reports what ended since the last visit, newest first, but not what the studio showed", () => {
  // "watched" was watched to Ready in the studio before a reload; "left" and "blocked" ended while the page was closed
  const tracker = createAwayTracker({ lastVisit: T0, viewer: fakeViewer("watched") });
  tracker.update(
    answer({
      items: [item("left", T0 + 3_000), item("watched", T0 + 2_000), item("old", T0 - 1)],
      failed: [failure("blocked", T0 + 4_000)],
      pending: [running("still-running")],
    }),
  );
  expect(tracker.outcomes()).toMatchObject([
    { kind: "failed", id: "blocked" },
    { kind: "ready", id: "left" },
  ]);
});

test("with no earlier visit the first answer reports nothing", () => {
  const tracker = createAwayTracker({ lastVisit: undefined, viewer: fakeViewer() });
  tracker.update(answer({ items: [item("a", T0)] }));
  expect(tracker.outcomes()).toEqual([]);
});

test("later answers report what this page saw running in the gallery and has ended since", () => {
  const tracker = createAwayTracker({ lastVisit: T0, viewer: fakeViewer() });
  tracker.update(answer({ pending: [running("other-tab")] }));
  tracker.update(answer({ items: [item("other-tab", T0 + 9_000), item("never-seen-running", T0 + 9_000)] }));
  expect(ids(tracker.outcomes())).toEqual(["other-tab"]);
  // reported once: a later answer does not repeat it
  tracker.update(answer({ items: [item("other-tab", T0 + 9_000)] }));
  expect(ids(tracker.outcomes())).toEqual(["other-tab"]);
});

test("a task the studio is watching is not reported, even when the gallery learns of its end first", () => {
  const viewer = fakeViewer("in-studio");
  const tracker = createAwayTracker({ lastVisit: T0, viewer });
  tracker.update(answer({ pending: [running("in-studio")] }));
  tracker.update(answer({ items: [item("in-studio", T0 + 9_000)] }));
  expect(tracker.outcomes()).toEqual([]);
});

test("an outcome reported before the studio's own poll came back drops out when it does", () => {
  const viewer = fakeViewer();
  const tracker = createAwayTracker({ lastVisit: T0, viewer });
  const changed = vi.fn();
  tracker.subscribe(changed);
  tracker.update(answer({ items: [item("resumed", T0 + 1_000), item("away", T0 + 2_000)] }));
  expect(ids(tracker.outcomes())).toEqual(["away", "resumed"]);
  const before = tracker.outcomes();
  expect(tracker.outcomes()).toBe(before); // a stable snapshot for useSyncExternalStore

  viewer.show("resumed");
  expect(ids(tracker.outcomes())).toEqual(["away"]);
  expect(changed).toHaveBeenCalledTimes(2);
});

test("readLastVisit answers the previous visit and records this one", () => {
  const items = new Map<string, string>();
  const storage = {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  } as Storage;
  expect(readLastVisit(storage, T0)).toBeUndefined();
  expect(readLastVisit(storage, T0 + 60_000)).toBe(T0);
  expect(readLastVisit(storage, T0 + 120_000)).toBe(T0 + 60_000);
  expect(readLastVisit(undefined, T0)).toBeUndefined();
});

import type { FailedTask, PendingTask } from "./createTaskWatcher";

/**
 * What `GET /api/demo/gallery` answers: each task once. A task can be saved (or have failed) while the watcher still
 * follows it: the browser's poll through the proxy saves the image first, and the watcher, polling on its own
 * schedule, lets go of the task a little later. Such a task is listed as what it became, not also as pending.
 */
export function galleryAnswer<Item extends { readonly id: string }>(
  items: readonly Item[],
  pending: readonly PendingTask[],
  failed: readonly FailedTask[],
): { items: readonly Item[]; pending: readonly PendingTask[]; failed: readonly FailedTask[] } {
  const ended = new Set([...items.map((item) => item.id), ...failed.map((failure) => failure.id)]);
  return { items, pending: pending.filter((task) => !ended.has(task.id)), failed };
}

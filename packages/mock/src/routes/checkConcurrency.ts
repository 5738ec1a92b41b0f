import type { ModelDefinition } from "@flux-kit/core";
import type { MockContext } from "../MockContext";
import { detail } from "../responses";

/**
 * BFL's active-task limits: `maxActiveTasks` per key, and each model's own cap. Returns the 429 (with
 * `Retry-After` when the `retryAfter` option asks for one), or `undefined` when the submit may run.
 */
export function checkConcurrency(
  ctx: MockContext,
  account: string,
  model: ModelDefinition,
): Response | undefined {
  const now = ctx.clock.now();
  let total = 0;
  let sameModel = 0;
  let nextFinish = Infinity;
  for (const task of ctx.tasks.running()) {
    if (task.account !== account) continue;
    total += 1;
    if (task.model === model.id) sameModel += 1;
    nextFinish = Math.min(nextFinish, task.finishesAt);
  }
  const cap = ctx.options.maxActiveTasks ?? 24;
  const modelCap = ctx.options.maxActiveTasksPerModel?.[model.id] ?? model.maxConcurrent;
  if (total < cap && sameModel < modelCap) return undefined;
  const limit = sameModel >= modelCap ? modelCap : cap;
  const headers: Record<string, string> = {};
  const retryAfter = ctx.options.retryAfter ?? false;
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  else if (retryAfter === "estimate") {
    const seconds = Number.isFinite(nextFinish) ? Math.max(1, Math.ceil((nextFinish - now) / 1000)) : 30;
    headers["retry-after"] = String(seconds);
  }
  return detail(
    429,
    `You have exceeded the limit of ${limit} active tasks. Wait until one of your previous tasks has finished.`,
    headers,
  );
}

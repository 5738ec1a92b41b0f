import { getModel } from "@flux-kit/core";
import { costReport } from "../costReport";
import type { MockContext, RequestOrigins } from "../MockContext";
import { detail, json, validationError } from "../responses";
import { progressAt, statusAt } from "../tasks";
import { taskResult } from "./taskResult";

/**
 * `GET /v1/get_result?id=`: the task's full `ResultResponse` at the current clock time. Unknown and evicted
 * tasks get `Task not found` with HTTP 200, as at BFL. When polls have their own origin, a poll reaching any
 * other origin gets HTTP 404, as BFL's regional clusters answer (docs/bfl-api.md Part II §8.3), unless
 * `strictPollingOrigin` says otherwise.
 */
export async function answerPoll(
  ctx: MockContext,
  url: URL,
  origins: RequestOrigins,
  entry: { taskId?: string },
): Promise<Response> {
  const id = url.searchParams.get("id");
  if (id === null) {
    return validationError([{ type: "missing", loc: ["query", "id"], msg: "Field required", input: null }]);
  }
  entry.taskId = id;
  const notFound = {
    id,
    status: "Task not found",
    result: null,
    progress: null,
    details: null,
    preview: null,
  };
  const pollingOrigin = origins.pollingOrigin;
  const strict = ctx.options.strictPollingOrigin ?? true;
  if (strict !== false && pollingOrigin && url.origin !== new URL(pollingOrigin).origin) {
    return strict === "task-not-found" ? json(200, notFound) : detail(404, "Task not found");
  }
  const task = ctx.tasks.get(id);
  if (!task) return json(200, notFound);
  const now = ctx.clock.now();
  const status = statusAt(task, now);
  const base = { id, status, result: null, progress: null, details: null, preview: null };
  switch (status) {
    case "Pending":
    case "Reasoning":
    case "Generating": {
      const progress = task.reportsProgress ? formatProgress(ctx, progressAt(task, now)) : null;
      return json(200, { ...base, progress });
    }
    case "Ready": {
      const result = await taskResult(ctx, task, url, origins);
      const model = getModel(task.model);
      // SettledCostResultResponse: the FLUX.1-era and Kontext price arrives here, top-level (Part II §8.2)
      const settled = model !== undefined && costReport(ctx.options, model) === "ready";
      return json(200, { ...base, result, ...(settled && { cost: task.cost }) });
    }
    case "Error":
      return json(ctx.options.errorPollStatus ?? 200, { ...base, details: task.errorDetails });
    default:
      return json(200, { ...base, details: { "Moderation Reasons": task.reasons } });
  }
}

/** `progress` as the `progress` option shapes it, never above 0.99 while Pending. */
function formatProgress(ctx: MockContext, fraction: number): number | null {
  const mode = ctx.options.progress ?? "fraction";
  if (mode === "null") return null;
  const capped = Math.min(0.99, fraction);
  return mode === "percent" ? Math.floor(capped * 100) : Math.floor(capped * 100) / 100;
}

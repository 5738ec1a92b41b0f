import type { MockContext, RequestOrigins } from "./MockContext";
import { taskResult } from "./routes/taskResult";
import { statusAt, type MockTaskRecord } from "./tasks";

/**
 * Sends the task's outcome to its `webhook_url` when it finishes (the dispatcher retries failed deliveries).
 * A stuck task never finishes, so it never calls back.
 */
export function scheduleWebhook(
  ctx: MockContext,
  task: MockTaskRecord,
  url: URL,
  origins: RequestOrigins,
): void {
  if (!Number.isFinite(task.finishesAt)) return;
  // Node may run a timer a millisecond before `Date.now()` reaches its time: the task is still pending then, so
  // look again once the clock is there (without this its webhook was never sent)
  const due = () => {
    if (ctx.clock.now() < task.finishesAt) ctx.timers.at(task.finishesAt, due);
    else void sendOutcome(ctx, task, url, origins);
  };
  ctx.timers.at(task.finishesAt, due);
}

async function sendOutcome(
  ctx: MockContext,
  task: MockTaskRecord,
  url: URL,
  origins: RequestOrigins,
): Promise<void> {
  const status = statusAt(task, ctx.clock.now());
  if (status === "Pending" || status === "Reasoning" || status === "Generating") return;
  if (status === "Task not found") return;
  const result = status === "Ready" ? await taskResult(ctx, task, url, origins) : null;
  const details =
    status === "Ready"
      ? null
      : status === "Error"
        ? task.errorDetails
        : { "Moderation Reasons": task.reasons };
  ctx.webhooks.send({
    taskId: task.id,
    status,
    result,
    details,
    url: task.webhookUrl ?? "",
    secret: task.webhookSecret,
  });
}

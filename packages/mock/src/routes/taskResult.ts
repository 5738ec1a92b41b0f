import { sasTime } from "../delivery";
import type { MockContext, RequestOrigins } from "../MockContext";
import type { MockTaskRecord } from "../tasks";
import { MIME } from "./matchRoute";

/**
 * A Ready task's `result`, as polls and webhooks report it: `sample` is a signed, expiring delivery URL on the
 * delivery origin (else the request's own origin and mount), signed once per task.
 */
export async function taskResult(
  ctx: MockContext,
  task: MockTaskRecord,
  url: URL,
  origins: RequestOrigins,
): Promise<Record<string, unknown>> {
  const origin = origins.deliveryOrigin ?? `${url.origin}${origins.basePath}`;
  const ext = task.outputFormat;
  const path = `/results/${task.blobId}/sample.${ext}`;
  task.sampleQuery ??= (async () => {
    const se = sasTime(task.finishesAt + (ctx.options.deliveryTtlMs ?? 600_000));
    const sig = await ctx.signer.sign(path, se, MIME[ext]);
    const query = new URLSearchParams({ se, sp: "r", sv: "2024-11-04", sr: "b", rsct: MIME[ext], sig });
    return query.toString();
  })();
  return {
    sample: `${origin}${path}?${await task.sampleQuery}`,
    prompt: task.resultPrompt,
    seed: task.seed,
    start_time: task.createdAt / 1000,
    end_time: task.finishesAt / 1000,
    duration: Math.round(task.finishesAt - task.createdAt) / 1000,
  };
}

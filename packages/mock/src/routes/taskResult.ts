import { getModel } from "@flux-kit/core";
import { sasTime } from "../delivery";
import type { MockContext, RequestOrigins } from "../MockContext";
import type { MockTaskRecord } from "../tasks";
import { MIME } from "./matchRoute";

/**
 * A Ready task's `result`, as polls and webhooks report it: `sample` is a signed, expiring delivery URL on the
 * delivery origin (else the request's own origin and mount), signed once per task and valid for the model's
 * `deliveryLifetimeMs` (1 hour for FLUX 3 Image, 10 minutes for the others) unless `deliveryTtlMs` is set.
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
  const model = getModel(task.model);
  task.sampleQuery ??= (async () => {
    const lifetime = ctx.options.deliveryTtlMs ?? model?.deliveryLifetimeMs ?? 600_000;
    const se = sasTime(task.finishesAt + lifetime);
    const sig = await ctx.signer.sign(path, se, MIME[ext]);
    const query = new URLSearchParams({ se, sp: "r", sv: "2024-11-04", sr: "b", rsct: MIME[ext], sig });
    return query.toString();
  })();
  const sample = `${origin}${path}?${await task.sampleQuery}`;
  if (model?.family === "flux-3") {
    // FLUX 3's Ready body: the URL, the expanded prompt and the model's own seconds (no seed: there is none)
    const modelSeconds = (0.9 * (task.finishesAt - task.createdAt)) / 1000;
    return { sample, prompt: task.resultPrompt, duration: Math.round(modelSeconds * 1000) / 1000 };
  }
  return {
    sample,
    prompt: task.resultPrompt,
    seed: task.seed,
    start_time: task.createdAt / 1000,
    end_time: task.finishesAt / 1000,
    duration: Math.round(task.finishesAt - task.createdAt) / 1000,
  };
}

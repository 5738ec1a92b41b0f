import {
  FluxError,
  FluxGenerationError,
  FluxModerationError,
  FluxTaskNotFoundError,
} from "../errors/FluxError";
import { moderationReasons } from "../schemas/moderationReasons";
import { normalizeProgress } from "../schemas/progress";
import { parseResultResponse } from "../schemas/resultResponse";
import { taskStage } from "../schemas/taskStatus";
import { DEFAULT_TASKS, endpointTasks } from "../bfl/endpoints";
import { deliveryExpiry, isBflDelivery } from "./delivery";
import type { FluxResult, FluxTaskSnapshot } from "./types";

/**
 * Reads a `get_result` body into a snapshot: progress normalised to 0–1, `Ready` turned into a `FluxResult`,
 * terminal failures into the error a caller branches on (`Request/Content Moderated` → `FluxModerationError`,
 * `Error`/`Failed` → `FluxGenerationError`, `Task not found` → `FluxTaskNotFoundError`). In-flight statuses
 * (`Pending`, FLUX 3's `Reasoning` and `Generating`, and unknown ones) stay non-terminal, with their `stage`.
 */
export function toSnapshot(
  json: unknown,
  model: string | undefined,
  now: number = Date.now(),
  deliveryLifetimeMs?: number,
): FluxTaskSnapshot {
  const body = parseResultResponse(json);
  const base = {
    id: body.id,
    status: body.status,
    progress: normalizeProgress(body.progress ?? null),
    details: body.details ?? null,
    preview: body.preview ?? null,
    stage: undefined,
  };
  const options = { taskId: body.id, body: json };
  switch (body.status) {
    case "Ready": {
      const lifetime = deliveryLifetimeMs ?? (endpointTasks(model ?? "") ?? DEFAULT_TASKS).deliveryLifetimeMs;
      const result = toResult(body.id, body.result, model, now, lifetime, body.cost);
      return { ...base, progress: 1, result, error: undefined, terminal: true };
    }
    case "Request Moderated":
    case "Content Moderated": {
      const stage = body.status === "Request Moderated" ? "request" : "content";
      const error = new FluxModerationError(stage, moderationReasons(body.details), options);
      return { ...base, result: undefined, error, terminal: true };
    }
    case "Error":
    case "Failed":
      return {
        ...base,
        result: undefined,
        error: new FluxGenerationError(body.details ?? null, options),
        terminal: true,
      };
    case "Task not found":
      return {
        ...base,
        result: undefined,
        error: new FluxTaskNotFoundError(body.id, options),
        terminal: true,
      };
    default:
      return { ...base, stage: taskStage(body.status), result: undefined, error: undefined, terminal: false };
  }
}

function toResult(
  id: string,
  raw: unknown,
  model: string | undefined,
  now: number,
  lifetimeMs: number,
  settledCost: number | null,
): FluxResult {
  const result = (raw ?? {}) as Record<string, unknown>;
  const url = result["sample"];
  if (typeof url !== "string" || url === "") {
    throw new FluxError("bad_response", "BFL said Ready but sent no result.sample URL.", {
      taskId: id,
      body: raw,
    });
  }
  const num = (key: string) => (typeof result[key] === "number" ? result[key] : undefined);
  const endTime = num("end_time");
  const made = endTime !== undefined && endTime * 1000 <= now ? endTime * 1000 : now;
  return {
    id,
    model,
    url,
    // From the URL's own expiry; a BFL delivery URL without one gets the model's documented lifetime (10 minutes,
    // 1 hour for FLUX 3); any other URL (a copy your server persisted through the proxy's onResult hook) does not
    // expire.
    expiresAt: deliveryExpiry(url) ?? (isBflDelivery(url) ? new Date(made + lifetimeMs) : undefined),
    seed: num("seed"),
    prompt: typeof result["prompt"] === "string" ? result["prompt"] : undefined,
    startTime: num("start_time"),
    endTime,
    duration: num("duration"),
    // the settled top-level cost (FLUX.1, Kontext), else one BFL put in `result`
    cost: settledCost ?? num("cost"),
    raw: result,
  };
}

import { normalizeProgress } from "../schemas/progress";
import type * as z from "zod/mini";
import { toText, type WebhookBytes } from "./webhookCrypto";
import {
  fieldWebhookPayloadSchema,
  skillWebhookPayloadSchema,
  webhookResultSchema,
  type FieldWebhookPayload,
  type SkillWebhookPayload,
} from "./webhookPayload";
import { parseWebhookTimestamp } from "./webhookTimestamp";
import { WebhookPayloadError } from "./WebhookPayloadError";

/**
 * What a webhook says happened, normalised across payload shapes:
 * - `"ready"`: `Ready`, `SUCCESS` (also `succeeded`, `completed`);
 * - `"failed"`: `Error`, `FAILED`, `Failed`, `Task not found`;
 * - `"moderated"`: `Request Moderated`, `Content Moderated`;
 * - `"pending"`: `Pending`, `PENDING`, `processing`, `Queued`, `Generating`, `Reasoning`…;
 * - `"unknown"`: anything else (treat as not finished).
 */
export type WebhookOutcome = "ready" | "failed" | "moderated" | "pending" | "unknown";

/** The generated image of a `"ready"` event. */
export interface FluxWebhookResult {
  /** Signed delivery URL of the image. BFL expires it after 10 minutes: download or persist it promptly. */
  readonly sample: string;
  readonly seed?: number;
  /** The prompt BFL used (the upsampled one when prompt upsampling was on). */
  readonly prompt?: string;
  /** From `result.start_time` (unix seconds). */
  readonly startTime?: Date;
  /** From `result.end_time` (unix seconds). */
  readonly endTime?: Date;
  /** Generation time in seconds, from `result.duration`. */
  readonly duration?: number;
}

/** Moderation details of a `"moderated"` event. */
export interface FluxWebhookModeration {
  /** `"request"`: the input was flagged before generation; `"content"`: the output was flagged. */
  readonly stage: "request" | "content";
  /** Reasons from `details["Moderation Reasons"]` (or a string `details`); possibly empty. */
  readonly reasons: readonly string[];
}

/**
 * A webhook delivery, normalised by {@link parseWebhookEvent}.
 * @example
 * if (event.outcome === "moderated") console.log(event.moderation?.stage, event.moderation?.reasons);
 */
export interface FluxWebhookEvent {
  /** The task id (`task_id` or `id`). */
  readonly taskId: string;
  readonly outcome: WebhookOutcome;
  /** The status string exactly as sent, e.g. `"SUCCESS"` or `"Request Moderated"`. */
  readonly status: string;
  /** Present when `result.sample` is a string (normally on `"ready"`). */
  readonly result?: FluxWebhookResult;
  /** A readable error for `"failed"` events, from `error` / `message` / a string `details`. */
  readonly error?: string;
  /** BFL's `details`, untouched (an object or a string). */
  readonly details?: unknown;
  /** Progress as a fraction 0–1; values above 1 are taken as percent and divided by 100. */
  readonly progress?: number;
  readonly moderation?: FluxWebhookModeration;
  /** The payload's `timestamp` (ISO 8601 or unix time), if any. */
  readonly timestamp?: Date;
  /** `"field"`: `{ task_id, status: "SUCCESS" … }`; `"skill"`: `{ id, status: "Ready" … }`. */
  readonly shape: "skill" | "field";
  /** The parsed payload, with every field BFL sent. */
  readonly raw: Readonly<Record<string, unknown>>;
}

const OUTCOMES: Readonly<Record<string, WebhookOutcome>> = {
  ready: "ready",
  success: "ready",
  succeeded: "ready",
  completed: "ready",
  complete: "ready",
  error: "failed",
  failed: "failed",
  failure: "failed",
  "task not found": "failed",
  "request moderated": "moderated",
  "content moderated": "moderated",
  pending: "pending",
  processing: "pending",
  queued: "pending",
  "in progress": "pending",
  running: "pending",
  generating: "pending",
  reasoning: "pending",
};

/**
 * Parses a webhook body into a {@link FluxWebhookEvent}. Accepts both documented shapes: the field-observed
 * `{ task_id, status: "SUCCESS" | "FAILED" | "PENDING" | "processing", result, error?, progress? }` and BFL's
 * skill `{ id, status: "Ready" | "Error" | …, result, error?, message?, timestamp }`, including BFL's own
 * statuses (`Request Moderated`, `Content Moderated`, `Task not found`). Unknown extra fields are kept in
 * `raw`; ill-typed optional fields are ignored rather than rejected.
 *
 * Verify the signature first (see `verifyWebhook`); this function trusts its input.
 *
 * @param body The parsed JSON, or the raw body (string or bytes) to parse.
 * @throws {WebhookPayloadError} (code `"bad_response"`) when the body is not JSON or has no task id or status.
 * @example
 * const event = parseWebhookEvent(await req.text());
 * switch (event.outcome) {
 *   case "ready": await persist(event.taskId, event.result?.sample); break;
 *   case "moderated": notify(event.taskId, event.moderation?.reasons); break;
 *   case "failed": notify(event.taskId, event.error); break;
 * }
 */
export function parseWebhookEvent(body: unknown): FluxWebhookEvent {
  const data =
    typeof body === "string" || body instanceof Uint8Array || body instanceof ArrayBuffer
      ? parseJson(body)
      : body;

  const field = fieldWebhookPayloadSchema.safeParse(data);
  if (field.success) return normalise(field.data, field.data.task_id, "field");
  const skill = skillWebhookPayloadSchema.safeParse(data);
  if (skill.success) return normalise(skill.data, skill.data.id, "skill");

  const issues = [...describe(field.error.issues), ...describe(skill.error.issues)].filter(
    (line, i, all) => all.indexOf(line) === i,
  );
  throw new WebhookPayloadError(
    "Unrecognised webhook payload: expected a JSON object with `task_id` (or `id`) and `status`, like " +
      '{"task_id":"…","status":"SUCCESS","result":{"sample":"https://…"}} or ' +
      `{"id":"…","status":"Ready","result":{…}}. Problems: ${issues.join("; ")}.`,
    issues,
    { body: data },
  );
}

function parseJson(body: WebhookBytes): unknown {
  const text = toText(body);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new WebhookPayloadError(
      `The webhook body is not JSON (starts with ${JSON.stringify(text.slice(0, 40))}); expected a JSON object.`,
      ["body: not JSON"],
      { cause },
    );
  }
}

function describe(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => `${issue.path.map(String).join(".") || "body"}: ${issue.message}`);
}

function normalise(
  payload: FieldWebhookPayload | SkillWebhookPayload,
  taskId: string,
  shape: "skill" | "field",
): FluxWebhookEvent {
  const status = payload.status;
  const key = status
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, " ");
  const outcome = OUTCOMES[key] ?? "unknown";
  const result = readResult(payload.result);
  const progress = readProgress(payload.progress);
  const timestamp = parseWebhookTimestamp(payload.timestamp);
  const error =
    outcome === "failed" || outcome === "moderated"
      ? readError(payload, key === "task not found" ? "Task not found" : undefined)
      : text(payload.error);
  const moderation =
    outcome === "moderated"
      ? {
          stage: key.startsWith("request") ? ("request" as const) : ("content" as const),
          reasons: readReasons(payload.details),
        }
      : undefined;

  return {
    taskId,
    outcome,
    status,
    shape,
    raw: payload,
    ...(result && { result }),
    ...(error !== undefined && { error }),
    ...(payload.details !== undefined && payload.details !== null && { details: payload.details }),
    ...(progress !== undefined && { progress }),
    ...(moderation && { moderation }),
    ...(timestamp && { timestamp }),
  };
}

function readResult(value: unknown): FluxWebhookResult | undefined {
  const parsed = webhookResultSchema.safeParse(value);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const startTime = typeof r.start_time === "number" ? parseWebhookTimestamp(r.start_time) : undefined;
  const endTime = typeof r.end_time === "number" ? parseWebhookTimestamp(r.end_time) : undefined;
  return {
    sample: r.sample,
    ...(typeof r.seed === "number" && Number.isFinite(r.seed) && { seed: r.seed }),
    ...(typeof r.prompt === "string" && { prompt: r.prompt }),
    ...(startTime && { startTime }),
    ...(endTime && { endTime }),
    ...(typeof r.duration === "number" && Number.isFinite(r.duration) && { duration: r.duration }),
  };
}

/** A poll's progress rule (fraction or percent, clamped), also for a numeric string. */
function readProgress(value: unknown): number | undefined {
  return normalizeProgress(typeof value === "string" && value.trim() ? Number(value) : value);
}

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "object" && value !== null) {
    const message = (value as { message?: unknown }).message;
    if (typeof message === "string" && message.trim()) return message.trim();
  }
  return undefined;
}

function readError(
  payload: FieldWebhookPayload | SkillWebhookPayload,
  fallback: string | undefined,
): string | undefined {
  // Skip repeats, and a bare copy of the status (the skill sends `error: "Error"`), which adds nothing.
  const status = payload.status.trim().toLowerCase();
  const parts = [text(payload.error), text(payload.message), text(payload.details)].filter(
    (p, i, all): p is string => p !== undefined && all.indexOf(p) === i && p.toLowerCase() !== status,
  );
  return parts.length ? parts.join(": ") : fallback;
}

function readReasons(details: unknown): string[] {
  if (typeof details === "string") return details.trim() ? [details.trim()] : [];
  if (typeof details !== "object" || details === null) return [];
  for (const [k, v] of Object.entries(details)) {
    if (!/^moderation[\s_-]?reasons?$/i.test(k)) continue;
    if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string");
    if (typeof v === "string") return [v];
  }
  return [];
}

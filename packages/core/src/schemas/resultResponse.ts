import * as z from "zod/mini";
import { customCheck, nonEmptyString } from "../models/fields";
import { safeParseWith, unwrapOrThrow, type ParseResult } from "./parseResponse";
import { KNOWN_STATUSES, statusOutcome, type TaskStatus } from "./taskStatus";

const optionalNumber = () => z.optional(z.nullable(z.number()));

/** `result` of a `Ready` task: the signed `sample` URL (valid 10 minutes) plus metadata; extra keys kept. */
export const resultSampleSchema = z.looseObject({
  sample: nonEmptyString(),
  /** The prompt actually used: the upsampled one when prompt upsampling was on. */
  prompt: z.optional(z.nullable(z.string())),
  seed: optionalNumber(),
  start_time: optionalNumber(),
  end_time: optionalNumber(),
  duration: optionalNumber(),
});
export type ResultSample = z.output<typeof resultSampleSchema>;

/**
 * [OAS] `ResultResponse` of `GET /v1/get_result`, tolerant of what BFL really sends: any `status` string,
 * `details` as an object or a string, absent fields, extra keys. A `Ready` body must carry `result.sample`.
 */
export const resultResponseSchema = z
  .looseObject({
    id: z.string(),
    status: z.string(),
    result: z.optional(z.unknown()),
    progress: optionalNumber(),
    details: z.optional(z.unknown()),
    preview: z.optional(z.unknown()),
  })
  .check(
    customCheck((v, ctx) => {
      if (statusOutcome(v.status) !== "ready") return;
      const parsed = z.safeParse(resultSampleSchema, v.result, { reportInput: true });
      if (parsed.success) return;
      for (const issue of parsed.error.issues) {
        ctx.issues.push({ ...issue, path: ["result", ...issue.path] } as z.core.$ZodRawIssue);
      }
    }),
  );

/** A parsed `get_result` body: wire names, statuses in canonical spelling, absent values as `null`. */
export interface ResultResponse {
  id: string;
  /** A known status in BFL's spelling (matched case-insensitively), or the unknown string as sent. */
  status: TaskStatus;
  /** The result when it has a `sample` (always on `Ready`), else `null`. */
  result: ResultSample | null;
  /** Raw progress: a fraction or a percentage; see `normalizeProgress`. */
  progress: number | null;
  /** Failure/moderation information: an object (e.g. `{"Moderation Reasons": […]}`), a string, or `null`. */
  details: Record<string, unknown> | string | null;
  preview: Record<string, unknown> | null;
}

const CANONICAL = new Map<string, TaskStatus>(KNOWN_STATUSES.map((s) => [s.toLowerCase(), s]));

const asRecord = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

function normalize(v: z.output<typeof resultResponseSchema>): ResultResponse {
  const sample = z.safeParse(resultSampleSchema, v.result);
  let details: ResultResponse["details"] = null;
  if (typeof v.details === "string") details = v.details;
  else if (v.details !== null && v.details !== undefined)
    details = asRecord(v.details) ?? JSON.stringify(v.details);
  return {
    id: v.id,
    status: CANONICAL.get(v.status.trim().toLowerCase()) ?? v.status,
    result: sample.success ? sample.data : null,
    progress: v.progress ?? null,
    details,
    preview: asRecord(v.preview),
  };
}

/** Parses a `get_result` body without throwing. */
export function safeParseResultResponse(json: unknown): ParseResult<ResultResponse> {
  return safeParseWith(resultResponseSchema, json, normalize);
}

/**
 * Parses a `get_result` body.
 * @throws FluxError with `code: "bad_response"` when it is not a result response (no `id`/`status`, or `Ready`
 * without `result.sample`).
 * @example parseResultResponse({ id: "t1", status: "Pending", progress: 40 }).progress // 40
 */
export function parseResultResponse(json: unknown): ResultResponse {
  return unwrapOrThrow(safeParseResultResponse(json), "get_result response", json);
}

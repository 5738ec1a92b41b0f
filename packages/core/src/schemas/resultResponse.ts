import { unwrapOrThrow } from "./parseResponse";
import {
  looseObject,
  nonEmpty,
  nullish,
  number,
  parseShape,
  string,
  unknown,
  type ParseResult,
  type ShapeIssue,
} from "./shape";
import { KNOWN_STATUSES, statusOutcome, type TaskStatus } from "./taskStatus";
import { jsonObject } from "../bfl/json";

/** `result` of a `Ready` task: the signed `sample` URL (valid 10 minutes) plus metadata; extra keys kept. */
export interface ResultSample {
  sample: string;
  /** The prompt actually used: the upsampled one when prompt upsampling was on. */
  prompt?: string | null | undefined;
  seed?: number | null | undefined;
  start_time?: number | null | undefined;
  end_time?: number | null | undefined;
  duration?: number | null | undefined;
  [key: string]: unknown;
}

const resultSample = looseObject<ResultSample>({
  sample: nonEmpty,
  prompt: nullish(string),
  seed: nullish(number),
  start_time: nullish(number),
  end_time: nullish(number),
  duration: nullish(number),
});

/** A `get_result` body as BFL sends it. */
interface RawResultResponse {
  id: string;
  status: string;
  result?: unknown;
  progress?: number | null | undefined;
  details?: unknown;
  preview?: unknown;
  cost?: number | null | undefined;
  [key: string]: unknown;
}

/**
 * [OAS] `ResultResponse` of `GET /v1/get_result`, tolerant of what BFL really sends: any `status` string,
 * `details` as an object or a string, absent fields, extra keys. A `Ready` body must carry `result.sample`.
 */
const resultResponse = looseObject<RawResultResponse>({
  id: string,
  status: string,
  result: unknown,
  progress: nullish(number),
  details: unknown,
  preview: unknown,
  cost: nullish(number),
});

/** A `Ready` body's `result` must be a sample. */
function requireSample(v: RawResultResponse, issues: ShapeIssue[]): void {
  if (statusOutcome(v.status) === "ready") resultSample(v.result, ["result"], issues);
}

/** The sample in `result`, or `null` when it is not one. */
function sampleOf(result: unknown): ResultSample | null {
  const issues: ShapeIssue[] = [];
  const sample = resultSample(result, [], issues);
  return issues.length === 0 ? sample : null;
}

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
  /**
   * The settled cost in credits, top-level on a `Ready` body (`SettledCostResultResponse`) for the endpoints that
   * send none at submit (FLUX.1, Kontext); `null` otherwise (docs/bfl-api.md, 2026 addendum §8.2).
   */
  cost: number | null;
}

const CANONICAL = /* @__PURE__ */ new Map<string, TaskStatus>(
  KNOWN_STATUSES.map((s) => [s.toLowerCase(), s]),
);

function normalize(v: RawResultResponse): ResultResponse {
  let details: ResultResponse["details"] = null;
  if (typeof v.details === "string") details = v.details;
  else if (v.details !== null && v.details !== undefined)
    details = jsonObject(v.details) ?? JSON.stringify(v.details);
  return {
    id: v.id,
    status: CANONICAL.get(v.status.trim().toLowerCase()) ?? v.status,
    result: sampleOf(v.result),
    progress: v.progress ?? null,
    details,
    preview: jsonObject(v.preview) ?? null,
    cost: v.cost ?? null,
  };
}

/** Parses a `get_result` body without throwing. */
export function safeParseResultResponse(json: unknown): ParseResult<ResultResponse> {
  return parseShape(resultResponse, json, normalize, requireSample);
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

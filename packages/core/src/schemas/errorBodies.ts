import { locToPath } from "../models/fieldErrors";
import { jsonObject as record } from "../bfl/json";

const text = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

function itemMessage(item: unknown): string | undefined {
  const r = record(item);
  if (!r) return text(item);
  const msg = text(r["msg"]) ?? text(r["message"]);
  if (!msg) return undefined;
  const path = Array.isArray(r["loc"]) ? locToPath(r["loc"] as unknown[]) : "";
  return path ? `${path}: ${msg}` : msg;
}

/**
 * A human sentence from any BFL (or proxy) error body: `{detail: "…"}`, FastAPI's `{detail: [{loc,msg}]}`,
 * `{message}`, the skill's `{error, message}`, or a plain string. `undefined` when the body says nothing usable.
 * @example detailMessage({ detail: [{ loc: ["body", "width"], msg: "Input should be a multiple of 16", type: "multiple_of" }] })
 *   // "width: Input should be a multiple of 16"
 */
export function detailMessage(body: unknown): string | undefined {
  const direct = text(body);
  if (direct) return direct;
  const r = record(body);
  if (!r) return undefined;
  const detail = r["detail"];
  if (Array.isArray(detail)) {
    const parts = detail.map(itemMessage).filter((m): m is string => m !== undefined);
    if (parts.length) return parts.join("; ");
  } else if (record(detail)) {
    const nested = detailMessage(detail);
    if (nested) return nested;
  } else if (text(detail)) {
    return text(detail);
  }
  return text(r["message"]) ?? text(r["error"]) ?? text(r["msg"]);
}

/**
 * The wait a body asks for, in ms: the skill's `retry_after` (seconds; also inside `detail`). `undefined` if none.
 * @example retryAfterFromBody({ error: "rate_limit_exceeded", message: "…", retry_after: 5 }) // 5000
 */
export function retryAfterFromBody(body: unknown): number | undefined {
  const r = record(body);
  if (!r) return undefined;
  const raw = r["retry_after"] ?? r["retryAfter"];
  const seconds = typeof raw === "string" && raw.trim() ? Number(raw) : raw;
  if (typeof seconds === "number" && Number.isFinite(seconds) && seconds >= 0)
    return Math.round(seconds * 1000);
  return record(r["detail"]) ? retryAfterFromBody(r["detail"]) : undefined;
}

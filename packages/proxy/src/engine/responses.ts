import { type ProxyErrorCode } from "@flux-kit/core";
import { PROXY_ERROR_STATUS } from "@flux-kit/core/internal";
import type { PlainResponse } from "./types";

/** Headers on every JSON answer: never cached, never sniffed. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

/** A JSON response with `extra` headers (CORS, `Retry-After`, `Allow`). */
export function jsonText(status: number, body: string, extra?: Record<string, string>): PlainResponse {
  return { status, headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS, body };
}

/** A submit's or a poll's 200, with the engine's `okHeaders` (`X-Flux-Long-Poll` while long polls are on). */
export function ok(
  ctx: { readonly okHeaders: Readonly<Record<string, string>> },
  body: string,
): PlainResponse {
  return { status: 200, headers: ctx.okHeaders, body };
}

/** BFL's error shape: `{ "detail": … }`. */
export function detail(status: number, message: unknown, extra?: Record<string, string>): PlainResponse {
  return jsonText(status, JSON.stringify({ detail: message }), extra);
}

/**
 * The proxy's own refusal: BFL's shape plus the machine-readable `code` (core's `ProxyErrorCode`, the contract
 * clients read), with the status core's `PROXY_ERROR_STATUS` gives it.
 */
export function refuse(code: ProxyErrorCode, message: string, extra?: Record<string, string>): PlainResponse {
  return jsonText(PROXY_ERROR_STATUS[code], JSON.stringify({ detail: message, code }), extra);
}

/** BFL's answer for a task it does not know (HTTP 200), also given for a task that belongs to another client. */
export function taskNotFound(taskId: string): PlainResponse {
  return jsonText(
    200,
    JSON.stringify({
      id: taskId,
      status: "Task not found",
      result: null,
      progress: null,
      details: null,
      preview: null,
    }),
  );
}

/**
 * The answer when the proxy's store (Redis) cannot be reached: what it cannot check, it refuses (limits fail
 * closed), with a `Retry-After`.
 */
export function storeUnavailable(): PlainResponse {
  return refuse(
    "store_unavailable",
    "The proxy cannot reach its state store, so it cannot check this request's limits or ownership right now. Try again in a few seconds.",
    { "retry-after": "5" },
  );
}

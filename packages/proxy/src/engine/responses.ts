import type { PlainResponse } from "./types";

/** Headers on every JSON answer: never cached, never sniffed. */
export const JSON_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "application/json",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
};

/**
 * Why the proxy itself refused a request, sent as `code` beside BFL's `detail` so clients can tell a signed-out
 * user from a refused origin or a bad API key (an answer without `code` came from BFL).
 */
export type ProxyRefusalCode =
  | "unauthenticated"
  | "forbidden"
  | "model_not_enabled"
  | "origin_not_allowed"
  | "client_limit"
  | "misconfigured"
  | "body_too_large"
  | "body_timeout"
  | "invalid_body"
  | "hook_failed"
  | "upstream_unreachable"
  | "upstream_timeout";

/** A JSON response with `extra` headers (CORS, `Retry-After`, `Allow`). */
export function jsonText(status: number, body: string, extra?: Record<string, string>): PlainResponse {
  return { status, headers: extra ? { ...JSON_HEADERS, ...extra } : JSON_HEADERS, body };
}

/** BFL's error shape: `{ "detail": … }`. */
export function detail(status: number, message: unknown, extra?: Record<string, string>): PlainResponse {
  return jsonText(status, JSON.stringify({ detail: message }), extra);
}

/** The proxy's own refusal: BFL's shape plus the machine-readable `code`. */
export function refuse(
  status: number,
  code: ProxyRefusalCode,
  message: string,
  extra?: Record<string, string>,
): PlainResponse {
  return jsonText(status, JSON.stringify({ detail: message, code }), extra);
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

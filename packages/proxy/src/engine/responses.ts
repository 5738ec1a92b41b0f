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

/** BFL's error shape: `{ "detail": … }`. */
export function detail(status: number, message: unknown, extra?: Record<string, string>): PlainResponse {
  return jsonText(status, JSON.stringify({ detail: message }), extra);
}

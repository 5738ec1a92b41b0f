import { WEBHOOK_HEADERS } from "./webhookConstants";
import { toText, type WebhookBytes } from "./webhookCrypto";
import { getHeader, type WebhookHeaders } from "./webhookHeaders";
import type { WebhookFailure } from "./webhookFailure";

/**
 * Numbers below this are read as unix **seconds**, above as **milliseconds**. 1e11 s is the year 5138 and
 * 1e11 ms is 1973, so no real delivery time is ambiguous.
 */
const SECONDS_LIMIT = 1e11;

const NUMERIC = /^[+-]?\d+(\.\d+)?$/;

/**
 * Reads a delivery time given as unix seconds or milliseconds (number or numeric string, fractions allowed)
 * or as an ISO 8601 / RFC 3339 string. Returns `undefined` when the value is none of these.
 */
export function parseWebhookTimestamp(value: unknown): Date | undefined {
  let ms: number;
  if (typeof value === "number") {
    ms = fromUnix(value);
  } else if (typeof value === "string") {
    const text = value.trim();
    if (!text) return undefined;
    ms = NUMERIC.test(text) ? fromUnix(Number(text)) : Date.parse(text);
  } else if (value instanceof Date) {
    ms = value.getTime();
  } else {
    return undefined;
  }
  return Number.isFinite(ms) ? new Date(ms) : undefined;
}

function fromUnix(n: number): number {
  if (!Number.isFinite(n)) return Number.NaN;
  return Math.abs(n) < SECONDS_LIMIT ? Math.round(n * 1000) : Math.round(n);
}

export type FoundTimestamp =
  { timestamp?: undefined } | { timestamp: Date; source: "header" | "payload" } | { failure: WebhookFailure };

/** The delivery time: a timestamp header, else the payload's `timestamp`; a malformed header is a failure. */
export function findWebhookTimestamp(rawBody: WebhookBytes, headers: WebhookHeaders): FoundTimestamp {
  for (const name of [WEBHOOK_HEADERS.timestamp, WEBHOOK_HEADERS.standardTimestamp]) {
    const value = getHeader(headers, name);
    if (value === undefined) continue;
    const timestamp = parseWebhookTimestamp(value);
    if (!timestamp) {
      return {
        failure: {
          ok: false,
          reason: "malformed",
          message: `The ${name} header is not unix seconds, unix milliseconds or an ISO 8601 time.`,
        },
      };
    }
    return { timestamp, source: "header" };
  }
  const timestamp = parseWebhookTimestamp(payloadTimestamp(rawBody));
  return timestamp ? { timestamp, source: "payload" } : {};
}

/** The `timestamp` field of a JSON object body, if any. An unreadable body has none (parsing reports it). */
function payloadTimestamp(rawBody: WebhookBytes): unknown {
  const text = toText(rawBody);
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    const body: unknown = JSON.parse(text);
    return typeof body === "object" && body !== null
      ? (body as { timestamp?: unknown }).timestamp
      : undefined;
  } catch {
    return undefined;
  }
}

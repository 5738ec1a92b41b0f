import type { ProxyErrorEvent } from "../options";
import type { EngineContext } from "./context";
import { detail, jsonText, refuse } from "./responses";
import type { PlainResponse, UpstreamFailure, UpstreamJson } from "./types";

/** An HTTP `Retry-After`: delay-seconds, or an HTTP-date such as `Wed, 21 Oct 2026 07:28:00 GMT`. */
const RETRY_AFTER = /^(?:\d{1,9}|[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)$/;

/**
 * Keeps `Retry-After` (the only upstream header a client needs) when passing an answer through: only in its two
 * standard forms, so nothing else an upstream put there (once, the key) reaches the client.
 */
export function retryAfter(header: (name: string) => string | undefined): Record<string, string> | undefined {
  const value = header("retry-after")?.trim();
  return value !== undefined && RETRY_AFTER.test(value) ? { "retry-after": value } : undefined;
}

/**
 * Passes a non-success upstream answer on with its status (422, 402, 403, 429, 5xx…) and body. Non-JSON bodies
 * become `{ detail }`; redirects are never followed nor revealed (502).
 */
export function passThrough(ctx: EngineContext, answer: UpstreamJson): PlainResponse {
  const { status } = answer;
  if (status >= 300 && status < 400) {
    return detail(502, "BFL answered with a redirect, which the proxy does not follow.");
  }
  const extra = retryAfter(answer.header);
  const text = ctx.redact(answer.text);
  if (isJson(text)) return jsonText(status, text, extra);
  return detail(status, text.trim() ? text.trim().slice(0, 500) : `BFL answered ${status}.`, extra);
}

function isJson(text: string): boolean {
  const c = text.trimStart()[0];
  if (c !== "{" && c !== "[") return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** The client's answer when BFL could not be reached (502 `upstream_unreachable`) or was too slow (504). */
export function upstreamFailure(
  ctx: EngineContext,
  route: ProxyErrorEvent["route"],
  failure: UpstreamFailure,
  error: unknown,
  taskId?: string,
): PlainResponse {
  ctx.reportError({ error, kind: "upstream", route, taskId });
  if (failure === "timeout") {
    return refuse(
      "upstream_timeout",
      "BFL did not answer in time. Try again; a submit may still have created the task.",
    );
  }
  return refuse("upstream_unreachable", "Could not reach BFL. Try again shortly.");
}

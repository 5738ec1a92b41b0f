import type { IncomingMeta, PlainResponse } from "./types";
import { detail } from "./responses";

/** The CORS outcome of a request: refused, or allowed with headers to add to every answer. */
export type CorsDecision =
  | { readonly ok: false; readonly response: PlainResponse }
  | { readonly ok: true; readonly headers: Record<string, string> | undefined };

const NO_CORS: CorsDecision = { ok: true, headers: undefined };

/**
 * Requests without `Origin` (servers, curl) and same-origin requests pass untouched; browsers on an allowed
 * origin get that exact origin reflected (`Vary: Origin`); every other origin is refused with 403.
 */
export function checkCors(meta: IncomingMeta, allowed: ReadonlySet<string>): CorsDecision {
  const origin = meta.header("origin");
  if (origin === undefined) return NO_CORS;
  if (allowed.has(origin)) {
    return {
      ok: true,
      headers: {
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-expose-headers": "Retry-After",
        vary: "Origin",
      },
    };
  }
  if (meta.host !== undefined && origin !== "null") {
    const at = origin.indexOf("://");
    if (at > 0 && origin.slice(at + 3) === meta.host) return NO_CORS;
  }
  return {
    ok: false,
    response: detail(
      403,
      "This origin is not allowed to use the proxy. Add it to `allowedOrigins` on the server.",
      {
        vary: "Origin",
      },
    ),
  };
}

/** The answer to a CORS preflight from an allowed origin. */
export function preflight(headers: Record<string, string> | undefined, allow: string): PlainResponse {
  return {
    status: 204,
    headers: {
      ...headers,
      allow,
      "access-control-allow-methods": allow,
      "access-control-allow-headers": "content-type, authorization, x-key",
      "access-control-max-age": "600",
    },
    body: "",
  };
}

import type { IncomingMeta, PlainResponse } from "./types";
import { refuse } from "./responses";

/** The CORS outcome of a request: refused, or allowed with headers to add to every answer. */
export type CorsDecision =
  | { readonly ok: false; readonly response: PlainResponse }
  | { readonly ok: true; readonly headers: Record<string, string> | undefined };

const NO_CORS: CorsDecision = { ok: true, headers: undefined };

/**
 * Requests without `Origin` (servers, curl) pass untouched; browsers on an allowed origin get that exact origin
 * reflected (`Vary: Origin`); a same-origin request passes when its whole `Origin` (scheme, host and port) is
 * `ownOrigin()` (the configured `publicOrigin`, else the origin the request arrived on); every other origin is
 * refused with 403 `origin_not_allowed`.
 */
export function checkCors(
  meta: IncomingMeta,
  allowed: ReadonlySet<string>,
  ownOrigin: () => string | undefined,
): CorsDecision {
  const origin = meta.header("origin");
  if (origin === undefined) return NO_CORS;
  if (allowed.has(origin)) {
    return {
      ok: true,
      headers: {
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-expose-headers": "Retry-After, X-Flux-Long-Poll",
        vary: "Origin",
      },
    };
  }
  if (origin === ownOrigin()) return NO_CORS;
  return {
    ok: false,
    response: refuse(
      "origin_not_allowed",
      "This site is not allowed to use the image service: its origin is neither the proxy's own nor in " +
        "`allowedOrigins`. (A dev server that proxies to it must keep the Host header: in Vite, changeOrigin: false.)",
      { vary: "Origin" },
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

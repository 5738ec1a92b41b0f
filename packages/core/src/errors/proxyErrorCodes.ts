/**
 * Why a `@flux-kit/proxy` refused a request itself, with the HTTP status it answers. The proxy sends the code as
 * `code` beside BFL's `detail` (`{ "detail": "<sentence>", "code": "<code>" }`); an error body without a known
 * `code` came from BFL. This record is the contract between the two packages: the proxy answers with it and
 * `errorFromResponse` reads it (an unknown `code` is ignored).
 *
 * - `unauthenticated` (401): the proxy's `authorize` hook says the caller is not signed in.
 * - `forbidden` (403): `authorize` refused a signed-in caller.
 * - `model_not_enabled` (403): the model is not in the proxy's `allowedModels`.
 * - `origin_not_allowed` (403): the browser's origin is neither the proxy's own nor in `allowedOrigins`.
 * - `client_limit` (429, with `Retry-After`): this client has too many active tasks on the proxy (not BFL's
 *   account-wide limit).
 * - `misconfigured` (500): the proxy is not set up, e.g. no `BFL_API_KEY` on the server.
 * - `body_too_large` (413), `body_timeout` (408), `invalid_body` (400): the submit body was refused before
 *   anything was forwarded.
 * - `hook_failed` (500): one of the proxy's hooks threw.
 * - `upstream_unreachable` (502), `upstream_timeout` (504): the proxy could not reach BFL, or BFL did not answer
 *   in time (a submit may still have created the task).
 * - `store_unavailable` (503, with `Retry-After`): the proxy's shared state store (Redis) is unreachable, so it
 *   cannot check this request's limits or ownership; it refuses rather than run unlimited. Nothing was forwarded.
 *
 * @example
 * import { PROXY_ERROR_STATUS, type ProxyErrorCode } from "@flux-kit/core";
 * const code: ProxyErrorCode = "model_not_enabled";
 * new Response(JSON.stringify({ detail: "…", code }), { status: PROXY_ERROR_STATUS[code] });
 */
export const PROXY_ERROR_STATUS = {
  unauthenticated: 401,
  forbidden: 403,
  model_not_enabled: 403,
  origin_not_allowed: 403,
  client_limit: 429,
  misconfigured: 500,
  body_too_large: 413,
  body_timeout: 408,
  invalid_body: 400,
  hook_failed: 500,
  upstream_unreachable: 502,
  upstream_timeout: 504,
  store_unavailable: 503,
} as const;

/** A code the proxy sends with its own refusals: see `PROXY_ERROR_STATUS`. */
export type ProxyErrorCode = keyof typeof PROXY_ERROR_STATUS;

/** Every `ProxyErrorCode`, in the order of `PROXY_ERROR_STATUS`. */
export const PROXY_ERROR_CODES: readonly ProxyErrorCode[] = /* @__PURE__ */ (() =>
  Object.freeze(Object.keys(PROXY_ERROR_STATUS) as ProxyErrorCode[]))();

import { detailMessage, retryAfterFromBody } from "../schemas/errorBodies";
import { parseValidationDetail } from "../schemas/parseValidationDetail";
import {
  FluxAuthError,
  FluxCreditsError,
  FluxError,
  FluxRateLimitError,
  FluxTaskNotFoundError,
  FluxTimeoutError,
  FluxValidationError,
  type FluxErrorOptions,
} from "./FluxError";
import type { ProxyErrorCode } from "./proxyErrorCodes";

/** What `errorFromResponse` needs to know of a failed HTTP exchange. */
export interface FailedResponse {
  readonly status: number;
  readonly body: unknown;
  /** Already parsed from `Retry-After` / `retry-after-ms`, if present. */
  readonly retryAfterMs?: number | undefined;
  readonly requestId?: string | undefined;
  readonly taskId?: string | undefined;
}

/**
 * Maps a non-2xx BFL (or proxy) response onto the error class a caller branches on. A known proxy `code` in the
 * body (see `PROXY_ERROR_STATUS`) decides first, its `detail` becoming the message (else a default sentence that
 * says what to do); an unknown code is ignored:
 * - `unauthenticated`, `forbidden`, `model_not_enabled`, `origin_not_allowed` → `FluxAuthError` with that `code`;
 * - `client_limit` → `FluxRateLimitError` with `scope: "client"`;
 * - `misconfigured` → `FluxError` with `code: "misconfigured"` (the proxy is not set up; not retryable).
 *
 * Then 422 `Invalid API key format` → `FluxAuthError` (`code: "auth"`). Then by status: 400/422 →
 * `FluxValidationError` (also a proxy's `invalid_body`); 401/403 with no proxy code →
 * `FluxAuthError` with `code: "auth"` (BFL refused the API key); 402 → `FluxCreditsError`; 408 →
 * `FluxTimeoutError` (phase `"request"`: the server gave up reading the request, so nothing was done; retryable);
 * 413 → `FluxValidationError` with one body-wide field error of type `"body_too_large"` (send smaller or fewer
 * images); 429 → `FluxRateLimitError` (`scope: "account"`); 404 on a task → `FluxTaskNotFoundError`; 5xx →
 * `code: "server"` (retryable for reads; also the proxy's `hook_failed`, `upstream_unreachable`,
 * `upstream_timeout` and `store_unavailable`). `Retry-After` is kept as `retryAfterMs` on every error.
 */
export function errorFromResponse(response: FailedResponse): FluxError {
  const { status, body } = response;
  const retryAfterMs = response.retryAfterMs ?? retryAfterFromBody(body);
  const options: FluxErrorOptions = {
    status,
    body,
    requestId: response.requestId,
    taskId: response.taskId,
    retryAfterMs,
  };
  const said = detailMessage(body);
  // only the known codes below count: any other value falls through to the status
  const code = (body as { code?: ProxyErrorCode } | null)?.code;
  switch (code) {
    case "unauthenticated":
    case "forbidden":
    case "model_not_enabled":
    case "origin_not_allowed":
      return new FluxAuthError(said, { ...options, code });
    case "client_limit":
      return new FluxRateLimitError(retryAfterMs, undefined, { ...options, scope: "client" });
    case "misconfigured":
      return new FluxError(
        "misconfigured",
        said ?? "The image service is not set up on this server. Ask the site's owner to configure it.",
        options,
      );
  }
  // A malformed key: BFL checks the key's format before its validity and answers 422 with a string detail
  // (docs/bfl-api.md, 2026 addendum §9). It is an auth failure, not "fix the input".
  const badKey = status === 422 && /invalid api key format/i.test(said ?? "");
  switch (badKey ? 403 : status) {
    case 400:
    case 422:
      return new FluxValidationError(parseValidationDetail(body), "server", options);
    case 401:
    case 403:
      return new FluxAuthError(
        said ? `Not authenticated: ${said}. Check the API key (or the proxy's authorize hook).` : undefined,
        options,
      );
    case 402:
      return new FluxCreditsError(
        said ? `Insufficient credits: ${said}. Top up the BFL account, then try again.` : undefined,
        options,
      );
    case 408:
      return new FluxTimeoutError("request", undefined, options);
    case 413:
      return new FluxValidationError(
        [{ path: "", message: said ?? "The request is too large for the server", type: "body_too_large" }],
        "server",
        options,
      );
    case 429:
      return new FluxRateLimitError(retryAfterMs, undefined, options);
    case 404:
      if (response.taskId !== undefined) return new FluxTaskNotFoundError(response.taskId, options);
      break;
  }
  if (status >= 500) {
    const detail = said ? `: ${said}` : "";
    return new FluxError(
      "server",
      `BFL answered ${status}${detail}. It is usually temporary; try again shortly.`,
      options,
    );
  }
  return new FluxError("http", `Unexpected HTTP ${status}${said ? `: ${said}` : ""}.`, options);
}

import { detailMessage, parseValidationDetail, retryAfterFromBody } from "../schemas/index";
import {
  FluxAuthError,
  FluxCreditsError,
  FluxError,
  FluxRateLimitError,
  FluxTaskNotFoundError,
  FluxValidationError,
  type FluxErrorOptions,
} from "./FluxError";

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
 * Maps a non-2xx BFL (or proxy) response onto the error class a caller branches on: 422/400 →
 * `FluxValidationError`, 401/403 → `FluxAuthError`, 402 → `FluxCreditsError`, 429 → `FluxRateLimitError`,
 * 404 on a task → `FluxTaskNotFoundError`, 5xx → `code: "server"` (retryable for reads).
 */
export function errorFromResponse(response: FailedResponse): FluxError {
  const { status, body } = response;
  const options: FluxErrorOptions = {
    status,
    body,
    requestId: response.requestId,
    taskId: response.taskId,
  };
  const said = detailMessage(body);
  switch (status) {
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
    case 429:
      return new FluxRateLimitError(response.retryAfterMs ?? retryAfterFromBody(body), undefined, options);
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

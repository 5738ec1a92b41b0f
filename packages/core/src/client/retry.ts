import { FluxError } from "../errors/FluxError";
import { sleep } from "./sleep";

/** How reads (polls, downloads, credits) are retried. Submits follow stricter rules: see `createFluxClient`. */
export interface RetryOptions {
  /** Retries after the first attempt. @default 4 */
  readonly retries?: number;
  /** First backoff ceiling; doubles each retry ("full jitter": the wait is uniform in [0, ceiling]). @default 500 */
  readonly baseDelayMs?: number;
  /** Largest backoff ceiling, and the longest `Retry-After` honoured. @default 30_000 */
  readonly maxDelayMs?: number;
}

export interface ResolvedRetry {
  readonly retries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export function resolveRetry(options: RetryOptions | false | undefined): ResolvedRetry {
  const given = options || {};
  return {
    // `false`: no read is retried; a submit waiting for a slot (`slotWaitMs`) still waits as by default
    retries: options === false ? 0 : (given.retries ?? 4),
    baseDelayMs: given.baseDelayMs ?? 500,
    maxDelayMs: given.maxDelayMs ?? 30_000,
  };
}

/**
 * The wait before retry number `attempt` (0-based): the server's `Retry-After` when it gave one (on a 429, a 503
 * or any other answer), else exponential backoff with full jitter; capped at `maxDelayMs`. A `Retry-After` shorter
 * than this attempt's mean backoff is raised to it, so a server that says `0` on every answer gets a growing wait,
 * not a loop of requests.
 */
export function backoffDelay(
  attempt: number,
  policy: ResolvedRetry,
  error?: unknown,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const asked = error instanceof FluxError ? error.retryAfterMs : undefined;
  return asked === undefined ? random() * ceiling : Math.min(Math.max(asked, ceiling / 2), policy.maxDelayMs);
}

/**
 * Parses `Retry-After` (delta seconds or an HTTP date) and the non-standard `retry-after-ms`, in ms.
 * `undefined` when absent or unparseable.
 */
export function parseRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && /^\d+(\.\d+)?$/.test(ms.trim())) return Number(ms);
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * Runs an idempotent read, retrying retryable `FluxError`s (429, 5xx, 408, network, request timeout, an unreadable
 * body) with backoff.
 * Aborts stop it at once.
 */
export async function withRetry<T>(
  attempt: () => Promise<T>,
  policy: ResolvedRetry,
  signal?: AbortSignal,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (thrown) {
      const error = FluxError.from(thrown);
      if (!error.isRetryable || n >= policy.retries || signal?.aborted) throw error;
      await sleep(backoffDelay(n, policy, error), signal);
    }
  }
}

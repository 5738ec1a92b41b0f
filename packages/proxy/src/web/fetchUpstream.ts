import { BodyTooLargeError, readLimited } from "../engine/body";
import {
  MAX_UPSTREAM_JSON_BYTES,
  type UpstreamCall,
  type UpstreamFailure,
  type UpstreamJson,
} from "../engine/types";

/** An upstream call that failed before an answer arrived; `aborted` means the client went away. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  readonly failure: UpstreamFailure | "aborted";
  constructor(failure: UpstreamFailure | "aborted", cause: unknown) {
    super(`upstream ${failure}`, { cause });
    this.failure = failure;
  }
}

/** Error codes Node and undici attach when a connection never opened, so nothing was sent. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** Whether `error` (or a cause of it) says the connection never opened. */
export function neverSent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return NOT_SENT_CODES.has(code);
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs `call` with `fetch`: never follows redirects, aborts with the client, times out after `timeoutMs`. */
export async function fetchUpstream(
  fetchImpl: typeof fetch,
  call: UpstreamCall,
  clientSignal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<{ response: Response; done: () => void; timedOut: () => boolean }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onClientAbort = () => controller.abort();
  if (clientSignal?.aborted) controller.abort();
  clientSignal?.addEventListener("abort", onClientAbort, { once: true });
  const done = () => {
    clearTimeout(timer);
    clientSignal?.removeEventListener("abort", onClientAbort);
  };
  try {
    const init: RequestInit = {
      method: call.method,
      headers: call.headers,
      redirect: "manual",
      signal: controller.signal,
      credentials: "omit",
    };
    if (call.body !== undefined) init.body = call.body;
    const response = await fetchImpl(call.url, init);
    return { response, done, timedOut: () => timedOut };
  } catch (error) {
    done();
    throw new UpstreamError(
      timedOut ? "timeout" : clientSignal?.aborted ? "aborted" : neverSent(error) ? "not_sent" : "network",
      error,
    );
  }
}

/** Runs a JSON call and reads its (bounded) body. */
export async function fetchJson(
  fetchImpl: typeof fetch,
  call: UpstreamCall,
  clientSignal: AbortSignal | undefined,
  timeoutMs: number,
): Promise<UpstreamJson> {
  const { response, done, timedOut } = await fetchUpstream(fetchImpl, call, clientSignal, timeoutMs);
  try {
    const bytes = await readLimited(response.body, MAX_UPSTREAM_JSON_BYTES);
    return {
      status: response.status,
      header: (name) => response.headers.get(name) ?? undefined,
      text: new TextDecoder().decode(bytes),
    };
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new UpstreamError("network", error);
    throw new UpstreamError(clientSignal?.aborted ? "aborted" : timedOut() ? "timeout" : "network", error);
  } finally {
    done();
  }
}

import { errorFromResponse } from "../errors/errorFromResponse";
import { FluxError, FluxTimeoutError } from "../errors/FluxError";
import { parseRetryAfter } from "./retry";
import { abortReason, after } from "./sleep";

/** One HTTP exchange with BFL or a proxy. */
export interface ExchangeInit {
  readonly url: string;
  readonly method: "GET" | "POST";
  readonly headers: Headers;
  readonly body?: string | undefined;
  readonly signal?: AbortSignal | undefined;
  /** Per-request deadline; `0` or `Infinity` for none. */
  readonly timeoutMs: number;
  /** The deadline ends when the answer's headers arrive: its body is read for as long as it takes. */
  readonly bodyUnbounded?: true | undefined;
  readonly fetch: typeof globalThis.fetch;
  /** The task this request is about, carried into errors. */
  readonly taskId?: string | undefined;
}

/** A failure thrown by `exchange`, with whether the request certainly never left this machine. */
export interface ExchangeFailure {
  /** True when the connection was refused or the host unresolvable: no byte of the request was sent. */
  readonly notSent: boolean;
}

/** Error codes Node/undici attach when a connection never opened, so nothing was sent. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_CONNECT_TIMEOUT",
  "EHOSTUNREACH",
]);

/**
 * Sends one request and reads its answer with `read`, all within the deadline: transport failures become
 * `code: "network"` (`notSent` set when nothing reached the server), the deadline `FluxTimeoutError`, aborts
 * `FluxAbortError`, while sending and while reading alike. Clears its timer and listener on every path.
 */
export async function fetchAnswer<T>(
  init: ExchangeInit,
  read: (response: Response) => Promise<T>,
): Promise<{ response: Response; body: T }> {
  const controller = new AbortController();
  const parent = init.signal;
  if (parent?.aborted) throw abortReason(parent);
  const onParentAbort = () => controller.abort(parent?.reason);
  parent?.addEventListener("abort", onParentAbort, { once: true });
  let timedOut = false;
  // a timeout of 0 (or less) is none
  const clearTimer = after(init.timeoutMs > 0 ? init.timeoutMs : Infinity, () => {
    timedOut = true;
    controller.abort();
  });

  try {
    const requestInit: RequestInit = {
      method: init.method,
      headers: init.headers,
      signal: controller.signal,
      cache: "no-store",
      redirect: "error",
    };
    if (init.body !== undefined) requestInit.body = init.body;
    // Called unbound: browsers' fetch throws "Illegal invocation" when called as a method of another object.
    const fetch = init.fetch;
    const response = await fetch(init.url, requestInit);
    if (init.bodyUnbounded) clearTimer();
    return { response, body: await read(response) };
  } catch (thrown) {
    if (thrown instanceof FluxError) throw thrown;
    if (parent?.aborted) throw abortReason(parent);
    if (timedOut) throw new FluxTimeoutError("request", undefined, { cause: thrown, taskId: init.taskId });
    const code = causeCode(thrown);
    const error = new FluxError(
      "network",
      `Network error talking to ${describe(init.url)}${code ? ` (${code})` : ""}. Check the connection and the base URL.`,
      { cause: thrown, taskId: init.taskId },
    );
    // not one of the error's fields (toJSON spreads those): the transport's own mark
    Object.defineProperty(error, "notSent", { value: code !== undefined && NOT_SENT_CODES.has(code) });
    throw error;
  } finally {
    clearTimer();
    parent?.removeEventListener("abort", onParentAbort);
  }
}

/**
 * Sends one request and parses the JSON answer (`fetchAnswer`'s failures). Non-2xx answers become the matching
 * `FluxError` subclass.
 */
export async function exchange(init: ExchangeInit): Promise<{ json: unknown; response: Response }> {
  const { response, body: text } = await fetchAnswer(init, (answer) => answer.text());
  const json = parseJson(text);
  const requestId = response.headers.get("x-request-id") ?? response.headers.get("request-id") ?? undefined;
  if (!response.ok) {
    throw errorFromResponse({
      status: response.status,
      body: json === invalidJson ? excerpt(text, 500) : json,
      retryAfterMs: parseRetryAfter(response.headers),
      requestId,
      taskId: init.taskId,
    });
  }
  if (json === invalidJson) {
    throw new FluxError(
      "bad_response",
      `Expected JSON from ${describe(init.url)}, got: ${excerpt(text, 80)}`,
      {
        status: response.status,
        requestId,
        taskId: init.taskId,
      },
    );
  }
  return { json, response };
}

/** Whether a network error from `exchange` certainly sent nothing (so a submit may be retried). */
export function wasNotSent(error: unknown): boolean {
  return (error as Partial<ExchangeFailure> | null)?.notSent === true;
}

const invalidJson = Symbol("invalid JSON");

function parseJson(text: string): unknown {
  if (text === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalidJson;
  }
}

function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The URL without its query string (which may carry signatures), for messages. */
function describe(url: string): string {
  const q = url.indexOf("?");
  return q === -1 ? url : url.slice(0, q);
}

/**
 * At most `max` characters of an answer that is not JSON. Cut short, it loses the end of the word the cut falls in
 * (up to 128 characters of it), so no API key an error page echoed is kept in part, where the key's redaction
 * could not see it.
 */
function excerpt(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max).replace(/\S{0,128}$/, "")}…`;
}

import type { UpstreamCall, UpstreamFailure, UpstreamJson } from "./types";

/**
 * How a transport reaches BFL: the one part it injects into `executePlan` (the Web handler `fetch`, the Node
 * adapters undici's keep-alive dispatcher and `node:http`). An implementation adds nothing to the call, follows
 * no redirects, applies `limits.upstreamTimeoutMs` (to the answer's headers, then again to a JSON body), and
 * fails with `UpstreamError`.
 *
 * `client` is the transport's handle on the client's connection (an `AbortSignal`, Node's `res`): while it is
 * given, the client leaving aborts the call (`UpstreamError` `aborted`). `undefined` runs the call to its end.
 */
export interface Upstream<Client, Body> {
  /** A submit or a poll: the answer read in full (at most `MAX_UPSTREAM_JSON_BYTES`). */
  json(call: UpstreamCall, client: Client | undefined): Promise<UpstreamJson>;
  /** An image: resolves once the answer's headers arrive, with its body still to stream. */
  stream(call: UpstreamCall, client: Client): Promise<UpstreamStream<Body>>;
  /**
   * A signal that fires when the client leaves before its answer is written, which ends a long poll's wait.
   * Every transport has one; a stand-in upstream without it leaves long polls to their timeout.
   */
  gone?(client: Client): AbortSignal;
}

/** An upstream answer whose body is streamed on, in the transport's own body type. */
export interface UpstreamStream<Body> {
  readonly status: number;
  /** A response header by lower-case name; repeats joined with `, `. */
  readonly header: (name: string) => string | undefined;
  /** The body, `undefined` when the answer has none. */
  readonly body: Body | undefined;
  /** Drops the answer unread, and its connection if it must. */
  readonly discard: () => void | Promise<void>;
}

/** An upstream call that failed before an answer arrived; `aborted` means the client went away. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
  readonly failure: UpstreamFailure | "aborted";
  constructor(failure: UpstreamFailure | "aborted", cause: unknown) {
    super(`upstream ${failure}`, { cause });
    this.failure = failure;
  }
}

/**
 * Error codes Node and undici attach when a connection never opened, or a request was refused before it was
 * written (`UND_ERR_INVALID_ARG`: a header value it cannot carry), so nothing was sent.
 */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_INVALID_ARG",
]);

/** Whether `error` (or a cause of it) says nothing was sent: the connection never opened, or the request was refused. */
export function neverSent(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return NOT_SENT_CODES.has(code);
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

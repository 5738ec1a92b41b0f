import type { Route } from "./route";

/** The parts of an incoming request the policy needs, read the same way from a Web `Request` or Node's `req`. */
export interface IncomingMeta {
  readonly method: string;
  /** Raw path, without the query string. */
  readonly path: string;
  /** Raw query string, without `?`. */
  readonly query: string;
  /** A request header by lower-case name. */
  readonly header: (name: string) => string | undefined;
  /** The `Host` the client addressed (`host:port`). */
  readonly host: string | undefined;
  readonly secure: boolean;
  readonly clientAddress: string | undefined;
  /** The request as a Web `Request` (built lazily by Node adapters; its body is not readable there). */
  readonly toRequest: () => Request;
}

/** A response the proxy writes itself. */
export interface PlainResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** An upstream call, fully decided by the policy: transports add nothing and follow no redirects. */
export interface UpstreamCall {
  readonly method: "GET" | "POST";
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** An upstream JSON answer, as a transport read it. */
export interface UpstreamJson {
  readonly status: number;
  readonly header: (name: string) => string | undefined;
  readonly text: string;
}

/**
 * How an upstream call failed before an answer arrived: `not_sent` when the connection never opened (refused,
 * unresolvable), so nothing reached BFL; `network` and `timeout` may have delivered the request.
 */
export type UpstreamFailure = "timeout" | "network" | "not_sent";

/** What the transport should do with a request. */
export type Plan =
  | { readonly type: "respond"; readonly response: PlainResponse }
  | {
      readonly type: "json";
      readonly route: Route["kind"];
      readonly call: UpstreamCall;
      /** Run the call to its end even if the client leaves (a submit: the task exists once the body is sent). */
      readonly detached?: boolean;
      readonly finish: (answer: UpstreamJson) => Promise<PlainResponse>;
      readonly fail: (failure: UpstreamFailure, error: unknown) => PlainResponse;
    }
  | {
      /**
       * A long poll: `run` waits on the task, polling upstream through `poll` (calls that run to their end,
       * detached from the client), and ends with the answer, or `undefined` once `gone` fires (the client left).
       */
      readonly type: "watch";
      readonly run: (
        poll: (call: UpstreamCall) => Promise<UpstreamJson>,
        gone: AbortSignal | undefined,
      ) => Promise<PlainResponse | undefined>;
    }
  | {
      readonly type: "image";
      readonly call: UpstreamCall;
      readonly head: boolean;
      /** Headers to stream the image with, or a response to send instead (the upstream body is discarded). */
      readonly accept: (
        status: number,
        header: (name: string) => string | undefined,
      ) =>
        | { readonly stream: true; readonly status: number; readonly headers: Record<string, string> }
        | PlainResponse;
      readonly fail: (failure: UpstreamFailure, error: unknown) => PlainResponse;
    };

/**
 * Reads the request body, throwing `BodyTooLargeError` past `maxBytes` and `BodyTimeoutError` when it has not
 * arrived in full within `timeoutMs`.
 */
export type ReadBody = (maxBytes: number, timeoutMs: number) => Promise<Uint8Array>;

/** Largest upstream JSON answer the proxy buffers. */
export const MAX_UPSTREAM_JSON_BYTES = 2 * 1024 * 1024;

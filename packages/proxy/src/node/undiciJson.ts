import type { ServerResponse } from "node:http";
import type { Agent, Dispatcher } from "undici";
import { MAX_UPSTREAM_JSON_BYTES, type UpstreamCall, type UpstreamJson } from "../engine/types";
import { neverSent, UpstreamError } from "../engine/upstream";

/**
 * Runs one JSON upstream call (a submit or a poll) for the client behind `res`; without `res` (a detached call)
 * it runs to its end.
 */
export type JsonCaller = (call: UpstreamCall, res: ServerResponse | undefined) => Promise<UpstreamJson>;

const TIMEOUT_CODES = new Set(["UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CONNECT_TIMEOUT"]);

/**
 * JSON calls over undici's dispatcher: a keep-alive connection pool per upstream origin, no redirects followed
 * (`dispatch` never follows them), and no stream objects per call, which makes each submit or poll markedly
 * cheaper in CPU than `node:http`'s client (measured in bench/RESULTS.md). `timeoutMs` bounds the wait for the
 * answer's headers (connection included), then again the whole body, like the Web transport's single timer;
 * the client going away aborts the call at once, even while the connection is still opening. An unsolicited
 * `100 Continue` ends the call as a network error (502), as Node's `fetch` does.
 */
export function createJsonCaller(timeoutMs: number): JsonCaller {
  // undici is loaded on the first call, not at import: an app that mounts the proxy but serves other routes
  // (or a serverless cold start on another route) does not pay its ~50 ms load.
  let agent: Agent | undefined;
  let loading: Promise<Agent> | undefined;
  return (call, res) => {
    if (agent) return callJson(agent, call, res, timeoutMs);
    loading ??= import("undici").then(
      (undici) => (agent = new undici.Agent({ connect: { timeout: timeoutMs } })),
      (error: unknown) => {
        loading = undefined; // a failed load is retried by the next call
        throw error;
      },
    );
    return loading.then((loaded) => callJson(loaded, call, res, timeoutMs));
  };
}

/** Origin and path of `url` as the WHATWG parser resolves them, memoised per exact string (bounded). */
function split(url: string): { origin: string; path: string } {
  let known = parts.get(url);
  if (known === undefined) {
    const parsed = new URL(url);
    known = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (parts.size >= 256) parts.clear();
    parts.set(url, known);
  }
  return known;
}
const parts = new Map<string, { origin: string; path: string }>();

function callJson(agent: Agent, call: UpstreamCall, res: ServerResponse | undefined, timeoutMs: number) {
  return new Promise<UpstreamJson>((resolve, reject) => {
    if (res?.destroyed) {
      reject(new UpstreamError("aborted", new Error("the client went away")));
      return;
    }
    const { origin, path } = split(call.url);
    let abort: ((error?: Error) => void) | undefined;
    let clientGone = false;
    let settled = false;
    let status = 502;
    let rawHeaders: Buffer[] = [];
    let first: Buffer | undefined;
    let chunks: Buffer[] | undefined;
    let total = 0;
    const fail = (failure: "aborted" | "timeout", message: string) => {
      if (settled) return;
      settle();
      const error = new Error(message);
      // before onConnect there is nothing to abort yet: onConnect cancels the request when it comes
      abort?.(error);
      reject(new UpstreamError(failure, error));
    };
    const onClientClose = () => {
      if (settled || res?.writableFinished) return;
      clientGone = true;
      fail("aborted", "the client went away");
    };
    // one timer of our own (undici's checks its timeouts on a coarse tick): until the headers, then the body
    const timer = setTimeout(() => fail("timeout", "upstream timed out"), timeoutMs);
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      res?.off("close", onClientClose);
    };
    const handler: Dispatcher.DispatchHandlers = {
      onConnect(abortCall) {
        abort = abortCall;
        if (settled) abortCall(new Error(clientGone ? "the client went away" : "upstream timed out"));
      },
      onHeaders(statusCode, headers) {
        status = statusCode;
        rawHeaders = headers;
        timer.refresh();
        return true;
      },
      onData(chunk) {
        total += chunk.length;
        if (total > MAX_UPSTREAM_JSON_BYTES) {
          abort?.(new Error("upstream answer too large"));
          return false;
        }
        if (first === undefined) first = chunk;
        else (chunks ??= [first]).push(chunk);
        return true;
      },
      onComplete() {
        if (settled) return;
        settle();
        const text = chunks ? Buffer.concat(chunks, total).toString("utf8") : (first?.toString("utf8") ?? "");
        resolve({ status, header: (name) => headerOf(rawHeaders, name), text });
      },
      onError(error) {
        if (settled) return;
        settle();
        const code = (error as { code?: unknown }).code;
        const failure = clientGone
          ? "aborted"
          : neverSent(error)
            ? "not_sent"
            : typeof code === "string" && TIMEOUT_CODES.has(code)
              ? "timeout"
              : "network";
        reject(new UpstreamError(failure, error));
      },
    };
    res?.on("close", onClientClose);
    agent.dispatch(
      {
        origin,
        path,
        method: call.method,
        headers: call.headers,
        body: call.body ?? null,
        // our timer above bounds the headers and then the body; undici's own would only fire after it, and
        // arming them costs a timer and a WeakRef per call on top of the connection's keep-alive timer
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      handler,
    );
  });
}

/** A header of an undici raw header list (`[name, value, …]` as Buffers), by lower-case name; repeats joined. */
function headerOf(raw: readonly Buffer[], name: string): string | undefined {
  let value: string | undefined;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const key = raw[i] as Buffer;
    if (key.length !== name.length || key.toString("latin1").toLowerCase() !== name) continue;
    const v = (raw[i + 1] as Buffer).toString("latin1");
    value = value === undefined ? v : `${value}, ${v}`;
  }
  return value;
}

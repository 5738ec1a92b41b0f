import http from "node:http";
import https from "node:https";
import type { ServerResponse } from "node:http";
import { MAX_UPSTREAM_JSON_BYTES, type UpstreamCall, type UpstreamJson } from "../engine/types";
import { UpstreamError } from "../web/fetchUpstream";

const agents = {
  http: new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 256 }),
  https: new https.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 256 }),
};

/** Where a URL's requests go, parsed once per origin (the planners only produce a handful of origins). */
interface Target {
  readonly secure: boolean;
  readonly protocol: string;
  readonly hostname: string;
  readonly port: string | number;
}

/**
 * The target of `url` and its path with query, as the WHATWG parser resolves them (dot segments, encodings and
 * userinfo included). A fast path that skipped the parser for "plain" paths was tried and dropped: a property
 * test found it disagreeing with the parser, and the parser costs about a microsecond.
 */
function resolveTarget(url: string): { target: Target; path: string } {
  const parsed = new URL(url);
  const secure = parsed.protocol === "https:";
  return {
    target: {
      secure,
      protocol: parsed.protocol,
      hostname: parsed.hostname.startsWith("[") ? parsed.hostname.slice(1, -1) : parsed.hostname,
      port: parsed.port || (secure ? 443 : 80),
    },
    path: `${parsed.pathname}${parsed.search}`,
  };
}

/** Why a started call ended without an answer. */
type Failure = "timeout" | "aborted" | "network";

/** Starts `call` over `node:http(s)` with a keep-alive agent. Redirects are never followed (http.request doesn't). */
function startRequest(call: UpstreamCall): http.ClientRequest {
  const { target, path } = resolveTarget(call.url);
  const headers: Record<string, string | number> = { ...call.headers };
  if (call.body !== undefined) headers["content-length"] = Buffer.byteLength(call.body);
  return (target.secure ? https : http).request({
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    path,
    method: call.method,
    headers,
    agent: target.secure ? agents.https : agents.http,
  });
}

/**
 * Starts `call` and resolves with the upstream response once its headers arrive (for streaming). The call is
 * destroyed when `res` (the client) closes first, and after `timeoutMs` without an answer.
 */
export function requestUpstream(
  call: UpstreamCall,
  res: ServerResponse,
  timeoutMs: number,
): Promise<{ upstream: http.IncomingMessage; request: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const request = startRequest(call);
    let failure: Failure = "network";
    const onClientClose = () => {
      if (!res.writableFinished) {
        failure = "aborted";
        request.destroy();
      }
    };
    res.once("close", onClientClose);
    const timer = setTimeout(() => {
      failure = "timeout";
      request.destroy();
    }, timeoutMs);
    request.once("response", (upstream) => {
      clearTimeout(timer);
      upstream.once("close", () => res.off("close", onClientClose));
      resolve({ upstream, request });
    });
    request.once("error", (error) => {
      clearTimeout(timer);
      res.off("close", onClientClose);
      reject(new UpstreamError(failure, error));
    });
    request.end(call.body);
  });
}

/**
 * Runs a JSON call over `node:http(s)` and buffers its (bounded) answer, in one promise: `timeoutMs` for the
 * answer to start, then `timeoutMs` again for its body; a client that goes away aborts the call.
 */
export function nodeJson(call: UpstreamCall, res: ServerResponse, timeoutMs: number): Promise<UpstreamJson> {
  return new Promise((resolve, reject) => {
    const request = startRequest(call);
    let failure: Failure = "network";
    let settled = false;
    const fail = (why: Failure, error: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      res.off("close", onClientClose);
      request.destroy();
      reject(new UpstreamError(why, error));
    };
    const onClientClose = () => {
      if (!res.writableFinished) {
        failure = "aborted";
        fail("aborted", new Error("the client went away"));
      }
    };
    res.once("close", onClientClose);
    const timer = setTimeout(() => {
      failure = "timeout";
      fail("timeout", new Error("upstream timed out"));
    }, timeoutMs);
    request.once("error", (error) => fail(failure, error));
    request.once("response", (upstream) => {
      timer.refresh();
      let first: Buffer | undefined;
      let chunks: Buffer[] | undefined;
      let total = 0;
      upstream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > MAX_UPSTREAM_JSON_BYTES) {
          fail("network", new Error("upstream answer too large"));
          return;
        }
        if (first === undefined) first = chunk;
        else (chunks ??= [first]).push(chunk);
      });
      upstream.once("end", () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        res.off("close", onClientClose);
        const headers = upstream.headers;
        resolve({
          status: upstream.statusCode ?? 502,
          header: (name) => {
            const v = headers[name];
            return Array.isArray(v) ? v.join(", ") : v;
          },
          text: chunks ? Buffer.concat(chunks, total).toString("utf8") : (first?.toString("utf8") ?? ""),
        });
      });
      const broken = (error: Error) => fail(res.destroyed ? "aborted" : "network", error);
      upstream.once("error", broken);
      upstream.once("aborted", () => broken(new Error("upstream aborted")));
    });
    request.end(call.body);
  });
}

import http from "node:http";
import https from "node:https";
import type { ServerResponse } from "node:http";
import type { UpstreamCall } from "../engine/types";
import { UpstreamError, type Upstream, type UpstreamStream } from "../engine/upstream";
import { createJsonCaller } from "./undiciJson";
import { closeSignal } from "./nodeFetchUpstream";

/**
 * The Node adapters' upstream: submits and polls over undici's keep-alive dispatcher (`undiciJson.ts`), images
 * over `node:http(s)` with a keep-alive agent, streamed with backpressure. The client is Node's `res`: its
 * closing before the response is written aborts the call.
 */
export function createNodeUpstream(timeoutMs: number): Upstream<ServerResponse, http.IncomingMessage> {
  return {
    json: createJsonCaller(timeoutMs),
    stream: (call, res) => streamUpstream(call, res, timeoutMs),
    gone: closeSignal,
  };
}

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
 * test found it disagreeing with the parser, and the parser costs about a microsecond. Only image requests
 * come here (each URL distinct), so nothing is memoised.
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
function streamUpstream(
  call: UpstreamCall,
  res: ServerResponse,
  timeoutMs: number,
): Promise<UpstreamStream<http.IncomingMessage>> {
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
      const h = upstream.headers;
      resolve({
        status: upstream.statusCode ?? 502,
        header: (name) => {
          const v = h[name];
          return Array.isArray(v) ? v.join(", ") : v;
        },
        body: upstream,
        discard: () => {
          request.destroy();
          upstream.resume();
        },
      });
    });
    request.once("error", (error) => {
      clearTimeout(timer);
      res.off("close", onClientClose);
      reject(new UpstreamError(failure, error));
    });
    request.end(call.body);
  });
}

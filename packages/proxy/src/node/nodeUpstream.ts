import http from "node:http";
import https from "node:https";
import type { ServerResponse } from "node:http";
import { MAX_UPSTREAM_JSON_BYTES, type UpstreamCall, type UpstreamJson } from "../engine/types";
import { UpstreamError } from "../web/fetchUpstream";

const agents = {
  http: new http.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 256 }),
  https: new https.Agent({ keepAlive: true, keepAliveMsecs: 1000, maxFreeSockets: 256 }),
};

/**
 * Starts `call` over `node:http(s)` with a keep-alive agent. Redirects are never followed (http.request
 * doesn't); the call is destroyed when `res` (the client) closes first, and after `timeoutMs` without an answer.
 */
export function requestUpstream(
  call: UpstreamCall,
  res: ServerResponse,
  timeoutMs: number,
): Promise<{ upstream: http.IncomingMessage; request: http.ClientRequest }> {
  return new Promise((resolve, reject) => {
    const url = new URL(call.url);
    const secure = url.protocol === "https:";
    const headers: Record<string, string | number> = { ...call.headers };
    if (call.body !== undefined) headers["content-length"] = Buffer.byteLength(call.body);
    const request = (secure ? https : http).request({
      protocol: url.protocol,
      hostname: url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port || (secure ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: call.method,
      headers,
      agent: secure ? agents.https : agents.http,
    });
    let failure: "timeout" | "aborted" | "network" = "network";
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

/** Runs a JSON call over `node:http(s)` and buffers its (bounded) answer. */
export async function nodeJson(
  call: UpstreamCall,
  res: ServerResponse,
  timeoutMs: number,
): Promise<UpstreamJson> {
  const { upstream, request } = await requestUpstream(call, res, timeoutMs);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const timer = setTimeout(() => {
      request.destroy();
      reject(new UpstreamError("timeout", new Error("upstream body timed out")));
    }, timeoutMs);
    upstream.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_UPSTREAM_JSON_BYTES) {
        clearTimeout(timer);
        request.destroy();
        reject(new UpstreamError("network", new Error("upstream answer too large")));
        return;
      }
      chunks.push(chunk);
    });
    upstream.once("end", () => {
      clearTimeout(timer);
      const headers = upstream.headers;
      resolve({
        status: upstream.statusCode ?? 502,
        header: (name) => {
          const v = headers[name];
          return Array.isArray(v) ? v.join(", ") : v;
        },
        text:
          chunks.length === 1
            ? (chunks[0] as Buffer).toString("utf8")
            : Buffer.concat(chunks).toString("utf8"),
      });
    });
    upstream.once("error", (error) => {
      clearTimeout(timer);
      reject(new UpstreamError(res.destroyed ? "aborted" : "network", error));
    });
    upstream.once("aborted", () => {
      clearTimeout(timer);
      reject(new UpstreamError(res.destroyed ? "aborted" : "network", new Error("upstream aborted")));
    });
  });
}

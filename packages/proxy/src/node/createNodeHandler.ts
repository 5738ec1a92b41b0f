import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { createEngine, type Engine } from "../engine/createEngine";
import { BodyTooLargeError } from "../engine/body";
import { resolveConfig } from "../engine/resolveConfig";
import { detail } from "../engine/responses";
import type { Plan, PlainResponse, UpstreamJson } from "../engine/types";
import type { FluxProxyOptions } from "../options";
import { fetchJson, fetchUpstream, UpstreamError } from "../web/fetchUpstream";
import { nodeMeta } from "./nodeMeta";
import { nodeTokenMac } from "./nodeTokenMac";
import { requestUpstream } from "./nodeUpstream";
import { createJsonCaller, type JsonCaller } from "./undiciJson";
import { preParsedBody, readNodeBody } from "./readNodeBody";

/** Node's `(req, res)` handler. It resolves once the response is complete (or the client has gone). */
export interface NodeFluxProxyHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * Serves the proxy alone on `port` (`0` picks a free one) and resolves once it listens. Rejects with
   * `FluxProxyConfigError` before listening when the proxy cannot serve (no BFL API key), so a deployment fails
   * at start rather than on its first visitor. Slow clients are bounded: headers within 20 s, a whole request
   * within `limits.bodyTimeoutMs` plus that.
   * @example await createNodeHandler({ allowAnonymous: true }).listen(3000)
   */
  listen(port?: number, host?: string): Promise<Server>;
}

/** How an adapter hands a request over: its full URL path (before mount stripping) and any parsed body. */
export interface NodeRequestOverrides {
  readonly url?: string;
  /** `req.body` left by a body parser that already read the stream. */
  readonly parsedBody?: unknown;
}

/** The core of the Node adapters: one engine, `(req, res, overrides?)`. */
export interface NodeCore {
  (req: IncomingMessage, res: ServerResponse, overrides?: NodeRequestOverrides): Promise<void>;
  readonly engine: Engine;
}

export function createNodeCore(options: FluxProxyOptions): NodeCore {
  const engine = createEngine(resolveConfig(options), { tokenMac: nodeTokenMac });
  const json = createJsonCaller(engine.context.config.upstreamTimeoutMs);
  const core = (req: IncomingMessage, res: ServerResponse, overrides?: NodeRequestOverrides) =>
    handleNode(engine, json, req, res, overrides);
  return Object.assign(core, { engine });
}

/**
 * The proxy as a Node `http` handler. Submits and polls go over undici's keep-alive dispatcher, images stream
 * over `node:http(s)` with backpressure (or everything over `options.fetch` when given); a client disconnect
 * aborts the upstream call.
 *
 * @example
 * import { createServer } from "node:http";
 * const proxy = createNodeHandler({ allowAnonymous: true });
 * createServer((req, res) => void proxy(req, res)).listen(3000);
 */
export function createNodeHandler(options: FluxProxyOptions = {}): NodeFluxProxyHandler {
  const core = createNodeCore(options);
  const handler = (req: IncomingMessage, res: ServerResponse) => core(req, res);
  const listen = (port = 0, host?: string): Promise<Server> => {
    try {
      core.engine.assertReady();
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    const server = createServer((req, res) => void handler(req, res));
    server.headersTimeout = 20_000;
    server.requestTimeout = core.engine.context.config.bodyTimeoutMs + 20_000;
    return new Promise((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve(server);
      });
    });
  };
  return Object.assign(handler, { listen });
}

async function handleNode(
  engine: Engine,
  json: JsonCaller,
  req: IncomingMessage,
  res: ServerResponse,
  overrides: NodeRequestOverrides | undefined,
): Promise<void> {
  const { config } = engine.context;
  try {
    const url = overrides?.url ?? req.url ?? "/";
    const readBody = (max: number, timeoutMs: number): Promise<Uint8Array> => {
      const consumed = (req as { _body?: unknown })._body === true || req.readableEnded;
      if (!consumed && overrides?.parsedBody === undefined) return readNodeBody(req, max, timeoutMs);
      const bytes = preParsedBody(overrides?.parsedBody) ?? new Uint8Array(0);
      if (bytes.byteLength > max) return Promise.reject(new BodyTooLargeError(`body exceeds ${max} bytes`));
      return Promise.resolve(bytes);
    };
    const plan = await engine.plan(nodeMeta(req, url), readBody);
    if (plan.type === "respond") return writePlain(res, plan.response);
    if (config.options.fetch) return await viaFetch(engine, plan, res);
    if (plan.type === "json") {
      let answer: UpstreamJson;
      try {
        answer = await json(plan.call, res, plan.detached);
      } catch (error) {
        return failed(res, plan, error);
      }
      return writePlain(res, await plan.finish(answer));
    }
    let started;
    try {
      started = await requestUpstream(plan.call, res, config.upstreamTimeoutMs);
    } catch (error) {
      return failed(res, plan, error);
    }
    const { upstream, request } = started;
    const h = upstream.headers;
    const decision = plan.accept(upstream.statusCode ?? 502, (name) => {
      const v = h[name];
      return Array.isArray(v) ? v.join(", ") : v;
    });
    if (!("stream" in decision) || plan.head) {
      request.destroy();
      upstream.resume();
      if (!("stream" in decision)) return writePlain(res, decision);
      res.writeHead(decision.status, decision.headers);
      res.end();
      return;
    }
    res.writeHead(decision.status, decision.headers);
    await pipeline(upstream, res).catch(() => request.destroy());
  } catch (error) {
    engine.context.reportError({ error, kind: "internal", route: "other" });
    if (!res.headersSent && !res.destroyed) writePlain(res, detail(500, "Internal proxy error."));
    else res.destroy();
  }
}

/**
 * Answers a failed upstream call. A call the client's leaving aborted needs no answer; any other failure goes
 * through the plan (which decides, for a submit, whether the client's slot stays taken) even when the client has
 * gone meanwhile.
 */
function failed(res: ServerResponse, plan: Extract<Plan, { type: "json" | "image" }>, error: unknown): void {
  if (!(error instanceof UpstreamError)) throw error;
  if (error.failure === "aborted") return;
  const answer = plan.fail(error.failure, error.cause);
  if (!res.destroyed) writePlain(res, answer);
}

/** Writes one of the proxy's own answers. */
export function writePlain(res: ServerResponse, r: PlainResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = r.status === 204 ? "" : r.body;
  res.writeHead(r.status, { ...r.headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

async function viaFetch(
  engine: Engine,
  plan: Extract<Plan, { type: "json" | "image" }>,
  res: ServerResponse,
): Promise<void> {
  const { config } = engine.context;
  const fetchImpl = config.options.fetch as typeof fetch;
  const controller = new AbortController();
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once("close", onClose);
  try {
    if (plan.type === "json") {
      let answer: UpstreamJson;
      try {
        answer = await fetchJson(
          fetchImpl,
          plan.call,
          plan.detached ? undefined : controller.signal,
          config.upstreamTimeoutMs,
        );
      } catch (error) {
        return failed(res, plan, error);
      }
      return writePlain(res, await plan.finish(answer));
    }
    let response: Response;
    try {
      const started = await fetchUpstream(fetchImpl, plan.call, controller.signal, config.upstreamTimeoutMs);
      started.done();
      response = started.response;
    } catch (error) {
      return failed(res, plan, error);
    }
    const decision = plan.accept(response.status, (name) => response.headers.get(name) ?? undefined);
    if (!("stream" in decision) || plan.head || !response.body) {
      await response.body?.cancel().catch(() => undefined);
      if (!("stream" in decision)) return writePlain(res, decision);
      res.writeHead(decision.status, decision.headers);
      res.end();
      return;
    }
    res.writeHead(decision.status, decision.headers);
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), res).catch(() => undefined);
  } finally {
    res.off("close", onClose);
  }
}

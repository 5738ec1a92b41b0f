import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createEngine, type Engine } from "../engine/createEngine";
import { BodyTooLargeError } from "../engine/body";
import { serveRequest } from "../engine/executePlan";
import { resolveConfig } from "../engine/resolveConfig";
import { detail } from "../engine/responses";
import type { PlainResponse } from "../engine/types";
import type { Upstream } from "../engine/upstream";
import type { FluxProxyOptions } from "../options";
import { nodeMeta } from "./nodeMeta";
import { createNodeFetchUpstream } from "./nodeFetchUpstream";
import { createNodeUpstream } from "./nodeUpstream";
import { preParsedBody, readNodeBody } from "./readNodeBody";

/** Node's `(req, res)` handler. It resolves once the response is complete (or the client has gone). */
export interface NodeFluxProxyHandler {
  (req: IncomingMessage, res: ServerResponse): Promise<void>;
  /**
   * Serves the proxy alone on `port` (`0` picks a free one) and resolves once it listens. Rejects with
   * `FluxProxyConfigError` before listening when the proxy cannot serve (no usable BFL API key), so a deployment fails
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
  const config = resolveConfig(options);
  const engine = createEngine(config);
  // the transport's speed is its upstream: undici and node:http, or the `fetch` the options give
  const upstream: Upstream<ServerResponse, Readable> = options.fetch
    ? createNodeFetchUpstream(options.fetch, config.upstreamTimeoutMs)
    : createNodeUpstream(config.upstreamTimeoutMs);
  const core = (req: IncomingMessage, res: ServerResponse, overrides?: NodeRequestOverrides) =>
    handleNode(engine, upstream, req, res, overrides);
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
  upstream: Upstream<ServerResponse, Readable>,
  req: IncomingMessage,
  res: ServerResponse,
  overrides: NodeRequestOverrides | undefined,
): Promise<void> {
  try {
    const url = overrides?.url ?? req.url ?? "/";
    const readBody = (max: number, timeoutMs: number): Promise<Uint8Array> => {
      const consumed = (req as { _body?: unknown })._body === true || req.readableEnded;
      if (!consumed && overrides?.parsedBody === undefined) return readNodeBody(req, max, timeoutMs);
      const bytes = preParsedBody(overrides?.parsedBody) ?? new Uint8Array(0);
      if (bytes.byteLength > max) return Promise.reject(new BodyTooLargeError(`body exceeds ${max} bytes`));
      return Promise.resolve(bytes);
    };
    const outcome = await serveRequest(engine, nodeMeta(req, url), readBody, upstream, res);
    if (outcome.type === "respond") return writePlain(res, outcome.response);
    if (outcome.type === "gone") return;
    res.writeHead(outcome.status, outcome.headers);
    if (outcome.body === undefined) return void res.end();
    await pipeline(outcome.body, res).catch(outcome.discard);
  } catch (error) {
    engine.context.reportError({ error, kind: "internal", route: "other" });
    if (!res.headersSent && !res.destroyed) writePlain(res, detail(500, "Internal proxy error."));
    else res.destroy();
  }
}

/** Writes one of the proxy's own answers (nothing once the client has gone). */
export function writePlain(res: ServerResponse, r: PlainResponse): void {
  if (res.headersSent || res.destroyed) return;
  const body = r.status === 204 ? "" : r.body;
  res.writeHead(r.status, { ...r.headers, "content-length": Buffer.byteLength(body) });
  res.end(body);
}

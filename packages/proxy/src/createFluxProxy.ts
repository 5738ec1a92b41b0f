import { createEngine } from "./engine/createEngine";
import { readLimited } from "./engine/body";
import { serveRequest, type Outcome } from "./engine/executePlan";
import { resolveConfig } from "./engine/resolveConfig";
import type { FluxProxyOptions, ProxyRequestInfo } from "./options";
import { createFetchUpstream } from "./web/fetchUpstream";
import { requestMeta, toResponse } from "./web/requestMeta";

/** A Web-standard handler: `(request) => Promise<Response>`. Adapters may pass what they know of the socket. */
export type FluxProxyHandler = (request: Request, info?: ProxyRequestInfo) => Promise<Response>;

/**
 * Creates the proxy: a BFL-compatible endpoint that adds the API key server-side and enforces auth, origin,
 * model, body, validation and per-client limits. Web APIs only, so it runs on Node ≥ 20 and edge runtimes.
 * Throws `FluxProxyConfigError` at startup when the key is missing or no `authorize`/`allowAnonymous` is given.
 *
 * @example
 * const proxy = createFluxProxy({ authorize: (req) => isSignedIn(req), allowedOrigins: ["https://app.example.com"] });
 * // any runtime: export default { fetch: proxy }
 */
export function createFluxProxy(options: FluxProxyOptions = {}): FluxProxyHandler {
  const config = resolveConfig(options);
  const engine = createEngine(config);
  // the global `fetch` is looked up per call, so one installed (or stubbed) later is used
  const upstream = createFetchUpstream(
    options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    config.upstreamTimeoutMs,
  );
  return async (request, info) =>
    toWebResponse(
      await serveRequest(
        engine,
        requestMeta(request, info),
        (max, timeoutMs) => readLimited(request.body, max, timeoutMs),
        upstream,
        request.signal,
      ),
    );
}

/**
 * The Web answer for an outcome. A client that left gets `499` (nginx's "client closed request") with no body:
 * no one reads it, and it is not the proxy's nor BFL's error.
 */
function toWebResponse(outcome: Outcome<ReadableStream<Uint8Array>>): Response {
  if (outcome.type === "respond") return toResponse(outcome.response);
  if (outcome.type === "gone") return new Response(null, { status: 499 });
  return new Response(outcome.body ?? null, { status: outcome.status, headers: outcome.headers });
}

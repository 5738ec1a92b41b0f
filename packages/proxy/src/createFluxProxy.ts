import { createEngine, type Engine } from "./engine/createEngine";
import { readLimited } from "./engine/body";
import { resolveConfig } from "./engine/resolveConfig";
import { detail } from "./engine/responses";
import type { FluxProxyOptions, ProxyRequestInfo } from "./options";
import { fetchJson, fetchUpstream, UpstreamError } from "./web/fetchUpstream";
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
  const engine = createEngine(resolveConfig(options));
  return (request, info) => handleWithFetch(engine, request, info);
}

async function handleWithFetch(engine: Engine, request: Request, info?: ProxyRequestInfo): Promise<Response> {
  const { config } = engine.context;
  const fetchImpl = config.options.fetch ?? globalThis.fetch.bind(globalThis);
  try {
    const plan = await engine.plan(requestMeta(request, info), (max, timeoutMs) =>
      readLimited(request.body, max, timeoutMs),
    );
    if (plan.type === "respond") return toResponse(plan.response);
    const signal = request.signal;
    if (plan.type === "json") {
      try {
        const answer = await fetchJson(
          fetchImpl,
          plan.call,
          plan.detached ? undefined : signal,
          config.upstreamTimeoutMs,
        );
        return toResponse(await plan.finish(answer));
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        return toResponse(plan.fail(error.failure === "aborted" ? "network" : error.failure, error.cause));
      }
    }
    let upstream;
    try {
      upstream = await fetchUpstream(fetchImpl, plan.call, signal, config.upstreamTimeoutMs);
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      return toResponse(plan.fail(error.failure === "aborted" ? "network" : error.failure, error.cause));
    }
    upstream.done();
    const { response } = upstream;
    const decision = plan.accept(response.status, (name) => response.headers.get(name) ?? undefined);
    if (!("stream" in decision)) {
      await response.body?.cancel().catch(() => undefined);
      return toResponse(decision);
    }
    if (plan.head) await response.body?.cancel().catch(() => undefined);
    return new Response(plan.head ? null : response.body, {
      status: decision.status,
      headers: decision.headers,
    });
  } catch (error) {
    engine.context.reportError({ error, kind: "internal", route: "other" });
    return toResponse(detail(500, "Internal proxy error."));
  }
}

import type { EngineContext } from "./context";
import { modelsRouteBody } from "./coreBridge";
import type { ModelRoutes } from "./modelRoutes";
import { jsonText } from "./responses";
import type { Plan, PlainResponse } from "./types";

/**
 * How long a browser may reuse the list: it changes only when the server is redeployed, and `private` keeps it
 * out of shared caches (what an allowed caller may see is not for everyone).
 */
const CACHE_CONTROL = "private, max-age=60";

/** The answer per set of routes, made once: the list is fixed when the proxy is created. */
const answers = new WeakMap<ModelRoutes, PlainResponse>();

/**
 * `GET /v1/models`: the models `allowedModels` enables, in its order, as `{ "models": [{ "id": … }] }` (core's
 * `modelsRouteBody`). Answered by the proxy itself after the same origin and `authorize` checks as every route:
 * BFL is never called, and nothing about the key or the disabled models is said.
 */
export function planModels(ctx: EngineContext): Plan {
  const { models } = ctx.config;
  let response = answers.get(models);
  if (!response) {
    const ids = [...models.values()].filter((route) => route.model.enabled).map((route) => route.model.id);
    response = jsonText(200, modelsRouteBody(ids), { "cache-control": CACHE_CONTROL });
    answers.set(models, response);
  }
  return { type: "respond", response };
}

import { IMAGE_ROUTE_PATH, MODELS_ROUTE_PATH } from "./coreBridge";
import type { ModelRoutes, SubmitRoute } from "./modelRoutes";

/** Which proxy route a request path names. */
export type Route =
  | SubmitRoute
  | { readonly kind: "poll" }
  | { readonly kind: "image" }
  | { readonly kind: "models" }
  | { readonly kind: "webhook" }
  | { readonly kind: "not_found" };

const POLL: Route = { kind: "poll" };
const IMAGE: Route = { kind: "image" };
const MODELS: Route = { kind: "models" };
const WEBHOOK: Route = { kind: "webhook" };
const NOT_FOUND: Route = { kind: "not_found" };
const POLL_PATH = "/v1/get_result";
/** Where BFL delivers the proxy's own webhooks (`webhooks` on). */
export const WEBHOOK_PATH = "/v1/webhook";

/**
 * Routes a raw path (without query) under `basePath`. Every route is an exact string match: `get_result`, the
 * image route, the models route (the proxy's own, not BFL's), or `/v1/{id}` for a model id of `models` (ids may
 * contain `/`: `flux-tools/erase-v1`; none is `models` or `webhook`), and with `webhooks` the webhook route. Nothing is
 * decoded or normalised first, so a dot segment, a doubled, trailing or encoded slash (`%2F` is never read as
 * a separator), a backslash or another case is `not_found`, never turned into a valid route.
 */
export function matchRoute(path: string, basePath: string, models: ModelRoutes, webhooks = false): Route {
  if (!path.startsWith(basePath)) return NOT_FOUND;
  const rest = path.slice(basePath.length);
  if (rest === POLL_PATH) return POLL;
  if (rest === IMAGE_ROUTE_PATH) return IMAGE;
  if (rest === MODELS_ROUTE_PATH) return MODELS;
  if (rest === WEBHOOK_PATH) return webhooks ? WEBHOOK : NOT_FOUND;
  return models.get(rest) ?? NOT_FOUND;
}

/** Methods each route answers, for 405's `Allow`. */
export function allowedMethods(route: Route): string {
  return route.kind === "submit" || route.kind === "webhook" ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
}

/** Whether `method` is served by `route` (OPTIONS is handled before). */
export function methodAllowed(route: Route, method: string): boolean {
  return route.kind === "submit" || route.kind === "webhook"
    ? method === "POST"
    : method === "GET" || method === "HEAD";
}

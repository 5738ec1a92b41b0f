// The URL shapes of @flux-kit/proxy's own routes that other packages write or recognise (the UI's download
// links, the proxy's rewritten `result.sample`, the models route the proxy answers and the client reads),
// defined once.

/** The proxy's image route under its base path: `GET {basePath}/v1/image?u=<delivery URL>`. */
export const IMAGE_ROUTE_PATH = "/v1/image";

/**
 * The proxy's models route under its base path: `GET {basePath}/v1/models`, answered
 * `{ "models": [{ "id": "flux-2-pro" }, …] }` with the models its `allowedModels` enables, in that order. Not
 * one of BFL's routes: BFL itself (and a proxy older than the route) answers it 404.
 */
export const MODELS_ROUTE_PATH = "/v1/models";

/**
 * A URL on an image route (`route` is its full path or URL, e.g. `/api/flux/v1/image`) that serves `imageUrl`;
 * `extraQuery` (`&exp=…`) is appended as it is.
 * @example imageRouteUrl("/api/flux/v1/image", "https://delivery-eu1.bfl.ai/a.jpeg") // "/api/flux/v1/image?u=https%3A…"
 */
export function imageRouteUrl(route: string, imageUrl: string, extraQuery = ""): string {
  return `${route}?u=${encodeURIComponent(imageUrl)}${extraQuery}`;
}

/** Whether `url` is already on a proxy's image route (so it must not be wrapped again). */
export function isImageRouteUrl(url: string): boolean {
  return url.includes(`${IMAGE_ROUTE_PATH}?`);
}

/**
 * The models route's answer for `ids`, in their order.
 * @example modelsRouteBody(["flux-2-pro"]) // '{"models":[{"id":"flux-2-pro"}]}'
 */
export function modelsRouteBody(ids: readonly string[]): string {
  return JSON.stringify({ models: ids.map((id) => ({ id })) });
}

/**
 * The model ids of a models route answer, in its order; `undefined` when `json` is not one (no `models` list, or
 * an entry without a string `id`). Other fields of the answer and of its entries are ignored.
 * @example readModelIds({ models: [{ id: "flux-2-pro" }] }) // ["flux-2-pro"]
 */
export function readModelIds(json: unknown): string[] | undefined {
  const list = (json as { models?: unknown } | null)?.models;
  // a missing list reads as one bad entry
  const ids = Array.isArray(list) ? list.map((entry) => (entry as { id?: unknown } | null)?.id) : [0];
  return ids.every((id) => typeof id === "string") ? ids : undefined;
}

// The URL shapes of @flux-kit/proxy's own routes that other packages write or recognise (the UI's download
// links, the proxy's rewritten `result.sample`), defined once.

/** The proxy's image route under its base path: `GET {basePath}/v1/image?u=<delivery URL>`. */
export const IMAGE_ROUTE_PATH = "/v1/image";

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

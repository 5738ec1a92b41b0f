import { IMAGE_ROUTE_PATH } from "./coreBridge";

/** Which proxy route a request path names. */
export type Route =
  | { readonly kind: "submit"; readonly model: string }
  | { readonly kind: "poll" }
  | { readonly kind: "image" }
  | { readonly kind: "not_found" };

const MODEL = /^[a-z0-9][a-z0-9._-]{0,63}$/;
/** Percent-encoded dot, slash or backslash, or a literal backslash, NUL or repeated slash: never in a real route. */
const SUSPICIOUS = /%2e|%2f|%5c|%00|\\|\/\/|\0/i;

/**
 * Routes a raw path (without query) under `basePath`. Anything odd — dot segments, encoded separators, slashes
 * in the model, trailing junk — is `not_found`, never normalised into a valid route.
 */
export function matchRoute(path: string, basePath: string): Route {
  if (!path.startsWith(basePath)) return { kind: "not_found" };
  const rest = path.slice(basePath.length);
  if (!rest.startsWith("/v1/") || SUSPICIOUS.test(rest)) return { kind: "not_found" };
  const name = rest.slice(4);
  if (name === "get_result") return { kind: "poll" };
  if (`/v1/${name}` === IMAGE_ROUTE_PATH) return { kind: "image" };
  if (name === "credits" || !MODEL.test(name) || name.includes("..")) return { kind: "not_found" };
  return { kind: "submit", model: name };
}

/** Methods each route answers, for 405's `Allow`. */
export function allowedMethods(route: Route): string {
  return route.kind === "submit" ? "POST, OPTIONS" : "GET, HEAD, OPTIONS";
}

/** Whether `method` is served by `route` (OPTIONS is handled before). */
export function methodAllowed(route: Route, method: string): boolean {
  return route.kind === "submit" ? method === "POST" : method === "GET" || method === "HEAD";
}

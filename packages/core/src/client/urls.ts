import { isBflApiUrl } from "../bfl/hosts";

export { REGIONS, type Region } from "../bfl/regions";

/**
 * Strips trailing slashes and a trailing `/v1`, so `https://api.bfl.ai/v1/` and `https://api.bfl.ai` agree. Throws a
 * `TypeError` for anything but an absolute http(s) URL that parses or a path on this origin (one leading `/`): a
 * relative `"api/flux"`, a typo like `"http//x"`, a protocol-relative `"//host"` (another host, not a path), a
 * query, a fragment or credentials.
 */
export function normaliseBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, "").replace(/\/v1$/, "");
  // an absolute URL: http(s), a host with no credentials, nothing after the path, and it parses
  const absolute = /^https?:\/\/[^/\\?#@]+([/\\][^?#]*)?$/i.test(trimmed) && originOf(trimmed) !== undefined;
  if (trimmed === "" || absolute || /^\/(?![/\\])[^?#]*$/.test(trimmed)) return trimmed;
  throw new TypeError(
    `Invalid baseUrl "${baseUrl}": use an absolute http(s) URL (e.g. "https://api.bfl.ai") or a path on this ` +
      `origin (e.g. "/api/flux").`,
  );
}

/** A path on the current origin: one leading `/` (`//host` and `/\host` name another host). */
export const isPath = (url: string): boolean => /^\/(?![/\\])/.test(url);

/** What relative URLs resolve against in this runtime: the document's base URL in browsers (`location` in workers). */
function documentBase(): string | undefined {
  const scope = globalThis as { document?: { baseURI?: string }; location?: { href?: string } };
  return scope.document?.baseURI ?? scope.location?.href;
}

/**
 * The absolute form of a (normalised) API base: itself when absolute; a path resolved against the document in a
 * browser; `undefined` where there is no document.
 */
export function absoluteBase(base: string): string | undefined {
  try {
    return new URL(`${base}/`, /^https?:/i.test(base) ? undefined : documentBase()).href;
  } catch {
    return undefined;
  }
}

/**
 * Resolves a URL BFL (or a proxy) handed back (`polling_url`, `result.sample`) as `new URL(url, base)` does, the
 * API base taken as a directory: against the base when it is absolute, against the document's base in a browser
 * when the base is a path. With neither (a path base outside a browser) only a path with one leading `/` is kept
 * as it is. `undefined` for a URL that cannot be resolved or is not http(s), e.g. `//other.host/…` with nothing
 * to resolve it against. Callers decide headers and the key by the origin of the result.
 */
export function resolveReturnedUrl(url: string, base: string): string | undefined {
  const root = absoluteBase(base);
  if (root === undefined) return isPath(url) ? url : undefined;
  try {
    const resolved = new URL(url, root);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

export function originOf(url: string): string | undefined {
  try {
    return /^https?:\/\//i.test(url) ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the API key may be sent to `url`: only to the configured API origin and to BFL's API hosts
 * (`isBflApiUrl`: BFL answers polls from other cluster hosts). Anything else (delivery blobs, a host a response named) never
 * sees the key.
 */
export function mayReceiveKey(url: string, apiOrigin: string | undefined): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.username || parsed.password) return false;
  if (apiOrigin !== undefined && parsed.origin === apiOrigin) return true;
  return isBflApiUrl(parsed);
}

/** BFL's API hosts ([DOCS-gen]): `global` routes across clusters with failover; `eu`/`us` keep data in region. */
export const REGIONS = {
  global: "https://api.bfl.ai",
  eu: "https://api.eu.bfl.ai",
  us: "https://api.us.bfl.ai",
} as const;

export type Region = keyof typeof REGIONS;

/** Strips trailing slashes and a trailing `/v1`, so `https://api.bfl.ai/v1/` and `https://api.bfl.ai` agree. */
export function normaliseBaseUrl(baseUrl: string): string {
  const trimmed = baseUrl.trim().replace(/\/+$/, "").replace(/\/v1$/, "");
  if (trimmed === "" || /^https?:\/\/[^/]/i.test(trimmed) || trimmed.startsWith("/")) return trimmed;
  throw new TypeError(
    `Invalid baseUrl "${baseUrl}": use an absolute http(s) URL (e.g. "https://api.bfl.ai") or a path on this ` +
      `origin (e.g. "/api/flux").`,
  );
}

/** Joins a base (absolute or path-only) and a path that starts with `/`. */
export function joinUrl(base: string, path: string): string {
  return base + path;
}

/**
 * Resolves a URL BFL (or a proxy) handed back, e.g. `polling_url`: absolute URLs are used verbatim; a path is
 * resolved against the base's origin when the base is absolute, else left relative for the browser to resolve.
 */
export function resolveReturnedUrl(url: string, base: string): string {
  if (/^https?:\/\//i.test(url)) return url;
  const origin = originOf(base);
  return origin && url.startsWith("/") ? origin + url : url;
}

export function originOf(url: string): string | undefined {
  try {
    return /^https?:\/\//i.test(url) ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the API key may be sent to `url`: only to the configured API origin and to `https://*.bfl.ai`
 * (BFL answers polls from other cluster hosts). Anything else (delivery blobs, a host a response named) never
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
  return (
    parsed.protocol === "https:" && (parsed.hostname === "bfl.ai" || parsed.hostname.endsWith(".bfl.ai"))
  );
}

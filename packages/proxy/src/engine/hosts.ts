import { isBflApiUrl, isBflDeliveryUrl } from "./coreBridge";

/**
 * Parses `raw` as an absolute URL that may be fetched: http(s), no user info. `undefined` otherwise.
 * The WHATWG parser decodes and lower-cases the host (`%41`, IDNA, IPv6 brackets), so checks below see
 * the host the request would really reach.
 */
export function parseFetchableUrl(raw: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return undefined;
  if (url.username !== "" || url.password !== "") return undefined;
  return url;
}

/** BFL API hosts (core's `isBflApiUrl`), plus the exact configured origins. */
export function isAllowedPollingOrigin(url: URL, extra: ReadonlySet<string>): boolean {
  return extra.has(url.origin) || isBflApiUrl(url);
}

/**
 * BFL delivery hosts (core's `isBflDeliveryUrl`: `https://delivery-*.bfl.ai` and BFL's own Azure accounts; a new
 * account is added with `imageProxy.allowedOrigins`), plus the exact configured origins.
 */
export function isAllowedDeliveryOrigin(url: URL, extra: ReadonlySet<string>): boolean {
  return extra.has(url.origin) || isBflDeliveryUrl(url);
}

/** One label of a DNS name (no dots, no `@`, no `%`): what a wildcard may stand for in our patterns. */
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** `api.bfl.ai`, `api.eu2.bfl.ai`, `api.us1.bfl.ai`…: one to three labels under `bfl.ai`. */
const BFL_API_HOST = new RegExp(`^(?:${LABEL}\\.){1,3}bfl\\.ai$`);
const BFL_DELIVERY_HOST = new RegExp(`^delivery-${LABEL}\\.bfl\\.ai$|^delivery\\.bfl\\.ai$`);
/**
 * The Azure storage accounts BFL has been seen delivering from. Exact names, not `bfldelivery*`: anyone can
 * register an Azure account with that prefix and make the image route relay their content. A new BFL account is
 * added with `imageProxy.allowedOrigins`; until then its URLs reach clients unrewritten (an <img> still loads).
 */
const AZURE_DELIVERY_HOST = /^bfldelivery(?:prod|prodeu4|scus)\.blob\.core\.windows\.net$/;

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

/** BFL API hosts: `https://<label>.bfl.ai` on the default port, plus the exact configured origins. */
export function isAllowedPollingOrigin(url: URL, extra: ReadonlySet<string>): boolean {
  if (extra.has(url.origin)) return true;
  return url.protocol === "https:" && url.port === "" && BFL_API_HOST.test(url.hostname);
}

/**
 * BFL delivery hosts (`https://delivery-*.bfl.ai`, `https://bfldelivery*.blob.core.windows.net`) on the default
 * port, plus the exact configured origins.
 */
export function isAllowedDeliveryOrigin(url: URL, extra: ReadonlySet<string>): boolean {
  if (extra.has(url.origin)) return true;
  if (url.protocol !== "https:" || url.port !== "") return false;
  return BFL_DELIVERY_HOST.test(url.hostname) || AZURE_DELIVERY_HOST.test(url.hostname);
}

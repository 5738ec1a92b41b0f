// Which hosts are BFL's: one definition for the client (where the key may go, which URLs expire like BFL's) and
// the proxy (which hosts it polls and relays images from). Sources: docs/bfl-api.md
// §1 (hosts, cluster polling hosts) and §8 (result delivery).

/** One label of a DNS name (no dots, no `@`, no `%`): what a wildcard may stand for below. */
const LABEL = "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?";
/** `delivery.bfl.ai`, `delivery-eu1.bfl.ai`, `delivery-us1.bfl.ai`…: where BFL's signed result URLs point. */
const DELIVERY_HOST = /* @__PURE__ */ new RegExp(`^delivery(?:-${LABEL})?\\.bfl\\.ai$`);
/** `api.bfl.ai`, `api.eu2.bfl.ai`, `api.us1.bfl.ai`…: one to three labels under `bfl.ai`. */
const API_HOST = /* @__PURE__ */ new RegExp(`^(?:${LABEL}\\.){1,3}bfl\\.ai$`);

/**
 * The Azure storage accounts BFL has been seen delivering from. Exact names, not `bfldelivery*` or any
 * `*.blob.core.windows.net`: anyone can register an Azure account, and a copy a site keeps on its own account
 * is not a BFL delivery (it does not expire after ten minutes, and a proxy must not relay it as one).
 */
const AZURE_DELIVERY_HOST = /^bfldelivery(?:prod|prodeu4|scus)\.blob\.core\.windows\.net$/;

/** `https:` on the default port, no user info: the only shape a BFL URL has. */
const plainHttps = (url: URL) =>
  url.protocol === "https:" && url.port === "" && url.username === "" && url.password === "";

/**
 * Whether `url` is on a BFL delivery host: `https://delivery(-*).bfl.ai` or one of BFL's Azure accounts.
 * @example isBflDeliveryUrl(new URL("https://delivery-eu1.bfl.ai/results/a.jpeg")) // true
 */
export function isBflDeliveryUrl(url: URL): boolean {
  return plainHttps(url) && (DELIVERY_HOST.test(url.hostname) || AZURE_DELIVERY_HOST.test(url.hostname));
}

/**
 * Whether `url` is on a BFL API host (`https://api.bfl.ai`, a regional or cluster host such as
 * `https://api.eu2.bfl.ai`), where submits and polls go and the key may be sent. Delivery hosts are not API hosts.
 * @example isBflApiUrl(new URL("https://api.us1.bfl.ai/v1/get_result?id=x")) // true
 */
export function isBflApiUrl(url: URL): boolean {
  return plainHttps(url) && API_HOST.test(url.hostname) && !DELIVERY_HOST.test(url.hostname);
}

/** `isBflDeliveryUrl` for a string; `false` when it does not parse. */
export function isBflDelivery(url: string): boolean {
  try {
    return isBflDeliveryUrl(new URL(url));
  } catch {
    return false;
  }
}

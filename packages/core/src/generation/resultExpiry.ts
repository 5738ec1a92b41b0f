import { deliveryExpiry } from "../client/delivery";
import type { FluxResult } from "../client/types";

/**
 * When the image of `result` stops being reachable, or `undefined` when it does not expire (the URL was
 * replaced by a persisted copy: the proxy's `onResult` hook or the app's own store).
 *
 * A URL expires when it carries a signed expiry (`se=`/`exp=`, also inside a proxied `u=` parameter), is on
 * `*.bfl.ai`, or has BFL's delivery path shape (`/results/<hex>/sample.<ext>`); then the expiry is that signed
 * time, else `result.expiresAt`. Any other URL is treated as persisted.
 *
 * @example
 * resultExpiresAt(result) // Date 10 minutes after Ready for a BFL delivery URL, undefined for "https://cdn.app/x.png"
 */
export function resultExpiresAt(result: Pick<FluxResult, "url" | "expiresAt">): Date | undefined {
  const url = result.url;
  const signed = deliveryExpiry(url) ?? nestedExpiry(url);
  if (signed) return signed;
  return looksLikeDelivery(url) ? result.expiresAt : undefined;
}

function nestedExpiry(url: string): Date | undefined {
  const inner = innerUrl(url);
  return inner === undefined ? undefined : deliveryExpiry(inner);
}

function innerUrl(url: string): string | undefined {
  const query = url.indexOf("?");
  if (query === -1) return undefined;
  return new URLSearchParams(url.slice(query + 1)).get("u") ?? undefined;
}

function looksLikeDelivery(url: string): boolean {
  const inner = innerUrl(url);
  if (inner !== undefined && looksLikeDelivery(inner)) return true;
  if (/\/results\/[0-9a-f]{16,}\/sample\.[a-z]+(\?|$)/i.test(url)) return true;
  const host = /^https?:\/\/([^/?#:]+)/i.exec(url)?.[1]?.toLowerCase();
  return host !== undefined && (host === "bfl.ai" || host.endsWith(".bfl.ai"));
}

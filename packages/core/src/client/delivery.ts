/**
 * When a delivery URL stops working: its Azure-SAS `se=` expiry (ISO), or the `exp=` parameter a flux-kit proxy
 * keeps on rewritten image URLs (ISO or epoch ms). `undefined` when the URL says nothing.
 *
 * @example
 * deliveryExpiry("https://delivery-eu1.bfl.ai/results/x/sample.jpeg?se=2025-11-27T14%3A41%3A06Z&sig=…")
 * // → 2025-11-27T14:41:06.000Z
 */
export function deliveryExpiry(url: string): Date | undefined {
  const query = url.indexOf("?");
  if (query === -1) return undefined;
  const params = new URLSearchParams(url.slice(query + 1));
  const raw = params.get("se") ?? params.get("exp");
  if (raw === null || raw === "") return undefined;
  const time = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  return Number.isFinite(time) ? new Date(time) : undefined;
}

/** Whether a delivery URL has expired at `now` (unknown expiry counts as live). */
export function isDeliveryExpired(url: string, now: number = Date.now()): boolean {
  const expiry = deliveryExpiry(url);
  return expiry !== undefined && expiry.getTime() <= now;
}

export { isBflDelivery } from "../bfl/hosts";

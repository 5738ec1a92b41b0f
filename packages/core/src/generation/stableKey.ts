/**
 * A deterministic string for a JSON-like value (object keys sorted), used to recognise "the same submit again"
 * (a double click, a StrictMode double effect) without comparing object identity.
 *
 * @example stableKey({ b: 1, a: [2, { d: 3, c: 4 }] }) === stableKey({ a: [2, { c: 4, d: 3 }], b: 1 })
 */
export function stableKey(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

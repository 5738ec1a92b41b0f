const REASON_KEYS = new Set(["moderationreasons", "moderationreason", "reasons", "reason"]);

const strings = (value: unknown): string[] => {
  if (typeof value === "string") return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value))
    return value.flatMap((v) => (typeof v === "string" || typeof v === "number" ? strings(String(v)) : []));
  return [];
};

/**
 * Moderation reasons from a result's `details`: `{"Moderation Reasons": ["Sexual Content"]}` (seen live), a
 * plain string (as the AI SDK reports for refusals), an array of strings, or an object with a `reasons` /
 * `moderation_reasons` / `reason` key. Anything else gives `[]`.
 * @example moderationReasons({ "Moderation Reasons": ["Sexual Content"] }) // ["Sexual Content"]
 */
export function moderationReasons(details: unknown): string[] {
  if (typeof details === "string" || Array.isArray(details)) return strings(details);
  if (typeof details !== "object" || details === null) return [];
  for (const [key, value] of Object.entries(details)) {
    if (REASON_KEYS.has(key.toLowerCase().replace(/[^a-z]/g, ""))) return strings(value);
  }
  return [];
}

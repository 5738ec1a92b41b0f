/**
 * Whether `value` is a JSON object (not `null`, not an array): the one test every reader of BFL's bodies, the
 * stored generation record and the proxy's body checks uses.
 * @example isJsonObject(JSON.parse(text)) && typeof value["id"] === "string"
 */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `value` when it is a JSON object, else `undefined`. */
export const jsonObject = (value: unknown): Record<string, unknown> | undefined =>
  isJsonObject(value) ? value : undefined;

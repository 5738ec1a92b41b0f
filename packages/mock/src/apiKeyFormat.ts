/**
 * Which `x-key` values pass the mock's format check, run before the key is looked up (docs/bfl-api.md Part II §9:
 * a malformed key gets 422 `{"detail":"Invalid API key format"}`, a well-formed unknown one 403). A pattern the
 * whole key must match, a predicate, or `false` to skip the check.
 */
export type ApiKeyFormat = RegExp | ((key: string) => boolean) | false;

/**
 * The mock's default format (BFL's is not documented): 1–128 ASCII letters, digits, `.`, `_` or `-`, and not
 * a 64-digit hex string (the one shape seen rejected live). So `mock-key`, `bfl_…` keys and UUIDs pass;
 * spaces, quotes, non-ASCII or a 200-character paste get 422.
 */
export const DEFAULT_API_KEY_FORMAT: RegExp = /^(?![0-9a-f]{64}$)[A-Za-z0-9._-]{1,128}$/i;

/** Whether `key` passes `format`. A key the mock accepts always does: it is well-formed by definition. */
export function isWellFormedKey(
  key: string,
  format: ApiKeyFormat = DEFAULT_API_KEY_FORMAT,
  accepted: readonly string[] = [],
): boolean {
  if (format === false || accepted.includes(key)) return true;
  return typeof format === "function" ? format(key) : new RegExp(format.source, format.flags).test(key);
}

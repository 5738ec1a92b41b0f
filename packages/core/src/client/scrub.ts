import { FluxError } from "../errors/FluxError";
import { createRedactor } from "./redact";

/**
 * Normalises `error` to a `FluxError` and removes `secret` from its message, fields and cause chain in every form
 * `createRedactor` knows (verbatim, JSON- or percent-escaped, base64), so no error a caller logs can leak the
 * key, even if a server echoed it back.
 */
export function scrubSecret(error: unknown, secret: string | undefined): FluxError {
  const flux = FluxError.from(error);
  if (!secret) return flux;
  const redact = createRedactor(secret);
  flux.message = redact(flux.message);
  // every field it carries: the body, a validation error's fieldErrors (BFL's 422 echoes what it refused), a
  // failed task's details
  for (const [key, value] of Object.entries(flux)) {
    const json = value === undefined ? undefined : safeStringify(value);
    if (json !== undefined && redact(json) !== json) {
      Object.defineProperty(flux, key, { value: parseOr(redact(json)) });
    }
  }
  if (flux.cause !== undefined && leaks(flux.cause, redact)) {
    Object.defineProperty(flux, "cause", { value: new Error("(cause removed: it contained the API key)") });
  }
  return flux;
}

/** The redacted JSON read back, or as text should the redaction have cut through its syntax. */
function parseOr(json: string): unknown {
  try {
    return JSON.parse(json) as unknown;
  } catch {
    return json;
  }
}

function safeStringify(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/**
 * Whether `value` (a string, an error with its fields and causes, or anything JSON) holds the secret in any form.
 * An error's own fields count: a `FluxError` cause keeps the `body` it was answered with.
 */
function leaks(value: unknown, redact: (text: string) => string, depth = 0): boolean {
  if (depth > 4 || value === null || value === undefined) return false;
  const changes = (text: string | undefined) => text !== undefined && redact(text) !== text;
  if (typeof value === "string") return changes(value);
  if (value instanceof Error) {
    return (
      changes(value.message) ||
      changes(String(value.stack)) ||
      changes(safeStringify({ ...value })) ||
      leaks(value.cause, redact, depth + 1)
    );
  }
  return changes(safeStringify(value));
}

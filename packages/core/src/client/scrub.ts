import { FluxError } from "../errors/FluxError";

const REDACTED = "[redacted]";

/**
 * Normalises `error` to a `FluxError` and removes every occurrence of `secret` from its message, body and
 * cause chain, so no error a caller logs can leak the key (even if a server echoed it back).
 */
export function scrubSecret(error: unknown, secret: string | undefined): FluxError {
  const flux = FluxError.from(error);
  if (!secret) return flux;
  if (flux.message.includes(secret)) flux.message = flux.message.split(secret).join(REDACTED);
  const body = flux.body;
  if (body !== undefined && JSON.stringify(body)?.includes(secret)) {
    Object.defineProperty(flux, "body", {
      value: JSON.parse(JSON.stringify(body).split(secret).join(REDACTED)),
    });
  }
  if (flux.cause !== undefined && leaks(flux.cause, secret)) {
    Object.defineProperty(flux, "cause", { value: new Error("(cause removed: it contained the API key)") });
  }
  return flux;
}

function leaks(value: unknown, secret: string, depth = 0): boolean {
  if (depth > 4 || value === null || value === undefined) return false;
  if (typeof value === "string") return value.includes(secret);
  if (value instanceof Error) {
    return (
      value.message.includes(secret) ||
      String(value.stack).includes(secret) ||
      leaks(value.cause, secret, depth + 1)
    );
  }
  try {
    return JSON.stringify(value)?.includes(secret) ?? false;
  } catch {
    return false;
  }
}

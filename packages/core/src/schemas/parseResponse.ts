import { FluxError } from "../errors/FluxError";
import type { ParseResult } from "./shape";

export type { ParseResult } from "./shape";

/** Unwraps a `ParseResult`, throwing `FluxError("bad_response")` (with the body attached) on failure. */
export function unwrapOrThrow<T>(result: ParseResult<T>, what: string, body: unknown): T {
  if (result.success) return result.data;
  throw new FluxError("bad_response", `Unexpected ${what} from BFL: ${result.error}.`, { body });
}

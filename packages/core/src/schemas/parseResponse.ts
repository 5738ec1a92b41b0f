import * as z from "zod/mini";
import { FluxError } from "../errors/FluxError";
import { locToPath } from "../models/fieldErrors";
import { toInputIssue } from "../models/toInputIssue";

/** Outcome of a non-throwing response parse: the normalised data, or a one-line reason. */
export type ParseResult<T> = { success: true; data: T } | { success: false; error: string };

/** `"polling_url: Input should be a valid string; …"`, from zod issues (at most three listed). */
export function summarizeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const parts = issues.slice(0, 3).map((issue) => {
    const { loc, msg } = toInputIssue(issue);
    const path = locToPath(loc);
    return path ? `${path}: ${msg}` : msg;
  });
  const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : "";
  return parts.join("; ") + more;
}

/** Validates `json` with `schema` and normalises it with `map`, never throwing. */
export function safeParseWith<S extends z.ZodMiniType, T>(
  schema: S,
  json: unknown,
  map: (data: z.output<S>) => T,
): ParseResult<T> {
  const result = z.safeParse(schema, json, { reportInput: true });
  return result.success
    ? { success: true, data: map(result.data) }
    : { success: false, error: summarizeIssues(result.error.issues) };
}

/** Unwraps a `ParseResult`, throwing `FluxError("bad_response")` (with the body attached) on failure. */
export function unwrapOrThrow<T>(result: ParseResult<T>, what: string, body: unknown): T {
  if (result.success) return result.data;
  throw new FluxError("bad_response", `Unexpected ${what} from BFL: ${result.error}.`, { body });
}

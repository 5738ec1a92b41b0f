import type { FluxFieldError } from "../errors/FluxError";
import type { InputIssue } from "./toInputIssue";

/** Dotted path of a FastAPI `loc`, without its leading `"body"`: `["body","input_image_2"]` → `"input_image_2"`. */
export function locToPath(loc: readonly unknown[]): string {
  const rest = loc[0] === "body" ? loc.slice(1) : loc;
  return rest.map(String).join(".");
}

/**
 * Converts issues into the `FluxFieldError`s a `FluxValidationError` carries.
 * @example toFieldErrors(r.issues) // [{ path: "width", message: "Input should be a multiple of 16", type: "multiple_of" }]
 */
export function toFieldErrors(issues: readonly InputIssue[]): FluxFieldError[] {
  return issues.map((i) => ({ path: locToPath(i.loc), message: i.msg, type: i.type }));
}

/**
 * The body FastAPI sends with a 422 (`HTTPValidationError`): `{ detail: issues }`. The mock returns it as-is.
 * @example new Response(JSON.stringify(fastApiValidationBody(issues)), { status: 422 })
 */
export function fastApiValidationBody(issues: readonly InputIssue[]): { detail: InputIssue[] } {
  return { detail: [...issues] };
}

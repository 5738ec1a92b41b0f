import * as z from "zod/mini";
import { toInputIssues } from "./toInputIssue";
import type { InputValidation } from "./types";

/**
 * Checks a request body against one model's schema, without touching the catalogue (so a bundle that imports
 * one model stays small). Unknown keys are dropped, as BFL's pydantic models ignore them, except for a strict
 * schema (FLUX 3 Image, outpainting), which reports each as `extra_forbidden`, as BFL's 422 does. Every definition made
 * with `defineModel` carries this check as its `validate`.
 * @example
 * const r = validateModelInput(flux2Pro, { prompt: "a fox", width: 1000 });
 * if (!r.success) r.issues[0] // { loc: ["body", "width"], type: "multiple_of", msg: "Input should be a multiple of 16", … }
 */
export function validateModelInput<D extends { readonly input: z.ZodMiniType }>(
  model: D,
  input: unknown,
): InputValidation<z.output<D["input"]>> {
  const result = z.safeParse(model.input, input, { reportInput: true });
  if (result.success) return { success: true, data: result.data as z.output<D["input"]> };
  return { success: false, issues: result.error.issues.flatMap(toInputIssues) };
}

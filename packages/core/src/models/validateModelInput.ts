import { parseInput, type InputSchema, type InputValidation, type OutputOf } from "./schema";

/**
 * Checks a request body against one model's schema, without touching the catalogue (so a bundle that imports
 * one model stays small). Unknown keys are dropped, as BFL's pydantic models ignore them, except for a strict
 * schema (FLUX 3 Image, outpainting), which reports each as `extra_forbidden`, as BFL's 422 does. Every
 * definition carries this check as its `validate`.
 * @example
 * const r = validateModelInput(flux2Pro, { prompt: "a fox", width: 1000 });
 * if (!r.success) r.issues[0] // { loc: ["body", "width"], type: "multiple_of", msg: "Input should be a multiple of 16", … }
 */
export function validateModelInput<D extends { readonly input: InputSchema }>(
  model: D,
  input: unknown,
): InputValidation<OutputOf<D["input"]>> {
  return parseInput(model.input, input) as InputValidation<OutputOf<D["input"]>>;
}

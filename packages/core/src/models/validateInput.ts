import * as z from "zod/mini";
import { getModel, type ModelId, type ModelOutput } from "./catalogue";
import { toInputIssue, type InputIssue } from "./toInputIssue";
import type { ModelDefinition } from "./types";

export { fastApiValidationBody, toFieldErrors } from "./fieldErrors";

/** Outcome of a local request-body check: the parsed body (defaults applied, unknown keys dropped) or issues. */
export type InputValidation<T> = { success: true; data: T } | { success: false; issues: InputIssue[] };

/**
 * Checks a request body against one model's schema, without touching the catalogue (so a bundle that imports
 * one model stays small). Unknown keys are dropped, as BFL's pydantic models ignore them.
 * @example
 * const r = validateModelInput(flux2Pro, { prompt: "a fox", width: 1000 });
 * if (!r.success) r.issues[0] // { loc: ["body", "width"], type: "multiple_of", msg: "Input should be a multiple of 16", … }
 */
export function validateModelInput<D extends ModelDefinition>(
  model: D,
  input: unknown,
): InputValidation<z.output<D["input"]>> {
  const result = z.safeParse(model.input, input, { reportInput: true });
  if (result.success) return { success: true, data: result.data as z.output<D["input"]> };
  return { success: false, issues: result.error.issues.map(toInputIssue) };
}

/**
 * Checks a request body for a model given by id or definition.
 * @throws TypeError for an unknown model id (check it first with `isModelId`).
 * @example
 * const r = validateInput("flux-2-klein-4b", { prompt: "a fox" });
 * if (r.success) r.data.width // 1024
 */
export function validateInput<Id extends ModelId>(
  model: Id,
  input: unknown,
): InputValidation<ModelOutput<Id>>;
export function validateInput<D extends ModelDefinition>(
  model: D,
  input: unknown,
): InputValidation<z.output<D["input"]>>;
export function validateInput(model: ModelDefinition | string, input: unknown): InputValidation<unknown>;
export function validateInput(model: ModelDefinition | string, input: unknown): InputValidation<unknown> {
  if (typeof model !== "string") return validateModelInput(model, input);
  const definition = getModel(model);
  if (!definition)
    throw new TypeError(`Unknown FLUX model id "${model}". Use one of the ids in \`modelIds\`.`);
  return validateModelInput(definition, input);
}

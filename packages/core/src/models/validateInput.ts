import { getModel, type ModelId, type ModelOutput } from "./catalogue";
import type { InputValidation, OutputOf } from "./schema";
import type { ModelDefinition } from "./types";
import { validateModelInput } from "./validateModelInput";

export { fastApiValidationBody, toFieldErrors } from "./fieldErrors";
export { validateModelInput } from "./validateModelInput";
export type { InputValidation } from "./schema";

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
): InputValidation<OutputOf<D["input"]>>;
export function validateInput(model: ModelDefinition | string, input: unknown): InputValidation<unknown>;
export function validateInput(model: ModelDefinition | string, input: unknown): InputValidation<unknown> {
  if (typeof model !== "string") return validateModelInput(model, input);
  const definition = getModel(model);
  if (!definition)
    throw new TypeError(`Unknown FLUX model id "${model}". Use one of the ids in \`modelIds\`.`);
  return validateModelInput(definition, input);
}

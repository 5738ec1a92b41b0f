import type * as z from "zod/mini";
import { defineModelInfo, type InfoFields } from "./defineModelInfo";
import type { ModelDefinition, ModelInfo } from "./types";
import { validateModelInput } from "./validateModelInput";

/**
 * A model's info with its schema: the definition, with `validate` (the schema check with BFL's 422 wording).
 * The catalogue builds each model this way from its info, so `getModelInfo` can reach the info alone.
 */
/* @__NO_SIDE_EFFECTS__ */
export function withSchema<const Id extends string, Input extends z.ZodMiniType>(
  info: ModelInfo<Id>,
  input: Input,
): ModelDefinition<Id, Input> {
  const model: ModelDefinition<Id, Input> = {
    ...info,
    input,
    validate: (body) => validateModelInput(model, body),
  };
  return model;
}

/**
 * Builds a `ModelDefinition`, keeping its id literal and its schema type precise: its info (as
 * `defineModelInfo`), its schema and `validate` (the schema check with BFL's 422 wording).
 * @example const m = defineModel({ id: "flux-dev", family: "flux-dev", … }) // m.path === "/v1/flux-dev"
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineModel<const Id extends string, Input extends z.ZodMiniType>(
  definition: InfoFields<Id> & { readonly input: Input },
): ModelDefinition<Id, Input> {
  const { input, ...info } = definition;
  return withSchema(defineModelInfo<Id>(info), input);
}

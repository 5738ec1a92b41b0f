import type * as z from "zod/mini";
import type { ModelDefinition } from "./types";
import { validateModelInput } from "./validateModelInput";

/**
 * Builds a `ModelDefinition`, keeping its id literal and its schema type precise, and deriving `path` and
 * `validate` (the schema check with BFL's 422 wording).
 * @example const m = defineModel({ id: "flux-dev", family: "flux-dev", … }) // m.path === "/v1/flux-dev"
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineModel<const Id extends string, Input extends z.ZodMiniType>(
  definition: Omit<ModelDefinition<Id, Input>, "path" | "validate">,
): ModelDefinition<Id, Input> {
  return {
    ...definition,
    path: `/v1/${definition.id}`,
    validate: (input) => validateModelInput(definition, input),
  };
}

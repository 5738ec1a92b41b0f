import type * as z from "zod/mini";
import { DEFAULT_TASKS, endpointTasks } from "../bfl/endpoints";
import type { ModelDefinition } from "./types";
import { validateModelInput } from "./validateModelInput";

type TaskFacts = "maxConcurrent" | "typicalDurationMs" | "deliveryLifetimeMs";

/**
 * Builds a `ModelDefinition`, keeping its id literal and its schema type precise, and deriving `path`,
 * `validate` (the schema check with BFL's 422 wording) and, unless given, the endpoint's cap, typical run and
 * delivery-URL lifetime (BFL's for a known id, else 24 tasks, 10 s and 10 minutes).
 * @example const m = defineModel({ id: "flux-dev", family: "flux-dev", … }) // m.path === "/v1/flux-dev"
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineModel<const Id extends string, Input extends z.ZodMiniType>(
  definition: Omit<ModelDefinition<Id, Input>, "path" | "validate" | TaskFacts> &
    Partial<Pick<ModelDefinition, TaskFacts>>,
): ModelDefinition<Id, Input> {
  const tasks = endpointTasks(definition.id) ?? DEFAULT_TASKS;
  return {
    maxConcurrent: tasks.maxConcurrent,
    typicalDurationMs: tasks.typicalDurationMs,
    deliveryLifetimeMs: tasks.deliveryLifetimeMs,
    ...definition,
    path: `/v1/${definition.id}`,
    validate: (input) => validateModelInput(definition, input),
  };
}

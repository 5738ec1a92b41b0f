import type * as z from "zod/mini";
import { DEFAULT_TASKS, endpointTasks } from "../bfl/endpoints";
import type { ModelDefinition, ModelInfo } from "./types";
import { validateModelInput } from "./validateModelInput";

type TaskFacts = "maxConcurrent" | "typicalDurationMs" | "deliveryLifetimeMs";

/** What a model's author writes: its info without what is derived (`path`, and BFL's task facts by default). */
type InfoFields<Id extends string> = Omit<ModelInfo<Id>, "path" | TaskFacts> &
  Partial<Pick<ModelInfo, TaskFacts>>;

/**
 * Builds a `ModelInfo` (no schema, so no zod), deriving `path` and, unless given, the endpoint's cap, typical
 * run and delivery-URL lifetime (BFL's for a known id, else 24 tasks, 10 s and 10 minutes).
 * @example defineModelInfo({ id: "flux-dev", family: "flux-dev", … }).path // "/v1/flux-dev"
 */
/* @__NO_SIDE_EFFECTS__ */
export function defineModelInfo<const Id extends string>(info: InfoFields<Id>): ModelInfo<Id> {
  const tasks = endpointTasks(info.id) ?? DEFAULT_TASKS;
  return {
    maxConcurrent: tasks.maxConcurrent,
    typicalDurationMs: tasks.typicalDurationMs,
    deliveryLifetimeMs: tasks.deliveryLifetimeMs,
    ...info,
    path: `/v1/${info.id}`,
  };
}

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

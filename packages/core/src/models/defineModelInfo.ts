import { DEFAULT_TASKS, endpointTasks } from "../bfl/endpoints";
import type { ModelInfo } from "./types";

type TaskFacts = "maxConcurrent" | "typicalDurationMs" | "deliveryLifetimeMs";

/** What a model's author writes: its info without what is derived (`path`, and BFL's task facts by default). */
export type InfoFields<Id extends string> = Omit<ModelInfo<Id>, "path" | TaskFacts> &
  Partial<Pick<ModelInfo, TaskFacts>>;

/**
 * Builds a `ModelInfo` (no schema), deriving `path` and, unless given, the endpoint's cap, typical
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

/** What BFL's queue allows and how long a task typically runs, for one endpoint. */
export interface EndpointTasks {
  /** BFL's cap on active tasks per API key (24; 6 for `flux-kontext-max`, docs/bfl-api.md §5.4 and §6). */
  readonly maxConcurrent: number;
  /** Typical time from submit to `Ready`, in ms: the polling policy's prior before it has measurements. */
  readonly typicalDurationMs: number;
}

const tasks = (maxConcurrent: number, typicalDurationMs: number): EndpointTasks => ({
  maxConcurrent,
  typicalDurationMs,
});

/**
 * Task facts of every endpoint flux-kit knows, by model id. The model definitions take theirs from here, and
 * the client reads it for a model id it has no definition for, so a bundle that imports no model still keeps
 * BFL's caps and polls on the right schedule.
 */
export const ENDPOINT_TASKS = {
  "flux-2-pro": tasks(24, 8000),
  "flux-2-pro-preview": tasks(24, 8000),
  "flux-2-max": tasks(24, 15000),
  "flux-2-flex": tasks(24, 20000),
  "flux-2-klein-4b": tasks(24, 1500),
  "flux-2-klein-9b": tasks(24, 2500),
  "flux-2-klein-9b-preview": tasks(24, 2500),
  "flux-kontext-pro": tasks(24, 7000),
  "flux-kontext-max": tasks(6, 10000),
  "flux-pro-1.1": tasks(24, 5000),
  "flux-pro-1.1-ultra": tasks(24, 10000),
  "flux-pro-1.0-fill": tasks(24, 12000),
  "flux-pro-1.0-expand": tasks(24, 12000),
  "flux-dev": tasks(24, 6000),
} as const satisfies Record<string, EndpointTasks>;

/** What the client assumes for an endpoint flux-kit does not know: BFL's usual cap, a 10-second run. */
export const DEFAULT_TASKS: EndpointTasks = { maxConcurrent: 24, typicalDurationMs: 10_000 };

/** A model id with an entry in `ENDPOINT_TASKS`. */
export type EndpointId = keyof typeof ENDPOINT_TASKS;

/** The task facts of `id`, or `undefined` for an id flux-kit does not know (own keys only). */
export function endpointTasks(id: string): EndpointTasks | undefined {
  return Object.hasOwn(ENDPOINT_TASKS, id) ? ENDPOINT_TASKS[id as EndpointId] : undefined;
}

/** What BFL's queue allows, how long a task typically runs, and how long its result URL lives, for one endpoint. */
export interface EndpointTasks {
  /** BFL's cap on active tasks per API key (24; 6 for `flux-kontext-max`, docs/bfl-api.md §5.4 and §6). */
  readonly maxConcurrent: number;
  /** Typical time from submit to `Ready`, in ms: the polling policy's prior before it has measurements. */
  readonly typicalDurationMs: number;
  /** Lifetime of a `result.sample` URL that carries no `se=` expiry, in ms. */
  readonly deliveryLifetimeMs: number;
}

/** 10 minutes: the FLUX.1 / FLUX.2 docs' "only valid for 10 minutes" (docs/bfl-api.md §8). */
export const TEN_MINUTES_MS = 10 * 60 * 1000;
/** 1 hour: FLUX 3 Image's "expires after 1 hour" (docs/bfl-api.md, 2026 addendum §2.4). */
export const ONE_HOUR_MS = 60 * 60 * 1000;

const tasks = (
  typicalDurationMs: number,
  maxConcurrent = 24,
  deliveryLifetimeMs = TEN_MINUTES_MS,
): EndpointTasks => ({ maxConcurrent, typicalDurationMs, deliveryLifetimeMs });

/**
 * Task facts of every endpoint flux-kit knows, by model id. The model definitions take theirs from here, and
 * the client reads it for a model id it has no definition for, so a bundle that imports no model still keeps
 * BFL's caps and polls on the right schedule.
 *
 * Typical durations are the live wall times of the 2026-09 battery (submit to downloaded result, polling every
 * 2 s; docs/bfl-api.md, 2026 addendum §11), rounded, and FLUX 3 Image's ~90 s median (§2.5: 50–150 s runs,
 * P50 44 s / P90 111 s through OpenRouter). The cap of the endpoints BFL does not document is the usual 24.
 */
export const ENDPOINT_TASKS = {
  "flux-3-image": tasks(90_000, 24, ONE_HOUR_MS),
  "flux-2-pro": tasks(12_000),
  "flux-2-pro-preview": tasks(12_000),
  "flux-2-max": tasks(38_000),
  "flux-2-flex": tasks(8_000),
  "flux-2-klein-4b": tasks(2_500),
  "flux-2-klein-9b": tasks(3_500),
  "flux-2-klein-9b-preview": tasks(3_500),
  "flux-kontext-pro": tasks(7_500),
  "flux-kontext-max": tasks(7_500, 6),
  "flux-pro-1.1": tasks(2_500),
  "flux-pro-1.1-ultra": tasks(12_000),
  "flux-pro-1.0-fill": tasks(4_500),
  "flux-pro-1.0-expand": tasks(10_000),
  "flux-dev": tasks(5_000),
  "flux-tools/erase-v1": tasks(2_500),
  "flux-tools/outpainting-v1": tasks(4_000),
  "flux-tools/vto-v1": tasks(6_000),
  "flux-tools/vto-v2": tasks(6_000),
  "flux-tools/deblur-v1": tasks(2_500),
} as const satisfies Record<string, EndpointTasks>;

/** What the client assumes for an endpoint flux-kit does not know: BFL's usual cap, a 10-second run. */
export const DEFAULT_TASKS: EndpointTasks = {
  maxConcurrent: 24,
  typicalDurationMs: 10_000,
  deliveryLifetimeMs: TEN_MINUTES_MS,
};

/** A model id with an entry in `ENDPOINT_TASKS`. */
export type EndpointId = keyof typeof ENDPOINT_TASKS;

/** The task facts of `id`, or `undefined` for an id flux-kit does not know (own keys only). */
export function endpointTasks(id: string): EndpointTasks | undefined {
  return Object.hasOwn(ENDPOINT_TASKS, id) ? ENDPOINT_TASKS[id as EndpointId] : undefined;
}

/**
 * Statuses a BFL task can report: the eight of the live `StatusResponse` enum (docs/bfl-api.md, 2026 addendum §8.1, with
 * FLUX 3's in-flight `Reasoning` and `Generating`), plus `"Failed"`, which BFL's own docs treat as a failure alias.
 */
export const KNOWN_STATUSES = [
  "Task not found",
  "Pending",
  "Reasoning",
  "Generating",
  "Request Moderated",
  "Content Moderated",
  "Ready",
  "Error",
  "Failed",
] as const;

export type KnownTaskStatus = (typeof KNOWN_STATUSES)[number];

/** A task status: a known one, or any other string (treated as still pending, e.g. `"Processing"`). */
export type TaskStatus = KnownTaskStatus | (string & {});

/** What a status means for a waiting client. Only `"pending"` is non-terminal. */
export type StatusOutcome =
  "pending" | "ready" | "failed" | "request_moderated" | "content_moderated" | "not_found";

// Maps, not object literals: a status such as "constructor" must not find `Object.prototype`'s members.
const OUTCOMES = /* @__PURE__ */ new Map<string, StatusOutcome>([
  ["task not found", "not_found"],
  ["pending", "pending"],
  ["reasoning", "pending"],
  ["generating", "pending"],
  ["request moderated", "request_moderated"],
  ["content moderated", "content_moderated"],
  ["ready", "ready"],
  ["error", "failed"],
  ["failed", "failed"],
]);

/**
 * Classifies a status, ignoring case and surrounding whitespace; `Pending`, `Reasoning`, `Generating` and unknown
 * statuses are `"pending"`.
 * @example statusOutcome("Content Moderated") // "content_moderated"
 */
export function statusOutcome(status: string): StatusOutcome {
  return OUTCOMES.get(status.trim().toLowerCase()) ?? "pending";
}

/**
 * Whether polling should stop at this status: every known status but the in-flight ones (`Pending`, `Reasoning`,
 * `Generating`) is terminal; unknown ones are not.
 * @example isTerminalStatus("Request Moderated") // true
 */
export function isTerminalStatus(status: string): boolean {
  return statusOutcome(status) !== "pending";
}

/**
 * Where an in-flight task stands, for a UI to name: `"pending"` (BFL has it but names no stage: queued, or running
 * on a model that reports no stages, as every model before FLUX 3 does), then FLUX 3's `"reasoning"` (it plans
 * the image and expands the prompt) and `"generating"` (it renders). docs/bfl-api.md, 2026 addendum §2.4.
 */
export type TaskStage = "pending" | "reasoning" | "generating";

const STAGES: readonly string[] = ["pending", "reasoning", "generating"] satisfies TaskStage[];

/**
 * The stage an in-flight status names, matched like `statusOutcome` (case and surrounding whitespace ignored);
 * `undefined` for a terminal status and for an in-flight status BFL has not documented (no stage is guessed).
 * @example taskStage(" GENERATING ") // "generating"
 * @example taskStage("Ready") // undefined
 */
export function taskStage(status: string): TaskStage | undefined {
  const stage = status.trim().toLowerCase();
  return STAGES.includes(stage) ? (stage as TaskStage) : undefined;
}

/**
 * Statuses a BFL task can report: the six of [OAS] `StatusResponse`, plus `"Failed"`, which BFL's own docs
 * treat as a failure alias.
 */
export const KNOWN_STATUSES = [
  "Task not found",
  "Pending",
  "Request Moderated",
  "Content Moderated",
  "Ready",
  "Error",
  "Failed",
] as const;

export type KnownTaskStatus = (typeof KNOWN_STATUSES)[number];

/** A task status: a known one, or any other string (treated as still pending, e.g. `"Generating"`). */
export type TaskStatus = KnownTaskStatus | (string & {});

/** What a status means for a waiting client. Only `"pending"` is non-terminal. */
export type StatusOutcome =
  "pending" | "ready" | "failed" | "request_moderated" | "content_moderated" | "not_found";

const OUTCOMES: Record<string, StatusOutcome> = {
  "task not found": "not_found",
  pending: "pending",
  "request moderated": "request_moderated",
  "content moderated": "content_moderated",
  ready: "ready",
  error: "failed",
  failed: "failed",
};

/**
 * Classifies a status, case-insensitively; unknown statuses (`"Reasoning"`, `"Generating"`…) are `"pending"`.
 * @example statusOutcome("Content Moderated") // "content_moderated"
 */
export function statusOutcome(status: string): StatusOutcome {
  return OUTCOMES[status.trim().toLowerCase()] ?? "pending";
}

/**
 * Whether polling should stop at this status: every known status but `Pending` is terminal; unknown ones are not.
 * @example isTerminalStatus("Request Moderated") // true
 */
export function isTerminalStatus(status: string): boolean {
  return statusOutcome(status) !== "pending";
}

import {
  FluxAbortError,
  FluxExpiredError,
  FluxModerationError,
  FluxTimeoutError,
  type FluxError,
} from "../errors/FluxError";
import type { FluxTaskSnapshot } from "../client/types";

/**
 * Where a generation stands, as hooks and UIs show it:
 * `idle → submitting → pending → ready | failed | moderated | cancelled | timed-out | expired`.
 * `cancelled` means "we stopped watching": BFL has no cancel endpoint, so the task may still finish and be billed.
 */
export type FluxGenerationStatus =
  | "idle"
  | "submitting"
  | "pending"
  | "ready"
  | "failed"
  | "moderated"
  | "cancelled"
  | "timed-out"
  | "expired";

/** Every status, in lifecycle order. */
export const GENERATION_STATUSES: readonly FluxGenerationStatus[] = [
  "idle",
  "submitting",
  "pending",
  "ready",
  "failed",
  "moderated",
  "cancelled",
  "timed-out",
  "expired",
];

/** Whether the generation is in flight (a submit or a watch is running). */
export function isActiveStatus(status: FluxGenerationStatus): boolean {
  return status === "submitting" || status === "pending";
}

/** Whether the generation has ended (successfully or not); `idle` is neither active nor settled. */
export function isSettledStatus(status: FluxGenerationStatus): boolean {
  return status !== "idle" && !isActiveStatus(status);
}

/**
 * The status a failure means: moderation → `moderated`, a wait deadline → `timed-out`, an expired delivery URL →
 * `expired`, an abort → `cancelled`, anything else (validation, auth, credits, rate limit, generation error,
 * task not found, network, an uncertain submit) → `failed`.
 */
export function statusOfError(error: FluxError): FluxGenerationStatus {
  if (error instanceof FluxModerationError) return "moderated";
  if (error instanceof FluxTimeoutError && error.phase === "wait") return "timed-out";
  if (error instanceof FluxExpiredError) return "expired";
  if (error instanceof FluxAbortError) return "cancelled";
  return "failed";
}

/** The status a poll's snapshot means: `ready`, the failure's status, or `pending` while BFL is working. */
export function statusOfSnapshot(snapshot: FluxTaskSnapshot): FluxGenerationStatus {
  if (snapshot.result) return "ready";
  if (snapshot.error) return statusOfError(snapshot.error);
  return snapshot.terminal ? "failed" : "pending";
}

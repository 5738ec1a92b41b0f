import type { Fault } from "./faults";
import type { MockContext } from "./MockContext";
import type { PendingLogEntry } from "./RequestLog";
import { json, type MockOutcome } from "./responses";

/** What a request's faults decide: its outcome (dropped, or answered for), or to serve it with after-effects. */
export type FaultEffect =
  MockOutcome | { readonly kind: "serve"; readonly malformedJson: boolean; readonly resetAfter: boolean };

/**
 * Applies one request's faults in order: latency waits on the mock's clock, a reset before processing drops the
 * request, a status fault answers instead of the route; a reset `"after"` and malformed JSON act once the route
 * has answered. Each fault is noted in the request's log entry.
 */
export async function applyFaults(
  ctx: MockContext,
  faults: readonly Fault[],
  signal: AbortSignal,
  entry: PendingLogEntry,
): Promise<FaultEffect> {
  let malformedJson = false;
  let resetAfter = false;
  for (const fault of faults) {
    entry.fault = fault.kind;
    if (fault.kind === "latency") await ctx.timers.sleep(fault.ms, signal);
    else if (fault.kind === "reset" && fault.when !== "after") return { kind: "reset" };
    else if (fault.kind === "reset") resetAfter = true;
    else if (fault.kind === "malformed-json") malformedJson = true;
    else {
      entry.status = fault.status;
      const message = fault.status === 503 ? "Service Unavailable" : "Internal Server Error";
      return { kind: "response", response: json(fault.status, fault.body ?? { detail: message }) };
    }
  }
  return { kind: "serve", malformedJson, resetAfter };
}

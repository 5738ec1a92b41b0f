import type { EngineContext } from "./context";
import { runOnce, WorkFailedError } from "../store/runOnce";

/** How long an `onResult` run holds its claim: another instance runs the hook again only after this. */
const RESULT_LEASE_MS = 5 * 60_000;
/**
 * How long a task's `onResult` outcome is kept: longer than its binding (3 h), so that no replayed delivery
 * or late poll runs the hook again.
 */
const RESULT_TTL_MS = 24 * 60 * 60_000;

/** What `runOnResult` did: the replacement `sample` it put in place, if any, and whether the hook failed. */
export interface ResultHookOutcome {
  /** The hook threw (reported): it runs again on the next poll or delivery. */
  readonly failed: boolean;
  /** `result.sample` now points at the app's own copy. */
  readonly replaced: boolean;
}

const NOTHING: ResultHookOutcome = { failed: false, replaced: false };

/**
 * `onResult`, once per task across every instance sharing the store, whether a poll or a webhook delivery saw
 * the task `Ready` first (concurrent callers share one run; callers on other instances wait for its stored
 * outcome). Puts a replacement `sample` into `result`. A hook that throws is reported and runs again next
 * time; a store that fails rejects.
 */
export async function runOnResult(
  ctx: EngineContext,
  route: "poll" | "webhook" | "submit",
  taskId: string,
  result: Record<string, unknown>,
  clientId: string,
): Promise<ResultHookOutcome> {
  const onResult = ctx.config.options.onResult;
  if (!onResult) return NOTHING;
  const sample = typeof result.sample === "string" ? result.sample : undefined;
  const reportStore = (error: unknown) => ctx.reportError({ error, kind: "store", route, taskId });
  let replacement: string;
  try {
    ({ value: replacement } = await runOnce(
      ctx.store,
      ctx.inflight,
      `result:${taskId}`,
      { leaseMs: RESULT_LEASE_MS, ttlMs: RESULT_TTL_MS },
      async () => {
        try {
          const replaced = await onResult({ taskId, result: { ...result }, sample, clientId });
          // "" stands for "no replacement": a sample URL is never empty
          return replaced && typeof replaced.sample === "string" ? replaced.sample : "";
        } catch (error) {
          ctx.reportError({ error, kind: "hook", route, taskId });
          throw error;
        }
      },
      reportStore,
    ));
  } catch (error) {
    if (error instanceof WorkFailedError) return { failed: true, replaced: false };
    throw error;
  }
  if (replacement === "") return NOTHING;
  result.sample = replacement;
  return { failed: false, replaced: true };
}

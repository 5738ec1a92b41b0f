import type { ProxyStore } from "./ProxyStore";

/** What `runOnce` did: ran `work` here (`ran`), or took the value another run stored. */
export interface OnceOutcome {
  readonly value: string;
  readonly ran: boolean;
}

export interface OnceTimes {
  /** How long a claim holds while its work runs; a holder that died frees the key after it. */
  readonly leaseMs: number;
  /** How long the stored value is kept. */
  readonly ttlMs: number;
}

/** What a `runOnce` call rejects with when the work itself threw (any other rejection is the store's). */
export class WorkFailedError extends Error {
  constructor(cause: unknown) {
    super("The work of a runOnce call failed.", { cause });
    this.name = "WorkFailedError";
  }
}

/** The first wait between two looks at another instance's claim, then doubled up to `MAX_WAIT_MS`. */
const FIRST_WAIT_MS = 20;
const MAX_WAIT_MS = 500;

/**
 * Runs `work` once for `key` across every instance sharing `store`: the one that claims the key runs it (renewing
 * its claim while it runs, when the store can) and stores its value; the others wait for that value (calls in this process share one promise, other
 * instances' claims are looked at until they settle). Work that throws gives its claim up, so the next call
 * runs it again; its error, as a `WorkFailedError`, goes to the callers waiting on this run. A store that fails before the work ran
 * rejects; one that fails to keep the value after it is `report`ed (the value still answers).
 */
export function runOnce(
  store: ProxyStore,
  inflight: Map<string, Promise<OnceOutcome>>,
  key: string,
  times: OnceTimes,
  work: () => Promise<string>,
  report: (error: unknown) => void,
): Promise<OnceOutcome> {
  const local = inflight.get(key);
  if (local) return local.then((outcome) => ({ value: outcome.value, ran: false }));
  const run = claimAndRun(store, key, times, work, report);
  inflight.set(key, run);
  const forget = () => {
    if (inflight.get(key) === run) inflight.delete(key);
  };
  run.then(forget, forget);
  return run;
}

async function claimAndRun(
  store: ProxyStore,
  key: string,
  times: OnceTimes,
  work: () => Promise<string>,
  report: (error: unknown) => void,
): Promise<OnceOutcome> {
  for (;;) {
    const token = globalThis.crypto.randomUUID();
    const holder = await store.claim(key, token, times.leaseMs);
    if (holder === undefined) {
      let value: string;
      // work slower than its lease keeps the claim: renewed at half the lease, so no other instance runs it too
      const renewal = store.renew
        ? setInterval(
            () => void store.renew!(key, token, times.leaseMs).catch(report),
            Math.max(1, times.leaseMs / 2),
          )
        : undefined;
      (renewal as { unref?: () => void } | undefined)?.unref?.();
      try {
        value = await work();
      } catch (error) {
        await store.abandon(key, token).catch(() => undefined);
        throw new WorkFailedError(error);
      } finally {
        clearInterval(renewal);
      }
      // the work is done: a store that cannot keep its value is reported, and the value still answers
      await store.settle(key, token, value, times.ttlMs).catch(report);
      return { value, ran: true };
    }
    if (holder.state === "done") return { value: holder.value, ran: false };
    const settled = await waitForSettle(store, key);
    if (settled !== undefined) return { value: settled, ran: false };
    // the holder gave up or its lease ran out: claim again
  }
}

/** How long a call waits on another run's claim before it gives up (its caller answers 503, and is asked again). */
export const MAX_SETTLE_WAIT_MS = 20_000;

/**
 * Looks at another instance's pending claim until it settles (its value) or goes away (`undefined`); rejects
 * after `MAX_SETTLE_WAIT_MS`, so no request is held open for a whole lease (a serverless limit would end it first).
 */
async function waitForSettle(store: ProxyStore, key: string): Promise<string | undefined> {
  let waited = 0;
  for (let wait = FIRST_WAIT_MS; ; wait = Math.min(wait * 2, MAX_WAIT_MS)) {
    if (waited >= MAX_SETTLE_WAIT_MS)
      throw new Error(`Another run of ${key} has held its claim for ${MAX_SETTLE_WAIT_MS} ms.`);
    await new Promise((resolve) => setTimeout(resolve, wait));
    waited += wait;
    const claim = await store.peek(key);
    if (claim === undefined) return undefined;
    if (claim.state === "done") return claim.value;
  }
}

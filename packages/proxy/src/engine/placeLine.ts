import type { ProxyStore } from "../store/ProxyStore";

// Submits over the account's cap wait in line (`limits.queueWaitMs`) instead of being refused at once: each holds
// a ticket in the store's line for the counter, so places freed anywhere go to the oldest submits first, across
// every instance sharing the store. A freed place is announced on the store's `places` channel; every second the
// line is looked at again anyway (places that expired, a store without pub/sub) and each ticket renewed.

/** How often every waiter asks again, renewing its ticket; a ticket not renewed for `HOLD_MS` leaves the line. */
const TICK_MS = 1_000;
const HOLD_MS = 5_000;
const CHANNEL = "places";
/** Most submits waiting at once on one instance; past it a submit over the cap is refused at once. */
const MAX_WAITERS = 10_000;

/** The client left while its submit waited in line. */
export const LEFT: unique symbol = Symbol("left");

export interface LineRequest {
  readonly owner: string;
  readonly limit: number;
  readonly ttlMs: number;
  /** The ticket the submit's first ask put in line. */
  readonly ticket: string;
  /** When to give up, in ms since the epoch. */
  readonly deadline: number;
  /** Fires when the client leaves. */
  readonly signal: AbortSignal | undefined;
}

export interface PlaceLine {
  /** The ticket a submit asks with: its place in line, for `HOLD_MS` unless renewed. */
  ticket(): { readonly id: string; readonly holdMs: number };
  /**
   * Waits for the place `request.ticket` is in line for: its id, `undefined` when the deadline passed first, or
   * `LEFT` when the client left. Either way the ticket has left the line. Rejects when the store fails.
   */
  wait(request: LineRequest): Promise<string | undefined | typeof LEFT>;
  /** Says that places were freed (a task ended, a submit made none), to the waiters on every instance. */
  freed(): void;
  /** Submits waiting now, on this instance. */
  readonly waiting: number;
}

interface Waiter extends LineRequest {
  settle(outcome: string | undefined | typeof LEFT | Error): void;
  done: boolean;
}

export function createPlaceLine(store: ProxyStore, report: (error: unknown) => void): PlaceLine {
  /** This instance's waiters, in arrival order. */
  const waiters: Waiter[] = [];
  let ticker: ReturnType<typeof setInterval> | undefined;
  let unsubscribe: Promise<(() => void) | undefined> | undefined;
  let pumping: Promise<void> | undefined;
  let again: boolean | undefined;

  const leave = (waiter: Waiter) => {
    store.cancelSlot(waiter.owner, waiter.ticket).catch(report);
  };

  /** Asks for each waiter's place in order; without `renew`, stops at an owner's first refusal (those behind wait too). */
  const pump = (renew: boolean): Promise<void> => {
    if (pumping) {
      again = (again ?? false) || renew;
      return pumping;
    }
    pumping = (async () => {
      for (let all: boolean | undefined = renew; all !== undefined; all = again, again = undefined) {
        const full = new Set<string>();
        for (const waiter of [...waiters]) {
          if (waiter.done || (!all && full.has(waiter.owner))) continue;
          let slot: string | undefined;
          try {
            slot = await store.reserveSlot(waiter.owner, waiter.limit, waiter.ttlMs, {
              id: waiter.ticket,
              holdMs: HOLD_MS,
            });
          } catch (error) {
            waiter.settle(error instanceof Error ? error : new Error(String(error)));
            continue;
          }
          if (slot === undefined) full.add(waiter.owner);
          // a waiter that gave up while asking: the place it was given goes back
          else if (waiter.done) store.cancelSlot(waiter.owner, slot).catch(report);
          else waiter.settle(slot);
        }
      }
    })().finally(() => {
      pumping = undefined;
    });
    return pumping;
  };

  const listen = () => {
    ticker ??= setInterval(() => void pump(true), TICK_MS);
    (ticker as { unref?: () => void }).unref?.();
    if (!unsubscribe && store.subscribe) {
      unsubscribe = store
        .subscribe(CHANNEL, () => void pump(false))
        .catch((error: unknown) => {
          report(error);
          return undefined;
        });
    }
  };
  const quiet = () => {
    if (waiters.length > 0) return;
    clearInterval(ticker);
    ticker = undefined;
    void unsubscribe?.then((off) => off?.());
    unsubscribe = undefined;
  };

  return {
    ticket: () => ({ id: crypto.randomUUID(), holdMs: HOLD_MS }),
    wait(request) {
      if (waiters.length >= MAX_WAITERS) {
        store.cancelSlot(request.owner, request.ticket).catch(report);
        return Promise.resolve(undefined);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => waiter.settle(undefined), Math.max(0, request.deadline - Date.now()));
        const onAbort = () => waiter.settle(LEFT);
        const waiter: Waiter = {
          ...request,
          done: false,
          settle(outcome) {
            if (waiter.done) return;
            waiter.done = true;
            clearTimeout(timer);
            request.signal?.removeEventListener("abort", onAbort);
            waiters.splice(waiters.indexOf(waiter), 1);
            quiet();
            if (typeof outcome !== "string") leave(waiter);
            if (outcome instanceof Error) reject(outcome);
            else resolve(outcome);
          },
        };
        waiters.push(waiter);
        listen();
        if (request.signal?.aborted) onAbort();
        else request.signal?.addEventListener("abort", onAbort, { once: true });
      });
    },
    freed() {
      if (!store.publish) {
        if (waiters.length > 0) void pump(false);
        return;
      }
      store.publish(CHANNEL, "").catch((error: unknown) => {
        report(error);
        if (waiters.length > 0) void pump(false);
      });
    },
    get waiting() {
      return waiters.length;
    },
  };
}

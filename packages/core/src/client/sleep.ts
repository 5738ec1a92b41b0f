import { FluxAbortError } from "../errors/FluxError";

/** setTimeout's longest delay: past it (2^31 − 1 ms, 24.8 days), a timer fires at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Runs `fn` once after `ms` (at once if ≤ 0), however long: `Infinity` arms no timer, and a wait past
 * setTimeout's longest is made of shorter ones. Returns what clears it.
 * @example const clear = after(deadline - Date.now(), stop); … clear();
 */
export function after(ms: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // counted down by the steps taken, not by the clock: fake timers that leave `Date` alone still fire it
  const arm = (left: number) => {
    timer = setTimeout(
      () => (left > MAX_TIMEOUT_MS ? arm(left - MAX_TIMEOUT_MS) : fn()),
      Math.min(left, MAX_TIMEOUT_MS),
    );
  };
  if (ms !== Infinity) arm(ms);
  return () => clearTimeout(timer);
}

/** Resolves after `ms`, or rejects with `FluxAbortError` the moment `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimer();
      reject(abortReason(signal));
    };
    const clearTimer = after(ms, () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    });
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** The error to reject with when `signal` has aborted: the caller's own `FluxError` reason, else `FluxAbortError`. */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof FluxAbortError) return reason;
  if (reason instanceof Error && reason.name === "FluxTimeoutError") return reason;
  return new FluxAbortError(undefined, { cause: reason });
}

/**
 * Runs a caller's callback with `arg`. One that throws cannot break the call that runs it (a paid task dropped, a
 * result lost): its error is rethrown in a microtask, where the runtime reports it.
 */
export function call<A>(callback: ((arg: A) => void) | undefined, arg: A): void {
  try {
    callback?.(arg);
  } catch (error) {
    queueMicrotask(() => {
      throw error;
    });
  }
}

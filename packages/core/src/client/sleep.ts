import { FluxAbortError } from "../errors/FluxError";

/** Resolves after `ms`, or rejects with `FluxAbortError` the moment `signal` aborts; leaves no timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
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

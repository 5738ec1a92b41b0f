import type { Clock, TimerId } from "./clock";

/** The mock's own timers on its clock (task completions, injected latency), all ended by `cancelAll`. */
export class MockTimers {
  private readonly completions = new Set<TimerId>();
  private readonly sleepers = new Set<() => void>();

  constructor(private readonly clock: Clock) {}

  /** Runs `fn` when the clock reaches `time`. */
  at(time: number, fn: () => void): void {
    const id = this.clock.setTimeout(() => {
      this.completions.delete(id);
      fn();
    }, time - this.clock.now());
    this.completions.add(id);
  }

  /** Waits `ms` of clock time; rejects with an `AbortError` when `signal` aborts; `cancelAll` ends it early. */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const cleanup = () => {
        this.sleepers.delete(wake);
        this.clock.clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      };
      const wake = () => {
        cleanup();
        resolve();
      };
      const onAbort = () => {
        cleanup();
        reject(abortError());
      };
      const timer = this.clock.setTimeout(wake, ms);
      this.sleepers.add(wake);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }

  /** Clears pending completions and wakes every sleeper. */
  cancelAll(): void {
    for (const id of this.completions) this.clock.clearTimeout(id);
    this.completions.clear();
    for (const wake of [...this.sleepers]) wake();
  }
}

/** What `fetch` rejects with when its signal aborts. */
export function abortError(): Error {
  return new DOMException("This operation was aborted", "AbortError");
}

/** Named timers that are (re)armed idempotently and cleared together: the controller's only clock. */
export interface Timers {
  /** Runs `fn` once at epoch time `at` (now if past); `undefined` clears. Re-setting the same `at` is a no-op. */
  set(name: string, at: number | undefined, fn: () => void): void;
  /** Runs `fn` every `ms`; `undefined` clears. Re-setting the same `ms` is a no-op. */
  every(name: string, ms: number | undefined, fn: () => void): void;
  clearAll(): void;
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

export function createTimers(): Timers {
  const active = new Map<string, { key: string; id: ReturnType<typeof setTimeout>; repeat: boolean }>();
  const clear = (name: string) => {
    const timer = active.get(name);
    if (!timer) return;
    if (timer.repeat) clearInterval(timer.id);
    else clearTimeout(timer.id);
    active.delete(name);
  };
  return {
    set(name, at, fn) {
      const key = `at:${String(at)}`;
      if (active.get(name)?.key === key) return;
      clear(name);
      if (at === undefined) return;
      const arm = () => {
        // setTimeout fires at once past 2^31 − 1 ms (24.8 days): wait in steps of at most that
        const wait = Math.min(Math.max(0, at - Date.now()), MAX_TIMEOUT_MS);
        const id = setTimeout(() => {
          if (Date.now() < at) return arm();
          active.delete(name);
          fn();
        }, wait);
        active.set(name, { key, id, repeat: false });
      };
      arm();
    },
    every(name, ms, fn) {
      const key = `every:${String(ms)}`;
      if (active.get(name)?.key === key) return;
      clear(name);
      if (ms === undefined) return;
      active.set(name, { key, id: setInterval(fn, ms), repeat: true });
    },
    clearAll() {
      for (const name of [...active.keys()]) clear(name);
    },
  };
}

import { after } from "../client/sleep";

/** Named timers that are (re)armed idempotently and cleared together: the controller's only clock. */
export interface Timers {
  /** Runs `fn` once at epoch time `at` (now if past); `undefined` clears. Re-setting the same `at` is a no-op. */
  set(name: string, at: number | undefined, fn: () => void): void;
  /** Runs `fn` every `ms`; `undefined` clears. Re-setting the same `ms` is a no-op. */
  every(name: string, ms: number | undefined, fn: () => void): void;
  clearAll(): void;
}

export function createTimers(): Timers {
  const active = new Map<string, { key: string; clear: () => void }>();
  const clear = (name: string) => {
    active.get(name)?.clear();
    active.delete(name);
  };
  return {
    set(name, at, fn) {
      const key = `at:${String(at)}`;
      if (active.get(name)?.key === key) return;
      clear(name);
      if (at === undefined) return;
      const cancel = after(at - Date.now(), () => {
        active.delete(name);
        fn();
      });
      active.set(name, { key, clear: cancel });
    },
    every(name, ms, fn) {
      const key = `every:${String(ms)}`;
      if (active.get(name)?.key === key) return;
      clear(name);
      if (ms === undefined) return;
      const id = setInterval(fn, ms);
      active.set(name, { key, clear: () => clearInterval(id) });
    },
    clearAll() {
      for (const name of [...active.keys()]) clear(name);
    },
  };
}

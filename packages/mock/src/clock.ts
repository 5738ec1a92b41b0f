/** A timer the mock scheduled (webhook retries, added latency, task completion). */
export type TimerId = number;

/**
 * The mock's sense of time. `real` follows `Date.now()`; `manual` only moves when `advance(ms)` is called,
 * firing due timers in order, so lifecycle, expiry and webhook tests are deterministic.
 */
export interface Clock {
  readonly kind: "real" | "manual";
  /** Milliseconds since the epoch, as the mock sees it. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  clearTimeout(id: TimerId): void;
  /** Moves a manual clock forward, running every timer that falls due (throws on a real clock). */
  advance(ms: number): Promise<void>;
  /** Cancels every pending timer. */
  clearAll(): void;
  /** How many timers are pending (for tests). */
  readonly pendingTimers: number;
}

export function createRealClock(): Clock {
  const timers = new Map<TimerId, ReturnType<typeof setTimeout>>();
  let nextId = 1;
  return {
    kind: "real",
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = nextId++;
      const handle = setTimeout(() => {
        timers.delete(id);
        fn();
      }, ms);
      // Never keep a Node process alive just for a mock timer.
      (handle as { unref?: () => void }).unref?.();
      timers.set(id, handle);
      return id;
    },
    clearTimeout(id) {
      const handle = timers.get(id);
      if (handle !== undefined) clearTimeout(handle);
      timers.delete(id);
    },
    advance() {
      return Promise.reject(
        new Error('advance(ms) needs a manual clock: createMockBfl({ clock: "manual" }).'),
      );
    },
    clearAll() {
      for (const handle of timers.values()) clearTimeout(handle);
      timers.clear();
    },
    get pendingTimers() {
      return timers.size;
    },
  };
}

interface ManualTimer {
  readonly id: TimerId;
  readonly at: number;
  readonly fn: () => void;
}

export function createManualClock(startTime: number): Clock {
  let current = startTime;
  let nextId = 1;
  let timers: ManualTimer[] = [];
  // Flush microtasks (not timers, so this also works under fake timers) to let in-flight work continue.
  const settle = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    kind: "manual",
    now: () => current,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.push({ id, at: current + Math.max(0, ms), fn });
      return id;
    },
    clearTimeout(id) {
      timers = timers.filter((t) => t.id !== id);
    },
    async advance(ms) {
      const target = current + Math.max(0, ms);
      // Let work already in flight (e.g. a webhook fetch) schedule its follow-up before time moves.
      await settle();
      for (;;) {
        const due = timers.filter((t) => t.at <= target).sort((x, y) => x.at - y.at || x.id - y.id)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        current = Math.max(current, due.at);
        due.fn();
        await settle();
      }
      current = target;
    },
    clearAll() {
      timers = [];
    },
    get pendingTimers() {
      return timers.length;
    },
  };
}

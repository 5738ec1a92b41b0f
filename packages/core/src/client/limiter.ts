import { abortReason, after } from "./sleep";

/** A slot for one active task; `release()` is idempotent. */
export interface Lease {
  release(): void;
  /** Whether the slot is still held (not released, not lapsed). */
  readonly held: boolean;
  /**
   * Keeps a held slot until at least `until` (epoch ms), e.g. for a `wait()` given a longer timeout than the
   * lease's own. A released or lapsed slot stays free: it may already be someone else's.
   */
  extend(until: number): void;
}

export interface LimiterOptions {
  /** Active tasks allowed at once across all models (BFL: 24 per key). `Infinity` disables the cap. */
  readonly maxConcurrent: number;
  /** Per-model cap (BFL: 6 for `flux-kontext-max`); the global cap also applies. */
  readonly modelCap: (model: string) => number;
}

/**
 * Counts *active tasks* (submit → terminal status), not requests. FIFO per model: a waiter is never overtaken by a
 * later waiter for the same model, while a model at its own cap does not block other models. `pause(ms)` holds
 * every grant (after a 429). Waiters are abortable; no timer is left once the queue is empty.
 */
export class ConcurrencyLimiter {
  readonly #options: LimiterOptions;
  readonly #queue: Array<{ model: string; ttlMs: number; grant: (lease: Lease) => void }> = [];
  readonly #perModel = new Map<string, number>();
  /** Live leases and when each lapses by itself (a task nobody watched to its end). */
  readonly #leases = new Map<object, { readonly model: string; expiresAt: number }>();
  #pausedUntil = 0;
  /** Clears the wake-up armed for the queue, if one is. */
  #timer: (() => void) | undefined;

  constructor(options: LimiterOptions) {
    this.#options = options;
  }

  /** Tasks holding a slot now. */
  get active(): number {
    this.#reap(Date.now());
    return this.#leases.size;
  }

  /** Callers waiting for a slot. */
  get queued(): number {
    return this.#queue.length;
  }

  activeFor(model: string): number {
    this.#reap(Date.now());
    return this.#perModel.get(model) ?? 0;
  }

  /**
   * Waits for a slot for `model`. Rejects with `FluxAbortError` if `signal` aborts while queued. The slot lapses
   * by itself after `ttlMs` (a task nobody watches to its end must not hold a slot for ever); lapsing needs no
   * timer of its own: it is noticed whenever the limiter next looks, and a waiter's timer covers it.
   */
  acquire(model: string, signal?: AbortSignal, ttlMs = Infinity): Promise<Lease> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Lease>((resolve, reject) => {
      const entry = {
        model,
        ttlMs,
        grant: (lease: Lease) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(lease);
        },
      };
      const onAbort = () => {
        const index = this.#queue.indexOf(entry);
        if (index !== -1) this.#queue.splice(index, 1);
        if (this.#queue.length === 0) this.#clearTimer();
        reject(abortReason(signal));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(entry);
      this.#drain();
    });
  }

  /** Holds all grants for `ms` (e.g. BFL's `Retry-After`); active tasks are unaffected. */
  pause(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + Math.max(0, ms));
    this.#clearTimer();
    this.#drain();
  }

  #drain(): void {
    const now = Date.now();
    this.#reap(now);
    if (this.#pausedUntil > now) {
      this.#wake(this.#pausedUntil - now);
      return;
    }
    const blocked = new Set<string>();
    for (let i = 0; i < this.#queue.length && this.#leases.size < this.#options.maxConcurrent;) {
      const entry = this.#queue[i]!;
      const used = this.#perModel.get(entry.model) ?? 0;
      if (blocked.has(entry.model) || used >= this.#options.modelCap(entry.model)) {
        blocked.add(entry.model); // keep FIFO within the model
        i++;
        continue;
      }
      this.#queue.splice(i, 1);
      entry.grant(this.#take(entry.model, now + entry.ttlMs));
    }
    // Nobody waits: no timer may stay behind. Someone waits: wake when the earliest lease lapses, if ever.
    if (this.#queue.length === 0) this.#clearTimer();
    else {
      let earliest = Infinity;
      for (const lease of this.#leases.values()) earliest = Math.min(earliest, lease.expiresAt);
      if (Number.isFinite(earliest)) this.#wake(earliest - now);
    }
  }

  #wake(ms: number): void {
    if (this.#queue.length === 0 || this.#timer !== undefined) return;
    this.#timer = after(ms, () => {
      this.#timer = undefined;
      this.#drain();
    });
  }

  #reap(now: number): void {
    for (const [key, lease] of this.#leases) if (lease.expiresAt <= now) this.#free(key);
  }

  #take(model: string, expiresAt: number): Lease {
    const key = {};
    this.#leases.set(key, { model, expiresAt });
    this.#perModel.set(model, (this.#perModel.get(model) ?? 0) + 1);
    const leases = this.#leases;
    return {
      release: () => {
        if (this.#free(key)) this.#drain();
      },
      get held() {
        const lease = leases.get(key);
        return lease !== undefined && lease.expiresAt > Date.now();
      },
      extend: (until) => {
        const lease = leases.get(key);
        if (lease === undefined || lease.expiresAt <= Date.now() || until <= lease.expiresAt) return;
        lease.expiresAt = until;
        // a waiter's wake-up was set for the old lapse; it re-plans when it fires, so nothing is granted early
      },
    };
  }

  #free(key: object): boolean {
    const lease = this.#leases.get(key);
    if (!lease) return false;
    this.#leases.delete(key);
    const left = (this.#perModel.get(lease.model) ?? 1) - 1;
    if (left > 0) this.#perModel.set(lease.model, left);
    else this.#perModel.delete(lease.model);
    return true;
  }

  #clearTimer(): void {
    this.#timer?.();
    this.#timer = undefined;
  }
}

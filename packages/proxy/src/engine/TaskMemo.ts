/**
 * A bounded map of recent task ids to values, each forgotten after `ttlMs`; the oldest go first when full.
 * Makes hooks idempotent per task without growing forever.
 */
export class TaskMemo<V> {
  readonly #entries = new Map<string, { expiresAt: number; value: V }>();
  readonly #max: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(max: number, ttlMs: number, now: () => number = Date.now) {
    this.#max = max;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt > this.#now()) return entry.value;
    this.#entries.delete(key);
    return undefined;
  }

  /** Remembers `value` for `ttlMs` (the memo's own TTL unless given). */
  set(key: string, value: V, ttlMs = this.#ttlMs): void {
    this.#entries.delete(key);
    this.#entries.set(key, { expiresAt: this.#now() + ttlMs, value });
    if (this.#entries.size > this.#max) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }
}

/** Who submitted a task, and the upstream host that answers for it: only that host's answers end it. */
export interface TaskBinding {
  readonly client: string;
  readonly origin: string;
}

/** A place `reserveSlot` gave: the counter it is in, and its id. */
export interface Place {
  readonly owner: string;
  readonly slot: string;
}

/**
 * A submit waiting in line for one of an owner's places (the account's, when it is at its cap): its id, and how
 * long the line keeps it without hearing from it again, in ms.
 */
export interface LineTicket {
  readonly id: string;
  readonly holdMs: number;
}

/** A claim someone holds on a key: still running (`pending`), or finished with the value it stored (`done`). */
export type ClaimState = { readonly state: "pending" } | { readonly state: "done"; readonly value: string };

/**
 * Where the proxy keeps what must hold across requests and instances: each client's (and optionally the
 * account's) active tasks, which client
 * submitted a task, and "exactly once" claims (`onResult` per task, webhook de-duplication). Every method is
 * atomic on its own (no read-modify-write across calls) and may reject when the backing service is unreachable;
 * the proxy then answers 503 for what it cannot check (limits fail closed) and never crashes.
 *
 * The in-memory store (`createMemoryStore()`, the default) serves one process; `createRedisStore()` from
 * `@flux-kit/proxy/redis` serves many. To back it with another engine, implement these nine methods (and the
 * optional ones: `publish`/`subscribe` for long polls and the account's line across instances, `renew` for work
 * slower than its lease, and `reserveSlot`'s ticket for the line's arrival order) and run the package's behaviour
 * suite against it (see the README). Times are milliseconds.
 *
 * @example
 * const proxy = createFluxProxy({ allowAnonymous: true, store: createRedisStore({ url: process.env.REDIS_URL }) });
 */
export interface ProxyStore {
  /**
   * Takes one of `owner`'s `limit` places for `ttlMs`, and returns its id; `undefined` when `owner` already
   * holds `limit` places that have not expired. An owner is a counter the proxy names: a client
   * (`client:{id}`), the account (`account`) or one model on the account (`account:{model}`).
   *
   * With a `ticket`, places go in arrival order. A full owner puts the ticket in its line (or renews it there, for
   * `holdMs`); a later call with the same ticket gets a place once fewer live tickets are ahead of it than places
   * are free, and leaves the line. A call without a ticket never passes anyone in line. A store that ignores
   * tickets still works: the proxy retries, and places go to whoever asks first.
   */
  reserveSlot(owner: string, limit: number, ttlMs: number, ticket?: LineTicket): Promise<string | undefined>;
  /**
   * Frees a place `reserveSlot` gave (the submit made no task), or takes a `ticket` out of line (its submit gave
   * up). Freeing a freed or expired place, or an unknown ticket, does nothing.
   */
  cancelSlot(owner: string, slot: string): Promise<void>;
  /**
   * Records who submitted `taskId` and its polling host, for `ttlMs`, with the places it holds (none when the
   * limits are off), so that `releaseTask` can free them.
   */
  bindTask(taskId: string, binding: TaskBinding, places: readonly Place[], ttlMs: number): Promise<void>;
  /** The binding `bindTask` recorded, or `undefined` (unknown or expired). */
  getTask(taskId: string): Promise<TaskBinding | undefined>;
  /** Frees the places `taskId` holds (a poll saw it end); keeps its binding. Idempotent. */
  releaseTask(taskId: string): Promise<void>;
  /**
   * Claims `key` for `token` for `leaseMs` when no one holds it, and returns `undefined`; otherwise returns the
   * claim that holds it (`pending`, or `done` with its value). A lease that ran out frees the key.
   */
  claim(key: string, token: string, leaseMs: number): Promise<ClaimState | undefined>;
  /** The claim on `key`, or `undefined` when no one holds it. */
  peek(key: string): Promise<ClaimState | undefined>;
  /**
   * Ends `token`'s claim on `key` with `value`, kept for `ttlMs`: later claims and peeks answer `done`. Written
   * only while `key` is free or still pending under `token` (a settled value stays; a claim another run took
   * after this lease ran out is left to that run).
   */
  settle(key: string, token: string, value: string, ttlMs: number): Promise<void>;
  /** Drops `token`'s pending claim on `key` (its work failed), so that the next claim may run it again. */
  abandon(key: string, token: string): Promise<void>;
  /**
   * Optional: extends `token`'s pending claim on `key` to `leaseMs` from now, and says whether it still held it.
   * The proxy renews a claim while its work runs (an `onResult` slower than its lease), so no other instance
   * claims the key meanwhile; without it, work that outlives its lease may run again elsewhere.
   */
  renew?(key: string, token: string, leaseMs: number): Promise<boolean>;
  /**
   * Optional, for long polls across instances: sends `message` to the `subscribe`rs of `channel` on every
   * instance sharing the store, best effort (a listener that misses one hears the next). Without it, a long
   * poll hears only of changes seen on its own instance.
   */
  publish?(channel: string, message: string): Promise<void>;
  /** Optional, with `publish`: calls `listener` with each message on `channel` until the returned function runs. */
  subscribe?(channel: string, listener: (message: string) => void): Promise<() => void>;
}

/** A reserved place in a client's quota. */
export interface Slot {
  readonly client: string;
  readonly expiresAt: number;
  taskId?: string;
}

/**
 * Counts each client's active tasks (and submits in flight) so one client cannot use up the account's
 * concurrency at BFL. A slot is reserved before a submit is forwarded, bound to the task id when it succeeds,
 * and freed when a poll sees the task finish, when the submit fails, or after `ttlMs`.
 */
export class ClientLimiter {
  readonly #byClient = new Map<string, Set<Slot>>();
  readonly #byTask = new Map<string, Slot>();
  readonly #limit: number;
  readonly #ttlMs: number;
  readonly #now: () => number;
  #reserves = 0;

  constructor(limit: number, ttlMs: number, now: () => number = Date.now) {
    this.#limit = limit;
    this.#ttlMs = ttlMs;
    this.#now = now;
  }

  /** Reserves a slot for `client`, or returns `undefined` when the client is at its limit. */
  reserve(client: string): Slot | undefined {
    if (this.#limit === Infinity) return { client, expiresAt: Infinity };
    const now = this.#now();
    if (++this.#reserves % 1024 === 0) this.#sweep(now);
    let slots = this.#byClient.get(client);
    if (slots) {
      for (const slot of slots) if (slot.expiresAt <= now) this.#drop(slot);
      slots = this.#byClient.get(client);
    }
    if (slots && slots.size >= this.#limit) return undefined;
    const slot: Slot = { client, expiresAt: now + this.#ttlMs };
    if (!slots) this.#byClient.set(client, (slots = new Set()));
    slots.add(slot);
    return slot;
  }

  /** Binds a reserved slot to the task it created. */
  bind(slot: Slot, taskId: string): void {
    if (slot.expiresAt === Infinity) return;
    slot.taskId = taskId;
    this.#byTask.set(taskId, slot);
  }

  /** Frees a slot (a failed submit). */
  cancel(slot: Slot): void {
    this.#drop(slot);
  }

  /** Frees the slot of a finished task, if it holds one. */
  release(taskId: string): void {
    const slot = this.#byTask.get(taskId);
    if (slot) this.#drop(slot);
  }

  /** Active slots of `client` (for tests and logs). */
  active(client: string): number {
    return this.#byClient.get(client)?.size ?? 0;
  }

  #sweep(now: number): void {
    for (const slots of [...this.#byClient.values()]) {
      for (const slot of slots) if (slot.expiresAt <= now) this.#drop(slot);
    }
  }

  #drop(slot: Slot): void {
    const slots = this.#byClient.get(slot.client);
    if (slots) {
      slots.delete(slot);
      if (slots.size === 0) this.#byClient.delete(slot.client);
    }
    if (slot.taskId !== undefined && this.#byTask.get(slot.taskId) === slot) this.#byTask.delete(slot.taskId);
  }
}

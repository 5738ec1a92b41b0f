import { TaskMemo } from "../engine/TaskMemo";
import type { ClaimState, LineTicket, Place, ProxyStore, TaskBinding } from "./ProxyStore";

export interface MemoryStoreOptions {
  /**
   * The clock, in ms since the epoch: for tests.
   * @default Date.now
   */
  readonly now?: () => number;
}

type Claim =
  { readonly token: string; readonly done: false } | { readonly done: true; readonly value: string };

/**
 * The default store: this process's memory, nothing to set up. Its guarantees hold within one process only;
 * for several instances (serverless, a cluster, replicas behind a balancer) use `createRedisStore()`.
 * Bounded: it forgets the oldest tasks and claims past 100,000 of each.
 *
 * @example
 * const proxy = createFluxProxy({ allowAnonymous: true, store: createMemoryStore() });
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ProxyStore {
  const now = options.now ?? Date.now;
  /** Per owner (a client, the account): its places, by id, with their expiry. */
  const places = new Map<string, Map<string, number>>();
  /** Per owner, the tickets waiting for a place, in arrival order (a Map keeps it), with their expiry. */
  const lines = new Map<string, Map<string, number>>();
  const tasks = new TaskMemo<{ readonly binding: TaskBinding; places: readonly Place[] }>(100_000, 0, now);
  const claims = new TaskMemo<Claim>(100_000, 0, now);
  let nextSlot = 0;
  let reserves = 0;

  const held = (client: string, at: number): Map<string, number> | undefined => {
    const mine = places.get(client);
    if (!mine) return undefined;
    for (const [slot, expiresAt] of mine) if (expiresAt <= at) mine.delete(slot);
    if (mine.size === 0) places.delete(client);
    return mine.size === 0 ? undefined : mine;
  };
  const leave = (owner: string, ticket: string): void => {
    const line = lines.get(owner);
    if (line?.delete(ticket) && line.size === 0) lines.delete(owner);
  };
  /** Frees a place, or takes a ticket out of line: `cancelSlot` does both. */
  const free = (client: string, slot: string): void => {
    const mine = places.get(client);
    if (mine?.delete(slot) && mine.size === 0) places.delete(client);
    leave(client, slot);
  };
  /** `owner`'s line without its lapsed tickets. */
  const lineOf = (owner: string, at: number): Map<string, number> | undefined => {
    const line = lines.get(owner);
    if (!line) return undefined;
    for (const [id, expiresAt] of line) if (expiresAt <= at) line.delete(id);
    if (line.size === 0) lines.delete(owner);
    return line.size === 0 ? undefined : line;
  };
  const state = (claim: Claim | undefined): ClaimState | undefined =>
    claim === undefined
      ? undefined
      : claim.done
        ? { state: "done", value: claim.value }
        : { state: "pending" };

  const reserve = (
    client: string,
    limit: number,
    ttlMs: number,
    ticket: LineTicket | undefined,
  ): string | undefined => {
    const at = now();
    if (++reserves % 1024 === 0) {
      for (const name of [...places.keys()]) held(name, at);
      for (const name of [...lines.keys()]) lineOf(name, at);
    }
    let mine = held(client, at);
    const freePlaces = limit - (mine?.size ?? 0);
    let line = lineOf(client, at);
    // how many live tickets are ahead: those before this one in line, or every ticket for a newcomer
    let ahead = line?.size ?? 0;
    if (ticket && line?.has(ticket.id)) ahead = [...line.keys()].indexOf(ticket.id);
    if (ahead >= freePlaces) {
      if (ticket) {
        if (!line) lines.set(client, (line = new Map<string, number>()));
        // a renewal keeps the ticket's place in line (a Map keeps the first insertion's order)
        line.set(ticket.id, at + ticket.holdMs);
      }
      return undefined;
    }
    if (ticket) leave(client, ticket.id);
    if (!mine) places.set(client, (mine = new Map<string, number>()));
    const slot = String(++nextSlot);
    mine.set(slot, at + ttlMs);
    return slot;
  };
  const release = (taskId: string): void => {
    const task = tasks.get(taskId);
    if (task === undefined) return;
    for (const place of task.places) free(place.owner, place.slot);
    task.places = [];
  };
  const claim = (key: string, token: string, leaseMs: number): ClaimState | undefined => {
    const current = claims.get(key);
    if (current !== undefined) return state(current);
    claims.set(key, { token, done: false }, leaseMs);
    return undefined;
  };
  const settle = (key: string, token: string, value: string, ttlMs: number): void => {
    const current = claims.get(key);
    // free, or pending under this token: a settled value stays, another run's newer claim is left to it
    if (current === undefined || (!current.done && current.token === token))
      claims.set(key, { done: true, value }, ttlMs);
  };
  const abandon = (key: string, token: string): void => {
    const current = claims.get(key);
    if (current && !current.done && current.token === token) claims.delete(key);
  };
  const renew = (key: string, token: string, leaseMs: number): boolean => {
    const current = claims.get(key);
    if (!current || current.done || current.token !== token) return false;
    claims.set(key, current, leaseMs);
    return true;
  };

  /** Listeners by channel: this process is every instance there is. */
  const channels = new Map<string, Set<(message: string) => void>>();
  const publish = (channel: string, message: string): void => {
    const listeners = channels.get(channel);
    if (!listeners) return;
    // after the publisher moves on, as a message from another instance would arrive
    for (const listener of [...listeners]) queueMicrotask(() => listener(message));
  };
  const subscribe = (channel: string, listener: (message: string) => void): (() => void) => {
    let listeners = channels.get(channel);
    if (!listeners) channels.set(channel, (listeners = new Set()));
    const own = (message: string) => listener(message);
    listeners.add(own);
    return () => {
      listeners.delete(own);
      if (listeners.size === 0 && channels.get(channel) === listeners) channels.delete(channel);
    };
  };

  // Each method does its work before it returns its settled promise, so the state has changed by the time
  // a caller moves on.
  return {
    reserveSlot: (client, limit, ttlMs, ticket) => Promise.resolve(reserve(client, limit, ttlMs, ticket)),
    cancelSlot: (client, slot) => Promise.resolve(free(client, slot)),
    bindTask: (taskId, binding, held, ttlMs) =>
      Promise.resolve(tasks.set(taskId, { binding, places: [...held] }, ttlMs)),
    getTask: (taskId) => Promise.resolve(tasks.get(taskId)?.binding),
    releaseTask: (taskId) => Promise.resolve(release(taskId)),
    claim: (key, token, leaseMs) => Promise.resolve(claim(key, token, leaseMs)),
    peek: (key) => Promise.resolve(state(claims.get(key))),
    settle: (key, token, value, ttlMs) => Promise.resolve(settle(key, token, value, ttlMs)),
    abandon: (key, token) => Promise.resolve(abandon(key, token)),
    renew: (key, token, leaseMs) => Promise.resolve(renew(key, token, leaseMs)),
    publish: (channel, message) => Promise.resolve(publish(channel, message)),
    subscribe: (channel, listener) => Promise.resolve(subscribe(channel, listener)),
  };
}
